// The one contract of the Store port, run unchanged against every store: SQLite on a real file
// (sqlite-store.test.ts) and a real PostgreSQL server (pg-store.test.ts). A behaviour the core or
// the dispatcher relies on belongs here, not in one store's own tests.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { NewSubscription, Store } from '../../src/core/ports/store.js';

/** A store under test: `second` opens another connection (another process) on the same data. */
export interface StoreUnderTest {
  store: Store;
  second(): Promise<Store>;
  /** Closes and reopens the first store on the same data (a restart). */
  reopen(): Promise<Store>;
  cleanup(): Promise<void>;
}

export const sub = (chatId: string, extra: Partial<NewSubscription> = {}): NewSubscription => ({
  platform: 'telegram', chatId, kind: 'personal', learnerId: `telegram:${chatId}`, time: '09:00',
  timezone: 'Asia/Shanghai', locale: 'zh', status: 'active', everyDays: 1, ...extra,
});

export function storeContract(name: string, open: () => Promise<StoreUnderTest>): void {
  describe(`Store contract: ${name}`, () => {
    let t: StoreUnderTest;
    let store: Store;
    const others: Store[] = [];
    const second = async () => {
      const s = await t.second();
      others.push(s);
      return s;
    };

    beforeEach(async () => {
      t = await open();
      store = t.store;
    });
    afterEach(async () => {
      for (const o of others.splice(0)) await o.close();
      await t.cleanup();
    });

    it('answers its liveness probe', async () => {
      expect(await store.ping()).toBe(true);
    });

    it('passes its write probe, again and again', async () => {
      await store.probeWrite('2026-03-02T09:00:00Z');
      await expect(store.probeWrite('2026-03-02T09:00:05Z')).resolves.toBeUndefined();
    });

    it('lets a shown question be rated once, by the learner it was shown to, also from a second connection', async () => {
      const id = await store.showQuestion('a', 15, 2, '2026-03-02T09:00:00Z');
      const other = await second();
      expect(await Promise.all([
        store.claimRating(id, 'a', 15, 2, '2026-03-02T09:01:00Z'),
        other.claimRating(id, 'a', 15, 2, '2026-03-02T09:01:00Z'),
      ])).toEqual(expect.arrayContaining(['claimed', 'rated']));
      expect(await store.claimRating(id, 'a', 15, 2, '2026-03-02T09:02:00Z')).toBe('rated');
      expect(await store.claimRating(id, 'b', 15, 2, '2026-03-02T09:02:00Z')).toBe('unknown');
      expect(await store.claimRating(id, 'a', 15, 3, '2026-03-02T09:02:00Z')).toBe('unknown');
      expect(await store.claimRating(id + 1, 'a', 15, 2, '2026-03-02T09:02:00Z')).toBe('unknown');
      expect(await store.showQuestion('a', 15, 2, '2026-03-02T09:03:00Z')).not.toBe(id);
    });

    it('keeps what it stored across a reopen', async () => {
      await store.saveLearner({ id: 'telegram:1', locale: 'zh', includeOptional: true, createdAt: '2026-01-01T00:00:00Z' });
      await store.markDone('telegram:1', 5, '2026-01-02T00:00:00Z');
      store = await t.reopen();
      expect(await store.getLearner('telegram:1')).toMatchObject({ locale: 'zh', includeOptional: true });
      expect(await store.listDone('telegram:1')).toEqual([{ lessonId: 5, doneAt: '2026-01-02T00:00:00Z' }]);
    });

    it('saves a learner\'s fields and replaces them on a second save', async () => {
      await store.saveLearner({ id: 'a', includeOptional: false, createdAt: '2026-01-01T00:00:00Z' });
      await store.saveLearner({ id: 'a', locale: 'en', timezone: 'Europe/Berlin', includeOptional: true, currentLesson: 7, currentSince: '2026-02-01', createdAt: 'ignored' });
      expect(await store.getLearner('a')).toEqual({
        id: 'a', locale: 'en', timezone: 'Europe/Berlin', includeOptional: true, currentLesson: 7, currentSince: '2026-02-01', createdAt: '2026-01-01T00:00:00Z',
      });
      expect(await store.getLearner('nobody')).toBeUndefined();
    });

    it('marks a lesson done once', async () => {
      await store.saveLearner({ id: 'a', includeOptional: false, createdAt: 'x' });
      expect(await store.markDone('a', 1, '2026-01-01T00:00:00Z')).toBe(true);
      expect(await store.markDone('a', 1, '2026-01-02T00:00:00Z')).toBe(false);
    });

    it('keeps one subscription per chat, replacing its settings', async () => {
      const first = await store.saveSubscription(sub('42'));
      const again = await store.saveSubscription(sub('42', { time: '07:30', timezone: 'UTC' }));
      expect(again.id).toBe(first.id);
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

    it('keeps a channel\'s lesson of the day and deletes a subscription with its deliveries', async () => {
      const c = await store.saveSubscription(sub('-100', { kind: 'channel', learnerId: undefined, everyDays: 2 }));
      await store.updateSubscription({ ...c, channelLesson: 4, channelSince: '2026-03-01' });
      expect(await store.getSubscriptionById(c.id)).toMatchObject({ kind: 'channel', everyDays: 2, channelLesson: 4, channelSince: '2026-03-01' });
      await store.claimDelivery(c.id, '2026-03-02', '2026-03-02T01:00:00Z');
      await store.deleteSubscription(c.id);
      expect(await store.getSubscriptionById(c.id)).toBeUndefined();
      expect(await store.getDelivery(c.id, '2026-03-02')).toBeUndefined();
    });

    it('claims a day\'s delivery exactly once, even from a second connection', async () => {
      const s = await store.saveSubscription(sub('7'));
      const other = await second();
      expect(await store.claimDelivery(s.id, '2026-03-02', '2026-03-02T01:00:00Z')).toBe(true);
      expect(await other.claimDelivery(s.id, '2026-03-02', '2026-03-02T01:00:01Z')).toBe(false);
      expect(await other.claimDelivery(s.id, '2026-03-03', '2026-03-03T01:00:00Z')).toBe(true);
    });

    it('gives each of many racing claims to exactly one caller', async () => {
      const subs = await Promise.all(Array.from({ length: 20 }, (_, i) => store.saveSubscription(sub(String(500 + i)))));
      const other = await second();
      const results = await Promise.all(subs.flatMap((s) => [store, other].map((st) => st.claimDelivery(s.id, '2026-03-02', '2026-03-02T01:00:00Z'))));
      expect(results.filter(Boolean)).toHaveLength(20);
      expect(await store.countDeliveries()).toEqual({ claimed: 20 });
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

    it('lists failures to retry and "later" re-sends that are due', async () => {
      const a = await store.saveSubscription(sub('1'));
      const b = await store.saveSubscription(sub('2'));
      await store.claimDelivery(a.id, '2026-03-02', '2026-03-02T01:00:00Z');
      await store.updateDelivery({ ...(await store.getDelivery(a.id, '2026-03-02'))!, status: 'failed', attempts: 2, error: '502', retryAt: '2026-03-02T01:02:00Z' });
      await store.claimDelivery(b.id, '2026-03-02', '2026-03-02T01:00:00Z');
      await store.updateDelivery({ ...(await store.getDelivery(b.id, '2026-03-02'))!, status: 'sent', sentAt: '2026-03-02T01:00:01Z', laterAt: '2026-03-02T05:00:00Z' });
      expect(await store.retriesDue('2026-03-02T01:01:59Z')).toEqual([]);
      expect((await store.retriesDue('2026-03-02T01:02:00Z')).map((d) => d.subscriptionId)).toEqual([a.id]);
      expect(await store.laterDue('2026-03-02T04:59:00Z', '2026-03-02T04:57:00Z')).toEqual([]);
      expect(await store.laterDue('2026-03-02T05:00:00Z', '2026-03-02T04:58:00Z')).toMatchObject([{ subscriptionId: b.id, laterAt: '2026-03-02T05:00:00Z' }]);
      expect(await store.countDeliveries()).toEqual({ failed: 1, sent: 1 });
    });

    it('returns due cards most overdue first, and counts reviews since a moment', async () => {
      const base = { learnerId: 'a', state: '{}', reps: 0 };
      await store.saveCard({ ...base, lessonId: 1, question: 0, due: '2026-03-03T00:00:00Z' });
      await store.saveCard({ ...base, lessonId: 2, question: 1, due: '2026-03-01T00:00:00Z' });
      await store.saveCard({ ...base, lessonId: 3, question: 0, due: '2026-03-09T00:00:00Z' });
      const due = await store.dueCards('a', '2026-03-05T00:00:00Z', 10);
      expect(due.map((c) => c.lessonId)).toEqual([2, 1]);
      await store.saveCard({ ...due[0]!, reps: 1, state: '{"s":1}', due: '2026-03-20T00:00:00Z', lastReview: '2026-03-05T08:00:00Z' });
      expect(await store.getCard('a', 2, 1)).toEqual({ ...base, lessonId: 2, question: 1, reps: 1, state: '{"s":1}', due: '2026-03-20T00:00:00Z', lastReview: '2026-03-05T08:00:00Z' });
      await store.recordReview('a', 2, 1, 3, '2026-03-05T08:00:00Z');
      expect(await store.countReviewsSince('a', '2026-03-05T00:00:00Z')).toBe(1);
      expect(await store.countReviewsSince('a', '2026-03-06T00:00:00Z')).toBe(0);
    });

    it('records an update once per source, also when a second process sees it, and prunes old ones', async () => {
      const other = await second();
      expect(await store.recordUpdate('telegram:1', 700, '2026-03-01T00:00:00Z')).toBe(true);
      expect(await other.recordUpdate('telegram:1', 700, '2026-03-01T00:00:05Z')).toBe(false);
      expect(await store.recordUpdate('telegram:2', 700, '2026-03-01T00:00:05Z')).toBe(true);
      expect(await store.recordUpdate('telegram:1', 701, '2026-03-02T00:00:00Z')).toBe(true);
      expect(await store.pruneUpdates('2026-03-01T12:00:00Z')).toBe(2);
      expect(await store.recordUpdate('telegram:1', 701, '2026-03-02T00:00:01Z')).toBe(false);
    });

    it('records study days once each', async () => {
      await store.recordStudyDay('a', '2026-03-01');
      await store.recordStudyDay('a', '2026-03-01');
      await store.recordStudyDay('a', '2026-03-03');
      expect(await store.listStudyDays('a', '2026-03-02')).toEqual(['2026-03-03']);
    });

    it('keeps the lesson last opened apart from a learner save from an older copy', async () => {
      const learner = { id: 'a', includeOptional: false, createdAt: '2026-01-01T00:00:00Z' };
      await store.saveLearner(learner);
      await store.setLastLesson('a', 39);
      expect(await store.getLearner('a')).toMatchObject({ lastLesson: 39 });
      await store.saveLearner({ ...learner, locale: 'zh' });
      expect(await store.getLearner('a')).toMatchObject({ locale: 'zh', lastLesson: 39 });
      store = await t.reopen();
      expect((await store.getLearner('a'))?.lastLesson).toBe(39);
    });

    it('takes a done mark back with its unreviewed cards, keeping reviewed ones', async () => {
      const card = (question: number, reps: number) => ({ learnerId: 'a', lessonId: 5, question, due: '2026-03-02T00:00:00Z', state: '{}', reps });
      await store.saveLearner({ id: 'a', includeOptional: false, createdAt: 'x' });
      await store.markDone('a', 4, '2026-03-01T08:00:00Z');
      await store.markDone('a', 5, '2026-03-01T09:00:00Z');
      await store.saveCard(card(0, 0));
      await store.saveCard(card(1, 2));
      expect(await store.unmarkDone('a', 5)).toBe(true);
      expect(await store.unmarkDone('a', 5)).toBe(false);
      expect((await store.listDone('a')).map((d) => d.lessonId)).toEqual([4]);
      expect(await store.getCard('a', 5, 0)).toBeUndefined();
      expect(await store.getCard('a', 5, 1)).toMatchObject({ reps: 2 });
    });

    it('resets one learner\'s progress and leaves everyone else\'s', async () => {
      for (const id of ['a', 'b']) {
        await store.saveLearner({ id, locale: 'en', includeOptional: false, currentLesson: 3, currentSince: '2026-03-01', createdAt: 'x' });
        await store.setLastLesson(id, 3);
        await store.markDone(id, 2, '2026-03-01T08:00:00Z');
        await store.saveCard({ learnerId: id, lessonId: 2, question: 0, due: '2026-03-02T00:00:00Z', state: '{}', reps: 1 });
        await store.recordReview(id, 2, 0, 3, '2026-03-01T09:00:00Z');
        await store.recordStudyDay(id, '2026-03-01');
      }
      await store.resetProgress('a');
      expect(await store.listDone('a')).toEqual([]);
      expect(await store.dueCards('a', '2027-01-01T00:00:00Z', 10)).toEqual([]);
      expect(await store.countReviewsSince('a', '2026-01-01T00:00:00Z')).toBe(0);
      expect(await store.listStudyDays('a', '2026-01-01')).toEqual([]);
      const a = await store.getLearner('a');
      expect([a?.locale, a?.currentLesson, a?.lastLesson]).toEqual(['en', undefined, undefined]);
      expect(await store.listDone('b')).toHaveLength(1);
      expect(await store.countReviewsSince('b', '2026-01-01T00:00:00Z')).toBe(1);
      expect((await store.getLearner('b'))?.lastLesson).toBe(3);
    });

    it('counts a group chat\'s members once each, and how many of them did each lesson', async () => {
      for (const id of ['a', 'b', 'c']) await store.saveLearner({ id, includeOptional: false, createdAt: 'x' });
      await store.recordChatMember('telegram', '-100', 'a', '2026-03-01T08:00:00Z');
      await store.recordChatMember('telegram', '-100', 'a', '2026-03-02T08:00:00Z');
      await store.recordChatMember('telegram', '-100', 'b', '2026-03-01T08:00:00Z');
      await store.recordChatMember('telegram', '-200', 'c', '2026-03-01T08:00:00Z');
      await store.markDone('a', 0, '2026-03-01T08:00:00Z');
      await store.markDone('b', 0, '2026-03-01T08:00:00Z');
      await store.markDone('b', 1, '2026-03-01T08:00:00Z');
      await store.markDone('c', 1, '2026-03-01T08:00:00Z');
      const group = await store.chatProgress('telegram', '-100');
      expect(group.members).toBe(2);
      expect([...group.doneByLesson].sort()).toEqual([[0, 2], [1, 1]]);
      expect(await store.chatProgress('discord', '-100')).toEqual({ members: 0, doneByLesson: new Map() });
    });

    it('moves a group\'s members to its new chat id, once each', async () => {
      for (const id of ['a', 'b']) await store.saveLearner({ id, includeOptional: false, createdAt: 'x' });
      await store.recordChatMember('telegram', '-100', 'a', '2026-03-01T08:00:00Z');
      await store.recordChatMember('telegram', '-100', 'b', '2026-03-01T08:00:00Z');
      await store.recordChatMember('telegram', '-1009', 'b', '2026-03-02T08:00:00Z');
      await store.markDone('a', 0, '2026-03-01T08:00:00Z');
      await store.moveChatMembers('telegram', '-100', '-1009');
      expect((await store.chatProgress('telegram', '-100')).members).toBe(0);
      expect(await store.chatProgress('telegram', '-1009')).toEqual({ members: 2, doneByLesson: new Map([[0, 1]]) });
    });
  });
}
