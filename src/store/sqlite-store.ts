import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import type {
  ChatProgress, Delivery, DoneLesson, DueCursor, DueQuery, Learner, NewSubscription, ReviewCard, SentRecord, Store, Subscription, SubscriptionPatch, SubscriptionStatus,
} from '../core/ports/store.js';
import { MIGRATIONS } from './migrations.js';
import { ACTIVE_TIMEZONES, deliveryParams, dueParams, duePageOf, duePageSql, patchColumns, subscriptionParams, toCard, toDelivery, toLearner, toSubscription, type Row } from './rows.js';

const DUE_PAGE_SQL = duePageSql((name) => `@${name}`);
/** The write probe's row: larger than a page (4 KB by default), so the probe needs pages a full file lacks. */
const PROBE_ROW_BYTES = 8192;
/** Thrown to roll the probe's large row back: only the database's own errors are the probe's answer. */
const PROBE_ROLLBACK = new Error('health probe rolled back');

/**
 * The "later" re-sends due (now, staleBefore), through the partial index deliveries_later_due. The
 * `+` keeps SQLite from seeking on status instead: with `status = 'sent'` it chose
 * deliveries_claimed (status, claimed_at) and read every sent row (3 M rows after 30 days of 100,000).
 */
export const LATER_DUE_SQL = `SELECT * FROM deliveries WHERE +status = 'sent' AND later_at IS NOT NULL AND later_at <= ? AND later_sent_at IS NULL
  AND (later_claimed_at IS NULL OR later_claimed_at < ?)`;

/** Transient failures to try again, through the partial index deliveries_retry (the same `+`: not every failed row). */
export const RETRIES_DUE_SQL = `SELECT * FROM deliveries WHERE retry_at IS NOT NULL AND retry_at <= ? AND +status = 'failed' ORDER BY retry_at`;

/** The Store on one SQLite file (WAL, so the dispatcher's writes never block a reader). */
export class SqliteStore implements Store {
  private readonly db: Database.Database;
  /**
   * Statements prepared once per store, by their text: preparing one costs more than running it,
   * and a 100,000-subscription wave runs a handful of them some 400,000 times.
   */
  private readonly statements = new Map<string, Database.Statement>();

  /** `readonly` opens an existing file without writing to it (tools that only read; health tests). */
  constructor(path: string, o: { readonly?: boolean } = {}) {
    if (o.readonly) {
      this.db = new Database(path, { readonly: true, fileMustExist: true });
      this.checkVersion();
      return;
    }
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    this.db = new Database(path);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('busy_timeout = 5000');
    this.db.pragma('foreign_keys = ON');
    this.db.pragma('synchronous = NORMAL');
    this.migrate();
  }

  private checkVersion(): number {
    const current = this.db.pragma('user_version', { simple: true }) as number;
    if (current > MIGRATIONS.length) {
      // Opening it would let this older code write rows a newer schema no longer means the same way.
      this.db.close();
      throw new Error(`database schema ${current} is newer than this version of slowfast knows (${MIGRATIONS.length}); run the newer version or restore a backup`);
    }
    return current;
  }

  private migrate(): void {
    const current = this.checkVersion();
    for (let v = current; v < MIGRATIONS.length; v++) {
      this.db.transaction(() => {
        this.db.exec(MIGRATIONS[v]!);
        this.db.pragma(`user_version = ${v + 1}`);
      })();
    }
  }

  private sql(text: string): Database.Statement {
    let statement = this.statements.get(text);
    if (!statement) this.statements.set(text, (statement = this.db.prepare(text)));
    return statement;
  }

  get schemaVersion(): number {
    return this.db.pragma('user_version', { simple: true }) as number;
  }

  async getLearner(id: string): Promise<Learner | undefined> {
    const r = this.sql('SELECT * FROM learners WHERE id = ?').get(id) as Row | undefined;
    return r && toLearner(r);
  }

  async saveLearner(l: Learner): Promise<void> {
    this.sql(`INSERT INTO learners (id, locale, timezone, include_optional, current_lesson, current_since, created_at)
      VALUES (@id, @locale, @timezone, @includeOptional, @currentLesson, @currentSince, @createdAt)
      ON CONFLICT (id) DO UPDATE SET locale = excluded.locale, timezone = excluded.timezone, include_optional = excluded.include_optional,
        current_lesson = excluded.current_lesson, current_since = excluded.current_since`)
      .run({ id: l.id, locale: l.locale ?? null, timezone: l.timezone ?? null, includeOptional: l.includeOptional ? 1 : 0,
        currentLesson: l.currentLesson ?? null, currentSince: l.currentSince ?? null, createdAt: l.createdAt });
  }

