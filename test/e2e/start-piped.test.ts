import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { killSpawnedBots, spawnBot } from '../helpers/spawn-bot.js';

/** `npm start` with no tokens and piped input: what a script would get. */
async function start(input: string, env: Record<string, string> = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'slowfast-e2e-'));
  const bot = spawnBot({ SLOWFAST_DB: join(dir, 'db.sqlite'), SLOWFAST_INDEX_CACHE: join(dir, 'index.json'), ...env }, ['src/main.ts'], { input });
  const status = await bot.exited;
  return { status, stdout: bot.stdout(), stderr: bot.stderr() };
}

afterEach(killSpawnedBots);

describe('npm start without tokens', () => {
  it('answers piped commands line by line and exits 0', async () => {
    const run = await start('/lesson 39\n/search vxlan\n');
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^== Lesson 39 · Kubernetes Services ==/);
    expect(run.stdout).toContain('== Search: vxlan ==');
  }, 60_000);

  it('keeps progress in the SQLite file between runs', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'slowfast-e2e-'));
    const env = { SLOWFAST_DB: join(dir, 'db.sqlite') };
    expect((await start('/done 0\n', env)).stdout).toContain('Lesson 0 · ');
    expect((await start('/progress\n', env)).stdout).toMatch(/1 of \d+ lessons done/);
  }, 60_000);

  it('ends quietly when the reader stops early (| head): no EPIPE trace', () => {
    const dir = mkdtempSync(join(tmpdir(), 'slowfast-e2e-'));
    const lines = '/lesson 39\\n'.repeat(200);
    const run = spawnSync('bash', ['-c', `set -o pipefail; printf '${lines}' | "${process.execPath}" --import tsx src/main.ts | head -1; echo "exit \${PIPESTATUS[1]}" >&2`], {
      encoding: 'utf8',
      timeout: 110_000,
      env: { PATH: process.env.PATH, HOME: process.env.HOME, SLOWFAST_DB: join(dir, 'db.sqlite'), SLOWFAST_INDEX_CACHE: join(dir, 'index.json') },
    });
    expect(run.stdout).toBe('== Lesson 39 · Kubernetes Services ==\n');
    expect(run.stderr.trim()).toBe('exit 0');
  }, 120_000);

  it('prints only JSON on stdout for `npm run --silent cli -- search --json`', () => {
    const run = spawnSync('npm', ['run', '--silent', 'cli', '--', 'search', '--json', 'vxlan'], { encoding: 'utf8', timeout: 110_000 });
    expect(run.status).toBe(0);
    expect(JSON.parse(run.stdout)[0]).toMatchObject({ id: 15, title: 'VXLAN principles' });
  }, 120_000);

  it('stops with one clear line on a bad config value', async () => {
    const run = await start('/help\n', { SLOWFAST_DEFAULT_TIMEZONE: 'Nowhere/Land' });
    expect(run.status).toBe(2);
    expect(run.stderr.trim().split('\n')).toEqual([
      'config: schedule.defaultTimezone (from SLOWFAST_DEFAULT_TIMEZONE) must be an IANA timezone such as "Asia/Shanghai" or "UTC", got "Nowhere/Land"',
    ]);
  });
});
