import type { Store } from '../core/ports/store.js';
import { localMoment, minutesOf } from '../core/study/local-time.js';
import type { Job } from './recovery.js';

/** Subscriptions looked at between two yields to the event loop. */
export const DUE_CHUNK = 500;

/** Lets timers, sockets and Discord interactions run between two chunks of a long tick. */
export const yieldToEventLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/**
 * Today's first sends: each active subscription on a platform this process serves whose local hour
 * has come and which has no delivery for its local date yet. Works in chunks and yields between
 * them, so a 100,000-subscription wave never holds the event loop for the whole selection.
 */
export async function dueFirstJobs(store: Store, now: Date, platforms: Set<string>, chunk = DUE_CHUNK): Promise<Job[]> {
  const jobs: Job[] = [];
  let seen = 0;
  for (const sub of await store.listSubscriptions('active')) {
    if (++seen % chunk === 0) await yieldToEventLoop();
    if (!platforms.has(sub.platform)) continue;
    const local = localMoment(now, sub.timezone);
    if (local.minutes < minutesOf(sub.time)) continue;
    if (!(await store.getDelivery(sub.id, local.date))) jobs.push({ sub, localDate: local.date, kind: 'first' });
  }
  return jobs;
}
