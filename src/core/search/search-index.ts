import type { Locale } from '../i18n/locale.js';
import type { LessonLibrary } from '../lessons/library.js';
import { buildLunrIndex, FIELDS, parseRef } from './build-index.js';
import { CompactIndex, IN_LABEL, IN_NAME, type SerializedCompactIndex } from './compact-index.js';
import { rankHits, type Phrase } from './rank-hits.js';
import type { SearchOptions, SearchResult, Suggestion } from './search-types.js';

export type { SearchHit, SearchOptions, SearchResult, Suggestion } from './search-types.js';
import { sectionHeading } from '../lessons/sections.js';
import { normalizeWord } from './pipeline.js';
import { SnippetFinder } from './snippet.js';
import { isCjkTerm, tokenize } from './tokenizer.js';
import { Vocabulary } from './typo.js';

/** Longest text considered: a 10,000-character paste is searched by its first words only. */
export const MAX_QUERY_CHARS = 256;
const MAX_TERMS = 24;
const LESSON_NUMBER = /^\s*(?:#|lesson\s*|第\s*)?(\d{1,4})\s*(?:课)?\s*$/i;
/** A Chinese run long enough to be a phrase rather than one word. */
const CJK_PHRASE = /\p{Script=Han}{3,}/gu;
/**
 * Text that reads as code, not words: markup (`<script>`), shell ($VAR, a | b, a=b, ;), braces,
 * a path from the root (/etc/hosts), or an option (-c, --network). Such a query is looked for in the lessons'
 * code, as written: its words alone ("script") would match prose by accident.
 */
const CODE_LIKE = /[<>{}$|;=`\\]|(?:^|\s)--?[a-z]|^\/\w/i;

/** Full-text search and autocomplete over the lessons of both languages, from one Lunr index. */
export class SearchIndex {
  private readonly vocabulary: Vocabulary;
  private readonly snippets = new SnippetFinder();
  /** Each alias, as the terms it normalizes to, and the lessons it names. */
  private readonly aliases = new Map<string, Set<number>>();
  /** Each document's lesson and language, parsed from its ref once. */
  private readonly docLesson: Int32Array;
  private readonly docLocale: Locale[];

  private constructor(
    private readonly library: LessonLibrary,
    private readonly index: CompactIndex,
  ) {
    this.vocabulary = new Vocabulary(index.terms, (term) => index.documentCount(term));
    const parsed = index.refs.map(parseRef);
    this.docLesson = Int32Array.from(parsed.map((p) => p.id));
    this.docLocale = parsed.map((p) => p.locale);
    for (const lesson of library.lessons) {
      for (const alias of [...library.aliasesOf(lesson.entry.id, 'en'), ...library.aliasesOf(lesson.entry.id, 'zh')]) {
        const key = termKey(alias);
        if (!key) continue;
        const ids = this.aliases.get(key) ?? new Set<number>();
        ids.add(lesson.entry.id);
        this.aliases.set(key, ids);
      }
    }
  }

  /** Lunr indexes the lessons; the result is compiled for querying (see compact-index.ts). */
  static build(library: LessonLibrary): SearchIndex {
    const lunrIndex = buildLunrIndex(library.lessons, (id, locale) => library.aliasesOf(id, locale));
    return new SearchIndex(library, CompactIndex.fromLunr(lunrIndex, FIELDS.map((f) => f.name)));
  }

  /** Loads an index serialized by toJSON() for the same lessons (see index-cache.ts). */
  static load(library: LessonLibrary, serialized: object): SearchIndex {
    return new SearchIndex(library, CompactIndex.fromJSON(serialized as SerializedCompactIndex));
  }

  toJSON(): object {
    return this.index.toJSON();
  }

  search(text: string, options: SearchOptions): SearchResult {
    const limit = options.limit ?? 8;
    // A bare number is a lesson; one that is not (4789, 6653: ports) is searched as text.
    const number = LESSON_NUMBER.exec(text);
    const byNumber = number ? this.byNumber(Number(number[1]), options.locale) : undefined;
    if (byNumber?.hits.length) return byNumber;
    if (CODE_LIKE.test(text)) return this.inCode(text.slice(0, MAX_QUERY_CHARS), options);
    const words = [...new Set(tokenize(text.slice(0, MAX_QUERY_CHARS)).map((t) => t.text))].slice(0, MAX_TERMS);
    const corrections: SearchResult['corrections'] = [];
    const terms = new Set<string>();
    // "stateful set", "open vswitch", "config map": two typed words that the lessons write as one.
    const content = words.filter((w) => !isCjkTerm(w) && normalizeWord(w));
    for (let i = 0; i + 1 < content.length; i++) {
      const joined = normalizeWord(content[i]! + content[i + 1]!);
      if (!joined) continue;
      const known = this.known(joined) ? joined : this.vocabulary.correct(joined, 1, true);
      if (known) terms.add(known);
    }
    for (const word of words) {
      const term = normalizeWord(word);
      // A lone Latin letter or digit ("x", the 2 of "^2") matches noise, not meaning.
      if (!term || (term.length < 2 && !isCjkTerm(term))) continue;
      if (this.known(term)) terms.add(term);
      else if (!options.exact) {
        const fixed = this.vocabulary.correct(term);
        if (fixed) {
          terms.add(fixed);
          corrections.push({ from: word, to: fixed });
        }
      }
    }
    if (terms.size === 0) {
      const noTerms = words.every((w) => !normalizeWord(w));
      return { hits: [], corrections, noTerms, ...(noTerms && words.length ? { commonWords: true } : {}) };
    }
    const matches = this.index.score([...terms]);
    const named = this.aliases.get(termKey(text.slice(0, MAX_QUERY_CHARS)));
    const docs = { lesson: this.docLesson, locale: this.docLocale };
    const askedOther = options.locale === 'en' && /\p{Script=Han}/u.test(text);
    const hits = rankHits({ library: this.library, snippets: this.snippets, docs }, matches, terms, options.locale, limit, named, phrasesOf(text, [...terms]), askedOther);
    return { hits, corrections: corrections.map((c) => ({ ...c, to: this.spelled(c.from, c.to, hits) })), noTerms: false };
  }

  /**
   * A correction as the lessons spell it: the index holds stems ("kubernet"), the learner should
   * read the word ("kubernetes"), taken from the lessons the search found.
   */
  private spelled(typed: string, term: string, hits: SearchResult['hits']): string {
    const counts = new Map<string, number>();
    for (const hit of hits) this.snippets.spellings(this.library.get(hit.id)!.text[hit.locale], term, counts);
    // The spelling nearest the typed word's length ("namespace" for namspace, not "namespaces"), then the commonest.
    const near = (w: string) => Math.abs(w.length - typed.length);
    return [...counts].sort((a, b) => near(a[0]) - near(b[0]) || b[1] - a[1] || a[0].localeCompare(b[0]))[0]?.[0] ?? term;
  }

  /** A code fragment, looked for as written (case and spacing aside) in the code of each lesson. */
  private inCode(text: string, options: SearchOptions): SearchResult {
    const fragment = text.replace(/\s+/g, ' ').trim().toLowerCase();
    const found: SearchResult['hits'] = [];
    for (const lesson of this.library.lessons) {
      // The learner's language first: code is mostly the same in both, the section heading is not.
      for (const locale of [options.locale, options.locale === 'en' ? 'zh' : 'en'] as const) {
        const match = this.snippets.inCode(lesson.text[locale], fragment);
        if (!match) continue;
        found.push({
          id: lesson.entry.id, title: lesson.text[options.locale].title, score: match.count,
          section: sectionHeading(match.section.key, locale), sectionKey: match.section.key, snippet: match.snippet, locale,
        });
        break;
      }
    }
    const hits = found.sort((a, b) => b.score - a.score || a.id - b.id).slice(0, options.limit ?? 8);
    return { hits, corrections: [], noTerms: false, code: true };
  }

  /** Lessons whose title, alias, keyword or heading starts with the last word typed. */
  suggest(text: string, options: SearchOptions): Suggestion[] {
    const limit = options.limit ?? 25;
    const trimmed = text.slice(0, MAX_QUERY_CHARS).trim();
    const lessons = this.library.lessons;
    const suggestion = (id: number, heading?: string): Suggestion => ({ id, title: this.library.get(id)!.text[options.locale].title, heading });
    if (!trimmed) return lessons.slice(0, limit).map((l) => suggestion(l.entry.id));
    if (/^\d+$/.test(trimmed)) {
      return lessons
        .filter((l) => String(l.entry.id).startsWith(trimmed))
        .sort((a, b) => Number(String(b.entry.id) === trimmed) - Number(String(a.entry.id) === trimmed))
        .slice(0, limit)
        .map((l) => suggestion(l.entry.id));
    }
    const tokens = tokenize(trimmed);
    const last = tokens.at(-1);
    if (!last) return [];
    const exact = tokens.slice(0, -1).flatMap((t) => normalizeWord(t.text) ?? []).filter((t) => this.known(t));
    // The word being typed is a prefix: every indexed term it starts (the commonest 24).
    const prefixTerms = last.cjk ? [last.text] : this.index.termsWithPrefix(last.text, 24);
    const matches = this.index.score([...exact.slice(0, 8), ...prefixTerms], IN_NAME | IN_LABEL);
    const best = new Map<number, number>();
    for (let i = 0; i < matches.count; i++) {
      const id = this.docLesson[matches.docs[i]!]!;
      best.set(id, Math.max(best.get(id) ?? 0, matches.scores[i]!));
    }
    return [...best]
      .sort((a, b) => b[1] - a[1] || a[0] - b[0])
      .slice(0, limit)
      .map(([id]) => {
        const heading = this.library.get(id)!.text[options.locale].sections
          .flatMap((s) => s.subheadings)
          .find((h) => tokenize(h).some((t) => t.text.startsWith(last.text)));
        return suggestion(id, heading);
      });
  }

  private known(term: string): boolean {
    return this.index.has(term);
  }

  private byNumber(id: number, locale: Locale): SearchResult {
    const found = this.library.lookup(id);
    if (found.kind !== 'lesson') return { hits: [], corrections: [], noTerms: false };
    const text = found.lesson.text[locale];
    const first = text.sections[0]!;
    return {
      hits: [{
        id: found.lesson.entry.id, title: text.title, score: 1, section: first.heading, sectionKey: first.key,
        snippet: text.summary, locale, redirectedFrom: found.redirectedFrom,
      }],
      corrections: [],
      noTerms: false,
    };
  }
}

/** The query's Chinese phrases, each with the bits of its bigrams among `terms` (the order given to the index). */
function phrasesOf(text: string, terms: string[]): Phrase[] {
  const phrases: Phrase[] = [];
  for (const [run] of text.slice(0, MAX_QUERY_CHARS).matchAll(CJK_PHRASE)) {
    let mask = 0;
    let complete = true;
    for (let i = 0; i + 1 < run.length; i++) {
      const bit = terms.indexOf(run.slice(i, i + 2));
      if (bit < 0 || bit >= 32) complete = false;
      else mask |= 1 << bit;
    }
    if (complete) phrases.push({ text: run, mask });
  }
  return phrases;
}

/** Text as the sequence of index terms it normalizes to: how aliases and queries are compared. */
export function termKey(text: string): string {
  return tokenize(text).flatMap((t) => normalizeWord(t.text) ?? []).join(' ');
}
