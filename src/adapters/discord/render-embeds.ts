import type { APIEmbed } from 'discord.js';
import { plainInline } from '../../core/inline.js';
import type { Reply } from '../../core/reply.js';
import { blockMarkdown } from './discord-markdown.js';
import { renderButtons, type ButtonRow } from './render-buttons.js';

/** Discord's embed limits, per embed and per message. */
export const EMBED_LIMITS = { title: 256, description: 4096, embedsPerMessage: 10, totalPerMessage: 6000 } as const;

/** One Discord message: what a channel post, an interaction reply or a follow-up carries. */
export interface DiscordMessage {
  embeds: APIEmbed[];
  components: ButtonRow[];
  /** The reply's picture, on the first message only, shown in its first embed. */
  files?: { attachment: Buffer; name: string; description: string }[];
}

const COLOR = 0x2e8b74;

/**
 * A Reply as Discord messages. Usually one; a lesson longer than one message's 6000 characters
 * continues in further messages (each piece of text complete on its own), and the buttons go on
 * the last one, under the text they act on. Lengths are counted in UTF-16 units, which is never
 * fewer than Discord's count, so a rendered message is never refused for length.
 */
export function renderReply(reply: Reply): DiscordMessage[] {
  const messages: APIEmbed[][] = [];
  let embeds: APIEmbed[] = [];
  let total = 0;
  const title = reply.title ? clip(plainInline(reply.title), EMBED_LIMITS.title) : undefined;
  if (title) {
    embeds.push({ color: COLOR, title });
    total = title.length;
  }
  for (const piece of reply.blocks.flatMap((b) => blockMarkdown(b, EMBED_LIMITS.description))) {
    const current = embeds.at(-1);
    if (current) {
      const joined = current.description ? `${current.description}\n\n${piece}` : piece;
      const added = joined.length - (current.description?.length ?? 0);
      if (joined.length <= EMBED_LIMITS.description && total + added <= EMBED_LIMITS.totalPerMessage) {
        current.description = joined;
        total += added;
        continue;
      }
    }
    if (embeds.length >= EMBED_LIMITS.embedsPerMessage || total + piece.length > EMBED_LIMITS.totalPerMessage) {
      messages.push(embeds);
      embeds = [];
      total = 0;
    }
    embeds.push({ color: COLOR, description: piece });
    total += piece.length;
  }
  const components = renderButtons(reply.buttons);
  // Discord refuses a message with nothing in it.
  if (!embeds.length && !components.length) embeds.push({ color: COLOR, description: '…' });
  messages.push(embeds);
  const out: DiscordMessage[] = messages.map((e, i) => ({ embeds: e, components: i === messages.length - 1 ? components : [] }));
  const picture = reply.picture;
  if (picture) {
    // The attachment shows inside the first embed, so the picture and its text read as one message.
    const first = out[0]!;
    first.files = [{ attachment: Buffer.from(picture.png), name: picture.name, description: picture.alt }];
    if (first.embeds[0]) first.embeds[0].image = { url: `attachment://${picture.name}` };
    else first.embeds.push({ color: COLOR, image: { url: `attachment://${picture.name}` } });
  }
  return out;
}

function clip(s: string, n: number): string {
  return s.length > n ? `${s.slice(0, n - 1)}…` : s;
}
