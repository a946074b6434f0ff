import { spawn, type ChildProcess } from 'node:child_process';

/** The bot (or another script of ours) as its own process, the way `npm start` runs it. */
export interface SpawnedBot {
  child: ChildProcess;
  /** Everything the process has written so far. */
  stdout(): string;
  stderr(): string;
  /** The exit code (null when a signal ended it), once the process has exited. */
  exited: Promise<number | null>;
  /** True once the process has exited. */
  hasExited(): boolean;
  /** Resolves once `text` appears in stdout or stderr; rejects if the process exits first or `timeoutMs` passes. */
  waitFor(text: string | RegExp, timeoutMs?: number): Promise<void>;
  /**
   * Sends `signal` and waits up to `timeoutMs` for the exit: its code, or 'timeout' (then the process is
   * SIGKILLed so no test leaves one behind), and how long it took.
   */
  stop(signal?: NodeJS.Signals, timeoutMs?: number): Promise<{ code: number | null | 'timeout'; ms: number }>;
}

const running = new Map<ChildProcess, Promise<unknown>>();

/**
 * Spawns `node --import tsx <args>` from the repository root. The child gets PATH and HOME and `env`,
 * nothing else from this process, so a token or DATABASE_URL set around the test run does not leak in.
 * `input`, when given, is written to stdin and stdin closed (a piped `npm start`).
 */
export function spawnBot(env: Record<string, string>, args: string[] = ['src/main.ts'], options: { input?: string } = {}): SpawnedBot {
  const child = spawn(process.execPath, ['--import', 'tsx', ...args], {
    env: { PATH: process.env.PATH, HOME: process.env.HOME, ...env },
    stdio: [options.input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
  });
  if (options.input !== undefined) child.stdin!.end(options.input);
  let out = '';
  let err = '';
  let done = false;
  // Listeners that wait for a line: each is called after every chunk and on exit.
  const watchers = new Set<() => void>();
  const notify = () => watchers.forEach((w) => w());
  child.stdout!.on('data', (c: Buffer) => ((out += c.toString()), notify()));
  child.stderr!.on('data', (c: Buffer) => ((err += c.toString()), notify()));
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => {
      done = true;
      running.delete(child);
      resolve(code);
      notify();
    }),
  );
  running.set(child, exited);
  const seen = (text: string | RegExp) => (typeof text === 'string' ? out.includes(text) || err.includes(text) : text.test(out) || text.test(err));

  return {
    child,
    stdout: () => out,
    stderr: () => err,
    exited,
    hasExited: () => done,
    waitFor: (text, timeoutMs = 30_000) =>
      new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => finish(new Error(`no ${String(text)} within ${timeoutMs} ms; stderr:\n${err}`)), timeoutMs);
        const finish = (failure?: Error) => {
          clearTimeout(timer);
          watchers.delete(check);
          if (failure) reject(failure);
          else resolve();
        };
        const check = () => {
          if (seen(text)) finish();
          else if (done) finish(new Error(`the process exited before ${String(text)}; stderr:\n${err}`));
        };
        watchers.add(check);
        check();
      }),
    stop: async (signal = 'SIGTERM', timeoutMs = 10_000) => {
      const sent = Date.now();
      if (!done) child.kill(signal);
      let timer: NodeJS.Timeout | undefined;
      const code = await Promise.race([exited, new Promise<'timeout'>((r) => (timer = setTimeout(() => r('timeout'), timeoutMs)))]);
      clearTimeout(timer);
      const ms = Date.now() - sent;
      if (code === 'timeout') {
        child.kill('SIGKILL');
        await exited;
      }
      return { code, ms };
    },
  };
}

/** SIGKILLs every spawned process still running: for an afterEach/afterAll, so a failed test leaves none behind. */
export async function killSpawnedBots(): Promise<void> {
  const left = [...running];
  for (const [child] of left) child.kill('SIGKILL');
  await Promise.all(left.map(([, exited]) => exited));
}
