import { Events } from 'discord.js';
import { once } from 'node:events';
import type { Config } from '../../config.js';
import type { Logger } from '../../logger.js';
import type { Platform } from '../../platform.js';
import { createDiscordClient } from './discord-client.js';
import { DiscordMessenger } from './discord-messenger.js';
import { observeRateLimits, type RateLimitObserver } from './discord-rest.js';
import type { DiscordCore } from './interaction-replies.js';

export interface DiscordPlatformOptions {
  core: DiscordCore;
  config: Pick<Config, 'discord'> & Partial<Pick<Config, 'locale'>>;
  log: Logger;
  /** Tests shorten it to exercise the deferred path; see DEFAULT_DEFER_AFTER_MS. */
  deferAfterMs?: number;
  /** Told of every rate limit @discordjs/rest meets (the metrics count them). */
  onRateLimit?: RateLimitObserver;
}

/** Discord as one of the process's platforms: the gateway client for interactions, REST for prompts. */
export function createDiscordPlatform({ core, config, log, deferAfterMs, onRateLimit }: DiscordPlatformOptions): Platform {
  const { token, apiRoot } = config.discord;
  if (!token) throw new Error('discord: DISCORD_TOKEN is not set');
  const platformLog = log.child({ platform: 'discord' });
  const client = createDiscordClient({
    core, log: platformLog, ...(apiRoot ? { apiRoot } : {}), ...(deferAfterMs !== undefined ? { deferAfterMs } : {}),
    ...(config.locale ? { defaultLocale: config.locale } : {}),
  });
  // One REST client for interactions and prompts alike, so one set of rate-limit buckets sees every
  // call the process makes with the token. Its token is set now: prompts go out over REST whether
  // or not this process's gateway connection is up (or ever started).
  client.rest.setToken(token);
  observeRateLimits(client.rest, platformLog, onRateLimit);
  const messenger = new DiscordMessenger(client.rest, platformLog);
  return {
    name: 'discord',
    messenger,
    async start() {
      await client.login(token);
      // login resolves once the shard has its READY; the client is ready when its guilds have arrived.
      if (!client.isReady()) await once(client, Events.ClientReady);
      platformLog.info({ bot: client.user?.tag, guilds: client.guilds.cache.size }, 'discord connected');
    },
    async stop() {
      await client.destroy();
    },
    connected: () => client.isReady(),
  };
}
