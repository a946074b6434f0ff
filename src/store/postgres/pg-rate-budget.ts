import { createHash } from 'node:crypto';
import type { Pool } from 'pg';

/** The rate_budgets row of a bot: the platform and a hash of its token (never the token itself). */
export function budgetKey(platform: string, token: string): string {
  return `${platform}:${createHash('sha256').update(token).digest('hex').slice(0, 16)}`;
}

// Takes the next free slot and moves it one interval on, in one statement: the row lock orders the
// takers of every process, and clock_timestamp() (not now(), which is the transaction's start) is
// the one clock they all read. Returns how long the caller waits until its slot begins.
const TAKE = `INSERT INTO rate_budgets AS b (key, next_slot) VALUES ($1, clock_timestamp() + $2 * interval '1 millisecond')
  ON CONFLICT (key) DO UPDATE SET next_slot = GREATEST(b.next_slot, clock_timestamp()) + $2 * interval '1 millisecond'
  RETURNING extract(epoch FROM b.next_slot - clock_timestamp()) * 1000 - $2 AS wait_ms`;

// The gate a send passes when its slot begins: it goes only if the send perSecond sends before it
// is a window old, and is then recorded, under the row lock. Otherwise: how long until it may go
// (read from this statement's snapshot, which a concurrent pass may have overtaken: only a guess).
const GATE = `WITH sent AS (
    UPDATE rate_budgets SET recent = (recent || clock_timestamp())[greatest(1, cardinality(recent) + 2 - $2):]
    WHERE key = $1 AND (cardinality(recent) < $2 OR recent[cardinality(recent) + 1 - $2] <= clock_timestamp() - $3 * interval '1 millisecond')
    RETURNING true AS passed, 0::float8 AS wait_ms, recent[cardinality(recent)]::text AS at)
  SELECT passed, wait_ms, at FROM sent
  UNION ALL
  SELECT false, extract(epoch FROM recent[cardinality(recent) + 1 - $2] + $3 * interval '1 millisecond' - clock_timestamp()) * 1000
    , NULL::text FROM rate_budgets WHERE key = $1 AND NOT EXISTS (SELECT 1 FROM sent)`;
// A send recorded by the gate that did not go at once takes its record back.
const UNRECORD = 'UPDATE rate_budgets SET recent = array_remove(recent, $2::timestamptz) WHERE key = $1';

// A 429: nobody, in any process, gets a slot before the platform's retry_after has passed.
const PAUSE = `INSERT INTO rate_budgets AS b (key, next_slot) VALUES ($1, clock_timestamp() + $2 * interval '1 millisecond')
  ON CONFLICT (key) DO UPDATE SET next_slot = GREATEST(b.next_slot, clock_timestamp() + $2 * interval '1 millisecond')`;

/**
 * Slots are handed out a little under the platform's rate, so that the gate below rarely holds a
 * send that is on time: 30 slots span 1031 ms, the gate's window 1030 ms.
 */
export const BUDGET_HEADROOM = 0.97;

/**
 * The gate's window: the platform's second, and 30 ms for the way from the database to the
 * platform (the answer to this process, the HTTP request) by which a send recorded
 * here arrives later than recorded, more for one than for another on a busy machine. A send that
 * woke late (a busy event loop, a slow claim) is held until the send perSecond before it is this
 * old, instead of bunching with the sends a second after it: a sliding-window limit (Telegram's)
 * refuses 31 in any one second, however they fell in their slots.
 */
export const GATE_WINDOW_MS = 1030;
/** A gate answer slower than this, its connection in hand, is taken back and asked again: see take(). */
export const GATE_ANSWER_MS = 10;

export interface PgRateBudgetOptions {
  pool: Pool;
  /** The row: budgetKey(platform, token). */
  key: string;
  /** Messages a second for the bot token, over all processes. */
  perSecond: number;
  sleep?: (ms: number) => Promise<void>;
  /** Told how long each send that had to wait waited (metrics). */
  onWait?: (ms: number) => void;
}

/**
 * One rate budget per bot token shared by every process on the database: a row holding the next
 * free send slot. Each send takes a slot with an atomic UPDATE ... RETURNING and sleeps until it;
 * slots are spaced 1/perSecond apart, so N processes together send at the platform's rate, not N
 * times it. Then it passes the gate (the row's last sends), which holds a late one back instead of
 * letting 31 fall in one second. A 429 pushes the slot forward by retry_after for all of them.
 */
export class PgRateBudget {
  private readonly interval: number;
  private readonly sleep: (ms: number) => Promise<void>;
  // A pause is written before the next take reads the row (they may run on different connections).
  private pending: Promise<unknown> = Promise.resolve();

  constructor(private readonly o: PgRateBudgetOptions) {
    this.interval = 1000 / (o.perSecond * BUDGET_HEADROOM);
    this.sleep = o.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms)));
  }

  async take(): Promise<void> {
    await this.pending;
    const { rows } = await this.o.pool.query<{ wait_ms: string | number }>(TAKE, [this.o.key, this.interval]);
    const wait = Number(rows[0]?.wait_ms ?? 0);
    if (wait > 0.5) {
      this.o.onWait?.(wait);
      await this.sleep(wait);
    }
    for (;;) {
      let gate: { passed: boolean; wait_ms: string | number; at: string | null } | undefined;
      const client = await this.o.pool.connect();
      try {
        const asked = performance.now();
        gate = (await client.query<NonNullable<typeof gate>>(GATE, [this.o.key, Math.max(1, Math.floor(this.o.perSecond)), GATE_WINDOW_MS])).rows[0];
        // Passed and answered at once: the send goes about when it was recorded. A slow answer (a
        // busy event loop or database) may have left the record well before the send would go:
        // the record is taken back, so that it neither lets a later send in early nor wastes a
        // place in the window, and the send asks again.
        if (gate?.passed && performance.now() - asked <= GATE_ANSWER_MS) return;
        if (gate?.passed) {
          await client.query(UNRECORD, [this.o.key, gate.at]);
          continue;
        }
      } finally {
        client.release();
      }
      const held = Math.max(1, Number(gate?.wait_ms ?? 1));
      this.o.onWait?.(held);
      await this.sleep(held);
    }
  }

  pause(ms: number): void {
    // The caller's interface is synchronous (like the in-memory Pacer); the next take waits for it.
    this.pending = this.pending.then(() => this.o.pool.query(PAUSE, [this.o.key, ms])).catch(() => {});
  }
}

/**
 * The Dispatcher's pacerFor on PostgreSQL: each platform with a token gets the shared budget of
 * that token. Discord's global limit is 50 requests a second per bot; a prompt is up to two
 * requests (the message and its thread), so its budget is the dispatcher's prompt rate (25/s).
 */
export function sharedPacers(pool: Pool, tokens: Record<string, string | undefined>, onWait?: (ms: number) => void) {
  return (platform: string, perSecond: number, sleep: (ms: number) => Promise<void>): PgRateBudget | undefined => {
    const token = tokens[platform];
    return token ? new PgRateBudget({ pool, key: budgetKey(platform, token), perSecond, sleep, onWait }) : undefined;
  };
}
