import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { createApp, loadContent, type App, type Content } from '../../src/app.js';
import { ConsoleAdapter } from '../../src/adapters/console/console-adapter.js';
import type { Config } from '../../src/config.js';
import type { CoreObserver } from '../../src/core/command.js';
import { loadConfig } from '../../src/config.js';

export interface TestApp extends App {
  dir: string;
  /** Moves the app's clock. */
  setNow(at: Date | string): void;
  /** A terminal chat as `user`, answering lines as a person would see them. */
  chat(user?: string, locale?: string): ConsoleAdapter;
  dispose(): Promise<void>;
}

// Lessons and index are read-only: build them once per lessons folder for the whole test file.
const contents = new Map<string, Content>();

/** The real app on the real lessons (unless told otherwise), with a fresh SQLite file in a temp folder. */
export function makeApp(
  overrides: { lessonsDir?: string; now?: string; config?: (c: Config) => void; observer?: CoreObserver } = {},
): TestApp {
  const dir = mkdtempSync(join(tmpdir(), 'slowfast-test-'));
  const config = loadConfig({ env: {}, localFile: join(dir, 'none.yaml') });
  config.store.path = join(dir, 'test.sqlite');
  config.search.indexCache = '';
  if (overrides.lessonsDir) config.lessons.dir = overrides.lessonsDir;
  overrides.config?.(config);
  let now = new Date(overrides.now ?? '2026-03-02T01:00:00Z');
  const log = pino({ level: 'silent' });
  let content = contents.get(config.lessons.dir);
  if (!content) contents.set(config.lessons.dir, (content = loadContent(config, log)));
  const app = createApp(config, log, () => now, content, overrides.observer);
  return {
    ...app,
    dir,
    setNow: (at) => {
      now = new Date(at);
    },
    chat: (user = 'ada', locale = 'en') => new ConsoleAdapter(app.core, { user, locale }),
    dispose: async () => {
      await app.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