  async listDone(learnerId: string): Promise<DoneLesson[]> {
    const rows = this.sql('SELECT lesson_id, done_at FROM progress WHERE learner_id = ? ORDER BY done_at, lesson_id').all(learnerId) as Row[];
    return rows.map((r) => ({ lessonId: Number(r.lesson_id), doneAt: String(r.done_at) }));
  }

  async markDone(learnerId: string, lessonId: number, at: string): Promise<boolean> {
    const info = this.sql('INSERT OR IGNORE INTO progress (learner_id, lesson_id, done_at) VALUES (?, ?, ?)').run(learnerId, lessonId, at);
    return info.changes > 0;
  }

  async unmarkDone(learnerId: string, lessonId: number): Promise<boolean> {
    return this.db.transaction(() => {
      const gone = this.sql('DELETE FROM progress WHERE learner_id = ? AND lesson_id = ?').run(learnerId, lessonId).changes > 0;
      if (gone) this.sql('DELETE FROM cards WHERE learner_id = ? AND lesson_id = ? AND reps = 0').run(learnerId, lessonId);
      return gone;
    })();
  }

  async resetProgress(learnerId: string): Promise<void> {
    this.db.transaction(() => {
      for (const table of ['progress', 'cards', 'reviews', 'study_days']) this.sql(`DELETE FROM ${table} WHERE learner_id = ?`).run(learnerId);
      this.sql('UPDATE learners SET current_lesson = NULL, current_since = NULL, last_lesson = NULL WHERE id = ?').run(learnerId);
    })();
  }

  async setLastLesson(learnerId: string, lessonId: number): Promise<void> {
    this.sql('UPDATE learners SET last_lesson = ? WHERE id = ?').run(lessonId, learnerId);
  }

  async listStudyDays(learnerId: string, since: string): Promise<string[]> {
    const rows = this.sql('SELECT local_date FROM study_days WHERE learner_id = ? AND local_date >= ? ORDER BY local_date').all(learnerId, since) as Row[];
    return rows.map((r) => String(r.local_date));
  }

  async recordChatMember(platform: string, chatId: string, learnerId: string, at: string): Promise<void> {
    this.sql('INSERT OR IGNORE INTO chat_members (platform, chat_id, learner_id, joined_at) VALUES (?, ?, ?, ?)').run(platform, chatId, learnerId, at);
  }

  async chatProgress(platform: string, chatId: string): Promise<ChatProgress> {
    const { n } = this.sql('SELECT count(*) AS n FROM chat_members WHERE platform = ? AND chat_id = ?').get(platform, chatId) as { n: number };
    const rows = this.sql(`SELECT p.lesson_id, count(*) AS n FROM chat_members m JOIN progress p ON p.learner_id = m.learner_id
      WHERE m.platform = ? AND m.chat_id = ? GROUP BY p.lesson_id`).all(platform, chatId) as { lesson_id: number; n: number }[];
    return { members: n, doneByLesson: new Map(rows.map((r) => [r.lesson_id, r.n])) };
  }

  async moveChatMembers(platform: string, from: string, to: string): Promise<void> {
    this.db.transaction(() => {
      // A member already seen in the new chat keeps that row; the old one goes either way.
      this.db.prepare('UPDATE OR IGNORE chat_members SET chat_id = ? WHERE platform = ? AND chat_id = ?').run(to, platform, from);
      this.db.prepare('DELETE FROM chat_members WHERE platform = ? AND chat_id = ?').run(platform, from);
    })();
  }

  async recordStudyDay(learnerId: string, localDate: string): Promise<void> {
    this.sql('INSERT OR IGNORE INTO study_days (learner_id, local_date) VALUES (?, ?)').run(learnerId, localDate);
  }

  async getCard(learnerId: string, lessonId: number, question: number): Promise<ReviewCard | undefined> {
    const r = this.sql('SELECT * FROM cards WHERE learner_id = ? AND lesson_id = ? AND question = ?').get(learnerId, lessonId, question) as Row | undefined;
    return r && toCard(r);
  }

