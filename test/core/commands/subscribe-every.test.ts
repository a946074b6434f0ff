import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Caller } from '../../../src/core/command.js';
import { replyText } from '../../../src/core/reply.js';
import { makeApp, type TestApp } from '../../helpers/app.js';

let app: TestApp;
beforeEach(() => {
  app = makeApp();
});
afterEach(async () => {
  await app.dispose();
});

const group = (locale: 'en' | 'zh'): Caller => ({ platform: 'telegram', userId: '1', chatId: '-5', chatKind: 'group', canManageChat: true, localeHint: locale });
const say = async (caller: Caller, line: string) => replyText(await app.core.text(caller, line));

describe('/subscribe every N in a group', () => {
  it.each([
    ['en', '/subscribe 08:00 Asia/Shanghai every 3', 'The lesson of the day moves on every 3 days.'],
    ['en', '/subscribe 08:00 Asia/Shanghai 3', 'The lesson of the day moves on every 3 days.'],
    ['en', '/subscribe 08:00 every=2', 'The lesson of the day moves on every 2 days.'],
    ['en', '/subscribe 08:00', 'The lesson of the day moves on every day; add “every 3” to give the group 3 days per lesson (1–14).'],
    ['zh', '/subscribe 08:00 Asia/Shanghai every 3', '当日课程每 3 天换一课。'],
  ])('(%s) %s echoes every option in the confirmation', async (locale, line, every) => {
    const out = await say(group(locale as 'en' | 'zh'), line);
    expect(out).toContain(every);
    expect(out).toContain('08:00 (');
  });

  it.each([
    ['en', '/subscribe 08:00 UTC every 15', '15 is out of range: every takes a whole number from 1 to 14.'],
    ['en', '/subscribe 08:00 UTC 0', '0 is out of range: every takes a whole number from 1 to 14.'],
    ['en', '/subscribe 08:00 UTC every x', '“x” is not a whole number: every takes a whole number from 1 to 14.'],
    ['zh', '/subscribe 08:00 UTC every 15', '15 超出范围：every 的取值是 1–14 的整数。'],
  ])('(%s) %s says what is wrong and the range, and changes nothing', async (locale, line, message) => {
    expect(await say(group(locale as 'en' | 'zh'), line)).toBe(message);
    expect(await app.store.getSubscription('telegram', '-5')).toBeUndefined();
  });
});

describe('/subscribe every N in a private chat', () => {
  it('says every is for groups instead of storing a value nothing reads', async () => {
    const chat = app.chat();
    expect(await chat.handle('/subscribe 09:00 UTC every 3')).toBe(
      '“every 3” is for group channels, where the group shares a lesson of the day. Your own prompt comes every day and moves on when you mark the lesson done, so nothing was changed.',
    );
    expect(await app.store.getSubscription('console', 'ada')).toBeUndefined();
  });

  it('leaves "every" in a search as words', async () => {
    expect(await app.chat().handle('/search every day')).toMatch(/^== Search: every day ==/);
  });
});
