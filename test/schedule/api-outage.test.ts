import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { localMoment } from '../../src/core/study/local-time.js';
import { Dispatcher } from '../../src/schedule/dispatcher.js';
import { startTelegramHarness, type TelegramHarness } from '../fakes/telegram-harness.js';

let h: TelegramHarness | undefined;
afterEach(async () => {
  await h?.stop();
  h = undefined;
});

const MINUTE = 60_000;

/** Learners whose prompt is due at 09:00 UTC, one of them an hour before their local midnight. */
const LEARNERS = [
  { userId: 701, subscribe: '09:00 UTC' },
  { userId: 702, subscribe: '17:00 Asia/Shanghai' },
  { userId: 703, subscribe: '23:00 Pacific/Kiritimati' },
  { userId: 704, subscribe: '22:00 Pacific/Pago_Pago' },
  { userId: 705, subscribe: '04:00 America/New_York' },
];

/** One dispatcher, ticked once a simulated minute from `from` for `minutes` minutes. */
async function tickMinutes(harness: TelegramHarness, from: string, minutes: number) {
  const d = new Dispatcher({ services: harness.app.services, messengers: [harness.platform.messenger], log: pino({ level: 'silent' }), concurrency: 4 });
  for (let i = 0; i <= minutes; i++) {
    harness.app.setNow(new Date(Date.parse(from) + i * MINUTE));
    await d.tick();
  }
}

describe('the daily prompt through a Bot API outage', () => {
  it('arrives exactly once, the same local day, when the API answers 502 for ten minutes from 09:00', async () => {
    h = await startTelegramHarness();
    h.app.setNow('2026-03-02T08:00:00Z');
    const users = LEARNERS.map((l) => ({ ...l, user: h!.fake.user({ userId: l.userId, languageCode: 'en' }) }));
    const before = new Map<number, number>();
    for (const u of users) {
      await u.user.command(`/subscribe ${u.subscribe}`);
      before.set(u.userId, h.fake.messages(u.userId).length);
    }
    const clock = h.app.services.clock;
    const recovers = Date.parse('2026-03-02T09:10:00Z');
    h.fake.failWhile('sendMessage', () => (clock().getTime() < recovers ? { error_code: 502, description: 'Bad Gateway' } : undefined));

    await tickMinutes(h, '2026-03-02T09:00:00Z', 30);

    for (const u of users) {
      const prompts = h.fake.messages(u.userId).slice(before.get(u.userId));
      expect(prompts, u.subscribe).toHaveLength(1);
      expect(prompts[0]!.text).toMatch(/^Today · lesson 0 · /);
      const sub = (await h.app.store.getSubscription('telegram', String(u.userId)))!;
      const dueDay = localMoment(new Date('2026-03-02T09:00:00Z'), sub.timezone).date;
      const delivery = await h.app.store.getDelivery(sub.id, dueDay);
      expect(delivery, u.subscribe).toMatchObject({ status: 'sent' });
      expect(localMoment(new Date(delivery!.sentAt!), sub.timezone).date).toBe(dueDay);
    }
    expect(h.fake.callsOf('sendMessage').length).toBeGreaterThan(users.length * 4); // it really was down
  }, 120_000);

  it.each([
    ['blocked the bot (403)', { error_code: 403, description: 'Forbidden: bot was blocked by the user' }],
    ['a chat that is gone (400 chat not found)', { error_code: 400, description: 'Bad Request: chat not found' }],
  ])('keeps a permanent error final: %s is tried once and never again that day', async (_what, error) => {
    h = await startTelegramHarness();
    h.app.setNow('2026-03-02T08:00:00Z');
    const ada = h.fake.user({ userId: 801, languageCode: 'en' });
    await ada.command('/subscribe 09:00 UTC');
    const sendsTo801 = () => h!.fake.callsOf('sendMessage').filter((c) => String(c.payload.chat_id) === '801').length;
    const confirmations = sendsTo801();
    h.fake.failWhile('sendMessage', (payload) => (String(payload.chat_id) === '801' ? error : undefined));
    await tickMinutes(h, '2026-03-02T09:00:00Z', 20);
    expect(sendsTo801() - confirmations).toBe(1);
    expect(await h.app.store.getSubscription('telegram', '801')).toMatchObject({ status: 'stopped' });
  }, 60_000);
});
