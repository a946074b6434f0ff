import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { SqliteStore } from '../../src/store/sqlite-store.js';
import { corruptTables } from '../helpers/sqlite-damage.js';
import { killSpawnedBots, spawnBot } from '../helpers/spawn-bot.js';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'slowfast-corrupt-'));
});
afterAll(async () => {
  await killSpawnedBots();
  rmSync(dir, { recursive: true, force: true });
});

/** `npm start` on Telegram with the data file at `path` (no Bot API: the start must stop before it). */
function start(path: string) {
  return spawnBot({ LOG_LEVEL: 'warn', TELEGRAM_TOKEN: '123456:corrupt-test', TELEGRAM_API_ROOT: 'http://127.0.0.1:9', SLOWFAST_DB: path, SLOWFAST_INDEX_CACHE: join(dir, 'index.json') });
}

it('a data file that is not a database stops the start with one line and exit code 2, not a stack trace', async () => {
  const path = join(dir, 'garbage.sqlite');
  writeFileSync(path, 'not a database, '.repeat(512));
  const bot = start(path);
  expect(await bot.exited).toBe(2);
  expect(bot.stderr().trim().split('\n')).toEqual([
    `slowfast: the database cannot be used: ${path}: file is not a database; restore a backup, or move the file away to start with an empty database`,
  ]);
}, 60_000);

it('a database whose tables are damaged stops the start the same way', async () => {
  const path = join(dir, 'damaged.sqlite');
  const made = new SqliteStore(path);
  await made.saveSubscription({ platform: 'telegram', chatId: '1', kind: 'channel', time: '09:00', timezone: 'UTC', locale: 'en', status: 'active', everyDays: 1 });
  await made.close();
  corruptTables(path);
  const bot = start(path);
  expect(await bot.exited).toBe(2);
  expect(bot.stderr().trim().split('\n')).toEqual([
    `slowfast: the database cannot be used: ${path}: database disk image is malformed; restore a backup, or move the file away to start with an empty database`,
  ]);
}, 60_000);
