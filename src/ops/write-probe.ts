/** Whether the store can write, and why not: undefined when it can, else the database's reason. */
export type WriteProbe = () => Promise<string | undefined>;

/**
 * A write probe for /healthz: one tiny write in a transaction (a corrupt, read-only or full database
 * answers reads but fails here), remembered for `ttlMs` so that a scraper polling every second
 * costs one write every few seconds, and never two at once.
 */
export function cachedWriteProbe(store: { probeWrite(at: string): Promise<void> }, ttlMs = 5_000, now: () => number = Date.now): WriteProbe {
  let last: { at: number; result: Promise<string | undefined> } | undefined;
  return () => {
    const t = now();
    if (!last || t - last.at >= ttlMs) {
      last = {
        at: t,
        result: store.probeWrite(new Date(t).toISOString()).then(() => undefined, (err: unknown) => (err instanceof Error ? err.message : String(err)).slice(0, 300)),
      };
    }
    return last.result;
  };
}
