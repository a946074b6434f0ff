import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { round } from './stats.js';

/** The node flags `npm start` and the Docker image run the bot with (a small young generation: see the Dockerfile). */
export const SHIPPED_NODE_FLAGS = ['--max-semi-space-size=4'];

/**
 * Milliseconds from spawning `command` to the first line of the first reply on stdout: npm's own
 * "> slowfast@0.1.0 start" header lines and blank lines are not a reply.
 */
export function timeToFirstReply(command: string, args: string[], env: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(command, args, { env: { PATH: process.env.PATH!, HOME: process.env.HOME ?? '/tmp', ...env }, stdio: ['pipe', 'pipe', 'ignore'] });
    let seen = '';
    let done = false;
    child.stdout.on('data', (chunk: Buffer) => {
      if (done) return;
      seen += chunk.toString('utf8');
      if (seen.split('\n').slice(0, -1).some((line) => line.trim() && !line.startsWith('> '))) {
        done = true;
        resolve(performance.now() - started);
      }
    });
    child.on('exit', (code) => {
      if (!done) reject(new Error(`${command} ${args.join(' ')} exited ${code} before replying`));
    });
    child.stdin.end('/help\n');
  });
}

/**
 * Start-up to the first reply in the terminal chat, as a newcomer types it: `npm start`, cold (no
 * cache: lessons parsed and the index built) and warm (the second and later starts, from the
 * cache); beside it `node dist/main.js`, the same without npm's own start-up, and the TypeScript
 * sources run with tsx (npm run start:dev). Warm figures are the median and best of `runs`.
 */
export async function benchStartup(runs = 5): Promise<Record<string, number>> {
  const dir = mkdtempSync(join(tmpdir(), 'slowfast-bench-'));
  try {
    const env = { SLOWFAST_DB: join(dir, 'db.sqlite'), SLOWFAST_INDEX_CACHE: join(dir, 'index.json') };
    if (!existsSync('dist/.built')) spawnSync(process.execPath, ['scripts/build.mjs'], { stdio: 'inherit' });
    const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
    const out: Record<string, number> = { npmStartColdMs: round(await timeToFirstReply(npm, ['start'], env), 0) };
    const warm = async (command: string, args: string[], name: string) => {
      const ms: number[] = [];
      for (let i = 0; i < runs; i++) ms.push(await timeToFirstReply(command, args, env));
      ms.sort((a, b) => a - b);
      out[`${name}WarmMs`] = round(ms[Math.floor(ms.length / 2)]!, 0);
      out[`${name}WarmBestMs`] = round(ms[0]!, 0);
    };
    await warm(npm, ['start'], 'npmStart');
    await warm(process.execPath, [...SHIPPED_NODE_FLAGS, 'dist/main.js'], 'nodeDist');
    // The floor: node itself, printing one line.
    await warm(process.execPath, ['-e', 'console.log("node")'], 'nodeAlone');
    await warm(process.execPath, [...SHIPPED_NODE_FLAGS, '--import', 'tsx', 'src/main.ts'], 'tsx');
    return out;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Resident memory of the real bot process (compiled, Telegram through a local fake Bot API)
 * idle after start-up, with the real lessons and `subscriptions` subscriptions in its store.
 */
export async function benchIdleMemory(subscriptions: number): Promise<Record<string, number>> {
  const { SqliteStore } = await import('../src/store/sqlite-store.js');
  const { startFakeBotApi } = await import('./fake-bot-api.js');
  const dir = mkdtempSync(join(tmpdir(), 'slowfast-idle-'));
  const store = new SqliteStore(join(dir, 'db.sqlite'));
  // Due an hour from now, so the process stays idle while it is measured.
  const later = new Date(Date.now() + 3_600_000).toISOString().slice(11, 16);
  for (let i = 0; i < subscriptions; i++) {
    await store.saveSubscription({ platform: 'telegram', chatId: String(500_000 + i), kind: 'personal', learnerId: `telegram:${500_000 + i}`, time: later, timezone: 'UTC', locale: 'en', status: 'active', everyDays: 1 });
  }
  await store.close();
  const api = await startFakeBotApi();
  if (!existsSync('dist/main.js')) spawnSync('npx', ['tsc', '-p', 'tsconfig.build.json'], { stdio: 'inherit' });
  const env = { PATH: process.env.PATH!, SLOWFAST_DB: join(dir, 'db.sqlite'), SLOWFAST_INDEX_CACHE: join(dir, 'index.json'), TELEGRAM_TOKEN: '123456:idle-bench', TELEGRAM_API_ROOT: api.url, LOG_LEVEL: 'warn' };
  // The first start builds the search index cache; the process measured starts as a restarted bot does.
  spawnSync(process.execPath, ['dist/main.js'], { env: { ...env, TELEGRAM_TOKEN: '' }, input: '/help\n' });
  const child = spawn(process.execPath, [...SHIPPED_NODE_FLAGS, 'dist/main.js'], { env, stdio: ['ignore', 'ignore', 'inherit'] });
  try {
    await new Promise((r) => setTimeout(r, 8000));
    const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
    const kb = (key: string) => Number(new RegExp(`${key}:\\s+(\\d+)`).exec(status)?.[1] ?? NaN);
    return { subscriptions, rssMB: round(kb('VmRSS') / 1024, 1), peakRssMB: round(kb('VmHWM') / 1024, 1) };
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
    await api.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
