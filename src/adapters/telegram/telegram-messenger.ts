import { GrammyError, HttpError, type Api } from 'grammy';
import { SendError, type Messenger, type SendOptions } from '../../core/ports/messenger.js';
import type { Reply } from '../../core/reply.js';
import { addressOf } from './caller.js';
import { migratedTo } from './migrate-chat.js';
import { sendingPrompt } from './prompt-sends.js';
import { sendReply } from './send-reply.js';

/** 400 descriptions that mean the chat is gone for us, as surely as a 403. */
const GONE = /chat not found|bot was kicked|user is deactivated|bot was blocked|group chat was upgraded|not enough rights to send|need administrator rights/i;

/** Daily prompts to Telegram chats; failures come out as SendError, classified for the dispatcher. */
export class TelegramMessenger implements Messenger {
  readonly platform = 'telegram';

  constructor(
    private readonly api: Api,
    /** The overall sending rate the dispatcher paces to (config telegram.maxPerSecond). */
    readonly maxPerSecond = 30,
    /** A group became a supergroup (chat keys): move what belongs to it. */
    private readonly onMigrated?: (from: string, to: string) => Promise<unknown>,
  ) {}

  // Telegram has forum topics but no threads on a message: options.threadName does not apply.
  // A chat key `<chat>/<topic>` (caller.ts) sends to that forum topic.
  async send(chatKey: string, reply: Reply, _options?: SendOptions): Promise<{ messageId?: string }> {
    const { chatId, threadId } = addressOf(chatKey);
    try {
      return await this.sendTo(chatId, threadId, reply);
    } catch (err) {
      const to = migratedTo(err);
      // A basic group (which has no topics) was upgraded: the prompt goes to the supergroup.
      if (to === undefined || threadId !== undefined) throw classifySendError(err);
      try {
        await this.onMigrated?.(chatKey, String(to));
        return await this.sendTo(to, undefined, reply);
      } catch (again) {
        throw classifySendError(again);
      }
    }
  }

  private async sendTo(chatId: number | string, threadId: number | undefined, reply: Reply): Promise<{ messageId?: string }> {
    const sent = await sendingPrompt(() => sendReply(this.api, chatId, reply, { threadId }));
    return { messageId: sent[0] ? String(sent[0].message_id) : undefined };
  }
}

/**
 * 429 -> rate-limited, to wait retry_after s (a prompt's 429 is not auto-retried: prompt-sends.ts);
 * 403 and 400s that mean the chat is gone -> forbidden; network errors, 5xx and anything else ->
 * transient. Other 400s (a rendering bug) will not heal by retrying, but stopping a learner's
 * subscription for our bug would be worse: the dispatcher's retry limit ends them.
 */
export function classifySendError(err: unknown): SendError {
  if (err instanceof SendError) return err;
  if (err instanceof GrammyError) {
    const what = `telegram ${err.method}: ${err.error_code} ${err.description}`;
    if (err.error_code === 429) return new SendError('rate-limited', what, (err.parameters.retry_after ?? 1) * 1000);
    if (err.error_code === 403 || (err.error_code === 400 && GONE.test(err.description))) return new SendError('forbidden', what);
    return new SendError('transient', what);
  }
  if (err instanceof HttpError) return new SendError('transient', `telegram network error: ${err.message}`);
  return new SendError('transient', `telegram send failed: ${err instanceof Error ? err.message : String(err)}`);
}
