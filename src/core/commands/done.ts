import { defineCommand, type CommandContext } from '../command.js';
import { action } from '../actions.js';
import type { Lesson } from '../lessons/types.js';
import type { Reply } from '../reply.js';
import { findLesson } from '../study/find-lesson.js';
import { standing } from '../study/progress.js';
import { newCard } from '../study/reviews.js';
import { learnerToday } from '../study/learner-zone.js';

export const done = defineCommand({
  name: 'done',
  example: '/done 39',
  aliases: ['d', '完成'],
  localName: '完成',
  description: { en: 'Mark a lesson done (the one you opened last if no number)', zh: '标记一课为已完成（不写编号即你最近打开的一课）' },
  options: [
    { name: 'lesson', type: 'string', autocomplete: true, maxLength: 200, description: { en: 'Lesson number or topic', zh: '课程编号或主题' } },
  ],
  handler: async ({ lesson }, ctx) => {
    if (lesson?.trim()) {
      const found = findLesson(lesson, ctx);
      if (found.kind === 'reply') return found.reply;
      return found.exact ? markDone(found.lesson, ctx) : confirmDone(found.lesson, ctx);
    }
    // Bare /done means "the lesson I was just reading", never a guess from the roadmap's order.
    const last = ctx.learner.lastLesson === undefined ? undefined : ctx.services.library.get(ctx.learner.lastLesson);
    return last ? markDone(last, ctx, { lastOpened: true }) : askWhich(ctx);
  },
});

/** No lesson opened yet: ask, and offer the next one rather than marking it unread. */
async function askWhich(ctx: CommandContext): Promise<Reply> {
  const mine = await standing(ctx.services.library, ctx.services.store, ctx.learner);
  if (!mine.next) return { blocks: [{ kind: 'paragraph', text: ctx.t('next.allDone') }], buttons: [] };
  return {
    blocks: [{ kind: 'paragraph', text: ctx.t('done.which') }],
    buttons: [[{ label: ctx.t('btn.open', { id: mine.next.entry.id }), action: action.lesson(mine.next.entry.id), style: 'primary' }]],
  };
}

/**
 * A fuzzy match (`/done proxy`, `/done 4.5`) asks before it changes progress: marking the wrong
 * lesson done silently is worse than one more tap.
 */
function confirmDone(lesson: Lesson, ctx: CommandContext): Reply {
  const id = lesson.entry.id;
  return {
    blocks: [{ kind: 'paragraph', text: ctx.t('done.confirm', { id, title: lesson.text[ctx.locale].title }) }],
    buttons: [[
      { label: ctx.t('btn.markDone', { id }), action: action.done(id), style: 'primary' },
      { label: ctx.t('btn.open', { id }), action: action.lesson(id) },
      { label: ctx.t('btn.cancel'), action: action.cancel() },
    ]],
    private: ctx.caller.chatKind === 'group' ? true : undefined,
  };
}

/** Marks a lesson done, schedules its questions for review, and points at the next lesson. */
export async function markDone(lesson: Lesson, ctx: CommandContext, o: { lastOpened?: boolean } = {}): Promise<Reply> {
  const { store, library } = ctx.services;
  const { t, learner, now } = ctx;
  const id = lesson.entry.id;
  const isNew = await store.markDone(learner.id, id, now.toISOString());
  if (isNew) {
    const questions = lesson.text[ctx.locale].questions.length;
    for (let q = 0; q < questions; q++) {
      if (!(await store.getCard(learner.id, id, q))) await store.saveCard(newCard(learner.id, id, q, now));
    }
    await store.recordStudyDay(learner.id, learnerToday(ctx));
  }
  const mine = await standing(library, store, learner);
  const lines = [
    isNew ? t('done.marked', { id, title: lesson.text[ctx.locale].title }) : t('done.already', { id }),
    // A bare /done says why it chose this lesson, and how to take it back.
    ...(isNew && o.lastOpened ? [t('done.wasLast')] : []),
    t('done.progress', { done: mine.doneInSequence, total: mine.total }),
  ];
  if (mine.next) lines.push(t('done.nextUp', { id: mine.next.entry.id, title: mine.next.text[ctx.locale].title }));
  const buttons = [];
  if (mine.next) buttons.push({ label: t('btn.open', { id: mine.next.entry.id }), action: action.lesson(mine.next.entry.id), style: 'primary' as const });
  buttons.push({ label: t('btn.quiz'), action: action.quiz(id) });
  return {
    blocks: lines.map((text) => ({ kind: 'paragraph' as const, text })),
    buttons: [buttons],
    private: ctx.caller.chatKind === 'group' ? true : undefined,
  };
}
