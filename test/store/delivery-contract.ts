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
    ])('writes only the fields it was given when %s', async (_what, patch) => {
      const s = await store.saveSubscription(sub('1'));
      await store.updateSubscription({ ...s, status: 'paused', time: '07:30' });
      expect(await store.patchSubscription(s.id, patch)).toBe(true);
      const after = (await store.getSubscriptionById(s.id))!;
      expect(after).toMatchObject({ time: '07:30', ...patch });
      if (!('status' in patch)) expect(after.status).toBe('paused');
    });

    it('reports a patch of a subscription that is gone', async () => {
      expect(await store.patchSubscription(999, { status: 'paused' })).toBe(false);
    });
  });
}
