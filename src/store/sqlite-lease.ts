import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import Database from 'better-sqlite3';

export interface LeaseOptions {
  /** How long the lease outlives its last heartbeat: a SIGKILLed holder's lease is free after this. */
  ttlMs: number;
  /** Told when another process took the lease over (this one stalled past its expiry). */
  onLost?: () => void;
  now?: () => number;
}

interface LeaseRow {
  owner: string;
  pid: number;
  host: string;
  heartbeat_at: number;
  expires_at: number;
}

/** A second bot process on a SQLite file that one already serves; the message is the one line to print. */
export class LeaseHeldError extends Error {}

/**
 * The one-bot-process-per-SQLite-file lease: a row in the file itself (node has no portable file
 * lock without a native dependency). It is taken with one conditional upsert that succeeds only when
 * the row is absent or expired, so of two processes starting at once exactly one wins; the holder
 * renews it every third of its lifetime and deletes it on a clean exit.
 */
export class SqliteProcessLease {
  private readonly db: Database.Database;
  private readonly owner = `${process.pid}@${hostname()}/${randomUUID()}`;
  private readonly now: () => number;
  private timer?: NodeJS.Timeout;

  private constructor(path: string, private readonly o: LeaseOptions) {
    this.now = o.now ?? Date.now;
    // Its own connection: the store's stays free for the bot, and this one only touches one row.
    this.db = new Database(path);
    this.db.pragma('busy_timeout = 5000');
  }

  /** Takes the lease on the (already migrated) file at `path`, or throws LeaseHeldError naming the holder. */
  static acquire(path: string, o: LeaseOptions): SqliteProcessLease {
    const lease = new SqliteProcessLease(path, o);
    try {
      lease.take();
    } catch (err) {
      lease.db.close();
      throw err;
    }
    lease.timer = setInterval(() => lease.renew(), Math.max(250, Math.floor(o.ttlMs / 3)));
    lease.timer.unref();
    return lease;
  }

  private take(): void {
    const now = this.now();
    const taken = this.db.prepare(`INSERT INTO process_lease (name, owner, pid, host, heartbeat_at, expires_at)
      VALUES ('bot', @owner, @pid, @host, @now, @expires)
      ON CONFLICT (name) DO UPDATE SET owner = excluded.owner, pid = excluded.pid, host = excluded.host,
        heartbeat_at = excluded.heartbeat_at, expires_at = excluded.expires_at
      WHERE process_lease.expires_at <= excluded.heartbeat_at`)
      .run({ owner: this.owner, pid: process.pid, host: hostname(), now, expires: now + this.o.ttlMs }).changes > 0;
    if (taken) return;
    const held = this.db.prepare(`SELECT * FROM process_lease WHERE name = 'bot'`).get() as LeaseRow;
    const ago = Math.max(0, Math.round((now - held.heartbeat_at) / 1000));
    const left = Math.max(1, Math.ceil((held.expires_at - now) / 1000));
    throw new LeaseHeldError(`another slowfast process (pid ${held.pid} on ${held.host}, last seen ${ago} s ago) is using ${this.db.name}; ` +
      `stop it first (if it was killed, its lease expires in ${left} s), or use PostgreSQL (DATABASE_URL) for several processes`);
  }

  private renew(): void {
    const now = this.now();
    try {
      const kept = this.db.prepare('UPDATE process_lease SET heartbeat_at = ?, expires_at = ? WHERE name = \'bot\' AND owner = ?')
        .run(now, now + this.o.ttlMs, this.owner).changes > 0;
      if (!kept) {
        this.stopRenewing();
        this.o.onLost?.();
      }
    } catch {
      // A busy or failing file: the next beat tries again; /healthz reports a store that cannot write.
    }
  }

  private stopRenewing(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  /** Gives the lease up (clean exit): the next process may start at once. */
  release(): void {
    this.stopRenewing();
    if (!this.db.open) return;
    try {
      this.db.prepare('DELETE FROM process_lease WHERE name = \'bot\' AND owner = ?').run(this.owner);
    } finally {
      this.db.close();
    }
  }
}
