// A small local Discord: the REST routes and gateway handshake discord.js 14 uses, on 127.0.0.1.
// No Discord emulator exists; this is just enough for the real client to connect, receive
// interactions and answer them, with every request recorded for the tests to read. It is as strict
// as Discord: a bad token, a message over a limit, a command Discord would not register, an
// interaction answered late or twice, a follow-up after its token expired get Discord's status and
// JSON error, and are listed in `refusals()` so a test can require that none happened.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer } from 'ws';
import { FakeGateway } from './discord-gateway.js';
import { InteractionLedger, type Verdict } from './discord-interactions.js';
import { checkCommands } from './discord-commands.js';
import { checkMessage, type DiscordErrorBody } from './discord-limits.js';
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
  /** The JSON body; for a multipart upload, its payload_json. */
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any -- tests read Discord JSON freely
  /** File names of a multipart upload. */
  files: string[];
  at: number;
  /** The status the fake answered with, and Discord's error body when it refused. */
  status: number;
  error?: DiscordErrorBody;
  /** Answered by a `fail()` rule the test set, not by the fake's own judgement. */
  injected?: boolean;
}

export interface FakeDiscordOptions {
  /** The bot token the REST API and the gateway accept ('fake-token' by default). */
  token?: string;
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
  readonly token: string;
  private readonly waiters: { match: (r: Recorded) => boolean; resolve: (r: Recorded) => void }[] = [];
  private readonly failures: FailureRule[] = [];
  private readonly gateway: FakeGateway;
  /** How far the fake's clock is ahead of the real one (see `advance`). */
  private skewMs = 0;
  private readonly interactions = new InteractionLedger(() => performance.now() + this.skewMs);

  private constructor(
    private readonly http: Server,
    readonly port: number,
    options: FakeDiscordOptions,
  ) {
    this.token = options.token ?? 'fake-token';
    this.gateway = new FakeGateway(new WebSocketServer({ server: http }), this.gatewayUrl, this.token);
    http.on('request', (req, res) => void this.onRequest(req, res));
  }

  static async start(options: FakeDiscordOptions = {}): Promise<FakeDiscord> {
    const http = createServer();
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
    return new FakeDiscord(http, (http.address() as AddressInfo).port, options);
  }

  /** Moves the fake's clock on: interactions sent before now are `ms` older (past a deadline, say). */
  advance(ms: number): void {
    this.skewMs += ms;
  }

  /** Every request Discord would have refused, one line each: empty when the bot kept every rule. */
  refusals(): string[] {
    return this.requests.filter((r) => r.error && !r.injected).map((r) => `${r.method} ${r.path}: ${r.status} ${JSON.stringify(r.error)}`);
  }

  /** The gateway's closes of bad connections, with Discord's code and reason. */
  get gatewayCloses(): { code: number; reason: string }[] {
    return this.gateway.closes;
  }

