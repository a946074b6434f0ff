import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { round } from './stats.js';

/** Milliseconds from spawning the process to the first byte of its first reply on stdout. */
export function timeToFirstReply(args: string[], env: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, args, { env: { PATH: process.env.PATH!, HOME: process.env.HOME ?? '/tmp', ...env }, stdio: ['pipe', 'pipe', 'inherit'] });
    let done = false;
    child.stdout.once('data', () => {
      done = true;
      resolve(performance.now() - started);
    });
    child.on('exit', (code) => {
      if (!done) reject(new Error(`exited ${code} before replying`));
    });
    child.stdin.end('/help\n');
  });
}

/** Start-up to the first reply in the terminal chat: cold (index built) and warm (index cached), with tsx and compiled. */
export async function benchStartup(): Promise<Record<string, number>> {
  const dir = mkdtempSync(join(tmpdir(), 'slowfast-bench-'));
  try {
    const env = { SLOWFAST_DB: join(dir, 'db.sqlite'), SLOWFAST_INDEX_CACHE: join(dir, 'index.json') };
    const tsx = ['--import', 'tsx', 'src/main.ts'];
    const coldMs = await timeToFirstReply(tsx, env);
    const warm: number[] = [];
    for (let i = 0; i < 3; i++) warm.push(await timeToFirstReply(tsx, env));
    const out: Record<string, number> = { coldTsxMs: round(coldMs, 0), warmTsxMs: round(Math.min(...warm), 0) };
    if (!existsSync('dist/main.js')) spawnSync('npx', ['tsc', '-p', 'tsconfig.build.json'], { stdio: 'inherit' });
    const compiled: number[] = [];
    for (let i = 0; i < 3; i++) compiled.push(await timeToFirstReply(['dist/main.js'], env));
    out.warmCacheMs = round(Math.min(...compiled), 0);
    return out;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
