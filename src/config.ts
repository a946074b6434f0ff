import { createHash } from 'node:crypto';
import { readFileSync, existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type * as Yaml from 'yaml';
import type * as Zod from 'zod';
import type { z } from 'zod';
import { lazyRequire } from './core/lazy-require.js';
import { readCache, writeCache } from './core/json-cache.js';
import { isTimezone } from './core/study/local-time.js';

const yaml = lazyRequire<typeof Yaml>('yaml');
const zod = lazyRequire<typeof Zod>('zod');
let schemaMemo: ReturnType<typeof schemaOf> | undefined;

function schemaOf({ z }: typeof Zod) {
  const timeOfDay = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a 24-hour time HH:MM such as "09:00"');
  const timezone = z.string().refine(isTimezone, 'an IANA timezone such as "Asia/Shanghai" or "UTC"');

  return z.object({
    lessons: z.object({ dir: z.string().min(1) }),
    store: z.object({
      path: z.string().min(1),
      // SQLite: one bot process per file; a killed holder's lease is taken over after this long.
      sqliteLeaseMs: z.number().int().min(1000).max(600_000).default(30_000),
      // DATABASE_URL: PostgreSQL for several processes; absent, the SQLite file at `path`.
      url: z.string().regex(/^postgres(ql)?:\/\//, 'a postgres:// URL').optional(),
      poolSize: z.number().int().min(1).max(100).default(10),
      // PostgreSQL: how long a process's delivery claims outlive its last heartbeat before another
      // process takes them over (and how old a claim must be before the dispatcher retries it).
      leaseMs: z.number().int().min(1000).max(3_600_000).default(120_000),
    }),
    locale: z.enum(['en', 'zh']),
    log: z.object({ level: z.enum(['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent']) }),
    search: z.object({ maxResults: z.number().int().min(1).max(25), indexCache: z.string() }),
    schedule: z.object({
      defaultTime: timeOfDay,
      defaultTimezone: timezone,
      reviewCap: z.number().int().min(0).max(100),
      // Delivery rows older than this many days are deleted once a day (exactly-once needs only
      // the last few days; older rows are history that would grow the file without end).
      pruneAfterDays: z.number().int().min(7).max(3650).default(60),
      stayAfterDays: z.number().int().min(1).max(30),
      // How long shutdown waits for prompts being sent; a send hanging longer is left claimed, for
      // the next process to take over, and the process still exits 0.
      stopTimeoutMs: z.number().int().min(0).max(120_000).default(10_000),
    }),
    telegram: z.object({
      token: z.string().optional(),
      apiRoot: z.string().url().optional(),
      maxPerSecond: z.number().int().min(1).max(1000),
      webhook: z.object({
        // Telegram posts webhooks only over https, and only to these ports of the public URL.
        url: z.string().refine((u) => u === '' || isWebhookUrl(u), 'an https:// URL on port 443, 80, 88 or 8443 (the only ones Telegram posts to)'),
        port: z.number().int().min(1).max(65535),
        path: z.string().startsWith('/'),
        // setWebhook refuses any other secret_token ("secret token contains unallowed characters").
        secret: z.string().regex(/^[A-Za-z0-9_-]{1,256}$/, '1-256 characters of A-Z, a-z, 0-9, _ and -').optional(),
      }),
    }),
    discord: z.object({
      token: z.string().optional(),
      applicationId: z.string().optional(),
      apiRoot: z.string().url().optional(),
      guildId: z.string().optional(),
    }).default({}),
    http: z.object({
      port: z.number().int().min(0).max(65535),
      // Loopback unless asked: /metrics tells anyone who can reach it how the bot is used.
      host: z.string().min(1).default('127.0.0.1'),
      // SQLite: /healthz turns 503 below this much free space on the data file's filesystem.
      minFreeMb: z.number().int().min(0).default(64),
    }),
    web: z.object({
      // The https address the ops server is reached at from outside; without it no chat shows a
      // "Read" button (a link nobody can open is worse than none).
      publicUrl: z.union([z.literal(''), z.string().url().startsWith('https://', 'an https:// URL')]).default(''),
      // Signs roadmap links; without it /roadmap is public and marks nothing done.
      linkSecret: z.string().optional(),
    }).default({ publicUrl: '' }),
  });
}

export type Config = z.infer<ReturnType<typeof schemaOf>>;

function isWebhookUrl(raw: string): boolean {
  try {
    const url = new URL(raw);
    return url.protocol === 'https:' && ['', '443', '80', '88', '8443'].includes(url.port);
  } catch {
    return false;
  }
}

/**
 * Environment variables and the config keys they set. Secrets appear only here: a token in a
 * YAML file is refused, so it cannot end up committed.
 */
export const ENVIRONMENT: ReadonlyArray<{ env: string; key: string; secret?: boolean; type?: 'number' }> = [
  { env: 'SLOWFAST_LESSONS_DIR', key: 'lessons.dir' },
  { env: 'SLOWFAST_DB', key: 'store.path' },
  { env: 'SLOWFAST_SQLITE_LEASE_MS', key: 'store.sqliteLeaseMs', type: 'number' },
  // Secret: the URL may carry the database password.
  { env: 'DATABASE_URL', key: 'store.url', secret: true },
  { env: 'DATABASE_POOL_SIZE', key: 'store.poolSize', type: 'number' },
  { env: 'DELIVERY_LEASE_MS', key: 'store.leaseMs', type: 'number' },
  { env: 'SLOWFAST_LOCALE', key: 'locale' },
  { env: 'LOG_LEVEL', key: 'log.level' },
  { env: 'SLOWFAST_INDEX_CACHE', key: 'search.indexCache' },
  { env: 'SLOWFAST_DEFAULT_TIME', key: 'schedule.defaultTime' },
  { env: 'SLOWFAST_DEFAULT_TIMEZONE', key: 'schedule.defaultTimezone' },
  { env: 'SLOWFAST_PRUNE_AFTER_DAYS', key: 'schedule.pruneAfterDays', type: 'number' },
  { env: 'SLOWFAST_STOP_TIMEOUT_MS', key: 'schedule.stopTimeoutMs', type: 'number' },
  { env: 'TELEGRAM_TOKEN', key: 'telegram.token', secret: true },
  { env: 'TELEGRAM_API_ROOT', key: 'telegram.apiRoot' },
  { env: 'TELEGRAM_MAX_PER_SECOND', key: 'telegram.maxPerSecond', type: 'number' },
  { env: 'TELEGRAM_WEBHOOK_URL', key: 'telegram.webhook.url' },
  { env: 'TELEGRAM_WEBHOOK_PORT', key: 'telegram.webhook.port', type: 'number' },
  { env: 'TELEGRAM_WEBHOOK_SECRET', key: 'telegram.webhook.secret', secret: true },
  { env: 'DISCORD_TOKEN', key: 'discord.token', secret: true },
  { env: 'DISCORD_APPLICATION_ID', key: 'discord.applicationId' },
  { env: 'DISCORD_API_ROOT', key: 'discord.apiRoot' },
  { env: 'DISCORD_GUILD_ID', key: 'discord.guildId' },
  { env: 'HTTP_PORT', key: 'http.port', type: 'number' },
  { env: 'HTTP_HOST', key: 'http.host' },
  { env: 'HTTP_MIN_FREE_MB', key: 'http.minFreeMb', type: 'number' },
  { env: 'SLOWFAST_PUBLIC_URL', key: 'web.publicUrl' },
  { env: 'SLOWFAST_LINK_SECRET', key: 'web.linkSecret', secret: true },
];

const SECRET_KEYS = ENVIRONMENT.filter((e) => e.secret).map((e) => e.key);

/** A configuration problem, worded as the one line the process prints before it stops. */
export class ConfigError extends Error {}

/** loadConfig for an entry point: a bad value ends the process with its one line and exit code 2. */
export function loadConfigOrExit(options?: LoadConfigOptions): Config {
  try {
    return loadConfig(options);
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    process.stderr.write(`${err.message}\n`);
    process.exit(2);
  }
}

export interface LoadConfigOptions {
  env?: NodeJS.ProcessEnv;
  defaultFile?: string;
  /** The local override file; SLOWFAST_CONFIG or config/local.yaml when not given. */
  localFile?: string;
  /** Where a validated configuration is kept for the next start with the same files and environment ('' for none). */
  cacheFile?: string;
}

/** Next to the compiled config.js (dist/), so that `npm start` finds it; none when run from the sources. */
const CONFIG_CACHE = import.meta.url.endsWith('.js') ? fileURLToPath(new URL('.config-cache.json', import.meta.url)) : '';

export function loadConfig(options: LoadConfigOptions = {}): Config {
  const env = options.env ?? process.env;
  const defaultPath = options.defaultFile ?? 'config/default.yaml';
  const localPath = options.localFile ?? env.SLOWFAST_CONFIG ?? 'config/local.yaml';
  const cacheFile = options.cacheFile ?? CONFIG_CACHE;
  // Parsing YAML and validating with zod is a quarter of the terminal chat's start-up; the same
  // files and variables give the same config. Never with a secret set: none is written to disk.
  const key = cacheFile && !ENVIRONMENT.some((e) => e.secret && env[e.env]) ? configKey(env, defaultPath, localPath) : undefined;
  if (key) {
    const cached = readCache<{ key: string; config: Config }>(cacheFile);
    if (cached?.key === key && cached.config) return cached.config;
  }
  const config = validate(env, defaultPath, localPath, Boolean(env.SLOWFAST_CONFIG) && !options.localFile);
  if (key) writeCache(cacheFile, { key, config });
  return config;
}

/** Everything loadConfig reads: its own code, both files' text and the variables it looks at. */
function configKey(env: NodeJS.ProcessEnv, defaultPath: string, localPath: string): string {
  const h = createHash('sha256').update(readFileSync(fileURLToPath(import.meta.url)));
  for (const path of [defaultPath, localPath]) h.update(`\0${path}\0`).update(existsSync(path) ? readFileSync(path) : '\0none');
  for (const { env: name } of ENVIRONMENT) h.update(`\0${name}=${env[name] ?? ''}`);
  return h.update(`\0SLOWFAST_CONFIG=${env.SLOWFAST_CONFIG ?? ''}`).digest('hex');
}

function validate(env: NodeJS.ProcessEnv, defaultPath: string, localPath: string, localRequired: boolean): Config {
  const defaults = readYaml(defaultPath, true);
  const local = readYaml(localPath, localRequired);
  for (const key of SECRET_KEYS) {
    if (getPath(local, key) !== undefined) {
      throw new ConfigError(`config: ${key} must come from the environment (${envName(key)}), not from ${localPath}`);
    }
  }
  const merged = deepMerge(defaults, local);
  for (const { env: name, key, type } of ENVIRONMENT) {
    const raw = env[name];
    if (raw === undefined || raw === '') continue;
    setPath(merged, key, type === 'number' ? toNumber(raw, name) : raw);
  }
  const result = (schemaMemo ??= schemaOf(zod())).safeParse(merged);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    const key = issue.path.join('.');
    const from = ENVIRONMENT.find((e) => e.key === key && env[e.env]);
    const shown = SECRET_KEYS.includes(key) ? '' : `, got ${JSON.stringify(getPath(merged, key))}`;
    throw new ConfigError(`config: ${key}${from ? ` (from ${from.env})` : ''} must be ${describe(issue)}${shown}`);
  }
  return result.data;
}

function describe(issue: z.core.$ZodIssue): string {
  if (issue.code === 'invalid_value') return `one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
  if (issue.code === 'invalid_type') return `a ${issue.expected}`;
  return issue.message;
}

function envName(key: string): string {
  return ENVIRONMENT.find((e) => e.key === key)?.env ?? key;
}

function toNumber(raw: string, name: string): number {
  const n = Number(raw);
  if (!Number.isFinite(n)) throw new ConfigError(`config: ${name} must be a number, got ${JSON.stringify(raw)}`);
  return n;
}

type Tree = Record<string, unknown>;

function readYaml(path: string, required: boolean): Tree {
  if (!existsSync(path)) {
    if (required) throw new ConfigError(`config: file ${path} not found`);
    return {};
  }
  try {
    const data = yaml().parse(readFileSync(path, 'utf8')) as unknown;
    if (data === null || data === undefined) return {};
    if (typeof data !== 'object' || Array.isArray(data)) throw new Error('not a mapping');
    return data as Tree;
  } catch (err) {
    throw new ConfigError(`config: ${path} is not valid YAML (${(err as Error).message.split('\n')[0]})`);
  }
}

function deepMerge(base: Tree, over: Tree): Tree {
  const out: Tree = { ...base };
  for (const [k, v] of Object.entries(over)) {
    const b = out[k];
    out[k] = isTree(b) && isTree(v) ? deepMerge(b, v) : v;
  }
  return out;
}

function isTree(v: unknown): v is Tree {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function getPath(tree: Tree, key: string): unknown {
  return key.split('.').reduce<unknown>((node, part) => (isTree(node) ? node[part] : undefined), tree);
}

function setPath(tree: Tree, key: string, value: unknown): void {
  const parts = key.split('.');
  let node = tree;
  for (const part of parts.slice(0, -1)) {
    if (!isTree(node[part])) node[part] = {};
    node = node[part] as Tree;
  }
  node[parts.at(-1)!] = value;
}
