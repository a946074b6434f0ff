import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { webhookCallback, type Bot } from 'grammy';
import type { BotCore } from '../../core/bot-core.js';
import type { Config } from '../../config.js';
import type { Logger } from '../../logger.js';
import type { Platform } from '../../platform.js';
import { setCommands } from './set-commands.js';
import { createTelegramBot } from './telegram-bot.js';
import { TelegramMessenger } from './telegram-messenger.js';

export interface TelegramPlatformDeps {
  core: BotCore;
  config: Config;
  log: Logger;
}

/** The Telegram platform; `bot` is exposed for tests and diagnostics (install transformers before start). */
export interface TelegramPlatform extends Platform {
  readonly bot: Bot;
}

/** Telegram over long polling, or over a webhook when config.telegram.webhook.url is set. */
export function createTelegramPlatform({ core, config, log: parentLog }: TelegramPlatformDeps): TelegramPlatform {
  const log = parentLog.child({ platform: 'telegram' });
  const bot = createTelegramBot({ core, config, log });
  const messenger = new TelegramMessenger(bot.api, config.telegram.maxPerSecond);
  const hook = config.telegram.webhook;
  let polling: Promise<void> | undefined;
  let pollingLive = false;
  let server: Server | undefined;

  async function startPolling(): Promise<void> {
    await new Promise<void>((resolve, reject) => {
      let started = false;
      // bot.start() resolves only when polling ends: keep it, resolve start() once polling begins.
      polling = bot
        .start({
          onStart: (me) => {
            started = pollingLive = true;
            log.info({ bot: me.username }, 'telegram long polling started');
            resolve();
          },
        })
        .catch((err: unknown) => {
          if (!started) return reject(err);
          // Polling gave up (token revoked, another instance polling): connected() tells the health check.
          log.error({ err }, 'telegram polling stopped');
        })
        .finally(() => {
          pollingLive = false;
        });
    });
  }

  async function startWebhook(): Promise<void> {
    // Without a configured secret, a fresh one per start still lets us refuse forged updates:
    // setWebhook hands it to Telegram each time.
    const secret = hook.secret || randomBytes(24).toString('hex');
    const handle = webhookCallback(bot, 'http', { secretToken: secret });
    const srv = createServer((req, res) => {
      const path = new URL(req.url ?? '/', 'http://localhost').pathname;
      if (req.method !== 'POST' || path !== hook.path) {
        res.statusCode = 404;
        res.end();
        return;
      }
      handle(req, res).catch((err: unknown) => {
        log.error({ err }, 'telegram webhook request failed');
        if (!res.headersSent) res.statusCode = 500;
        res.end();
      });
    });
    await new Promise<void>((resolve, reject) => {
      srv.once('error', reject);
      srv.listen(hook.port, () => resolve());
    });
    server = srv;
    const url = hook.url.replace(/\/+$/, '') + hook.path;
    try {
      await bot.api.setWebhook(url, { secret_token: secret });
    } catch (err) {
      await closeServer();
      throw err;
    }
    log.info({ port: hook.port, path: hook.path }, 'telegram webhook listening');
  }

  async function closeServer(): Promise<void> {
    const srv = server;
    server = undefined;
    if (!srv) return;
    await new Promise<void>((resolve) => {
      // Requests in flight finish; idle keep-alive connections would hold close() open.
      srv.close(() => resolve());
      srv.closeIdleConnections();
    });
  }

  return {
    name: 'telegram',
    bot,
    messenger,
    async start() {
      await bot.init();
      try {
        await setCommands(bot.api, config.locale);
      } catch (err) {
        // The menu is a convenience: typed commands work without it.
        log.warn({ err }, 'could not set the telegram command menu');
      }
      if (hook.url) await startWebhook();
      else await startPolling();
    },
    async stop() {
      if (server) return closeServer();
      // The webhook stays registered on purpose: Telegram keeps updates for the next start.
      await bot.stop();
      await polling;
    },
    connected() {
      return server ? server.listening : pollingLive;
    },
  };
}
