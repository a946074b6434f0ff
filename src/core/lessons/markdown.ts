import type { Block } from '../reply.js';

/**
 * Turns a lesson section's Markdown into Reply blocks. Lessons use a small, checked subset
 * (paragraphs, `###` headings, lists, fenced code), so a full Markdown parser is not needed.
 */
export function markdownToBlocks(markdown: string): Block[] {
  const blocks: Block[] = [];
  const lines = markdown.split('\n');
  let para: string[] = [];
  let list: { items: string[]; ordered: boolean } | undefined;
  const flush = () => {
    if (para.length) blocks.push({ kind: 'paragraph', text: para.join(' ') });
    if (list) blocks.push({ kind: 'list', items: list.items, ordered: list.ordered || undefined });
    para = [];
    list = undefined;
  };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const fence = /^\s*(```+|~~~+)\s*([\w+-]*)/.exec(line);
    if (fence) {
      flush();
      const code: string[] = [];
      for (i++; i < lines.length && !lines[i]!.trimStart().startsWith(fence[1]!); i++) code.push(lines[i]!);
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
        list.items[list.items.length - 1] += ' ' + para.join(' ');
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
      list.items[list.items.length - 1] += ' ' + line.trim();
    } else {
      if (list) flush();
      para.push(line.trim());
    }
  }
  flush();
  return blocks;
}

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
