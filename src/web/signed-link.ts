import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * A link that shows one learner's progress on /roadmap and lets "Mark done" write to the store.
 * The query carries the learner, an expiry (unix seconds) and an HMAC-SHA256 over both with the
 * configured secret, so whoever holds the link acts as that learner until it expires, and nobody
 * can make one for somebody else.
 */
export interface LinkClaim {
  /** The learner's key as the store knows it, e.g. `telegram:12345`. */
  learner: string;
  /** Unix seconds after which the link no longer works. */
  expires: number;
}

export type LinkCheck = { ok: true; claim: LinkClaim } | { ok: false; why: 'missing' | 'forged' | 'expired' };

/** A week: long enough to read along for a while, short enough that a shared link goes stale. */
export const LINK_LIFETIME_SECONDS = 7 * 24 * 60 * 60;

export function signLink(secret: string, learner: string, nowSeconds: number, lifetime = LINK_LIFETIME_SECONDS): URLSearchParams {
  const expires = Math.floor(nowSeconds) + lifetime;
  return new URLSearchParams({ u: learner, e: String(expires), s: mac(secret, learner, expires) });
}

/** Checks a link's query. A bad secret, learner, expiry or signature all read as forged. */
export function checkLink(secret: string, query: URLSearchParams, nowSeconds: number): LinkCheck {
  const learner = query.get('u');
  const expiresText = query.get('e');
  const signature = query.get('s');
  if (!learner && !expiresText && !signature) return { ok: false, why: 'missing' };
  if (!secret || !learner || !signature || !/^\d{1,12}$/.test(expiresText ?? '')) return { ok: false, why: 'forged' };
  const expires = Number(expiresText);
  if (!sameText(signature, mac(secret, learner, expires))) return { ok: false, why: 'forged' };
  // Checked after the signature, so an expired link says "expired" only when it was real.
  if (expires <= nowSeconds) return { ok: false, why: 'expired' };
  return { ok: true, claim: { learner, expires } };
}

function mac(secret: string, learner: string, expires: number): string {
  // A separator that cannot occur in the decimal expiry keeps "a:1" + "23" apart from "a:12" + "3".
  return createHmac('sha256', secret).update(`roadmap\n${learner}\n${expires}`).digest('base64url');
}

/** Compares in constant time so the signature cannot be guessed byte by byte. */
export function sameText(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
