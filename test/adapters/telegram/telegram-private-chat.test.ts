// The real grammY bot, with its plugins, against the telegram-test-api emulator on 127.0.0.1.
// Each test talks as its own user in its own chat: learners stay apart, and the throttler's
// one message a second per chat never makes one test wait for another.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderHtml } from '../../../src/adapters/telegram/render-html.js';
import { startTelegramHarness, type TelegramHarness } from '../../fakes/telegram-harness.js';
import type { SeenMessage } from '../../fakes/telegram-server.js';

let h: TelegramHarness;
beforeAll(async () => {
  h = await startTelegramHarness();
});
afterAll(async () => {
  await h?.stop();
});

let nextUser = 1000;
const user = (languageCode?: string) => h.fake.user({ userId: ++nextUser, languageCode });
const labels = (m: SeenMessage) => m.buttons.map((row) => row.map((b) => b.label));
const action = (m: SeenMessage, label: string) => m.buttons.flat().find((b) => b.label === label)!.action;

describe('the Telegram bot in a private chat', () => {
  it('is connected once started, with the command menu set in English and Chinese', () => {
    expect(h.platform.connected()).toBe(true);
    const menus = h.fake.callsOf('setMyCommands').map((c) => c.payload);
    expect(menus.map((m) => m.language_code)).toEqual([undefined, 'en', 'zh']);
    const zh = menus[2]!.commands as { command: string; description: string }[];
    expect(zh.find((c) => c.command === 'subscribe')!.description).toBe('每天在你选定的时间收到学习提醒');
  });

  it('answers /start with the help, its commands and a button to begin', async () => {
    const [help, ...more] = await user().command('/start');
    expect(more).toEqual([]);
    expect(help!.html).toMatch(/^<b>slowfast: one lesson a day, from virtualization to Kubernetes<\/b>/);
    expect(help!.text).toContain('/subscribe [time] [timezone] [every]');
    expect(labels(help!)).toEqual([['Start with lesson 0', 'Roadmap']]);
  });

  it('opens /lesson 39 with its title, first section and inline keyboard', async () => {
    const [lesson] = await user().command('/lesson 39');
    expect(lesson!.html).toMatch(/^<b>Lesson 39 · Kubernetes Services<\/b>\n\n/);
    expect(lesson!.html).toContain('<b>Why it matters</b>\n');
    expect(labels(lesson!).slice(0, 3)).toEqual([
      ['Key ideas', 'Try it', 'Current practice'],
      ['Check yourself', 'Further reading'],
      ['✓ Done', 'Quiz me', 'Next →'],
    ]);
    expect(action(lesson!, 'Key ideas')).toBe('sec:39:ideas');
  });

  it('finds a lesson by topic: /lesson vxlan opens lesson 15', async () => {
    const [lesson] = await user().command('/lesson vxlan');
    expect(lesson!.text).toMatch(/^Lesson 15 · /);
  });

  it('answers /search 灰度发布 in Chinese for a user whose Telegram is in Chinese', async () => {
    const [found] = await user('zh-hans').command('/search 灰度发布');
    expect(found!.text).toMatch(/^搜索：灰度发布/);
    expect(found!.buttons.flat().length).toBeGreaterThan(0);
  });

  it('searches plain words', async () => {
    const [found] = await user().say('vxlan');
    expect(found!.text).toMatch(/^Search: vxlan/);
  });

  it('subscribes at 09:00 Asia/Shanghai', async () => {
    const [sub] = await user().command('/subscribe 09:00 Asia/Shanghai');
    expect(sub!.text).toContain('Every day at 09:00 (Asia/Shanghai) I will send you your lesson and a review question.');
  });
});

// Concurrent: each edit waits out the throttler's second per chat; the waits overlap.
describe.concurrent('pressing buttons', () => {
  it('edits the message in place instead of sending a new one', async () => {
    const u = user();
    const [lesson] = await u.command('/lesson 39');
    expect(await u.press(lesson!, action(lesson!, 'Current practice'))).toEqual([]);
    const [edited, ...others] = h.fake.messages(u.chatId);
    expect(others).toEqual([]);
    expect(edited!.id).toBe(lesson!.id);
    expect(edited!.html).toMatch(/^<b>Lesson 39 · Kubernetes Services<\/b>\n\n<b>Current practice<\/b>\n/);
    expect(edited!.text).not.toContain('Why it matters\n');
    expect(labels(edited!)[0]).toEqual(['Why it matters', 'Key ideas', 'Try it']);
  });

  it('edits in the start of a section too long for one message and sends the rest below it', async () => {
    const u = user();
    const [lesson] = await u.command('/lesson 39');
    const press = action(lesson!, 'Key ideas');
    const caller = { platform: 'telegram', userId: String(u.chatId), chatId: String(u.chatId), chatKind: 'private' as const, canManageChat: true };
    const expected = renderHtml(await h.app.core.press(caller, press)).parts;
    expect(expected.length, 'lesson 39 Key ideas no longer needs two messages: pick a longer section').toBeGreaterThan(1);

    const added = await u.press(lesson!, press);
    const [edited] = h.fake.messages(u.chatId);
    expect(edited!.id).toBe(lesson!.id);
    expect([edited!, ...added].map((m) => m.html)).toEqual(expected);
    expect(edited!.html).toMatch(/^<b>Lesson 39 · Kubernetes Services<\/b>\n\n<b>Key ideas<\/b>\n/);
    expect(edited!.buttons).toEqual([]);
    expect(labels(added.at(-1)!)[0]).toEqual(['Why it matters', 'Try it', 'Current practice']);
  });

  it('shows the Check yourself answers as spoilers', async () => {
    const u = user();
    const [lesson] = await u.command('/lesson 15');
    await u.press(lesson!, action(lesson!, 'Check yourself'));
    expect(h.fake.messages(u.chatId)[0]!.html).toMatch(/<tg-spoiler>[^<]+/);
  });

  it('runs a quiz: the answer is revealed in place, with rating buttons', async () => {
    const u = user();
    const [question] = await u.command('/quiz 15');
    expect(labels(question!)).toEqual([['Show answer']]);
    expect(await u.press(question!, action(question!, 'Show answer'))).toEqual([]);
    const [answered] = h.fake.messages(u.chatId);
    expect(answered!.html).toContain('<b>Answer</b>\n');
    expect(labels(answered!)).toEqual([['Again', 'Hard', 'Good', 'Easy']]);
  });
});

describe('round trip through the emulator', () => {
  it('answers /lesson 39 in well under a second', async () => {
    const times: number[] = [];
    for (let i = 0; i < 5; i++) {
      const u = user();
      const arrived = h.fake.server.waitBotMessage();
      const started = performance.now();
      await u.command('/lesson 39');
      await arrived;
      times.push(performance.now() - started);
    }
    times.sort((a, b) => a - b);
    console.log(`/lesson 39 round trip through telegram-test-api (ms): min ${times[0]!.toFixed(1)}, median ${times[2]!.toFixed(1)}, max ${times[4]!.toFixed(1)}`);
    expect(times[2]).toBeLessThan(1000);
  });
});
