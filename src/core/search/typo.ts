import { isCjkTerm } from './tokenizer.js';

/**
 * Corrects misspelt query terms against the index's own vocabulary, so a typo costs one exact
 * query instead of an edit-distance expansion of every term (which Lunr does by walking its whole
 * token set, about 10x slower at 10,000 lessons).
 */
export class Vocabulary {
  private readonly byLength = new Map<number, string[]>();

  constructor(
    terms: Iterable<string>,
    /** How many documents hold a term: ties between corrections go to the commoner word. */
    private readonly frequency: (term: string) => number,
  ) {
    for (const t of terms) {
      if (isCjkTerm(t) || /^\d+$/.test(t)) continue;
      const list = this.byLength.get(t.length) ?? [];
      list.push(t);
      this.byLength.set(t.length, list);
    }
  }

  /** The closest known term within the distance the word's length allows, or undefined. */
  correct(term: string): string | undefined {
    const max = term.length >= 8 ? 2 : term.length >= 4 ? 1 : 0;
    if (max === 0 || isCjkTerm(term)) return undefined;
    let best: string | undefined;
    let bestDistance = max + 1;
    let bestFrequency = -1;
    for (let len = term.length - max; len <= term.length + max; len++) {
      for (const candidate of this.byLength.get(len) ?? []) {
        const d = boundedDistance(term, candidate, Math.min(max, bestDistance));
        if (d > max) continue;
        const f = d < bestDistance || d === bestDistance ? this.frequency(candidate) : -1;
        if (d < bestDistance || f > bestFrequency) {
          best = candidate;
          bestDistance = d;
          bestFrequency = f;
        }
      }
    }
    return best;
  }
}

/**
 * Optimal-string-alignment distance (Levenshtein plus adjacent transpositions), giving up as soon
 * as every path exceeds `limit`: most candidates are rejected after a row or two.
 */
export function boundedDistance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let prev2: number[] = [];
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, prev2[j - 2]! + 1);
      row.push(v);
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > limit) return limit + 1;
    prev2 = prev;
    prev = row;
  }
  return prev[b.length]!;
}
