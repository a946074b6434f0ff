import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import type { Caller } from '../../../src/core/command.js';
import { replyText } from '../../../src/core/reply.js';
import { Dispatcher } from '../../../src/schedule/dispatcher.js';
import { RecordingMessenger } from '../../fakes/recording-messenger.js';
import { makeApp, type TestApp } from '../../helpers/app.js';

// Counts of one read as one: "1 days" and "today's 1 reviews" read as bugs to a newcomer.
let app: TestApp;
afterEach(async () => {
  await app.dispose();
});

const me: Caller = { platform: 'telegram', userId: '100', chatId: '100', chatKind: 'private', canManageChat: true };

describe('counts of one', () => {
  it.each([
    ['en', 'That is today’s review: one a day is the pace you chose.'],
    ['zh', '今天的 1 道复习题已经做完，够了。'],
  ])('a review cap of 1 says "today’s review" (%s)', async (locale, capped) => {
    app = makeApp({ now: '2026-03-02T01:00:00Z', config: (c) => (c.schedule.reviewCap = 1) });
    const chat = app.chat('ada', locale);
    await chat.handle('/done 0');
    app.setNow('2026-03-05T02:00:00Z');
    await chat.handle('/quiz');
    await chat.handle('a'); // show the answer
    await chat.handle('c'); // "Good"
    const out = await chat.handle('/quiz');
    expect(out).toContain(capped);
    expect(out).not.toContain('1 reviews');
  });

  it('a prompt after one day on a lesson says "a day", not "1 days"', async () => {
    app = makeApp({ now: '2026-03-02T00:00:00Z', config: (c) => (c.schedule.stayAfterDays = 1) });
    await app.core.text(me, '/subscribe 09:00 Asia/Shanghai');
    const messenger = new RecordingMessenger();
    const dispatcher = new Dispatcher({ services: app.services, messengers: [messenger], log: pino({ level: 'silent' }) });
    app.setNow('2026-03-02T01:00:00Z');
    await dispatcher.tick();
    app.setNow('2026-03-03T01:00:00Z');
    await dispatcher.tick();
    const second = replyText(messenger.sent.at(-1)!.reply);
    expect(second).toContain('You have spent a day on this lesson. Stay with it, or move on?');
    expect(second).not.toContain('1 days');
  });
});
