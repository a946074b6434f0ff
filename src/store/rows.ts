// Rows of the SQLite tables to the Store's types and back: snake_case columns, NULL for absent.
import type { Delivery, DueCursor, DueQuery, Learner, ReviewCard, Subscription, SubscriptionPatch, SubscriptionStatus } from '../core/ports/store.js';
import { isLocale } from '../core/i18n/locale.js';

export type Row = Record<string, unknown>;

const PATCH_COLUMNS: Record<keyof SubscriptionPatch, string> = {
  chatId: 'chat_id', time: 'time', timezone: 'timezone', locale: 'locale', status: 'status', stoppedReason: 'stopped_reason',
  everyDays: 'every_days', channelLesson: 'channel_lesson', channelSince: 'channel_since',
};

/** The columns a subscription patch sets, with their values (NULL for a field given as undefined). */
export function patchColumns(patch: SubscriptionPatch): [column: string, value: unknown][] {
  const out: [string, unknown][] = [];
  for (const [field, value] of Object.entries(patch)) {
    const column = PATCH_COLUMNS[field as keyof SubscriptionPatch];
    if (column) out.push([column, value ?? null]);
  }
  return out;
}

const opt = <T>(v: unknown, f: (x: unknown) => T): T | undefined => (v === null || v === undefined ? undefined : f(v));

export function toLearner(r: Row): Learner {
  return {
    id: String(r.id), locale: isLocale(r.locale) ? r.locale : undefined, timezone: opt(r.timezone, String), includeOptional: r.include_optional === 1,
    currentLesson: opt(r.current_lesson, Number), currentSince: opt(r.current_since, String),
    lastLesson: opt(r.last_lesson, Number), createdAt: String(r.created_at),
  };
}

export function toCard(r: Row): ReviewCard {
  return {
    learnerId: String(r.learner_id), lessonId: Number(r.lesson_id), question: Number(r.question), due: String(r.due),
    state: String(r.state), reps: Number(r.reps), lastReview: opt(r.last_review, String),
  };
}

export function toSubscription(r: Row): Subscription {
  return {
    id: Number(r.id), platform: String(r.platform), chatId: String(r.chat_id), kind: r.kind as Subscription['kind'],
    learnerId: opt(r.learner_id, String), time: String(r.time), timezone: String(r.timezone),
    locale: isLocale(r.locale) ? r.locale : 'en', status: r.status as SubscriptionStatus,
    stoppedReason: opt(r.stopped_reason, String), everyDays: Number(r.every_days),
    channelLesson: opt(r.channel_lesson, Number), channelSince: opt(r.channel_since, String), createdAt: String(r.created_at),
  };
}

export function subscriptionParams(s: Subscription) {
  return {
    id: s.id, platform: s.platform, chatId: s.chatId, kind: s.kind, learnerId: s.learnerId ?? null, time: s.time,
    timezone: s.timezone, locale: s.locale, status: s.status, stoppedReason: s.stoppedReason ?? null, everyDays: s.everyDays,
    channelLesson: s.channelLesson ?? null, channelSince: s.channelSince ?? null, createdAt: s.createdAt,
  };
}

export function toDelivery(r: Row): Delivery {
  return {
    subscriptionId: Number(r.subscription_id), localDate: String(r.local_date), status: r.status as Delivery['status'],
    claimedAt: String(r.claimed_at), attempts: Number(r.attempts), sentAt: opt(r.sent_at, String),
    error: opt(r.error, String), laterAt: opt(r.later_at, String), laterSentAt: opt(r.later_sent_at, String),
    laterClaimedAt: opt(r.later_claimed_at, String), retryAt: opt(r.retry_at, String),
  };
}

/** A delivery's columns in table order, NULL for absent: one list for both stores' UPDATE. */
export function deliveryParams(d: Delivery) {
  return {
    subscriptionId: d.subscriptionId, localDate: d.localDate, status: d.status, claimedAt: d.claimedAt, attempts: d.attempts,
    sentAt: d.sentAt ?? null, error: d.error ?? null, laterAt: d.laterAt ?? null, laterSentAt: d.laterSentAt ?? null,
    laterClaimedAt: d.laterClaimedAt ?? null, retryAt: d.retryAt ?? null,
  };
}

/**
 * The zones of active subscriptions, one index seek each (a recursive skip scan; SELECT DISTINCT
 * would read every row of the index). The same SQL runs on SQLite and PostgreSQL.
 */
export const ACTIVE_TIMEZONES = `WITH RECURSIVE zones (tz) AS (
    SELECT MIN(timezone) FROM subscriptions WHERE status = 'active'
    UNION ALL
    SELECT (SELECT MIN(timezone) FROM subscriptions WHERE status = 'active' AND timezone > zones.tz) FROM zones WHERE zones.tz IS NOT NULL
  ) SELECT tz FROM zones WHERE tz IS NOT NULL`;

/** A due page's rows (subscription columns and a `prompted` flag) to the subscriptions still due and the next cursor. */
export function duePageOf(rows: Row[], limit: number): { due: Subscription[]; next?: DueCursor } {
  const last = rows.at(-1);
  const due = rows.filter((r) => !Number(r.prompted)).map(toSubscription);
  return { due, next: last && rows.length === limit ? { time: String(last.time), id: Number(last.id) } : undefined };
}

/** The values a due page binds, by name. */
export function dueParams(q: DueQuery) {
  return { timezone: q.timezone, date: q.date, upTo: q.upTo, afterTime: q.after?.time ?? '', afterId: q.after?.id ?? 0, limit: q.limit, midnight: q.midnight };
}

/**
 * A due page in SQL, for both stores (`p` writes a placeholder: @name or $n). Two index ranges,
 * the rest of the cursor's time by id, then later times: written as (time, id) > (t, i), neither
 * SQLite nor PostgreSQL seeks on the id, and every page would rescan a time shared by a whole wave
 * (100,000 subscriptions at 00:00: quadratic).
 */
export function duePageSql(p: (name: keyof ReturnType<typeof dueParams>) => string): string {
  const page = (range: string, order: string) => `SELECT * FROM (SELECT s.*, EXISTS (SELECT 1 FROM deliveries d WHERE d.subscription_id = s.id AND d.local_date >= ${p('date')}
      AND NOT (d.local_date = ${p('date')} AND d.status = 'sent' AND d.sent_at < ${p('midnight')})) AS prompted
    FROM subscriptions s WHERE s.status = 'active' AND s.timezone = ${p('timezone')} AND s.time <= ${p('upTo')} AND ${range}
    ORDER BY ${order} LIMIT ${p('limit')}) AS part`;
  return `${page(`s.time = ${p('afterTime')} AND s.id > ${p('afterId')}`, 's.id')}
    UNION ALL ${page(`s.time > ${p('afterTime')}`, 's.time, s.id')}
    ORDER BY time, id LIMIT ${p('limit')}`;
}
