import { Routes, type APIMessage, type REST } from 'discord.js';
import type { Logger } from '../../logger.js';
import type { Messenger, SendOptions } from '../../core/ports/messenger.js';
import type { Reply } from '../../core/reply.js';
import { renderReply, type DiscordMessage } from './render-embeds.js';
import { classifySendError } from './send-errors.js';

/** Discord allows thread names of 1 to 100 characters. */
const THREAD_NAME_MAX = 100;
/** A day: the discussion of a daily lesson stays open until the next one is posted. */
const THREAD_ARCHIVE_MINUTES = 1440;

/**
 * The outbound port on Discord: daily prompts to study-group channels and to learners' DM channels
 * (a personal subscription's chatId is its DM channel id). Posts go straight through REST rather
 * than the gateway client's channel cache, so a channel of a guild the cache has not seen yet (or a
 * DM never opened in this process) is posted to all the same.
 */
export class DiscordMessenger implements Messenger {
  readonly platform = 'discord';

  constructor(
    private readonly rest: REST,
    private readonly log: Logger,
  ) {}

  async send(chatId: string, reply: Reply, options: SendOptions = {}): Promise<{ messageId?: string }> {
    const [first, ...rest] = renderReply(reply);
    let posted: APIMessage;
    try {
      posted = await this.post(chatId, first!);
    } catch (err) {
      throw classifySendError(err);
    }
    // Once the first part is out the prompt counts as delivered: failing now would make the scheduler
    // send it all again. The rest and the thread are best effort, logged when they fail.
    for (const message of rest) {
      try {
        await this.post(chatId, message);
      } catch (err) {
        this.log.warn({ err, chat: chatId }, 'discord: a continuation of the prompt was not posted');
        break;
      }
    }
    if (options.threadName?.trim()) await this.openThread(chatId, posted.id, options.threadName.trim());
    return { messageId: posted.id };
  }

  private async post(chatId: string, message: DiscordMessage): Promise<APIMessage> {
    // A prompt never pings anyone: allowed_mentions with no parse list turns every mention off.
    const body = { embeds: message.embeds, components: message.components, allowed_mentions: { parse: [] } };
    // A picture goes as a multipart file the first embed shows (attachment://name), as in replies.
    const files = message.files?.map((f) => ({ name: f.name, data: f.attachment, contentType: 'image/png' }));
    const attachments = message.files?.map((f, id) => ({ id, filename: f.name, description: f.description }));
    return (await this.rest.post(Routes.channelMessages(chatId), files ? { body: { ...body, attachments }, files } : { body })) as APIMessage;
  }

  private async openThread(chatId: string, messageId: string, name: string): Promise<void> {
    try {
      await this.rest.post(Routes.threads(chatId, messageId), {
        body: { name: [...name].slice(0, THREAD_NAME_MAX).join(''), auto_archive_duration: THREAD_ARCHIVE_MINUTES },
      });
    } catch (err) {
      // DMs have no threads, and a channel may deny Create Public Threads: the lesson is posted anyway.
      this.log.warn({ err, chat: chatId, failure: classifySendError(err).failure }, 'discord: no discussion thread for the prompt');
    }
  }
}
