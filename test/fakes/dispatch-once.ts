// A bot process that only dispatches: one tick of daily prompts over Telegram, then exit.
// The crash test runs it, kills it mid-wave with SIGKILL, and runs it again.
import { pino } from 'pino';
import { createApp } from '../../src/app.js';
import { createTelegramPlatform } from '../../src/adapters/telegram/telegram-platform.js';
import { loadConfig } from '../../src/config.js';
import { Dispatcher } from '../../src/schedule/dispatcher.js';

const config = loadConfig();
const log = pino({ level: 'silent' });
const app = createApp(config, log);
const telegram = createTelegramPlatform({ core: app.core, config, log });
const dispatcher = new Dispatcher({
  services: app.services,
  messengers: [telegram.messenger],
  log,
  staleAfterMs: Number(process.env.STALE_AFTER_MS ?? 120_000),
  concurrency: Number(process.env.CONCURRENCY ?? 16),
});
const report = await dispatcher.tick();
process.stdout.write(`${JSON.stringify(report)}\n`);
await app.close();
process.exit(0);
