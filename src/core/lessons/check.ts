import { LOCALES } from '../i18n/locale.js';
import { pad, type LoadResult, type Problem } from './load-lessons.js';
import { checkTypography } from './typography.js';
import { checkEnglishTypography } from './english-typography.js';
import { termKey } from '../search/search-index.js';
import type { Roadmap } from './types.js';

/** The structural part of the content bar (shared/LESSONS.md) that a program can hold lessons to. */
export const BAR = { minWords: 600, minCodeBlocks: 3, minLinks: 2, maxLinks: 6, minQuestions: 3, maxQuestions: 5 };

/**
 * `versions:` in the front matter is required: a learner must see which releases a lesson was
 * written and checked for (every lesson has one since the second edition).
 */
export const VERSIONS_REQUIRED = true;

export interface CheckSummary {
  problems: Problem[];
  /** Reported but not failing the check. */
  warnings: Problem[];
  written: number[];
  planned: number[];
  removed: number[];
}

/** Everything `lessons check` reports: load problems plus the content bar, lesson by lesson. */
export function checkLessons(result: LoadResult, only?: number[]): CheckSummary {
  const chosen = only?.length ? new Set(only) : undefined;
  // Load problems name a file; with a filter, keep those of the chosen lessons and of the roadmap.
  const problems = result.problems.filter((p) => !chosen || isAbout(p.file, chosen));
  const warnings: Problem[] = [];
  const summary: CheckSummary = { problems, warnings, written: [], planned: [], removed: [] };
  if (result.library) problems.push(...aliasProblems(result.library.roadmap).map((message) => ({ file: 'roadmap.yaml', message })));
  for (const { entry, text: texts, stats, source } of result.reports) {
    if (chosen && !chosen.has(entry.id)) continue;
    if (entry.status === 'planned') summary.planned.push(entry.id);
    else if (entry.status === 'removed') summary.removed.push(entry.id);
    else summary.written.push(entry.id);
    // Drafts of planned lessons are held to the bar too, so writers can check them before flipping status.
    const add = (file: string, message: string) => problems.push({ file, message });
    const locales = LOCALES.filter((l) => texts[l]);
    const counts = locales.map((l) => texts[l]!.questions.length);
    for (const locale of locales) {
      const text = texts[locale]!;
      const s = stats[locale]!;
      const n = text.questions.length;
      if (!text.versions) (VERSIONS_REQUIRED ? problems : warnings).push({ file: text.file, message: 'front matter: versions is missing (e.g. versions: "Linux 6.12, iproute2 6.15")' });
      if (n < BAR.minQuestions || n > BAR.maxQuestions) add(text.file, `has ${n} question pairs; needs ${BAR.minQuestions} to ${BAR.maxQuestions}`);
      if (s.codeBlocks < BAR.minCodeBlocks && entry.status !== 'optional') add(text.file, `has ${s.codeBlocks} code blocks; needs at least ${BAR.minCodeBlocks}`);
      if (s.links.length < BAR.minLinks) add(text.file, `has ${s.links.length} links; needs at least ${BAR.minLinks}`);
      for (const link of s.links) {
        const wrong = linkProblem(link);
        if (wrong) add(text.file, `link ${wrong}: ${link}`);
      }
      if (locale === 'zh' && source.zh) {
        for (const t of checkTypography(source.zh)) add(`${text.file}:${t.line}:${t.column}`, t.message);
      }
      if (locale === 'en' && source.en) {
        for (const t of checkEnglishTypography(source.en)) add(`${text.file}:${t.line}:${t.column}`, t.message);
      }
      if (locale === 'en' && entry.status !== 'optional' && s.words < BAR.minWords) {
        add(text.file, `has ${s.words} words of prose; a core lesson needs at least ${BAR.minWords}`);
      }
    }
    if (new Set(counts).size > 1) {
      add(`*/${pad(entry.id)}-${entry.slug}.md`, `question counts differ between languages (${locales.map((l, i) => `${l} ${counts[i]}`).join(', ')})`);
    }
  }
  return summary;
}

/** Whether a problem's file is one of the chosen lessons' (NN-slug.md) or not a lesson file at all. */
function isAbout(file: string, chosen: Set<number>): boolean {
  const m = /(?:^|[\\/])(\d{2,})-[^\\/]*\.md$/.exec(file);
  return !m || chosen.has(Number(m[1]));
}

/**
 * Each alias names one lesson, so typing it opens that lesson and not a list: across the roadmap
 * (a withdrawn entry's aliases count as its redirect target's) and once per language in a lesson.
 * Aliases are compared as search compares them (termKey), so "Controllers" and "controller" clash.
 */
export function aliasProblems(roadmap: Roadmap): string[] {
  const problems: string[] = [];
  const owners = new Map<string, { id: number; alias: string }>();
  for (const e of roadmap.entries) {
    const id = e.status === 'removed' && e.redirect !== undefined ? e.redirect : e.id;
    for (const locale of LOCALES) {
      const seen = new Set<string>();
      for (const alias of e.aliases[locale]) {
        const key = termKey(alias) || alias.trim().toLowerCase();
        if (seen.has(key)) problems.push(`lesson ${e.id}: alias "${alias}" is listed twice in ${locale}`);
        seen.add(key);
        const owner = owners.get(key);
        if (!owner) owners.set(key, { id, alias });
        else if (owner.id !== id) problems.push(`lesson ${e.id}: alias "${alias}" also names lesson ${owner.id} ("${owner.alias}"); an alias belongs to one lesson`);
      }
    }
  }
  return problems;
}

/** Why a lesson link is not one a learner can open, or undefined when it is fine. */
export function linkProblem(link: string): string | undefined {
  if (/\s/.test(link)) return 'has a space';
  let url: URL;
  try {
    url = new URL(link);
  } catch {
    return 'is not a URL';
  }
  if (url.protocol !== 'https:') return 'is not https';
  if (!/^[a-z0-9-]+(\.[a-z0-9-]+)+$/i.test(url.hostname)) return 'has no host name';
  if (/[.,;:!?'"]$/.test(link)) return 'ends with punctuation';
  return undefined;
}
