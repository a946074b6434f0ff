import { REST, RESTEvents, type RESTOptions } from 'discord.js';
import type { Logger } from '../../logger.js';

/**
 * The longest rate-limit wait a send sleeps through. A longer one (a global limit, a channel
 * slowed down for minutes) is handed to the scheduler as 'rate-limited' with its Retry-After, so
 * it can post to other chats meanwhile and come back.
 */
export const LONGEST_WAIT_MS = 10_000;

/** A rate limit as @discordjs/rest reports it: a 429 Discord answered, or a bucket it waits out before asking. */
export interface RateLimitEvent {
  kind: '429' | 'bucket';
  /** The bucket's route, ids of minor parameters replaced (`/channels/:id/messages`). */
  route: string;
  retryAfterMs: number;
  global: boolean;
}

export type RateLimitObserver = (event: RateLimitEvent) => void;

/**
 * REST options for every Discord call of the process. Rate limits are @discordjs/rest's to handle:
 * it keeps the buckets from Discord's headers, waits before a request that would be refused, and
 * after a 429 waits Retry-After and sends again. Only a wait past LONGEST_WAIT_MS is refused
 * (a RateLimitError, classified as 'rate-limited').
 */
export function restOptions(apiRoot?: string): Partial<RESTOptions> {
  return { ...(apiRoot ? { api: apiRoot } : {}), rejectOnRateLimit: (info) => info.retryAfter > LONGEST_WAIT_MS };
}

/** Rate limits watched through the library's own events, for the log and the metrics; never handled here. */
export function observeRateLimits(rest: REST, log: Logger, observe?: RateLimitObserver): void {
  const report = (event: RateLimitEvent, message: string) => {
    log.warn(event, message);
    try {
      observe?.(event);
    } catch (err) {
      log.warn({ err }, 'discord: rate limit observer failed');
    }
  };
  rest.on(RESTEvents.Response, (request, response) => {
    if (response.status !== 429) return;
    const seconds = Number(response.headers.get('retry-after'));
    const event: RateLimitEvent = {
      kind: '429', route: request.route, retryAfterMs: Number.isFinite(seconds) ? Math.round(seconds * 1000) : 0,
      global: response.headers.has('x-ratelimit-global'),
    };
    report(event, 'discord answered 429; the REST client waits and retries');
  });
  rest.on(RESTEvents.RateLimited, (info) => {
    report({ kind: 'bucket', route: info.route, retryAfterMs: Math.round(info.retryAfter), global: info.global }, 'discord rate limit reached; the REST client waits');
  });
}

/** A REST client for the token on its own (no gateway client): the same options and observation. */
export function createRest(options: { token: string; apiRoot?: string; log: Logger; onRateLimit?: RateLimitObserver }): REST {
  const rest = new REST(restOptions(options.apiRoot)).setToken(options.token);
  observeRateLimits(rest, options.log, options.onRateLimit);
  return rest;
}
