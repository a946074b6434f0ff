/** The first index in a sorted array of strings whose value is not below `value`. */
export function lowerBound(sorted: readonly string[], value: string, from = 0): number {
  let lo = from;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The first index at or after `from` whose value does not start with `prefix`. */
export function prefixEnd(sorted: readonly string[], prefix: string, from = 0): number {
  let lo = lowerBound(sorted, prefix, from);
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]!.startsWith(prefix)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
