// Long polling with several processes on one PostgreSQL database: one polls, a second one says so
// at start and stands by, and takes polling over when the first stops renewing its lease.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Platform } from '../../src/platform.js';
import { PgStore } from '../../src/store/postgres/pg-store.js';
import { PgPollerLease, pollWithLease, type OtherPoller } from '../../src/store/postgres/pg-poller-lease.js';
import { freshSchema, postgresAvailable } from '../helpers/postgres.js';

const available = await postgresAvailable('test/store/pg-poller-lease.test.ts');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A platform that only records whether it was started (the lease is what is under test). */
function recordingPlatform() {
  const p = { starts: 0, stops: 0, live: false };
  const platform: Platform = {
    name: 'telegram',
    messenger: { platform: 'telegram', send: async () => ({}) },
    start: async () => void (p.starts++, (p.live = true)),
    stop: async () => void (p.stops++, (p.live = false)),
    connected: () => p.live,
  };
  return { p, platform };
}

/** A lease whose process stalls on demand: no renewal goes out until it wakes. */
class StallingLease extends PgPollerLease {
  private stalled: Promise<void> = Promise.resolve();
  stall(): () => void {
    let wake = () => {};
    this.stalled = new Promise((r) => (wake = r));
    return wake;
  }
  override async acquire() {
    await this.stalled;
    return super.acquire();
  }
}

describe.runIf(available)('the Telegram poller lease', () => {
  let db: Awaited<ReturnType<typeof freshSchema>>;
  let store: PgStore;
  beforeEach(async () => {
    db = await freshSchema();
    store = new PgStore({ url: db.url, schema: db.schema, poolSize: 4 });
    await store.ready;
  });
  afterEach(async () => {
    await store.close();
    await db.drop();
  });

  it('lets one process poll and tells the second, at start, who polls', async () => {
    const first = recordingPlatform();
    const second = recordingPlatform();
    const warnings: OtherPoller[] = [];
    const a = pollWithLease(first.platform, new PgPollerLease(store.pool, 'telegram:bot', 'host-a:1', 600), () => {}, () => {});
    const b = pollWithLease(second.platform, new PgPollerLease(store.pool, 'telegram:bot', 'host-b:2', 600), (o) => warnings.push(o), () => {});
    await a.start();
    await b.start();
    expect(first.p.starts).toBe(1);
    expect(second.p.starts).toBe(0);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]!.owner).toBe('host-a:1');
    // Standing by is healthy (it sends prompts); it stays standing by while the first renews.
    expect(b.connected()).toBe(true);
    await sleep(1000);
    expect(second.p.starts).toBe(0);
    expect(warnings).toHaveLength(1);
    await a.stop();
    await b.stop();
  });

  it('takes polling over once the polling process stops renewing', async () => {
    const first = recordingPlatform();
    const second = recordingPlatform();
    const a = pollWithLease(first.platform, new PgPollerLease(store.pool, 'telegram:bot', 'host-a:1', 400), () => {}, () => {});
    const b = pollWithLease(second.platform, new PgPollerLease(store.pool, 'telegram:bot', 'host-b:2', 400), () => {}, () => {});
    await a.start();
    await b.start();
    await a.stop(); // a clean stop gives the lease back at once; a crash lets it run out
    await sleep(600);
    expect(second.p.starts).toBe(1);
    await b.stop();
  });

  it('keeps two bots apart: each has its own poller', async () => {
    const one = recordingPlatform();
    const two = recordingPlatform();
    const a = pollWithLease(one.platform, new PgPollerLease(store.pool, 'telegram:bot-1', 'host-a:1', 600), () => {}, () => {});
    const b = pollWithLease(two.platform, new PgPollerLease(store.pool, 'telegram:bot-2', 'host-b:2', 600), () => {}, () => {});
    await a.start();
    await b.start();
    expect([one.p.starts, two.p.starts]).toEqual([1, 1]);
    await a.stop();
    await b.stop();
  });

  it('stops polling in a process that stalled past its lease once another has taken polling over', async () => {
    const first = recordingPlatform();
    const second = recordingPlatform();
    const stalling = new StallingLease(store.pool, 'telegram:bot', 'host-a:1', 400);
    const a = pollWithLease(first.platform, stalling, () => {}, () => {});
    const b = pollWithLease(second.platform, new PgPollerLease(store.pool, 'telegram:bot', 'host-b:2', 400), () => {}, () => {});
    await a.start();
    await b.start();
    // The first process stalls (alive, not renewing) until its lease has run out and the second
    // has taken polling over; then it wakes.
    const wake = stalling.stall();
    while (!second.p.live) await sleep(20);
    wake();
    // Its next batch of getUpdates asks first, and is not sent: only the second polls now.
    expect(await a.mayPoll()).toBe(false);
    expect(first.p.live).toBe(false);
    expect(second.p.live).toBe(true);
    await a.stop();
    await b.stop();
  });
});
