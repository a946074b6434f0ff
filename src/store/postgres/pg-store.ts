import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { createRequire } from 'node:module';
import type pg from 'pg';
import type {
  ChatProgress, Delivery, DoneLesson, DueCursor, DueQuery, Learner, NewSubscription, ReviewCard, SentRecord, Store, Subscription, SubscriptionPatch, SubscriptionStatus,
} from '../../core/ports/store.js';
import { ACTIVE_TIMEZONES, deliveryParams, dueParams, duePageOf, duePageSql, patchColumns, subscriptionParams, toCard, toDelivery, toLearner, toSubscription, type Row } from '../rows.js';
import { migrate } from './pg-migrate.js';
import { inTransaction } from './pg-transaction.js';

export interface PgStoreOptions {
  /** postgres://user@host:port/database */
  url: string;
  /** Connections in the pool (each process has its own pool). */
  poolSize?: number;
  /** A schema other than public (tests give each store its own). */
  schema?: string;
  /**
   * How long a delivery claim stays this process's without a heartbeat, in the database's clock
   * (default 120 s): after that, another process may take it over.
   */
  leaseMs?: number;
  /** Who holds the claims this store makes (default host:pid:random); shown in the deliveries table. */
  owner?: string;
}

/** What several processes share shows up in metrics through this (src/ops/metrics.ts). */
export interface SharedObserver {
  /** A claim another process held was taken over here (its lease had run out). */
  claimTakenOver(): void;
  /** Claims of other processes found with their lease run out (each counted by one process). */
  leasesExpired(count: number): void;
  /** A send waited this long for a slot of a shared rate budget. */
  budgetWaited(ms: number): void;
}

/** What /healthz shows of the pool. */
export interface PoolInfo {
  max: number;
  total: number;
  idle: number;
  waiting: number;
}

/** A claim's lease end: the parameter `ms` milliseconds from now, in the database's clock. */
const leaseUntil = (ms: string) => `clock_timestamp() + ${ms} * interval '1 millisecond'`;
/** A claim nobody else holds: not claimed, abandoned, the parameter `owner`'s, or its lease has run out. */
const leaseFree = (owner: string) =>
  `(status <> 'claimed' OR lease_owner IS NULL OR lease_owner = ${owner} OR lease_until <= clock_timestamp())`;

/**
 * The Store on PostgreSQL, for several bot processes on one database. Uses a `pg` pool; the
 * schema is migrated at start under an advisory lock (pg-migrate.ts). Every method waits for
 * `ready`, so the store can be made synchronously like the SQLite one; main awaits `ready` to
 * stop at start on a bad URL or a newer schema.
 */
// $1..$6 in the order dueParams lists its values.
const DUE_PARAMS = ['timezone', 'date', 'upTo', 'afterTime', 'afterId', 'limit', 'midnight'];
const DUE_PAGE_SQL = duePageSql((name) => `$${DUE_PARAMS.indexOf(name) + 1}`);

export class PgStore implements Store {
  readonly kind = 'postgres';
  readonly pool: pg.Pool;
  readonly ready: Promise<void>;
  readonly owner: string;
  readonly leaseMs: number;
  observer?: SharedObserver;
  private readonly max: number;
  private heartbeat?: NodeJS.Timeout;
  schemaVersion = 0;

