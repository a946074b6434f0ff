import { escapeHtml } from './html-escape.js';

/**
 * A self-contained piece of Telegram HTML (every tag it opens, it closes) that never has to be
 * cut: the renderer makes units small enough, and the packer only breaks between them.
 */
export interface Unit {
  html: string;
  /** What joins it to the unit before it when both land in one message. */
  sep: string;
  /** A heading belongs with what follows it: never leave it at the end of a message. */
  keepWithNext?: boolean;
}

/**
 * Cuts raw (unescaped) text into pieces whose escaped form fits in `room` characters. Cutting
 * before escaping means an entity such as `&amp;` is never split; cutting by code point means a
 * surrogate pair never is. Text prefers to break after a line end, then after a space; code only
 * at line ends (the line end is dropped: each piece becomes its own `<pre>`).
 */
export function splitRaw(raw: string, room: number, mode: 'text' | 'code'): string[] {
  const pieces: string[] = [];
  let rest = raw;
  while (rest) {
    if (escapeHtml(rest).length <= room) {
      pieces.push(rest);
      break;
    }
    let end = 0;
    let used = 0;
    for (const ch of rest) {
      used += escapeHtml(ch).length;
      if (used > room) break;
      end += ch.length;
    }
    // Room for not even one character cannot happen with the renderer's minimum room; guard anyway.
    if (end === 0) end = String.fromCodePoint(rest.codePointAt(0)!).length;
    const head = rest.slice(0, end);
    if (mode === 'code') {
      const nl = head.lastIndexOf('\n');
      const cut = nl > 0 ? nl : end;
      pieces.push(rest.slice(0, cut));
      rest = rest.slice(nl > 0 ? nl + 1 : end);
    } else {
      const nl = head.lastIndexOf('\n');
      const sp = Math.max(head.lastIndexOf(' '), head.lastIndexOf('\t'));
      // A line end in the second half of the piece reads better than a later space.
      const at = nl > end / 2 ? nl : sp > 0 ? sp : nl;
      const cut = at > 0 ? at + 1 : end;
      pieces.push(rest.slice(0, cut));
      rest = rest.slice(cut);
    }
  }
  return pieces;
}

/** Joins units into messages of at most `limit` characters, breaking only between units. */
export function packUnits(units: readonly Unit[], limit: number): string[] {
  const parts: string[] = [];
  let current: Unit[] = [];
  const join = (us: readonly Unit[]) => us.map((u, i) => (i ? u.sep + u.html : u.html)).join('');
  for (const unit of units) {
    if (!current.length || join([...current, unit]).length <= limit) {
      current.push(unit);
      continue;
    }
    let keep = current.length;
    while (keep > 1 && current[keep - 1]!.keepWithNext) keep--;
    const carried = current.slice(keep);
    if (carried.length && join([...carried, unit]).length <= limit) {
      parts.push(join(current.slice(0, keep)));
      current = [...carried, unit];
    } else {
      parts.push(join(current));
      current = [unit];
    }
  }
  if (current.length) parts.push(join(current));
  return parts;
}
