import { pino } from 'pino';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DiscordMessenger } from '../../../src/adapters/discord/discord-messenger.js';
import { createRest, type RateLimitEvent } from '../../../src/adapters/discord/discord-rest.js';
import { registerCommands } from '../../../src/adapters/discord/register.js';
import { SendError } from '../../../src/core/ports/messenger.js';
import type { Reply } from '../../../src/core/reply.js';
import { COMMANDS } from '../../../src/core/registry.js';
import { createMetrics } from '../../../src/ops/metrics.js';
import { APP_ID, FakeDiscord, GUILD_ID } from '../../fakes/discord-server.js';

// The outbound side: daily prompts posted over REST to the local fake, and command registration.
let fake: FakeDiscord;
let messenger: DiscordMessenger;
const silent = pino({ level: 'silent' });

beforeAll(async () => {
  fake = await FakeDiscord.start();
  messenger = new DiscordMessenger(createRest({ token: 'fake-token', apiRoot: fake.apiRoot, log: silent }), silent);
});

// The fake is as strict as Discord: nothing the bot sent may have been refused.
afterEach(() => {
  expect(fake.refusals()).toEqual([]);
});

afterAll(async () => {
  await fake?.close();
});

const prompt: Reply = {
  title: 'Lesson of the day · 39 · Kubernetes Services',
  blocks: [{ kind: 'paragraph', text: 'Read **Why it matters**, then mark it done.' }],
  buttons: [[{ label: '✓ Done', action: 'done:39', style: 'success' }]],
};

const posts = (channel: string) => fake.requests.filter((r) => r.method === 'POST' && r.path === `/channels/${channel}/messages`);

describe('the Discord messenger', () => {
  it('posts a picture as an attachment the first embed shows', async () => {
    const png = Buffer.from('89504e470d0a1a0a', 'hex');
    await messenger.send('1500000000000000009', { ...prompt, picture: { png, name: 'progress.png', alt: 'Group progress' } });
    const [post] = posts('1500000000000000009');
    expect(post!.files).toEqual(['progress.png']);
    const json = post!.body as { embeds: { image: unknown }[]; attachments: unknown };
    expect(json.embeds[0]!.image).toEqual({ url: 'attachment://progress.png' });
    expect(json.attachments).toEqual([{ id: 0, filename: 'progress.png', description: 'Group progress' }]);
  });

  it('posts the prompt to the channel and opens a discussion thread on it', async () => {
    const { messageId } = await messenger.send('1500000000000000001', prompt, { threadName: 'Lesson 39 · Kubernetes Services' });
    const [post] = posts('1500000000000000001');
    expect(post!.body.embeds[0].title).toBe('Lesson of the day · 39 · Kubernetes Services');
    expect(post!.body.components[0].components[0]).toMatchObject({ custom_id: 'done:39', style: 3 });
    expect(post!.body.allowed_mentions).toEqual({ parse: [] });
    const thread = await fake.waitFor((r) => r.path === `/channels/1500000000000000001/messages/${messageId}/threads`, 'a thread');
    expect(thread.body).toMatchObject({ name: 'Lesson 39 · Kubernetes Services', auto_archive_duration: 1440 });
  });

  it('posts to a DM channel without a thread when none is asked for', async () => {
    await messenger.send('1500000000000000002', prompt);
    expect(posts('1500000000000000002')).toHaveLength(1);
    expect(fake.requests.some((r) => r.path.startsWith('/channels/1500000000000000002/messages/'))).toBe(false);
  });

  it('posts a lesson too long for one message as several, the thread on the first', async () => {
    const long: Reply = { title: 'Long', blocks: Array.from({ length: 12 }, (_, i) => ({ kind: 'paragraph' as const, text: `${i} ${'word '.repeat(180)}` })), buttons: [] };
    const { messageId } = await messenger.send('1500000000000000003', long, { threadName: 'Long' });
    expect(posts('1500000000000000003').length).toBeGreaterThan(1);
    await fake.waitFor((r) => r.path === `/channels/1500000000000000003/messages/${messageId}/threads`, 'a thread on the first part');
  });

  it('still counts the prompt as sent when the thread cannot be opened', async () => {
    fake.fail({ path: /^\/channels\/1500000000000000004\/messages\/\d+\/threads$/, status: 403, body: { code: 50013, message: 'Missing Permissions' } });
    await expect(messenger.send('1500000000000000004', prompt, { threadName: 'x' })).resolves.toHaveProperty('messageId');
  });

  it.each([
    ['Missing Access', 403, 50001, 'forbidden'],
    ['Missing Permissions', 403, 50013, 'forbidden'],
    ['Unknown Channel', 404, 10003, 'forbidden'],
    ['Cannot send messages to this user', 403, 50007, 'forbidden'],
    ['Invalid Form Body', 400, 50035, 'transient'],
    ['Internal Server Error', 500, 0, 'transient'],
  ])('classifies %s (%i, code %i) as %s', async (message, status, code, failure) => {
    const channel = `16000000000000${String(status)}${String(code).padStart(5, '0')}`;
    fake.fail({ path: new RegExp(`^/channels/${channel}/messages$`), status, body: { message, code }, times: 10 });
    const err = await messenger.send(channel, prompt).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SendError);
    expect(err).toMatchObject({ failure });
  });

  it('calls an unreachable API transient', async () => {
    const offline = new DiscordMessenger(createRest({ token: 't', apiRoot: 'http://127.0.0.1:9/api', log: silent }), silent);
    await expect(offline.send('1', prompt)).rejects.toMatchObject({ failure: 'transient' });
  });
});

