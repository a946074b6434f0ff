import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Caller } from '../../src/core/command.js';
import { Dispatcher } from '../../src/schedule/dispatcher.js';
import { makeApp, type TestApp } from '../helpers/app.js';
import { RecordingMessenger } from '../fakes/recording-messenger.js';

let app: TestApp;
let messenger: RecordingMessenger;
let waits: number[];

const dispatcher = () =>
  new Dispatcher({
    services: app.services, messengers: [messenger], log: pino({ level: 'silent' }), staleAfterMs: 60_000,
    sleep: async (ms) => {
      waits.push(ms);
    },
  });

const person = (id: string): Caller => ({ platform: 'telegram', userId: id, chatId: id, chatKind: 'private', canManageChat: true });
const group = (id: string, admin = true): Caller => ({ platform: 'telegram', userId: 'u1', chatId: id, chatKind: 'group', canManageChat: admin });

async function subscribe(caller: Caller, args: string) {
  await app.core.text(caller, `/subscribe ${args}`);
}

beforeEach(() => {
  app = makeApp({ now: '2026-03-02T00:30:00Z' });
  messenger = new RecordingMessenger();
  waits = [];
});
afterEach(async () => {
  await app.dispose();
});

describe('the daily prompt', () => {
  it('arrives at 09:00 in Shanghai, once, however often the clock ticks', async () => {
    await subscribe(person('100'), '09:00 Asia/Shanghai');
    const d = dispatcher();
    app.setNow('2026-03-02T00:59:00Z'); // 08:59 in Shanghai
    await d.tick();
    expect(messenger.sent).toHaveLength(0);
    app.setNow('2026-03-02T01:00:00Z'); // 09:00
    await d.tick();
    await d.tick();
    app.setNow('2026-03-02T09:00:00Z');
    await d.tick();
    expect(messenger.to('100')).toHaveLength(1);
    const [prompt] = messenger.sent;
    expect(prompt!.reply.title).toBe('Today · lesson 0 · Orientation: why virtualization, layers of abstraction, and slow is fast');
    expect(prompt!.text).toContain('Day 1 on this lesson. Today’s slow step: read “Why it matters” and “Key ideas”.');
    expect(prompt!.reply.buttons[0]!.map((b) => b.label)).toEqual(['Open lesson 0', '✓ Done', 'Later today']);
  });

  it('sends no second prompt after a restart the same day', async () => {
    await subscribe(person('100'), '09:00 Asia/Shanghai');
    app.setNow('2026-03-02T01:00:00Z');
    await dispatcher().tick();
    await dispatcher().tick();
    expect(messenger.sent).toHaveLength(1);
  });

  it('sends the day\'s prompt when the process comes back after the hour, but never yesterday\'s', async () => {
    await subscribe(person('100'), '09:00 Asia/Shanghai');
    app.setNow('2026-03-02T07:00:00Z'); // 15:00 local: down at 09:00, back now
    await dispatcher().tick();
    expect(messenger.sent).toHaveLength(1);
    app.setNow('2026-03-04T00:30:00Z'); // 08:30 two days later: yesterday was missed entirely
    await dispatcher().tick();
    expect(messenger.sent).toHaveLength(1);
  });

  it.each([
    ['America/New_York', '02:30', '2026-03-08', ['2026-03-08T06:59:00Z', '2026-03-08T07:00:00Z', '2026-03-08T07:30:00Z', '2026-03-08T12:00:00Z']],
    ['America/New_York', '01:30', '2026-11-01', ['2026-11-01T05:29:00Z', '2026-11-01T05:30:00Z', '2026-11-01T06:30:00Z', '2026-11-01T07:00:00Z']],
    ['Europe/Berlin', '02:30', '2026-03-29', ['2026-03-29T00:59:00Z', '2026-03-29T01:00:00Z', '2026-03-29T01:30:00Z']],
    ['Europe/Berlin', '02:30', '2026-10-25', ['2026-10-25T00:29:00Z', '2026-10-25T00:30:00Z', '2026-10-25T01:30:00Z', '2026-10-25T02:00:00Z']],
  ])('in %s at %s on the DST day %s neither skips nor doubles', async (zone, time, _day, ticks) => {
    await subscribe(person('7'), `${time} ${zone}`);
    const d = dispatcher();
    const counts: number[] = [];
    for (const at of ticks) {
      app.setNow(at);
      await d.tick();
      counts.push(messenger.sent.length);
    }
    expect(counts[0]).toBe(0);
    expect(counts.at(-1)).toBe(1);
  });

  it('stops only the subscription of a chat that blocked the bot', async () => {
    await subscribe(person('1'), '09:00 UTC');
    await subscribe(person('2'), '09:00 UTC');
    messenger.fail('1', 'forbidden');
    app.setNow('2026-03-02T09:00:00Z');
    const report = await dispatcher().tick();
    expect(report).toMatchObject({ sent: 1, stopped: 1 });
    expect(await app.store.getSubscription('telegram', '1')).toMatchObject({ status: 'stopped', stoppedReason: 'forbidden (test)' });
    expect(await app.store.getSubscription('telegram', '2')).toMatchObject({ status: 'active' });
  });

  it('waits as long as a 429 asks and then sends: nothing dropped', async () => {
    await subscribe(person('1'), '09:00 UTC');
    messenger.fail('1', 'rate-limited', 2, 3000);
    app.setNow('2026-03-02T09:00:00Z');
    expect(await dispatcher().tick()).toMatchObject({ sent: 1 });
    expect(messenger.sent).toHaveLength(1);
  });

  it('brings a transient failure back on later ticks after 1, 2, 4 minutes, and sends it once', async () => {
    await subscribe(person('1'), '09:00 UTC');
    messenger.fail('1', 'transient', 3);
    const d = dispatcher();
    const reports: Record<string, number>[] = [];
    for (const minute of ['00', '00', '01', '02', '03', '06', '07']) {
      app.setNow(`2026-03-02T09:${minute}:00Z`);
      const { queued, sent, retrying } = await d.tick();
      reports.push({ queued, sent, retrying });
    }
    expect(reports).toEqual([
      { queued: 1, sent: 0, retrying: 1 }, // 09:00 fails: back at 09:01
      { queued: 0, sent: 0, retrying: 0 },
      { queued: 1, sent: 0, retrying: 1 }, // 09:01 fails: back at 09:03
      { queued: 0, sent: 0, retrying: 0 },
      { queued: 1, sent: 0, retrying: 1 }, // 09:03 fails: back at 09:07
      { queued: 0, sent: 0, retrying: 0 },
      { queued: 1, sent: 1, retrying: 0 },
    ]);
    expect(messenger.to('1')).toHaveLength(1);
    expect(await app.store.getDelivery(1, '2026-03-02')).toMatchObject({ status: 'sent', attempts: 4 });
  });

  it('records a prompt missed when its local day ends before the platform recovers', async () => {
    await subscribe(person('1'), '22:00 UTC');
    messenger.fail('1', 'transient', 1000);
    const d = dispatcher();
    for (let at = Date.parse('2026-03-02T22:00:00Z'); at <= Date.parse('2026-03-03T00:20:00Z'); at += 60_000) {
      app.setNow(new Date(at));
      await d.tick();
    }
    expect(messenger.sent).toHaveLength(0);
    const delivery = await app.store.getDelivery(1, '2026-03-02');
    expect(delivery).toMatchObject({ status: 'failed', error: expect.stringMatching(/^missed: the local day ended before it could be sent \(last error: transient \(test\)\)/) });
    expect(delivery!.retryAt).toBeUndefined();
  });

  it('re-sends a claim left by a crashed process once it is stale', async () => {
    await subscribe(person('1'), '09:00 UTC');
    await app.store.claimDelivery(1, '2026-03-02', '2026-03-02T09:00:00Z'); // claimed, then the process died
    app.setNow('2026-03-02T09:00:30Z');
    await dispatcher().tick();
    expect(messenger.sent).toHaveLength(0);
    app.setNow('2026-03-02T09:02:00Z');
    await dispatcher().tick();
    expect(messenger.sent).toHaveLength(1);
    expect(await app.store.getDelivery(1, '2026-03-02')).toMatchObject({ status: 'sent', attempts: 2 });
  });

  it('sends the prompt again once when the learner presses "later"', async () => {
    await subscribe(person('1'), '09:00 UTC');
    app.setNow('2026-03-02T09:00:00Z');
    const d = dispatcher();
    await d.tick();
    const later = await app.core.press(person('1'), 'later');
    expect(later.blocks[0]).toMatchObject({ text: expect.stringContaining('I will send today’s prompt again at') });
    expect((await app.core.press(person('1'), 'later')).blocks[0]).toMatchObject({ text: expect.stringContaining('already set to come back once') });
    app.setNow('2026-03-02T10:59:00Z');
    await d.tick();
    expect(messenger.sent).toHaveLength(1);
    app.setNow('2026-03-02T11:00:00Z');
    await d.tick();
    await d.tick();
    expect(messenger.sent).toHaveLength(2);
  });

  it('sends the day\'s own prompt after the night\'s catch-up of the day before (a 23:55 prompt sent at 00:05)', async () => {
    await subscribe(person('1'), '23:55 UTC');
    const d = dispatcher();
    app.setNow('2026-03-02T23:50:00Z');
    await d.tick();
    // The 23:55 tick never ran (a stall); the next one, at 00:05, catches up on the 2nd's prompt.
    app.setNow('2026-03-03T00:05:00Z');
    await d.tick();
    expect(messenger.sent).toHaveLength(1);
    app.setNow('2026-03-03T23:55:00Z');
    await d.tick();
    expect(messenger.sent).toHaveLength(2);
    expect(await app.store.getDelivery(1, '2026-03-03')).toMatchObject({ status: 'sent' });
  });

  it('closes a "later" re-send that its local day ended before: marked expired, never sent the next day', async () => {
    await subscribe(person('1'), '21:00 UTC');
    app.setNow('2026-03-02T21:00:00Z');
    const d = dispatcher();
    await d.tick();
    app.setNow('2026-03-02T21:30:00Z');
    await app.core.press(person('1'), 'later'); // due 23:30
    // The bot is down from 23:00 until 00:20 the next day.
    app.setNow('2026-03-03T00:20:00Z');
    await d.tick();
    expect(messenger.sent).toHaveLength(1);
    expect(await app.store.getDelivery(1, '2026-03-02')).toMatchObject({
      status: 'sent', laterAt: undefined, laterSentAt: undefined, error: '"later" re-send expired: the local day ended (it was due 2026-03-02T23:30:00.000Z)',
    });
    expect(await app.store.laterDue('2026-03-03T21:00:00.000Z', '2026-03-03T21:00:00.000Z')).toEqual([]);
    app.setNow('2026-03-03T21:00:00Z');
    await d.tick();
    await d.tick();
    expect(messenger.sent.map((m) => m.chatId)).toEqual(['1', '1']);
  });

  it('asks "stay or move on" after three days on one lesson', async () => {
    await subscribe(person('1'), '09:00 UTC');
    const d = dispatcher();
    for (const day of ['02', '03', '04', '05']) {
      app.setNow(`2026-03-${day}T09:00:00Z`);
      await d.tick();
    }
    const texts = messenger.sent.map((s) => s.text);
    expect(texts[2]).toContain('Day 3 on this lesson. Today’s slow step: answer “Check yourself” without looking');
    expect(texts[2]).not.toContain('Stay with it, or move on?');
    expect(texts[3]).toContain('You have spent 3 days on this lesson. Stay with it, or move on?');
    expect(messenger.sent[3]!.reply.buttons[1]!.map((b) => b.action)).toEqual(['stay:0', 'move:0']);
  });

  it('moves to the next lesson only when the learner marks it done', async () => {
    await subscribe(person('1'), '09:00 UTC');
    const d = dispatcher();
    app.setNow('2026-03-02T09:00:00Z');
    await d.tick();
    await app.core.press(person('1'), 'done:0');
    app.setNow('2026-03-03T09:00:00Z');
    await d.tick();
    expect(messenger.sent[1]!.reply.title).toMatch(/^Today · lesson 1 · /);
    expect(messenger.sent[1]!.text).toContain('Day 1 on this lesson.');
  });

  it('includes one due review question and the streak', async () => {
    await subscribe(person('1'), '09:00 UTC');
    app.setNow('2026-03-01T09:00:00Z');
    await app.core.text(person('1'), '/done 0');
    app.setNow('2026-03-02T09:00:00Z');
    await app.core.text(person('1'), '/done 1');
    app.setNow('2026-03-03T09:00:00Z');
    await dispatcher().tick();
    const [prompt] = messenger.sent;
    expect(prompt!.text).toContain('Review from lesson 0');
    expect(prompt!.reply.buttons.at(-1)!.map((b) => b.action)).toEqual(['ans:0:0']);
    expect(prompt!.text).toContain('Streak: 2 days.');
  });

  it('warns when the streak ends today unless the learner studies', async () => {
    await subscribe(person('1'), '09:00 UTC');
    for (const day of ['01', '02']) {
      app.setNow(`2026-03-${day}T09:00:00Z`);
      await app.core.text(person('1'), `/done ${Number(day) - 1}`);
    }
    app.setNow('2026-03-04T09:00:00Z'); // the 3rd was missed: today's study keeps the run alive
    await dispatcher().tick();
    expect(messenger.sent[0]!.text).toContain('Your 2-day streak ends today unless you study: one review is enough.');
  });

  it('posts the group\'s lesson of the day with a thread, advancing every N days', async () => {
    await subscribe(group('-500'), '08:00 UTC 2');
    const d = dispatcher();
    const titles: string[] = [];
    for (const day of ['02', '03', '04', '05', '06']) {
      app.setNow(`2026-03-${day}T08:00:00Z`);
      await d.tick();
      titles.push(messenger.sent.at(-1)!.reply.title!);
    }
    expect(titles.map((t) => /· (\d+) ·/.exec(t)![1])).toEqual(['0', '0', '1', '1', '2']);
    expect(messenger.sent[0]!.options?.threadName).toMatch(/^Lesson 0 · /);
  });

  it('stops within moments even while a send waits 30 s to retry, leaving the claim for the next process', async () => {
    await subscribe(person('1'), '09:00 UTC');
    messenger.fail('1', 'rate-limited', 1, 30_000);
    app.setNow('2026-03-02T09:00:00Z');
    const d = new Dispatcher({ services: app.services, messengers: [messenger], log: pino({ level: 'silent' }) });
    void d.tick();
    await new Promise((r) => setTimeout(r, 100));
    const started = performance.now();
    await d.stop();
    expect(performance.now() - started).toBeLessThan(1000);
    expect(messenger.sent).toHaveLength(0);
    expect(await app.store.getDelivery(1, '2026-03-02')).toMatchObject({ status: 'claimed' });
  });

  it('sends nothing to a paused subscription', async () => {
    await subscribe(person('1'), '09:00 UTC');
    await app.core.text(person('1'), '/pause');
    app.setNow('2026-03-02T09:00:00Z');
    await dispatcher().tick();
    expect(messenger.sent).toHaveLength(0);
  });
});
