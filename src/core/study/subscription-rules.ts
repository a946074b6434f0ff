import type { Subscription } from '../ports/store.js';
import { timeMark } from '../inline.js';
import { addDays, instantOf, localMoment, minutesOf } from './local-time.js';

/** The next moment the subscription's prompt is due, counting from `now`. */
export function nextPromptAt(sub: Pick<Subscription, 'time' | 'timezone'>, now: Date, sentToday: boolean): Date {
  const local = localMoment(now, sub.timezone);
  const today = !sentToday && local.minutes < minutesOf(sub.time);
  return instantOf(today ? local.date : addDays(local.date, 1), sub.time, sub.timezone);
}

/** "09:00 (Asia/Shanghai)", marked so Discord can show it in each reader's own time. */
export function promptTimeText(sub: Pick<Subscription, 'time' | 'timezone'>, now: Date, sentToday = false): string {
  return timeMark(nextPromptAt(sub, now, sentToday), `${sub.time} (${sub.timezone})`);
}
