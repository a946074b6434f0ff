import type { CommandContext } from '../command.js';
import type { LessonLibrary } from '../lessons/library.js';
import type { Lesson } from '../lessons/types.js';
import type { Reply } from '../reply.js';
import { clip, QUERY_ECHO_MAX } from '../text.js';

export type Found =
  /** `exact`: a number, a title or an alias named the lesson; otherwise it is a search guess to confirm. */
  | { kind: 'lesson'; lesson: Lesson; exact: boolean; redirectedFrom?: number; others: Lesson[] }
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
    if (found.kind === 'lesson') return { kind: 'lesson', lesson: found.lesson, exact: true, redirectedFrom: found.redirectedFrom, others: [] };
    const max = Math.max(...library.roadmap.entries.map((e) => e.id));
    const message = found.kind === 'planned' ? t('lesson.planned', { id }) : t('lesson.unknown', { id, max });
    return { kind: 'reply', reply: { blocks: [{ kind: 'paragraph', text: message }], buttons: [[{ label: t('btn.roadmap'), action: 'roadmap' }]] } };
  }
  const named = namedLesson(text, library);
  if (named) return { kind: 'lesson', lesson: named, exact: true, others: [] };
  const result = search.search(text, { locale: ctx.locale, limit: 4 });
  const [best, ...rest] = result.hits;
  if (!best) {
    const shown = clip(text, QUERY_ECHO_MAX);
    return { kind: 'reply', reply: { blocks: [{ kind: 'paragraph', text: t('lesson.notFound', { query: shown }) }], buttons: [[{ label: t('btn.roadmap'), action: 'roadmap' }]] } };
  }
  return {
    kind: 'lesson',
    lesson: library.get(best.id)!,
    exact: false,
    others: rest.filter((h) => h.score >= best.score * 0.25).map((h) => library.get(h.id)!),
  };
}

/** The lesson whose title or alias (in either language) is exactly `typed`, ignoring case. */
function namedLesson(typed: string, library: LessonLibrary): Lesson | undefined {
  const text = typed.toLowerCase();
  return library.lessons.find((lesson) => {
    const names = [lesson.text.en.title, lesson.text.zh.title, ...library.aliasesOf(lesson.entry.id, 'en'), ...library.aliasesOf(lesson.entry.id, 'zh')];
    return names.some((n) => n.toLowerCase() === text);
  });
}
