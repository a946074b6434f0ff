import { statfsSync } from 'node:fs';

/** The part of `fs.statfsSync`'s answer the rule reads (injected in tests). */
export type Statfs = (path: string) => { bavail: number; bsize: number };

/**
 * The free-space rule of /healthz: a reason when the filesystem holding `path` has less than
 * `minFreeMb` free for this process, else undefined. A file near the end of its disk still takes
 * small writes, so the write probe alone turns red only when the disk is already full; this turns
 * it red while there is still time to act. A filesystem that cannot be measured is no reason.
 */
export function diskSpaceCheck(path: string, minFreeMb: number, statfs: Statfs = statfsSync): () => string | undefined {
  return () => {
    let free: number;
    try {
      const s = statfs(path);
      free = Math.floor((s.bavail * s.bsize) / 2 ** 20);
    } catch {
      return undefined;
    }
    return free < minFreeMb ? `disk nearly full: ${free} MB free` : undefined;
  };
}
