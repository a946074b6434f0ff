import { SendError, type Messenger, type SendFailure, type SendOptions } from '../../src/core/ports/messenger.js';
import type { Reply } from '../../src/core/reply.js';
import { replyText } from '../../src/core/reply.js';

export interface Sent {
  chatId: string;
  reply: Reply;
  text: string;
  options?: SendOptions;
}

/** A Messenger that records what it sends, and fails on demand per chat. */
export class RecordingMessenger implements Messenger {
  readonly sent: Sent[] = [];
  /** Failures to throw, per chat, in order; each is used once. */
  readonly failures = new Map<string, { failure: SendFailure; retryAfterMs?: number; global?: boolean }[]>();

  constructor(readonly platform = 'telegram') {}

  /** `global`: a rate limit on the whole bot, not this chat's own. */
  fail(chatId: string, failure: SendFailure, times = 1, retryAfterMs?: number, global = false): void {
    const list = this.failures.get(chatId) ?? [];
    for (let i = 0; i < times; i++) list.push({ failure, retryAfterMs, global });
    this.failures.set(chatId, list);
  }

  async send(chatId: string, reply: Reply, options?: SendOptions): Promise<{ messageId?: string }> {
    const next = this.failures.get(chatId)?.shift();
    if (next) throw new SendError(next.failure, `${next.failure} (test)`, next.retryAfterMs, next.global);
    this.sent.push({ chatId, reply, text: replyText(reply), options });
    return { messageId: String(this.sent.length) };
  }

  to(chatId: string): Sent[] {
    return this.sent.filter((s) => s.chatId === chatId);
  }
}
