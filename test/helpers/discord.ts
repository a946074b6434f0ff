import { pino, type Logger } from 'pino';
import { createDiscordPlatform } from '../../src/adapters/discord/discord-platform.js';
import type { DiscordCore } from '../../src/adapters/discord/interaction-replies.js';
import type { Platform } from '../../src/platform.js';
import { FakeDiscord } from '../fakes/discord-server.js';
import { makeApp, type TestApp } from './app.js';

/** The real app and the real discord.js client, logged in to the strict local Discord. */
export interface DiscordTestbed {
  fake: FakeDiscord;
  app: TestApp;
  platform: Platform;
  close(): Promise<void>;
}

export async function startDiscordTestbed(
  options: { core?: (app: TestApp) => DiscordCore; log?: Logger; deferAfterMs?: number } = {},
): Promise<DiscordTestbed> {
  const fake = await FakeDiscord.start();
  const app = makeApp();
  const platform = createDiscordPlatform({
    core: options.core?.(app) ?? app.core,
    config: { discord: { token: fake.token, apiRoot: fake.apiRoot } },
    log: options.log ?? pino({ level: 'silent' }),
    ...(options.deferAfterMs !== undefined ? { deferAfterMs: options.deferAfterMs } : {}),
  });
  await platform.start();
  return {
    fake, app, platform,
    async close() {
      await platform.stop();
      await fake.close();
      await app.dispose();
    },
  };
}
