import { GrammyError, HttpError } from 'grammy';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { classifySendError } from '../../../src/adapters/telegram/telegram-messenger.js';
import { SendError, type SendFailure } from '../../../src/core/ports/messenger.js';
import { pino } from 'pino';
import { join } from 'node:path';
import { startFakeBotApi } from '../../../bench/fake-bot-api.js';
import { createTelegramPlatform } from '../../../src/adapters/telegram/telegram-platform.js';
import { loadConfig } from '../../../src/config.js';
import { makeApp } from '../../helpers/app.js';
import { startTelegramHarness, type TelegramHarness } from '../../fakes/telegram-harness.js';

const api = (error_code: number, description: string, retry_after?: number) =>
  new GrammyError(`Call to 'sendMessage' failed! (${error_code}: ${description})`, { ok: false, error_code, description, parameters: { retry_after } }, 'sendMessage', {});

describe('classifying a failed Telegram send', () => {
  it.each<[string, unknown, SendFailure, number | undefined]>([
    ['429 waits retry_after seconds', api(429, 'Too Many Requests: retry after 35', 35), 'rate-limited', 35_000],
    ['403 blocked by the user', api(403, 'Forbidden: bot was blocked by the user'), 'forbidden', undefined],
    ['403 kicked from the group', api(403, 'Forbidden: bot was kicked from the group chat'), 'forbidden', undefined],
    ['403 user deactivated', api(403, 'Forbidden: user is deactivated'), 'forbidden', undefined],
    ['400 chat not found', api(400, 'Bad Request: chat not found'), 'forbidden', undefined],
    ['400 group upgraded to a supergroup', api(400, 'Bad Request: group chat was upgraded to a supergroup chat'), 'forbidden', undefined],
    ['400 a rendering bug', api(400, "Bad Request: can't parse entities"), 'transient', undefined],
    ['500 server error', api(500, 'Internal Server Error'), 'transient', undefined],
    ['a network error', new HttpError("Network request for 'sendMessage' failed!", new Error('ECONNRESET')), 'transient', undefined],
    ['anything else', new Error('boom'), 'transient', undefined],
  ])('%s', (_name, err, failure, retryAfterMs) => {
    expect(classifySendError(err)).toMatchObject({ name: 'SendError', failure, retryAfterMs });
  });
});

describe('the Telegram messenger against the emulator', () => {
  let h: TelegramHarness;
  beforeAll(async () => {
    h = await startTelegramHarness();
  });
  afterAll(async () => {
    await h?.stop();
  });

  it('sends a Reply to a chat as HTML with its buttons', async () => {
    const sent = await h.platform.messenger.send('4242', {
      title: 'Today: lesson 15',
      blocks: [{ kind: 'paragraph', text: 'Slow is fast: **one** lesson <today>.' }],
      buttons: [[{ label: 'Open lesson 15', action: 'lesson:15' }]],
    });
    const [message] = h.fake.messages(4242);
    expect(sent.messageId).toBe(String(message!.id));
    expect(message!.html).toBe('<b>Today: lesson 15</b>\n\nSlow is fast: <b>one</b> lesson &lt;today&gt;.');
    expect(message!.buttons).toEqual([[{ label: 'Open lesson 15', action: 'lesson:15' }]]);
  });

  it('sends a Reply picture as a photo with its caption, then the text under it', async () => {
    const png = Buffer.from('89504e470d0a1a0a', 'hex');
    await h.platform.messenger.send('4244', {
      blocks: [{ kind: 'paragraph', text: 'Your week' }], buttons: [],
      picture: { png, name: 'progress.png', alt: 'Progress: 3 of 5 days <this week>' },
    });
    const [photo, text] = h.fake.messages(4244);
    expect(photo).toMatchObject({ photo: true, text: 'Progress: 3 of 5 days <this week>' });
    expect(text!.text).toBe('Your week');
  });

  it.each([
    ['just after the cut', 'a'.repeat(1023), 'a'.repeat(1023)],
    ['across the cut', 'a'.repeat(1022), 'a'.repeat(1022)],
  ])('clips a caption over 1,024 with an ellipsis, an emoji %s left out whole', async (_where, before, kept) => {
    const png = Buffer.from('89504e470d0a1a0a', 'hex');
    const chat = String(4250 + before.length);
    await h.platform.messenger.send(chat, { blocks: [], buttons: [], picture: { png, name: 'progress.png', alt: `${before}😀${'b'.repeat(100)}` } });
    expect(h.fake.takeRefused()).toEqual([]);
    const [photo] = h.fake.messages(chat);
    expect(photo!.text).toBe(`${kept}…`);
    expect(photo!.text.length).toBeLessThanOrEqual(1024);
  });

  it('throws a classified SendError when Telegram refuses', async () => {
    h.fake.failNext('sendMessage', { error_code: 403, description: 'Forbidden: bot was blocked by the user' });
    const err = await h.platform.messenger.send('4243', { blocks: [{ kind: 'paragraph', text: 'hi' }], buttons: [] }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SendError);
    expect(err).toMatchObject({ failure: 'forbidden' });
  });

});

describe('a daily prompt that meets a 429 over HTTP', () => {
  it('is handed back to the dispatcher at once, not re-sent outside the rate budget', async () => {
    // The emulator above answers before grammY's plugins; this Bot API answers over HTTP, as
    // Telegram does, so auto-retry would see its 429. One message a second: the second is refused.
    const api = await startFakeBotApi({ perSecond: 1 });
    const app = makeApp();
    try {
      const config = loadConfig({ env: { TELEGRAM_TOKEN: '123456:prompt-429', TELEGRAM_API_ROOT: api.url }, localFile: join(app.dir, 'none.yaml') });
      const { messenger } = createTelegramPlatform({ core: app.core, config, log: pino({ level: 'silent' }) });
      const hi = { blocks: [{ kind: 'paragraph' as const, text: 'hi' }], buttons: [] };
      await messenger.send('4246', hi);
      const err = await messenger.send('4247', hi).catch((e: unknown) => e);
      expect(err).toMatchObject({ failure: 'rate-limited', retryAfterMs: 1000 });
      expect(api.messages.map((m) => m.chatId)).toEqual(['4246']);
      expect(api.sendsReceived).toBe(2);
    } finally {
      await api.close();
      await app.dispose();
    }
  });
});
