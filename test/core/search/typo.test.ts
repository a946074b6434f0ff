import { describe, expect, it } from 'vitest';
import { Vocabulary } from '../../../src/core/search/typo.js';

const words = ['kubernet', 'vxlan', 'iptabl', 'statefulset', 'servic', 'serv', 'docker', 'dock', 'virsh', 'virtual', 'xen', 'flannel', 'channel'];
const frequency: Record<string, number> = { flannel: 5, channel: 9 };
const vocab = new Vocabulary([...words, '灰度', '4789'], (t) => frequency[t] ?? 1);

describe('Vocabulary.correct', () => {
  it.each([
    ['a dropped letter', 'kuberet', 'kubernet'],
    ['a dropped letter in a long word', 'kubernt', 'kubernet'],
    ['a swapped pair', 'vxaln', 'vxlan'],
    ['a doubled letter', 'statefullset', 'statefulset'],
    ['two edits in a long word', 'statfulsett', 'statefulset'],
    ['a wrong letter', 'iptabel', 'iptabl'],
    ['a short word is left alone', 'xem', undefined],
    ['nothing close', 'zzzzzzzz', undefined],
    ['a known word is not "corrected" to itself', 'docker', undefined],
    ['ties go to the commoner word', 'xhannel', 'channel'],
    ['Chinese is not corrected', '灰渡', undefined],
  ])('%s: %s -> %s', (_name, term, expected) => {
    expect(vocab.correct(term)).toBe(expected);
  });

  it('agrees with a brute-force scan on random words', () => {
    const random = (n: number) => Array.from({ length: n }, () => 'abcde'[Math.floor(Math.random() * 5)]).join('');
    const many = Array.from({ length: 400 }, () => random(4 + Math.floor(Math.random() * 6)));
    const v = new Vocabulary(many, () => 1);
    for (let k = 0; k < 200; k++) {
      const q = random(4 + Math.floor(Math.random() * 6));
      const got = v.correct(q);
      // The same first letter first (up to two edits for long words); failing that, one edit anywhere.
      const max = q.length >= 8 ? 2 : 1;
      const reachable = many.filter((w) => w !== q).map((w) => ({ w, d: osa(q, w) })).filter(({ w, d }) => d <= 1 || (d <= max && w[0] === q[0]));
      const sameLetter = reachable.filter(({ w }) => w[0] === q[0]);
      const best = Math.min(max + 1, ...(sameLetter.length ? sameLetter : reachable).map(({ d }) => d));
      if (best > max) expect(got).toBeUndefined();
      else expect(got !== undefined && osa(q, got)).toBe(best);
    }
  });
});

function osa(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i]![j] = Math.min(d[i]![j]!, d[i - 2]![j - 2]! + 1);
    }
  }
  return d[a.length]![b.length]!;
}
