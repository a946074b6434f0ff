import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startFakeBotApi, type FakeBotApi } from '../../bench/fake-bot-api.js';
import { freePort } from '../fakes/telegram-server.js';
import { killSpawnedBots, spawnBot } from '../helpers/spawn-bot.js';

const TOKEN = '123456789:AAHfakeTokenForTheShutdownTest-xyz';

let api: FakeBotApi;
let dir: string;

beforeAll(async () => {
  api = await startFakeBotApi();
  dir = mkdtempSync(join(tmpdir(), 'slowfast-shutdown-'));
});
afterEach(killSpawnedBots);
afterAll(async () => {
  await api.close();
  rmSync(dir, { recursive: true, force: true });
});

async function waitForHealthy(url: string, exited: () => boolean, ms: number): Promise<unknown> {
  const until = Date.now() + ms;
  while (Date.now() < until && !exited()) {
    const res = await fetch(url).catch(() => undefined);
    if (res?.status === 200) return res.json();
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('the bot never answered /healthz with 200');
}

describe('the real process on Telegram with the health port open', () => {
  it.each(['SIGTERM', 'SIGINT'] as const)('reports healthy, then exits 0 within 10 s of %s', async (signal) => {
    const port = await freePort();
    const bot = spawnBot({
      LOG_LEVEL: 'info', TELEGRAM_TOKEN: TOKEN, TELEGRAM_API_ROOT: api.url, HTTP_PORT: String(port),
      SLOWFAST_DB: join(dir, `${signal}.sqlite`), SLOWFAST_INDEX_CACHE: join(dir, 'index.json'),
    });
    const health = await waitForHealthy(`http://127.0.0.1:${port}/healthz`, bot.hasExited, 25_000);
    expect(health).toMatchObject({ ok: true, store: { reachable: true }, platforms: [{ name: 'telegram', connected: true }] });
    expect((health as { lastTickAt: unknown }).lastTickAt).toEqual(expect.any(String));

    const { code, ms } = await bot.stop(signal, 10_000);
    expect(code, bot.stderr()).toBe(0);
    expect(ms).toBeLessThan(10_000);
    expect(bot.stderr()).toContain('"msg":"shutting down"');
    // The token was in the environment and in every Bot API URL: no log line may carry it.
    expect(bot.stderr()).not.toContain(TOKEN);
  }, 40_000);
});
