import type { Context } from 'grammy';
import type { Message } from 'grammy/types';
import type { BotCore } from '../../core/bot-core.js';
import { findCommand } from '../../core/registry.js';
import type { Logger } from '../../logger.js';
import { callerFrom, isChatAdmin } from './caller.js';
import { sendReply } from './send-reply.js';

/** `/name` or `/name@bot` at the start of a message. */
const COMMAND = /^\/([^\s@]+)(?:@(\S+))?/;

/**
 * A text message: commands (and, in a private chat, plain words to search) go to core.text,
 * which also understands `/cmd@botname`. In groups the bot answers only what is meant for it.
 */
export async function handleMessage(ctx: Context & { message: Message.TextMessage }, core: BotCore, log: Logger): Promise<void> {
  const msg = ctx.message;
  const text = msg.text;
  const group = msg.chat.type !== 'private';
  const m = COMMAND.exec(text);
  const addressedTo = m?.[2]?.toLowerCase();
  if (addressedTo && addressedTo !== ctx.me.username.toLowerCase()) return; // another bot's command
  const def = m ? findCommand(m[1]!) : undefined;
  // Group chatter, and unknown commands that may belong to another bot, are not ours to answer.
  if (group && (!m || (!def && !addressedTo))) return;
  if (!msg.from) return;

  // In a forum topic, the command, its answer and any subscription it makes belong to the topic.
  const threadId = topicOf(msg);
  const caller = callerFrom(msg.from, msg.chat, threadId);
  if (group && def?.manage) caller.canManageChat = await canManageGroup(ctx, msg, log);
  const reply = await core.text(caller, text);
  await sendReply(ctx.api, msg.chat.id, reply, {
    // Telegram has no ephemeral messages: a private answer in a group at least says whose it is.
    replyTo: group && reply.private ? msg.message_id : undefined,
    threadId,
    privateChat: msg.chat.type === 'private',
  });
}

async function canManageGroup(ctx: Context, msg: Message.TextMessage, log: Logger): Promise<boolean> {
  // An anonymous admin writes as the group itself; only admins can do that.
  if (msg.sender_chat?.id === msg.chat.id) return true;
  return msg.from ? isChatAdmin(ctx.api, msg.chat.id, msg.from.id, log) : false;
}

/** The forum topic a message was posted in; undefined in General and outside forums. */
export function topicOf(msg: Pick<Message, 'is_topic_message' | 'message_thread_id'>): number | undefined {
  return msg.is_topic_message ? msg.message_thread_id : undefined;
}
