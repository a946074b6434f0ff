import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

// The compiled bot in a real terminal (a tmux pane 60 columns wide), as a newcomer runs `npm start`:
// what the screen shows, not what the adapter returns.
const hasTmux = spawnSync('tmux', ['-V']).status === 0;
if (!hasTmux) console.warn('\n*** SKIPPED test/e2e/tmux-terminal.test.ts: tmux is not installed (apt-get install -y tmux).\n');

const session = `slowfast-test-${process.pid}`;
const dir = mkdtempSync(join(tmpdir(), 'slowfast-tmux-'));
const tmux = (...args: string[]) => execFileSync('tmux', args, { encoding: 'utf8' });
const screen = () => tmux('capture-pane', '-p', '-t', session);

async function waitForScreen(test: (s: string) => boolean, timeoutMs = 60_000): Promise<string> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const s = screen();
    if (test(s)) return s;
    if (Date.now() > until) throw new Error(`the screen never showed what was awaited:\n${s}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

function type(line: string) {
  tmux('send-keys', '-t', session, '-l', line);
  tmux('send-keys', '-t', session, 'Enter');
}

afterAll(() => {
  if (hasTmux) spawnSync('tmux', ['kill-session', '-t', session]);
  rmSync(dir, { recursive: true, force: true });
});

describe.skipIf(!hasTmux)('the terminal chat in a 60-column tmux pane', () => {
  it('wraps at word boundaries, prints no escape codes as text, and pages a lesson with --more--', async () => {
    const env = [`SLOWFAST_DB=${join(dir, 'bot.sqlite')}`, 'SLOWFAST_INDEX_CACHE=', 'LANG=en_US.UTF-8'];
    tmux('new-session', '-d', '-s', session, '-x', '60', '-y', '30', '-c', process.cwd(), 'env', ...env, process.execPath, 'scripts/run-built.mjs', 'main');
    await waitForScreen((s) => /^> ?$/m.test(s));
    tmux('clear-history', '-t', session);
    type('/lesson 39');
    const page = await waitForScreen((s) => s.includes('--more--'));
    const lines = page.split('\n').filter((l) => l.trim());
    expect(page).toContain('== Lesson 39 · Kubernetes Services ==');
    expect(page).toContain('--more-- (Enter for more, q to stop)');
    // Each line fits the pane: tmux would otherwise have wrapped it itself, mid-word.
    for (const line of lines) expect(line.length, line).toBeLessThan(60);
    // A wrapped line starts with a word, not the space it broke at (code blocks are indented 4).
    expect(lines.filter((l) => /^ \S/.test(l))).toEqual([]);
    expect(page).not.toMatch(/\x1b|\[\d+(;\d+)*m/);
    type('q');
    type('exit');
  }, 90_000);
});
