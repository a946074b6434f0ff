// The real app (temp SQLite) and the real Telegram platform, wired to the emulator.
import { join } from 'node:path';
import { pino } from 'pino';
import { createTelegramPlatform, type TelegramPlatform } from '../../src/adapters/telegram/telegram-platform.js';
import { loadConfig } from '../../src/config.js';
import type { BotCore } from '../../src/core/bot-core.js';
import { makeApp, type TestApp } from '../helpers/app.js';
import { FakeTelegram, TEST_TOKEN } from './telegram-server.js';

export interface TelegramHarness {
  app: TestApp;
  fake: FakeTelegram;
  platform: TelegramPlatform;
  /** The platform's log, one JSON line each. */
  logLines: string[];
  /** Resolves when the platform has handled every update it accepted (webhook mode). */
  settled(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Starts emulator, app and platform; `env` adds settings (TELEGRAM_WEBHOOK_URL, ...); `core` stands
 * in for the app's (a slow one), `answerPressAfterMs` shortens how long a press waits for its answer.
 */
export async function startTelegramHarness(
  env: Record<string, string> = {},
  options: { core?: (app: TestApp) => BotCore; answerPressAfterMs?: number } = {},
): Promise<TelegramHarness> {
  const app = makeApp();
  const fake = await FakeTelegram.start();
  const config = loadConfig({ env: { TELEGRAM_TOKEN: TEST_TOKEN, TELEGRAM_API_ROOT: fake.apiRoot, ...env }, localFile: join(app.dir, 'none.yaml') });
  const logLines: string[] = [];
  const log = pino({ level: 'info' }, { write: (line: string) => void logLines.push(line) });
  const platform = createTelegramPlatform({ core: options.core?.(app) ?? app.core, config, log, ...(options.answerPressAfterMs !== undefined ? { answerPressAfterMs: options.answerPressAfterMs } : {}) });
  // Installed last, so it runs before the product's throttler and auto-retry.
  platform.bot.api.config.use(fake.transformer);
  fake.busy = () => platform.pending() > 0;
  await platform.start();
  return {
    app, fake, platform, logLines,
    settled: async () => {
      while (platform.pending() > 0) await new Promise((r) => setTimeout(r, 5));
    },
    stop: async () => {
      await platform.stop();
      await fake.stop();
      await app.dispose();
      // A call Telegram would have refused is a defect even when the test's own checks passed.
      if (fake.refused.length) {
        throw new Error(`Telegram would refuse ${fake.refused.length} call(s):\n${fake.refused.map((r) => `${r.method}: ${r.description}\n  ${JSON.stringify(r.payload).slice(0, 300)}`).join('\n')}`);
      }
    },
  };
}
