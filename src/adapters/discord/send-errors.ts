import { DefaultRestOptions, DiscordAPIError, HTTPError, RateLimitError, type RESTOptions } from 'discord.js';
import { SendError } from '../../core/ports/messenger.js';

/**
 * Discord error codes that mean "you may not post here any more": Missing Access, Missing
 * Permissions, Unknown Channel, Cannot send messages to this user (DMs closed or bot blocked).
 */
export const FORBIDDEN_CODES: ReadonlySet<number> = new Set([50001, 50013, 10003, 50007]);

/** A 429 that Discord actually answered, as opposed to a bucket discord.js waits out by itself. */
export class HardRateLimitError extends Error {
  constructor(readonly retryAfterMs: number) {
    super(`Discord answered 429; retry after ${retryAfterMs} ms`);
    this.name = 'HardRateLimitError';
  }
}

/**
 * A request function for @discordjs/rest that surfaces a hard 429 instead of retrying it. The
 * client's REST would sleep through it and retry forever; the scheduler would rather hear about
 * it, move on to other chats, and come back after Retry-After.
 */
export function surfaceHardRateLimits(make: RESTOptions['makeRequest'] = DefaultRestOptions.makeRequest): RESTOptions['makeRequest'] {
  return async (url, init) => {
    const res = await make(url, init);
    if (res.status !== 429) return res;
    const body = await res.text().catch(() => '');
    throw new HardRateLimitError(retryAfterMs(res.headers.get('retry-after'), body));
  };
}

function retryAfterMs(header: string | null, body: string): number {
  let seconds = Number(header);
  if (!header || !Number.isFinite(seconds)) {
    try {
      seconds = Number((JSON.parse(body) as { retry_after?: unknown }).retry_after);
    } catch {
      seconds = NaN;
    }
  }
  return Number.isFinite(seconds) && seconds > 0 ? Math.ceil(seconds * 1000) : 1000;
}

/** What a failed send means for the subscription: stop it, wait, or retry. */
export function classifySendError(err: unknown): SendError {
  if (err instanceof SendError) return err;
  const message = err instanceof Error ? err.message : String(err);
  if (err instanceof HardRateLimitError) return new SendError('rate-limited', message, err.retryAfterMs);
  if (err instanceof RateLimitError) return new SendError('rate-limited', message, Math.max(err.retryAfter, err.timeToReset, 1));
  if (err instanceof DiscordAPIError) {
    if (typeof err.code === 'number' && FORBIDDEN_CODES.has(err.code)) return new SendError('forbidden', message);
    // A 403 on a channel post is a permission problem whatever its code; a 401 is our token, not the chat.
    if (err.status === 403) return new SendError('forbidden', message);
    if (err.status === 429) return new SendError('rate-limited', message, 1000);
  }
  if (err instanceof HTTPError && err.status === 429) return new SendError('rate-limited', message, 1000);
  return new SendError('transient', message);
}
