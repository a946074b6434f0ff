import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { createApp } from '../src/app.js';
import type { Caller } from '../src/core/command.js';
import { loadConfig } from '../src/config.js';
import { round } from './stats.js';

/** Where the pictures are written, to be looked at (gitignored). */
export const PICTURE_DIR = 'test-output/pictures';

/**
 * The progress picture for an empty, a half-done and a finished roadmap and a group's picture, in English and Chinese,
 * through the real /progress: render time (SVG to PNG, the renderer alone, median and worst of
 * `runs`, wall and CPU time) and PNG size. Goals: under 200 ms and 300 KB per picture.
 */
export async function benchPictures(runs = 5): Promise<Record<string, unknown>> {
  const dir = mkdtempSync(join(tmpdir(), 'slowfast-bench-pictures-'));
  const config = loadConfig({ env: {}, localFile: join(dir, 'none.yaml') });
  config.store.path = join(dir, 'db.sqlite');
  config.search.indexCache = '';
  const app = createApp(config, pino({ level: 'silent' }));
  await app.ready;
  const renderer = app.services.pictures!;
  const times: number[] = [];
  const cpu: number[] = [];
  // Wall time on a busy machine counts other processes' turns too; CPU time is what one render costs.
  app.services.pictures = {
    png(svg) {
      const started = performance.now();
      const cpuStarted = process.cpuUsage();
      const png = renderer.png(svg);
      const used = process.cpuUsage(cpuStarted);
      cpu.push((used.user + used.system) / 1000);
      times.push(performance.now() - started);
      return png;
    },
  };
  mkdirSync(PICTURE_DIR, { recursive: true });
  const sequence = app.services.library.sequence(false).map((l) => l.entry.id);
  const figures: Record<string, unknown> = {};
  let worstMs = 0;
  let worstWallMs = 0;
  let largestKB = 0;
  /** Renders `caller`'s /progress `runs` times, writes the last picture, and keeps its figures. */
  async function measure(name: string, caller: Caller): Promise<void> {
    times.length = 0;
    cpu.length = 0;
    let png: Uint8Array | undefined;
    for (let i = 0; i < runs; i++) png = (await app.core.text(caller, '/progress')).picture?.png;
    const sorted = [...times].sort((a, b) => a - b);
    const cpuSorted = [...cpu].sort((a, b) => a - b);
    const kb = round(png!.byteLength / 1024, 1);
    writeFileSync(join(PICTURE_DIR, `progress-${name}.png`), png!);
    figures[name] = {
      medianMs: round(sorted[Math.floor(sorted.length / 2)]!, 1),
      maxMs: round(sorted.at(-1)!, 1),
      cpuMedianMs: round(cpuSorted[Math.floor(cpuSorted.length / 2)]!, 1),
      kB: kb,
    };
    worstMs = Math.max(worstMs, cpuSorted[Math.floor(cpuSorted.length / 2)]!);
    worstWallMs = Math.max(worstWallMs, sorted[Math.floor(sorted.length / 2)]!);
    largestKB = Math.max(largestKB, kb);
  }
  try {
    for (const locale of ['en', 'zh'] as const) {
      const caller: Caller = { platform: 'bench', userId: locale, chatId: locale, chatKind: 'private', canManageChat: true, localeHint: locale };
      const stages = { empty: 0, half: Math.floor(sequence.length / 2), finished: sequence.length };
      let marked = 0;
      for (const [name, upTo] of Object.entries(stages)) {
        for (; marked < upTo; marked++) await app.core.text(caller, `/done ${sequence[marked]}`);
        await measure(`${name}-${locale}`, caller);
      }
      // A group with a channel subscription: five members, each some lessons further than the last.
      const member = (n: number): Caller => ({ platform: 'bench', userId: `${locale}-${n}`, chatId: `group-${locale}`, chatKind: 'group', canManageChat: n === 0, localeHint: locale });
      await app.core.text(member(0), `/lang ${locale}`);
      await app.core.text(member(0), '/subscribe 09:00 UTC');
      for (let n = 0; n < 5; n++) for (const id of sequence.slice(0, 4 * n + 1)) await app.core.text(member(n), `/done ${id}`);
      await measure(`group-${locale}`, member(1));
    }
  } finally {
    await app.close();
    rmSync(dir, { recursive: true, force: true });
  }
  return { ...figures, worstCpuMedianMs: round(worstMs, 1), worstWallMedianMs: round(worstWallMs, 1), largestKB, writtenTo: PICTURE_DIR };
}
