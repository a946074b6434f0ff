import { addDays, daysBetween } from './local-time.js';

/** Days within which only one missed day is forgiven: slow is fast, and life happens. */
export const GRACE_WINDOW_DAYS = 7;

export interface Streak {
  /** Study days in the current run (a forgiven day neither counts nor breaks it). */
  days: number;
  /** Today has no study yet, and letting it pass would end the run. */
  atRisk: boolean;
  studiedToday: boolean;
}

/**
 * Counts the run of local study days ending today (or yesterday, while today is still open).
 * A single missed day is bridged when no other bridge lies within GRACE_WINDOW_DAYS of it.
 */
export function computeStreak(studyDays: Iterable<string>, today: string): Streak {
  const studied = new Set(studyDays);
  const studiedToday = studied.has(today);
  const yesterday = addDays(today, -1);
  let cursor = studiedToday ? today : yesterday;
  let days = 0;
  const graces: string[] = [];
  for (;;) {
    if (studied.has(cursor)) {
      days++;
      cursor = addDays(cursor, -1);
      continue;
    }
    const before = addDays(cursor, -1);
    const lastGrace = graces.at(-1);
    const graceFree = !lastGrace || daysBetween(cursor, lastGrace) >= GRACE_WINDOW_DAYS;
    if (studied.has(before) && graceFree && (days > 0 || cursor === yesterday)) {
      graces.push(cursor);
      cursor = before;
      continue;
    }
    break;
  }
  const recentGrace = graces.some((g) => daysBetween(g, today) < GRACE_WINDOW_DAYS);
  const atRisk = !studiedToday && days > 0 && (!studied.has(yesterday) || recentGrace);
  return { days, atRisk, studiedToday };
}
