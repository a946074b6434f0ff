import { pino } from 'pino';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { createMetrics } from '../../src/ops/metrics.js';
import { startOpsServer, type OpsServer } from '../../src/ops/http-server.js';
import { Dispatcher } from '../../src/schedule/dispatcher.js';
import type { SqliteStore } from '../../src/store/sqlite-store.js';
import { makeApp, type TestApp } from '../helpers/app.js';
import { RecordingMessenger } from '../fakes/recording-messenger.js';

// The SQLite file stops taking writes in the middle of the 09:00 wave (a read-only remount, a full
// disk), then takes them again: what the operator's probe sees meanwhile, and what the learners get.
// 400: a full file still takes rows that fit in its free pages; these need more pages than it has.
const COUNT = 400;
let app: TestApp;
let server: OpsServer;
let store: SqliteStore;
beforeEach(async () => {
  app = makeApp({ now: '2026-03-02T09:00:00Z' });
  store = app.store as SqliteStore;
  for (let i = 0; i < COUNT; i++) {
    await app.store.saveSubscription({ platform: 'telegram', chatId: String(i), kind: 'channel', time: '09:00', timezone: 'UTC', locale: 'en', status: 'active', everyDays: 1 });
  }
  server = await startOpsServer({
    host: '127.0.0.1', port: 0, log: pino({ level: 'silent' }), writeProbeCacheMs: 0,
    health: { store: app.store, platforms: [{ name: 'telegram', connected: () => true }], lastTickAt: () => undefined },
    metrics: createMetrics({ subscribers: async () => ({ active: COUNT, paused: 0, stopped: 0 }), lastTickAt: () => undefined }),
  });
});
afterEach(async () => {
  await server.close();
  await app.dispose();
});

async function healthz(): Promise<{ status: number; body: { ok: boolean; store: unknown } }> {
  const res = await fetch(`${server.url}/healthz`);
  return { status: res.status, body: (await res.json()) as { ok: boolean; store: unknown } };
}

/** A messenger whose `sends`th send makes the file refuse writes (the sends in flight then go out unrecorded). */
function failingDiskAfter(sends: number, refuse: () => void): RecordingMessenger {
  const messenger = new RecordingMessenger();
  const send = messenger.send.bind(messenger);
  messenger.send = (...args) => {
    const sent = send(...args);
    if (messenger.sent.length === sends) refuse();
    return sent;
  };
  return messenger;
}

it.each([
  ['read-only', 'query_only = ON', 'query_only = OFF', 'attempt to write a readonly database'],
  ['full', 'max_page_count = 1', 'max_page_count = 1073741823', 'database or disk is full'],
])('a %s file mid-wave: nothing goes out twice, /healthz is 503 with the reason meanwhile, and once writes recover every chat has its prompt exactly once', async (_, refuse, recover, reason) => {
  const messenger = failingDiskAfter(10, () => store.setPragma(refuse));
  const dispatcher = new Dispatcher({ services: app.services, messengers: [messenger], log: pino({ level: 'silent' }), concurrency: 4, defaultPerSecond: 1e6 });
  await dispatcher.tick();
  const during = messenger.sent.length;
  expect(during).toBeGreaterThanOrEqual(10);
  expect(during).toBeLessThan(COUNT);
  // A full file still updates rows in place: the probe also writes a row that needs new pages.
  expect(await healthz()).toEqual({ status: 503, body: expect.objectContaining({ ok: false, store: expect.objectContaining({ writable: false, reason: `store cannot write: ${reason}` }) }) });
  // Ticks while the file still refuses: nothing already sent goes out again.
  app.setNow('2026-03-02T09:01:00Z');
  await dispatcher.tick();
  expect(messenger.sent.length).toBe(during);

  store.setPragma(recover);
  expect(await healthz()).toMatchObject({ status: 200, body: { ok: true } });
  for (const at of ['2026-03-02T09:02:00Z', '2026-03-02T09:03:00Z', '2026-03-02T09:10:00Z']) {
    app.setNow(at);
    await dispatcher.tick();
  }
  const chats = messenger.sent.map((s) => s.chatId).sort();
  expect(chats).toEqual(Array.from({ length: COUNT }, (_, i) => String(i)).sort());
  expect(await app.store.countDeliveries()).toEqual({ sent: COUNT });
});
