// The local Telegram Bot API for tests: telegram-test-api 4.2.1 on 127.0.0.1, plus a grammY
// transformer that papers over the emulator's gaps. Test wiring only; nothing here is product code.
import { createServer } from 'node:net';
import type { Transformer } from 'grammy';
import type { ApiError } from 'grammy/types';
import { TelegramServer } from 'telegram-test-api/lib/telegramServer.js';
import { freshRules, refusal } from './telegram-rules.js';
import { FakeUser, visible, type UserOptions } from './telegram-user.js';

/** Any token works with the emulator; this one has Telegram's shape. */
export const TEST_TOKEN = '123456789:AAE-test-token-for-the-emulator-xyz';
/** The username the emulator's getMe reports. */
export const BOT_USERNAME = 'TestNameBot';

export interface ApiCall {
  method: string;
  payload: Record<string, unknown>;
}

/** A call the strict fake refused the way Telegram would: a defect, unless a test asked for it. */
export interface Refusal extends ApiCall {
  description: string;
}

/** A bot message as a user sees it in the emulator, after any edits. */
export interface SeenMessage {
  id: number;
  chatId: string;
  html: string;
  /** The text without markup, entities decoded: what the user reads. */
  text: string;
  buttons: { label: string; action: string }[][];
  replyTo?: number;
  /** The forum topic it was sent to. */
  threadId?: number;
  /** A photo (its caption is the text). */
  photo?: boolean;
}

interface StoredBotMessage {
  botToken: string;
  messageId: number;
  message: {
    chat_id: number | string;
    text: string;
    reply_markup?: { inline_keyboard?: { text: string; callback_data?: string }[][] };
    reply_parameters?: { message_id: number };
    message_thread_id?: number;
    parse_mode?: string;
    photo?: boolean;
  };
}