  async saveCard(c: ReviewCard): Promise<void> {
    this.sql(`INSERT INTO cards (learner_id, lesson_id, question, due, state, reps, last_review)
      VALUES (@learnerId, @lessonId, @question, @due, @state, @reps, @lastReview)
      ON CONFLICT (learner_id, lesson_id, question) DO UPDATE SET due = excluded.due, state = excluded.state,
        reps = excluded.reps, last_review = excluded.last_review`)
      .run({ ...c, lastReview: c.lastReview ?? null });
  }

  async dueCards(learnerId: string, now: string, limit: number): Promise<ReviewCard[]> {
    const rows = this.sql('SELECT * FROM cards WHERE learner_id = ? AND due <= ? ORDER BY due, lesson_id, question LIMIT ?').all(learnerId, now, limit) as Row[];
    return rows.map(toCard);
  }

  async countReviewsSince(learnerId: string, since: string): Promise<number> {
    const r = this.sql('SELECT COUNT(*) AS n FROM reviews WHERE learner_id = ? AND at >= ?').get(learnerId, since) as Row;
    return Number(r.n);
  }

  async recordReview(learnerId: string, lessonId: number, question: number, rating: number, at: string): Promise<void> {
    this.sql('INSERT INTO reviews (learner_id, lesson_id, question, rating, at) VALUES (?, ?, ?, ?, ?)').run(learnerId, lessonId, question, rating, at);
  }

  async showQuestion(learnerId: string, lessonId: number, question: number, at: string): Promise<number> {
    return Number(this.sql('INSERT INTO shown_questions (learner_id, lesson_id, question, shown_at) VALUES (?, ?, ?, ?)')
      .run(learnerId, lessonId, question, at).lastInsertRowid);
  }

  async claimRating(id: number, learnerId: string, lessonId: number, question: number, at: string): Promise<'claimed' | 'rated' | 'unknown'> {
    const match = 'id = ? AND learner_id = ? AND lesson_id = ? AND question = ?';
    if (this.sql(`UPDATE shown_questions SET rated_at = ? WHERE ${match} AND rated_at IS NULL`).run(at, id, learnerId, lessonId, question).changes) return 'claimed';
    return this.sql(`SELECT 1 FROM shown_questions WHERE ${match}`).get(id, learnerId, lessonId, question) ? 'rated' : 'unknown';
  }

  async getSubscription(platform: string, chatId: string): Promise<Subscription | undefined> {
    const r = this.sql('SELECT * FROM subscriptions WHERE platform = ? AND chat_id = ?').get(platform, chatId) as Row | undefined;
    return r && toSubscription(r);
  }

  async getSubscriptionById(id: number): Promise<Subscription | undefined> {
    const r = this.sql('SELECT * FROM subscriptions WHERE id = ?').get(id) as Row | undefined;
    return r && toSubscription(r);
  }

  async saveSubscription(s: NewSubscription): Promise<Subscription> {
    const r = this.sql(`INSERT INTO subscriptions (platform, chat_id, kind, learner_id, time, timezone, locale, status,
        stopped_reason, every_days, channel_lesson, channel_since, created_at)
      VALUES (@platform, @chatId, @kind, @learnerId, @time, @timezone, @locale, @status, @stoppedReason, @everyDays,
        @channelLesson, @channelSince, @createdAt)
      ON CONFLICT (platform, chat_id) DO UPDATE SET kind = excluded.kind, learner_id = excluded.learner_id,
        time = excluded.time, timezone = excluded.timezone, locale = excluded.locale, status = excluded.status,
        stopped_reason = excluded.stopped_reason, every_days = excluded.every_days
      RETURNING *`)
      .get(subscriptionParams({ ...s, id: 0, createdAt: new Date().toISOString() })) as Row;
    return toSubscription(r);
  }

  async updateSubscription(s: Subscription): Promise<void> {
    this.sql(`UPDATE subscriptions SET kind = @kind, learner_id = @learnerId, time = @time, timezone = @timezone,
        locale = @locale, status = @status, stopped_reason = @stoppedReason, every_days = @everyDays,
        channel_lesson = @channelLesson, channel_since = @channelSince WHERE id = @id`)
      .run(subscriptionParams(s));
  }

