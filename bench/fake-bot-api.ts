import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeBotApiOptions {
  /** Messages a second the server accepts overall before answering 429 (Telegram: about 30). */
  perSecond?: number;
  /** Chat ids that have blocked the bot: sendMessage answers 403. */
  blocked?: Set<string>;
  /** Delay before answering sendMessage, to keep sends in flight (crash tests). */
  latencyMs?: number;
}

export interface FakeBotApi {
  url: string;
  /** Every accepted sendMessage, in order: chat id and text. */
  messages: { chatId: string; text: string; at: number }[];
  tooManyRequests: number;
  /** sendMessage requests that arrived, answered or not yet (a send held by latencyMs counts). */
  sendsReceived: number;
  close(): Promise<void>;
}

/**
 * A tiny Telegram Bot API for benchmarks: instant answers, a real sliding-window rate limit with
 * 429 and retry_after, long polling that holds like the real server, 403 for blocked chats.
 */
export async function startFakeBotApi(o: FakeBotApiOptions = {}, port = 0): Promise<FakeBotApi> {
  const perSecond = o.perSecond ?? 30;
  const window: number[] = [];
  const state: FakeBotApi = { url: '', messages: [], tooManyRequests: 0, sendsReceived: 0, close: async () => {} };
  let nextId = 1;
  const server: Server = createServer((req, res) => void handle(req, res));
  const polls = new Set<ServerResponse>();

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const body = await readBody(req);
    const method = (req.url ?? '').split('/').pop()!.split('?')[0]!;
    const send = (status: number, payload: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(payload));
    };
    switch (method) {
      case '__stats': {
        const chats = new Set(state.messages.map((m) => m.chatId));
        const perChat: Record<string, number> = {};
        for (const m of state.messages) perChat[m.chatId] = (perChat[m.chatId] ?? 0) + 1;
        return send(200, { messages: state.messages.length, chats: chats.size, tooManyRequests: state.tooManyRequests, first: state.messages[0]?.at, last: state.messages.at(-1)?.at, perChat });
      }
      case 'getMe':
        return send(200, { ok: true, result: { id: 1, is_bot: true, first_name: 'slowfast', username: 'slowfast_bot', can_join_groups: true, can_read_all_group_messages: false, supports_inline_queries: true } });
      case 'getUpdates': {
        // Hold the poll like the real server; answer empty when it times out or the server closes.
        const timeout = Math.min(Number(body.timeout ?? 0), 30) * 1000;
        polls.add(res);
        setTimeout(() => {
          polls.delete(res);
          if (!res.writableEnded) send(200, { ok: true, result: [] });
        }, timeout || 10).unref();
        return;
      }
      case 'sendMessage': {
        state.sendsReceived++;
        const chatId = String(body.chat_id);
        if (o.blocked?.has(chatId)) return send(403, { ok: false, error_code: 403, description: 'Forbidden: bot was blocked by the user' });
        const now = Date.now();
        while (window.length && now - window[0]! >= 1000) window.shift();
        if (window.length >= perSecond) {
          state.tooManyRequests++;
          const retryAfter = Math.max(1, Math.ceil((1000 - (now - window[0]!)) / 1000));
          return send(429, { ok: false, error_code: 429, description: `Too Many Requests: retry after ${retryAfter}`, parameters: { retry_after: retryAfter } });
        }
        window.push(now);
        if (o.latencyMs) await new Promise((r) => setTimeout(r, o.latencyMs));
        state.messages.push({ chatId, text: String(body.text ?? ''), at: now });
        return send(200, { ok: true, result: { message_id: nextId++, date: Math.floor(now / 1000), chat: { id: Number(chatId), type: 'private' }, text: body.text } });
      }
      default:
        return send(200, { ok: true, result: true });
    }
  }

  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  state.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  state.close = () =>
    new Promise((resolve) => {
      for (const r of polls) if (!r.writableEnded) r.end(JSON.stringify({ ok: true, result: [] }));
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return state;
}

async function readBody(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  const raw = Buffer.concat(chunks).toString('utf8');
  if (!raw) return Object.fromEntries(new URL(req.url ?? '/', 'http://x').searchParams);
  try {
    return JSON.parse(raw) as Record<string, unknown>;
  } catch {
    return Object.fromEntries(new URLSearchParams(raw));
  }
}

// Run on its own (`tsx bench/fake-bot-api.ts PER_SECOND [LATENCY_MS]`): prints its URL, serves until killed.
if (import.meta.url === `file://${process.argv[1]}`) {
  const api = await startFakeBotApi({ perSecond: Number(process.argv[2] ?? 30), latencyMs: Number(process.argv[3] ?? 0) });
  process.stdout.write(`${api.url}\n`);
}
