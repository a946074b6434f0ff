/** One run of inline text with its formatting, as adapters need it to render. */
export interface Span {
  text: string;
  code?: boolean;
  bold?: boolean;
  italic?: boolean;
  href?: string;
  /** A moment: Discord shows it in each reader's own timezone; others show `text`. */
  time?: Date;
}

// `code`, **bold**, [text](url), <time:unix:label>, and *italic* (a single star next to a word, as
// lesson prose uses it; a lone `*` in "kube*" or "a * b" stays literal).
const INLINE = /`([^`\n]+)`|\*\*([^*\n]+)\*\*|\[([^\]\n]+)\]\((https?:\/\/[^\s)]+)\)|<time:(\d+):([^>]+)>|(?<![\w*])\*(?=\S)([^*\n]*?\S)\*(?![\w*])/g;

/** Splits the inline Markdown subset used in Reply text into spans. Anything else stays literal. */
export function parseInline(text: string): Span[] {
  const spans: Span[] = [];
  let last = 0;
  for (const m of text.matchAll(INLINE)) {
    if (m.index > last) spans.push({ text: text.slice(last, m.index) });
    if (m[1] !== undefined) spans.push({ text: m[1], code: true });
    else if (m[2] !== undefined) spans.push({ text: m[2], bold: true });
    else if (m[3] !== undefined) spans.push({ text: m[3], href: m[4]! });
    else if (m[5] !== undefined) spans.push({ text: m[6]!, time: new Date(Number(m[5]) * 1000) });
    else spans.push({ text: m[7]!, italic: true });
    last = m.index + m[0].length;
  }
  if (last < text.length) spans.push({ text: text.slice(last) });
  return spans;
}

/** The text a reader sees, without markup: links keep their words. */
export function plainInline(text: string): string {
  return parseInline(text).map((s) => s.text).join('');
}

/** Inline markup for a moment, shown as `label` where the platform cannot localize times itself. */
export function timeMark(at: Date, label: string): string {
  return `<time:${Math.floor(at.getTime() / 1000)}:${label.replace(/>/g, '')}>`;
}
