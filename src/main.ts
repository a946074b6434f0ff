// Start-up: config -> logger -> app (lessons, index, store, core) -> platforms -> scheduler -> health
// and metrics port; clean shutdown in the reverse order.
import { dirname, resolve } from 'node:path';
import { loadConfigOrExit } from './config.js';
import { createLogger, type Logger } from './logger.js';
import { createApp, type App } from './app.js';
import { ConsoleAdapter } from './adapters/console/console-adapter.js';
import type { Platform } from './platform.js';
import { Dispatcher } from './schedule/dispatcher.js';
import { startScheduler, type Scheduler } from './schedule/scheduler.js';
import type { OpsServer } from './ops/http-server.js';
import { LeaseHeldError, SqliteProcessLease } from './store/sqlite-lease.js';
import { StoreUnusableError } from './store/open-store.js';
import { startDeliveryPruner } from './store/prune-deliveries.js';

// `npm start < script | head`: once the reader has gone, stop quietly rather than with an EPIPE trace.
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code === 'EPIPE') process.exit(0);
  throw err;
});

async function main(): Promise<void> {
  const config = loadConfigOrExit();
  const secrets = [config.telegram.token, config.discord.token, config.telegram.webhook.secret].filter((s): s is string => Boolean(s));
  const chatOnly = !config.telegram.token && !config.discord.token;
  const log = createLogger({
    // In the terminal chat, logs would interleave with the conversation: only warnings, unless asked.
    level: chatOnly && !process.env.LOG_LEVEL ? 'warn' : config.log.level,
    pretty: process.stderr.isTTY,
    secrets,
  });
  const running: { scheduler?: Scheduler; dispatcher?: Dispatcher; ops?: OpsServer } = {};
  // Health and metrics only when the operator opened the port (and never in the terminal chat).
  // Platform libraries and prom-client are loaded only when used: discord.js alone is about 35 MB
  // of resident memory that a Telegram-only bot does not need.
  const ops = config.http.port > 0 && !chatOnly ? await import('./ops/metrics.js') : undefined;
  const metrics = ops?.createMetrics({ subscribers: () => ops.countSubscribers(app.store), lastTickAt: () => running.dispatcher?.lastTickAt });
  const refuse = async (err: unknown, opened?: App): Promise<never> => {
    process.stderr.write(`slowfast: the database cannot be used: ${(err as Error).message}\n`);
    await opened?.close().catch(() => {});
    process.exit(2);
  };
  let app: App;
  try {
    app = createApp(config, log, undefined, undefined, metrics?.observer);
  } catch (err) {
    // A file that is not a database (or is damaged) stops the start with one line, exit code 2.
    if (!(err instanceof StoreUnusableError)) throw err;
    return refuse(err);
  }
  // PostgreSQL connects and migrates here; a bad URL, a newer schema or damaged SQLite tables stop the start with one line.
  try {
    await app.ready;
  } catch (err) {
    await refuse(err, app);
  }
  log.info({ store: app.storeInfo().kind }, 'store ready');
  // Two bot processes on one SQLite file would both send every prompt: the second refuses to start.
  let lease: SqliteProcessLease | undefined;
  if (!chatOnly && app.storeInfo().kind === 'sqlite') {
    try {
      lease = SqliteProcessLease.acquire(config.store.path, {
        ttlMs: config.store.sqliteLeaseMs,
        onLost: () => {
          log.error('another process took over the SQLite lease (this one stalled past it); stopping');
          void shutdown('lease lost');
        },
      });
    } catch (err) {
      if (!(err instanceof LeaseHeldError)) throw err;
      process.stderr.write(`slowfast: ${err.message}\n`);
      await app.close().catch(() => {});
      process.exit(2);
    }
  }
  const platforms: Platform[] = [];
  if (config.telegram.token) {
    const { createTelegramPlatform } = await import('./adapters/telegram/telegram-platform.js');
    const { pollOnlyWhile } = await import('./adapters/telegram/poll-guard.js');
    const telegram = createTelegramPlatform({ core: app.core, config, log });
    // Several processes on PostgreSQL: one long-polls, the others stand by (a webhook needs no lease).
    if (app.shared && !config.telegram.webhook.url) {
      const { budgetKey } = await import('./store/postgres/pg-rate-budget.js');
      const { PgPollerLease, pollWithLease } = await import('./store/postgres/pg-poller-lease.js');
      const lease = new PgPollerLease(app.shared.pool, budgetKey('telegram', config.telegram.token), app.shared.owner);
      const poller = pollWithLease(telegram, lease, (other) => log.warn(
        { poller: other.owner, seenAgoMs: other.seenAgoMs },
        'another process is long polling this Telegram bot on this database: this one sends daily prompts but does not poll, and takes polling over if the other stops. Set TELEGRAM_WEBHOOK_URL to have every process receive updates',
      ), (err) => log.error({ err }, 'telegram poller lease failed'));
      telegram.bot.api.config.use(pollOnlyWhile(() => poller.mayPoll()));
      platforms.push(poller);
    } else {
      platforms.push(telegram);
    }
  }
  if (config.discord.token) {
    const { createDiscordPlatform } = await import('./adapters/discord/discord-platform.js');
    const onRateLimit = metrics && ((e: { kind: '429' | 'bucket'; retryAfterMs: number }) => metrics.onRateLimit('discord', e.kind, e.retryAfterMs));
    platforms.push(createDiscordPlatform({ core: app.core, config, log, ...(onRateLimit ? { onRateLimit } : {}) }));
  }
  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'shutting down');
    // The dispatcher gives up on hung sends after schedule.stopTimeoutMs; this is for anything else that hangs.
    const timer = setTimeout(() => {
      log.error('shutdown took too long; exiting');
      process.exit(1);
    }, config.schedule.stopTimeoutMs + 10_000);
    timer.unref();
    // The health port goes first (an orchestrator should stop routing here), then the tick, letting
    // in-flight sends finish before the platforms and the store close.
    await running.ops?.close();
    await running.scheduler?.stop();
    await Promise.allSettled(platforms.map((p) => p.stop()));
    await app.close();
    lease?.release();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));

  if (chatOnly) {
    await runConsole(app, log);
    await app.close();
    return;
  }
  for (const p of platforms) {
    await p.start();
    log.info({ platform: p.name }, 'platform started');
    // A signal during start-up: shutdown() owns the rest; starting more would race it.
    if (stopping) return;
  }
  if (app.shared && metrics) app.shared.observer = metrics.shared;
  const sharedPacers = app.shared && (await import('./store/postgres/pg-rate-budget.js')).sharedPacers;
  const dispatcher = new Dispatcher({
    services: app.services,
    messengers: platforms.map((p) => p.messenger),
    log: log.child({ component: 'dispatcher' }),
    staleAfterMs: config.store.leaseMs,
    stopTimeoutMs: config.schedule.stopTimeoutMs,
    // On PostgreSQL every process of a bot shares one rate budget per token (README, "Several processes").
    pacerFor: app.shared && sharedPacers
      ? sharedPacers(app.shared.pool, { telegram: config.telegram.token, discord: config.discord.token }, metrics?.shared.budgetWaited)
      : undefined,
    onOutcome: metrics?.onOutcome,
  });
  running.dispatcher = dispatcher;
  running.scheduler = startScheduler(dispatcher, log.child({ component: 'scheduler' }), { clock: app.services.clock });
  // Timers unref'd: the pruner never keeps the process up.
  startDeliveryPruner(app.store, { afterDays: config.schedule.pruneAfterDays, log: log.child({ component: 'pruner' }) });
  if (metrics) {
    const { startOpsServer } = await import('./ops/http-server.js');
    const { createWebHandler } = await import('./web/web-routes.js');
    const { diskSpaceCheck } = await import('./ops/disk-space.js');
    running.ops = await startOpsServer({
      // The lesson pages and /roadmap (issue 18), reached from outside at web.publicUrl.
      web: createWebHandler({ core: app.core, linkSecret: config.web.linkSecret, telegramToken: config.telegram.token }),
      host: config.http.host,
      port: config.http.port,
      health: {
        store: app.store, platforms, lastTickAt: () => dispatcher.lastTickAt, storeInfo: app.storeInfo,
        // PostgreSQL's disk is its server's, watched there; the SQLite file's is this machine's.
        ...(app.storeInfo().kind === 'sqlite' ? { diskSpace: diskSpaceCheck(dirname(resolve(config.store.path)), config.http.minFreeMb) } : {}),
      },
      metrics,
      log: log.child({ component: 'http' }),
    });
    // Closed here too in case a signal arrived while it was binding.
    if (stopping) await running.ops.close();
  }
}

async function runConsole(app: App, log: Logger): Promise<void> {
  const interactive = Boolean(process.stdin.isTTY);
  const chat = new ConsoleAdapter(app.core, { interactive });
  // An open terminal chat runs the same scheduler as the bots, so /subscribe's prompts appear
  // here at the hour. Piped input is a script: its output holds only the answers to its lines.
  let scheduler: Scheduler | undefined;
  if (interactive) {
    const dispatcher = new Dispatcher({ services: app.services, messengers: [chat.messenger], log: log.child({ component: 'dispatcher' }) });
    scheduler = startScheduler(dispatcher, log.child({ component: 'scheduler' }));
  }
  await chat.run();
  await scheduler?.stop();
}

main().catch((err: unknown) => {
  process.stderr.write(`slowfast failed to start: ${(err as Error)?.stack ?? String(err)}\n`);
  process.exit(1);
});
