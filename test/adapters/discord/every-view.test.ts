import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SECTIONS } from '../../../src/core/lessons/sections.js';
import type { FakeDiscord, FakeUser } from '../../fakes/discord-server.js';
import type { TestApp } from '../../helpers/app.js';
import { startDiscordTestbed, type DiscordTestbed } from '../../helpers/discord.js';

// Every view a learner can open, in both languages, through the real client into the strict fake:
// whatever Discord would refuse (a description over 4096, 6000 characters in a message, a repeated
// custom_id) shows up here as a refusal naming the lesson and section.
let fake: FakeDiscord;
let app: TestApp;
let bed: DiscordTestbed;

beforeAll(async () => {
  bed = await startDiscordTestbed();
  ({ fake, app } = bed);
});

afterAll(async () => {
  await bed?.close();
});

/** Waits until the bot has sent nothing for a while: the last follow-ups of the last view are in. */
async function settled(quietMs = 100): Promise<void> {
  let seen = -1;
  while (seen !== fake.requests.length) {
    seen = fake.requests.length;
    await new Promise((r) => setTimeout(r, quietMs));
  }
}

describe.each([
  ['en', 'en-US'],
  ['zh', 'zh-CN'],
])('every lesson view in %s', (lang, locale) => {
  const user: FakeUser = { id: lang === 'en' ? '1300000000000000051' : '1300000000000000052', username: `viewer-${lang}` };

  it('renders every section of every lesson as Discord accepts it', async () => {
    const views: string[] = [];
    for (const lesson of app.services.library.lessons) {
      const id = lesson.entry.id;
      const opened = await fake.command('lesson', { topic: String(id) }, { user, locale }).callback();
      views.push(`lesson ${id}: ${opened.status}`);
      for (const s of SECTIONS) {
        const pressed = await fake.button(`sec:${id}:${s.key}`, { user, locale }).callback();
        views.push(`${id}/${s.key}: ${pressed.status}`);
      }
    }
    await settled();
    expect(fake.refusals()).toEqual([]);
    expect(views.filter((v) => !/: 204$/.test(v))).toEqual([]);
    expect(views.length).toBe(app.services.library.lessons.length * (SECTIONS.length + 1));
  });

  it.each(['progress', 'roadmap', 'help', 'next', 'quiz'])('renders /%s as Discord accepts it', async (command) => {
    const { status } = await fake.command(command, {}, { user, locale }).callback();
    await settled();
    expect(fake.refusals()).toEqual([]);
    expect(status).toBe(204);
  });
});
