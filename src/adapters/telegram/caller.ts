import type { Api } from 'grammy';
import type { Chat, User } from 'grammy/types';
import type { Caller } from '../../core/command.js';
import { localeFromTag } from '../../core/i18n/locale.js';
import type { Logger } from '../../logger.js';

/** The part of a chat a Caller needs: private chats vs everything shared (group, supergroup). */
export type ChatRef = Pick<Chat, 'id' | 'type'>;

/**
 * Who is asking and where. In a private chat the user owns the chat; in a group the adapter
 * works out admin rights separately (it costs an API call), only for commands that need them.
 */
export function callerFrom(from: User, chat: ChatRef): Caller {
  const own = chat.type === 'private';
  return {
    platform: 'telegram',
    userId: String(from.id),
    userName: from.username ?? from.first_name,
    chatId: String(chat.id),
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
