import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeBotApi, type FakeBotApi } from '../../bench/fake-bot-api.js';

const TOKEN = '123456789:AAHfakeTokenForTheShutdownTest-xyz';

let api: FakeBotApi;
let dir: string;

beforeAll(async () => {
  api = await startFakeBotApi();
  dir = mkdtempSync(join(tmpdir(), 'slowfast-shutdown-'));
});
afterAll(async () => {
  await api.close();
  rmSync(dir, { recursive: true, force: true });
});

/** A port free right now: the child binds it a moment later (HTTP_PORT=0 means "off", not "any"). */
async function freePort(): Promise<number> {
  const srv = createServer();
  await new Promise<void>((resolve) => srv.listen(0, '127.0.0.1', resolve));
  const { port } = srv.address() as AddressInfo;
  await new Promise((resolve) => srv.close(resolve));
  return port;
}

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
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      env: {
        PATH: process.env.PATH, HOME: process.env.HOME, LOG_LEVEL: 'info',
        TELEGRAM_TOKEN: TOKEN, TELEGRAM_API_ROOT: api.url, HTTP_PORT: String(port),
        SLOWFAST_DB: join(dir, `${signal}.sqlite`), SLOWFAST_INDEX_CACHE: join(dir, 'index.json'),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    let exitCode: number | null | undefined;
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve((exitCode = code))));
    try {
      const health = await waitForHealthy(`http://127.0.0.1:${port}/healthz`, () => exitCode !== undefined, 25_000);
      expect(health).toMatchObject({ ok: true, store: { reachable: true }, platforms: [{ name: 'telegram', connected: true }] });
      expect((health as { lastTickAt: unknown }).lastTickAt).toEqual(expect.any(String));

      const sent = Date.now();
      child.kill(signal);
      const code = await Promise.race([exited, new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), 10_000))]);
      expect(code, stderr).toBe(0);
      expect(Date.now() - sent).toBeLessThan(10_000);
      expect(stderr).toContain('"msg":"shutting down"');
      // The token was in the environment and in every Bot API URL: no log line may carry it.
      expect(stderr).not.toContain(TOKEN);
    } finally {
      if (exitCode === undefined) child.kill('SIGKILL');
    }
  }, 40_000);
});