const ok = (result: unknown) => ({ ok: true, result }) as never;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export class FakeTelegram {
  /** Every Bot API call the bot made, in order (stubbed ones included). */
  readonly calls: ApiCall[] = [];
  /** Calls refused by the Bot API's rules (telegram-rules.ts); the harness fails a test that leaves any. */
  readonly refused: Refusal[] = [];
  private readonly rules = freshRules();
  private readonly admins = new Set<string>();
  private readonly failures = new Map<string, ApiError[]>();
  private readonly faults = new Map<string, (payload: Record<string, unknown>) => ApiError | undefined>();
  private readonly delays = new Map<string, number>();
  private polls = 0;
  /** Whether the bot still handles updates (the harness asks the platform): settled() waits for it. */
  busy: () => boolean = () => false;
  private waiters: { after: number; resolve: () => void }[] = [];

  private constructor(readonly server: TelegramServer) {}

  /** Starts the emulator on a free port (its `port: 0` would mean 9000). */
  static async start(): Promise<FakeTelegram> {
    const port = await freePort();
    const server = new TelegramServer({ host: '127.0.0.1', port, storeTimeout: 600 });
    await server.start();
    return new FakeTelegram(server);
  }

  /** grammY's apiRoot for the emulator. */
  get apiRoot(): string {
    return this.server.config.apiURL;
  }

  /**
   * Install last on the bot's API (`bot.api.config.use(fake.transformer)`) so it runs first:
   * setMyCommands and sendChatAction answer HTTP 500 in the emulator, and getChatMember,
   * setWebhook and answerInlineQuery are missing or would make it call out; the emulator also
   * answers an empty getUpdates at once, so an idle bot would spin without the pause.
   */
  readonly transformer: Transformer = async (prev, method, payload, signal) => {
    const body = (payload ?? {}) as Record<string, unknown>;
    this.calls.push({ method, payload: body });
    const failure = this.failures.get(method)?.shift() ?? this.faults.get(method)?.(body);
    if (failure) return failure as never;
    const delay = this.delays.get(method);
    if (delay) await sleep(delay);
    const refused = refusal(method, body, this.rules) ?? this.unchanged(method, body);
    if (refused) {
      this.refused.push({ method, payload: body, description: refused });
      return { ok: false, error_code: 400, description: refused } as never;
    }
    switch (method) {
      case 'setMyCommands':
      case 'sendChatAction':
      case 'answerInlineQuery':
      case 'setWebhook':
        return ok(true);
      case 'sendPhoto':
        // The emulator has no sendPhoto: the photo is kept as a message whose text is its caption.
        return ok(this.server.addBotMessage({ ...body, text: String(body.caption ?? ''), photo: true, parse_mode: undefined }, TEST_TOKEN));
      case 'getChatMember': {
        const admin = this.admins.has(`${body.chat_id}:${body.user_id}`);
        return ok({ status: admin ? 'administrator' : 'member', user: { id: Number(body.user_id), is_bot: false, first_name: 'member' } });
      }
      case 'getUpdates': {
        const poll = ++this.polls;
        const res = await prev(method, payload, signal);
        // A press's query starts ageing when the bot can first see it.
        if (res.ok && Array.isArray(res.result)) {
          for (const u of res.result as { callback_query?: { id: string } }[]) {
            if (u.callback_query && !this.rules.callbackIssuedAt.has(u.callback_query.id)) this.rules.callbackIssuedAt.set(u.callback_query.id, this.rules.now());
          }
        }
        if (res.ok && Array.isArray(res.result) && res.result.length === 0) {
          this.wake(poll);
          await sleep(20);
        }
        return res;
      }
      default:
        return prev(method, payload, signal);
    }
  };

  /** A user (and chat) talking to the bot. */
  user(o: UserOptions): FakeUser {
    const client = this.server.getClient(TEST_TOKEN, {
      userId: o.userId,
      chatId: o.chatId ?? o.userId,
      type: o.type ?? 'private',
      firstName: o.firstName ?? `user${o.userId}`,
      userName: `user${o.userId}`,
    });
    return new FakeUser(this, client, o);
  }

  /** Telegram's 15 s for answering a button press, shortened for a test (Infinity: never too old). */
  set callbackQueryMaxAgeMs(ms: number) {
    this.rules.callbackMaxAgeMs = ms;
  }

  makeAdmin(chatId: number, userId: number): void {
    this.admins.add(`${chatId}:${userId}`);
  }

  /** Every call of `method` takes `ms` longer (0: as fast as the emulator again). */
  slowDown(method: string, ms: number): void {
    this.delays.set(method, ms);
  }

  /** The next call of `method` fails with this Bot API error. */
  failNext(method: string, error: Omit<ApiError, 'ok'>): void {
    this.failures.set(method, [...(this.failures.get(method) ?? []), { ok: false, ...error }]);
  }

  /** Every call of `method` asks `fault` first and fails with what it returns (an outage, a blocked chat). */
  failWhile(method: string, fault: (payload: Record<string, unknown>) => Omit<ApiError, 'ok'> | undefined): void {
    this.faults.set(method, (payload) => {
      const error = fault(payload);
      return error && { ok: false, ...error };
    });
  }

  /**
   * Resolves once the bot has handled everything sent so far: an empty poll that began after this
   * call means every update was fetched, and the bot no longer busy means all were handled.
   */
  settled(): Promise<void> {
    return new Promise((resolve) => this.waiters.push({ after: this.polls, resolve }));
  }

  /** The bot's messages in a chat, oldest first, as they look now (edits applied). */
  messages(chatId: number | string): SeenMessage[] {
    const stored = this.server.storage.botMessages as unknown as StoredBotMessage[];
    return stored
      .filter((u) => u.botToken === TEST_TOKEN && String(u.message.chat_id) === String(chatId))
      .map((u) => ({
        id: u.messageId,
        chatId: String(u.message.chat_id),
        html: u.message.text,
        text: u.message.parse_mode === 'HTML' ? visible(u.message.text) : u.message.text,
        buttons: (u.message.reply_markup?.inline_keyboard ?? []).map((row) => row.map((b) => ({ label: b.text, action: b.callback_data ?? '' }))),
        replyTo: u.message.reply_parameters?.message_id,
        threadId: u.message.message_thread_id,
        photo: u.message.photo,
      }));
  }

  /** Takes the refusals so far (a test that provokes one on purpose); the harness then finds none. */
  takeRefused(): Refusal[] {
    return this.refused.splice(0);
  }

  callsOf(method: string): ApiCall[] {
    return this.calls.filter((c) => c.method === method);
  }

  async stop(): Promise<void> {
    for (const w of this.waiters) w.resolve();
    await this.server.stop();
  }

  /** Telegram refuses an edit that changes nothing, with this text. */
  private unchanged(method: string, body: Record<string, unknown>): string | undefined {
    if (method !== 'editMessageText') return undefined;
    const stored = (this.server.storage.botMessages as unknown as StoredBotMessage[]).find(
      (u) => String(u.messageId) === String(body.message_id) && String(u.message.chat_id) === String(body.chat_id),
    );
    if (!stored || stored.message.text !== body.text) return undefined;
    const keyboard = (m: unknown) => JSON.stringify((m as { inline_keyboard?: unknown[] } | undefined)?.inline_keyboard ?? []);
    if (keyboard(stored.message.reply_markup) !== keyboard(body.reply_markup)) return undefined;
    return 'Bad Request: message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message';
  }

  private wake(poll: number): void {
    if (this.busy()) return;
    const ready = this.waiters.filter((w) => poll > w.after);
    this.waiters = this.waiters.filter((w) => poll <= w.after);
    for (const w of ready) w.resolve();
  }
}

/** A port nothing listens on right now, on 127.0.0.1. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}
