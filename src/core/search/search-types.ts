import type { Locale } from '../i18n/locale.js';
import type { SectionKey } from '../lessons/sections.js';

export interface SearchHit {
  id: number;
  title: string;
  score: number;
  /** The heading of the section that matches best, in the hit's language. */
  section: string;
  sectionKey: SectionKey;
  snippet: string;
  /** The language the snippet is in (the asker's, when that document matched). */
  locale: Locale;
  /** Set when a withdrawn lesson number was asked for and this is where it points. */
  redirectedFrom?: number;
}

export interface SearchResult {
  hits: SearchHit[];
  /** Misspelt words and what they were read as. */
  corrections: { from: string; to: string }[];
  /** True when the text held nothing searchable (empty, punctuation, only stop words). */
  noTerms: boolean;
  /** True when the text had words, but only ones too common to search for (the, of, and). */
  commonWords?: boolean;
  /** True when the text read as code and was looked for in the lessons' code only. */
  code?: boolean;
}

export interface Suggestion {
  id: number;
  title: string;
  /** The `###` heading the typed word matched, when it matched one. */
  heading?: string;
}

export interface SearchOptions {
  locale: Locale;
  limit?: number;
  /** The words as typed: no spelling correction (the learner chose their own spelling over ours). */
  exact?: boolean;
}
