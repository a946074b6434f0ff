import type { CommandContext } from '../command.js';
import { timeMark } from '../inline.js';
import { say, type Reply } from '../reply.js';
import { localMoment } from './local-time.js';

/** How long "later" waits: long enough to be later, short enough to be today. */
export const LATER_MS = 2 * 60 * 60 * 1000;

/** The prompt's "later" button: today's prompt comes back once, two hours from now. */
export async function laterToday(ctx: CommandContext): Promise<Reply> {
  const { store } = ctx.services;
  const { caller, now, t } = ctx;
  const sub = await store.getSubscription(caller.platform, caller.chatId);
  if (!sub) return say(t('later.none'));
  const today = localMoment(now, sub.timezone);
  const delivery = await store.getDelivery(sub.id, today.date);
  if (!delivery || delivery.status !== 'sent') return say(t('later.none'));
  if (delivery.laterAt) return say(t('later.already'));
  const at = new Date(now.getTime() + LATER_MS);
  const local = localMoment(at, sub.timezone);
  // Past local midnight it would be tomorrow's prompt, which comes anyway.
  if (local.date !== today.date) return say(t('later.already'));
  await store.updateDelivery({ ...delivery, laterAt: at.toISOString() });
  return say(t('later.set', { time: timeMark(at, `${local.time} (${sub.timezone})`) }));
}
