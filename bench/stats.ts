/** Percentile of a list of milliseconds (nearest rank). */
export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return round(sorted[rank] ?? NaN);
}

export function round(ms: number, digits = 3): number {
  const f = 10 ** digits;
  return Math.round(ms * f) / f;
}

/** Times `fn` once per input, `rounds` times over, after one warm-up pass; returns milliseconds per call. */
export function timeEach<T>(inputs: T[], fn: (input: T) => unknown, rounds = 5): number[] {
  for (const i of inputs) fn(i);
  const out: number[] = [];
  for (let r = 0; r < rounds; r++) {
    for (const i of inputs) {
      const t = performance.now();
      fn(i);
      out.push(performance.now() - t);
    }
  }
  return out;
}

/** One misspelling of a query: two letters of its longest Latin word swapped, or one dropped. */
export function typo(query: string, seed: number): string {
  const words = query.split(' ');
  let longest = 0;
  words.forEach((w, i) => {
    if (/^[a-z-]+$/i.test(w) && w.length > words[longest]!.length) longest = i;
  });
  const w = words[longest]!;
  if (w.length < 5 || !/^[a-z-]+$/i.test(w)) return query;
  const at = 1 + (seed % (w.length - 3));
  words[longest] = seed % 2 ? w.slice(0, at) + w[at + 1] + w[at] + w.slice(at + 2) : w.slice(0, at) + w.slice(at + 1);
  return words.join(' ');
}
