import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/** The cache file's JSON, or undefined when there is none or it is corrupt (then it is rebuilt). */
export function readCache<T extends object>(cachePath: string): Partial<T> | undefined {
  if (!existsSync(cachePath)) return undefined;
  try {
    return JSON.parse(readFileSync(cachePath, 'utf8')) as Partial<T>;
  } catch {
    return undefined;
  }
}

/** Writes the cache atomically (a concurrent start reads the old file or the new, never half). */
export function writeCache(cachePath: string, data: object): void {
  try {
    mkdirSync(dirname(cachePath), { recursive: true });
    const tmp = `${cachePath}.${process.pid}.tmp`;
    writeFileSync(tmp, JSON.stringify(data));
    renameSync(tmp, cachePath);
  } catch {
    // The cache is an optimisation: a read-only disk only costs start-up time.
  }
}
