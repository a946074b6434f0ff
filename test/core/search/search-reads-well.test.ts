import { beforeAll, describe, expect, it } from 'vitest';
import type { LessonLibrary } from '../../../src/core/lessons/library.js';
import { loadLessons } from '../../../src/core/lessons/load-lessons.js';
import { SearchIndex } from '../../../src/core/search/search-index.js';

// Issue 17, "Search that reads well": what a learner sees in the hits, not just which lesson wins.
let library: LessonLibrary;
let index: SearchIndex;
beforeAll(() => {
  library = loadLessons('lessons').library!;
  index = SearchIndex.build(library);
});

/** Whether lesson `id` holds `phrase` as written, in its title, an alias or a section, in `locale`. */
const holds = (id: number, phrase: string, locale: 'en' | 'zh') => {
  const text = library.get(id)!.text[locale];
  return text.title.includes(phrase) || library.aliasesOf(id, locale).includes(phrase) || text.sections.some((s) => s.markdown.includes(phrase));
};

describe('a Chinese phrase', () => {
  it.each(['灰度发布', '半虚拟化', '整体架构', '配置文件', '后端文件', '滚动更新'])('%s: lessons holding the phrase come before lessons holding only part of it', (phrase) => {
    const hits = index.search(phrase, { locale: 'zh', limit: 20 }).hits;
    const holding = hits.map((h) => holds(h.id, phrase, 'zh'));
    expect(holding[0]).toBe(true);
    // Once a hit lacks the phrase, no later hit has it.
    const firstWithout = holding.indexOf(false);
    const laterWith = firstWithout < 0 ? [] : hits.filter((h, i) => i > firstWithout && holding[i]).map((h) => h.id);
    expect(laterWith, hits.map((h, i) => `${h.id}:${holding[i]}`).join(' ')).toEqual([]);
  });

  it.each(['灰度发布', '滚动更新', '服务发现'])('%s: the snippet of every lesson holding it shows it', (phrase) => {
    const inText = (id: number) => library.get(id)!.text.zh.sections.some((s) => s.markdown.includes(phrase));
    const hits = index.search(phrase, { locale: 'zh', limit: 20 }).hits.filter((h) => inText(h.id));
    expect(hits.length).toBeGreaterThan(0);
    expect(hits.filter((h) => !h.snippet.includes(phrase)).map((h) => `${h.id}: ${h.snippet}`)).toEqual([]);
  });
});

describe('the learner’s language', () => {
  it.each<[string, 'en' | 'zh']>([
    ['kubernetes', 'zh'], ['vxlan', 'zh'], ['service', 'zh'], ['docker', 'zh'], ['kubernetes', 'en'], ['namespace', 'en'],
  ])('%s for a %s learner quotes only lessons in that language', (query, locale) => {
    const hits = index.search(query, { locale, limit: 20 }).hits;
    expect(hits.length).toBeGreaterThan(0);
    expect(hits.filter((h) => h.locale !== locale).map((h) => h.id)).toEqual([]);
  });

  it('answers Chinese words from an English learner from the Chinese lessons too', () => {
    const ids = index.search('灰度发布', { locale: 'en' }).hits.map((h) => h.id);
    expect(ids[0]).toBe(37);
    expect(ids).toEqual(expect.arrayContaining([26, 42]));
  });
});

describe('a snippet', () => {
  it.each<[string, 'en' | 'zh']>([
    ['control loops', 'en'], ['desired state', 'en'], ['endpointslice', 'en'], ['vxlan header', 'en'], ['期望状态', 'zh'], ['控制循环', 'zh'], ['iptables', 'en'], ['namespace', 'zh'],
  ])('never starts inside a heading (%s, %s)', (query, locale) => {
    const broken: string[] = [];
    for (const hit of index.search(query, { locale, limit: 20 }).hits) {
      const start = hit.snippet.replace(/^…/, '');
      const headings = library.get(hit.id)!.text[hit.locale].sections.flatMap((s) => s.subheadings);
      for (const h of headings) {
        // A tail of a heading, then the colon that ends it: the snippet begins mid-heading.
        for (let i = 1; i < h.length; i++) if (start.startsWith(`${h.slice(i)}:`) || start.startsWith(`${h.slice(i)}：`)) broken.push(`${hit.id} "${h}": ${hit.snippet}`);
      }
    }
    expect(broken).toEqual([]);
  });

  it('shows where a heading ends and its text begins', () => {
    const hit = index.search('desired state control loops', { locale: 'en' }).hits[0]!;
    expect(hit.id).toBe(34);
    expect(hit.snippet).toMatch(/^Desired state and control loops: Every Kubernetes object/);
  });
});

describe('a code fragment', () => {
  it.each([['<script>'], ['<div class="x">'], ['$NO_SUCH_VARIABLE'], ['a | b']])('%s that no lesson has in its code matches nothing, not prose about the word', (query) => {
    expect(index.search(query, { locale: 'en' })).toMatchObject({ hits: [], code: true });
  });

  it.each<[string, number]>([['--network host', 22], ['docker run --rm', 22], ['-n hosta link add vxlan100', 15]])('%s finds the lessons whose code has it, the code quoted', (query, id) => {
    const hits = index.search(query, { locale: 'en' }).hits;
    expect(hits.map((h) => h.id)).toContain(id);
    for (const h of hits) expect(h.snippet.toLowerCase()).toContain(query);
  });

  it('is not a hyphenated word or a slash between words', () => {
    expect(index.search('cloud-init', { locale: 'en' }).code).toBeUndefined();
    expect(index.search('a/b testing', { locale: 'en' }).hits[0]?.id).toBe(37);
  });
});

describe('a corrected typo', () => {
  it.each<[string, string]>([['kubernetis', 'kubernetes'], ['kuberntes', 'kubernetes'], ['vxaln', 'vxlan'], ['iptabels', 'iptables'], ['namspace', 'namespace']])('%s is read as the word %s, as the lessons spell it', (typed, word) => {
    expect(index.search(typed, { locale: 'en' }).corrections).toEqual([{ from: typed, to: word }]);
  });

  it('is left as typed when asked for exactly', () => {
    expect(index.search('kubernetis', { locale: 'en', exact: true })).toMatchObject({ hits: [], corrections: [] });
  });
});
