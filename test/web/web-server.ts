import { createHmac } from 'node:crypto';
import { pino } from 'pino';
import { startOpsServer, type OpsServer } from '../../src/ops/http-server.js';
import { createWebHandler } from '../../src/web/web-routes.js';
import type { TestApp } from '../helpers/app.js';

export const LINK_SECRET = 'test-link-secret-0123456789';
export const BOT_TOKEN = '123456:TEST-token';

/** The ops server with the web pages of a test app, on a free port of 127.0.0.1. */
export function startWebServer(app: TestApp, o: { linkSecret?: string } = {}): Promise<OpsServer> {
  return startOpsServer({
    host: '127.0.0.1',
    port: 0,
    health: { store: app.store, platforms: [], lastTickAt: () => undefined },
    metrics: { render: async () => '', contentType: 'text/plain' },
    log: pino({ level: 'silent' }),
    web: createWebHandler({ core: app.core, linkSecret: o.linkSecret ?? LINK_SECRET, telegramToken: BOT_TOKEN }),
  });
}

/** initData as Telegram's client sends it, signed the way the Bot API page describes. */
export function signInitData(fields: Record<string, string>, token = BOT_TOKEN): string {
  const check = Object.keys(fields).sort().map((k) => `${k}=${fields[k]}`).join('\n');
  const secret = createHmac('sha256', 'WebAppData').update(token).digest();
  const hash = createHmac('sha256', secret).update(check).digest('hex');
  return new URLSearchParams({ ...fields, hash }).toString();
}
