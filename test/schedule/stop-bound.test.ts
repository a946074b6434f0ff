import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { startFakeBotApi, type FakeBotApi } from '../../bench/fake-bot-api.js';
import type { Caller } from '../../src/core/command.js';
import type { Reply } from '../../src/core/reply.js';
import { Dispatcher } from '../../src/schedule/dispatcher.js';
import { SqliteStore } from '../../src/store/sqlite-store.js';
import { makeApp, type TestApp } from '../helpers/app.js';
import { RecordingMessenger } from '../fakes/recording-messenger.js';
import { killSpawnedBots, spawnBot } from '../helpers/spawn-bot.js';

/** A messenger whose sends to one chat never come back (a socket that hangs without a timeout). */
class HangingMessenger extends RecordingMessenger {
  hanging = 0;
  constructor(private readonly chat: string) {
    super();
  }
  override async send(chatId: string, reply: Reply) {
    if (chatId !== this.chat) return super.send(chatId, reply);
    this.hanging++;
    return new Promise<never>(() => {});
  }
}

const person = (id: string): Caller => ({ platform: 'telegram', userId: id, chatId: id, chatKind: 'private', canManageChat: true });

describe('Dispatcher.stop() with a send that hangs', () => {
  let app: TestApp;
  afterEach(async () => {
    await app.dispose();
  });

  it('returns after stopTimeoutMs, logs what it left, and leaves it claimed for the next process to take over', async () => {
    app = makeApp({ now: '2026-03-02T08:00:00Z' });
    await app.core.text(person('1'), '/subscribe 09:00 UTC');
    await app.core.text(person('2'), '/subscribe 09:00 UTC');
    const hung = new HangingMessenger('1');
    const lines: string[] = [];
    const log = pino({ level: 'warn' }, { write: (l: string) => void lines.push(l) });
    const d = new Dispatcher({ services: app.services, messengers: [hung], log, stopTimeoutMs: 300, sleep: async () => {} });
    app.setNow('2026-03-02T09:00:00Z');
    void d.tick();
    await vi.waitFor(() => expect(hung.hanging).toBe(1));
    await vi.waitFor(() => expect(hung.to('2')).toHaveLength(1));

    const started = performance.now();
    const { left } = await d.stop();
    expect(performance.now() - started).toBeGreaterThanOrEqual(250);
    expect(performance.now() - started).toBeLessThan(3000);
    expect(left).toEqual(['1:2026-03-02:day']);
    expect(lines.join('')).toContain('stopped with prompts in flight or unrecorded');
    const sub = (await app.store.getSubscription('telegram', '1'))!;
    expect(await app.store.getDelivery(sub.id, '2026-03-02')).toMatchObject({ status: 'claimed' });

    // The next process, once the claim is stale, sends it.
    const next = new RecordingMessenger();
    app.setNow('2026-03-02T09:03:00Z');
    await new Dispatcher({ services: app.services, messengers: [next], log, sleep: async () => {} }).tick();
    expect(next.to('1')).toHaveLength(1);
    expect(next.to('2')).toHaveLength(0);
  }, 60_000);
});

describe('the real process with a send that hangs', () => {
  let api: FakeBotApi | undefined;
  let dir: string | undefined;
  afterEach(async () => {
    await killSpawnedBots();
    await api?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('exits 0 on SIGTERM within the stop timeout, saying what it left', async () => {
    dir = mkdtempSync(join(tmpdir(), 'slowfast-stop-'));
    const db = join(dir, 'db.sqlite');
    const store = new SqliteStore(db);
    await store.saveSubscription({
      platform: 'telegram', chatId: '4242', kind: 'personal', learnerId: 'telegram:4242', time: '00:00', timezone: 'UTC', locale: 'en', status: 'active', everyDays: 1,
    });
    await store.close();
    api = await startFakeBotApi({ latencyMs: 600_000 }); // the send never comes back
    const bot = spawnBot({
      LOG_LEVEL: 'info', TELEGRAM_TOKEN: '123456789:AAHfakeTokenForTheStopBoundTest-xyz', TELEGRAM_API_ROOT: api.url,
      SLOWFAST_DB: db, SLOWFAST_INDEX_CACHE: join(dir, 'index.json'), SLOWFAST_STOP_TIMEOUT_MS: '1000',
    });
    await vi.waitFor(() => expect(api!.sendsReceived, bot.stderr()).toBe(1), { timeout: 40_000, interval: 100 });
    const { code, ms } = await bot.stop('SIGTERM', 9_000);
    expect(code, bot.stderr()).toBe(0);
    expect(ms).toBeLessThan(9_000);
    expect(bot.stderr()).toContain('stopped with prompts in flight or unrecorded');
  }, 60_000);
});
