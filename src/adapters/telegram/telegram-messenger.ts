import { GrammyError, HttpError, type Api } from 'grammy';
import { SendError, type Messenger, type SendOptions } from '../../core/ports/messenger.js';
import type { Reply } from '../../core/reply.js';
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
  ) {}

  // Telegram has forum topics but no threads on a message: options.threadName does not apply.
  async send(chatId: string, reply: Reply, _options?: SendOptions): Promise<{ messageId?: string }> {
    try {
      const sent = await sendReply(this.api, chatId, reply);
      return { messageId: sent[0] ? String(sent[0].message_id) : undefined };
    } catch (err) {
      throw classifySendError(err);
    }
  }
}

/**
 * 429 -> rate-limited (after retry_after s; auto-retry has already waited out short ones);
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
