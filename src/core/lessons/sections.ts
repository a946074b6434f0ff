import type { Localized } from '../i18n/locale.js';

/** The fixed sections of every lesson, in order; the one list the parser, checker and views use. */
export const SECTIONS = [
  { key: 'why', heading: { en: 'Why it matters', zh: '为什么重要' }, required: true },
  { key: 'ideas', heading: { en: 'Key ideas', zh: '核心概念' }, required: true },
  { key: 'try', heading: { en: 'Try it', zh: '动手练习' }, required: true },
  { key: 'today', heading: { en: 'Current practice', zh: '现状' }, required: false },
  { key: 'check', heading: { en: 'Check yourself', zh: '自我检测' }, required: true },
  { key: 'reading', heading: { en: 'Further reading', zh: '延伸阅读' }, required: true },
] as const satisfies ReadonlyArray<{ key: string; heading: Localized; required: boolean }>;

export type SectionKey = (typeof SECTIONS)[number]['key'];

export const SECTION_KEYS: readonly SectionKey[] = SECTIONS.map((s) => s.key);

export function isSectionKey(value: string): value is SectionKey {
  return (SECTION_KEYS as readonly string[]).includes(value);
}

export function sectionHeading(key: SectionKey, locale: keyof Localized): string {
  return SECTIONS.find((s) => s.key === key)!.heading[locale];
}
