import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMetrics } from '../../src/ops/metrics.js';
import { startOpsServer, type OpsServer } from '../../src/ops/http-server.js';

const tick = new Date('2026-03-02T09:00:00Z');
// Each test sets what the process looks like; the server reads it on every request.
const state = {
  ping: async (): Promise<boolean> => true,
  probeWrite: async (): Promise<void> => {},
  telegram: true,
  discord: true,
};

let server: OpsServer;

beforeAll(async () => {
  server = await startOpsServer({
    host: '127.0.0.1',
    port: 0,
    health: {
      store: { ping: () => state.ping(), probeWrite: () => state.probeWrite() },
      platforms: [
        { name: 'telegram', connected: () => state.telegram },
        { name: 'discord', connected: () => state.discord },
      ],
      lastTickAt: () => tick,
    },
    metrics: createMetrics({ subscribers: async () => ({ active: 2, paused: 1, stopped: 0 }), lastTickAt: () => tick }),
    log: pino({ level: 'silent' }),
    writeProbeCacheMs: 0,
  });
});

afterAll(() => server.close());

function reset(over: Partial<typeof state> = {}) {
  Object.assign(state, { ping: async () => true, probeWrite: async () => {}, telegram: true, discord: true }, over);
}

describe('GET /healthz', () => {
  it('answers 200 with the store, each platform and the last scheduler tick when all is well', async () => {
    reset();
    const res = await fetch(`${server.url}/healthz`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/json');
    expect(await res.json()).toEqual({
      ok: true,
      store: { reachable: true, writable: true },
      platforms: [{ name: 'telegram', connected: true }, { name: 'discord', connected: true }],
      lastTickAt: '2026-03-02T09:00:00.000Z',
    });
  });

  it.each([
    ['a platform is disconnected', { discord: false }, { store: { reachable: true }, platforms: [{ name: 'telegram', connected: true }, { name: 'discord', connected: false }] }],
    ['the store answers false', { ping: async () => false }, { store: { reachable: false } }],
    ['the store cannot write', { probeWrite: async () => { throw new Error('database or disk is full'); } }, { store: { reachable: true, writable: false, reason: 'store cannot write: database or disk is full' } }],
    ['the store throws (closed database)', { ping: async () => { throw new Error('The database connection is not open'); } }, { store: { reachable: false } }],
  ])('answers 503 when %s', async (_case, over, expected) => {
    reset(over);
    const res = await fetch(`${server.url}/healthz`);
    expect(res.status).toBe(503);
    expect(await res.json()).toMatchObject({ ok: false, ...expected });
  });
});

describe('GET /metrics', () => {
  it('serves the Prometheus text format with process metrics and the subscriber gauge read at scrape time', async () => {
    const res = await fetch(`${server.url}/metrics`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = await res.text();
    expect(text).toContain('# TYPE slowfast_commands_total counter');
    expect(text).toContain('# TYPE slowfast_search_seconds histogram');
    expect(text).toMatch(/^slowfast_subscribers\{status="active"\} 2$/m);
    expect(text).toMatch(/^slowfast_subscribers\{status="paused"\} 1$/m);
    expect(text).toMatch(/^slowfast_scheduler_last_tick_timestamp_seconds 1772442000$/m);
    expect(text).toMatch(/^process_cpu_user_seconds_total /m);
  });
});

describe('anything else', () => {
  it.each(['/', '/health', '/healthz/extra', '/metrics.json'])('answers 404 for %s', async (path) => {
    const res = await fetch(`${server.url}${path}`);
    expect(res.status).toBe(404);
  });

  it('answers 405 to a POST on a known path', async () => {
    const res = await fetch(`${server.url}/healthz`, { method: 'POST' });
    expect(res.status).toBe(405);
    expect(res.headers.get('allow')).toBe('GET, HEAD');
  });
});
