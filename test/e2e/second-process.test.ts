import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startFakeBotApi, type FakeBotApi } from '../../bench/fake-bot-api.js';
import { killSpawnedBots, spawnBot } from '../helpers/spawn-bot.js';

const TOKEN = '123456789:AAHfakeTokenForTheSecondProcessTest';
const LEASE_MS = 3_000;

let api: FakeBotApi;
let dir: string;

beforeAll(async () => {
  api = await startFakeBotApi();
  dir = mkdtempSync(join(tmpdir(), 'slowfast-second-'));
});
afterAll(async () => {
  await killSpawnedBots();
  await api.close();
  rmSync(dir, { recursive: true, force: true });
});

/** `npm start` on Telegram (the local Bot API fake) and the shared data file. */
function start(logLevel = 'info') {
  return spawnBot({
    LOG_LEVEL: logLevel, TELEGRAM_TOKEN: TOKEN, TELEGRAM_API_ROOT: api.url,
    SLOWFAST_DB: join(dir, 'db.sqlite'), SLOWFAST_INDEX_CACHE: join(dir, 'index.json'), SLOWFAST_SQLITE_LEASE_MS: String(LEASE_MS),
  });
}

it('a second npm start on the same data file exits 2 with one line; after the first is killed and its lease expires, a new one starts', async () => {
  const first = start();
  await first.waitFor('"msg":"platform started"');

  const second = start('warn');
  expect(await second.exited).toBe(2);
  expect(second.stderr().trim().split('\n')).toEqual([
    expect.stringMatching(new RegExp(`^slowfast: another slowfast process \\(pid ${first.child.pid} on .+\\) is using .+db\\.sqlite; stop it first`)),
  ]);

  // SIGKILL: no clean release, the lease row stays until it expires.
  await first.stop('SIGKILL');
  const killedAt = Date.now();
  await new Promise((r) => setTimeout(r, Math.max(0, LEASE_MS - (Date.now() - killedAt)) + 500));
  const third = start();
  await third.waitFor('"msg":"platform started"');
  expect((await third.stop('SIGTERM')).code).toBe(0);
}, 120_000);
