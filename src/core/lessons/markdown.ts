import type { Block } from '../reply.js';

/**
 * Turns a lesson section's Markdown into Reply blocks. Lessons use a small, checked subset
 * (paragraphs, `###` headings, lists, fenced code), so a full Markdown parser is not needed.
 */
export function markdownToBlocks(markdown: string, labels: { expectedOutput?: string } = {}): Block[] {
  const blocks: Block[] = [];
  const lines = markdown.split('\n');
  let para: string[] = [];
  let list: { items: string[]; ordered: boolean } | undefined;
  const flush = () => {
    if (para.length) blocks.push({ kind: 'paragraph', text: joinSoftBreaks(para) });
    if (list) blocks.push({ kind: 'list', items: list.items, ordered: list.ordered || undefined });
    para = [];
    list = undefined;
  };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const fence = /^\s*(```+|~~~+)\s*([\w+-]*)(.*)$/.exec(line);
    if (fence) {
      flush();
      const code: string[] = [];
      for (i++; i < lines.length && !lines[i]!.trimStart().startsWith(fence[1]!); i++) code.push(lines[i]!);
      // ```bash lab …``` is shown as plain bash; ```text expected``` under an "Expected output" label.
      const info = fence[3]!.trim().split(/\s+/);
      if (fence[2] === 'text' && info[0] === 'expected') blocks.push({ kind: 'paragraph', text: `**${labels.expectedOutput ?? 'Expected output'}**` });
      blocks.push({ kind: 'code', text: code.join('\n'), lang: fence[2] || undefined });
      continue;
    }
    const heading = /^#{3,6}\s+(.*)$/.exec(line);
    const item = /^\s*(?:([-*+])|(\d+)[.)])\s+(.*)$/.exec(line);
    if (heading) {
      flush();
      blocks.push({ kind: 'heading', text: heading[1]!.trim() });
    } else if (item && !(para.length && !list)) {
      if (para.length && list) {
        list.items[list.items.length - 1] = joinSoftBreaks([list.items.at(-1)!, ...para]);
        para = [];
      }
      if (!list) {
        flush();
        list = { items: [], ordered: item[2] !== undefined };
      }
      list.items.push(item[3]!.trim());
    } else if (line.trim() === '') {
      if (!list) flush();
    } else if (list && /^\s+\S/.test(line)) {
      list.items[list.items.length - 1] = joinSoftBreaks([list.items.at(-1)!, line]);
    } else {
      if (list) flush();
      para.push(line.trim());
    }
  }
  flush();
  return blocks;
}

const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\u3000-\u303f\uff00-\uffef]/u;

/**
 * Joins the lines of one paragraph as Markdown's soft line breaks: with a space, except between two
 * CJK characters (or CJK punctuation), where a space would show as a gap in the middle of a sentence.
 * Every surface (Telegram, Discord, terminal, web) gets its text from here; web renderers can reuse it.
 */
export function joinSoftBreaks(lines: string[]): string {
  let out = '';
  for (const raw of lines) {
    const line = raw.trim();
    if (!line) continue;
    if (!out) out = line;
    else out += (CJK.test(edge(out, -1)) && CJK.test(edge(line, 1)) ? '' : ' ') + line;
  }
  return out;
}

/** A line's last (-1) or first (1) character, looking past quotes and emphasis to the text they hold. */
function edge(text: string, side: 1 | -1): string {
  const chars = [...text];
  if (side === -1) chars.reverse();
  return chars.find((c) => !SEE_THROUGH.includes(c)) ?? chars[0]!;
}

// Curly quotes are shared by Chinese and English text, and `**`/`*` are styling: each joins as the
// character inside it, so "叫\n**服务等级目标**" reads 叫服务等级目标 and "the\n**fast** path" keeps its space.
const SEE_THROUGH = '“”‘’*';

/** Readable plain text of Markdown: what search indexes and snippets quote. */
export function markdownToPlain(markdown: string, options: { code?: boolean } = {}): string {
  return markdownToBlocks(markdown)
    .filter((b) => options.code !== false || b.kind !== 'code')
    .map((b) => (b.kind === 'list' ? b.items.join('\n') : b.text))
    .join('\n')
    .replace(/`([^`]*)`/g, '$1')
    .replace(/\*\*([^*]*)\*\*/g, '$1')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1');
}
