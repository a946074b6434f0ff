import { describe, expect, it } from 'vitest';
import { checkLink, LINK_LIFETIME_SECONDS, signLink } from '../../src/web/signed-link.js';

const SECRET = 'a link secret of some length';
const NOW = 1_800_000_000;

function tampered(change: (q: URLSearchParams) => void): URLSearchParams {
  const q = signLink(SECRET, 'telegram:42', NOW);
  change(q);
  return q;
}

describe('a signed roadmap link', () => {
  it('names its learner until it expires', () => {
    expect(checkLink(SECRET, signLink(SECRET, 'telegram:42', NOW), NOW + 60)).toEqual({
      ok: true,
      claim: { learner: 'telegram:42', expires: NOW + LINK_LIFETIME_SECONDS },
    });
  });

  it.each<[string, URLSearchParams, number, string]>([
    ['no link at all', new URLSearchParams(), NOW, 'missing'],
    ['another learner put in', tampered((q) => q.set('u', 'telegram:43')), NOW, 'forged'],
    ['a later expiry put in', tampered((q) => q.set('e', String(NOW + 10 * LINK_LIFETIME_SECONDS))), NOW, 'forged'],
    ['a signature changed', tampered((q) => q.set('s', `${q.get('s')!.slice(0, -1)}A`)), NOW, 'forged'],
    ['the signature missing', tampered((q) => q.delete('s')), NOW, 'forged'],
    ['an expiry that is no number', tampered((q) => q.set('e', '1e9')), NOW, 'forged'],
    ['signed with another secret', signLink('another secret', 'telegram:42', NOW), NOW, 'forged'],
    ['past its expiry', signLink(SECRET, 'telegram:42', NOW), NOW + LINK_LIFETIME_SECONDS, 'expired'],
  ])('refuses %s', (_name, query, now, why) => {
    expect(checkLink(SECRET, query, now)).toEqual({ ok: false, why });
  });

  it('refuses every link when no secret is configured', () => {
    expect(checkLink('', signLink('', 'telegram:42', NOW), NOW)).toEqual({ ok: false, why: 'forged' });
  });
});
