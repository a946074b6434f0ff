import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTelegramHarness, type TelegramHarness } from '../../fakes/telegram-harness.js';
import { BOT_USERNAME } from '../../fakes/telegram-server.js';

let h: TelegramHarness;
beforeAll(async () => {
  h = await startTelegramHarness();
});
afterAll(async () => {
  await h?.stop();
});

// Each test in its own supergroup: the throttler spaces messages to one group a second apart.
let nextGroup = -1001234500;
function group() {
  const chatId = --nextGroup;
  return {
    chatId,
    admin: h.fake.user({ userId: 501, chatId, type: 'supergroup' }),
    member: h.fake.user({ userId: 502, chatId, type: 'supergroup' }),
  };
}

describe.concurrent('the Telegram bot in a group', () => {
  it('refuses /subscribe from a member politely and lets an admin subscribe the group', async () => {
    const { chatId, admin, member } = group();
    h.fake.makeAdmin(chatId, 501);
    const [refused] = await member.command('/subscribe 08:00 UTC');
    expect(refused!.text).toMatch(/^Only an admin of this chat .* can change its daily prompt\./);
    const [ok] = await admin.command(`/subscribe@${BOT_USERNAME} 08:00 UTC`);
    expect(ok!.text).toContain('Every day at 08:00 (UTC) this channel gets the group’s lesson of the day');
    const asked = h.fake.callsOf('getChatMember').filter((c) => c.payload.chat_id === chatId);
    expect(asked.map((c) => c.payload.user_id)).toEqual([502, 501]);
  });

  it('lets anyone look a lesson up, without asking Telegram who is an admin', async () => {
    const { chatId, member } = group();
    const [lesson] = await member.command('/lesson 39');
    expect(lesson!.text).toMatch(/^Lesson 39 · Kubernetes Services/);
    expect(h.fake.callsOf('getChatMember').filter((c) => c.payload.chat_id === chatId)).toEqual([]);
  });

  it('ignores chatter and commands meant for another bot', async () => {
    const { member } = group();
    expect(await member.say('what a nice day')).toEqual([]);
    expect(await member.command('/lesson@OtherBot 39')).toEqual([]);
    expect(await member.command('/weather')).toEqual([]);
  });

  it('answers a private note to a button press as an alert only the presser sees', async () => {
    const { member } = group();
    const [lesson] = await member.command('/lesson 15');
    const before = h.fake.callsOf('answerCallbackQuery').length;
    expect(await member.press(lesson!, 'rate:15:99:9')).toEqual([]);
    expect(h.fake.callsOf('answerCallbackQuery').slice(before).map((c) => c.payload)).toContainEqual(
      expect.objectContaining({ text: 'That button no longer works. Try /help.', show_alert: true }),
    );
  });
});
