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

/** DATABASE_URL (store.url) selects PostgreSQL; without it, the SQLite file at store.path. */
export function openStore(o: { path: string; url?: string; poolSize?: number; leaseMs?: number }): OpenedStore {
  if (o.url) {
    const pg = new PgStore({ url: o.url, poolSize: o.poolSize, leaseMs: o.leaseMs });
    return { store: pg, ready: pg.ready, info: () => ({ kind: 'postgres', pool: pg.poolInfo() }), pg };
  }
  const store = new SqliteStore(o.path);
  return { store, ready: Promise.resolve(), info: () => ({ kind: 'sqlite', path: o.path }) };
}
