import type * as Yaml from 'yaml';
import type * as Zod from 'zod';
import { lazyRequire } from '../lazy-require.js';
import { STATUSES, type Roadmap } from './types.js';

const yaml = lazyRequire<typeof Yaml>('yaml');
const zod = lazyRequire<typeof Zod>('zod');
let schema: ReturnType<typeof roadmapSchemaOf> | undefined;

function roadmapSchemaOf({ z }: typeof Zod) {
  const localizedText = z.object({ en: z.string().min(1), zh: z.string().min(1) });
  const aliasList = z.array(z.union([z.string(), z.number()]).transform(String)).nullish().transform((v) => v ?? []);

  const entrySchema = z.object({
    id: z.number().int().min(0),
    slug: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'kebab-case'),
    stage: z.string(),
    status: z.enum(STATUSES),
    redirect: z.number().int().optional(),
    minutes: z.number().int().positive().default(30),
    prerequisites: z.array(z.number().int()).default([]),
    aliases: z.object({ en: aliasList, zh: aliasList }).default({ en: [], zh: [] }),
  });

  return z.object({
    title: localizedText,
    motto: localizedText,
    stages: z.array(z.object({ id: z.string(), title: localizedText })).min(1),
    lessons: z.array(entrySchema).min(1),
  });
}

/** Parses roadmap.yaml; returns the roadmap and the problems that make it unusable or wrong. */
export function parseRoadmap(source: string): { roadmap?: Roadmap; problems: string[] } {
  let data: unknown;
  try {
    data = yaml().parse(source);
  } catch (err) {
    return { problems: [`not valid YAML: ${(err as Error).message.split('\n')[0]}`] };
  }
  const parsed = (schema ??= roadmapSchemaOf(zod())).safeParse(data);
  if (!parsed.success) {
    return { problems: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`) };
  }
  const { title, motto, stages, lessons } = parsed.data;
  const roadmap: Roadmap = { title, motto, stages, entries: lessons };
  return { roadmap, problems: crossCheck(roadmap) };
}

function crossCheck(roadmap: Roadmap): string[] {
  const problems: string[] = [];
  const byId = new Map(roadmap.entries.map((e) => [e.id, e]));
  const stageIds = new Set(roadmap.stages.map((s) => s.id));
  const seen = new Set<number>();
  const slugs = new Set<string>();
  for (const e of roadmap.entries) {
    const at = `lesson ${e.id}`;
    if (seen.has(e.id)) problems.push(`${at}: id listed twice`);
    if (slugs.has(e.slug)) problems.push(`${at}: slug "${e.slug}" used twice`);
    seen.add(e.id);
    slugs.add(e.slug);
    if (!stageIds.has(e.stage)) problems.push(`${at}: unknown stage "${e.stage}"`);
    if (e.status === 'removed') {
      const target = e.redirect === undefined ? undefined : byId.get(e.redirect);
      if (!target) problems.push(`${at}: removed, so it needs a redirect to an existing lesson`);
      else if (target.status === 'removed') problems.push(`${at}: redirects to ${target.id}, which is removed too`);
    } else if (e.redirect !== undefined) {
      problems.push(`${at}: only a removed lesson may redirect`);
    }
    for (const p of e.prerequisites) {
      if (p === e.id) problems.push(`${at}: lists itself as a prerequisite`);
      else if (!byId.has(p)) problems.push(`${at}: prerequisite ${p} is not in the roadmap`);
    }
  }
  return problems;
}
