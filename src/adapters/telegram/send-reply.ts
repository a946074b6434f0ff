import { InputFile, type Api } from 'grammy';
import type { InlineKeyboardMarkup, Message } from 'grammy/types';
import type { Reply } from '../../core/reply.js';
import { clip } from '../../core/text.js';
import { hasContent, renderHtml } from './render-html.js';

export interface SendPlace {
  /** Answer this message (a group member's command), so the reply is visibly theirs. */
  replyTo?: number;
  /** The forum topic the command came from: the answer belongs in the same topic. */
  threadId?: number;
  /** A private chat: link buttons may open as Mini Apps (Telegram refuses web_app buttons elsewhere). */
  privateChat?: boolean;
}

/** Telegram's limit on a photo's caption. */
const CAPTION_MAX = 1024;

/** Shared by sends and edits: HTML, and no link previews (lesson links would bury the text). */
export const HTML_OPTIONS = { parse_mode: 'HTML', link_preview_options: { is_disabled: true } } as const;

/** Renders a Reply and sends it as one message per part, the keyboard under the last one. */
export async function sendReply(api: Api, chatId: number | string, reply: Reply, place: SendPlace = {}): Promise<Message.TextMessage[]> {
  if (reply.picture) {
    // The picture goes first, the text with its buttons under it, as one would show a chart.
    await api.sendPhoto(chatId, new InputFile(Buffer.from(reply.picture.png), reply.picture.name), {
      caption: clip(reply.picture.alt, CAPTION_MAX),
      reply_parameters: place.replyTo ? { message_id: place.replyTo, allow_sending_without_reply: true } : undefined,
      message_thread_id: place.threadId,
    });
  }
  if (!hasContent({ ...reply, picture: undefined })) return [];
  const { parts, keyboard } = renderHtml(reply, undefined, { webApps: place.privateChat });
  return sendParts(api, chatId, parts, keyboard, place);
}

export async function sendParts(
  api: Api,
  chatId: number | string,
  parts: readonly string[],
  keyboard: InlineKeyboardMarkup | undefined,
  place: SendPlace = {},
): Promise<Message.TextMessage[]> {
  const sent: Message.TextMessage[] = [];
  for (const [i, text] of parts.entries()) {
    sent.push(
      await api.sendMessage(chatId, text, {
        ...HTML_OPTIONS,
        reply_markup: i === parts.length - 1 ? keyboard : undefined,
        reply_parameters: i === 0 && place.replyTo ? { message_id: place.replyTo, allow_sending_without_reply: true } : undefined,
        message_thread_id: place.threadId,
      }),
    );
  }
  return sent;
}
