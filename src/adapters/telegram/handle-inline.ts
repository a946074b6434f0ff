import type { Context } from 'grammy';
import type { InlineQuery, InlineQueryResultArticle } from 'grammy/types';
import type { BotCore } from '../../core/bot-core.js';
import { plainInline } from '../../core/inline.js';
import { clip } from '../../core/text.js';
import { callerFrom } from './caller.js';
import { renderHtml } from './render-html.js';
import { HTML_OPTIONS } from './send-reply.js';

/**
 * Inline mode (`@bot vxlan` in any chat): lessons as articles the user can share. The shared
 * message belongs to the chat it lands in, so it carries no study buttons.
 */
export async function handleInline(ctx: Context & { inlineQuery: InlineQuery }, core: BotCore): Promise<void> {
  const q = ctx.inlineQuery;
  const caller = {
    ...callerFrom(q.from, { id: q.from.id, type: 'private' }),
    chatKind: q.chat_type === 'group' || q.chat_type === 'supergroup' ? ('group' as const) : ('private' as const),
    canManageChat: false,
  };
  const lessons = await core.shareable(caller, q.query, 10);
  const results = lessons.flatMap(({ id, title, description, reply }): InlineQueryResultArticle[] => {
    // A message holds 4096 characters: a lesson's opening view fits; if not, its first part is shared.
    const text = renderHtml(reply).parts[0];
    if (!text) return [];
    return [{
      type: 'article',
      id: `lesson-${id}`,
      title,
      description: clip(plainInline(description), 200),
      input_message_content: { message_text: text, ...HTML_OPTIONS },
    }];
  });
  // Every answer is the asker's own: in their language, and with an empty query their current
  // lesson. Telegram must not hand it to someone else who types the same.
  await ctx.answerInlineQuery(results, { cache_time: 60, is_personal: true });
}
