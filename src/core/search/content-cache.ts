import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { LOCALES } from '../i18n/locale.js';
import { LessonLibrary } from '../lessons/library.js';
import { loadLessons, type Problem } from '../lessons/load-lessons.js';
import type { Lesson, Roadmap } from '../lessons/types.js';
import { readCache, writeCache } from '../json-cache.js';
import { SearchIndex } from './search-index.js';

/** The lessons and their index as the bot serves them, and whether they came from the cache. */
export interface LoadedContent {
  library: LessonLibrary;
  index: SearchIndex;
  problems: Problem[];
  cached: boolean;
}

interface CachedContent {
  sourceHash?: string;
  library?: { roadmap: Roadmap; lessons: Lesson[] };
  problems?: Problem[];
  index?: object;
}

/**
 * A hash of the lesson files as bytes and of the code that parses and indexes them: a start
 * whose hash matches the cache skips the YAML and Markdown parsing and the index build (most of
 * the start-up time). Any edit to a lesson or to src/core/lessons and src/core/search misses.
 */
export function sourceHash(dir: string): string | undefined {
  const roadmap = join(dir, 'roadmap.yaml');
  if (!existsSync(roadmap)) return undefined;
  const h = createHash('sha256');
  const here = dirname(fileURLToPath(import.meta.url));
  for (const code of [here, join(here, '../lessons')]) {
    for (const name of readdirSync(code).sort()) h.update(name).update(readFileSync(join(code, name)));
  }
  h.update(readFileSync(roadmap));
  for (const locale of LOCALES) {
    const folder = join(dir, locale);
    if (!existsSync(folder)) continue;
    for (const name of readdirSync(folder).filter((n) => n.endsWith('.md')).sort()) h.update(`${locale}/${name}`).update(readFileSync(join(folder, name)));
  }
  return h.digest('hex');
}

/** Lessons and index from the cache when the files are unchanged; otherwise parsed, built and cached. */
export function loadContentCached(dir: string, cachePath: string): LoadedContent | { library?: undefined; problems: Problem[] } {
  const hash = cachePath ? sourceHash(dir) : undefined;
  if (hash) {
    const data = readCache<CachedContent>(cachePath);
    if (data?.sourceHash === hash && data.library && data.index) {
      const library = new LessonLibrary(data.library.roadmap, data.library.lessons);
      return { library, index: SearchIndex.load(library, data.index), problems: data.problems ?? [], cached: true };
    }
  }
  const loaded = loadLessons(dir);
  if (!loaded.library) return { problems: loaded.problems };
  const { library, problems } = loaded;
  const index = SearchIndex.build(library);
  if (hash) writeCache(cachePath, { sourceHash: hash, library: { roadmap: library.roadmap, lessons: library.lessons }, problems, index });
  return { library, index, problems, cached: false };
}
