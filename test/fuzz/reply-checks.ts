import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { replyText, type Reply } from '../../src/core/reply.js';

/** Words that mean a value leaked into text unformatted. */
const PLACEHOLDERS = ['undefined', 'NaN', '[object Object]'];

export interface ReplyChecks {
  /** What a user would call broken: an empty reply, a leaked placeholder, a button that cannot work. */
  checkReply(reply: Reply, input: string): string[];
  /** Placeholder leaks in any text shown to the user (suggestions, shared lessons). */
  suspicious(text: string, input: string): string[];
}

/**
 * Checks on replies, against the lessons in `lessonsDir`: a placeholder word is allowed when the
 * user typed it (an echo), or when a lesson says it (lesson 35 speaks of an "undefined" alias):
 * a word beside it must then be the lesson's word beside it.
 */
export function replyChecks(lessonsDir: string): ReplyChecks {
  const corpus = readLessons(lessonsDir);

  function suspicious(text: string, input: string): string[] {
    const out: string[] = [];
    for (const word of PLACEHOLDERS) {
      if (input.includes(word)) continue;
      for (let at = text.indexOf(word); at !== -1; at = text.indexOf(word, at + 1)) {
        const before = /([\p{L}\p{N}]+)[^\p{L}\p{N}]*$/u.exec(text.slice(Math.max(0, at - 40), at))?.[1];
        const after = /^[^\p{L}\p{N}]*([\p{L}\p{N}]+)/u.exec(text.slice(at + word.length, at + word.length + 40))?.[1];
        const quoted = (before && corpus.includes(`${before} ${word}`)) || (after && corpus.includes(`${word} ${after}`));
        if (!quoted) out.push(`"${word}" in the reply: …${text.slice(Math.max(0, at - 60), at + 60)}…`);
      }
    }
    return out;
  }

  function checkReply(reply: Reply, input: string): string[] {
    const out: string[] = [];
    const texts = reply.blocks.flatMap((b) => (b.kind === 'list' ? b.items : [b.text]));
    if (!texts.some((t) => typeof t === 'string' && t.trim() !== '')) out.push(`a reply with no text: ${show(reply)}`);
    for (const b of reply.buttons.flat()) {
      if (!b.label?.trim()) out.push(`a button with no label: ${show(b)}`);
      // Telegram refuses callback data over 64 bytes: such a button would fail the whole message.
      if (!b.action || Buffer.byteLength(b.action) > 64) out.push(`a button action Telegram would refuse: ${show(b.action)}`);
    }
    const labels = reply.buttons.flat().map((b) => b.label).join(' ');
    out.push(...suspicious(`${replyText(reply)} ${labels} ${reply.toast ?? ''}`, input));
    return out;
  }

  return { checkReply, suspicious };
}

/** The lessons' words with Markdown emphasis and line breaks taken out, as replies show them. */
function readLessons(dir: string): string {
  return ['en', 'zh']
    .flatMap((lang) => readdirSync(join(dir, lang)).map((f) => readFileSync(join(dir, lang, f), 'utf8')))
    .join('\n')
    .replace(/[*`_]/g, '')
    .replace(/\s+/g, ' ');
}

/** Any value, short and printable, for a failure message (NaN and Infinity kept visible). */
export function show(v: unknown): string {
  let s: string;
  try {
    s = typeof v === 'string' ? JSON.stringify(v) : JSON.stringify(v, (_k, x: unknown) => (typeof x === 'number' && !Number.isFinite(x) ? String(x) : x)) ?? String(v);
  } catch {
    s = Object.prototype.toString.call(v);
  }
  return s.length > 120 ? `${s.slice(0, 120)}…` : s;
}
