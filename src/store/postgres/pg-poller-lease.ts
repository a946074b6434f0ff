import type { Pool } from 'pg';
import type { Platform } from '../../platform.js';

/** Someone else holds the poller lease: who, and how long ago they renewed it. */
export interface OtherPoller {
  owner: string;
  seenAgoMs: number;
}

// Takes the lease when it is free, ours, or run out; answers with the holder either way.
const ACQUIRE = `INSERT INTO pollers AS p (key, owner, until) VALUES ($1, $2, clock_timestamp() + $3 * interval '1 millisecond')
  ON CONFLICT (key) DO UPDATE SET owner = excluded.owner, until = excluded.until
    WHERE p.owner = excluded.owner OR p.until < clock_timestamp()
  RETURNING owner`;
const HOLDER = `SELECT owner, extract(epoch FROM clock_timestamp() - (until - $2 * interval '1 millisecond')) * 1000 AS ago
  FROM pollers WHERE key = $1`;

/**
 * Telegram hands updates to one long poller per bot. With several processes on one database, a
 * row per bot says which process polls; it renews the row (a heartbeat) while it lives, and the
 * others stand by and take over when the row runs out.
 */
export class PgPollerLease {
  constructor(
    private readonly pool: Pool,
    readonly key: string,
    readonly owner: string,
    readonly ttlMs = 30_000,
  ) {}

  /** Takes or renews the lease; undefined when it is ours now, else who holds it. */
  async acquire(): Promise<OtherPoller | undefined> {
    const won = await this.pool.query(ACQUIRE, [this.key, this.owner, this.ttlMs]);
    if (won.rowCount) return undefined;
    const { rows } = await this.pool.query<{ owner: string; ago: string }>(HOLDER, [this.key, this.ttlMs]);
    return { owner: rows[0]?.owner ?? 'unknown', seenAgoMs: Math.max(0, Math.round(Number(rows[0]?.ago ?? 0))) };
  }

  async release(): Promise<void> {
    await this.pool.query('DELETE FROM pollers WHERE key = $1 AND owner = $2', [this.key, this.owner]);
  }
}

/** pollWithLease's platform: also asked before each batch of getUpdates (poll-guard.ts). */
export interface LeasedPoller extends Platform {
  /** Whether this process may poll now; false once another process holds the lease (polling stops). */
  mayPoll(): Promise<boolean>;
}

/**
 * A long-polling platform behind the lease: started only while this process holds it. A process
 * that finds another poller says so at start, stays up (it still sends the daily prompts, which
 * need no polling) and takes polling over if the other process stops renewing. One that stalled
 * past its lease and finds, on waking, that another took over stops polling: two pollers would
 * each get a share of the updates and Telegram answers 409 to both.
 */
export function pollWithLease(platform: Platform, lease: PgPollerLease, warn: (other: OtherPoller) => void, onError: (err: unknown) => void): LeasedPoller {
  let timer: NodeJS.Timeout | undefined;
  let polling = false;
  let stopped = false;
  let warned = false;
  const attempt = async (): Promise<boolean> => {
    const other = await lease.acquire();
    if (other) {
      if (!warned) warn(other);
      warned = true;
      if (polling) {
        polling = false;
        // Not awaited: asked from inside a getUpdates, the runner's stop would wait for itself.
        void platform.stop().catch(onError);
      }
      return false;
    }
    if (!polling && !stopped) {
      polling = true;
      await platform.start();
    }
    return !stopped;
  };
  return {
    name: platform.name,
    messenger: platform.messenger,
    async start() {
      await attempt();
      timer = setInterval(() => void attempt().catch(onError), Math.max(200, lease.ttlMs / 3));
      timer.unref();
    },
    async stop() {
      stopped = true;
      clearInterval(timer);
      if (polling) await platform.stop();
      await lease.release().catch(onError);
    },
    mayPoll: async () => polling && (await attempt()),
    // Standing by is healthy: this process sends prompts, and polls as soon as it may.
    connected: () => (polling ? platform.connected() : !stopped),
  };
}
