// Behaviour every Store must have, whatever holds the rows. Call it with a factory per backend.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { NewSubscription, Store } from '../../src/core/ports/store.js';

export interface StoreFactory {
  open(): Promise<Store>;
  /** Removes what `open` made (a file, a database). */
  dispose(store: Store): Promise<void>;
}

const sub = (chatId: string, extra: Partial<NewSubscription> = {}): NewSubscription => ({
  platform: 'telegram', chatId, kind: 'channel', time: '09:00', timezone: 'UTC', locale: 'en', status: 'active', everyDays: 1, ...extra,
});

export function storeContract(name: string, factory: StoreFactory): void {
  describe(`${name}: the Store contract for delivery`, () => {
    let store: Store;
    beforeEach(async () => {
      store = await factory.open();
    });
    afterEach(async () => {
      await factory.dispose(store);
    });

    it('finds a subscription\'s delivery of the latest local date', async () => {
      const s = await store.saveSubscription(sub('1'));
      expect(await store.latestDelivery(s.id)).toBeUndefined();
      for (const date of ['2026-03-03', '2026-03-01', '2026-03-02']) await store.claimDelivery(s.id, date, `${date}T09:00:00.000Z`);
      expect(await store.latestDelivery(s.id)).toMatchObject({ subscriptionId: s.id, localDate: '2026-03-03', status: 'claimed' });
    });

    it('prunes deliveries of dates before a day, at most a chunk at a time', async () => {
      const s = await store.saveSubscription(sub('1'));
      for (const date of ['2026-01-01', '2026-01-02', '2026-01-03', '2026-03-02']) await store.claimDelivery(s.id, date, `${date}T09:00:00.000Z`);
      expect(await store.pruneDeliveries('2026-01-03', 1)).toBe(1);
      expect(await store.pruneDeliveries('2026-01-03', 10)).toBe(1);
      expect(await store.pruneDeliveries('2026-01-03', 10)).toBe(0);
      expect(await store.countDeliveries()).toEqual({ claimed: 2 });
    });

    it('counts subscriptions by status', async () => {
      for (const [chat, status] of [['1', 'active'], ['2', 'paused'], ['3', 'active']] as const) await store.saveSubscription(sub(chat, { status }));
      expect(await store.countSubscriptions()).toEqual({ active: 2, paused: 1 });
    });

    it('names each zone that has an active subscription, once', async () => {
      for (const [chat, timezone, status] of [['1', 'UTC', 'active'], ['2', 'Asia/Tokyo', 'active'], ['3', 'UTC', 'active'], ['4', 'Europe/Paris', 'paused']] as const) {
        await store.saveSubscription(sub(chat, { timezone, status }));
      }
      expect(await store.activeTimezones()).toEqual(['Asia/Tokyo', 'UTC']);
    });

    it('pages through a zone\'s due subscriptions in time order, leaving out later times and those already prompted', async () => {
      const at = async (chat: string, time: string, extra: Partial<NewSubscription> = {}) => (await store.saveSubscription(sub(chat, { time, ...extra }))).id;
      const a = await at('a', '08:00');
      const b = await at('b', '07:00');
      const c = await at('c', '09:00');
      await at('d', '09:01'); // not yet its time
      await at('e', '08:30', { status: 'paused' });
      await at('f', '08:00', { timezone: 'Asia/Tokyo' });
      const g = await at('g', '08:45');
      await store.claimDelivery(g, '2026-03-02', '2026-03-02T08:45:00.000Z'); // prompted today
      const h = await at('h', '06:00');
      await store.claimDelivery(h, '2026-03-03', '2026-03-02T06:00:00.000Z'); // a later date (a zone change)
      const i = await at('i', '07:30');
      await store.claimDelivery(i, '2026-03-02', '2026-03-01T15:00:00.000Z');
      // The date's prompt went out before this zone's midnight (under an earlier zone): it does not count.
      await store.updateDelivery({ ...(await store.getDelivery(i, '2026-03-02'))!, status: 'sent', sentAt: '2026-03-01T15:00:00.000Z' });
      const q = { timezone: 'UTC', date: '2026-03-02', midnight: '2026-03-02T00:00:00.000Z', upTo: '09:00', limit: 3 };
      const first = await store.duePage(q);
      // A page looks at `limit` rows: h (prompted) is one of them, so two come back.
      expect(first.due.map((s) => s.id)).toEqual([b, i]);
      const second = await store.duePage({ ...q, after: first.next });
      expect(second.due.map((s) => s.id)).toEqual([a, c]);
      const third = await store.duePage({ ...q, after: second.next });
      expect(third.due).toEqual([]);
      expect(third.next).toBeUndefined();
    });

    it('lets exactly one of many callers take over a stale claim', async () => {
      const s = await store.saveSubscription(sub('1'));
      await store.claimDelivery(s.id, '2026-03-02', '2026-03-02T09:00:00.000Z');
      const seen = (await store.getDelivery(s.id, '2026-03-02'))!;
      const wins = await Promise.all(Array.from({ length: 8 }, (_, i) => store.takeOverDelivery(seen, `2026-03-02T09:05:0${i}.000Z`)));
      expect(wins.filter(Boolean)).toHaveLength(1);
      expect(await store.getDelivery(s.id, '2026-03-02')).toMatchObject({ status: 'claimed', attempts: 2 });
    });

    it('refuses a takeover from a copy that is no longer current', async () => {
      const s = await store.saveSubscription(sub('1'));
      await store.claimDelivery(s.id, '2026-03-02', '2026-03-02T09:00:00.000Z');
      const seen = (await store.getDelivery(s.id, '2026-03-02'))!;
      await store.updateDelivery({ ...seen, status: 'sent', sentAt: '2026-03-02T09:00:01.000Z' });
      expect(await store.takeOverDelivery(seen, '2026-03-02T09:05:00.000Z')).toBe(false);
      expect(await store.getDelivery(s.id, '2026-03-02')).toMatchObject({ status: 'sent', attempts: 1 });
    });

    it.each([
      ['advancing the channel lesson', { channelLesson: 3, channelSince: '2026-03-02' }],
      ['stopping after a forbidden send', { status: 'stopped' as const, stoppedReason: 'blocked' }],
      ['moving to the supergroup a group became', { chatId: '-1001' }],
    ])('writes only the fields it was given when %s', async (_what, patch) => {
      const s = await store.saveSubscription(sub('1'));
      await store.updateSubscription({ ...s, status: 'paused', time: '07:30' });
      expect(await store.patchSubscription(s.id, patch)).toBe(true);
      const after = (await store.getSubscriptionById(s.id))!;
      expect(after).toMatchObject({ time: '07:30', ...patch });
      if (!('status' in patch)) expect(after.status).toBe('paused');
    });

    it('records a send and the channel lesson it advanced in one write', async () => {
      const s = await store.saveSubscription(sub('1'));
      await store.claimDelivery(s.id, '2026-03-02', '2026-03-02T09:00:00.000Z');
      const claimed = (await store.getDelivery(s.id, '2026-03-02'))!;
      await store.recordSent({ delivery: { ...claimed, status: 'sent', sentAt: '2026-03-02T09:00:01.000Z' }, subscription: { id: s.id, patch: { channelLesson: 4, channelSince: '2026-03-02' } } });
      expect(await store.getDelivery(s.id, '2026-03-02')).toMatchObject({ status: 'sent', sentAt: '2026-03-02T09:00:01.000Z' });
      expect(await store.getSubscriptionById(s.id)).toMatchObject({ channelLesson: 4, channelSince: '2026-03-02' });
    });

    it('writes nothing of a send when any part of its record fails', async () => {
      const s = await store.saveSubscription(sub('1'));
      await store.claimDelivery(s.id, '2026-03-02', '2026-03-02T09:00:00.000Z');
      const claimed = (await store.getDelivery(s.id, '2026-03-02'))!;
      const bad = { id: s.id, patch: { channelLesson: 4, status: 'no such status' as never } };
      await expect(store.recordSent({ delivery: { ...claimed, status: 'sent', sentAt: '2026-03-02T09:00:01.000Z' }, subscription: bad })).rejects.toThrow();
      expect(await store.getDelivery(s.id, '2026-03-02')).toMatchObject({ status: 'claimed' });
      expect((await store.getSubscriptionById(s.id))!.channelLesson).toBeUndefined();
    });

    it('moves only the learner\'s lesson when recording a personal prompt', async () => {
      const s = await store.saveSubscription(sub('1', { kind: 'personal', learnerId: 'telegram:1' }));
      await store.saveLearner({ id: 'telegram:1', includeOptional: false, createdAt: '2026-03-01T00:00:00.000Z', locale: 'zh' });
      await store.claimDelivery(s.id, '2026-03-02', '2026-03-02T09:00:00.000Z');
      const claimed = (await store.getDelivery(s.id, '2026-03-02'))!;
      const copy = { id: 'telegram:1', includeOptional: false, createdAt: '2026-03-01T00:00:00.000Z', locale: 'en' as const, currentLesson: 2, currentSince: '2026-03-02' };
      await store.recordSent({ delivery: { ...claimed, status: 'sent', sentAt: '2026-03-02T09:00:01.000Z' }, learner: copy });
      expect(await store.getLearner('telegram:1')).toMatchObject({ locale: 'zh', currentLesson: 2, currentSince: '2026-03-02' });
    });

    it('lists a transient failure for retry from its retry time on, and not once it is taken over', async () => {
      const s = await store.saveSubscription(sub('1'));
      await store.claimDelivery(s.id, '2026-03-02', '2026-03-02T09:00:00.000Z');
      const failed = { ...(await store.getDelivery(s.id, '2026-03-02'))!, status: 'failed' as const, error: '502', retryAt: '2026-03-02T09:01:00.000Z' };
      await store.updateDelivery(failed);
      expect(await store.retriesDue('2026-03-02T09:00:59.000Z')).toEqual([]);
      expect(await store.retriesDue('2026-03-02T09:01:00.000Z')).toMatchObject([{ subscriptionId: s.id, retryAt: '2026-03-02T09:01:00.000Z' }]);
      expect(await store.takeOverDelivery(failed, '2026-03-02T09:01:00.000Z')).toBe(true);
      expect(await store.retriesDue('2026-03-02T10:00:00.000Z')).toEqual([]);
      expect((await store.getDelivery(s.id, '2026-03-02'))!.retryAt).toBeUndefined();
    });

    it('gives a "later" re-send to exactly one of many claimers, and lists it again once that claim is stale', async () => {
      const s = await store.saveSubscription(sub('1'));
      await store.claimDelivery(s.id, '2026-03-02', '2026-03-02T09:00:00.000Z');
      await store.updateDelivery({ ...(await store.getDelivery(s.id, '2026-03-02'))!, status: 'sent', sentAt: '2026-03-02T09:00:01.000Z', laterAt: '2026-03-02T11:00:00.000Z' });
      const [seen] = await store.laterDue('2026-03-02T11:00:00.000Z', '2026-03-02T10:58:00.000Z');
      const wins = await Promise.all(Array.from({ length: 8 }, () => store.claimLater(seen!, '2026-03-02T11:00:00.000Z')));
      expect(wins.filter(Boolean)).toHaveLength(1);
      expect(await store.laterDue('2026-03-02T11:01:00.000Z', '2026-03-02T10:59:00.000Z')).toEqual([]);
      expect(await store.laterDue('2026-03-02T11:03:00.000Z', '2026-03-02T11:01:00.000Z')).toMatchObject([{ laterClaimedAt: '2026-03-02T11:00:00.000Z' }]);
    });

    it('reports a patch of a subscription that is gone', async () => {
      expect(await store.patchSubscription(999, { status: 'paused' })).toBe(false);
    });
  });
}
