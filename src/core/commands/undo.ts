import { defineCommand } from '../command.js';
import { action } from '../actions.js';
import { say } from '../reply.js';
import { standing } from '../study/progress.js';

/** How far back /undo reaches: a mark from yesterday evening, not last month's. */
const UNDO_WINDOW_MS = 24 * 60 * 60 * 1000;

export const undo = defineCommand({
  name: 'undo',
  aliases: ['撤销'],
  localName: '撤销',
  description: { en: 'Take back your last “done” (within a day)', zh: '撤销最近一次“完成”标记（一天内）' },
  options: [],
  handler: async (_args, ctx) => {
    const { store, library } = ctx.services;
    const { t, learner, now } = ctx;
    const last = (await store.listDone(learner.id)).sort((a, b) => a.doneAt.localeCompare(b.doneAt)).at(-1);
    if (!last || now.getTime() - Date.parse(last.doneAt) > UNDO_WINDOW_MS) return say(t('undo.nothing'));
    await store.unmarkDone(learner.id, last.lessonId);
    const lesson = library.get(last.lessonId);
    const mine = await standing(library, store, learner);
    return {
      blocks: [
        { kind: 'paragraph', text: t('undo.done', { id: last.lessonId, title: lesson?.text[ctx.locale].title ?? '' }) },
        { kind: 'paragraph', text: t('done.progress', { done: mine.doneInSequence, total: mine.total }) },
      ],
      buttons: lesson ? [[{ label: t('btn.open', { id: last.lessonId }), action: action.lesson(last.lessonId) }]] : [],
      private: ctx.caller.chatKind === 'group' ? true : undefined,
    };
  },
});
