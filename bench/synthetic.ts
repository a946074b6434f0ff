import { LOCALES, type Localized } from '../src/core/i18n/locale.js';
import { LessonLibrary } from '../src/core/lessons/library.js';
import { SECTIONS } from '../src/core/lessons/sections.js';
import type { Lesson, LessonText, RoadmapEntry } from '../src/core/lessons/types.js';
import { seeded } from '../test/fuzz/hostile-inputs.js';

/**
 * A corpus of `count` lessons of about `words` words per language, drawn from the real lessons'
 * words (so term frequencies look like ours) plus invented identifiers, so the vocabulary grows
 * with the corpus as it would with real new topics.
 */
export function syntheticLibrary(real: LessonLibrary, count: number, words = 400, seed = 7): LessonLibrary {
  const random = seeded(seed);
  const pick = <T>(list: T[]) => list[Math.floor(random() * list.length)]!;
  const en = real.lessons.flatMap((l) => l.text.en.sections.flatMap((s) => s.markdown.split(/\s+/))).filter((w) => /^[A-Za-z][A-Za-z-]{2,}$/.test(w));
  const zhRuns = real.lessons.flatMap((l) => l.text.zh.sections.flatMap((s) => s.markdown.match(/\p{Script=Han}{2,8}/gu) ?? []));
  const invent = () => `${pick(en).toLowerCase().slice(0, 4)}${Math.floor(random() * 50_000).toString(36)}`;
  const entries: RoadmapEntry[] = [];
  const lessons: Lesson[] = [];
  for (let id = 0; id < count; id++) {
    const entry: RoadmapEntry = {
      id, slug: `topic-${id}`, stage: 'synthetic', status: 'core', minutes: 30, prerequisites: [],
      aliases: { en: [invent()], zh: [pick(zhRuns)] },
    };
    const text = {} as Localized<LessonText>;
    for (const locale of LOCALES) {
      const word = () => (locale === 'en' ? (random() < 0.05 ? invent() : pick(en)) : random() < 0.15 ? pick(en) : pick(zhRuns));
      // A 400-word English text is about 700 Chinese characters: about a third as many Han runs.
      const para = (n: number) => (locale === 'en' ? Array.from({ length: n }, word).join(' ') : Array.from({ length: Math.ceil(n / 3) }, word).join('，'));
      const per = Math.floor(words / SECTIONS.length);
      text[locale] = {
        locale, file: `${locale}/${id}.md`, title: para(4), summary: para(12), keywords: [word(), word(), word()], versions: '',
        sections: SECTIONS.map((s) => ({ key: s.key, heading: s.heading[locale], markdown: `### ${para(3)}\n\n${para(per)}`, subheadings: [] })),
        questions: [{ question: para(8), answer: para(12) }],
      };
      for (const s of text[locale].sections) s.subheadings = [s.markdown.split('\n')[0]!.slice(4)];
    }
    entries.push(entry);
    lessons.push({ entry, text });
  }
  return new LessonLibrary({ ...real.roadmap, stages: [{ id: 'synthetic', title: { en: 'Synthetic', zh: '合成' } }], entries }, lessons);
}
