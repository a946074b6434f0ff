import { DiscordAPIError, HTTPError, RateLimitError } from 'discord.js';
import { SendError } from '../../core/ports/messenger.js';

/**
 * Discord error codes that mean "you may not post here any more": Missing Access, Missing
 * Permissions, Unknown Channel, Cannot send messages to this user (DMs closed or bot blocked).
 */
export const FORBIDDEN_CODES: ReadonlySet<number> = new Set([50001, 50013, 10003, 50007]);

/** What a failed send means for the subscription: stop it, wait, or retry. */
export function classifySendError(err: unknown): SendError {
  if (err instanceof SendError) return err;
  const message = err instanceof Error ? err.message : String(err);
  // A wait longer than LONGEST_WAIT_MS that @discordjs/rest refused to sleep through (see restOptions).
  if (err instanceof RateLimitError) return new SendError('rate-limited', message, Math.max(err.retryAfter, err.timeToReset, 1), err.global);
  if (err instanceof DiscordAPIError) {
    if (typeof err.code === 'number' && FORBIDDEN_CODES.has(err.code)) return new SendError('forbidden', message);
    // A 403 on a channel post is a permission problem whatever its code; a 401 is our token, not the chat.
    if (err.status === 403) return new SendError('forbidden', message);
    if (err.status === 429) return new SendError('rate-limited', message, 1000);
  }
  if (err instanceof HTTPError && err.status === 429) return new SendError('rate-limited', message, 1000);
  return new SendError('transient', message);
}
