// A small local Discord: the REST routes and gateway handshake discord.js 14 uses, on 127.0.0.1.
// No Discord emulator exists; this is just enough for the real client to connect, receive
// interactions and answer them, with every request recorded for the tests to read.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import { fakeMessage, interactionPayload, snowflake, type FakeUser, type InteractionSpec, type OptionValue } from './discord-payloads.js';

export { MANAGE_CHANNELS, type FakeUser, type InteractionSpec } from './discord-payloads.js';

export const APP_ID = '1100000000000000001';
export const BOT_USER = { id: APP_ID, username: 'slowfast', discriminator: '0', global_name: 'slowfast', avatar: null, bot: true };
export const GUILD_ID = '1200000000000000001';

/** One request the fake received. */
export interface Recorded {
  method: string;
  /** Without the `/api/v10` prefix: `/interactions/1/tok/callback`. */
  path: string;
  query: URLSearchParams;
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any -- tests read Discord JSON freely
  at: number;
}

/** A failure to answer instead of the normal response, for the next `times` matching requests. */
export interface FailureRule {
  method?: string;
  path: RegExp;
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
  times?: number;
}

/** An interaction sent down the gateway, and how to wait for the bot's answers to it. */
export interface SentInteraction {
  id: string;
  token: string;
  sentAt: number;
  /** The POST to /interactions/:id/:token/callback: the first answer. */
  callback(): Promise<Recorded>;
  /** The n-th (1-based) request to this interaction's webhook: edits of @original and follow-ups. */
  webhook(n?: number): Promise<Recorded>;
}

export class FakeDiscord {
  readonly requests: Recorded[] = [];
  /** IDENTIFY payloads received on the gateway. */
  readonly identifies: any[] = []; // eslint-disable-line @typescript-eslint/no-explicit-any
  private readonly sockets = new Set<WebSocket>();
  private readonly waiters: { match: (r: Recorded) => boolean; resolve: (r: Recorded) => void }[] = [];
  private readonly failures: FailureRule[] = [];
  private seq = 0;

  private constructor(
    private readonly http: Server,
    private readonly wss: WebSocketServer,
    readonly port: number,
  ) {}

  static async start(): Promise<FakeDiscord> {
    const http = createServer();
    const wss = new WebSocketServer({ server: http });
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
    const fake = new FakeDiscord(http, wss, (http.address() as AddressInfo).port);
    http.on('request', (req, res) => void fake.onRequest(req, res));
    wss.on('connection', (ws) => fake.onSocket(ws));
    return fake;
  }

  /** What discord.js takes as `rest.api` (it adds `/v10`). */
  get apiRoot(): string {
    return `http://127.0.0.1:${this.port}/api`;
  }

  get gatewayUrl(): string {
    return `ws://127.0.0.1:${this.port}`;
  }

  /** Answer the next matching requests with an error instead. */
  fail(rule: FailureRule): void {
    this.failures.push({ times: 1, ...rule });
  }

  /** A slash command: options by name; a FakeUser value is a USER option. */
  command(name: string, options: Record<string, OptionValue> = {}, spec: InteractionSpec = {}): SentInteraction {
    return this.send(2, { name, options }, spec);
  }

  /** Typing into an autocomplete option. */
  autocomplete(name: string, option: string, partial: string, spec: InteractionSpec = {}): SentInteraction {
    return this.send(4, { name, options: { [option]: partial }, focused: option }, spec);
  }

  /** A press of the button with this custom_id, on a message the bot posted. */
  button(customId: string, spec: InteractionSpec = {}): SentInteraction {
    return this.send(3, { customId }, spec);
  }

  /** Resolves with the first recorded request (past or future) that matches. */
  waitFor(match: (r: Recorded) => boolean, what = 'a request', timeoutMs = 5000): Promise<Recorded> {
    const found = this.requests.find(match);
    if (found) return Promise.resolve(found);
    return new Promise((resolve, reject) => {
      const waiter = { match, resolve: (r: Recorded) => (clearTimeout(timer), resolve(r)) };
      const timer = setTimeout(() => {
        this.waiters.splice(this.waiters.indexOf(waiter), 1);
        reject(new Error(`fake Discord: no ${what} within ${timeoutMs} ms`));
      }, timeoutMs);
      this.waiters.push(waiter);
    });
  }

  async close(): Promise<void> {
    for (const ws of this.sockets) ws.terminate();
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
    this.http.closeAllConnections();
    await new Promise<void>((resolve) => this.http.close(() => resolve()));
  }

  private send(type: 2 | 3 | 4, data: Parameters<typeof interactionPayload>[1], spec: InteractionSpec): SentInteraction {
    const payload = interactionPayload(type, data, spec, APP_ID);
    const { id, token } = payload;
    this.dispatch('INTERACTION_CREATE', payload);
    const prefix = `/webhooks/${APP_ID}/${token}`;
    return {
      id,
      token,
      sentAt: performance.now(),
      callback: () => this.waitFor((r) => r.method === 'POST' && r.path === `/interactions/${id}/${token}/callback`, `callback for interaction ${id}`),
      webhook: (n = 1) => {
        let seen = 0;
        return this.waitFor((r) => r.path.startsWith(prefix) && r.method !== 'GET' && ++seen === n, `webhook request #${n} for ${id}`);
      },
    };
  }

