import { setTimeout as sleep } from 'node:timers/promises';
import { pino } from 'pino';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { DiscordCore } from '../../../src/adapters/discord/interaction-replies.js';
import { GUILD_ID, type FakeDiscord, type SentInteraction } from '../../fakes/discord-server.js';
import { startDiscordTestbed, type DiscordTestbed } from '../../helpers/discord.js';

// A core that is slow for some commands and broken for others, to drive the adapter's own
// safety nets: defer before Discord's 3 s deadline, and apologize when something throws.
let fake: FakeDiscord;
let bed: DiscordTestbed;
const errors: unknown[] = [];

beforeAll(async () => {
  const log = pino({ level: 'error' }, { write: (line: string) => void errors.push(JSON.parse(line)) });
  bed = await startDiscordTestbed({ core: (app) => slowAndBroken(app.core), log, deferAfterMs: 50 });
  fake = bed.fake;
});

// The fake is as strict as Discord: nothing the bot sent may have been refused.
afterEach(() => {
  expect(fake.refusals()).toEqual([]);
});

afterAll(async () => {
  await bed?.close();
});

function slowAndBroken(real: DiscordCore): DiscordCore {
  return {
    command: async (caller, name, args) => {
      if (name === 'help') throw new Error('boom: help');
      if (name === 'roadmap' || name === 'search' || name === 'progress') await sleep(250);
      return real.command(caller, name, args);
    },
    press: async (caller, action) => {
      await sleep(250);
      return real.press(caller, action);
    },
    autocomplete: (caller, name, option, partial) => {
      if (partial === 'boom') throw new Error('boom: autocomplete');
      return real.autocomplete(caller, name, option, partial);
    },
  };
}

const inGuild = { guildId: GUILD_ID, channelId: '1400000000000000001' };

describe('deadlines and failures', () => {
  it('defers a slow command, then fills in the deferred reply', async () => {
    const sent = fake.command('roadmap', {}, inGuild);
    expect((await sent.callback()).body).toMatchObject({ type: 5, data: { flags: 0 } });
    const edit = await sent.webhook();
    expect(edit.method).toBe('PATCH');
    expect(edit.path).toMatch(/\/messages\/@original$/);
    expect(edit.body.embeds[0].title).toMatch(/^The roadmap · 0\//);
  });

  it('defers a slow lookup asked for in private as ephemeral', async () => {
    const sent = fake.command('search', { query: 'vxlan', private: true }, inGuild);
    expect((await sent.callback()).body).toMatchObject({ type: 5, data: { flags: 64 } });
    expect((await sent.webhook()).body.embeds[0].title).toBe('Search: vxlan');
  });

  it('moves a slow reply that turned out private (progress in a channel) from the public placeholder to an ephemeral follow-up', async () => {
    const sent = fake.command('progress', {}, inGuild);
    expect((await sent.callback()).body).toMatchObject({ type: 5, data: { flags: 0 } });
    expect(await sent.webhook(1)).toMatchObject({ method: 'DELETE', path: expect.stringMatching(/@original$/) });
    expect((await sent.webhook(2)).body).toMatchObject({ flags: 64, embeds: [{ title: expect.stringMatching(/progress/i) }] });
  });

  it('acknowledges a slow button press, then edits the message it was on', async () => {
    const sent = fake.button('sec:39:ideas');
    expect((await sent.callback()).body).toEqual({ type: 6 });
    const edit = await sent.webhook();
    expect(edit.method).toBe('PATCH');
    expect(edit.body.embeds[0].description).toContain('**Key ideas**');
  });

  it('acknowledges a slow press in a study channel, then sends what it shows to the presser alone as a follow-up', async () => {
    const sent = fake.button('sec:39:ideas', inGuild);
    expect((await sent.callback()).body).toEqual({ type: 6 });
    const followUp = await sent.webhook();
    expect(followUp.method).toBe('POST');
    expect(followUp.body.flags).toBe(64);
    expect(followUp.body.embeds[0].description).toContain('**Key ideas**');
  });

  it.each<[string, (f: FakeDiscord) => SentInteraction]>([
    ['a command', (f) => f.command('lesson', { topic: '39' }, inGuild)],
    ['a button press', (f) => f.button('sec:39:ideas')],
    ['an autocomplete', (f) => f.autocomplete('lesson', 'topic', 'kube', inGuild)],
  ])('logs %s that reached the bot too late to answer (10062), and answers the next one', async (_kind, send) => {
    const late = send(fake);
    fake.advance(3001); // it spent its 3 s on the way
    expect((await late.callback()).error).toEqual({ code: 10062, message: 'Unknown interaction' });
    await vi.waitFor(() => expect(errors.some((e) => isFailure(e, late.id, 'Unknown interaction'))).toBe(true));
    // Those refusals were the point; nothing else may be refused.
    fake.requests.splice(0);

    const next = send(fake);
    expect((await next.callback()).status).toBeLessThan(300);
  });

  it('apologizes privately when handling a command throws, and logs it with the interaction', async () => {
    const sent = fake.command('help', {}, inGuild);
    const { body } = await sent.callback();
    expect(body).toMatchObject({ type: 4, data: { flags: 64, content: 'Sorry, something went wrong on my side. Please try again in a moment.' } });
    expect(errors).toContainEqual(expect.objectContaining({ msg: 'discord interaction failed', interaction: sent.id, command: 'help', platform: 'discord' }));
  });

  it('apologizes in the caller’s language', async () => {
    const { body } = await fake.command('help', {}, { ...inGuild, locale: 'zh-CN' }).callback();
    expect(body.data.content).toBe('抱歉，我这边出了点问题，请稍后再试。');
  });

  it('answers a failing autocomplete with no choices rather than letting it time out', async () => {
    const { body } = await fake.autocomplete('search', 'query', 'boom', inGuild).callback();
    expect(body).toEqual({ type: 8, data: { choices: [] } });
  });
});

const isFailure = (e: unknown, interaction: string, message: string) => {
  const line = e as { msg?: string; interaction?: string; err?: { message?: string } };
  return line.msg === 'discord interaction failed' && line.interaction === interaction && line.err?.message === message;
};
