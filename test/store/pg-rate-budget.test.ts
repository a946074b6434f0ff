// One rate budget per bot token, in PostgreSQL, shared by every process: slots taken from three
// pools (as three processes would) are spaced by the token's rate, and a 429 holds them all.
import pg from 'pg';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PgStore } from '../../src/store/postgres/pg-store.js';
import { budgetKey, PgRateBudget } from '../../src/store/postgres/pg-rate-budget.js';
import { freshSchema, postgresAvailable } from '../helpers/postgres.js';

const available = await postgresAvailable('test/store/pg-rate-budget.test.ts');

describe.runIf(available)('PostgreSQL rate budget', () => {
  let db: Awaited<ReturnType<typeof freshSchema>>;
  let pools: pg.Pool[];
  beforeEach(async () => {
    db = await freshSchema();
    const migrated = new PgStore({ url: db.url, schema: db.schema, poolSize: 1 });
    await migrated.ready;
    await migrated.close();
    pools = [1, 2, 3].map(() => new pg.Pool({ connectionString: db.url, max: 4, options: `-c search_path=${db.schema}` }));
  });
  afterEach(async () => {
    for (const p of pools) await p.end();
    await db.drop();
  });

  /** Three processes' budgets for one token; each take records when its slot began. */
  function budgets(perSecond: number, key = budgetKey('telegram', '123:abc')) {
    const times: number[] = [];
    const waits: number[] = [];
    const all = pools.map((pool) => new PgRateBudget({ pool, key, perSecond, onWait: (ms) => waits.push(ms) }));
    const send = async (b: PgRateBudget) => {
      await b.take();
      times.push(performance.now());
    };
    return { all, send, times, waits };
  }

  it('spaces the sends of three processes by the token\'s rate, not three times it', async () => {
    const { all, send, times, waits } = budgets(20);
    await Promise.all(all.flatMap((b) => Array.from({ length: 10 }, () => send(b))));
    times.sort((x, y) => x - y);
    const seconds = (times.at(-1)! - times[0]!) / 1000;
    // 30 slots at 20/s: the last begins 29 intervals after the first (three budgets of their own
    // would be done in half the time).
    expect(seconds).toBeGreaterThan(29 / 20 - 0.1);
    // Evenly spaced, not in bursts: the median gap is an interval (timers jitter on a loaded machine).
    const gaps = times.slice(1).map((t, i) => t - times[i]!).sort((x, y) => x - y);
    expect(gaps[Math.floor(gaps.length / 2)]).toBeGreaterThan(1000 / 20 - 10);
    expect(waits.length).toBeGreaterThan(20);
  });

  it('keeps three processes under a strict 30-in-any-second limit when some sends wake late', async () => {
    // Every tenth sleep of each process ends 60 ms late, as a busy event loop or a slow claim
    // makes it: such a send would share a second of the limiter's window with the one 30 slots on.
    let n = 0;
    const lateSleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms + (++n % 10 === 0 ? 60 : 0)));
    const sent: number[] = [];
    let refused = 0;
    const limiter = () => {
      const now = performance.now();
      if (sent.filter((t) => now - t < 1000).length >= 30) refused++;
      else sent.push(now);
    };
    const all = pools.map((pool) => new PgRateBudget({ pool, key: budgetKey('telegram', '123:strict'), perSecond: 30, sleep: lateSleep }));
    const started = performance.now();
    await Promise.all(all.flatMap((b) => Array.from({ length: 40 }, async () => {
      await b.take();
      limiter();
    })));
    expect(refused).toBe(0);
    // A late send holds back only the sends a window after it, and only by its lateness (the
    // floor is loose for a loaded machine; re-asking every slow gate answer fell to 0.4 of it).
    expect(120 / ((performance.now() - started) / 1000)).toBeGreaterThan(30 * 0.7);
  });

  it('holds every process after a 429 for the retry_after it gave', async () => {
    const { all, send, times } = budgets(50);
    await send(all[0]!);
    all[0]!.pause(800);
    const started = performance.now();
    await Promise.all([send(all[0]!), send(all[1]!), send(all[2]!)]);
    expect(Math.min(...times.slice(1)) - started).toBeGreaterThan(600);
  });

  it('keeps tokens apart: another bot\'s budget does not wait for this one\'s', async () => {
    const a = budgets(2, budgetKey('telegram', '1:a'));
    const b = budgets(2, budgetKey('telegram', '2:b'));
    await a.send(a.all[0]!);
    const started = performance.now();
    await b.send(b.all[1]!);
    expect(performance.now() - started).toBeLessThan(300);
  });
});
