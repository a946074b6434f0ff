import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { createTelegramPlatform } from '../../src/adapters/telegram/telegram-platform.js';
import { loadConfig } from '../../src/config.js';
import { Dispatcher } from '../../src/schedule/dispatcher.js';
import type { Messenger } from '../../src/core/ports/messenger.js';
import { startTelegramHarness, type TelegramHarness } from '../fakes/telegram-harness.js';
import { TEST_TOKEN } from '../fakes/telegram-server.js';

let h: TelegramHarness | undefined;
afterEach(async () => {
  await h?.stop();
  h = undefined;
});

const dispatcherFor = (harness: TelegramHarness, messenger: Messenger = harness.platform.messenger) =>
  new Dispatcher({ services: harness.app.services, messengers: [messenger], log: pino({ level: 'silent' }), concurrency: 1 });

describe('the daily prompt through grammY and the Bot API emulator', () => {
  it('arrives once at the subscribed minute, and not again after a restart', async () => {
    h = await startTelegramHarness();
    const ada = h.fake.user({ userId: 501, languageCode: 'en' });
    h.app.setNow('2026-03-02T08:59:00Z');
    const [confirm] = await ada.command('/subscribe 09:00 UTC');
    expect(confirm!.text).toContain('Every day at 09:00 (UTC) I will send you');
    const before = h.fake.messages(ada.chatId).length;

    await dispatcherFor(h).tick(); // 08:59: not yet
    expect(h.fake.messages(ada.chatId)).toHaveLength(before);

    h.app.setNow('2026-03-02T09:00:00Z');
    await dispatcherFor(h).tick();
    const prompts = h.fake.messages(ada.chatId).slice(before);
    expect(prompts).toHaveLength(1);
    expect(prompts[0]!.text).toMatch(/^Today · lesson 0 · Orientation/);
    expect(prompts[0]!.buttons.flat().map((b) => b.label)).toEqual(expect.arrayContaining(['Open lesson 0', '✓ Done', 'Later today']));

    // A restart: a new platform and dispatcher on the same store, later the same day.
    await h.platform.stop();
    const config = loadConfig({ env: { TELEGRAM_TOKEN: TEST_TOKEN, TELEGRAM_API_ROOT: h.fake.apiRoot }, localFile: '/nonexistent.yaml' });
    const again = createTelegramPlatform({ core: h.app.core, config, log: pino({ level: 'silent' }) });
    again.bot.api.config.use(h.fake.transformer);
    h.app.setNow('2026-03-02T09:30:00Z');
    await dispatcherFor(h, again.messenger).tick();
    expect(h.fake.messages(ada.chatId).slice(before)).toHaveLength(1);
  });

  it('stops only the subscription of a chat that blocked the bot', async () => {
    h = await startTelegramHarness();
    const blocked = h.fake.user({ userId: 601 });
    const fine = h.fake.user({ userId: 602 });
    h.app.setNow('2026-03-02T08:00:00Z');
    await blocked.command('/subscribe 09:00 UTC');
    await fine.command('/subscribe 09:00 UTC');
    h.fake.failNext('sendMessage', { error_code: 403, description: 'Forbidden: bot was blocked by the user' });
    h.app.setNow('2026-03-02T09:00:00Z');
    const report = await dispatcherFor(h).tick();
    expect(report).toMatchObject({ sent: 1, stopped: 1 });
    expect(await h.app.store.getSubscription('telegram', '601')).toMatchObject({ status: 'stopped' });
    expect(await h.app.store.getSubscription('telegram', '602')).toMatchObject({ status: 'active' });
    expect(h.fake.messages(fine.chatId).at(-1)!.text).toMatch(/^Today · lesson 0 · /);
  });
});
