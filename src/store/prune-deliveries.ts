import type { Store } from '../core/ports/store.js';
import type { Logger } from '../logger.js';
import { addDays, localMoment } from '../core/study/local-time.js';

/** Rows deleted per statement: small enough that one chunk never stalls the event loop. */
export const PRUNE_CHUNK = 1_000;

/**
 * Deletes the deliveries of local dates more than `afterDays` before today (as counted at UTC-12,
 * the earliest date anywhere, so no zone loses a day it still needs), a chunk at a time with a
 * yield between chunks. Returns how many rows went.
 */
export async function pruneDeliveries(store: Store, now: Date, afterDays: number, chunk = PRUNE_CHUNK): Promise<number> {
  const before = addDays(localMoment(now, 'Etc/GMT+12').date, -afterDays);
  let total = 0;
  for (;;) {
    const n = await store.pruneDeliveries(before, chunk);
    total += n;
    if (n < chunk) return total;
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
}

/** Prunes a minute after start, then once a day; stop() clears the timers. */
export function startDeliveryPruner(store: Store, o: { afterDays: number; log: Logger; clock?: () => Date }): { stop(): void } {
  const run = () =>
    pruneDeliveries(store, (o.clock ?? (() => new Date()))(), o.afterDays).then(
      (n) => n && o.log.info({ deleted: n, afterDays: o.afterDays }, 'old deliveries pruned'),
      (err: unknown) => o.log.warn({ err }, 'pruning old deliveries failed; trying again tomorrow'),
    );
  const first = setTimeout(() => void run(), 60_000);
  const daily = setInterval(() => void run(), 86_400_000);
  first.unref();
  daily.unref();
  return {
    stop() {
      clearTimeout(first);
      clearInterval(daily);
    },
  };
}
