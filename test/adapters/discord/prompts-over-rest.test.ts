import { pino } from 'pino';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createDiscordPlatform } from '../../../src/adapters/discord/discord-platform.js';
import type { Caller } from '../../../src/core/command.js';
import type { Platform } from '../../../src/platform.js';
import { Dispatcher } from '../../../src/schedule/dispatcher.js';
import { FakeDiscord, GUILD_ID } from '../../fakes/discord-server.js';
import { makeApp, type TestApp } from '../../helpers/app.js';

// Where the scheduler posts from when the gateway is split into shards: any process, over REST.
// A channel post needs the token and the channel id, not a gateway session that sees the guild,
// so a process whose shards do not include a guild (or that never connected at all) delivers its
// prompts just the same. That is why every shard process may run the scheduler (issue 14).
let fake: FakeDiscord;
let app: TestApp;
const log = pino({ level: 'silent' });

beforeAll(async () => {
  fake = await FakeDiscord.start();
});
afterEach(async () => {
  expect(fake.refusals()).toEqual([]);
  await app?.dispose();
});
afterAll(async () => {
  await fake?.close();
});

/** The shard a guild's events arrive on: Discord's (guild_id >> 22) % shard_count. */
const shardOf = (guildId: string, count: number) => Number((BigInt(guildId) >> 22n) % BigInt(count));

/** A study channel subscribed at 09:00 UTC by a member with Manage Channels, and the clock at 09:00. */
async function subscribedChannel(channelId: string): Promise<void> {
  app = makeApp({ now: '2026-03-02T08:00:00Z' });
  const admin: Caller = { platform: 'discord', userId: '1300000000000000009', chatId: channelId, chatKind: 'group', canManageChat: true };
  await app.core.command(admin, 'subscribe', { time: '09:00', timezone: 'UTC' });
  app.setNow('2026-03-02T09:00:00Z');
}

const dispatcher = (platform: Platform) => new Dispatcher({ services: app.services, messengers: [platform.messenger], log, staleAfterMs: 60_000 });
const posts = (channel: string) => fake.requests.filter((r) => r.method === 'POST' && r.path === `/channels/${channel}/messages`);

describe('scheduled prompts over REST', () => {
  it('go out from a process that never connected to the gateway', async () => {
    const channel = '1400000000000000201';
    await subscribedChannel(channel);
    const platform = createDiscordPlatform({ core: app.core, config: { discord: { token: fake.token, apiRoot: fake.apiRoot } }, log });
    const report = await dispatcher(platform).tick();
    expect(report).toMatchObject({ sent: 1 });
    expect(posts(channel)).toHaveLength(1);
    expect(posts(channel)[0]!.body.embeds[0].title).toMatch(/^Lesson of the day · 0 · /);
    expect(fake.gatewayConnections).toBe(0);
    expect(platform.connected()).toBe(false);
    await platform.stop();
  });

  it('go out from shard 0 of 2 to a channel of a guild on shard 1', async () => {
    // The study group's guild: its gateway events go to shard 1, never to this process.
    expect(shardOf(GUILD_ID, 2)).toBe(1);
    const channel = '1400000000000000202';
    await subscribedChannel(channel);
    // What ShardingManager sets in each child process; the discord.js client reads them at construction.
    process.env.SHARDS = '[0]';
    process.env.SHARD_COUNT = '2';
    let platform: Platform;
    try {
      platform = createDiscordPlatform({ core: app.core, config: { discord: { token: fake.token, apiRoot: fake.apiRoot } }, log });
    } finally {
      delete process.env.SHARDS;
      delete process.env.SHARD_COUNT;
    }
    const before = fake.identifies.length;
    await platform.start();
    expect(fake.identifies.slice(before)).toEqual([expect.objectContaining({ shard: [0, 2] })]);
    await dispatcher(platform).tick();
    expect(posts(channel)).toHaveLength(1);
    await platform.stop();
  });
});
