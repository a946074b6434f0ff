import { DiscordAPIError, REST, Routes } from 'discord.js';
import { once } from 'node:events';
import { pino } from 'pino';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { createDiscordPlatform } from '../../../src/adapters/discord/discord-platform.js';
import type { DiscordCore } from '../../../src/adapters/discord/interaction-replies.js';
import { APP_ID, GUILD_ID, type FakeDiscord } from '../../fakes/discord-server.js';
import type { TestApp } from '../../helpers/app.js';
import { startDiscordTestbed, type DiscordTestbed } from '../../helpers/discord.js';

// The local Discord refuses what Discord refuses, with Discord's codes and messages: the other
// Discord tests lean on that to show the adapter keeps every rule.
let fake: FakeDiscord;
let app: TestApp;
let bed: DiscordTestbed;
let rest: REST;
const logged: { msg: string; interaction?: string; err?: { message?: string } }[] = [];
/** Commands named here wait until the test lets them go, so a test can move the clock first. */
const held = new Map<string, () => void>();

beforeAll(async () => {
  const log = pino({ level: 'warn' }, { write: (line: string) => void logged.push(JSON.parse(line)) });
  // A held roadmap is deferred after 50 ms, then filled in when the test lets it go.
  bed = await startDiscordTestbed({ core: (a) => holding(a.core), log, deferAfterMs: 50 });
  ({ fake, app } = bed);
  rest = new REST({ api: fake.apiRoot, retries: 0 }).setToken(fake.token);
});

afterAll(async () => {
  await bed?.close();
});

/** The real core, but a roadmap or an autocomplete for "hold" waits until the test lets it go. */
function holding(real: DiscordCore): DiscordCore {
  const hold = (name: string) => new Promise<void>((resolve) => held.set(name, resolve));
  return {
    command: async (caller, name, args) => {
      if (name === 'roadmap') await hold(name);
      return real.command(caller, name, args);
    },
    press: (caller, action) => real.press(caller, action),
    autocomplete: async (caller, name, option, partial) => {
      if (partial === 'hold') await hold('autocomplete');
      return real.autocomplete(caller, name, option, partial);
    },
  };
}

const long = (n: number) => 'x'.repeat(n);
const button = (custom_id: string) => ({ type: 2, style: 1, label: 'b', custom_id });
const row = (...ids: string[]) => ({ type: 1, components: ids.map(button) });

