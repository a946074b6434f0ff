// /healthz and /metrics of a process on PostgreSQL: the database kind and this process's pool,
// and the counters of what the processes share (claims taken over, lease expiries, budget waits).
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { createMetrics } from '../../src/ops/metrics.js';
import { startOpsServer } from '../../src/ops/http-server.js';
import { openStore } from '../../src/store/open-store.js';
import { PgStore } from '../../src/store/postgres/pg-store.js';
import { PgRateBudget } from '../../src/store/postgres/pg-rate-budget.js';
import { freshSchema, postgresAvailable } from '../helpers/postgres.js';

const available = await postgresAvailable('test/ops/healthz-postgres.test.ts');

describe.runIf(available)('the ops port on PostgreSQL', () => {
  it('shows the database kind and the pool (size, open, idle, waiting), never the URL', async () => {
    const db = await freshSchema();
    const url = `${db.url}?options=${encodeURIComponent(`-c search_path=${db.schema}`)}`;
    const opened = openStore({ path: 'unused.sqlite', url, poolSize: 3 });
    await opened.ready;
    const metrics = createMetrics({ subscribers: async () => ({ active: 0, paused: 0, stopped: 0 }) });
    const server = await startOpsServer({
      host: '127.0.0.1', port: 0, log: pino({ level: 'silent' }), metrics, writeProbeCacheMs: 0,
      health: { store: opened.store, platforms: [], lastTickAt: () => undefined, storeInfo: opened.info },
    });
    try {
      const res = await fetch(`${server.url}/healthz`);
      const body = await res.text();
      expect(res.status).toBe(200);
      const health = JSON.parse(body) as { store: { database: { kind: string; pool: Record<string, number> } } };
      expect(health.store.database.kind).toBe('postgres');
      expect(health.store.database.pool).toMatchObject({ max: 3, waiting: 0 });
      expect(health.store.database.pool.total).toBeGreaterThanOrEqual(1);
      expect(health.store.database.pool.idle).toBeLessThanOrEqual(health.store.database.pool.total!);
      expect(body).not.toContain(db.url);
    } finally {
      await server.close();
      await opened.store.close();
      await db.drop();
    }
  });

  it('counts a claim taken over after its lease, the expiry, and a wait for the shared rate budget', async () => {
    const db = await freshSchema();
    const dead = new PgStore({ url: db.url, schema: db.schema, poolSize: 2, owner: 'dead', leaseMs: 300 });
    const alive = new PgStore({ url: db.url, schema: db.schema, poolSize: 2, owner: 'alive', leaseMs: 300 });
    const metrics = createMetrics({ subscribers: async () => ({ active: 0, paused: 0, stopped: 0 }) });
    alive.observer = metrics.shared;
    try {
      await Promise.all([dead.ready, alive.ready]);
      const s = await dead.saveSubscription({ platform: 'telegram', chatId: '1', kind: 'channel', time: '09:00', timezone: 'UTC', locale: 'en', status: 'active', everyDays: 1 });
      await dead.claimDelivery(s.id, '2026-03-02', '2026-03-02T09:00:00.000Z');
      await dead.close();
      await new Promise((r) => setTimeout(r, 500));
      const [stale] = await alive.staleClaims('2026-03-02T09:05:00.000Z');
      expect(await alive.takeOverDelivery(stale!, '2026-03-02T09:05:00.000Z')).toBe(true);
      const budget = new PgRateBudget({ pool: alive.pool, key: 'telegram:test', perSecond: 5, onWait: metrics.shared.budgetWaited });
      await budget.take();
      await budget.take();
      const text = await metrics.render();
      expect(text).toMatch(/^slowfast_delivery_claims_taken_over_total 1$/m);
      expect(text).toMatch(/^slowfast_delivery_lease_expiries_total 1$/m);
      expect(text).toMatch(/^slowfast_rate_budget_wait_seconds_count 1$/m);
    } finally {
      await alive.close();
      await db.drop();
    }
  });
});
