/** A word found in text, with where it stands (for snippets). */
export interface RawToken {
  text: string;
  start: number;
  end: number;
  cjk: boolean;
}

// Han runs are segmented separately; every other run of letters and digits is one Latin-like word.
const RUNS = /(\p{Script=Han}+)|((?:(?!\p{Script=Han})[\p{L}\p{N}])+)/gu;
const segmenter = new Intl.Segmenter('zh', { granularity: 'word' });

/**
 * Splits text into lowercase words. Chinese has no spaces, so a Han run becomes the segmenter's
 * words of two or more characters plus every bigram of the run: the segmenter splits 灰度发布 into
 * 灰|度|发布, and the bigram 灰度 is what makes a search for 灰度 find it. Query and index use this same function.
 */
export function tokenize(text: string): RawToken[] {
  const tokens: RawToken[] = [];
  for (const m of text.matchAll(RUNS)) {
    const start = m.index;
    if (m[2] !== undefined) {
      tokens.push({ text: m[2].toLowerCase(), start, end: start + m[2].length, cjk: false });
      continue;
    }
    const run = m[1]!;
    const seen = new Set<string>();
    const add = (word: string, offset: number) => {
      const key = `${offset}:${word}`;
      if (seen.has(key)) return;
      seen.add(key);
      tokens.push({ text: word, start: start + offset, end: start + offset + word.length, cjk: true });
    };
    // Single characters (的, 是, 度) only for a one-character run: in longer runs they are mostly
    // particles, and the bigrams already cover them.
    for (const s of segmenter.segment(run)) if (s.isWordLike && (s.segment.length > 1 || run.length === 1)) add(s.segment, s.index);
    for (let i = 0; i + 1 < run.length; i++) add(run.slice(i, i + 2), i);
  }
  return tokens;
}

export function isCjkTerm(term: string): boolean {
  return /\p{Script=Han}/u.test(term);
}
