import MiniSearch from 'minisearch';
import { LOCALES } from '../src/core/i18n/locale.js';
import type { LessonLibrary } from '../src/core/lessons/library.js';
import { markdownToPlain } from '../src/core/lessons/markdown.js';
import { SearchIndex } from '../src/core/search/search-index.js';
import { tokenize } from '../src/core/search/tokenizer.js';
import { percentile, round, timeEach } from './stats.js';

export interface SearchFigures {
  lessons: number;
  buildMs: number;
  serializedMB: number;
  loadMs: number;
  exactP50Ms: number;
  exactP99Ms: number;
  typoP50Ms: number;
  typoP99Ms: number;
  minisearch: { buildMs: number; exactP50Ms: number; exactP99Ms: number; fuzzyP50Ms: number; fuzzyP99Ms: number };
}

/** Our search and MiniSearch on the same corpus and the same queries. */
export function benchSearch(library: LessonLibrary, queries: string[], typos: string[], rounds: number): SearchFigures {
  let t = performance.now();
  const index = SearchIndex.build(library);
  const buildMs = performance.now() - t;
  const json = JSON.stringify(index.toJSON());
  t = performance.now();
  SearchIndex.load(library, JSON.parse(json) as object);
  const loadMs = performance.now() - t;
  const search = (q: string) => index.search(q, { locale: /\p{Script=Han}/u.test(q) ? 'zh' : 'en' });
  const exact = timeEach(queries, search, rounds);
  const typo = timeEach(typos, search, rounds);

  // MiniSearch with the same fields, boosts and CJK-aware tokenizer, so only the engine differs.
  t = performance.now();
  const mini = new MiniSearch<{ id: string; title: string; keywords: string; headings: string; body: string }>({
    fields: ['title', 'keywords', 'headings', 'body'],
    tokenize: (text) => tokenize(text).map((x) => x.text),
    searchOptions: { boost: { title: 6, keywords: 3, headings: 2 } },
  });
  mini.addAll(library.lessons.flatMap((l) => LOCALES.map((loc) => ({
    id: `${l.entry.id}:${loc}`, title: l.text[loc].title, keywords: [...l.text[loc].keywords, ...l.entry.aliases[loc]].join(' '),
    headings: l.text[loc].sections.flatMap((s) => s.subheadings).join(' '), body: l.text[loc].sections.map((s) => markdownToPlain(s.markdown)).join('\n'),
  }))));
  const miniBuild = performance.now() - t;
  const miniExact = timeEach(queries, (q) => mini.search(q), rounds);
  const miniFuzzy = timeEach(typos, (q) => mini.search(q, { fuzzy: 1 }), rounds);
  return {
    lessons: library.lessons.length,
    buildMs: round(buildMs, 0),
    serializedMB: round(json.length / 1e6, 1),
    loadMs: round(loadMs, 0),
    exactP50Ms: percentile(exact, 50),
    exactP99Ms: percentile(exact, 99),
    typoP50Ms: percentile(typo, 50),
    typoP99Ms: percentile(typo, 99),
    minisearch: {
      buildMs: round(miniBuild, 0),
      exactP50Ms: percentile(miniExact, 50), exactP99Ms: percentile(miniExact, 99),
      fuzzyP50Ms: percentile(miniFuzzy, 50), fuzzyP99Ms: percentile(miniFuzzy, 99),
    },
  };
}
