import { ButtonStyle, ComponentType } from 'discord.js';
import { afterEach, describe, expect, it } from 'vitest';
import { renderButtons } from '../../src/adapters/discord/render-buttons.js';
import { renderKeyboard } from '../../src/adapters/telegram/render-keyboard.js';
import type { Caller } from '../../src/core/command.js';
import type { Reply } from '../../src/core/reply.js';
import { checkLink } from '../../src/web/signed-link.js';
import { makeApp, type TestApp } from '../helpers/app.js';

const PUBLIC = 'https://study.example.org';
const SECRET = 'read-button-secret';
const caller = (chatKind: 'private' | 'group', localeHint: 'en' | 'zh' = 'en'): Caller =>
  ({ platform: 'telegram', userId: '9', chatId: chatKind === 'private' ? '9' : '-100', chatKind, canManageChat: true, localeHint });
const linkButtons = (r: Reply) => r.buttons.flat().filter((b) => b.url);

let app: TestApp | undefined;
afterEach(async () => {
  await app?.dispose();
  app = undefined;
});

function appWith(publicUrl: string, linkSecret?: string): TestApp {
  app = makeApp({ config: (c) => (c.web = { publicUrl, linkSecret }) });
  return app;
}

// The first app of the file loads the lessons and builds the index: slow on a busy machine.
describe('the Read button on a lesson', { timeout: 60_000 }, () => {
  it.each<['en' | 'zh', string]>([
    ['en', `${PUBLIC}/lessons/12`],
    ['zh', `${PUBLIC}/lessons/12?lang=zh`],
  ])('opens the lesson page in the learner’s language (%s) when a public URL is set', async (locale, url) => {
    const reply = await appWith(PUBLIC).core.text(caller('private', locale), '/lesson 12');
    expect(linkButtons(reply)).toEqual([{ label: locale === 'zh' ? '阅读' : 'Read', url, webApp: true, action: 'read:12' }]);
  });

  it('is absent without a public URL', async () => {
    const reply = await appWith('').core.text(caller('private'), '/lesson 12');
    expect(linkButtons(reply)).toEqual([]);
  });

  it.each<[string, boolean, unknown]>([
    ['a Mini App in a Telegram private chat', true, { text: 'Read', web_app: { url: `${PUBLIC}/lessons/12` } }],
    ['a plain link in a Telegram group', false, { text: 'Read', url: `${PUBLIC}/lessons/12` }],
  ])('is %s', async (_name, webApps, button) => {
    const reply = await appWith(PUBLIC).core.text(caller(webApps ? 'private' : 'group'), '/lesson 12');
    expect(renderKeyboard(reply.buttons, { webApps })!.inline_keyboard.flat()).toContainEqual(button);
  });

  it('is a link button on Discord', async () => {
    const reply = await appWith(PUBLIC).core.text(caller('group'), '/lesson 12');
    const components = renderButtons(reply.buttons).flatMap((row) => row.components);
    expect(components).toContainEqual({ type: ComponentType.Button, style: ButtonStyle.Link, label: 'Read', url: `${PUBLIC}/lessons/12` });
  });
});

describe('the roadmap page button', () => {
  it('carries a link signed for the learner, in a private chat', async () => {
    const reply = await appWith(PUBLIC, SECRET).core.text(caller('private'), '/roadmap');
    const [button] = linkButtons(reply);
    expect(button!.url).toMatch(/^https:\/\/study\.example\.org\/roadmap\?u=telegram%3A9&e=\d+&s=/);
    const check = checkLink(SECRET, new URL(button!.url!).searchParams, new Date('2026-03-02T01:00:00Z').getTime() / 1000);
    expect(check).toMatchObject({ ok: true, claim: { learner: 'telegram:9' } });
  });

  it.each<[string, string, string | undefined, 'private' | 'group']>([
    ['in a group, where anyone could press it', PUBLIC, SECRET, 'group'],
    ['without a link secret', PUBLIC, undefined, 'private'],
    ['without a public URL', '', SECRET, 'private'],
  ])('is absent %s', async (_name, publicUrl, secret, kind) => {
    const reply = await appWith(publicUrl, secret).core.text(caller(kind), '/roadmap');
    expect(linkButtons(reply)).toEqual([]);
  });
});
