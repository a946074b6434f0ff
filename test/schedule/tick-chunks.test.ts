import { pino } from 'pino';
import { afterEach, beforeEach, expect, it } from 'vitest';
import type { Store } from '../../src/core/ports/store.js';
import { Dispatcher } from '../../src/schedule/dispatcher.js';
import { makeApp, type TestApp } from '../helpers/app.js';
import { RecordingMessenger } from '../fakes/recording-messenger.js';

let app: TestApp;
beforeEach(() => {
  app = makeApp({ now: '2026-03-02T09:00:00Z' });
});
afterEach(async () => {
  await app.dispose();
});

/** The store, counting the calls made to it by the names given (the selection's reads). */
function counting(store: Store, names: string[]): { store: Store; calls: () => number } {
  let calls = 0;
  const proxy = new Proxy(store, {
    get(target, name, receiver) {
      const value = Reflect.get(target, name, receiver) as unknown;
      if (typeof value !== 'function' || !names.includes(String(name))) return value;
      return (...args: unknown[]) => {
        calls++;
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
  return { store: proxy, calls: () => calls };
}

it('a wave of 1,000 due prompts lets a timer run before the tick has read them all (the tick yields in chunks)', async () => {
  const count = 1_000;
  for (let i = 0; i < count; i++) {
    await app.store.saveSubscription({ platform: 'telegram', chatId: String(i), kind: 'channel', time: '09:00', timezone: 'UTC', locale: 'en', status: 'active', everyDays: 1 });
  }
  // latestDelivery: once for each subscription the selection looks at (sends make other calls).
  const { store, calls } = counting(app.store, ['latestDelivery']);
  const messenger = new RecordingMessenger();
  const dispatcher = new Dispatcher({ services: { ...app.services, store }, messengers: [messenger], log: pino({ level: 'silent' }), concurrency: 1, defaultPerSecond: 1e6 });
  let callsWhenTimerRan = -1;
  setImmediate(() => (callsWhenTimerRan = calls()));
  const report = await dispatcher.tick();
  expect(report.sent).toBe(count);
  expect(messenger.sent).toHaveLength(count);
  // Read in one go, the timer would wait until every subscription had been looked at (1,000 reads).
  expect(callsWhenTimerRan).toBeGreaterThanOrEqual(0);
  expect(callsWhenTimerRan).toBeLessThan(count);
});