  private dispatch(t: string, d: unknown): void {
    if (!this.sockets.size) throw new Error('fake Discord: no gateway connection to dispatch to');
    for (const ws of this.sockets) ws.send(JSON.stringify({ op: 0, t, s: ++this.seq, d }));
  }

  private onSocket(ws: WebSocket): void {
    this.sockets.add(ws);
    ws.on('close', () => this.sockets.delete(ws));
    ws.send(JSON.stringify({ op: 10, d: { heartbeat_interval: 41_250 } }));
    ws.on('message', (raw) => {
      const packet = JSON.parse(String(raw)) as { op: number; d: unknown };
      if (packet.op === 1) ws.send(JSON.stringify({ op: 11 }));
      else if (packet.op === 2) {
        this.identifies.push(packet.d);
        const ready = {
          v: 10, user: BOT_USER, guilds: [], session_id: `session-${snowflake()}`, resume_gateway_url: this.gatewayUrl,
          shard: [0, 1], application: { id: APP_ID, flags: 0 },
        };
        ws.send(JSON.stringify({ op: 0, t: 'READY', s: ++this.seq, d: ready }));
      } else if (packet.op === 6) ws.send(JSON.stringify({ op: 0, t: 'RESUMED', s: ++this.seq, d: {} }));
    });
  }

  private async onRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const path = url.pathname.replace(/^\/api\/v10/, '');
    const text = await readBody(req);
    let body: unknown = text;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      // multipart or plain text: kept as it came
    }
    const recorded: Recorded = { method: req.method ?? 'GET', path, query: url.searchParams, body, at: performance.now() };
    this.requests.push(recorded);
    for (const w of [...this.waiters]) {
      if (w.match(recorded)) {
        this.waiters.splice(this.waiters.indexOf(w), 1);
        w.resolve(recorded);
      }
    }
    const failure = this.failures.find((f) => (f.times ?? 1) > 0 && f.path.test(path) && (!f.method || f.method === recorded.method));
    if (failure) {
      failure.times = (failure.times ?? 1) - 1;
      return json(res, failure.status, failure.body ?? { message: 'fake failure', code: 0 }, failure.headers);
    }
    const answer = this.route(recorded);
    if (answer === undefined) return json(res, 404, { message: `fake Discord has no ${recorded.method} ${path}`, code: 0 });
    if (answer === null) {
      res.writeHead(204).end();
      return;
    }
    json(res, 200, answer);
  }

  private route({ method, path, body }: Recorded): unknown {
    let m: RegExpExecArray | null;
    if (method === 'GET' && path === '/gateway/bot') {
      return {
        url: this.gatewayUrl, shards: 1,
        session_start_limit: { total: 1000, remaining: 999, reset_after: 14_400_000, max_concurrency: 1 },
      };
    }
    if (method === 'GET' && path === '/users/@me') return BOT_USER;
    if (method === 'POST' && /^\/interactions\/\d+\/[^/]+\/callback$/.test(path)) return null;
    if ((m = /^\/webhooks\/\d+\/[^/]+(?:\/messages\/(@original|\d+))?$/.exec(path))) {
      if (method === 'DELETE') return null;
      return fakeMessage(BOT_USER, '0', body as object);
    }
    if (method === 'PUT' && (m = /^\/applications\/(\d+)(?:\/guilds\/(\d+))?\/commands$/.exec(path))) {
      const [, app, guild] = m;
      return (body as object[]).map((c) => ({ ...c, id: snowflake(), application_id: app, version: snowflake(), ...(guild ? { guild_id: guild } : {}) }));
    }
    if (method === 'POST' && (m = /^\/channels\/(\d+)\/messages$/.exec(path))) return fakeMessage(BOT_USER, m[1]!, body as object);
    if (method === 'POST' && (m = /^\/channels\/(\d+)\/messages\/(\d+)\/threads$/.exec(path))) {
      const name = (body as { name?: string }).name;
      return {
        id: m[2], type: 11, guild_id: GUILD_ID, parent_id: m[1], name, owner_id: BOT_USER.id, message_count: 0, member_count: 1,
        thread_metadata: { archived: false, auto_archive_duration: 1440, archive_timestamp: new Date().toISOString(), locked: false },
      };
    }
    if (method === 'GET' && (m = /^\/channels\/(\d+)$/.exec(path))) {
      return { id: m[1], type: 0, guild_id: GUILD_ID, name: 'study-group', position: 0, permission_overwrites: [], nsfw: false, parent_id: null };
    }
    return undefined;
  }
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(body));
}
