import type { CommandContext } from '../command.js';
import { action } from '../actions.js';
import type { Lesson } from '../lessons/types.js';
import { say, type Reply } from '../reply.js';
import { learnerTimezone, learnerToday } from './learner-zone.js';
import { instantOf, localMoment } from './local-time.js';
import { standing } from './progress.js';
import { newCard, rateCard, RATINGS } from './reviews.js';

const sayReplacing = (text: string, replace?: boolean): Reply => say(text, { replace });

/** Whether the learner has answered the day's cap of reviews (counted in their own local day). */
async function capReached(ctx: CommandContext): Promise<boolean> {
  const zone = learnerTimezone(ctx);
  const midnight = instantOf(localMoment(ctx.now, zone).date, '00:00', zone);
  return (await ctx.services.store.countReviewsSince(ctx.learner.id, midnight.toISOString())) >= ctx.services.settings.reviewCap;
}

const capReply = (ctx: CommandContext, replace?: boolean) => {
  const cap = ctx.services.settings.reviewCap;
  return sayReplacing(cap === 1 ? ctx.t('quiz.capReachedOne') : ctx.t('quiz.capReached', { cap }), replace);
};

/** `quiz` with no lesson: the most overdue review, within the day's cap; else a question to try. */
export async function dueQuiz(ctx: CommandContext, replace = false): Promise<Reply> {
  const { store, library } = ctx.services;
  const { learner, now, t } = ctx;
  if (await capReached(ctx)) return capReply(ctx, replace);
  const [due] = await store.dueCards(learner.id, now.toISOString(), 1);
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

/**
 * A question from one lesson: the one not seen yet or due soonest, so repeated quizzes rotate.
 * Every rating is a review, so the day's cap holds here too.
 */
export async function lessonQuiz(lesson: Lesson, ctx: CommandContext, replace = false): Promise<Reply> {
  if (await capReached(ctx)) return capReply(ctx, replace);
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

/** Shows a question's answer with rating buttons; the showing gets an id, so its buttons rate once. */
export async function revealQuestion(lesson: Lesson, q: number, ctx: CommandContext, replace?: boolean): Promise<Reply> {
  if (!lesson.text[ctx.locale].questions[q]) return sayReplacing(ctx.t('quiz.staleButton'), replace);
  const shown = await ctx.services.store.showQuestion(ctx.learner.id, lesson.entry.id, q, ctx.now.toISOString());
  return questionView(lesson, q, ctx, { reveal: shown, replace });
}

/** `reveal`: the id of this showing (revealQuestion): the answer is shown, with rating buttons that carry it. */
export function questionView(lesson: Lesson, q: number, ctx: CommandContext, o: { review?: boolean; replace?: boolean; reveal?: number }): Reply {
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
  if (o.reveal === undefined) return { title, blocks, buttons: [[{ label: t('btn.reveal'), action: action.reveal(id, q), style: 'primary' }]], replace: o.replace };
  blocks.push({ kind: 'heading', text: t('quiz.answer') }, { kind: 'paragraph', text: pair.answer }, { kind: 'paragraph', text: t('quiz.howWell') });
  const ratings = RATINGS.map((r) => ({ label: t(r.key), action: action.rate(id, q, r.value, o.reveal!), style: r.value === 1 ? ('danger' as const) : ('secondary' as const) }));
  return { title, blocks, buttons: [ratings], replace: o.replace ?? true };
}

/**
 * Records how well the learner knew a question and tells when it comes back: once per showing
 * (a double press, or a press from a second device, records one review), within the day's cap.
 */
export async function rateQuestion(lesson: Lesson, q: number, rating: number, shown: number | undefined, ctx: CommandContext): Promise<Reply> {
  const { store } = ctx.services;
  const { learner, now, t } = ctx;
  if (!lesson.text[ctx.locale].questions[q]) return sayReplacing(t('quiz.staleButton'), true);
  if (shown === undefined) return sayReplacing(t('quiz.oldRating'), true);
  if (await capReached(ctx)) return capReply(ctx, true);
  const claim = await store.claimRating(shown, learner.id, lesson.entry.id, q, now.toISOString());
  if (claim !== 'claimed') return sayReplacing(t(claim === 'rated' ? 'quiz.alreadyRated' : 'quiz.oldRating'), true);
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
