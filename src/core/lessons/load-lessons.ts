import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { LOCALES, type Localized } from '../i18n/locale.js';
import { LessonLibrary } from './library.js';
import { parseLesson, type LessonStats } from './parse-lesson.js';
import { parseRoadmap } from './roadmap.js';
import type { Lesson, LessonText, Roadmap, RoadmapEntry } from './types.js';

export interface Problem {
  file: string;
  message: string;
}

/** A lesson's files as read, with the figures the checker needs. */
export interface LessonReport {
  entry: RoadmapEntry;
  text: Partial<Localized<LessonText>>;
  stats: Partial<Localized<LessonStats>>;
  /** Each file as read, for checks that look at the Markdown itself (Chinese typography). */
  source: Partial<Localized<string>>;
}

export interface LoadResult {
  library?: LessonLibrary;
  problems: Problem[];
  reports: LessonReport[];
}

/**
 * Reads lessons/roadmap.yaml and every lesson file. Problems are collected, not thrown, so that
 * `lessons check` can list them all; the bot serves every lesson whose files parse.
 */
export function loadLessons(dir: string): LoadResult {
  const roadmapFile = join(dir, 'roadmap.yaml');
  if (!existsSync(roadmapFile)) return { problems: [{ file: roadmapFile, message: 'not found' }], reports: [] };
  const { roadmap, problems: roadmapProblems } = parseRoadmap(readFileSync(roadmapFile, 'utf8'));
  const problems: Problem[] = roadmapProblems.map((message) => ({ file: roadmapFile, message }));
  if (!roadmap) return { problems, reports: [] };

  const files = listLessonFiles(dir, roadmap, problems);
  const lessons: Lesson[] = [];
  const reports: LessonReport[] = [];
  for (const entry of roadmap.entries) {
    const report: LessonReport = { entry, text: {}, stats: {}, source: {} };
    const text = report.text;
    for (const locale of LOCALES) {
      const file = files.get(`${locale}/${entry.id}`);
      if (!file) continue;
      const source = readFileSync(join(dir, file), 'utf8');
      const parsed = parseLesson(source, locale, file);
      report.source[locale] = source;
      problems.push(...parsed.problems.map((message) => ({ file, message })));
      text[locale] = parsed.text;
      report.stats[locale] = parsed.stats;
    }
    reports.push(report);
    const present = LOCALES.filter((l) => text[l]);
    if (entry.status === 'planned' || entry.status === 'removed') {
      if (present.length) {
        problems.push({ file: roadmapFile, message: `lesson ${entry.id} is ${entry.status} but has files: write it fully and set its status, or remove the files` });
      }
      continue;
    }
    for (const l of LOCALES.filter((l) => !text[l])) {
      problems.push({ file: join(l, `${pad(entry.id)}-${entry.slug}.md`), message: `missing: lesson ${entry.id} is ${entry.status}, so it needs a ${l} file` });
    }
    if (present.length === LOCALES.length) lessons.push({ entry, text: text as Localized<LessonText> });
  }
  return { library: new LessonLibrary(roadmap, lessons), problems, reports };
}

export function pad(id: number): string {
  return String(id).padStart(2, '0');
}

/** Maps `locale/id` to the file's path relative to dir; flags files that match no roadmap entry. */
function listLessonFiles(dir: string, roadmap: Roadmap, problems: Problem[]): Map<string, string> {
  const files = new Map<string, string>();
  const bySlug = new Map(roadmap.entries.map((e) => [`${pad(e.id)}-${e.slug}.md`, e]));
  for (const locale of LOCALES) {
    const folder = join(dir, locale);
    if (!existsSync(folder)) continue;
    for (const name of readdirSync(folder).filter((n) => n.endsWith('.md')).sort()) {
      const entry = bySlug.get(name);
      if (entry) files.set(`${locale}/${entry.id}`, join(locale, name));
      else problems.push({ file: join(locale, name), message: 'matches no roadmap entry (expected NN-slug.md with the id and slug of roadmap.yaml)' });
    }
  }
  return files;
}
