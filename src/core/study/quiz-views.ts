import type { CommandContext } from '../command.js';
import { action } from '../actions.js';
import type { Lesson } from '../lessons/types.js';
import { say, type Reply } from '../reply.js';
import { learnerTimezone, learnerToday } from './learner-zone.js';
import { instantOf, localMoment } from './local-time.js';
import { standing } from './progress.js';
import { newCard, rateCard, RATINGS } from './reviews.js';

const sayReplacing = (text: string, replace?: boolean): Reply => say(text, { replace });

/** `quiz` with no lesson: the most overdue review, within the day's cap; else a question to try. */
export async function dueQuiz(ctx: CommandContext, replace = false): Promise<Reply> {
  const { store, library, settings } = ctx.services;
  const { learner, now, t } = ctx;
  const zone = learnerTimezone(ctx);
  const midnight = instantOf(localMoment(now, zone).date, '00:00', zone);
  const answeredToday = await store.countReviewsSince(learner.id, midnight.toISOString());
  const [due] = await store.dueCards(learner.id, now.toISOString(), 1);
  if (due && answeredToday >= settings.reviewCap) return sayReplacing(t('quiz.capReached', { cap: settings.reviewCap }), replace);
  const dueLesson = due && library.get(due.lessonId);
  if (due && dueLesson && due.question < dueLesson.text[ctx.locale].questions.length) {
    return questionView(dueLesson, due.question, ctx, { review: true, replace });
  }
  // Nothing due: a question from a lesson the learner has done (never one not read yet), and when
  // the next review comes. The earliest card of all is the next one, since none is due now.
  const mine = await standing(library, store, learner);
  const lastDone = [...mine.done].map((id) => library.get(id)).filter((l): l is Lesson => Boolean(l)).at(-1);
  if (!lastDone) return sayReplacing(t('quiz.nothing'), replace);
  const [upcoming] = await store.dueCards(learner.id, '9999-12-31T00:00:00.000Z', 1);
  const view = await lessonQuiz(lastDone, ctx, replace);
  const id = lastDone.entry.id;
  const note = upcoming
    ? t('quiz.nothingDueNext', { id, when: describeWait(Date.parse(upcoming.due) - now.getTime(), ctx) })
    : t('quiz.nothingDue', { id });
  view.blocks.unshift({ kind: 'paragraph', text: note });
  return view;
}

/** A question from one lesson: the one not seen yet or due soonest, so repeated quizzes rotate. */
export async function lessonQuiz(lesson: Lesson, ctx: CommandContext, replace = false): Promise<Reply> {
  const count = lesson.text[ctx.locale].questions.length;
  let pick = 0;
  let pickDue = Infinity;
  for (let q = 0; q < count; q++) {
    const card = await ctx.services.store.getCard(ctx.learner.id, lesson.entry.id, q);
    const due = card ? Date.parse(card.due) : -Infinity;
    if (due < pickDue) {
      pick = q;
      pickDue = due;
    }
  }
  return questionView(lesson, pick, ctx, { replace });
}

export function questionView(lesson: Lesson, q: number, ctx: CommandContext, o: { review?: boolean; replace?: boolean; reveal?: boolean }): Reply {
  const { t, locale } = ctx;
  const questions = lesson.text[locale].questions;
  const pair = questions[q];
  if (!pair) return sayReplacing(t('quiz.staleButton'), o.replace);
  const id = lesson.entry.id;
  const title = `${o.review ? `${t('quiz.review')} · ` : ''}${t('quiz.title', { id })}`;
  const blocks: Reply['blocks'] = [
    { kind: 'paragraph', text: `${lesson.text[locale].title} · ${t('quiz.question', { n: q + 1, count: questions.length })}` },
    { kind: 'paragraph', text: `**${pair.question}**` },
  ];
  if (!o.reveal) return { title, blocks, buttons: [[{ label: t('btn.reveal'), action: action.reveal(id, q), style: 'primary' }]], replace: o.replace };
  blocks.push({ kind: 'heading', text: t('quiz.answer') }, { kind: 'paragraph', text: pair.answer }, { kind: 'paragraph', text: t('quiz.howWell') });
  const ratings = RATINGS.map((r) => ({ label: t(r.key), action: action.rate(id, q, r.value), style: r.value === 1 ? ('danger' as const) : ('secondary' as const) }));
  return { title, blocks, buttons: [ratings], replace: o.replace ?? true };
}

/** Records how well the learner knew a question and tells when it comes back. */
export async function rateQuestion(lesson: Lesson, q: number, rating: number, ctx: CommandContext): Promise<Reply> {
  const { store } = ctx.services;
  const { learner, now, t } = ctx;
  if (!lesson.text[ctx.locale].questions[q]) return sayReplacing(t('quiz.staleButton'), true);
  const card = (await store.getCard(learner.id, lesson.entry.id, q)) ?? newCard(learner.id, lesson.entry.id, q, now);
  const next = rateCard(card, rating, now);
  await store.saveCard(next);
  await store.recordReview(learner.id, lesson.entry.id, q, rating, now.toISOString());
  ctx.services.observer?.reviewed?.(rating);
  await store.recordStudyDay(learner.id, learnerToday(ctx));
  return {
    blocks: [{ kind: 'paragraph', text: t('quiz.rated', { when: describeWait(Date.parse(next.due) - now.getTime(), ctx) }) }],
    buttons: [[{ label: t('btn.another'), action: action.quiz() }]],
    replace: true,
    private: ctx.caller.chatKind === 'group' ? true : undefined,
  };
}

function describeWait(ms: number, ctx: CommandContext): string {
  const minutes = Math.max(1, Math.round(ms / 60_000));
  if (minutes < 90) return ctx.t('when.minutes', { n: minutes }).trim();
  const hours = Math.round(minutes / 60);
  if (hours < 36) return hours < 24 ? ctx.t('when.hours', { n: hours }).trim() : ctx.t('when.tomorrow');
  return ctx.t('when.days', { n: Math.round(hours / 24) }).trim();
}
