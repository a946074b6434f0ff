import { markdownToPlain } from '../lessons/markdown.js';
import type { LessonSection, LessonText } from '../lessons/types.js';
import { normalizeWord } from './pipeline.js';
import { tokenize } from './tokenizer.js';

interface SectionTerms {
  section: LessonSection;
  plain: string;
  /** Each word's index term and where it stands in `plain`. */
  terms: { term: string; start: number }[];
}

const SNIPPET_LENGTH = 180;
// Sections a learner would rather land on; the quiz and the reading list only when nothing else matches.
const LAST_RESORT = new Set(['check', 'reading']);

/** Finds the section where a lesson best matches the query terms, and a snippet around the match. */
export class SnippetFinder {
  private readonly cache = new Map<LessonText, SectionTerms[]>();

  find(text: LessonText, queryTerms: Set<string>): { section: LessonSection; snippet: string } {
    let best: { s: SectionTerms; score: number; first: number } | undefined;
    for (const s of this.sections(text)) {
      const hits = s.terms.filter((t) => queryTerms.has(t.term));
      const distinct = new Set(hits.map((h) => h.term)).size;
      const score = distinct * 100 + hits.length - (LAST_RESORT.has(s.section.key) ? 1000 : 0);
      if (hits.length && (!best || score > best.score)) best = { s, score, first: hits[0]!.start };
    }
    const chosen = best?.s ?? this.sections(text)[0]!;
    return { section: chosen.section, snippet: excerpt(chosen.plain, best?.first ?? 0) };
  }

  private sections(text: LessonText): SectionTerms[] {
    let cached = this.cache.get(text);
    if (!cached) {
      cached = text.sections.map((section) => {
        const plain = markdownToPlain(section.markdown).replace(/\s+/g, ' ').trim();
        const terms = tokenize(plain).flatMap((t) => {
          const term = normalizeWord(t.text);
          return term ? [{ term, start: t.start }] : [];
        });
        return { section, plain, terms };
      });
      this.cache.set(text, cached);
    }
    return cached;
  }
}

/** About SNIPPET_LENGTH characters of `plain` around `at`, cut at word boundaries. */
export function excerpt(plain: string, at: number): string {
  let start = Math.max(0, at - 50);
  if (start > 0) {
    const sentence = plain.lastIndexOf('. ', at);
    const space = plain.indexOf(' ', start);
    start = sentence >= start - 30 && sentence >= 0 && sentence < at ? sentence + 2 : space >= 0 && space < at ? space + 1 : start;
  }
  let end = Math.min(plain.length, start + SNIPPET_LENGTH);
  if (end < plain.length) {
    const space = plain.lastIndexOf(' ', end);
    if (space > at) end = space;
  }
  return `${start > 0 ? '…' : ''}${plain.slice(start, end).trim()}${end < plain.length ? '…' : ''}`;
}