describe('a channel message over a limit', () => {
  it.each<[string, object, Record<string, unknown>]>([
    ['content over 2000', { content: long(2001) }, { content: { _errors: [{ code: 'BASE_TYPE_MAX_LENGTH', message: 'Must be 2000 or fewer in length.' }] } }],
    ['11 embeds', { embeds: Array.from({ length: 11 }, () => ({ description: 'a' })) }, { embeds: { _errors: [{ code: 'BASE_TYPE_MAX_LENGTH', message: 'Must be 10 or fewer in length.' }] } }],
    ['a title over 256', { embeds: [{ title: long(257) }] }, { embeds: { 0: { title: { _errors: [{ code: 'BASE_TYPE_MAX_LENGTH', message: 'Must be 256 or fewer in length.' }] } } } }],
    ['a description over 4096', { embeds: [{ description: long(4097) }] }, { embeds: { 0: { description: { _errors: [expect.objectContaining({ message: 'Must be 4096 or fewer in length.' })] } } } }],
    ['a field value over 1024', { embeds: [{ fields: [{ name: 'n', value: long(1025) }] }] }, { embeds: { 0: { fields: { 0: { value: { _errors: [expect.objectContaining({ message: 'Must be 1024 or fewer in length.' })] } } } } } }],
    ['a field name over 256', { embeds: [{ fields: [{ name: long(257), value: 'v' }] }] }, { embeds: { 0: { fields: { 0: { name: { _errors: [expect.objectContaining({ message: 'Must be 256 or fewer in length.' })] } } } } } }],
    ['26 fields', { embeds: [{ fields: Array.from({ length: 26 }, () => ({ name: 'n', value: 'v' })) }] }, { embeds: { 0: { fields: { _errors: [expect.objectContaining({ message: 'Must be 25 or fewer in length.' })] } } } }],
    ['a footer over 2048', { embeds: [{ description: 'a', footer: { text: long(2049) } }] }, { embeds: { 0: { footer: { text: { _errors: [expect.objectContaining({ message: 'Must be 2048 or fewer in length.' })] } } } } }],
    ['an author over 256', { embeds: [{ description: 'a', author: { name: long(257) } }] }, { embeds: { 0: { author: { name: { _errors: [expect.objectContaining({ message: 'Must be 256 or fewer in length.' })] } } } } }],
    ['6001 characters over two embeds', { embeds: [{ description: long(4000) }, { description: long(2001) }] }, { embeds: { _errors: [{ code: 'MAX_EMBED_SIZE_EXCEEDED', message: 'Embed size exceeds maximum size of 6000' }] } }],
    ['6 rows', { components: Array.from({ length: 6 }, (_, i) => row(`r${i}`)) }, { components: { _errors: [expect.objectContaining({ message: 'Must be 5 or fewer in length.' })] } }],
    ['6 buttons in a row', { components: [row('a', 'b', 'c', 'd', 'e', 'f')] }, { components: { 0: { components: { _errors: [expect.objectContaining({ message: 'Must be 5 or fewer in length.' })] } } } }],
    ['a custom_id over 100', { components: [row(long(101))] }, { components: { 0: { components: { 0: { custom_id: { _errors: [expect.objectContaining({ message: 'Must be 100 or fewer in length.' })] } } } } } }],
    ['a custom_id twice', { components: [row('done:1'), row('done:1')] }, { components: { 1: { components: { 0: { custom_id: { _errors: [{ code: 'COMPONENT_CUSTOM_ID_DUPLICATED', message: 'Component custom id cannot be duplicated' }] } } } } } }],
  ])('is refused: %s', async (_name, body, errors) => {
    const err = (await rest.post(Routes.channelMessages('1500000000000000099'), { body }).catch((e: unknown) => e)) as DiscordAPIError;
    expect(err).toBeInstanceOf(DiscordAPIError);
    expect(err.status).toBe(400);
    expect(err.rawError).toEqual({ code: 50035, message: 'Invalid Form Body', errors });
    expect(fake.refusals().at(-1)).toMatch(/^POST \/channels\/1500000000000000099\/messages: 400 /);
  });

  it('is refused when empty, with code 50006', async () => {
    const err = (await rest.post(Routes.channelMessages('1500000000000000099'), { body: { embeds: [] } }).catch((e: unknown) => e)) as DiscordAPIError;
    expect(err.rawError).toEqual({ code: 50006, message: 'Cannot send an empty message' });
  });

  it('is refused with a bad token', async () => {
    const bad = new REST({ api: fake.apiRoot, retries: 0 }).setToken('not-the-token');
    const err = (await bad.post(Routes.channelMessages('1500000000000000099'), { body: { content: 'hi' } }).catch((e: unknown) => e)) as DiscordAPIError;
    expect({ status: err.status, raw: err.rawError }).toEqual({ status: 401, raw: { message: '401: Unauthorized', code: 0 } });
  });

  it('goes through at exactly the limits', async () => {
    const body = { content: long(2000), embeds: [{ title: long(256), description: long(4000) }, { description: long(1744) }], components: [row('a', 'b', 'c', 'd', 'e'), row(long(100))] };
    await expect(rest.post(Routes.channelMessages('1500000000000000099'), { body })).resolves.toHaveProperty('id');
  });
});

