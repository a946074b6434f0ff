import type { Reply } from '../reply.js';

/** Why a send failed, as the dispatcher needs to know it. */
export type SendFailure =
  /** The platform asked us to slow down: retry after `retryAfterMs`. */
  | 'rate-limited'
  /** We may not write there any more (bot blocked or removed, channel gone): stop that subscription. */
  | 'forbidden'
  /** Network trouble or a server error: retry with backoff. */
  | 'transient';

export class SendError extends Error {
  constructor(
    readonly failure: SendFailure,
    message: string,
    readonly retryAfterMs?: number,
    /**
     * For 'rate-limited': the limit is the whole bot's (Discord's global limit), not one chat's.
     * Only then do all sends wait; a chat's own limit holds back that chat alone.
     */
    readonly global = false,
  ) {
    super(message);
    this.name = 'SendError';
  }
}

export interface SendOptions {
  /** Open a discussion thread on the sent message with this name (where the platform has threads). */
  threadName?: string;
}

/**
 * The outbound port: how the scheduler sends a daily prompt to a chat on one platform. Each
 * adapter implements it and throws SendError, classified, when a send fails.
 */
export interface Messenger {
  readonly platform: string;
  /** The platform's overall sending rate, messages a second; the dispatcher paces sends under it. */
  readonly maxPerSecond?: number;
  send(chatId: string, reply: Reply, options?: SendOptions): Promise<{ messageId?: string }>;
}
