import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { addDays } from '../../src/core/study/local-time.js';
import { pruneDeliveries } from '../../src/store/prune-deliveries.js';
import { SqliteStore } from '../../src/store/sqlite-store.js';
import { sub } from './store-contract.js';

let dir: string;
let store: SqliteStore;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'slowfast-prune-'));
  store = new SqliteStore(join(dir, 'db.sqlite'));
});
afterEach(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

it.each([
  // window (days), chunk, deliveries kept of 90 daily ones ending on 2026-03-02
  [60, 1_000, 61],
  [60, 7, 61],
  [30, 1, 31],
])('with a %i-day window (chunks of %i) the deliveries of older local dates go, the rest stay (%i)', async (days, chunk, kept) => {
  const s = await store.saveSubscription(sub('1'));
  for (let i = 0; i < 90; i++) {
    const date = addDays('2026-03-02', -i);
    await store.claimDelivery(s.id, date, `${date}T01:00:00.000Z`);
  }
  // 12:00 UTC on the 2nd: the 2nd everywhere from UTC-12 to UTC+14.
  const deleted = await pruneDeliveries(store, new Date('2026-03-02T12:00:00Z'), days, chunk);
  expect(deleted).toBe(90 - kept);
  expect(await store.countDeliveries()).toEqual({ claimed: kept });
  expect(await store.getDelivery(s.id, addDays('2026-03-02', -days))).toBeDefined();
  expect(await store.getDelivery(s.id, addDays('2026-03-02', -days - 1))).toBeUndefined();
});
