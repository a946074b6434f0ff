import type { CommandContext } from '../command.js';
import type { Lesson } from '../lessons/types.js';
import type { Reply } from '../reply.js';
import { clip, QUERY_ECHO_MAX } from '../text.js';

export type Found =
  | { kind: 'lesson'; lesson: Lesson; redirectedFrom?: number; others: Lesson[] }
  | { kind: 'reply'; reply: Reply };

/** Resolves what a learner typed (a number, a title, an alias, words) to one lesson, or a friendly reply. */
export function findLesson(topic: string, ctx: CommandContext): Found {
  const { library, search } = ctx.services;
  const { t } = ctx;
  const text = topic.trim();
  const number = /^#?(\d{1,6})$/.exec(text);
  if (number) {
    const id = Number(number[1]);
    const found = library.lookup(id);
    if (found.kind === 'lesson') return { kind: 'lesson', lesson: found.lesson, redirectedFrom: found.redirectedFrom, others: [] };
    const max = Math.max(...library.roadmap.entries.map((e) => e.id));
    const message = found.kind === 'planned' ? t('lesson.planned', { id }) : t('lesson.unknown', { id, max });
    return { kind: 'reply', reply: { blocks: [{ kind: 'paragraph', text: message }], buttons: [[{ label: t('btn.roadmap'), action: 'roadmap' }]] } };
  }
  const result = search.search(text, { locale: ctx.locale, limit: 4 });
  const [best, ...rest] = result.hits;
  if (!best) {
    const shown = clip(text, QUERY_ECHO_MAX);
    return { kind: 'reply', reply: { blocks: [{ kind: 'paragraph', text: t('lesson.notFound', { query: shown }) }], buttons: [[{ label: t('btn.roadmap'), action: 'roadmap' }]] } };
  }
  return {
    kind: 'lesson',
    lesson: library.get(best.id)!,
    others: rest.filter((h) => h.score >= best.score * 0.25).map((h) => library.get(h.id)!),
  };
}
