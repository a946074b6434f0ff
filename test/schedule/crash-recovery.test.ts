import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeBotApi, type FakeBotApi } from '../../bench/fake-bot-api.js';
import { SqliteStore } from '../../src/store/sqlite-store.js';
import { killSpawnedBots, spawnBot } from '../helpers/spawn-bot.js';

const PROMPTS = 1000;
const CONCURRENCY = 16;
let dir: string;
let api: FakeBotApi;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'slowfast-crash-'));
  const store = new SqliteStore(join(dir, 'db.sqlite'));
  for (let i = 0; i < PROMPTS; i++) {
    await store.saveSubscription({
      platform: 'telegram', chatId: String(10_000 + i), kind: 'personal', learnerId: `telegram:${10_000 + i}`,
      time: '00:00', timezone: 'UTC', locale: 'en', status: 'active', everyDays: 1,
    });
  }
  await store.close();
  // Each send stays in flight 15 ms, so a kill always catches some of them mid-way.
  api = await startFakeBotApi({ perSecond: 1000, latencyMs: 15 });
});
afterAll(async () => {
  await killSpawnedBots();
  await api?.close();
  rmSync(dir, { recursive: true, force: true });
});

function dispatchProcess() {
  return spawnBot(
    {
      SLOWFAST_DB: join(dir, 'db.sqlite'), SLOWFAST_INDEX_CACHE: join(dir, 'index.json'),
      TELEGRAM_TOKEN: '123456:crash-test-token', TELEGRAM_API_ROOT: api.url, TELEGRAM_MAX_PER_SECOND: '1000',
      STALE_AFTER_MS: '300', CONCURRENCY: String(CONCURRENCY),
    },
    ['test/fakes/dispatch-once.ts'],
  );
}

describe('a crash in the middle of the morning wave', () => {
  it('ends with every subscription prompted, and no more duplicates than sends in flight', async () => {
    const first = dispatchProcess();
    const deadline = Date.now() + 60_000;
    while (api.messages.length < 300 && !first.hasExited() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 5));
    expect(first.hasExited(), first.stderr()).toBe(false);
    await first.stop('SIGKILL');
    const beforeRestart = api.messages.length;
    expect(beforeRestart).toBeLessThan(PROMPTS);

    await new Promise((r) => setTimeout(r, 400)); // the dead process's claims go stale
    const second = dispatchProcess();
    expect(await second.exited, second.stderr()).toBe(0);

    const perChat = new Map<string, number>();
    for (const m of api.messages) perChat.set(m.chatId, (perChat.get(m.chatId) ?? 0) + 1);
    const duplicates = api.messages.length - perChat.size;
    console.log(`crash test: ${beforeRestart} sent before SIGKILL, ${api.messages.length} in all, ${perChat.size} chats, ${duplicates} duplicates`);
    expect(perChat.size).toBe(PROMPTS);
    expect(duplicates).toBeLessThanOrEqual(CONCURRENCY);
  }, 90_000);
});
