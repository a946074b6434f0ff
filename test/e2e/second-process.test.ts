import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startFakeBotApi, type FakeBotApi } from '../../bench/fake-bot-api.js';

const TOKEN = '123456789:AAHfakeTokenForTheSecondProcessTest';
const LEASE_MS = 3_000;

let api: FakeBotApi;
let dir: string;
const children: ChildProcess[] = [];

beforeAll(async () => {
  api = await startFakeBotApi();
  dir = mkdtempSync(join(tmpdir(), 'slowfast-second-'));
});
afterAll(async () => {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  await api.close();
  rmSync(dir, { recursive: true, force: true });
});

/** `npm start` on Telegram (the local Bot API fake) and the shared data file. */
function start(logLevel = 'info') {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    env: {
      PATH: process.env.PATH, HOME: process.env.HOME, LOG_LEVEL: logLevel, TELEGRAM_TOKEN: TOKEN, TELEGRAM_API_ROOT: api.url,
      SLOWFAST_DB: join(dir, 'db.sqlite'), SLOWFAST_INDEX_CACHE: join(dir, 'index.json'), SLOWFAST_SQLITE_LEASE_MS: String(LEASE_MS),
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  children.push(child);
  let stderr = '';
  child.stderr!.on('data', (c: Buffer) => (stderr += c.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  /** Resolves true once the platform started, false if the process exited first. */
  const started = new Promise<boolean>((resolve) => {
    child.stderr!.on('data', () => stderr.includes('"msg":"platform started"') && resolve(true));
    void exited.then(() => resolve(false));
  });
  return { child, exited, started, stderr: () => stderr };
}

it('a second npm start on the same data file exits 2 with one line; after the first is killed and its lease expires, a new one starts', async () => {
  const first = start();
  expect(await first.started, first.stderr()).toBe(true);

  const second = start('warn');
  expect(await second.exited).toBe(2);
  expect(second.stderr().trim().split('\n')).toEqual([
    expect.stringMatching(new RegExp(`^slowfast: another slowfast process \\(pid ${first.child.pid} on .+\\) is using .+db\\.sqlite; stop it first`)),
  ]);

  // SIGKILL: no clean release, the lease row stays until it expires.
  first.child.kill('SIGKILL');
  await first.exited;
  const killedAt = Date.now();
  await new Promise((r) => setTimeout(r, Math.max(0, LEASE_MS - (Date.now() - killedAt)) + 500));
  const third = start();
  expect(await third.started, third.stderr()).toBe(true);
  third.child.kill('SIGTERM');
  expect(await third.exited).toBe(0);
}, 120_000);
