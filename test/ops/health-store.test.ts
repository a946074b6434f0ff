import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createMetrics } from '../../src/ops/metrics.js';
import { startOpsServer, type OpsServer } from '../../src/ops/http-server.js';
import { cachedWriteProbe } from '../../src/ops/write-probe.js';
import { SqliteStore } from '../../src/store/sqlite-store.js';
import { corruptTables } from '../helpers/sqlite-damage.js';

let dir: string;
let path: string;
let store: SqliteStore | undefined;
let server: OpsServer | undefined;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'slowfast-health-'));
  path = join(dir, 'db.sqlite');
  const made = new SqliteStore(path);
  await made.saveSubscription({ platform: 'telegram', chatId: '1', kind: 'channel', time: '09:00', timezone: 'UTC', locale: 'en', status: 'active', everyDays: 1 });
  await made.close();
});
afterEach(async () => {
  await server?.close();
  await store?.close();
  server = store = undefined;
  rmSync(dir, { recursive: true, force: true });
});

/** /healthz of an ops server on `opened`, as an operator's probe sees it. */
async function health(opened: SqliteStore): Promise<{ status: number; body: unknown }> {
  store = opened;
  server = await startOpsServer({
    host: '127.0.0.1', port: 0, log: pino({ level: 'silent' }),
    health: { store: opened, platforms: [{ name: 'telegram', connected: () => true }], lastTickAt: () => undefined },
    metrics: createMetrics({ subscribers: async () => ({ active: 1, paused: 0, stopped: 0 }), lastTickAt: () => undefined }),
  });
  const res = await fetch(`${server.url}/healthz`);
  return { status: res.status, body: await res.json() };
}

describe('/healthz on a real SQLite file', () => {
  it('is 200 while the file can be written', async () => {
    expect(await health(new SqliteStore(path))).toEqual({ status: 200, body: expect.objectContaining({ ok: true, store: { reachable: true, writable: true } }) });
  });

  it('is 503 with the reason when the file is open read-only (it still answers reads)', async () => {
    const readOnly = new SqliteStore(path, { readonly: true });
    expect(await readOnly.ping()).toBe(true);
    expect(await health(readOnly)).toEqual({
      status: 503,
      body: expect.objectContaining({ ok: false, store: { reachable: true, writable: false, reason: 'store cannot write: attempt to write a readonly database' } }),
    });
  });

  it('is 503 with the reason when the file is corrupt (it still answers SELECT 1)', async () => {
    corruptTables(path);
    const corrupt = new SqliteStore(path);
    expect(await corrupt.ping()).toBe(true);
    expect(await health(corrupt)).toEqual({
      status: 503,
      body: expect.objectContaining({ ok: false, store: { reachable: true, writable: false, reason: 'store cannot write: database disk image is malformed' } }),
    });
  });
});

describe('the write probe', () => {
  it('writes at most once per cache period, however often /healthz is asked', async () => {
    let now = 0;
    const writes: string[] = [];
    const probe = cachedWriteProbe({ probeWrite: async (at) => void writes.push(at) }, 5_000, () => now);
    for (const t of [0, 1_000, 4_999, 5_000, 5_001, 12_000]) {
      now = t;
      expect(await probe()).toBeUndefined();
    }
    expect(writes).toEqual(['1970-01-01T00:00:00.000Z', '1970-01-01T00:00:05.000Z', '1970-01-01T00:00:12.000Z']);
  });
});
