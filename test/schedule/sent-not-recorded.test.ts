import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import type { Caller } from '../../src/core/command.js';
import type { Store } from '../../src/core/ports/store.js';
import { Dispatcher } from '../../src/schedule/dispatcher.js';
import { makeApp, type TestApp } from '../helpers/app.js';
import { RecordingMessenger } from '../fakes/recording-messenger.js';

let app: TestApp;
afterEach(async () => {
  await app.dispose();
});

const WRITES = new Set(['updateDelivery', 'recordSent', 'saveLearner', 'patchSubscription', 'updateSubscription']);

/** The app's store, except that the first `failures` writes after a send throw (a locked or full disk). */
function storeFailingAfterSend(store: Store, messenger: { sent: unknown[] }, failures = 1): Store {
  let sentSeen = 0;
  let left = failures;
  return new Proxy(store, {
    get(target, name, receiver) {
      const value = Reflect.get(target, name, receiver) as unknown;
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        if (WRITES.has(String(name)) && messenger.sent.length > sentSeen && left > 0) {
          left--;
          sentSeen = messenger.sent.length;
          return Promise.reject(new Error('SQLITE_IOERR: disk I/O error (test)'));
        }
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
}

const group: Caller = { platform: 'telegram', userId: 'u1', chatId: '-500', chatKind: 'group', canManageChat: true };
const person: Caller = { platform: 'telegram', userId: '7', chatId: '7', chatKind: 'private', canManageChat: true };

describe('a store error right after a send', () => {
  it.each([
    ['a learner\'s prompt', person, '09:00 UTC'],
    ['a group\'s lesson of the day', group, '09:00 UTC 1'],
  ])('%s: the message goes out once, and its record is written on the next tick', async (_what, caller, args) => {
    app = makeApp({ now: '2026-03-01T08:00:00Z' });
    await app.core.text(caller, `/subscribe ${args}`);
    const messenger = new RecordingMessenger();
    const store = storeFailingAfterSend(app.services.store, messenger);
    const d = new Dispatcher({ services: { ...app.services, store }, messengers: [messenger], log: pino({ level: 'silent' }), staleAfterMs: 120_000, sleep: async () => {} });
    const sub = (await app.store.getSubscription('telegram', caller.chatId))!;
    for (const at of ['2026-03-02T09:00:00Z', '2026-03-02T09:01:00Z', '2026-03-02T09:05:00Z', '2026-03-02T12:00:00Z']) {
      app.setNow(at);
      await d.tick();
    }
    expect(messenger.to(caller.chatId)).toHaveLength(1);
    expect(await app.store.getDelivery(sub.id, '2026-03-02')).toMatchObject({ status: 'sent', attempts: 1 });
    // What the prompt advanced was recorded with it: tomorrow says day 2 of the same lesson.
    app.setNow('2026-03-03T09:00:00Z');
    await d.tick();
    const tomorrow = messenger.to(caller.chatId)[1]!;
    if (caller === person) expect(tomorrow.text).toContain('Day 2 on this lesson.');
    else expect(tomorrow.reply.title).toMatch(/· 1 ·/);
  }, 60_000); // the first case also loads the lessons and builds the index

  it('is not sent again by a second process on the same store while the first still holds the write', async () => {
    app = makeApp({ now: '2026-03-01T08:00:00Z' });
    await app.core.text(person, '/subscribe 09:00 UTC');
    const first = new RecordingMessenger();
    const second = new RecordingMessenger();
    const failing = storeFailingAfterSend(app.services.store, first);
    const a = new Dispatcher({ services: { ...app.services, store: failing }, messengers: [first], log: pino({ level: 'silent' }), sleep: async () => {} });
    const b = new Dispatcher({ services: app.services, messengers: [second], log: pino({ level: 'silent' }), sleep: async () => {} });
    app.setNow('2026-03-02T09:00:00Z');
    await a.tick();
    app.setNow('2026-03-02T09:01:00Z');
    await b.tick(); // the claim is not stale yet
    await a.tick(); // the pending write lands
    app.setNow('2026-03-02T09:30:00Z');
    await b.tick();
    expect(first.sent.length + second.sent.length).toBe(1);
  });
});
