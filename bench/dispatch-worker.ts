// A bot process that only dispatches daily prompts over Telegram, ticking every WORKER_TICK_MS
// until SIGTERM, configured from the environment as `npm start` is (DATABASE_URL, TELEGRAM_*,
// DELIVERY_LEASE_MS). The multi-process test and `npm run bench:dispatch -- --processes N` run
// several of these on one database and SIGKILL one mid-wave.
//
// stdout, one JSON object a line: {"ready":true,"owner":...} once the store is migrated, then
// {"done":true,"claims":N,"claimP99Ms":...,"report":...} after SIGTERM. It starts ticking when a
// line arrives on stdin, so that processes that take unequal times to start begin the wave together.
import { pino } from 'pino';
import { createApp } from '../src/app.js';
import { createTelegramPlatform } from '../src/adapters/telegram/telegram-platform.js';
import { loadConfig } from '../src/config.js';
import type { Store } from '../src/core/ports/store.js';
import { Dispatcher, type TickReport } from '../src/schedule/dispatcher.js';
import { sharedPacers } from '../src/store/postgres/pg-rate-budget.js';
import { percentile, round } from './stats.js';

const config = loadConfig();
const log = pino({ level: process.env.LOG_LEVEL ?? 'silent' });
const app = createApp(config, log);
await app.ready;

// Claim latency: how long the store takes to hand this process a delivery (first claims and takeovers).
const claimMs: number[] = [];
const timed = <K extends 'claimDelivery' | 'takeOverDelivery'>(name: K) => {
  const original = app.store[name].bind(app.store) as (...a: unknown[]) => Promise<boolean>;
  return async (...args: unknown[]) => {
    const started = performance.now();
    try {
      return await original(...args);
    } finally {
      claimMs.push(performance.now() - started);
    }
  };
};
const store = Object.assign(Object.create(app.store) as Store, { claimDelivery: timed('claimDelivery'), takeOverDelivery: timed('takeOverDelivery') });

const telegram = createTelegramPlatform({ core: app.core, config, log });
const dispatcher = new Dispatcher({
  services: { ...app.services, store },
  messengers: [telegram.messenger],
  log,
  staleAfterMs: config.store.leaseMs,
  concurrency: Number(process.env.WORKER_CONCURRENCY ?? 16),
  pacerFor: app.shared ? sharedPacers(app.shared.pool, { telegram: config.telegram.token }) : undefined,
});
process.stdout.write(`${JSON.stringify({ ready: true, owner: app.shared?.owner ?? `sqlite:${process.pid}` })}\n`);

await new Promise<void>((resolve) => process.stdin.once('data', () => resolve()));
const total: Partial<Record<keyof TickReport, number>> = {};
let stopping = false;
process.once('SIGTERM', () => {
  stopping = true;
});
const tickMs = Number(process.env.WORKER_TICK_MS ?? 500);
while (!stopping) {
  const r = await dispatcher.tick();
  for (const [k, n] of Object.entries(r) as [keyof TickReport, number][]) total[k] = (total[k] ?? 0) + n;
  await new Promise((resolve) => setTimeout(resolve, tickMs));
}
await dispatcher.stop();
process.stdout.write(`${JSON.stringify({ done: true, claims: claimMs.length, claimP99Ms: round(percentile(claimMs, 99), 2), report: total })}\n`);
await app.close();
process.exit(0);
