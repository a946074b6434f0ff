import { prefixEnd, lowerBound } from './sorted.js';
import { isCjkTerm } from './tokenizer.js';

/**
 * Corrects misspelt query terms against the index's own vocabulary, so a typo costs one exact
 * query instead of an edit-distance expansion of every term (Lunr's `~1` walks its whole token
 * set: about a second per query at 10,000 lessons).
 *
 * The vocabulary is one sorted array. Walking it in order, consecutive terms share prefixes, so
 * the edit-distance rows of a shared prefix are computed once (as in a trie), and a prefix whose
 * best row already exceeds the allowed distance skips every term that starts with it.
 */
export class Vocabulary {
  private readonly sorted: string[];

  constructor(
    terms: Iterable<string>,
    /** How many documents hold a term: ties between corrections go to the commoner word. */
    private readonly frequency: (term: string) => number,
  ) {
    this.sorted = [...terms].filter((t) => !isCjkTerm(t) && !/^\d+$/.test(t)).sort();
  }

  get size(): number {
    return this.sorted.length;
  }

  /**
   * The closest known term within the distance the word's length allows (or `limit`), or
   * undefined. It looks first among words with the same first letter, where almost all real
   * typos fall, which keeps the walk to one letter's block of the vocabulary; failing that (and
   * unless `sameFirstLetter`), for one edit anywhere.
   */
  correct(term: string, limit = 2, sameFirstLetter = false): string | undefined {
    const max = Math.min(limit, term.length >= 8 ? 2 : term.length >= 4 ? 1 : 0);
    if (max === 0 || isCjkTerm(term)) return undefined;
    const from = lowerBound(this.sorted, term[0]!);
    const found = this.walk(term, max, from, prefixEnd(this.sorted, term[0]!, from));
    if (found || sameFirstLetter) return found;
    return this.walk(term, 1, 0, this.sorted.length);
  }

  private walk(term: string, max: number, from: number, to: number): string | undefined {
    const n = term.length;
    const rows: Int32Array[] = [Int32Array.from({ length: n + 1 }, (_, j) => j)];
    let best: string | undefined;
    let bestDistance = max + 1;
    let bestFrequency = -1;
    let prev = '';
    for (let i = from; i < to; ) {
      const t = this.sorted[i]!;
      let depth = 0;
      while (depth < prev.length && depth < t.length && prev[depth] === t[depth]) depth++;
      let dead = false;
      for (; depth < t.length; depth++) {
        const above = rows[depth]!;
        const row = (rows[depth + 1] ??= new Int32Array(n + 1));
        row[0] = depth + 1;
        let rowMin = row[0];
        const c = t.charCodeAt(depth);
        for (let j = 1; j <= n; j++) {
          const qc = term.charCodeAt(j - 1);
          let v = Math.min(above[j]! + 1, row[j - 1]! + 1, above[j - 1]! + (qc === c ? 0 : 1));
          // An adjacent transposition ("vxaln" for "vxlan") costs one edit, not two.
          if (depth > 0 && j > 1 && qc === t.charCodeAt(depth - 1) && term.charCodeAt(j - 2) === c) v = Math.min(v, rows[depth - 1]![j - 2]! + 1);
          row[j] = v;
          if (v < rowMin) rowMin = v;
        }
        if (rowMin > max) {
          dead = true;
          break;
        }
      }
      if (dead) {
        // Nothing that starts with t[0..depth] can come within the distance: skip them all.
        const prefix = t.slice(0, depth + 1);
        prev = t.slice(0, depth);
        i = prefixEnd(this.sorted, prefix, i + 1);
        continue;
      }
      const d = rows[t.length]![n]!;
      if (d <= max && d <= bestDistance && t !== term) {
        const f = this.frequency(t);
        if (d < bestDistance || f > bestFrequency) {
          best = t;
          bestDistance = d;
          bestFrequency = f;
        }
      }
      prev = t;
      i++;
    }
    return best;
  }
}