  constructor(o: PgStoreOptions) {
    this.max = o.poolSize ?? 10;
    this.leaseMs = o.leaseMs ?? 120_000;
    this.owner = o.owner ?? `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
    // pg is required here, not imported: a SQLite bot and the terminal chat never load it (start-up time).
    const { Pool } = createRequire(import.meta.url)('pg') as typeof pg;
    this.pool = new Pool({
      connectionString: o.url,
      max: this.max,
      // A query that waits this long for a free connection is a fault, not a queue.
      connectionTimeoutMillis: 10_000,
      idleTimeoutMillis: 30_000,
      ...(o.schema ? { options: `-c search_path=${o.schema}` } : {}),
    });
    // An idle connection that the server drops (restart, failover) must not crash the process;
    // the pool replaces it and the next query reconnects.
    this.pool.on('error', () => {});
    this.ready = migrate(this.pool).then((v) => {
      this.schemaVersion = v;
      // While this process lives its claims stay its own, however long a send waits (a 429, a
      // backoff); once it dies the heartbeat stops and the lease runs out.
      this.heartbeat = setInterval(() => void this.renewLeases().catch(() => {}), Math.max(200, this.leaseMs / 3));
      this.heartbeat.unref();
    });
    // Callers see the failure through `ready` or their first query; never as an unhandled rejection.
    this.ready.catch(() => {});
  }

  poolInfo(): PoolInfo {
    return { max: this.max, total: this.pool.totalCount, idle: this.pool.idleCount, waiting: this.pool.waitingCount };
  }

  private async rows(sql: string, params: unknown[] = []): Promise<Row[]> {
    await this.ready;
    return (await this.pool.query(sql, params)).rows as Row[];
  }

  private async run(sql: string, params: unknown[] = []): Promise<number> {
    await this.ready;
    return (await this.pool.query(sql, params)).rowCount ?? 0;
  }

  private async one(sql: string, params: unknown[] = []): Promise<Row | undefined> {
    return (await this.rows(sql, params))[0];
  }

  async getLearner(id: string): Promise<Learner | undefined> {
    const r = await this.one('SELECT * FROM learners WHERE id = $1', [id]);
    return r && toLearner(r);
  }

  async saveLearner(l: Learner): Promise<void> {
    await this.run(`INSERT INTO learners (id, locale, timezone, include_optional, current_lesson, current_since, created_at)
      VALUES ($1, $2, $3, $4, $5, $6, $7)
      ON CONFLICT (id) DO UPDATE SET locale = excluded.locale, timezone = excluded.timezone, include_optional = excluded.include_optional,
        current_lesson = excluded.current_lesson, current_since = excluded.current_since`,
    [l.id, l.locale ?? null, l.timezone ?? null, l.includeOptional ? 1 : 0, l.currentLesson ?? null, l.currentSince ?? null, l.createdAt]);
  }

  async listDone(learnerId: string): Promise<DoneLesson[]> {
    const rows = await this.rows('SELECT lesson_id, done_at FROM progress WHERE learner_id = $1 ORDER BY done_at, lesson_id', [learnerId]);
    return rows.map((r) => ({ lessonId: Number(r.lesson_id), doneAt: String(r.done_at) }));
  }

  async markDone(learnerId: string, lessonId: number, at: string): Promise<boolean> {
    return (await this.run('INSERT INTO progress (learner_id, lesson_id, done_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING', [learnerId, lessonId, at])) > 0;
  }

  async unmarkDone(learnerId: string, lessonId: number): Promise<boolean> {
    // One statement, so the mark and its unreviewed cards go together or not at all.
    const r = await this.one(`WITH gone AS (DELETE FROM progress WHERE learner_id = $1 AND lesson_id = $2 RETURNING lesson_id),
      cards_gone AS (DELETE FROM cards WHERE learner_id = $1 AND lesson_id IN (SELECT lesson_id FROM gone) AND reps = 0)
      SELECT count(*)::int AS n FROM gone`, [learnerId, lessonId]);
    return Number(r?.n) > 0;
  }

  async resetProgress(learnerId: string): Promise<void> {
    await this.run(`WITH p AS (DELETE FROM progress WHERE learner_id = $1), c AS (DELETE FROM cards WHERE learner_id = $1),
      r AS (DELETE FROM reviews WHERE learner_id = $1), d AS (DELETE FROM study_days WHERE learner_id = $1)
      UPDATE learners SET current_lesson = NULL, current_since = NULL, last_lesson = NULL WHERE id = $1`, [learnerId]);
  }

  async setLastLesson(learnerId: string, lessonId: number): Promise<void> {
    await this.run('UPDATE learners SET last_lesson = $2 WHERE id = $1', [learnerId, lessonId]);
  }

  async listStudyDays(learnerId: string, since: string): Promise<string[]> {
    const rows = await this.rows('SELECT local_date FROM study_days WHERE learner_id = $1 AND local_date >= $2 ORDER BY local_date', [learnerId, since]);
    return rows.map((r) => String(r.local_date));
  }

  async recordChatMember(platform: string, chatId: string, learnerId: string, at: string): Promise<void> {
    await this.run('INSERT INTO chat_members (platform, chat_id, learner_id, joined_at) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING', [platform, chatId, learnerId, at]);
  }

  async chatProgress(platform: string, chatId: string): Promise<ChatProgress> {
    const members = await this.one('SELECT count(*)::int AS n FROM chat_members WHERE platform = $1 AND chat_id = $2', [platform, chatId]);
    const rows = await this.rows(`SELECT p.lesson_id, count(*)::int AS n FROM chat_members m JOIN progress p ON p.learner_id = m.learner_id
      WHERE m.platform = $1 AND m.chat_id = $2 GROUP BY p.lesson_id`, [platform, chatId]);
    return { members: Number(members?.n ?? 0), doneByLesson: new Map(rows.map((r) => [Number(r.lesson_id), Number(r.n)])) };
  }

  async moveChatMembers(platform: string, from: string, to: string): Promise<void> {
    // One statement: a member already seen in the new chat keeps that row; the old rows go.
    await this.run(`WITH gone AS (DELETE FROM chat_members WHERE platform = $1 AND chat_id = $2 RETURNING learner_id, joined_at)
      INSERT INTO chat_members (platform, chat_id, learner_id, joined_at) SELECT $1, $3, learner_id, joined_at FROM gone ON CONFLICT DO NOTHING`, [platform, from, to]);
  }

  async recordStudyDay(learnerId: string, localDate: string): Promise<void> {
    await this.run('INSERT INTO study_days (learner_id, local_date) VALUES ($1, $2) ON CONFLICT DO NOTHING', [learnerId, localDate]);
  }

  async getCard(learnerId: string, lessonId: number, question: number): Promise<ReviewCard | undefined> {
    const r = await this.one('SELECT * FROM cards WHERE learner_id = $1 AND lesson_id = $2 AND question = $3', [learnerId, lessonId, question]);
    return r && toCard(r);
  }

  async saveCard(c: ReviewCard): Promise<void> {
    await this.run(`INSERT INTO cards (learner_id, lesson_id, question, due, state, reps, last_review)
      VALUES ($1, $2, $3, $4, $5, $6, $7)
      ON CONFLICT (learner_id, lesson_id, question) DO UPDATE SET due = excluded.due, state = excluded.state,
        reps = excluded.reps, last_review = excluded.last_review`,
    [c.learnerId, c.lessonId, c.question, c.due, c.state, c.reps, c.lastReview ?? null]);
  }

  async dueCards(learnerId: string, now: string, limit: number): Promise<ReviewCard[]> {
    const rows = await this.rows('SELECT * FROM cards WHERE learner_id = $1 AND due <= $2 ORDER BY due, lesson_id, question LIMIT $3', [learnerId, now, limit]);
    return rows.map(toCard);
  }

  async countReviewsSince(learnerId: string, since: string): Promise<number> {
    const r = await this.one('SELECT COUNT(*) AS n FROM reviews WHERE learner_id = $1 AND at >= $2', [learnerId, since]);
    return Number(r?.n ?? 0);
  }

  async recordReview(learnerId: string, lessonId: number, question: number, rating: number, at: string): Promise<void> {
    await this.run('INSERT INTO reviews (learner_id, lesson_id, question, rating, at) VALUES ($1, $2, $3, $4, $5)', [learnerId, lessonId, question, rating, at]);
  }

  async showQuestion(learnerId: string, lessonId: number, question: number, at: string): Promise<number> {
    const r = await this.one('INSERT INTO shown_questions (learner_id, lesson_id, question, shown_at) VALUES ($1, $2, $3, $4) RETURNING id', [learnerId, lessonId, question, at]);
    return Number(r!.id);
  }

  async claimRating(id: number, learnerId: string, lessonId: number, question: number, at: string): Promise<'claimed' | 'rated' | 'unknown'> {
    const match = 'id = $1 AND learner_id = $2 AND lesson_id = $3 AND question = $4';
    if (await this.run(`UPDATE shown_questions SET rated_at = $5 WHERE ${match} AND rated_at IS NULL`, [id, learnerId, lessonId, question, at])) return 'claimed';
    return (await this.one(`SELECT 1 FROM shown_questions WHERE ${match}`, [id, learnerId, lessonId, question])) ? 'rated' : 'unknown';
  }

  async getSubscription(platform: string, chatId: string): Promise<Subscription | undefined> {
    const r = await this.one('SELECT * FROM subscriptions WHERE platform = $1 AND chat_id = $2', [platform, chatId]);
    return r && toSubscription(r);
  }

  async getSubscriptionById(id: number): Promise<Subscription | undefined> {
    const r = await this.one('SELECT * FROM subscriptions WHERE id = $1', [id]);
    return r && toSubscription(r);
  }

  async saveSubscription(s: NewSubscription): Promise<Subscription> {
    const p = subscriptionParams({ ...s, id: 0, createdAt: new Date().toISOString() });
    const r = await this.one(`INSERT INTO subscriptions (platform, chat_id, kind, learner_id, time, timezone, locale, status,
        stopped_reason, every_days, channel_lesson, channel_since, created_at)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
      ON CONFLICT (platform, chat_id) DO UPDATE SET kind = excluded.kind, learner_id = excluded.learner_id,
        time = excluded.time, timezone = excluded.timezone, locale = excluded.locale, status = excluded.status,
        stopped_reason = excluded.stopped_reason, every_days = excluded.every_days
      RETURNING *`,
    [p.platform, p.chatId, p.kind, p.learnerId, p.time, p.timezone, p.locale, p.status, p.stoppedReason, p.everyDays,
      p.channelLesson, p.channelSince, p.createdAt]);
    return toSubscription(r!);
  }

  async updateSubscription(s: Subscription): Promise<void> {
    const p = subscriptionParams(s);
    await this.run(`UPDATE subscriptions SET kind = $2, learner_id = $3, time = $4, timezone = $5, locale = $6, status = $7,
        stopped_reason = $8, every_days = $9, channel_lesson = $10, channel_since = $11 WHERE id = $1`,
    [p.id, p.kind, p.learnerId, p.time, p.timezone, p.locale, p.status, p.stoppedReason, p.everyDays, p.channelLesson, p.channelSince]);
  }

  async patchSubscription(id: number, patch: SubscriptionPatch): Promise<boolean> {
    const columns = patchColumns(patch);
    if (!columns.length) return (await this.getSubscriptionById(id)) !== undefined;
    return (await this.run(...patchQuery(id, columns))) > 0;
  }

  async deleteSubscription(id: number): Promise<void> {
    await this.run('DELETE FROM subscriptions WHERE id = $1', [id]);
  }

  async listSubscriptions(status?: SubscriptionStatus): Promise<Subscription[]> {
    const rows = status
      ? await this.rows('SELECT * FROM subscriptions WHERE status = $1 ORDER BY id', [status])
      : await this.rows('SELECT * FROM subscriptions ORDER BY id');
    return rows.map(toSubscription);
  }

  async countSubscriptions(): Promise<Partial<Record<SubscriptionStatus, number>>> {
    const rows = await this.rows('SELECT status, COUNT(*) AS n FROM subscriptions GROUP BY status');
    return Object.fromEntries(rows.map((r) => [String(r.status), Number(r.n)]));
  }

  async activeTimezones(): Promise<string[]> {
    return (await this.rows(ACTIVE_TIMEZONES)).map((r) => String(r.tz));
  }

  async duePage(q: DueQuery): Promise<{ due: Subscription[]; next?: DueCursor }> {
    const rows = await this.rows(DUE_PAGE_SQL, Object.values(dueParams(q)));
    return duePageOf(rows, q.limit);
  }

  async claimDelivery(subscriptionId: number, localDate: string, at: string): Promise<boolean> {
    // The primary key makes the claim atomic across processes: one INSERT wins, the others do nothing.
    // The lease is counted in the database's clock, so processes whose clocks disagree agree on it.
    return (await this.run(`INSERT INTO deliveries (subscription_id, local_date, status, claimed_at, attempts, lease_owner, lease_until)
      VALUES ($1, $2, 'claimed', $3, 1, $4, ${leaseUntil('$5')}) ON CONFLICT DO NOTHING`, [subscriptionId, localDate, at, this.owner, this.leaseMs])) > 0;
  }

  /** Extends the lease of every claim this process holds (the heartbeat). */
  async renewLeases(): Promise<number> {
    return this.run(`UPDATE deliveries SET lease_until = ${leaseUntil('$2')}
      WHERE status = 'claimed' AND lease_owner = $1`, [this.owner, this.leaseMs]);
  }

  async takeOverDelivery(seen: Delivery, at: string): Promise<boolean> {
    // Conditional on the row being exactly what the caller saw: one of several takers wins. A claim
    // another process still holds (its lease running, its heartbeat beating) is never taken,
    // whatever the caller's clock says.
    const won = (await this.run(`UPDATE deliveries SET status = 'claimed', claimed_at = $6, attempts = attempts + 1, retry_at = NULL,
        lease_owner = $7, lease_until = ${leaseUntil('$8')}
      WHERE subscription_id = $1 AND local_date = $2 AND status = $3 AND claimed_at = $4 AND attempts = $5
        AND ${leaseFree('$7')}`,
    [seen.subscriptionId, seen.localDate, seen.status, seen.claimedAt, seen.attempts, at, this.owner, this.leaseMs])) > 0;
    if (won && seen.status === 'claimed') this.observer?.claimTakenOver();
    return won;
  }

  async latestDelivery(subscriptionId: number): Promise<Delivery | undefined> {
    const r = await this.one('SELECT * FROM deliveries WHERE subscription_id = $1 ORDER BY local_date DESC LIMIT 1', [subscriptionId]);
    return r && toDelivery(r);
  }

  async getDelivery(subscriptionId: number, localDate: string): Promise<Delivery | undefined> {
    const r = await this.one('SELECT * FROM deliveries WHERE subscription_id = $1 AND local_date = $2', [subscriptionId, localDate]);
    return r && toDelivery(r);
  }

  async updateDelivery(d: Delivery): Promise<void> {
    await this.run(...updateDeliveryQuery(d));
  }

  async recordSent(r: SentRecord): Promise<void> {
    await this.ready;
    await inTransaction(this.pool, async (client) => {
      await client.query(...updateDeliveryQuery(r.delivery));
      if (r.learner) {
        const l = r.learner;
        // Only the lesson position: a locale or zone the learner changed meanwhile is not undone.
        await client.query(`INSERT INTO learners (id, locale, timezone, include_optional, current_lesson, current_since, created_at)
          VALUES ($1, $2, $3, $4, $5, $6, $7)
          ON CONFLICT (id) DO UPDATE SET current_lesson = excluded.current_lesson, current_since = excluded.current_since`,
        [l.id, l.locale ?? null, l.timezone ?? null, l.includeOptional ? 1 : 0, l.currentLesson ?? null, l.currentSince ?? null, l.createdAt]);
      }
      if (r.lastLesson) await client.query('UPDATE learners SET last_lesson = $2 WHERE id = $1', [r.lastLesson.learnerId, r.lastLesson.lessonId]);
      const columns = r.subscription && patchColumns(r.subscription.patch);
      if (r.subscription && columns?.length) await client.query(...patchQuery(r.subscription.id, columns));
    });
  }

  async staleClaims(olderThan: string): Promise<Delivery[]> {
    // A lease that ran out loses its owner here, once, in whichever process notices first: that
    // process counts the expiry, and the claim is free for any process to take over.
    const expired = await this.run(`UPDATE deliveries SET lease_owner = NULL
      WHERE status = 'claimed' AND lease_owner IS NOT NULL AND lease_owner <> $1 AND lease_until <= clock_timestamp()`, [this.owner]);
    if (expired) this.observer?.leasesExpired(expired);
    // Stale by the caller's clock and free by the database's: this process's own claims are judged
    // by the caller alone (it knows which of them are still in flight).
    const rows = await this.rows(`SELECT * FROM deliveries WHERE status = 'claimed' AND claimed_at < $1 AND ${leaseFree('$2')}
      ORDER BY claimed_at`, [olderThan, this.owner]);
    return rows.map(toDelivery);
  }

  async retriesDue(now: string): Promise<Delivery[]> {
    const rows = await this.rows(`SELECT * FROM deliveries WHERE retry_at IS NOT NULL AND retry_at <= $1 AND status = 'failed' ORDER BY retry_at`, [now]);
    return rows.map(toDelivery);
  }

  async laterDue(now: string, staleBefore: string): Promise<Delivery[]> {
    const rows = await this.rows(`SELECT * FROM deliveries WHERE status = 'sent' AND later_at IS NOT NULL AND later_at <= $1 AND later_sent_at IS NULL
      AND (later_claimed_at IS NULL OR later_claimed_at < $2)`, [now, staleBefore]);
    return rows.map(toDelivery);
  }

  async claimLater(seen: Delivery, at: string): Promise<boolean> {
    return (await this.run(`UPDATE deliveries SET later_claimed_at = $5
      WHERE subscription_id = $1 AND local_date = $2 AND later_sent_at IS NULL
        AND later_at IS NOT DISTINCT FROM $3 AND later_claimed_at IS NOT DISTINCT FROM $4`,
    [seen.subscriptionId, seen.localDate, seen.laterAt ?? null, seen.laterClaimedAt ?? null, at])) > 0;
  }

  async pruneDeliveries(beforeDate: string, limit: number): Promise<number> {
    return this.run('DELETE FROM deliveries WHERE ctid IN (SELECT ctid FROM deliveries WHERE local_date < $1 LIMIT $2)', [beforeDate, limit]);
  }

  async countDeliveries(): Promise<Record<string, number>> {
    const rows = await this.rows('SELECT status, COUNT(*) AS n FROM deliveries GROUP BY status');
    return Object.fromEntries(rows.map((r) => [String(r.status), Number(r.n)]));
  }

  async recordUpdate(source: string, updateId: number, at: string): Promise<boolean> {
    // The primary key decides between processes: one INSERT wins, a redelivery elsewhere does nothing.
    return (await this.run('INSERT INTO handled_updates (platform, update_id, handled_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING',
      [source, updateId, at])) > 0;
  }

  async pruneUpdates(olderThan: string): Promise<number> {
    return this.run('DELETE FROM handled_updates WHERE handled_at < $1', [olderThan]);
  }

  async ping(): Promise<boolean> {
    return (await this.one('SELECT 1 AS ok'))?.ok === 1;
  }

  private closed?: Promise<void>;
  async probeWrite(at: string): Promise<void> {
    await this.run('INSERT INTO health_probe (id, at) VALUES (1, $1) ON CONFLICT (id) DO UPDATE SET at = excluded.at', [at]);
  }

  async close(): Promise<void> {
    clearInterval(this.heartbeat);
    this.closed ??= this.ready.catch(() => {}).then(() => this.pool.end());
    return this.closed;
  }
}

function patchQuery(id: number, columns: [string, unknown][]): [string, unknown[]] {
  const sets = columns.map(([column], i) => `${column} = $${i + 2}`);
  return [`UPDATE subscriptions SET ${sets.join(', ')} WHERE id = $1`, [id, ...columns.map(([, value]) => value)]];
}

function updateDeliveryQuery(d: Delivery): [string, unknown[]] {
  return [`UPDATE deliveries SET status = $3, claimed_at = $4, attempts = $5, sent_at = $6, error = $7, later_at = $8, later_sent_at = $9,
      later_claimed_at = $10, retry_at = $11
    WHERE subscription_id = $1 AND local_date = $2`, Object.values(deliveryParams(d))];
}
