import type { Action } from './actions.js';
import type { CommandContext } from './command.js';
import { markDone } from './commands/done.js';
import { openLesson } from './commands/lesson.js';
import { confirmedReset } from './commands/reset.js';
import { nextView } from './commands/next.js';
import { roadmapView } from './commands/roadmap.js';
import { searchReply } from './commands/search.js';
import { say, type Reply } from './reply.js';
import { learnerToday } from './study/learner-zone.js';
import { laterToday } from './study/later.js';
import { dueQuiz, lessonQuiz, rateQuestion, revealQuestion } from './study/quiz-views.js';

/** What a button press does: every action acts for the presser (ctx.learner), never for whoever sent the message. */
export async function runAction(act: Action, ctx: CommandContext): Promise<Reply> {
  const { library, store } = ctx.services;
  const group = ctx.caller.chatKind === 'group';
  if (act.name === 'next') return nextView(ctx, true);
  if (act.name === 'roadmap') return roadmapView(ctx);
  if (act.name === 'later') return { ...(await laterToday(ctx)), private: group || undefined };
  if (act.name === 'quiz' && act.lesson === undefined) return dueQuiz(ctx, !group);
  if (act.name === 'cancel') return { ...say(ctx.t('cancel.done')), replace: !group, private: group || undefined };
  if (act.name === 'find') return searchReply(act.query, ctx, { exact: true });
  if (act.name === 'reset') return { ...(await confirmedReset(ctx)), private: group || undefined };
  const found = library.lookup(act.lesson!);
  if (found.kind !== 'lesson') return { ...say(ctx.t('err.staleButton')), private: true };
  const lesson = found.lesson;
  switch (act.name) {
    case 'lesson':
      return openLesson(lesson, ctx, { replace: !group, redirectedFrom: found.redirectedFrom });
    case 'section':
      return { ...(await openLesson(lesson, ctx, { section: act.section, replace: !group })), private: group || undefined };
    case 'done':
    case 'move':
      return markDone(lesson, ctx);
    case 'stay': {
      const today = learnerToday(ctx);
      await store.saveLearner({ ...ctx.learner, currentLesson: lesson.entry.id, currentSince: today });
      return { ...say(ctx.t('stay.ok', { id: lesson.entry.id })), private: group || undefined };
    }
    case 'quiz':
      return lessonQuiz(lesson, ctx);
    case 'reveal':
      return { ...(await revealQuestion(lesson, act.question, ctx, !group)), private: group || undefined };
    case 'rate':
      return rateQuestion(lesson, act.question, act.rating, act.shown, ctx);
  }
}
