import { GrammyError, type Context } from 'grammy';
import type { CallbackQuery } from 'grammy/types';
import type { BotCore } from '../../core/bot-core.js';
import { plainInline } from '../../core/inline.js';
import type { Reply } from '../../core/reply.js';
import type { Logger } from '../../logger.js';
import { answerPress } from './answer-press.js';
import { callerFrom } from './caller.js';
import { hasContent, renderHtml } from './render-html.js';
import { topicOf } from './handle-message.js';
import { HTML_OPTIONS, sendParts, sendReply } from './send-reply.js';

/** Telegram's limit on a callback answer's text. */
const ALERT_MAX = 200;

/**
 * A button press: the core answers for the presser; the query is always answered (or the button
 * spins), and a reply that replaces its message edits it in place instead of adding a new one.
 * A slow press was already answered empty (answerPressesInTime); its reply then comes as a message.
 */
export async function handlePress(ctx: Context & { callbackQuery: CallbackQuery & { data: string } }, core: BotCore, log: Logger): Promise<void> {
  const query = ctx.callbackQuery;
  const message = query.message;
  // A button on a message shared through inline mode has no chat we can see: act as in private.
  const chat = message?.chat ?? { id: query.from.id, type: 'private' as const };
  const group = chat.type !== 'private';
  // A button under a message in a forum topic acts, and answers, in that topic.
  const threadId = message && 'is_topic_message' in message ? topicOf(message) : undefined;
  const reply = await core.press(callerFrom(query.from, chat, threadId), query.data);

  // In a group, a short private answer fits an alert: the one thing only the presser sees.
  const alert = group && reply.private ? alertText(reply) : undefined;
  const alerted = await answerPress(ctx, alert ? { text: alert, show_alert: true } : { text: reply.toast }, log);
  // An alert that could not be shown (the press was answered already, or expired) is said in the chat.
  if (alerted && alert) return;
  if (!hasContent(reply)) return;
  if (reply.replace && (message || query.inline_message_id) && (await editInPlace(ctx, reply, threadId, log))) return;
  if (!message) return;
  await sendReply(ctx.api, chat.id, reply, { replyTo: group && reply.private ? message.message_id : undefined, threadId, privateChat: chat.type === 'private' });
}

/** Replaces the pressed message; false when Telegram would not, so the caller sends it anew. */
async function editInPlace(ctx: Context, reply: Reply, threadId: number | undefined, log: Logger): Promise<boolean> {
  const { parts, keyboard } = renderHtml(reply);
  const [first, ...rest] = parts;
  if (first === undefined) return false;
  try {
    // An empty keyboard says plainly that the old buttons go (they move to the last part).
    await ctx.editMessageText(first, { ...HTML_OPTIONS, reply_markup: (!rest.length && keyboard) || { inline_keyboard: [] } });
  } catch (err) {
    // Pressing the button of what is already shown changes nothing: a copy would be noise.
    if (err instanceof GrammyError && /message is not modified/i.test(err.description)) return true;
    log.info({ err }, 'could not edit the message; sending a new one');
    return false;
  }
  // The rest of a reply too long for one message follows the edited one.
  const chatId = ctx.chat?.id;
  if (rest.length && chatId !== undefined) await sendParts(ctx.api, chatId, rest, keyboard, { threadId });
  return true;
}

function alertText(reply: Reply): string | undefined {
  if (reply.buttons.some((row) => row.length)) return undefined;
  const text = [reply.title ?? '', ...reply.blocks.map((b) => (b.kind === 'list' ? b.items.join('\n') : b.text))]
    .map((t) => plainInline(t).trim())
    .filter(Boolean)
    .join('\n');
  return text && text.length <= ALERT_MAX ? text : undefined;
}