  async patchSubscription(id: number, patch: SubscriptionPatch): Promise<boolean> {
    const columns = patchColumns(patch);
    if (!columns.length) return (await this.getSubscriptionById(id)) !== undefined;
    return this.patchNow(id, columns);
  }

  private patchNow(id: number, columns: [string, unknown][]): boolean {
    const sets = columns.map(([column]) => `${column} = ?`);
    return this.sql(`UPDATE subscriptions SET ${sets.join(', ')} WHERE id = ?`)
      .run(...columns.map(([, value]) => value), id).changes > 0;
  }

  async deleteSubscription(id: number): Promise<void> {
    this.sql('DELETE FROM subscriptions WHERE id = ?').run(id);
  }

  async listSubscriptions(status?: SubscriptionStatus): Promise<Subscription[]> {
    const rows = (status
      ? this.sql('SELECT * FROM subscriptions WHERE status = ? ORDER BY id').all(status)
      : this.sql('SELECT * FROM subscriptions ORDER BY id').all()) as Row[];
    return rows.map(toSubscription);
  }

  async countSubscriptions(): Promise<Partial<Record<SubscriptionStatus, number>>> {
    const rows = this.sql('SELECT status, COUNT(*) AS n FROM subscriptions GROUP BY status').all() as Row[];
    return Object.fromEntries(rows.map((r) => [String(r.status), Number(r.n)]));
  }

  async activeTimezones(): Promise<string[]> {
    const rows = this.sql(ACTIVE_TIMEZONES).all() as Row[];
    return rows.map((r) => String(r.tz));
  }

  async duePage(q: DueQuery): Promise<{ due: Subscription[]; next?: DueCursor }> {
    const rows = this.sql(DUE_PAGE_SQL).all(dueParams(q)) as Row[];
    return duePageOf(rows, q.limit);
  }

  async claimDelivery(subscriptionId: number, localDate: string, at: string): Promise<boolean> {
    const info = this.sql(`INSERT OR IGNORE INTO deliveries (subscription_id, local_date, status, claimed_at, attempts)
      VALUES (?, ?, 'claimed', ?, 1)`).run(subscriptionId, localDate, at);
    return info.changes > 0;
  }

  async takeOverDelivery(seen: Delivery, at: string): Promise<boolean> {
    const info = this.sql(`UPDATE deliveries SET status = 'claimed', claimed_at = ?, attempts = attempts + 1, retry_at = NULL
      WHERE subscription_id = ? AND local_date = ? AND status = ? AND claimed_at = ? AND attempts = ?`)
      .run(at, seen.subscriptionId, seen.localDate, seen.status, seen.claimedAt, seen.attempts);
    return info.changes > 0;
  }

  async latestDelivery(subscriptionId: number): Promise<Delivery | undefined> {
    const r = this.sql('SELECT * FROM deliveries WHERE subscription_id = ? ORDER BY local_date DESC LIMIT 1').get(subscriptionId) as Row | undefined;
    return r && toDelivery(r);
  }

  async getDelivery(subscriptionId: number, localDate: string): Promise<Delivery | undefined> {
    const r = this.sql('SELECT * FROM deliveries WHERE subscription_id = ? AND local_date = ?').get(subscriptionId, localDate) as Row | undefined;
    return r && toDelivery(r);
  }

  async updateDelivery(d: Delivery): Promise<void> {
    this.updateDeliveryNow(d);
  }

  private updateDeliveryNow(d: Delivery): void {
    this.sql(`UPDATE deliveries SET status = @status, claimed_at = @claimedAt, attempts = @attempts, sent_at = @sentAt,
        error = @error, later_at = @laterAt, later_sent_at = @laterSentAt, later_claimed_at = @laterClaimedAt, retry_at = @retryAt
      WHERE subscription_id = @subscriptionId AND local_date = @localDate`)
      .run(deliveryParams(d));
  }

