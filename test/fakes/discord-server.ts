// A small local Discord: the REST routes and gateway handshake discord.js 14 uses, on 127.0.0.1.
// No Discord emulator exists; this is just enough for the real client to connect, receive
// interactions and answer them, with every request recorded for the tests to read.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer } from 'ws';
import { FakeGateway } from './discord-gateway.js';
import { interactionPayload, type InteractionSpec, type OptionValue } from './discord-payloads.js';
import { answerRest, APP_ID } from './discord-routes.js';

export { dmChannelId, MANAGE_CHANNELS, type FakeUser, type InteractionSpec } from './discord-payloads.js';
export { APP_ID, BOT_USER, GUILD_ID } from './discord-routes.js';

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
  private readonly waiters: { match: (r: Recorded) => boolean; resolve: (r: Recorded) => void }[] = [];
  private readonly failures: FailureRule[] = [];
  private readonly gateway: FakeGateway;

  private constructor(
    private readonly http: Server,
    readonly port: number,
  ) {
    this.gateway = new FakeGateway(new WebSocketServer({ server: http }), this.gatewayUrl);
    http.on('request', (req, res) => void this.onRequest(req, res));
  }

  static async start(): Promise<FakeDiscord> {
    const http = createServer();
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
    return new FakeDiscord(http, (http.address() as AddressInfo).port);
  }

  /** What discord.js takes as `rest.api` (it adds `/v10`). */
  get apiRoot(): string {
    return `http://127.0.0.1:${this.port}/api`;
  }

  /** IDENTIFY payloads the gateway received. */
  get identifies(): unknown[] {
    return this.gateway.identifies;
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

  /** The next interaction callback recorded from now on, whichever interaction it answers. */
  nextCallback(timeoutMs = 5000): Promise<Recorded> {
    const after = this.requests.length;
    return this.waitFor((r) => this.requests.indexOf(r) >= after && r.method === 'POST' && /^\/interactions\/\d+\/[^/]+\/callback$/.test(r.path), 'callback', timeoutMs);
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
    await this.gateway.close();
    this.http.closeAllConnections();
    await new Promise<void>((resolve) => this.http.close(() => resolve()));
  }

  private send(type: 2 | 3 | 4, data: Parameters<typeof interactionPayload>[1], spec: InteractionSpec): SentInteraction {
    const payload = interactionPayload(type, data, spec, APP_ID);
    const { id, token } = payload;
    const sentAt = performance.now();
    this.gateway.dispatch('INTERACTION_CREATE', payload);
    const prefix = `/webhooks/${APP_ID}/${token}`;
    return {
      id,
      token,
      sentAt,
      callback: () => this.waitFor((r) => r.method === 'POST' && r.path === `/interactions/${id}/${token}/callback`, `callback for interaction ${id}`),
      webhook: (n = 1) => {
        let seen = 0;
        return this.waitFor((r) => r.path.startsWith(prefix) && r.method !== 'GET' && ++seen === n, `webhook request #${n} for ${id}`);
      },
    };
  }

  private async onRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    // discord.js sends @original as %40original.
    const path = decodeURIComponent(url.pathname).replace(/^\/api\/v10/, '');
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
    const answer = answerRest(recorded, this.gatewayUrl);
    if (answer === undefined) return json(res, 404, { message: `fake Discord has no ${recorded.method} ${path}`, code: 0 });
    if (answer === null) {
      res.writeHead(204).end();
      return;
    }
    json(res, 200, answer);
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
