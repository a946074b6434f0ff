// A Telegram update redelivered to another process behind the webhook is handled once: the
// update_id is recorded in PostgreSQL, and of all the processes that receive it, one goes on.
import { describe, expect, it } from 'vitest';
import { PgStore } from '../../src/store/postgres/pg-store.js';
import { freshSchema, postgresAvailable } from '../helpers/postgres.js';

const available = await postgresAvailable('test/store/pg-updates.test.ts');

describe.runIf(available)('update ids across processes', () => {
  it('lets exactly one of three processes handle an update delivered to each of them', async () => {
    const db = await freshSchema();
    const stores = [1, 2, 3].map(() => new PgStore({ url: db.url, schema: db.schema, poolSize: 2 }));
    try {
      await Promise.all(stores.map((s) => s.ready));
      const at = new Date().toISOString();
      for (const id of [1001, 1002, 1003]) {
        const firsts = await Promise.all(stores.map((s) => s.recordUpdate('telegram', id, at)));
        expect(firsts.filter(Boolean)).toHaveLength(1);
      }
      // Another bot's update with the same number is its own.
      expect(await stores[0]!.recordUpdate('telegram:other', 1001, at)).toBe(true);
    } finally {
      for (const s of stores) await s.close();
      await db.drop();
    }
  });
});
