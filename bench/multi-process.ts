// A morning wave sent by several bot processes (bench/dispatch-worker.ts) on one database,
// through one local Bot API that enforces the token's rate with real 429s; one process is killed
// with SIGKILL at a third of the wave. Used by `npm run bench:dispatch -- --processes N` and by
// test/store/pg-multi-process.test.ts, which assert on the figures it returns.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import pg from 'pg';
import type { Store } from '../src/core/ports/store.js';
import { PgStore } from '../src/store/postgres/pg-store.js';
import { SqliteStore } from '../src/store/sqlite-store.js';
import { round } from './stats.js';

export interface WaveOptions {
  store: 'postgres' | 'sqlite';
  /** postgres:// URL of a database the wave may make a schema in. */
  pgUrl?: string;
  processes: number;
  subs: number;
  /** Messages a second the Bot API allows the token (and the bot is configured with). */
  limit: number;
  /** Kill one process with SIGKILL once this share of the wave has arrived (0: no kill). */
  killAt: number;
  /** DELIVERY_LEASE_MS of every process: how soon the killed one's claims are taken over. */
  leaseMs: number;
  /** How long each send stays in flight at the Bot API, so that a kill catches some mid-way. */
  latencyMs?: number;
  concurrency?: number;
  timeoutMs?: number;
  log?: (line: string) => void;
}

export interface WaveFigures {
  store: string;
  processes: number;
  subscriptions: number;
  limitPerSecond: number;
  seconds: number;
  messagesPerSecond: number;
  rateOfLimit: number;
  lost: number;
  duplicated: number;
  /** Claims the killed process held when it died: the most that may be sent twice. */
  inFlightAtKill: number;
  tooManyRequests: number;
  claimP99Ms: number;
  /** Prompts per chat as the Bot API received them: chat id -> count. */
  perChat: Map<string, number>;
}

interface Worker {
  child: ChildProcess;
  owner: string;
  done: Promise<{ claims: number; claimP99Ms: number } | undefined>;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function startWorker(env: Record<string, string>): Promise<Worker> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'bench/dispatch-worker.ts'], { env, stdio: ['pipe', 'pipe', 'inherit'] });
  const lines = createInterface({ input: child.stdout! });
  let ready: (o: Record<string, unknown>) => void = () => {};
  let done: (o: Record<string, unknown> | undefined) => void = () => {};
  const readyP = new Promise<Record<string, unknown>>((r) => (ready = r));
  const doneP = new Promise<Record<string, unknown> | undefined>((r) => (done = r));
  lines.on('line', (line) => {
    let o: Record<string, unknown>;
    try {
      o = JSON.parse(line) as Record<string, unknown>;
    } catch {
      return;
    }
    if (o.ready) ready(o);
    if (o.done) done(o);
  });
  child.once('exit', (code) => {
    done(undefined);
    ready({ failed: code });
  });
  const first = await readyP;
  if (!first.ready) throw new Error(`a dispatch worker exited (${String(first.failed)}) before it was ready`);
  return { child, owner: String(first.owner), done: doneP as Worker['done'] };
}

