// npm run bench:dispatch: N due subscriptions (default 10,000) sent through the real Telegram
// messenger (grammY) against a local Bot API that answers at once but allows 30 messages a second
// and answers 429 with retry_after beyond that. The Bot API runs in its own process, so the CPU
// time measured here is the bot's own: dispatcher, store, composer, grammY.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { createInterface } from 'node:readline';
import { pino } from 'pino';
import { createApp } from '../src/app.js';
import { createTelegramPlatform } from '../src/adapters/telegram/telegram-platform.js';
import { loadConfig } from '../src/config.js';
import { Dispatcher } from '../src/schedule/dispatcher.js';
import { round } from './stats.js';

// --store postgres --processes N [--subs N]: the multi-process wave instead (bench/multi-process.ts).
if (process.argv.some((a) => a === '--store' || a === '--processes')) {
  const { main } = await import('./multi-process-bench.js');
  await main(process.argv.slice(2));
  process.exit(0);
}

const count = Number(process.env.DISPATCH_COUNT ?? 10_000);
// DISPATCH_SECONDS=N stops the wave after N s (100,000 prompts at 30/s take an hour): the selection
// and the first sends are measured, and lost/duplicates count only what was due by then.
const stopAfterS = Number(process.env.DISPATCH_SECONDS ?? 0);
const limit = 30;
const dir = mkdtempSync(join(tmpdir(), 'slowfast-dispatch-'));
const server = spawn(process.execPath, ['--import', 'tsx', 'bench/fake-bot-api.ts', String(limit)], { stdio: ['ignore', 'pipe', 'inherit'] });
const url = await new Promise<string>((resolve) => createInterface({ input: server.stdout! }).once('line', resolve));
try {
  const config = loadConfig({ env: { ...process.env, SLOWFAST_DB: join(dir, 'db.sqlite'), SLOWFAST_INDEX_CACHE: join(dir, 'index.json'), TELEGRAM_TOKEN: '123456:bench-token', TELEGRAM_API_ROOT: url, TELEGRAM_MAX_PER_SECOND: String(limit) } });
  const log = pino({ level: process.env.LOG_LEVEL ?? 'error' });
  const app = createApp(config, log);
  process.stderr.write(`preparing ${count} subscriptions...\n`);
  for (let i = 0; i < count; i++) {
    await app.store.saveSubscription({ platform: 'telegram', chatId: String(100_000 + i), kind: 'personal', learnerId: `telegram:${100_000 + i}`, time: '00:00', timezone: 'UTC', locale: i % 2 ? 'zh' : 'en', status: 'active', everyDays: 1 });
  }
  const telegram = createTelegramPlatform({ core: app.core, config, log });
  const dispatcher = new Dispatcher({ services: app.services, messengers: [telegram.messenger], log });
  process.stderr.write(`dispatching (about ${Math.round(count / limit)} s at ${limit} messages/s)...\n`);
  // The longest event-loop stall during the wave: what a Discord interaction (3 s deadline) or a
  // /healthz probe arriving meanwhile would wait.
  const stalls = monitorEventLoopDelay({ resolution: 10 });
  stalls.enable();
  const cpu = process.cpuUsage();
  const started = performance.now();
  const wave = dispatcher.tick();
  const report = stopAfterS > 0
    ? await Promise.race([wave, new Promise<undefined>((r) => setTimeout(r, stopAfterS * 1000))]).then(async (done) => done ?? (await dispatcher.stop(), undefined))
    : await wave;
  const seconds = (performance.now() - started) / 1000;
  stalls.disable();
  const used = process.cpuUsage(cpu);
  const stats = (await (await fetch(`${url}/bot123456:bench-token/__stats`)).json()) as { messages: number; chats: number; tooManyRequests: number; first: number; last: number };
  const rate = stats.messages / ((stats.last - stats.first) / 1000 || 1);
  const figures = {
    subscriptions: count,
    limitPerSecond: limit,
    seconds: round(seconds, 1),
    messagesPerSecond: round(rate, 2),
    rateOfLimit: round(rate / limit, 3),
    partial: report === undefined ? `stopped after ${stopAfterS} s` : false,
    longestStallMs: round(stalls.max / 1e6, 1),
    stallP99Ms: round(stalls.percentile(99) / 1e6, 1),
    lost: report === undefined ? null : count - stats.chats,
    duplicates: stats.messages - stats.chats,
    tooManyRequests: stats.tooManyRequests,
    cpuMsPerMessage: round((used.user + used.system) / 1000 / Math.max(1, stats.messages), 3),
    report,
    goals: { longestStallMs: { goal: 50, met: stalls.max / 1e6 <= 50 }, rateOfLimit: { goal: 0.95, met: rate / limit >= 0.95 }, lost: { goal: 0, met: count === stats.chats }, duplicates: { goal: 0, met: stats.messages === stats.chats } },
  };
  process.stdout.write(`${JSON.stringify(figures, null, 2)}\n`);
  await app.close();
} finally {
  server.kill();
  rmSync(dir, { recursive: true, force: true });
}
process.exit(0);
