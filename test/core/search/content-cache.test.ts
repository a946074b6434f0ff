import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadContentCached } from '../../../src/core/search/content-cache.js';

// A copy of the real lessons, so that a test can edit one.
function lessonsCopy(): { dir: string; cache: string } {
  const root = mkdtempSync(join(tmpdir(), 'slowfast-content-cache-'));
  cpSync('lessons', join(root, 'lessons'), { recursive: true });
  return { dir: join(root, 'lessons'), cache: join(root, 'cache.json') };
}

function load(dir: string, cache: string) {
  const loaded = loadContentCached(dir, cache);
  if (!loaded.library) throw new Error('no lessons');
  return loaded;
}

describe('lessons and index from the cache', () => {
  it('serve the second start the same lessons and the same search results, from the cache', { timeout: 60_000 }, () => {
    const { dir, cache } = lessonsCopy();
    const first = load(dir, cache);
    const second = load(dir, cache);
    expect([first.cached, second.cached]).toEqual([false, true]);
    expect(second.library.lessons).toEqual(first.library.lessons);
    const titles = (l: typeof first, q: string) => l.index.search(q, { locale: 'en' }).hits.map((h) => `${h.id} ${h.title}`);
    expect(titles(second, 'kubernetis service')).toEqual(titles(first, 'kubernetis service'));
  });

  it('are rebuilt when a lesson file changes', { timeout: 60_000 }, () => {
    const { dir, cache } = lessonsCopy();
    load(dir, cache);
    const file = join(dir, 'en', '01-virtualization-principles.md');
    writeFileSync(file, readFileSync(file, 'utf8').replace(/^title: .*$/m, 'title: "Edited after the cache was written"'));
    const again = load(dir, cache);
    expect(again.cached).toBe(false);
    expect(again.library.get(1)!.text.en.title).toBe('Edited after the cache was written');
  });
});
