import type { DueQuery, Store, Subscription } from '../core/ports/store.js';
import { addDays, instantOf, localMoment, minutesOf } from '../core/study/local-time.js';
import type { Job } from './recovery.js';

/** Subscriptions looked at between two yields to the event loop. */
export const DUE_CHUNK = 500;

/** The most time the selection runs between two yields (the goal for the longest stall is 50 ms). */
export const STALL_BUDGET_MS = 20;

/** Lets timers, sockets and Discord interactions run between two chunks of a long tick. */
export const yieldToEventLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/**
 * Whether a prompt of local `date` may still be sent at `now`: it is the subscription's local
 * today, or its time fell at most `catchUpMs` ago although the date has changed since (a stall or
 * a clock step across midnight must not lose the 23:59 prompt). Older days are never sent late.
 */
export function isOpen(sub: Subscription, date: string, now: Date, catchUpMs: number): boolean {
  const today = localMoment(now, sub.timezone).date;
  if (date === today) return true;
  if (date !== addDays(today, -1)) return false;
  const late = now.getTime() - instantOf(date, sub.time, sub.timezone).getTime();
  return late >= 0 && late <= catchUpMs;
}

/**
 * The local date whose prompt is due at `now`, if any, asked of the wall clock alone (not "is this
 * the minute"): today's once its time has come, else a just-ended day's within `catchUpMs`.
 */
export function dueDate(sub: Subscription, now: Date, catchUpMs: number, local = localMoment(now, sub.timezone)): string | undefined {
  if (local.minutes >= minutesOf(sub.time)) return local.date;
  // Yesterday's time fell before local midnight: once midnight is further back than catchUpMs it is closed.
  if (local.minutes * 60_000 > catchUpMs) return undefined;
  const yesterday = addDays(local.date, -1);
  return isOpen(sub, yesterday, now, catchUpMs) ? yesterday : undefined;
}

/**
 * The job that gives local `date` its prompt, or undefined when the date has had one: it has no
 * delivery, no later date has one, and no prompt went out within that local day under an earlier
 * zone (a zone change westward makes "today" an earlier date: without this, a second prompt the
 * same day, on "Day 0"). One case re-uses the date's row: moving west across the date line, the
 * old zone's prompt of this date went out before this zone's day began (it was the previous local
 * day's); this day still gets its own, by a compare-and-swap takeover of that row, not a skip.
 */
export async function firstJob(store: Store, sub: Subscription, date: string, catchUpMs: number): Promise<Job | undefined> {
  const last = await store.latestDelivery(sub.id);
  const first: Job = { sub, localDate: date, kind: 'first' };
  if (!last) return first;
  if (last.localDate > date) return undefined;
  const midnight = instantOf(date, '00:00', sub.timezone).toISOString();
  if (last.localDate === date) return last.status === 'sent' && last.sentAt! < midnight ? { sub, localDate: date, kind: 'retry', delivery: last } : undefined;
  if ((last.sentAt ?? last.claimedAt) < midnight) return first;
  // Sent within this local day: under an earlier zone (refused: a second prompt the same day), or
  // this zone's catch-up of the day before, claimed within catchUpMs of its time here (a 23:55
  // prompt sent at 00:05): today still gets its own. Without this, that day's prompt was lost.
  const late = Date.parse(last.claimedAt) - instantOf(last.localDate, sub.time, sub.timezone).getTime();
  return late >= 0 && late <= catchUpMs ? first : undefined;
}

/**
 * First sends: each active subscription on a platform this process serves whose prompt is due
 * (dueDate) and has no delivery for that local date yet, handed to `take` a page at a time.
 *
 * Through the due index, zone by zone: in each zone only subscriptions whose time has come are
 * read (and, in the first catchUpMs after local midnight, the rest for yesterday's prompt), and
 * the store leaves out those already prompted. Pages of `chunk` rows with a yield after each and
 * whenever one has run STALL_BUDGET_MS, so a 100,000-subscription wave never holds the event loop
 * for long, and a quiet minute with every prompt sent costs a few index pages, not a pass over all.
 */
export async function dueFirstJobs(
  store: Store, now: Date, platforms: Set<string>, catchUpMs: number, take: (jobs: Job[]) => void, chunk = DUE_CHUNK,
): Promise<void> {
  let budgetFrom = performance.now();
  for (const timezone of await store.activeTimezones()) {
    const local = localMoment(now, timezone);
    const midnight = (date: string) => instantOf(date, '00:00', timezone).toISOString();
    const ranges: DueQuery[] = [{ timezone, date: local.date, midnight: midnight(local.date), upTo: local.time, limit: chunk }];
    // Yesterday's later times: due only while its midnight is within catchUpMs (dueDate decides).
    if (local.minutes * 60_000 <= catchUpMs) {
      const yesterday = addDays(local.date, -1);
      ranges.push({ timezone, date: yesterday, midnight: midnight(yesterday), upTo: '99:99', after: { time: local.time, id: Number.MAX_SAFE_INTEGER }, limit: chunk });
    }
    for (const range of ranges) {
      for (let q: DueQuery | undefined = range; q; ) {
        const page = await store.duePage(q);
        q = page.next && { ...q, after: page.next };
        const jobs: Job[] = [];
        for (const sub of page.due) {
          if (performance.now() - budgetFrom > STALL_BUDGET_MS) {
            await yieldToEventLoop();
            budgetFrom = performance.now();
          }
          if (!platforms.has(sub.platform)) continue;
          const date = dueDate(sub, now, catchUpMs, local);
          const job = date && (await firstJob(store, sub, date, catchUpMs));
          if (job) jobs.push(job);
        }
        take(jobs);
        await yieldToEventLoop();
        budgetFrom = performance.now();
      }
    }
  }
}
