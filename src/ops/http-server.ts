import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from '../logger.js';
import type { Platform } from '../platform.js';
import type { StoreInfo } from '../store/open-store.js';
import { cachedWriteProbe, type WriteProbe } from './write-probe.js';

/** What /healthz looks at. */
export interface HealthSources {
  store: { ping(): Promise<boolean>; probeWrite(at: string): Promise<void> };
  platforms: readonly Pick<Platform, 'name' | 'connected'>[];
  /** The scheduler's last pass; undefined before the first one. */
  lastTickAt(): Date | undefined;
  /** Which database, and for PostgreSQL this process's pool (never the URL or the file path). */
  storeInfo?(): StoreInfo;
  /** SQLite: why the data file's filesystem is too full to go on (src/ops/disk-space.ts), else undefined. */
  diskSpace?(): string | undefined;
}

/** The database as /healthz shows it: the kind, and the pool's connections on PostgreSQL. */
export type HealthDatabase =
  | { kind: 'sqlite' }
  | { kind: 'postgres'; pool: { max: number; total: number; idle: number; waiting: number } };

export interface Health {
  ok: boolean;
  /** `reason` says why the store cannot write (corrupt, read-only, disk full), when it cannot. */
  store: { reachable: boolean; writable: boolean; reason?: string; database?: HealthDatabase };
  platforms: { name: string; connected: boolean }[];
  lastTickAt: string | null;
}

export interface OpsServerOptions {
  host: string;
  /** 0 picks a free port (tests); main only starts the server when the configured port is above 0. */
  port: number;
  health: HealthSources;
  metrics: { render(): Promise<string>; contentType: string };
  log: Logger;
  /** How long one write probe's answer is reused. */
  writeProbeCacheMs?: number;
  /** The lesson pages and the roadmap (src/web/web-routes.ts), served beside health and metrics. */
  web?: (req: IncomingMessage, res: ServerResponse) => Promise<boolean>;
}

export interface OpsServer {
  /** Where it listens, e.g. http://127.0.0.1:8080 */
  readonly url: string;
  close(): Promise<void>;
}

/**
 * The operator's port: GET /healthz (JSON; 200 when the store answers and can write and every platform is
 * connected, else 503), GET /metrics (Prometheus text), and the web pages when `web` is given.
 */
export async function startOpsServer(o: OpsServerOptions): Promise<OpsServer> {
  const canWrite = cachedWriteProbe(o.health.store, o.writeProbeCacheMs);
  const server = createServer((req, res) => {
    route(req, res, o, canWrite).catch((err: unknown) => {
      o.log.error({ err, path: req.url }, 'ops request failed');
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' });
      res.end('internal error\n');
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(o.port, o.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { address, port } = server.address() as AddressInfo;
  const url = `http://${address.includes(':') ? `[${address}]` : address}:${port}`;
  o.log.info({ host: o.host, port }, 'health and metrics listening');
  return {
    url,
    close: () =>
      new Promise<void>((resolve) => {
        // A scraper's keep-alive connection would otherwise hold close() open until it times out.
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

async function route(req: IncomingMessage, res: ServerResponse, o: OpsServerOptions, canWrite: WriteProbe): Promise<void> {
  const path = new URL(req.url ?? '/', 'http://localhost').pathname;
  if (o.web && path !== '/healthz' && path !== '/metrics' && (await o.web(req, res))) return;
  if (path !== '/healthz' && path !== '/metrics') return send(res, 404, 'text/plain; charset=utf-8', 'not found\n');
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.setHeader('allow', 'GET, HEAD');
    return send(res, 405, 'text/plain; charset=utf-8', 'method not allowed\n');
  }
  if (path === '/metrics') return send(res, 200, o.metrics.contentType, await o.metrics.render(), req.method === 'HEAD');
  const health = await checkHealth(o.health, canWrite);
  return send(res, health.ok ? 200 : 503, 'application/json', `${JSON.stringify(health)}\n`, req.method === 'HEAD');
}

export async function checkHealth(h: HealthSources, canWrite: WriteProbe = cachedWriteProbe(h.store, 0)): Promise<Health> {
  // A closed or broken database throws rather than answering false: both mean unreachable.
  const reachable = await h.store.ping().catch(() => false);
  // Reads alone are not health: a corrupt, read-only or full database still answers SELECT 1.
  const cannotWrite = reachable ? await canWrite() : 'the store does not answer';
  const reason = cannotWrite ? `store cannot write: ${cannotWrite}` : h.diskSpace?.();
  const platforms = h.platforms.map((p) => ({ name: p.name, connected: safeConnected(p) }));
  const lastTick = h.lastTickAt();
  return {
    ok: reachable && !reason && platforms.every((p) => p.connected),
    store: { reachable, writable: !reason, ...(reason ? { reason } : {}), ...database(h) },
    platforms,
    lastTickAt: lastTick ? lastTick.toISOString() : null,
  };
}

function database(h: HealthSources): { database?: HealthDatabase } {
  const info = h.storeInfo?.();
  if (!info) return {};
  // Requests waiting for a connection mean the pool is too small for the load (DATABASE_POOL_SIZE).
  return { database: info.kind === 'postgres' ? { kind: 'postgres', pool: info.pool } : { kind: 'sqlite' } };
}

function safeConnected(p: Pick<Platform, 'connected'>): boolean {
  try {
    return p.connected();
  } catch {
    return false;
  }
}

function send(res: ServerResponse, status: number, type: string, body: string, headOnly = false): void {
  res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store', 'content-length': Buffer.byteLength(body) });
  res.end(headOnly ? undefined : body);
}
