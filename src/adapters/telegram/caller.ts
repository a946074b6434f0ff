import type { Api } from 'grammy';
import type { Chat, User } from 'grammy/types';
import type { Caller } from '../../core/command.js';
import { localeFromTag } from '../../core/i18n/locale.js';
import type { Logger } from '../../logger.js';

/** The part of a chat a Caller needs: private chats vs everything shared (group, supergroup). */
export type ChatRef = Pick<Chat, 'id' | 'type'>;

/** Where a message goes: a chat, and in a forum supergroup the topic (message_thread_id). */
export interface ChatAddress {
  chatId: number | string;
  threadId?: number;
}

/**
 * A chat as the core knows it (Caller.chatId, Subscription.chatId): the chat id, and for a forum
 * topic `<chat id>/<topic id>`, so a subscription made in a topic keeps sending there, and each
 * topic has its own subscription.
 */
export function chatKeyOf(chatId: number | string, threadId?: number): string {
  return threadId === undefined ? String(chatId) : `${chatId}/${threadId}`;
}

/** The inverse of chatKeyOf. */
export function addressOf(chatKey: string): ChatAddress {
  const m = /^(-?\d+)\/(\d+)$/.exec(chatKey);
  return m ? { chatId: m[1]!, threadId: Number(m[2]) } : { chatId: chatKey };
}

/**
 * Who is asking and where. In a private chat the user owns the chat; in a group the adapter
 * works out admin rights separately (it costs an API call), only for commands that need them.
 */
export function callerFrom(from: User, chat: ChatRef, threadId?: number): Caller {
  const own = chat.type === 'private';
  return {
    platform: 'telegram',
    userId: String(from.id),
    userName: from.username ?? from.first_name,
    chatId: chatKeyOf(chat.id, threadId),
    chatKind: own ? 'private' : 'group',
    localeHint: localeFromTag(from.language_code),
    canManageChat: own,
  };
}

/** Whether the user is the group's creator or one of its administrators. */
export async function isChatAdmin(api: Api, chatId: number, userId: number, log: Logger): Promise<boolean> {
  try {
    const member = await api.getChatMember(chatId, userId);
    return member.status === 'creator' || member.status === 'administrator';
  } catch (err) {
    // Not knowing means no: refusing an admin is recoverable, letting anyone manage the group is not.
    log.warn({ err, chat: chatId }, 'could not read chat member status');
    return false;
  }
}
