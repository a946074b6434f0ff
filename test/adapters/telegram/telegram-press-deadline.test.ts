// Telegram refuses to answer a button press about 15 s after it, and the button spins until it is
// answered. A core slowed down on purpose drives the adapter's safety net: answer the press first,
// then send what it says; and when the press can no longer be answered, still send it.
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { BotCore } from '../../../src/core/bot-core.js';
import { CALLBACK_MAX_AGE_MS } from '../../fakes/telegram-rules.js';
import { startTelegramHarness, type TelegramHarness } from '../../fakes/telegram-harness.js';
import type { SeenMessage } from '../../fakes/telegram-server.js';

const SLOW_PRESS_MS = 1500;
const TOO_OLD = 'Bad Request: query is too old and response timeout expired or query ID is invalid';

/** The app's core, with every button press taking SLOW_PRESS_MS (a store that hangs, a long queue). */
function slowPresses(real: BotCore): BotCore {
  return Object.assign(Object.create(real) as BotCore, {
    press: async (...args: Parameters<BotCore['press']>) => {
      await sleep(SLOW_PRESS_MS);
      return real.press(...args);
    },
  });
}

let h: TelegramHarness;
beforeAll(async () => {
  h = await startTelegramHarness({}, { core: (app) => slowPresses(app.core), answerPressAfterMs: 50 });
});
afterEach(() => {
  h.fake.callbackQueryMaxAgeMs = CALLBACK_MAX_AGE_MS;
});
afterAll(async () => {
  await h?.stop();
});

let nextUser = 3000;
const action = (m: SeenMessage, label: string) => m.buttons.flat().find((b) => b.label === label)!.action;
const answersSince = (from: number) => h.fake.calls.slice(from).filter((c) => c.method === 'answerCallbackQuery');

describe('a button press that is slow to handle', () => {
  it('is answered at once, before its work is done, and the message is edited after', async () => {
    // Shorter than the handling: an answer that waits for the work is refused.
    h.fake.callbackQueryMaxAgeMs = SLOW_PRESS_MS - 500;
    const u = h.fake.user({ userId: ++nextUser });
    const [lesson] = await u.command('/lesson 39');
    const from = h.fake.calls.length;
    await u.press(lesson!, action(lesson!, 'Current practice'));

    expect(h.fake.takeRefused()).toEqual([]);
    expect(answersSince(from)).toHaveLength(1);
    const calls = h.fake.calls.slice(from).map((c) => c.method);
    expect(calls.indexOf('answerCallbackQuery')).toBeLessThan(calls.indexOf('editMessageText'));
    expect(h.fake.messages(u.chatId)[0]!.html).toMatch(/^<b>Lesson 39 · Kubernetes Services<\/b>\n\n<b>Current practice<\/b>\n/);
  });
});

describe('a button press too old to answer', () => {
  it('still edits the message with what was pressed', async () => {
    h.fake.callbackQueryMaxAgeMs = 10;
    const u = h.fake.user({ userId: ++nextUser });
    const [lesson] = await u.command('/lesson 39');
    await u.press(lesson!, action(lesson!, 'Current practice'));

    expect(h.fake.takeRefused().map((r) => [r.method, r.description])).toEqual([['answerCallbackQuery', TOO_OLD]]);
    expect(h.fake.messages(u.chatId)[0]!.html).toMatch(/^<b>Lesson 39 · Kubernetes Services<\/b>\n\n<b>Current practice<\/b>\n/);
  });

  it('says in the group, as a reply to the pressed message, the note an alert could no longer show', async () => {
    h.fake.callbackQueryMaxAgeMs = 10;
    const u = h.fake.user({ userId: ++nextUser, chatId: -1001234600, type: 'supergroup' });
    const [lesson] = await u.command('/lesson 15');
    const added = await u.press(lesson!, 'rate:15:99:9');

    expect(h.fake.takeRefused().map((r) => r.method)).toEqual(['answerCallbackQuery']);
    expect(added.map((m) => [m.text, m.replyTo])).toEqual([['That button no longer works. Try /help.', lesson!.id]]);
  });
});