  async recordSent(r: SentRecord): Promise<void> {
    this.db.transaction(() => {
      this.updateDeliveryNow(r.delivery);
      if (r.learner) {
        const l = r.learner;
        // Only the lesson position: a locale or zone the learner changed meanwhile is not undone.
        this.sql(`INSERT INTO learners (id, locale, timezone, include_optional, current_lesson, current_since, created_at)
          VALUES (?, ?, ?, ?, ?, ?, ?)
          ON CONFLICT (id) DO UPDATE SET current_lesson = excluded.current_lesson, current_since = excluded.current_since`)
          .run(l.id, l.locale ?? null, l.timezone ?? null, l.includeOptional ? 1 : 0, l.currentLesson ?? null, l.currentSince ?? null, l.createdAt);
      }
      if (r.lastLesson) this.sql('UPDATE learners SET last_lesson = ? WHERE id = ?').run(r.lastLesson.lessonId, r.lastLesson.learnerId);
      if (r.subscription) this.patchNow(r.subscription.id, patchColumns(r.subscription.patch));
    })();
  }

  async staleClaims(olderThan: string): Promise<Delivery[]> {
    const rows = this.sql(`SELECT * FROM deliveries WHERE status = 'claimed' AND claimed_at < ? ORDER BY claimed_at`).all(olderThan) as Row[];
    return rows.map(toDelivery);
  }

  async retriesDue(now: string): Promise<Delivery[]> {
    const rows = this.sql(RETRIES_DUE_SQL).all(now) as Row[];
    return rows.map(toDelivery);
  }

  async laterDue(now: string, staleBefore: string): Promise<Delivery[]> {
    const rows = this.sql(LATER_DUE_SQL).all(now, staleBefore) as Row[];
    return rows.map(toDelivery);
  }

  async claimLater(seen: Delivery, at: string): Promise<boolean> {
    return this.sql(`UPDATE deliveries SET later_claimed_at = ?
      WHERE subscription_id = ? AND local_date = ? AND later_sent_at IS NULL AND later_at IS ? AND later_claimed_at IS ?`)
      .run(at, seen.subscriptionId, seen.localDate, seen.laterAt ?? null, seen.laterClaimedAt ?? null).changes > 0;
  }

  async pruneDeliveries(beforeDate: string, limit: number): Promise<number> {
    return this.sql('DELETE FROM deliveries WHERE rowid IN (SELECT rowid FROM deliveries WHERE local_date < ? LIMIT ?)').run(beforeDate, limit).changes;
  }

  async countDeliveries(): Promise<Record<string, number>> {
    const rows = this.sql('SELECT status, COUNT(*) AS n FROM deliveries GROUP BY status').all() as Row[];
    return Object.fromEntries(rows.map((r) => [String(r.status), Number(r.n)]));
  }

  async recordUpdate(source: string, updateId: number, at: string): Promise<boolean> {
    return this.sql('INSERT INTO handled_updates (platform, update_id, handled_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING')
      .run(source, updateId, at).changes > 0;
  }

  async pruneUpdates(olderThan: string): Promise<number> {
    return this.sql('DELETE FROM handled_updates WHERE handled_at < ?').run(olderThan).changes;
  }

  async ping(): Promise<boolean> {
    return (this.sql('SELECT 1 AS ok').get() as Row).ok === 1;
  }

  async probeWrite(at: string): Promise<void> {
    this.db.transaction(() => {
      this.sql('INSERT INTO health_probe (id, at) VALUES (1, ?) ON CONFLICT (id) DO UPDATE SET at = excluded.at').run(at);
      this.readFirstPages();
    })();
    // An update in place fits a full file: a row larger than a page needs new pages, as a prompt's
    // delivery does, so SQLITE_FULL shows here. Rolled back: the file does not grow.
    try {
      this.db.transaction(() => {
        this.sql('INSERT INTO health_probe (id, at) VALUES (2, ?)').run('x'.repeat(PROBE_ROW_BYTES));
        throw PROBE_ROLLBACK;
      })();
    } catch (err) {
      if (err !== PROBE_ROLLBACK) throw err;
    }
  }

  /** Reads the tables a prompt needs (start-up: a damaged file is refused, not opened). */
  async checkReadable(): Promise<void> {
    this.readFirstPages();
  }

  /** The tables a prompt needs, read from their first page (SELECT *: no index answers it instead): damage there fails here, not mid-wave. */
  private readFirstPages(): void {
    for (const table of ['learners', 'subscriptions', 'deliveries']) this.sql(`SELECT * FROM ${table} LIMIT 1`).get();
  }

  /**
   * Sets a PRAGMA on this store's own connection (they are per connection): the store tests use
   * `query_only` and `max_page_count` to make the file refuse writes as a read-only or full disk does.
   */
  setPragma(setting: string): void {
    this.db.pragma(setting);
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }
}
