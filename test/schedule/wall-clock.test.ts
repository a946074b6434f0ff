import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import type { Caller } from '../../src/core/command.js';
import { Dispatcher, type TickReport } from '../../src/schedule/dispatcher.js';
import { startScheduler, type WakeTimer } from '../../src/schedule/scheduler.js';
import { makeApp, type TestApp } from '../helpers/app.js';
import { RecordingMessenger } from '../fakes/recording-messenger.js';

let app: TestApp;
afterEach(async () => {
  await app.dispose();
});

const log = pino({ level: 'silent' });
const person = (id: string): Caller => ({ platform: 'telegram', userId: id, chatId: id, chatKind: 'private', canManageChat: true });

/** A dispatcher whose ticks a test can wait for, however they were started. */
class WatchedDispatcher extends Dispatcher {
  readonly ticks: Promise<TickReport>[] = [];
  override tick(): Promise<TickReport> {
    const t = super.tick();
    this.ticks.push(t);
    return t;
  }
  settled(): Promise<unknown> {
    return Promise.all(this.ticks);
  }
}

describe('each tick asks the wall clock what is due and not yet sent', () => {
  it.each([
    ['steps back one hour after the prompt went out', '09:00 UTC', ['09:00:00', '09:30:00', '08:30:00', '08:45:00', '09:00:00', '09:15:00', '10:00:00'], 1],
    ['steps forward past the hour', '09:00 UTC', ['08:50:00', '11:20:00', '11:21:00'], 1],
    ['stalls 2.5 s across 23:59 (no tick in the 23:59 minute)', '23:59 UTC', ['23:58:00', '+00:00:01.5', '+00:01:00', '+12:00:00'], 1],
    ['steps back across midnight into the day already prompted', '23:30 UTC', ['23:30:00', '+00:10:00', '23:40:00', '23:50:00', '+00:20:00'], 1],
  ])('sends once when the clock %s', async (_what, subscription, ticks, prompts) => {
    app = makeApp({ now: '2026-03-02T00:30:00Z' });
    await app.core.text(person('1'), `/subscribe ${subscription}`);
    const messenger = new RecordingMessenger();
    const d = new Dispatcher({ services: app.services, messengers: [messenger], log, sleep: async () => {} });
    for (const at of ticks) {
      // "+hh:mm" is the next day.
      app.setNow(at.startsWith('+') ? `2026-03-03T${at.slice(1)}Z` : `2026-03-02T${at}Z`);
      await d.tick();
    }
    expect(messenger.to('1')).toHaveLength(prompts);
  }, 60_000); // the first case also loads the lessons and builds the index

  it('never sends a day\'s prompt long after its day ended', async () => {
    app = makeApp({ now: '2026-03-02T00:30:00Z' });
    await app.core.text(person('1'), '/subscribe 23:00 UTC');
    const messenger = new RecordingMessenger();
    const d = new Dispatcher({ services: app.services, messengers: [messenger], log, sleep: async () => {} });
    app.setNow('2026-03-02T22:00:00Z');
    await d.tick();
    app.setNow('2026-03-03T00:30:00Z'); // down from 22:00 to 00:30: the 23:00 prompt is 90 minutes late
    await d.tick();
    expect(messenger.sent).toHaveLength(0);
  });
});

describe('the scheduler', () => {
  it('keeps ticking every minute when the clock steps back an hour, so a prompt due in that hour arrives on time', async () => {
    app = makeApp({ now: '2026-03-02T08:00:00Z' });
    await app.core.text(person('1'), '/subscribe 09:00 UTC');
    const messenger = new RecordingMessenger();
    const d = new WatchedDispatcher({ services: app.services, messengers: [messenger], log, sleep: async () => {} });
    let armed: { fn: () => void; ms: number } | undefined;
    const timer: WakeTimer = { set: (fn, ms) => (armed = { fn, ms }), clear: () => (armed = undefined) };
    let now = Date.parse('2026-03-02T09:20:00Z');
    app.setNow(new Date(now));
    const scheduler = startScheduler(d, log, { clock: app.services.clock, timer });
    await d.settled();
    expect(messenger.to('1')).toHaveLength(1);

    now -= 60 * 60_000; // 09:20 -> 08:20
    app.setNow(new Date(now));
    await app.core.text(person('2'), '/subscribe 08:45 UTC');
    const waits: number[] = [];
    let arrivedAt: number | undefined;
    while (now < Date.parse('2026-03-02T09:30:00Z')) {
      waits.push(armed!.ms);
      now += armed!.ms; // the timer's time passes, and the clock with it
      app.setNow(new Date(now));
      armed!.fn();
      await d.settled();
      if (arrivedAt === undefined && messenger.to('2').length) arrivedAt = now;
    }
    await scheduler.stop();
    expect(Math.max(...waits)).toBeLessThanOrEqual(60_000);
    expect(arrivedAt).toBeGreaterThanOrEqual(Date.parse('2026-03-02T08:45:00Z'));
    expect(arrivedAt).toBeLessThanOrEqual(Date.parse('2026-03-02T08:46:00Z'));
    expect(messenger.to('1')).toHaveLength(1);
    expect(messenger.to('2')).toHaveLength(1);
  });
});