async function startBotApi(limit: number, latencyMs: number): Promise<{ url: string; stop(): void }> {
  // Its own process: the bots' CPU is not the API's, and the API's timing is not theirs.
  const server = spawn(process.execPath, ['--import', 'tsx', 'bench/fake-bot-api.ts', String(limit), String(latencyMs)], { stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await new Promise<string>((resolve) => createInterface({ input: server.stdout! }).once('line', resolve));
  return { url, stop: () => server.kill() };
}

interface ApiStats { messages: number; chats: number; tooManyRequests: number; first: number; last: number; perChat: Record<string, number> }

/** Runs one wave and returns its figures; every process and the schema or folder it made are gone after. */
export async function runWave(o: WaveOptions): Promise<WaveFigures> {
  const log = o.log ?? (() => {});
  const dir = mkdtempSync(join(tmpdir(), 'slowfast-wave-'));
  const schema = `sf_wave_${process.pid}_${Date.now().toString(36)}`;
  const token = '123456:wave-token';
  const api = await startBotApi(o.limit, o.latencyMs ?? 0);
  const workers: Worker[] = [];
  let store: Store | undefined;
  let dropSchema = async () => {};
  try {
    const env: Record<string, string> = {
      PATH: process.env.PATH!, HOME: process.env.HOME ?? '/tmp', SLOWFAST_INDEX_CACHE: join(dir, 'index.json'), TELEGRAM_TOKEN: token, TELEGRAM_API_ROOT: api.url,
      TELEGRAM_MAX_PER_SECOND: String(o.limit), DELIVERY_LEASE_MS: String(o.leaseMs), WORKER_CONCURRENCY: String(o.concurrency ?? 16),
      WORKER_TICK_MS: '300', LOG_LEVEL: process.env.LOG_LEVEL ?? 'silent',
    };
    if (o.store === 'postgres') {
      const base = o.pgUrl ?? 'postgres://postgres@127.0.0.1:5432/test';
      await adminQuery(base, `CREATE SCHEMA ${schema}`);
      dropSchema = () => adminQuery(base, `DROP SCHEMA IF EXISTS ${schema} CASCADE`).catch(() => {});
      env.DATABASE_URL = `${base}${base.includes('?') ? '&' : '?'}options=${encodeURIComponent(`-c search_path=${schema}`)}`;
      const pg = new PgStore({ url: base, schema, poolSize: 8 });
      await pg.ready;
      store = pg;
    } else {
      env.SLOWFAST_DB = join(dir, 'db.sqlite');
      store = new SqliteStore(env.SLOWFAST_DB);
    }
    log(`preparing ${o.subs} subscriptions on ${o.store}...`);
    for (let i = 0; i < o.subs; i += 100) {
      await Promise.all(Array.from({ length: Math.min(100, o.subs - i) }, (_, j) => store!.saveSubscription({
        platform: 'telegram', chatId: String(100_000 + i + j), kind: 'personal', learnerId: `telegram:${100_000 + i + j}`,
        time: '00:00', timezone: 'UTC', locale: (i + j) % 2 ? 'zh' : 'en', status: 'active', everyDays: 1,
      })));
    }
    log(`starting ${o.processes} process(es); the wave takes about ${Math.round(o.subs / o.limit)} s at ${o.limit}/s`);
    // The first builds the search index cache; the others start from it, as restarted bots do.
    workers.push(await startWorker(env));
    workers.push(...(await Promise.all(Array.from({ length: o.processes - 1 }, () => startWorker(env)))));
    for (const w of workers) w.child.stdin!.write('go\n');

    const stats = async () => (await (await fetch(`${api.url}/bot${token}/__stats`)).json()) as ApiStats;
    const deadline = Date.now() + (o.timeoutMs ?? Math.max(60_000, (o.subs / o.limit) * 3000));
    let inFlightAtKill = 0;
    if (o.killAt > 0) {
      while ((await stats()).messages < o.subs * o.killAt && Date.now() < deadline) await sleep(20);
      const victim = workers[0]!;
      victim.child.kill('SIGKILL');
      await new Promise((r) => victim.child.once('exit', r));
      inFlightAtKill = await heldBy(store, victim.owner, o.store);
      log(`killed one process at ${(await stats()).messages} messages, holding ${inFlightAtKill} claims`);
      // One process alone: nobody else would finish the wave, so it is restarted (as systemd would).
      if (o.processes === 1) {
        workers.push(await startWorker(env));
        workers.at(-1)!.child.stdin!.write('go\n');
      }
    }
    // Done when every prompt is recorded sent: then no claim of the dead process is left to re-send.
    while (Date.now() < deadline) {
      const counts = await store.countDeliveries();
      if ((counts.sent ?? 0) >= o.subs && !counts.claimed) break;
      await sleep(100);
    }
    const alive = workers.filter((w) => w.child.exitCode === null && w.child.signalCode === null);
    for (const w of alive) w.child.kill('SIGTERM');
    const reports = (await Promise.all(alive.map((w) => w.done))).filter((r) => r !== undefined);
    const s = await stats();
    const rate = s.messages / ((s.last - s.first) / 1000 || 1);
    return {
      store: o.store, processes: o.processes, subscriptions: o.subs, limitPerSecond: o.limit,
      seconds: round((s.last - s.first) / 1000, 1), messagesPerSecond: round(rate, 2), rateOfLimit: round(rate / o.limit, 3),
      lost: o.subs - s.chats, duplicated: s.messages - s.chats, inFlightAtKill, tooManyRequests: s.tooManyRequests,
      claimP99Ms: Math.max(0, ...reports.map((r) => r.claimP99Ms)), perChat: new Map(Object.entries(s.perChat)),
    };
  } finally {
    for (const w of workers) w.child.kill('SIGKILL');
    api.stop();
    await store?.close();
    await dropSchema();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function adminQuery(url: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** Claims a process still held (by owner on PostgreSQL; on SQLite every claimed row was the one process's). */
async function heldBy(store: Store, owner: string, kind: WaveOptions['store']): Promise<number> {
  if (kind === 'postgres') {
    const { rows } = await (store as PgStore).pool.query<{ n: string }>(`SELECT count(*) AS n FROM deliveries WHERE status = 'claimed' AND lease_owner = $1`, [owner]);
    return Number(rows[0]!.n);
  }
  return (await store.countDeliveries()).claimed ?? 0;
}
