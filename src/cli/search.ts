import { loadLessons } from '../core/lessons/load-lessons.js';
import { SearchIndex } from '../core/search/search-index.js';

export interface SearchCliOptions {
  dir: string;
  text: string;
  json: boolean;
  limit: number;
}

/** `cli search [--json] <text>`: the ranked results, as a JSON array or as lines. */
export function runSearch(o: SearchCliOptions, out: (line: string) => void): number {
  const { library, problems } = loadLessons(o.dir);
  if (!library) {
    for (const p of problems) out(`${p.file}: ${p.message}`);
    return 1;
  }
  const locale = /\p{Script=Han}/u.test(o.text) ? 'zh' : 'en';
  const result = SearchIndex.build(library).search(o.text, { locale, limit: o.limit });
  const rows = result.hits.map(({ id, title, score, section, snippet }) => ({ id, title, score, section, snippet }));
  if (o.json) out(JSON.stringify(rows, null, 2));
  else if (!rows.length) out('no results');
  else for (const r of rows) out(`${String(r.id).padStart(2)}  ${r.title}  (${r.score}, ${r.section})\n    ${r.snippet}`);
  return 0;
}
