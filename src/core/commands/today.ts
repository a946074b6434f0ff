import { defineCommand, type CommandContext } from '../command.js';
import type { Subscription } from '../ports/store.js';
import type { Reply } from '../reply.js';
import { composePrompt } from '../study/daily-prompt.js';
import { learnerTimezone } from '../study/learner-zone.js';
import { addDays, localMoment } from '../study/local-time.js';
import { computeStreak } from '../study/streak.js';
import { promptTimeText } from '../study/subscription-rules.js';
import { streakText } from './progress.js';

export const today = defineCommand({
  name: 'today',
  aliases: ['今天'],
  localName: '今天',
  description: { en: 'Today’s lesson and step, reviews due, streak, next prompt', zh: '今天的课和一小步、待复习题、连续学习、下次提醒' },
  options: [],
  handler: async (_args, ctx) => todayView(ctx),
});

/**
 * The daily prompt on demand, composed by the same code the scheduler sends (so the preview is
 * what will arrive), plus the day's numbers. Composing changes nothing: the prompt's commit is
 * not run, so /today never moves the learner along the roadmap.
 */
export async function todayView(ctx: CommandContext): Promise<Reply> {
  const { store, settings } = ctx.services;
  const { t, learner, now, caller } = ctx;
  const own = await ownSubscription(ctx);
  const timezone = own?.timezone ?? learnerTimezone(ctx);
  const date = localMoment(now, timezone).date;
  const sub: Subscription = own ?? {
    id: 0, platform: caller.platform, chatId: caller.chatId, kind: 'personal', learnerId: learner.id, time: settings.defaultTime,
    timezone, locale: ctx.locale, status: 'active', everyDays: 1, createdAt: now.toISOString(),
  };
  const { reply } = await composePrompt(ctx.services, { ...sub, locale: ctx.locale }, date);
  const due = (await store.dueCards(learner.id, now.toISOString(), 1000)).length;
  const streak = computeStreak(await store.listStudyDays(learner.id, addDays(date, -400)), date);
  // The prompt names a streak of two days or more, or one at risk; otherwise it is said here.
  const promptSaysStreak = streak.atRisk || streak.days > 1;
  const lines = [t('progress.due', { count: due }), ...(promptSaysStreak ? [] : [streakText(streak.days, t)]), await nextPromptLine(own, ctx, date)];
  return { ...reply, blocks: [...reply.blocks, { kind: 'list', items: lines }], private: caller.chatKind === 'group' ? true : undefined };
}

/** The learner's personal subscription: this private chat's, or in a group their private chat's on this platform. */
async function ownSubscription(ctx: CommandContext): Promise<Subscription | undefined> {
  const { caller } = ctx;
  const chatId = caller.chatKind === 'private' ? caller.chatId : caller.userId;
  const sub = await ctx.services.store.getSubscription(caller.platform, chatId);
  return sub?.kind === 'personal' ? sub : undefined;
}

async function nextPromptLine(sub: Subscription | undefined, ctx: CommandContext, date: string): Promise<string> {
  const { t, now } = ctx;
  if (!sub || sub.status === 'stopped') return t('today.noPrompt');
  if (sub.status === 'paused') return t('today.paused');
  const sentToday = (await ctx.services.store.getDelivery(sub.id, date))?.status === 'sent';
  return t('today.nextPrompt', { time: promptTimeText(sub, now, sentToday) });
}
