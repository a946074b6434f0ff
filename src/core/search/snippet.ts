import { markdownToBlocks } from '../lessons/markdown.js';
import type { LessonSection, LessonText } from '../lessons/types.js';
import { normalizeWord } from './pipeline.js';
import { tokenize } from './tokenizer.js';

interface Code {
  text: string;
  lower: string;
}

/** A stretch of a section's plain text: a `###` heading, or code (a code block, inline code). */
interface Span {
  start: number;
  end: number;
}

interface SectionTerms {
  section: LessonSection;
  plain: string;
  /** Each word's index term and where it stands in `plain`. */
  terms: { term: string; start: number; end: number }[];
  /** The `###` headings in `plain`: a snippet starts at one, never inside it. */
  headings: Span[];
  /** The code in the section, spaces collapsed, and lowercased for matching. */
  code: Code[];
}

const SNIPPET_LENGTH = 180;
// Sections a learner would rather land on; the quiz and the reading list only when nothing else matches.
const LAST_RESORT = new Set(['check', 'reading']);

/** Finds the section where a lesson best matches the query terms, and a snippet around the match. */
export class SnippetFinder {
  private readonly cache = new Map<LessonText, SectionTerms[]>();

  /**
   * The best section and a snippet. `phrases` (Chinese runs of three characters or more, as typed)
   * weigh most: a section that holds the phrase wins, and the snippet is centred on it.
   */
  find(text: LessonText, queryTerms: Set<string>, phrases: readonly string[] = []): { section: LessonSection; snippet: string } {
    let best: { s: SectionTerms; score: number; first: number } | undefined;
    for (const s of this.sections(text)) {
      const hits = s.terms.filter((t) => queryTerms.has(t.term));
      const phraseAt = phrases.map((p) => s.plain.indexOf(p)).filter((i) => i >= 0);
      const distinct = new Set(hits.map((h) => h.term)).size;
      const score = phraseAt.length * 10_000 + distinct * 100 + hits.length - (LAST_RESORT.has(s.section.key) ? 1000 : 0);
      const first = phraseAt.length ? Math.min(...phraseAt) : hits[0]?.start;
      if (first !== undefined && (!best || score > best.score)) best = { s, score, first };
    }
    const chosen = best?.s ?? this.sections(text)[0]!;
    return { section: chosen.section, snippet: excerpt(chosen.plain, best?.first ?? 0, chosen.headings) };
  }

  /** How many of `phrases` the lesson text (its title or a section) holds, as written. */
  phraseCount(text: LessonText, phrases: readonly string[]): number {
    const sections = this.sections(text);
    return phrases.filter((p) => text.title.includes(p) || sections.some((s) => s.plain.includes(p))).length;
  }

  /** The ways `term` is written in the text, lowercased ("kubernetes" for kubernet), counted into `counts`. */
  spellings(text: LessonText, term: string, counts: Map<string, number>): void {
    for (const s of this.sections(text)) {
      for (const t of s.terms) {
        if (t.term !== term) continue;
        const word = s.plain.slice(t.start, t.end).toLowerCase();
        counts.set(word, (counts.get(word) ?? 0) + 1);
      }
    }
  }

  /** The sections whose code holds `fragment` (lowercased, spaces collapsed), with a snippet of that code. */
  inCode(text: LessonText, fragment: string): { section: LessonSection; snippet: string; count: number } | undefined {
    let found: { section: LessonSection; snippet: string; count: number } | undefined;
    for (const s of this.sections(text)) {
      for (const c of s.code) {
        const i = c.lower.indexOf(fragment);
        if (i < 0) continue;
        if (!found) found = { section: s.section, snippet: codeExcerpt(c.text, i, fragment.length), count: 0 };
        found.count += c.lower.split(fragment).length - 1;
      }
    }
    return found;
  }

  private sections(text: LessonText): SectionTerms[] {
    let cached = this.cache.get(text);
    if (!cached) {
      cached = text.sections.map((section) => {
        const { plain, headings, code } = plainWithSpans(section.markdown);
        const terms = tokenize(plain).flatMap((t) => {
          const term = normalizeWord(t.text);
          return term ? [{ term, start: t.start, end: t.end }] : [];
        });
        return { section, plain, terms, headings, code };
      });
      this.cache.set(text, cached);
    }
    return cached;
  }
}

const INLINE_CODE = /`([^`]*)`/g;

/**
 * A section's Markdown as one line of readable text (what markdownToPlain gives, spaces collapsed),
 * with where its headings and its code stand in it.
 */
function plainWithSpans(markdown: string): { plain: string; headings: Span[]; code: Code[] } {
  let plain = '';
  const headings: Span[] = [];
  const code: Code[] = [];
  const addCode = (raw: string) => {
    const text = collapse(raw);
    code.push({ text, lower: text.toLowerCase() });
  };
  for (const b of markdownToBlocks(markdown)) {
    const raw = b.kind === 'list' ? b.items.join('\n') : b.text;
    if (plain) plain += ' ';
    const at = plain.length;
    if (b.kind === 'code') {
      addCode(raw);
      plain += collapse(raw);
      continue;
    }
    // Inline code is code too: `--network host` in a sentence is a command, not prose.
    for (const m of raw.matchAll(INLINE_CODE)) addCode(m[1]!);
    const text = collapse(raw.replace(INLINE_CODE, '$1').replace(/\*\*([^*]*)\*\*/g, '$1').replace(/\[([^\]]*)\]\([^)]*\)/g, '$1'));
    if (b.kind === 'heading') {
      headings.push({ start: at, end: at + text.length });
      // The heading runs into the text under it: a colon shows where it ends ("Key ideas: A Service…").
      plain += /[\p{P}]$/u.test(text) ? text : `${text}${/\p{Script=Han}/u.test(text) ? '：' : ':'}`;
      continue;
    }
    plain += text;
  }
  return { plain, headings, code };
}

function collapse(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}

/** About SNIPPET_LENGTH characters of `plain` around `at`, cut at word boundaries, never starting inside a heading. */
export function excerpt(plain: string, at: number, headings: readonly Span[] = []): string {
  let start = Math.max(0, at - 50);
  if (start > 0) {
    const sentence = plain.lastIndexOf('. ', at);
    const space = plain.indexOf(' ', start);
    start = sentence >= start - 30 && sentence >= 0 && sentence < at ? sentence + 2 : space >= 0 && space < at ? space + 1 : start;
  }
  // A heading runs into the text under it ("Desired state and control loops Every Kubernetes
  // object…"): starting inside one reads as nonsense, so start at the heading itself.
  const inside = headings.find((h) => start > h.start && start < h.end + 1);
  if (inside) start = inside.start;
  let end = Math.min(plain.length, start + SNIPPET_LENGTH);
  if (end < plain.length) {
    const space = plain.lastIndexOf(' ', end);
    if (space > at) end = space;
  }
  return `${start > 0 ? '…' : ''}${plain.slice(start, end).trim()}${end < plain.length ? '…' : ''}`;
}

/** The code around a match, about SNIPPET_LENGTH characters. */
function codeExcerpt(code: string, at: number, length: number): string {
  const start = Math.max(0, at - 40);
  const end = Math.min(code.length, Math.max(start + SNIPPET_LENGTH, at + length));
  return `${start > 0 ? '…' : ''}${code.slice(start, end)}${end < code.length ? '…' : ''}`;
}
