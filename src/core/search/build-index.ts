import lunr from 'lunr';
import { LOCALES, type Locale } from '../i18n/locale.js';
import { markdownToPlain } from '../lessons/markdown.js';
import type { Lesson } from '../lessons/types.js';
import { INDEX_PIPELINE, SEARCH_PIPELINE } from './pipeline.js';
import { tokenize } from './tokenizer.js';

/** Fields and their weights: a word in a title or alias says far more than one in the body. */
export const FIELDS = [
  { name: 'title', boost: 6 },
  { name: 'aliases', boost: 5 },
  { name: 'keywords', boost: 3 },
  { name: 'headings', boost: 2 },
  { name: 'body', boost: 1 },
] as const;

/** Document refs are `id:locale`: one document per lesson and language. */
export function docRef(id: number, locale: Locale): string {
  return `${id}:${locale}`;
}

export function parseRef(ref: string): { id: number; locale: Locale } {
  const [id, locale] = ref.split(':');
  return { id: Number(id), locale: locale as Locale };
}

const lunrTokenizer = ((value: unknown) =>
  value == null ? [] : tokenize(String(value)).map((t) => new lunr.Token(t.text, {}))) as unknown as typeof lunr.tokenizer;

export function buildLunrIndex(lessons: Lesson[], aliasesOf: (id: number, locale: Locale) => string[]): lunr.Index {
  const builder = new lunr.Builder();
  builder.pipeline.add(...INDEX_PIPELINE);
  builder.searchPipeline.add(...SEARCH_PIPELINE);
  builder.tokenizer = lunrTokenizer;
  builder.ref('ref');
  for (const f of FIELDS) builder.field(f.name, { boost: f.boost });
  for (const lesson of lessons) {
    for (const locale of LOCALES) {
      const text = lesson.text[locale];
      builder.add({
        ref: docRef(lesson.entry.id, locale),
        title: text.title,
        aliases: aliasesOf(lesson.entry.id, locale).join(' \n '),
        keywords: text.keywords.join(' \n '),
        headings: text.sections.flatMap((s) => s.subheadings).join(' \n '),
        body: text.sections.map((s) => markdownToPlain(s.markdown)).join('\n'),
      });
    }
  }
  return builder.build();
}
