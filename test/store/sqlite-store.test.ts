import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { NewSubscription } from '../../src/core/ports/store.js';
import { MIGRATIONS } from '../../src/store/migrations.js';
import { SqliteStore } from '../../src/store/sqlite-store.js';

let dir: string;
let path: string;
let store: SqliteStore;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'slowfast-store-'));
  path = join(dir, 'nested', 'slowfast.sqlite');
  store = new SqliteStore(path);
});
afterEach(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

const sub = (chatId: string, extra: Partial<NewSubscription> = {}): NewSubscription => ({
  platform: 'telegram', chatId, kind: 'personal', learnerId: `telegram:${chatId}`, time: '09:00',
  timezone: 'Asia/Shanghai', locale: 'zh', status: 'active', everyDays: 1, ...extra,
});

describe('SqliteStore on a real file', () => {
  it('creates its folder, runs every migration and uses WAL', async () => {
    expect(store.schemaVersion).toBe(MIGRATIONS.length);
    expect(await store.ping()).toBe(true);
  });

  it('keeps what it stored across a reopen', async () => {
    await store.saveLearner({ id: 'telegram:1', locale: 'zh', includeOptional: true, createdAt: '2026-01-01T00:00:00Z' });
    await store.markDone('telegram:1', 5, '2026-01-02T00:00:00Z');
    await store.close();
    store = new SqliteStore(path);
    expect(await store.getLearner('telegram:1')).toMatchObject({ locale: 'zh', includeOptional: true });
    expect(await store.listDone('telegram:1')).toEqual([{ lessonId: 5, doneAt: '2026-01-02T00:00:00Z' }]);
  });

  it('marks a lesson done once', async () => {
    await store.saveLearner({ id: 'a', includeOptional: false, createdAt: 'x' });
    expect(await store.markDone('a', 1, '2026-01-01T00:00:00Z')).toBe(true);
    expect(await store.markDone('a', 1, '2026-01-02T00:00:00Z')).toBe(false);
  });

  it('keeps one subscription per chat, replacing its settings', async () => {
    const first = await store.saveSubscription(sub('42'));
    const second = await store.saveSubscription(sub('42', { time: '07:30', timezone: 'UTC' }));
    expect(second.id).toBe(first.id);
    expect(await store.listSubscriptions()).toHaveLength(1);
    expect(await store.getSubscription('telegram', '42')).toMatchObject({ time: '07:30', timezone: 'UTC', status: 'active' });
  });

  it('lists subscriptions by status', async () => {
    const a = await store.saveSubscription(sub('1'));
    await store.saveSubscription(sub('2'));
    await store.updateSubscription({ ...a, status: 'stopped', stoppedReason: 'blocked' });
    expect((await store.listSubscriptions('active')).map((s) => s.chatId)).toEqual(['2']);
    expect(await store.getSubscriptionById(a.id)).toMatchObject({ status: 'stopped', stoppedReason: 'blocked' });
  });

  it('claims a day\'s delivery exactly once, even from a second connection', async () => {
    const s = await store.saveSubscription(sub('7'));
    const other = new SqliteStore(path);
    try {
      expect(await store.claimDelivery(s.id, '2026-03-02', '2026-03-02T01:00:00Z')).toBe(true);
      expect(await other.claimDelivery(s.id, '2026-03-02', '2026-03-02T01:00:01Z')).toBe(false);
      expect(await other.claimDelivery(s.id, '2026-03-03', '2026-03-03T01:00:00Z')).toBe(true);
    } finally {
      await other.close();
    }
  });

  it('finds claims left behind by a crash', async () => {
    const s = await store.saveSubscription(sub('8'));
    await store.claimDelivery(s.id, '2026-03-02', '2026-03-02T01:00:00Z');
    expect(await store.staleClaims('2026-03-02T00:59:00Z')).toEqual([]);
    const stale = await store.staleClaims('2026-03-02T01:05:00Z');
    expect(stale).toMatchObject([{ subscriptionId: s.id, localDate: '2026-03-02', status: 'claimed' }]);
    await store.updateDelivery({ ...stale[0]!, status: 'sent', sentAt: '2026-03-02T01:06:00Z' });
    expect(await store.staleClaims('2026-03-02T01:10:00Z')).toEqual([]);
  });

  it('returns due cards most overdue first, and counts reviews since a moment', async () => {
    const base = { learnerId: 'a', state: '{}', reps: 0 };
    await store.saveCard({ ...base, lessonId: 1, question: 0, due: '2026-03-03T00:00:00Z' });
    await store.saveCard({ ...base, lessonId: 2, question: 1, due: '2026-03-01T00:00:00Z' });
    await store.saveCard({ ...base, lessonId: 3, question: 0, due: '2026-03-09T00:00:00Z' });
    const due = await store.dueCards('a', '2026-03-05T00:00:00Z', 10);
    expect(due.map((c) => c.lessonId)).toEqual([2, 1]);
    await store.recordReview('a', 2, 1, 3, '2026-03-05T08:00:00Z');
    expect(await store.countReviewsSince('a', '2026-03-05T00:00:00Z')).toBe(1);
    expect(await store.countReviewsSince('a', '2026-03-06T00:00:00Z')).toBe(0);
  });

  it('records study days once each', async () => {
    await store.recordStudyDay('a', '2026-03-01');
    await store.recordStudyDay('a', '2026-03-01');
    await store.recordStudyDay('a', '2026-03-03');
    expect(await store.listStudyDays('a', '2026-03-02')).toEqual(['2026-03-03']);
  });
});
