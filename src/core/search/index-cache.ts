import { createHash } from 'node:crypto';
import type { LessonLibrary } from '../lessons/library.js';
import { readCache, writeCache } from '../json-cache.js';
import { SearchIndex } from './search-index.js';

/** Bump when the tokenizer, pipeline or fields change: an old cache must not be loaded. */
const INDEX_FORMAT = 6;

/** A hash of everything the index is built from: the lessons' text and metadata. */
export function libraryHash(library: LessonLibrary): string {
  const h = createHash('sha256');
  h.update(String(INDEX_FORMAT));
  h.update(JSON.stringify(library.roadmap));
  for (const l of library.lessons) h.update(JSON.stringify(l.text));
  return h.digest('hex');
}

/**
 * Loads the serialized index when it was built from the same lessons, otherwise builds it and
 * writes the cache (atomically) for the next start. Start-up then skips the build.
 */
export function loadOrBuildIndex(library: LessonLibrary, cachePath: string): { index: SearchIndex; cached: boolean } {
  if (!cachePath) return { index: SearchIndex.build(library), cached: false };
  const hash = libraryHash(library);
  const data = readCache<{ hash?: string; index?: object }>(cachePath);
  if (data?.hash === hash && data.index) return { index: SearchIndex.load(library, data.index), cached: true };
  const index = SearchIndex.build(library);
  writeCache(cachePath, { hash, index });
  return { index, cached: false };
}
