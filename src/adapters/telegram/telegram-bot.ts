import { autoRetry } from '@grammyjs/auto-retry';
import { sequentialize } from '@grammyjs/runner';
import { apiThrottler } from '@grammyjs/transformer-throttler';
import { Bot, type BotError, type Context } from 'grammy';
import type { BotCore } from '../../core/bot-core.js';
import { localeFromTag } from '../../core/i18n/locale.js';
import { translator } from '../../core/i18n/strings.js';
import type { Config } from '../../config.js';
import type { Logger } from '../../logger.js';
import { answerPress, answerPressesInTime, DEFAULT_ANSWER_PRESS_AFTER_MS } from './answer-press.js';
import { handleInline } from './handle-inline.js';
import { handleMessage } from './handle-message.js';
import { handlePress } from './handle-press.js';
import { moveChat } from './migrate-chat.js';
import { unlessPrompt } from './prompt-sends.js';

export interface TelegramBotDeps {
  core: BotCore;
  config: Config;
  /** The adapter's logger; each update gets a child with its ids. */
  log: Logger;
  /** How long a button press waits for its own answer before it is answered empty (DEFAULT_ANSWER_PRESS_AFTER_MS). */
  answerPressAfterMs?: number;
}

/**
 * The grammY bot: API plugins, then the three kinds of update the adapter serves. It is not
 * started here; the platform chooses long polling or a webhook; both hand it updates concurrently.
 */
export function createTelegramBot({ core, config, log, answerPressAfterMs = DEFAULT_ANSWER_PRESS_AFTER_MS }: TelegramBotDeps): Bot {
  const { token, apiRoot } = config.telegram;
  if (!token) throw new Error('Telegram needs TELEGRAM_TOKEN');
  // grammY refuses an apiRoot with a trailing slash; a URL copied from a browser often has one.
  const bot = new Bot(token, { client: { apiRoot: apiRoot?.replace(/\/+$/, '') } });

  // Transformers installed later wrap earlier ones: a 429 retried by auto-retry queues again in
  // the throttler; a daily prompt's 429 goes back to the dispatcher (prompt-sends.ts). Network
  // errors are not retried here: the daily-prompt dispatcher owns that (a send classified
  // transient), and a chat reply that fails is logged and apologised for.
  // Evenly spaced under the overall limit (minTime), rather than Telegram's default bursts of 30
  // at each second's start, which a sliding-window limit answers with 429s.
  // On PostgreSQL the shared rate budget paces prompts (and records when each went): a throttler
  // slot on top would send one later than recorded. Alone, the in-memory Pacer and this share it.
  const perSecond = config.telegram.maxPerSecond;
  bot.api.config.use(unlessPrompt(apiThrottler({ global: { reservoir: perSecond, reservoirRefreshAmount: perSecond, reservoirRefreshInterval: 1000, minTime: Math.ceil(1000 / perSecond), maxConcurrent: 25 } }), Boolean(config.store.url)));
  bot.api.config.use(unlessPrompt(autoRetry({ maxRetryAttempts: 3, maxDelaySeconds: 60, rethrowHttpErrors: true })));

  // Before the per-chat queue: a press waiting behind a busy chat is answered in time all the same.
  bot.use(answerPressesInTime(answerPressAfterMs, log));
  // Updates run concurrently, but one chat's in order: a busy group (whose replies the throttler
  // spaces a second apart) waits only for itself, never a private /help behind it.
  bot.use(sequentialize(chatKey));

  const onError = (err: BotError<Context>) => apologize(err, config, log);
  // errorBoundary also covers webhook mode, where bot.catch is not used by grammY.
  const served = bot.errorBoundary(onError);
  served.on('message:text', (ctx) => handleMessage(ctx, core, updateLog(log, ctx)));
  served.on('callback_query:data', (ctx) => handlePress(ctx, core, updateLog(log, ctx)));
  served.on('inline_query', (ctx) => handleInline(ctx, core));
  // A group upgraded to a supergroup: the old group gets migrate_to_chat_id, the new one migrate_from_chat_id.
  served.on('message:migrate_to_chat_id', (ctx) => moveChat(core.services.store, String(ctx.chat.id), String(ctx.message.migrate_to_chat_id), log));
  served.on('message:migrate_from_chat_id', (ctx) => moveChat(core.services.store, String(ctx.message.migrate_from_chat_id), String(ctx.chat.id), log));
  bot.catch(onError);
  return bot;
}

/** The chat an update belongs to (a press: its message's chat); inline queries: their sender. */
function chatKey(ctx: Context): string | undefined {
  return ctx.chat?.id.toString() ?? ctx.from?.id.toString();
}

function updateLog(log: Logger, ctx: Context): Logger {
  return log.child({ update: ctx.update.update_id, chat: ctx.chat?.id });
}

/** A bug never kills the bot: the details go to the log, the user gets a short apology. */
async function apologize(err: BotError<Context>, config: Config, log: Logger): Promise<void> {
  const ctx = err.ctx;
  log.error({ err: err.error, update: ctx.update.update_id, chat: ctx.chat?.id }, 'telegram update failed');
  const sorry = translator(localeFromTag(ctx.from?.language_code) ?? config.locale)('err.internal');
  try {
    if (ctx.callbackQuery) {
      // The query may already be answered (the failure came later): then say it in the chat.
      if (await answerPress(ctx, { text: sorry, show_alert: true }, log)) return;
    }
    if (ctx.chat) await ctx.api.sendMessage(ctx.chat.id, sorry);
  } catch (again) {
    // Often the same cause (bot blocked, network down): nothing more to do than say so.
    log.warn({ err: again, chat: ctx.chat?.id }, 'could not apologize');
  }
}
