import { LOCALES } from '../i18n/locale.js';
import { pad, type LoadResult, type Problem } from './load-lessons.js';

/** The structural part of the content bar (shared/LESSONS.md) that a program can hold lessons to. */
export const BAR = { minWords: 600, minCodeBlocks: 3, minLinks: 2, maxLinks: 6, minQuestions: 3, maxQuestions: 5 };

export interface CheckSummary {
  problems: Problem[];
  written: number[];
  planned: number[];
  removed: number[];
}

/** Everything `lessons check` reports: load problems plus the content bar, lesson by lesson. */
export function checkLessons(result: LoadResult): CheckSummary {
  const problems = [...result.problems];
  const summary: CheckSummary = { problems, written: [], planned: [], removed: [] };
  for (const { entry, text: texts, stats } of result.reports) {
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
      if (n < BAR.minQuestions || n > BAR.maxQuestions) add(text.file, `has ${n} question pairs; needs ${BAR.minQuestions} to ${BAR.maxQuestions}`);
      if (s.codeBlocks < BAR.minCodeBlocks && entry.status !== 'optional') add(text.file, `has ${s.codeBlocks} code blocks; needs at least ${BAR.minCodeBlocks}`);
      if (s.links.length < BAR.minLinks) add(text.file, `has ${s.links.length} links; needs at least ${BAR.minLinks}`);
      for (const link of s.links.filter((l) => !isWellFormedUrl(l))) add(text.file, `malformed link: ${link}`);
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

function isWellFormedUrl(link: string): boolean {
  try {
    const url = new URL(link);
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.hostname.includes('.');
  } catch {
    return false;
  }
}