  /** Identified gateway connections right now. */
  get gatewayConnections(): number {
    return this.gateway.connections;
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

  /**
   * Discord's 429 for the next `times` matching requests, as Discord sends it: Retry-After, the
   * bucket headers (nothing left until the reset) and the JSON body with retry_after in seconds.
   */
  rateLimit(path: RegExp, retryAfterSeconds: number, options: { method?: string; times?: number; global?: boolean } = {}): void {
    const global = options.global ?? false;
    const headers: Record<string, string> = {
      'retry-after': String(retryAfterSeconds), 'x-ratelimit-scope': global ? 'global' : 'user',
      ...(global
        ? { 'x-ratelimit-global': 'true' }
        : { 'x-ratelimit-limit': '5', 'x-ratelimit-remaining': '0', 'x-ratelimit-reset-after': String(retryAfterSeconds), 'x-ratelimit-bucket': 'fake-bucket' }),
    };
    this.fail({
      path, status: 429, headers, times: options.times ?? 1, ...(options.method ? { method: options.method } : {}),
      body: { message: 'You are being rate limited.', retry_after: retryAfterSeconds, global },
    });
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
    this.interactions.open(id, token, type);
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
    const { body, files } = parseBody(await readBody(req), req.headers['content-type'] ?? '');
    const method = req.method ?? 'GET';
    const recorded: Recorded = { method, path, query: url.searchParams, body, files, at: performance.now(), status: 200 };
    let answer: unknown;
    const failure = this.failures.find((f) => (f.times ?? 1) > 0 && f.path.test(path) && (!f.method || f.method === method));
    if (failure) {
      failure.times = (failure.times ?? 1) - 1;
      recorded.injected = true;
      recorded.status = failure.status;
      answer = failure.body ?? { message: 'fake failure', code: 0 };
    } else {
      const verdict = this.judge(recorded, req.headers.authorization);
      recorded.status = verdict.status;
      if (verdict.error) answer = verdict.error;
      else {
        answer = answerRest(recorded, this.gatewayUrl);
        if (answer === undefined) Object.assign(recorded, { status: 404, error: (answer = { message: '404: Not Found', code: 0 }) });
        else if (answer === null) recorded.status = 204;
      }
      if (verdict.error) recorded.error = verdict.error;
    }
    this.requests.push(recorded);
    for (const w of [...this.waiters]) {
      if (w.match(recorded)) {
        this.waiters.splice(this.waiters.indexOf(w), 1);
        w.resolve(recorded);
      }
    }
    if (recorded.status === 204) {
      res.writeHead(204).end();
      return;
    }
    json(res, recorded.status, answer, failure?.headers);
  }

  /** What Discord would say to this request before doing it: a refusal, or 200 to go ahead. */
  private judge(r: Recorded, authorization: string | undefined): Verdict {
    let m: RegExpExecArray | null;
    // Interaction responses and their webhooks are authorized by the interaction token in the path.
    if ((m = /^\/interactions\/(\d+)\/([^/]+)\/callback$/.exec(r.path)) && r.method === 'POST') return this.interactions.respond(m[1]!, m[2]!, r.body);
    if ((m = /^\/webhooks\/\d+\/([^/]+)/.exec(r.path))) return this.interactions.webhook(m[1]!, r.method, r.body, r.files.length);
    if (authorization !== `Bot ${this.token}`) return { status: 401, error: { message: '401: Unauthorized', code: 0 } };
    if (/^\/channels\/\d+\/messages$/.test(r.path) && r.method === 'POST') {
      const error = checkMessage(r.body, { files: r.files.length });
      if (error) return { status: 400, error };
    }
    if (/^\/applications\/\d+(?:\/guilds\/\d+)?\/commands$/.test(r.path) && r.method === 'PUT') {
      const error = checkCommands(r.body);
      if (error) return { status: 400, error };
    }
    return { status: 200 };
  }
}

/** JSON, or a multipart upload's payload_json and file names (discord.js sends files that way). */
function parseBody(text: string, contentType: string): { body: unknown; files: string[] } {
  const boundary = /boundary=(?:"([^"]+)"|([^;]+))/.exec(contentType);
  if (contentType.startsWith('multipart/form-data') && boundary) {
    const files: string[] = [];
    let body: unknown;
    for (const part of text.split(`--${boundary[1] ?? boundary[2]}`)) {
      const [head = '', ...rest] = part.split('\r\n\r\n');
      const name = /name="([^"]+)"/.exec(head)?.[1];
      const filename = /filename="([^"]+)"/.exec(head)?.[1];
      if (filename) files.push(filename);
      else if (name === 'payload_json') body = JSON.parse(rest.join('\r\n\r\n').replace(/\r\n$/, ''));
    }
    return { body, files };
  }
  try {
    return { body: text ? JSON.parse(text) : undefined, files: [] };
  } catch {
    return { body: text, files: [] };
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
