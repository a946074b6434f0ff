// Defect 2: one busy group must not stall the bot. Telegram lets a bot post 20 messages a minute
// to one group, so the throttler spaces a group's replies; they wait in that group's turn only.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTelegramHarness, type TelegramHarness } from '../../fakes/telegram-harness.js';

let h: TelegramHarness;
beforeAll(async () => {
  h = await startTelegramHarness();
});
afterAll(async () => {
  await h?.stop();
});

const GROUP = -1009000001;

/** Resolves with the first message the bot sends to `chatId`, or undefined after `ms`. */
async function firstMessage(chatId: number, ms: number) {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    const [m] = h.fake.messages(chatId);
    if (m) return m;
    await new Promise((r) => setTimeout(r, 10));
  }
  return undefined;
}

describe('a busy group', () => {
  it('with 24 commands in flight, a private /help is answered before the group\'s third reply', async () => {
    const member = h.fake.user({ userId: 701, chatId: GROUP, type: 'supergroup' });
    for (let i = 0; i < 24; i++) await member.post(`/lesson ${i}`);
    // All 24 are fetched (the group's first reply is out) before the private chat asks.
    expect(await firstMessage(GROUP, 10_000)).toBeDefined();

    const help = await firstMessage(await asked(h.fake.user({ userId: 702 })), 10_000);
    expect(help?.text).toMatch(/^slowfast: one lesson a day/);
    // Handled one update after another, /help would come after all 24 group replies.
    expect(h.fake.messages(GROUP).length).toBeLessThan(3);
    expect(h.platform.pending()).toBeGreaterThan(20);
  });
});

async function asked(user: ReturnType<TelegramHarness['fake']['user']>): Promise<number> {
  await user.post('/help');
  return user.chatId;
}
