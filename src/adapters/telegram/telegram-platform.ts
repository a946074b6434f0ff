import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { run, type RunnerHandle } from '@grammyjs/runner';
import type { Bot } from 'grammy';
import type { Update } from 'grammy/types';
import type { BotCore } from '../../core/bot-core.js';
import type { Config } from '../../config.js';
import type { Logger } from '../../logger.js';
import type { Platform } from '../../platform.js';
import { setCommands } from './set-commands.js';
import { moveChat } from './migrate-chat.js';
import { createTelegramBot } from './telegram-bot.js';
import { TelegramMessenger } from './telegram-messenger.js';
import { UpdateQueue } from './update-queue.js';

/** Telegram's update is small; anything much bigger is not from Telegram. */
const BODY_MAX = 1 << 20;
/**
 * How long stop() lets updates being handled finish. A busy group's replies wait out Telegram's
 * 20 a minute per group; a shutdown does not wait for all of them (main exits after 10 s).
 */
const STOP_GRACE_MS = 5000;

export interface TelegramPlatformDeps {
  core: BotCore;
  config: Config;
  log: Logger;
  /** See TelegramBotDeps.answerPressAfterMs (tests shorten it). */
  answerPressAfterMs?: number;
}

/** The Telegram platform; `bot` is exposed for tests and diagnostics (install transformers before start). */
export interface TelegramPlatform extends Platform {
  readonly bot: Bot;
  /** Updates accepted and not yet fully handled (tests wait for 0; a diagnostic otherwise). */
  pending(): number;
}

/** Telegram over long polling, or over a webhook when config.telegram.webhook.url is set. */
export function createTelegramPlatform({ core, config, log: parentLog, answerPressAfterMs }: TelegramPlatformDeps): TelegramPlatform {
  const log = parentLog.child({ platform: 'telegram' });
  const bot = createTelegramBot({ core, config, log, ...(answerPressAfterMs !== undefined ? { answerPressAfterMs } : {}) });
  const store = core.services.store;
  const messenger = new TelegramMessenger(bot.api, config.telegram.maxPerSecond, (from, to) => moveChat(store, from, to, log));
  const hook = config.telegram.webhook;
  let runner: RunnerHandle | undefined;
  let server: Server | undefined;
  let queue: UpdateQueue | undefined;

  async function startPolling(): Promise<void> {
    // bot.start() would delete a webhook first; the runner does not, and getUpdates refuses
    // to run while one is set. Pending updates stay: they are the learners' messages.
    await bot.api.deleteWebhook();
    // Updates of different chats are handled at once (sequentialize in the bot keeps each
    // chat's order): one busy group no longer holds up everyone else.
    const handle = run(bot, { runner: { fetch: { timeout: 30 } } });
    runner = handle;
    handle.task()?.catch((err: unknown) => log.error({ err }, 'telegram polling stopped'));
    log.info({ bot: bot.botInfo.username }, 'telegram long polling started');
  }

  async function startWebhook(): Promise<void> {
    // Without a configured secret, a fresh one per start still lets us refuse forged updates:
    // setWebhook hands it to Telegram each time.
    const secret = Buffer.from(hook.secret || randomBytes(24).toString('hex'));
    const source = `telegram:${bot.botInfo.id}`;
    const updates = new UpdateQueue({
      handle: (update) => bot.handleUpdate(update),
      firstSeen: (id, at) => store.recordUpdate(source, id, at),
      prune: (olderThan) => store.pruneUpdates(olderThan),
      log,
    });
    queue = updates;
    const srv = createServer((req, res) => {
      const path = new URL(req.url ?? '/', 'http://localhost').pathname;
      if (req.method !== 'POST' || path !== hook.path) {
        res.statusCode = 404;
        res.end();
        return;
      }
      const given = Buffer.from(String(req.headers['x-telegram-bot-api-secret-token'] ?? ''));
      if (given.length !== secret.length || !timingSafeEqual(given, secret)) {
        res.statusCode = 401;
        res.end();
        return;
      }
      readUpdate(req).then(
        (update) => {
          // Acknowledged before it is handled: Telegram waits for nothing and redelivers nothing.
          res.end();
          updates.push(update);
        },
        (err: unknown) => {
          log.warn({ err }, 'telegram webhook request refused');
          res.statusCode = 400;
          res.end();
        },
      );
    });
    await new Promise<void>((resolve, reject) => {
      srv.once('error', reject);
      srv.listen(hook.port, () => resolve());
    });
    server = srv;
    const url = hook.url.replace(/\/+$/, '') + hook.path;
    try {
      await bot.api.setWebhook(url, { secret_token: secret.toString() });
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
    pending: () => (queue ? queue.size : (runner?.size() ?? 0)),
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
      let done: Promise<void> | undefined;
      if (server) {
        // The webhook stays registered on purpose: Telegram keeps updates for the next start.
        await closeServer();
        done = queue?.drain();
      } else if (runner?.isRunning()) {
        // Stops polling at once; resolves once the updates being handled are done.
        done = runner.stop();
      }
      if (done && !(await finishes(done, STOP_GRACE_MS))) {
        log.warn({ pending: this.pending() }, 'telegram stopped with updates still being handled');
      }
    },
    connected() {
      return server ? server.listening : Boolean(runner?.isRunning());
    },
  };
}

/** The update in a webhook request's body. */
async function readUpdate(req: IncomingMessage): Promise<Update> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > BODY_MAX) throw new Error('webhook body too large');
    chunks.push(chunk as Buffer);
  }
  const update = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Update;
  if (!Number.isSafeInteger(update?.update_id)) throw new Error('webhook body is not an update');
  return update;
}

/** Whether `work` settles within `ms`. */
async function finishes(work: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), ms);
  });
  try {
    return await Promise.race([work.then(() => true, () => true), late]);
  } finally {
    clearTimeout(timer);
  }
}
