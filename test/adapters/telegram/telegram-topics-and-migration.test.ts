// Defects 5 and 6: a group that becomes a supergroup keeps its subscription; in a forum, the bot
// answers (commands, button presses, daily prompts) in the topic it was asked in.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Reply } from '../../../src/core/reply.js';
import { startTelegramHarness, type TelegramHarness } from '../../fakes/telegram-harness.js';

let h: TelegramHarness;
beforeAll(async () => {
  h = await startTelegramHarness();
});
afterAll(async () => {
  await h?.stop();
});

const prompt: Reply = { title: 'Today: lesson 15', blocks: [{ kind: 'paragraph', text: 'One lesson.' }], buttons: [] };
let nextChat = -1005550000;

describe.concurrent('a forum supergroup', () => {
  it('answers a command in the topic it came from', async () => {
    const member = h.fake.user({ userId: 801, chatId: --nextChat, type: 'supergroup', topic: 17 });
    const [lesson] = await member.command('/lesson 39');
    expect(lesson).toMatchObject({ threadId: 17, text: expect.stringMatching(/^Lesson 39 · /) });
  });

  it('answers a button press with a new message in the topic of the pressed message', async () => {
    const member = h.fake.user({ userId: 802, chatId: --nextChat, type: 'supergroup', topic: 23 });
    const [lesson] = await member.command('/lesson 15');
    const quiz = lesson!.buttons.flat().find((b) => b.label === 'Quiz me')!;
    const added = await member.press(lesson!, quiz.action);
    expect(added.length).toBeGreaterThan(0);
    expect(added.map((m) => m.threadId)).toEqual(added.map(() => 23));
  });

  it('sends the daily prompt of a subscription made in a topic to that topic', async () => {
    const chatId = --nextChat;
    h.fake.makeAdmin(chatId, 803);
    const admin = h.fake.user({ userId: 803, chatId, type: 'supergroup', topic: 41 });
    await admin.command('/subscribe 08:00 UTC');
    const sub = await h.app.store.getSubscription('telegram', `${chatId}/41`);
    expect(sub).toMatchObject({ kind: 'channel', status: 'active' });
    await h.platform.messenger.send(sub!.chatId, prompt);
    expect(h.fake.messages(chatId).at(-1)).toMatchObject({ threadId: 41, text: 'Today: lesson 15\n\nOne lesson.' });
  });
});

describe('a group upgraded to a supergroup', () => {
  async function subscribedGroup(): Promise<{ old: number; id: number }> {
    const old = -(4000 + Math.floor(Math.random() * 1000));
    h.fake.makeAdmin(old, 810);
    await h.fake.user({ userId: 810, chatId: old, type: 'group' }).command('/subscribe 08:00 UTC');
    const sub = await h.app.store.getSubscription('telegram', String(old));
    expect(sub).toBeDefined();
    return { old, id: sub!.id };
  }

  it('moves its subscription on the migrate_to_chat_id service message', async () => {
    const { old, id } = await subscribedGroup();
    const to = -1006660001;
    await h.platform.bot.handleUpdate({
      update_id: 990001,
      message: { message_id: 5, date: 0, chat: { id: old, type: 'group', title: 'study' }, from: { id: 810, is_bot: false, first_name: 'a' }, migrate_to_chat_id: to },
    });
    expect(await h.app.store.getSubscription('telegram', String(old))).toBeUndefined();
    expect(await h.app.store.getSubscription('telegram', String(to))).toMatchObject({ id, status: 'active' });
  });

  it('takes the members the bot saw in the group to the supergroup, for the group view', async () => {
    const { old } = await subscribedGroup();
    await h.fake.user({ userId: 811, chatId: old, type: 'group' }).command('/done 0');
    const to = -1006660003;
    await h.platform.bot.handleUpdate({
      update_id: 990003,
      message: { message_id: 6, date: 0, chat: { id: old, type: 'group', title: 'study' }, from: { id: 810, is_bot: false, first_name: 'a' }, migrate_to_chat_id: to },
    });
    expect(await h.app.store.chatProgress('telegram', String(to))).toEqual({ members: 2, doneByLesson: new Map([[0, 1]]) });
  });

  it('moves its subscription and sends the prompt there when Telegram answers that the group was upgraded', async () => {
    const { old, id } = await subscribedGroup();
    const to = -1006660002;
    h.fake.failNext('sendMessage', { error_code: 400, description: 'Bad Request: group chat was upgraded to a supergroup chat', parameters: { migrate_to_chat_id: to } });
    await h.platform.messenger.send(String(old), prompt);
    expect(h.fake.messages(to).map((m) => m.text)).toEqual(['Today: lesson 15\n\nOne lesson.']);
    expect(await h.app.store.getSubscription('telegram', String(to))).toMatchObject({ id, status: 'active' });
    expect(await h.app.store.getSubscription('telegram', String(old))).toBeUndefined();
  });
});
