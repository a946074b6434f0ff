// Three real bot processes, started as `npm start` starts one (the compiled entry), with one
// DATABASE_URL and one local Bot API: a morning wave of due prompts, one process killed with
// SIGKILL mid-wave. Every chat gets its prompt once, but for the sends the killed one had in
// flight. Its claims are taken over once their lease runs out by the tick of a process starting
// afterwards (as a supervisor restarts it); the survivors would also take them at their next
// minute's tick, which a CI run need not wait for.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeBotApi, type FakeBotApi } from '../../bench/fake-bot-api.js';
import { PgStore } from '../../src/store/postgres/pg-store.js';
import { freshSchema, postgresAvailable } from '../helpers/postgres.js';

const available = await postgresAvailable('test/e2e/three-processes.test.ts');
const TOKEN = '123456789:AAHfakeTokenForTheThreeProcessTest';
const CHATS = 150;
const LEASE_MS = 2000;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe.runIf(available)('three npm start processes on one PostgreSQL database', () => {
  let db: Awaited<ReturnType<typeof freshSchema>>;
  let store: PgStore;
  let api: FakeBotApi;
  let dir: string;
  const children: ChildProcess[] = [];

  beforeAll(async () => {
    db = await freshSchema();
    store = new PgStore({ url: db.url, schema: db.schema, poolSize: 4 });
    await store.ready;
    // Each send stays 20 ms at the Bot API, so that the kill catches some in flight.
    api = await startFakeBotApi({ perSecond: 30, latencyMs: 20 });
    dir = mkdtempSync(join(tmpdir(), 'slowfast-three-'));
    for (let i = 0; i < CHATS; i++) {
      await store.saveSubscription({
        platform: 'telegram', chatId: String(700_000 + i), kind: 'personal', learnerId: `telegram:${700_000 + i}`,
        time: '00:00', timezone: 'UTC', locale: i % 2 ? 'zh' : 'en', status: 'active', everyDays: 1,
      });
    }
  });
  afterAll(async () => {
    for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
    await api?.close();
    await store?.close();
    await db?.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  /** `npm start` as the README's three-process setup runs it: the same DATABASE_URL and token. */
  function start() {
    const child = spawn(process.execPath, ['--max-semi-space-size=4', 'scripts/run-built.mjs', 'main'], {
      env: {
        PATH: process.env.PATH, HOME: process.env.HOME, LOG_LEVEL: 'info', TELEGRAM_TOKEN: TOKEN, TELEGRAM_API_ROOT: api.url,
        DATABASE_URL: `${db.url}?options=${encodeURIComponent(`-c search_path=${db.schema}`)}`,
        DELIVERY_LEASE_MS: String(LEASE_MS), HTTP_PORT: '0', SLOWFAST_INDEX_CACHE: join(dir, 'index.json'),
      },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    children.push(child);
    let stderr = '';
    const started = new Promise<boolean>((resolve) => {
      child.stderr!.on('data', (c: Buffer) => {
        stderr += c.toString();
        if (stderr.includes('"msg":"platform started"')) resolve(true);
      });
      child.once('exit', () => resolve(false));
    });
    return { child, started, stderr: () => stderr };
  }

  it('sends each chat its prompt once, but for the sends in flight in the one killed mid-wave', async () => {
    // The first builds dist/ if the sources are newer (run-built), and the search index cache.
    const first = start();
    expect(await first.started, first.stderr()).toBe(true);
    const others = [start(), start()];
    for (const p of others) expect(await p.started, p.stderr()).toBe(true);

    while (api.messages.length < CHATS / 3) await sleep(20);
    const victim = others[0]!.child;
    victim.kill('SIGKILL');
    await new Promise((r) => victim.once('exit', r));
    const { rows } = await store.pool.query<{ chat_id: string }>(
      `SELECT s.chat_id FROM deliveries d JOIN subscriptions s ON s.id = d.subscription_id
        WHERE d.status = 'claimed' AND d.lease_owner LIKE $1`, [`%:${victim.pid}:%`]);
    const inFlight = new Set(rows.map((r) => r.chat_id));

    await sleep(LEASE_MS);
    const restarted = start();
    expect(await restarted.started, restarted.stderr()).toBe(true);
    for (;;) {
      const counts = await store.countDeliveries();
      if ((counts.sent ?? 0) >= CHATS && !counts.claimed) break;
      await sleep(100);
    }

    const perChat = new Map<string, number>();
    for (const m of api.messages) perChat.set(m.chatId, (perChat.get(m.chatId) ?? 0) + 1);
    expect(perChat.size).toBe(CHATS);
    const twice = [...perChat].filter(([, n]) => n > 1);
    for (const [chat, n] of twice) {
      expect(n).toBe(2);
      expect(inFlight.has(chat)).toBe(true);
    }
    for (const p of [first, others[1]!, restarted]) {
      p.child.kill('SIGTERM');
      await new Promise((r) => p.child.once('exit', r));
    }
  }, 90_000);
});
