import { pino } from 'pino';
import { afterEach, beforeEach, expect, it } from 'vitest';
import type { Caller } from '../../src/core/command.js';
import { Dispatcher } from '../../src/schedule/dispatcher.js';
import { makeApp, type TestApp } from '../helpers/app.js';
import { RecordingMessenger } from '../fakes/recording-messenger.js';

let app: TestApp;
let messenger: RecordingMessenger;
const ada: Caller = { platform: 'telegram', userId: '100', chatId: '100', chatKind: 'private', canManageChat: true };

beforeEach(() => {
  app = makeApp({ now: '2026-03-02T12:00:00Z' });
  messenger = new RecordingMessenger();
});
afterEach(() => app.dispose());

/** Ticks a fresh dispatcher (a restart each time: nothing remembered but the store) at every moment. */
async function tickAt(moments: string[]) {
  for (const at of moments) {
    app.setNow(at);
    await new Dispatcher({ services: app.services, messengers: [messenger], log: pino({ level: 'silent' }) }).tick();
  }
}

const hourly = (from: string, to: string) => {
  const out: string[] = [];
  for (let t = Date.parse(from); t <= Date.parse(to); t += 3_600_000) out.push(new Date(t).toISOString());
  return out;
};

it.each([
  // how, zone before, subscribed at, zone after, changed at, ticks until, the day numbers of the prompts that arrive
  // Tokyo's 09:00 on the 3rd went out at 16:00 on the 2nd in Los Angeles: no second one that LA day.
  // LA's 3rd still gets its own (Tokyo's prompt of that date went out before LA's 3rd began), then
  // the 4th: no day skipped. Day numbers count local dates, and LA's 3rd is the date Tokyo's was.
  ['westward across the date line', 'Asia/Tokyo', '2026-03-02T20:00:00Z', 'America/Los_Angeles', '2026-03-03T01:00:00Z', '2026-03-04T18:00:00Z', ['1', '1', '2']],
  // The same across the date line from Auckland to Honolulu (23 hours west).
  ['westward across the date line, 23 hours', 'Pacific/Auckland', '2026-03-02T18:00:00Z', 'Pacific/Honolulu', '2026-03-02T21:00:00Z', '2026-03-04T20:00:00Z', ['1', '1', '2']],
  // LA's prompt of the 2nd arrived at 02:00 on the 3rd in Tokyo: Tokyo's 3rd has had its prompt; the next is on the 4th.
  ['eastward across the date line', 'America/Los_Angeles', '2026-03-02T16:00:00Z', 'Asia/Tokyo', '2026-03-02T18:00:00Z', '2026-03-04T06:00:00Z', ['1', '3']],
  ['one hour east, the same date', 'Asia/Shanghai', '2026-03-02T00:00:00Z', 'Asia/Tokyo', '2026-03-02T02:00:00Z', '2026-03-03T14:00:00Z', ['1', '2']],
])('a zone change %s (%s -> %s) sends at most one prompt per local day, and never "Day 0"', async (_how, before, subscribedAt, after, changedAt, until, days) => {
  app.setNow(subscribedAt);
  await app.core.text(ada, `/subscribe 09:00 ${before}`);
  await tickAt(hourly(subscribedAt, changedAt));
  expect(messenger.sent).toHaveLength(1);
  app.setNow(changedAt);
  await app.core.text(ada, `/subscribe 09:00 ${after}`);
  await tickAt(hourly(changedAt, until));
  expect(messenger.sent.map((s) => /Day (\d+) on this lesson/.exec(s.text)?.[1])).toEqual(days);
});
