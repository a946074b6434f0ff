/**
 * Text cut to at most `max` UTF-16 units (what Telegram counts), the last an ellipsis when anything
 * was cut. An emoji or a rare CJK character (a surrogate pair) is kept whole or left out: half of one
 * is not text, and Telegram refuses it.
 */
export function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  let end = max - 1;
  if (end > 0 && isHighSurrogate(text.charCodeAt(end - 1))) end--;
  return `${text.slice(0, end)}…`;
}

/**
 * Like clip, but ends at a word when one ends in the second half: a button reads "Kubernetes
 * volumes,…", not "Kubernetes volumes, Persisten…". Text with no spaces (Chinese) is clipped as is.
 */
export function clipWords(text: string, max: number): string {
  const clipped = clip(text, max);
  if (clipped === text) return text;
  const space = clipped.lastIndexOf(' ');
  return space >= max / 2 ? `${clipped.slice(0, space)}…` : clipped;
}

const isHighSurrogate = (code: number) => code >= 0xd800 && code <= 0xdbff;

/** How much of a bad value a reply echoes back: 40 characters and an ellipsis. */
export const ECHO_MAX = 41;
/** How much of a query a reply title or "not found" line repeats. */
export const QUERY_ECHO_MAX = 61;
