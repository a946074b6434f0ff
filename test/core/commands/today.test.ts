import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Caller } from '../../../src/core/command.js';
import { replyText } from '../../../src/core/reply.js';
import { Dispatcher } from '../../../src/schedule/dispatcher.js';
import { RecordingMessenger } from '../../fakes/recording-messenger.js';
import { makeApp, type TestApp } from '../../helpers/app.js';

let app: TestApp;
beforeEach(() => {
  app = makeApp({ now: '2026-03-02T00:00:00Z' }); // 08:00 in Shanghai
});
afterEach(async () => {
  await app.dispose();
});

const me: Caller = { platform: 'telegram', userId: '100', chatId: '100', chatKind: 'private', canManageChat: true };

describe('/today', () => {
  it.each([
    ['en', '== Today · lesson 1 · Virtualization principles ==', 'Day 1 on this lesson. Today’s slow step: read “Why it matters”', '- Reviews due: 0', '- Streak: 1 day'],
    ['zh', '== 今日 · 第 1 课 · 虚拟化原理 ==', '这一课的第 1 天。今天的一小步：读“为什么重要”', '- 待复习：0 题', '- 连续学习：1 天'],
  ])('shows today\'s lesson and slow step, reviews due and streak (%s)', async (locale, title, step, due, streak) => {
    const chat = app.chat('ada', locale);
    await chat.handle('/done 0');
    const out = await chat.handle('/today');
    expect(out.split('\n')[0]).toBe(title);
    expect(out).toContain(step);
    expect(out).toContain(due);
    expect(out).toContain(streak);
  });

  it.each([
    ['en', 'No daily prompt yet: /subscribe sends this every day at your hour.', 'Next prompt: 09:00 (Asia/Shanghai)', 'Your daily prompt is paused: /resume brings it back.'],
    ['zh', '还没有订阅每日提醒：用 /subscribe，每天在你选定的时间收到这些内容。', '下次提醒：09:00 (Asia/Shanghai)', '每日提醒已暂停：用 /resume 恢复。'],
  ])('says when the next prompt comes, or that there is none (%s)', async (locale, none, next, paused) => {
    const chat = app.chat('ada', locale);
    expect(await chat.handle('/today')).toContain(none);
    await chat.handle('/subscribe 09:00 Asia/Shanghai');
    expect(await chat.handle('/today')).toContain(next);
    await chat.handle('/pause');
    expect(await chat.handle('/today')).toContain(paused);
  });

  it('previews what the daily prompt then sends, and moves nothing along', async () => {
    await app.core.text(me, '/subscribe 09:00 Asia/Shanghai');
    const preview = await app.core.text(me, '/today');
    app.setNow('2026-03-02T01:00:00Z');
    const messenger = new RecordingMessenger();
    await new Dispatcher({ services: app.services, messengers: [messenger], log: pino({ level: 'silent' }) }).tick();
    const sent = messenger.sent[0]!.reply;
    expect(preview.title).toBe(sent.title);
    expect(preview.buttons).toEqual(sent.buttons);
    expect(replyText(preview)).toContain(replyText(sent));
    expect(replyText(await app.core.text(me, '/progress'))).toMatch(/0 of \d+ lessons done/);
  });
});
