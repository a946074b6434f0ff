// Webhook mode: the platform serves grammY's webhookCallback on a local port; updates are posted
// to it the way Telegram would, and replies go to the emulator.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTelegramHarness, type TelegramHarness } from '../../fakes/telegram-harness.js';
import { freePort } from '../../fakes/telegram-server.js';

const SECRET = 'webhook-secret_for-tests';
let h: TelegramHarness;
let endpoint: string;

beforeAll(async () => {
  const port = await freePort();
  h = await startTelegramHarness({
    // .invalid never resolves; setWebhook is stubbed by the fake, so nothing calls it anyway.
    TELEGRAM_WEBHOOK_URL: 'https://slowfast.invalid/',
    TELEGRAM_WEBHOOK_PORT: String(port),
    TELEGRAM_WEBHOOK_SECRET: SECRET,
  });
  endpoint = `http://127.0.0.1:${port}/telegram`;
});

afterAll(async () => {
  await h?.stop();
});

let updateId = 5000;
function post(update: object, secret?: string, url = endpoint): Promise<Response> {
  return fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(secret ? { 'x-telegram-bot-api-secret-token': secret } : {}) },
    body: JSON.stringify({ update_id: ++updateId, ...update }),
  });
}

/** Posts one exact update again, as Telegram does when a delivery timed out. */
function redeliver(update: object): Promise<Response> {
  return fetch(endpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': SECRET },
    body: JSON.stringify(update),
  });
}

function command(chatId: number, text: string) {
  const name = text.split(' ')[0]!;
  return {
    message: {
      message_id: updateId, date: Math.floor(Date.now() / 1000), text,
      chat: { id: chatId, type: 'private', first_name: 'Web' },
      from: { id: chatId, is_bot: false, first_name: 'Web' },
      entities: [{ type: 'bot_command', offset: 0, length: name.length }],
    },
  };
}

describe('the Telegram webhook', () => {
  it('registers the public URL and path with its secret token', () => {
    expect(h.platform.connected()).toBe(true);
    expect(h.fake.callsOf('setWebhook').at(-1)!.payload).toMatchObject({ url: 'https://slowfast.invalid/telegram', secret_token: SECRET });
  });

  it('answers an update that carries the secret token', async () => {
    const res = await post(command(3001, '/lesson 39'), SECRET);
    expect(res.status).toBe(200);
    await h.settled();
    const [lesson] = h.fake.messages(3001);
    expect(lesson!.text).toMatch(/^Lesson 39 · Kubernetes Services/);
  });

  it.each([
    ['no secret', undefined],
    ['a wrong secret', 'guess'],
  ])('refuses an update with %s and does nothing', async (_name, secret) => {
    const res = await post(command(3002, '/start'), secret);
    expect(res.status).toBe(401);
    await h.settled();
    expect(h.fake.messages(3002)).toEqual([]);
  });

  it('acknowledges an update before handling it, and answers a redelivered one once', async () => {
    h.fake.slowDown('sendMessage', 1500);
    try {
      const update = { update_id: ++updateId, ...command(3004, '/help') };
      const first = await redeliver(update);
      expect(first.status).toBe(200);
      // Acknowledged while the reply is still on its way: Telegram has nothing to time out.
      expect(h.fake.messages(3004)).toEqual([]);
      expect((await redeliver(update)).status).toBe(200);
      await h.settled();
      expect(h.fake.messages(3004).map((m) => m.text.split('\n')[0])).toEqual(['slowfast: one lesson a day, from virtualization to Kubernetes']);
    } finally {
      h.fake.slowDown('sendMessage', 0);
    }
  });

  it('refuses a body that is not an update, and keeps serving', async () => {
    const res = await fetch(endpoint, { method: 'POST', headers: { 'x-telegram-bot-api-secret-token': SECRET }, body: '{"update_id": "x"' });
    expect(res.status).toBe(400);
    await post(command(3005, '/start'), SECRET);
    await h.settled();
    expect(h.fake.messages(3005)).toHaveLength(1);
  });

  it('serves nothing but the webhook path', async () => {
    expect((await post(command(3003, '/start'), SECRET, endpoint.replace(/\/telegram$/, '/other'))).status).toBe(404);
    expect((await fetch(endpoint)).status).toBe(404);
  });
});
