import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Platform } from '../../../src/platform.js';
import { dmChannelId, GUILD_ID, MANAGE_CHANNELS, type FakeDiscord, type FakeUser } from '../../fakes/discord-server.js';
import type { TestApp } from '../../helpers/app.js';
import { startDiscordTestbed, type DiscordTestbed } from '../../helpers/discord.js';

// The real discord.js client, logged in to the local fake gateway and REST server.
let fake: FakeDiscord;
let app: TestApp;
let platform: Platform;
let bed: DiscordTestbed;

beforeAll(async () => {
  bed = await startDiscordTestbed();
  ({ fake, app, platform } = bed);
});

// The fake is as strict as Discord: nothing the bot sent may have been refused.
afterEach(() => {
  expect(fake.refusals()).toEqual([]);
});

afterAll(async () => {
  await bed?.close();
});

const guild = (permissions = 0n, channelId = '1400000000000000001') => ({ guildId: GUILD_ID, channelId, permissions });
const bo: FakeUser = { id: '1300000000000000002', username: 'bo' };

describe('the Discord client against the local gateway', () => {
  it('connects with the Guilds intent only and reports itself connected', () => {
    expect(fake.identifies[0]).toMatchObject({ token: 'fake-token', intents: 1 });
    expect(platform.connected()).toBe(true);
  });

  it('answers /lesson 39 with the lesson embed and its buttons', async () => {
    const { data, type } = (await fake.command('lesson', { topic: '39' }, guild()).callback()).body;
    expect(type).toBe(4);
    expect(data.flags ?? 0).toBe(0);
    expect(data.embeds[0].title).toContain('Lesson 39 · Kubernetes Services');
    expect(data.embeds[0].description).toContain('**Why it matters**');
    const ids = data.components.flatMap((row: { components: { custom_id: string }[] }) => row.components.map((b) => b.custom_id));
    expect(ids).toEqual(expect.arrayContaining(['sec:39:ideas', 'done:39', 'quiz:39']));
  });

  it('suggests lessons for "kube" while typing, within the deadline', async () => {
    const sent = fake.autocomplete('lesson', 'topic', 'kube', guild());
    const { body, at } = await sent.callback();
    const ms = at - sent.sentAt;
    console.log(`autocomplete round trip for "kube": ${ms.toFixed(1)} ms`);
    expect(body.type).toBe(8);
    const choices = body.data.choices as { name: string; value: string }[];
    expect(choices.length).toBeGreaterThan(0);
    expect(choices.length).toBeLessThanOrEqual(25);
    expect(choices.map((c) => c.value)).toEqual(expect.arrayContaining([expect.stringMatching(/^(34|39)$/)]));
    for (const c of choices) expect(c.name.length).toBeLessThanOrEqual(100);
    expect(ms).toBeLessThan(3000);
  });

  it('answers autocomplete far inside the 3 s deadline as a member types', async () => {
    const typed = ['k', 'ku', 'kub', 'kube', 'kuber', 'v', 'vx', 'vxlan', 'o', 'ov', 'ovs', 'do', 'docker', 'i', 'ip', 'iptables', '灰', '灰度', '39', 'k8s'];
    const times: number[] = [];
    for (const partial of typed) {
      const sent = fake.autocomplete(partial.length % 2 ? 'lesson' : 'search', partial.length % 2 ? 'topic' : 'query', partial, guild());
      times.push((await sent.callback()).at - sent.sentAt);
    }
    times.sort((a, b) => a - b);
    const median = times[Math.floor(times.length / 2)]!;
    console.log(`autocomplete round trip over ${times.length} prefixes: median ${median.toFixed(1)} ms, max ${times.at(-1)!.toFixed(1)} ms`);
    expect(times.at(-1)).toBeLessThan(1000);
  });

  it('edits the message in place when a section button is pressed in DMs', async () => {
    const { body } = await fake.button('sec:39:ideas').callback();
    expect(body.type).toBe(7);
    expect(body.data.embeds[0].title).toContain('Lesson 39 · Kubernetes Services');
    expect(body.data.embeds[0].description).toContain('**Key ideas**');
    expect(body.data.embeds[0].description).not.toContain('**Why it matters**');
  });

  it('shows a section pressed in a study channel to the presser only', async () => {
    const { body } = await fake.button('sec:39:ideas', guild()).callback();
    expect(body.type).toBe(4);
    expect(body.data.flags).toBe(64);
    expect(body.data.embeds[0].description).toContain('**Key ideas**');
  });

  it('politely refuses /subscribe in a channel to a member without Manage Channels, for their eyes only', async () => {
    const { body } = await fake.command('subscribe', {}, guild(0n, '1400000000000000010')).callback();
    expect(body.type).toBe(4);
    expect(body.data.flags).toBe(64);
    expect(body.data.embeds[0].description).toContain('Only an admin of this chat (Manage Channels on Discord)');
    expect(await app.store.getSubscription('discord', '1400000000000000010')).toBeUndefined();
  });

  it('subscribes the channel for a member with Manage Channels, the time shown as a Discord timestamp', async () => {
    const { body } = await fake.command('subscribe', { time: '08:30', timezone: 'Asia/Shanghai' }, guild(MANAGE_CHANNELS, '1400000000000000011')).callback();
    expect(body.data.flags ?? 0).toBe(0);
    expect(body.data.embeds[0].description).toMatch(/Every day at <t:\d+:t> this channel gets the group’s lesson/);
    expect(await app.store.getSubscription('discord', '1400000000000000011')).toMatchObject({ kind: 'channel', time: '08:30', timezone: 'Asia/Shanghai' });
  });

  it('subscribes the learner personally in DMs', async () => {
    const { body } = await fake.command('subscribe', { time: '07:00' }, { user: bo }).callback();
    expect(body.data.embeds[0].description).toMatch(/Every day at <t:\d+:t> I will send you/);
    expect(await app.store.getSubscription('discord', dmChannelId(bo))).toMatchObject({ kind: 'personal', time: '07:00' });
  });

  it('replies in Chinese to a zh-CN client', async () => {
    const answered = fake.nextCallback();
    fake.command('lesson', { topic: '39' }, { ...guild(), user: bo, locale: 'zh-CN' });
    const { body } = await answered;
    expect(body.data.embeds[0].title).toMatch(/^第 39 课 · /);
  });

  it('keeps a lookup private when asked', async () => {
    const { body } = await fake.command('search', { query: 'vxlan', private: true }, guild()).callback();
    expect(body.data.flags).toBe(64);
    expect(body.data.embeds[0].title).toBe('Search: vxlan');
  });

  it('shares a lesson with a member by mentioning them, and pings no one else', async () => {
    const { body } = await fake.command('lesson', { topic: 'vxlan', share: bo }, guild()).callback();
    expect(body.data.content).toBe(`<@${bo.id}>`);
    expect(body.data.allowed_mentions).toEqual({ users: [bo.id] });
    expect(body.data.embeds[0].title).toMatch(/^Lesson 15 · /);
  });

  it('answers bad input with the core’s friendly message', async () => {
    const { body } = await fake.command('lesson', { topic: '99' }, guild()).callback();
    expect(body.data.embeds[0].description).toContain('There is no lesson 99');
  });
});
