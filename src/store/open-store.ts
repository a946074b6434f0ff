import type { Store } from '../core/ports/store.js';
import { SqliteStore } from './sqlite-store.js';
import { PgStore, type PoolInfo } from './postgres/pg-store.js';

/** Which database the process runs on, for /healthz and the start-up log line (never the URL). */
export type StoreInfo =
  | { kind: 'sqlite'; path: string }
  | { kind: 'postgres'; pool: PoolInfo };

export interface OpenedStore {
  store: Store;
  /** Resolves when the schema is migrated; rejects with the reason the database cannot be used. */
  ready: Promise<void>;
  info(): StoreInfo;
  /** The PostgreSQL store when there is one: what several processes share (rate budget, update ids). */
  pg?: PgStore;
}

/** The database cannot be opened at all (not a database, damaged): the start stops with this one line. */
export class StoreUnusableError extends Error {}

/** DATABASE_URL (store.url) selects PostgreSQL; without it, the SQLite file at store.path. */
export function openStore(o: { path: string; url?: string; poolSize?: number; leaseMs?: number }): OpenedStore {
  if (o.url) {
    const pg = new PgStore({ url: o.url, poolSize: o.poolSize, leaseMs: o.leaseMs });
    return { store: pg, ready: pg.ready, info: () => ({ kind: 'postgres', pool: pg.poolInfo() }), pg };
  }
  // Damage is named with what to do about it; any reason the file cannot be opened is one line, not a stack trace.
  const unusable = (err: unknown) => {
    const damaged = err instanceof Error && 'code' in err && /^SQLITE_(NOTADB|CORRUPT)/.test(String(err.code));
    return new StoreUnusableError(`${o.path}: ${(err as Error).message}${damaged ? '; restore a backup, or move the file away to start with an empty database' : ''}`);
  };
  let store: SqliteStore;
  try {
    store = new SqliteStore(o.path);
  } catch (err) {
    throw unusable(err);
  }
  // A header that opens but tables that do not read (damage past the first page) stop the start too.
  const ready = store.checkReadable().catch((err: unknown) => {
    throw unusable(err);
  });
  return { store, ready, info: () => ({ kind: 'sqlite', path: o.path }) };
}
