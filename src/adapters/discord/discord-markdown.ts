import { parseInline } from '../../core/inline.js';
import type { Block } from '../../core/reply.js';

/** Reply inline text as Discord markdown: literal text escaped, times as Discord timestamps. */
export function inlineMarkdown(text: string, inSpoiler = false): string {
  return parseInline(text)
    .map((s) => {
      if (s.time) return `<t:${Math.floor(s.time.getTime() / 1000)}:t>`;
      // Inside a spoiler, code is escaped text: a code span is cut apart when a long spoiler is
      // split, and a `||` in it would end the spoiler early, showing the rest of the answer.
      if (s.code && inSpoiler) return escapeText(s.text);
      if (s.code) return `\`${s.text}\``;
      if (s.bold) return `**${escapeText(s.text)}**`;
      if (s.italic) return `*${escapeText(s.text)}*`;
      if (s.href) return `[${escapeText(s.text).replace(/[[\]]/g, '\\$&')}](${s.href})`;
      return escapeText(s.text);
    })
    .join('');
}

/**
 * One block as Discord markdown, in pieces no longer than `max` characters. Each piece is complete
 * on its own (a code fence or spoiler split in two is closed and reopened), so pieces can land in
 * different embeds or messages.
 */
export function blockMarkdown(block: Block, max: number): string[] {
  switch (block.kind) {
    case 'heading':
      return wrapped('**', escapeText(block.text), '**', max);
    case 'paragraph':
      return wrapped('', inlineMarkdown(block.text), '', max);
    case 'list': {
      const lines = block.items.map((item, i) => `${block.ordered ? `${i + 1}.` : '-'} ${inlineMarkdown(item)}`);
      return wrapped('', lines.join('\n'), '', max);
    }
    case 'code': {
      const lang = (block.lang ?? '').replace(/[^\w+-]/g, '');
      // A fence inside the code would close ours early; a zero-width space breaks it without showing.
      const body = block.text.replace(/```/g, '`\u200b``');
      return wrapped(`\`\`\`${lang}\n`, body, '\n```', max, true);
    }
    case 'spoiler':
      return wrapped('||', inlineMarkdown(block.text, true), '||', max);
  }
}

/**
 * Literal text, escaped so Discord shows it as written: the inline markers anywhere, and quote,
 * heading, bullet and number markers at the start of a line. Discord takes a backslash before any
 * punctuation as an escape. (discord.js's escapeMarkdown does the same but its look-behind regexes
 * take quadratic time on long runs without spaces, half a second for 9000 characters.)
 */
function escapeText(text: string): string {
  return text
    .replace(/[\\*_~|`]/g, '\\$&')
    .replace(/^(\s*)([>#-])(?=\s)/gm, '$1\\$2')
    .replace(/^(\s*\d+)\.(?=\s)/gm, '$1\\.');
}

function wrapped(open: string, body: string, close: string, max: number, code = false): string[] {
  return splitText(body, Math.max(1, max - open.length - close.length), code).map((part) => `${open}${part}${close}`);
}

/**
 * Splits text at the last line break (or word break) before `max`; mid-word only when it must.
 * Code keeps its indentation, so only the line break at a cut is dropped there.
 */
export function splitText(text: string, max: number, code = false): string[] {
  const parts: string[] = [];
  let rest = text;
  while (rest.length > max) {
    const window = rest.slice(0, max + 1);
    let cut = window.lastIndexOf('\n');
    if (cut < max / 2) cut = Math.max(cut, window.lastIndexOf(' '));
    if (cut < max / 4) cut = max;
    // Never cut a surrogate pair (an emoji, a rare CJK character) in half.
    if (isHighSurrogate(rest.charCodeAt(cut - 1))) cut -= 1;
    // Nor separate an escaping backslash from the character it escapes.
    while (cut > 1 && trailingBackslashes(rest.slice(0, cut)) % 2 === 1) cut -= 1;
    parts.push(code ? rest.slice(0, cut) : rest.slice(0, cut).trimEnd());
    rest = rest.slice(cut).replace(code ? /^\n/ : /^[ \n]+/, '');
  }
  parts.push(rest);
  const out = parts.filter((p) => p.length > 0);
  return out.length ? out : [''];
}

function trailingBackslashes(s: string): number {
  return s.length - s.replace(/\\+$/, '').length;
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}