describe('interaction responses', () => {
  // These tests provoke refusals on purpose; each starts from a clean record.
  afterEach(() => {
    fake.requests.length = 0;
  });

  const callback = (sent: { id: string; token: string }, body: object) =>
    fetch(`${fake.apiRoot}/v10/interactions/${sent.id}/${sent.token}/callback`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

  it('refuses more than 25 autocomplete choices and a choice name over 100, then takes a good answer', async () => {
    const sent = fake.autocomplete('search', 'query', 'hold', { guildId: GUILD_ID });
    await until(() => held.has('autocomplete'));
    const choices = Array.from({ length: 26 }, (_, i) => ({ name: i ? `c${i}` : long(101), value: `v${i}` }));
    const res = await callback(sent, { type: 8, data: { choices } });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({
      code: 50035, message: 'Invalid Form Body',
      errors: { data: { choices: { _errors: [expect.objectContaining({ message: 'Must be 25 or fewer in length.' })], 0: { name: { _errors: [expect.objectContaining({ message: 'Must be 100 or fewer in length.' })] } } } } },
    });
    held.get('autocomplete')!();
    held.delete('autocomplete');
    await fake.waitFor((r) => r.path.endsWith(`${sent.token}/callback`) && r.status === 204, 'the bot’s own answer');
  });

  it('refuses a message response type to an autocomplete', async () => {
    const sent = fake.autocomplete('search', 'query', 'hold', { guildId: GUILD_ID });
    await until(() => held.has('autocomplete'));
    expect((await (await callback(sent, { type: 4, data: { content: 'hi' } })).json())).toMatchObject({ code: 50035, errors: { type: expect.anything() } });
    held.get('autocomplete')!();
    held.delete('autocomplete');
  });

  it('answers an interaction answered twice with 40060', async () => {
    const sent = fake.command('lesson', { topic: '39' }, { guildId: GUILD_ID });
    expect((await sent.callback()).status).toBe(204);
    const res = await callback(sent, { type: 4, data: { content: 'again' } });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ code: 40060, message: 'Interaction has already been acknowledged.' });
  });

  it('refuses the first answer after 3 s with 10062 Unknown interaction', async () => {
    const sent = fake.autocomplete('search', 'query', 'hold', { guildId: GUILD_ID });
    await until(() => held.has('autocomplete'));
    fake.advance(3001);
    held.get('autocomplete')!();
    held.delete('autocomplete');
    const { status, error } = await sent.callback();
    expect({ status, error }).toEqual({ status: 404, error: { code: 10062, message: 'Unknown interaction' } });
  });

  it('refuses a webhook call before the interaction is answered with 10015 Unknown Webhook', async () => {
    const sent = fake.command('roadmap', {}, { guildId: GUILD_ID });
    const res = await fetch(`${fake.apiRoot}/v10/webhooks/${APP_ID}/${sent.token}/messages/@original`, { method: 'PATCH', headers: { 'content-type': 'application/json' }, body: '{"content":"early"}' });
    expect(await res.json()).toEqual({ code: 10015, message: 'Unknown Webhook' });
    await until(() => held.has('roadmap'));
    held.get('roadmap')!();
    held.delete('roadmap');
    await sent.webhook();
  });

  it('refuses the edit 15 minutes after the interaction with 50027 Invalid Webhook Token, and the adapter logs it', async () => {
    const sent = fake.command('roadmap', {}, { guildId: GUILD_ID });
    expect((await sent.callback()).body).toMatchObject({ type: 5 });
    await until(() => held.has('roadmap'));
    fake.advance(15 * 60_000);
    held.get('roadmap')!();
    held.delete('roadmap');
    const edit = await sent.webhook();
    expect({ status: edit.status, error: edit.error }).toEqual({ status: 401, error: { code: 50027, message: 'Invalid Webhook Token' } });
    const failed = () => logged.find((l) => l.msg === 'discord interaction failed' && l.interaction === sent.id);
    await until(() => Boolean(failed()));
    expect(failed()?.err?.message).toBe('Invalid Webhook Token');
  });
});

describe('the gateway', () => {
  /** Opens a raw socket, sends `packets` after HELLO, and resolves with the close code and reason. */
  async function closeAfter(...packets: string[]): Promise<{ code: number; reason: string }> {
    const ws = new WebSocket(fake.gatewayUrl);
    await once(ws, 'message');
    for (const p of packets) ws.send(p);
    const [code, reason] = (await once(ws, 'close')) as [number, Buffer];
    return { code, reason: String(reason) };
  }
  const identify = (d: object) => JSON.stringify({ op: 2, d });
  const properties = { os: 'linux', browser: 'test', device: 'test' };

  it.each<[string, string[], number, string]>([
    ['a wrong token', [identify({ token: 'wrong', properties, intents: 1 })], 4004, 'Authentication failed.'],
    ['a payload that is not JSON', ['{not json'], 4002, 'Error while decoding payload.'],
    ['an IDENTIFY without properties', [identify({ token: 'fake-token', intents: 1 })], 4002, 'Error while decoding payload.'],
    ['an IDENTIFY without intents', [identify({ token: 'fake-token', properties })], 4013, 'Invalid intent(s).'],
    ['an IDENTIFY for shard 2 of 2', [identify({ token: 'fake-token', properties, intents: 1, shard: [2, 2] })], 4010, 'Invalid shard.'],
    ['an unknown opcode', [JSON.stringify({ op: 99, d: null })], 4001, 'Unknown opcode.'],
    ['a presence update before IDENTIFY', [JSON.stringify({ op: 3, d: { since: null, activities: [], status: 'online', afk: false } })], 4003, 'Not authenticated.'],
    ['a second IDENTIFY', [identify({ token: 'fake-token', properties, intents: 1 }), identify({ token: 'fake-token', properties, intents: 1 })], 4005, 'Already authenticated.'],
  ])('closes the connection on %s', async (_name, packets, code, reason) => {
    expect(await closeAfter(...packets)).toEqual({ code, reason });
  });

  it('does not let discord.js log in with a wrong token', async () => {
    const wrong = createDiscordPlatform({ core: app.core, config: { discord: { token: 'wrong-token', apiRoot: fake.apiRoot } }, log: pino({ level: 'silent' }) });
    await expect(wrong.start()).rejects.toThrow(/invalid token/i);
    await wrong.stop();
  });
});

async function until(done: () => boolean, ms = 3000): Promise<void> {
  const end = performance.now() + ms;
  while (!done()) {
    if (performance.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 5));
  }
}
