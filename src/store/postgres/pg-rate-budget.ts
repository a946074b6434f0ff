import { createHash } from 'node:crypto';
import type { Pool } from 'pg';

/** The rate_budgets row of a bot: the platform and a hash of its token (never the token itself). */
export function budgetKey(platform: string, token: string): string {
  return `${platform}:${createHash('sha256').update(token).digest('hex').slice(0, 16)}`;
}

// Takes the next free slot and moves it one interval on, in one statement: the row lock orders the
// takers of every process, and clock_timestamp() (not now(), which is the transaction's start) is
// the one clock they all read. Returns the slot and the database's clock, both in epoch ms.
const TAKE = `INSERT INTO rate_budgets AS b (key, next_slot) VALUES ($1, clock_timestamp() + $2 * interval '1 millisecond')
  ON CONFLICT (key) DO UPDATE SET next_slot = GREATEST(b.next_slot, clock_timestamp()) + $2 * interval '1 millisecond'
  RETURNING extract(epoch FROM b.next_slot) * 1000 - $2 AS slot_ms, extract(epoch FROM clock_timestamp()) * 1000 AS db_ms`;

// The gate a send passes when its slot begins: it goes only if the send perSecond sends before it
// is a window old, and is then recorded, under the row lock. Otherwise: how long until it may go.
const GATE = `WITH sent AS (
    UPDATE rate_budgets SET recent = (recent || clock_timestamp())[greatest(1, cardinality(recent) + 2 - $2):]
    WHERE key = $1 AND (cardinality(recent) < $2 OR recent[cardinality(recent) + 1 - $2] <= clock_timestamp() - $3 * interval '1 millisecond')
    RETURNING 0::float8 AS wait_ms)
  SELECT wait_ms FROM sent
  UNION ALL
  SELECT extract(epoch FROM recent[cardinality(recent) + 1 - $2] + $3 * interval '1 millisecond' - clock_timestamp()) * 1000
    FROM rate_budgets WHERE key = $1 AND NOT EXISTS (SELECT 1 FROM sent)`;

// A 429: nobody, in any process, gets a slot before the platform's retry_after has passed.
const PAUSE = `INSERT INTO rate_budgets AS b (key, next_slot) VALUES ($1, clock_timestamp() + $2 * interval '1 millisecond')
  ON CONFLICT (key) DO UPDATE SET next_slot = GREATEST(b.next_slot, clock_timestamp() + $2 * interval '1 millisecond')`;

/**
 * Slots are handed out a little under the platform's rate: a send that goes a few milliseconds
 * late and the one a full window after it, on time, would otherwise both fall in one second of a
 * sliding-window limit. 3% leaves about 30 ms per second for the request's way to the platform.
 */
export const BUDGET_HEADROOM = 0.97;

/**
 * A send that wakes later than this after its slot (a busy event loop, a slow answer from the
 * database) gives the slot up and takes a new one: sent anyway, it would bunch with the send 30
 * slots on. Well inside the headroom's 30 ms, which the rest of the way to the platform needs.
 */
export const LATE_TOLERANCE_MS = 8;
/** A send gives up at most this many slots, then goes in the next whatever its timing. */
const MAX_RETAKES = 5;

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
  /**
   * This clock minus the database's, plus the quickest answer seen: the least that the local
   * clock read when a TAKE answered minus the database's clock in it. It turns a slot into local
   * time whatever the two clocks' difference, so lateness is measured from the slot itself.
   */
  private offset = Infinity;

  constructor(private readonly o: PgRateBudgetOptions) {
    this.interval = 1000 / (o.perSecond * BUDGET_HEADROOM);
    this.sleep = o.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms)));
  }

  async take(): Promise<void> {
    await this.pending;
    for (let retakes = 0; ; retakes++) {
      const { rows } = await this.o.pool.query<{ slot_ms: string | number; db_ms: string | number }>(TAKE, [this.o.key, this.interval]);
      const answered = Date.now();
      this.offset = Math.min(this.offset, answered - Number(rows[0]!.db_ms));
      const slot = Number(rows[0]!.slot_ms) + this.offset;
      const wait = slot - answered;
      if (wait > 0.5) {
        this.o.onWait?.(wait);
        await this.sleep(wait);
      }
      if (Date.now() - slot <= LATE_TOLERANCE_MS || retakes >= MAX_RETAKES) return;
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
