import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { PG_MIGRATIONS } from '../../src/store/postgres/pg-migrations.js';
import { PgStore } from '../../src/store/postgres/pg-store.js';
import { freshSchema, postgresAvailable } from '../helpers/postgres.js';
import { storeContract } from './store-contract.js';
import { storeContract as deliveryContract } from './delivery-contract.js';

const available = await postgresAvailable('test/store/pg-store.test.ts');

if (available) {
  storeContract('PostgreSQL', async () => {
    const db = await freshSchema();
    const opened: PgStore[] = [new PgStore({ url: db.url, schema: db.schema, poolSize: 4 })];
    await opened[0]!.ready;
    return {
      store: opened[0]!,
      second: async () => new PgStore({ url: db.url, schema: db.schema, poolSize: 4 }),
      reopen: async () => {
        await opened[0]!.close();
        opened.push(new PgStore({ url: db.url, schema: db.schema, poolSize: 4 }));
        return opened.at(-1)!;
      },
      cleanup: async () => {
        for (const s of opened) await s.close();
        await db.drop();
      },
    };
  });
}

if (available) {
  const drops = new Map<PgStore, () => Promise<void>>();
  deliveryContract('PostgreSQL', {
    async open() {
      const db = await freshSchema();
      const store = new PgStore({ url: db.url, schema: db.schema, poolSize: 4 });
      await store.ready;
      drops.set(store, () => db.drop());
      return store;
    },
    async dispose(store) {
      await store.close();
      await drops.get(store as PgStore)!();
    },
  });
}

describe.runIf(available)('PgStore start-up', () => {
  it('migrates once when several processes start at the same moment', async () => {
    const db = await freshSchema();
    const stores = Array.from({ length: 5 }, () => new PgStore({ url: db.url, schema: db.schema, poolSize: 2 }));
    try {
      await Promise.all(stores.map((s) => s.ready));
      expect(stores.map((s) => s.schemaVersion)).toEqual(stores.map(() => PG_MIGRATIONS.length));
      const c = new pg.Client({ connectionString: db.url, options: `-c search_path=${db.schema}` });
      await c.connect();
      const { rows } = await c.query('SELECT version FROM schema_migrations ORDER BY version');
      await c.end();
      expect(rows.map((r) => r.version)).toEqual(PG_MIGRATIONS.map((_, i) => i + 1));
    } finally {
      for (const s of stores) await s.close();
      await db.drop();
    }
  });

  it('refuses a database written by a newer schema, saying so', async () => {
    const db = await freshSchema();
    const first = new PgStore({ url: db.url, schema: db.schema, poolSize: 1 });
    await first.ready;
    await first.pool.query('INSERT INTO schema_migrations (version) VALUES ($1)', [PG_MIGRATIONS.length + 1]);
    await first.close();
    const next = new PgStore({ url: db.url, schema: db.schema, poolSize: 1 });
    try {
      await expect(next.ready).rejects.toThrow(/newer than this slowfast knows/);
      await expect(next.ping()).rejects.toThrow(/newer/);
    } finally {
      await next.close();
      await db.drop();
    }
  });

  it('reports an unreachable server as a failed start, not a hang', async () => {
    const store = new PgStore({ url: 'postgres://postgres@127.0.0.1:1/none', poolSize: 1 });
    await expect(store.ready).rejects.toThrow(/ECONNREFUSED|connect/);
    await store.close();
  });
});
