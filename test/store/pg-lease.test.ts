// Delivery claims under a lease in the database's clock: what two processes on one PostgreSQL
// database see of each other's claims, whatever their own clocks say.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PgStore, type SharedObserver } from '../../src/store/postgres/pg-store.js';
import { freshSchema, postgresAvailable } from '../helpers/postgres.js';

const available = await postgresAvailable('test/store/pg-lease.test.ts');

const DAY = '2026-03-02';
const sub = { platform: 'telegram', chatId: '1', kind: 'channel' as const, time: '09:00', timezone: 'UTC', locale: 'en' as const, status: 'active' as const, everyDays: 1 };
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function counting(): SharedObserver & { takenOver: number; expired: number } {
  const c = { takenOver: 0, expired: 0, claimTakenOver: () => void c.takenOver++, leasesExpired: (n: number) => void (c.expired += n), budgetWaited: () => {} };
  return c;
}

describe.runIf(available)('PostgreSQL delivery leases', () => {
  let db: Awaited<ReturnType<typeof freshSchema>>;
  const stores: PgStore[] = [];
  const open = async (owner: string, leaseMs: number) => {
    const s = new PgStore({ url: db.url, schema: db.schema, poolSize: 2, owner, leaseMs });
    stores.push(s);
    await s.ready;
    return s;
  };
  beforeEach(async () => {
    db = await freshSchema();
  });
  afterEach(async () => {
    for (const s of stores.splice(0)) await s.close();
    await db.drop();
  });

  it('never hands a live process\'s claim to another, even when the other\'s clock says it is stale', async () => {
    const a = await open('a', 60_000);
    const b = await open('b', 60_000);
    const s = await a.saveSubscription(sub);
    await a.claimDelivery(s.id, DAY, '2026-03-02T09:00:00.000Z');
    const seen = (await b.getDelivery(s.id, DAY))!;
    // b's clock is an hour ahead: by its clock the claim is long stale.
    expect(await b.staleClaims('2026-03-02T10:00:00.000Z')).toEqual([]);
    expect(await b.takeOverDelivery(seen, '2026-03-02T10:00:00.000Z')).toBe(false);
    expect(await b.getDelivery(s.id, DAY)).toMatchObject({ status: 'claimed', attempts: 1 });
  });

  it('keeps a claim past its lease while the owner\'s heartbeat beats', async () => {
    const a = await open('a', 600);
    const b = await open('b', 600);
    const s = await a.saveSubscription(sub);
    await a.claimDelivery(s.id, DAY, '2026-03-02T09:00:00.000Z');
    await sleep(1500);
    expect(await b.staleClaims('2026-03-02T10:00:00.000Z')).toEqual([]);
  });

  it('lets exactly one other process take over a dead owner\'s claim once its lease runs out, and counts it', async () => {
    const a = await open('a', 500);
    const s = await a.saveSubscription(sub);
    await a.claimDelivery(s.id, DAY, '2026-03-02T09:00:00.000Z');
    await a.close(); // the process dies: no more heartbeat
    const [b, c] = [await open('b', 500), await open('c', 500)];
    const seenBy = { b: counting(), c: counting() };
    b.observer = seenBy.b;
    c.observer = seenBy.c;
    await sleep(700);
    const stale = [...(await b.staleClaims('2026-03-02T09:05:00.000Z')), ...(await c.staleClaims('2026-03-02T09:05:00.000Z'))];
    expect(stale).toHaveLength(2); // both see it free
    const wins = await Promise.all([b.takeOverDelivery(stale[0]!, '2026-03-02T09:05:00.000Z'), c.takeOverDelivery(stale[1]!, '2026-03-02T09:05:01.000Z')]);
    expect(wins.filter(Boolean)).toHaveLength(1);
    expect(seenBy.b.expired + seenBy.c.expired).toBe(1);
    expect(seenBy.b.takenOver + seenBy.c.takenOver).toBe(1);
    const after = (await b.getDelivery(s.id, DAY))!;
    expect(after).toMatchObject({ status: 'claimed', attempts: 2 });
    // The winner now holds it under its own lease: the loser cannot see it as stale.
    const loser = wins[0] ? c : b;
    expect(await loser.staleClaims('2026-03-02T10:00:00.000Z')).toEqual([]);
  });

  it('leaves a process\'s own claims to its own clock (it knows which are in flight)', async () => {
    const a = await open('a', 60_000);
    const s = await a.saveSubscription(sub);
    await a.claimDelivery(s.id, DAY, '2026-03-02T09:00:00.000Z');
    expect(await a.staleClaims('2026-03-02T09:00:00.000Z')).toEqual([]);
    expect(await a.staleClaims('2026-03-02T09:05:00.000Z')).toHaveLength(1);
  });
});