describe('rate limits, left to @discordjs/rest', () => {
  /** A messenger of its own, so its buckets are fresh, with what it logs and reports kept. */
  function watched() {
    const events: RateLimitEvent[] = [];
    const lines: { msg: string; route?: string }[] = [];
    const metrics = createMetrics({ subscribers: async () => ({ active: 0, paused: 0, stopped: 0 }) });
    const log = pino({ level: 'warn' }, { write: (line: string) => void lines.push(JSON.parse(line)) });
    const onRateLimit = (e: RateLimitEvent) => {
      events.push(e);
      metrics.onRateLimit('discord', e.kind, e.retryAfterMs);
    };
    const m = new DiscordMessenger(createRest({ token: 'fake-token', apiRoot: fake.apiRoot, log, onRateLimit }), log);
    return { m, events, lines, metrics };
  }

  it('waits out a 429 and delivers the prompt once, the 429 logged and reported', async () => {
    const channel = '1700000000000000001';
    fake.rateLimit(new RegExp(`^/channels/${channel}/messages$`), 1);
    const { m, events, lines, metrics } = watched();
    const started = performance.now();
    await expect(m.send(channel, prompt)).resolves.toHaveProperty('messageId');
    const tries = posts(channel);
    expect(tries.map((r) => r.status)).toEqual([429, 200]);
    expect(tries[1]!.at - tries[0]!.at).toBeGreaterThanOrEqual(950);
    expect(performance.now() - started).toBeGreaterThanOrEqual(950);
    expect(events).toContainEqual({ kind: '429', route: '/channels/:id/messages', retryAfterMs: 1000, global: false });
    expect(lines).toContainEqual(expect.objectContaining({ msg: 'discord answered 429; the REST client waits and retries', route: '/channels/:id/messages' }));
    const scraped = await metrics.render();
    expect(scraped).toContain('slowfast_platform_rate_limits_total{platform="discord",kind="429"} 1');
    expect(scraped).toMatch(/slowfast_platform_rate_limit_wait_seconds_total\{platform="discord"\} [12](\.\d+)?\n/);
  });

  it('hands a wait longer than it sleeps through to the scheduler as rate-limited, with its Retry-After', async () => {
    const channel = '1700000000000000002';
    fake.rateLimit(new RegExp(`^/channels/${channel}/messages$`), 60);
    const { m, events } = watched();
    const err = (await m.send(channel, prompt).catch((e: unknown) => e)) as SendError;
    expect(err).toMatchObject({ failure: 'rate-limited' });
    // Retry-After, plus the REST client's small safety offset.
    expect(err.retryAfterMs).toBeGreaterThanOrEqual(60_000);
    expect(err.retryAfterMs).toBeLessThan(61_000);
    expect(posts(channel).map((r) => r.status)).toEqual([429]);
    expect(events.map((e) => e.kind)).toEqual(['429']);
  });

  it('then keeps to the bucket: the next post to that channel waits for the reset instead of meeting another 429', async () => {
    const channel = '1700000000000000003';
    fake.rateLimit(new RegExp(`^/channels/${channel}/messages$`), 1);
    const { m, events } = watched();
    await Promise.all([m.send(channel, prompt), m.send(channel, prompt)]);
    expect(posts(channel).map((r) => r.status)).toEqual([429, 200, 200]);
    expect(events.filter((e) => e.kind === '429')).toHaveLength(1);
  });
});

describe('command registration', () => {
  it('puts every registry command to the development guild when one is set', async () => {
    const stored = await registerCommands({ token: 'fake-token', applicationId: APP_ID, guildId: GUILD_ID, apiRoot: fake.apiRoot });
    const put = await fake.waitFor((r) => r.method === 'PUT' && r.path === `/applications/${APP_ID}/guilds/${GUILD_ID}/commands`, 'a guild PUT');
    expect(put.body.map((c: { name: string }) => c.name)).toEqual(COMMANDS.map((c) => c.name));
    expect(stored).toHaveLength(COMMANDS.length);
  });

  it('puts them globally otherwise', async () => {
    await registerCommands({ token: 'fake-token', applicationId: APP_ID, apiRoot: fake.apiRoot });
    const put = await fake.waitFor((r) => r.method === 'PUT' && r.path === `/applications/${APP_ID}/commands`, 'a global PUT');
    expect(put.body).toHaveLength(COMMANDS.length);
  });
});
