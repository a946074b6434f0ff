import type { InlineKeyboardMarkup } from 'grammy/types';
import { parseInline, plainInline, type Span } from '../../core/inline.js';
import type { Block, Reply } from '../../core/reply.js';
import { escapeAttr, escapeHtml } from './html-escape.js';
import { renderKeyboard } from './render-keyboard.js';
import { packUnits, splitRaw, type Unit } from './split-html.js';

/**
 * Telegram's limit on a message's text. It counts the text after entity parsing; we hold the
 * HTML source to it, which is never shorter, so a part can never be refused for length.
 */
export const MESSAGE_LIMIT = 4096;

/** Below this much room for text, a link or tag is dropped in favour of plain text. */
const MIN_ROOM = 64;

export interface RenderedReply {
  /** Message texts in Telegram HTML (parse_mode HTML), each within the limit, in reading order. */
  parts: string[];
  /** The buttons: they go under the last part, after the content they act on. */
  keyboard?: InlineKeyboardMarkup;
}

/** A Reply as Telegram messages: HTML text split at block boundaries, and an inline keyboard. */
export function renderHtml(reply: Reply, limit = MESSAGE_LIMIT, opts: { webApps?: boolean } = {}): RenderedReply {
  const units: Unit[] = [];
  if (reply.title?.trim()) units.push(...inlineUnits(reply.title, limit, { wrap: ['<b>', '</b>'], keepWithNext: true }));
  let afterHeading = false;
  for (const block of reply.blocks) {
    const own = blockUnits(block, limit);
    // A heading sits right above its text, with no blank line between.
    if (afterHeading && own[0]) own[0] = { ...own[0], sep: '\n' };
    if (own.length) afterHeading = block.kind === 'heading';
    units.push(...own);
  }
  const parts = packUnits(units, limit);
  const keyboard = renderKeyboard(reply.buttons, opts);
  // Telegram refuses an empty text; a reply of buttons alone still needs a line to hang them on.
  if (!parts.length && keyboard) parts.push('…');
  return { parts, keyboard };
}

/** Whether a reply has anything to show as a message (a press may answer with a toast alone). */
export function hasContent(reply: Reply): boolean {
  return Boolean(reply.title?.trim()) || Boolean(reply.picture) || reply.blocks.length > 0 || reply.buttons.some((row) => row.length > 0);
}

function blockUnits(block: Block, limit: number): Unit[] {
  switch (block.kind) {
    case 'heading':
      return inlineUnits(block.text, limit, { wrap: ['<b>', '</b>'], keepWithNext: true });
    case 'paragraph':
      return inlineUnits(block.text, limit);
    case 'spoiler':
      // Telegram lets no code entity sit inside a spoiler and would show it uncovered: in an
      // answer, code is plain text so every character stays hidden.
      return inlineUnits(block.text, limit, { wrap: ['<tg-spoiler>', '</tg-spoiler>'], plainCode: true });
    case 'list':
      return block.items.flatMap((item, i) =>
        inlineUnits(item, limit, { prefix: block.ordered ? `${i + 1}. ` : '• ', sep: i ? '\n' : '\n\n' }),
      );
    case 'code':
      return codeUnits(block.text, block.lang, limit);
  }
}

interface InlineOptions {
  wrap?: readonly [string, string];
  prefix?: string;
  sep?: string;
  keepWithNext?: boolean;
  /** Inline code as plain text (inside a spoiler, where Telegram allows no code entity). */
  plainCode?: boolean;
}

/** Markup around one span's text. */
function spanTags(span: Span): [string, string] {
  if (span.code) return ['<code>', '</code>'];
  if (span.bold) return ['<b>', '</b>'];
  if (span.italic) return ['<i>', '</i>'];
  if (span.href) return [`<a href="${escapeAttr(span.href)}">`, '</a>'];
  return ['', ''];
}

/**
 * Inline text (paragraph, list item, spoiler, heading) as units. It is one unit when it fits;
 * otherwise each span is cut on its own and every piece carries its own tags, so no message ever
 * ends inside a tag.
 */
function inlineUnits(text: string, limit: number, o: InlineOptions = {}): Unit[] {
  if (!plainInline(text).trim()) return [];
  const [open, close] = o.wrap ?? ['', ''];
  const prefix = o.prefix ?? '';
  const sep = o.sep ?? '\n\n';
  const spans = parseInline(text).map((s) => (o.plainCode && s.code ? { ...s, code: false } : s));
  // Telegram nests no code inside bold: in a heading, inline code stands between two bold runs.
  const around = (span: Span): [string, string] => (span.code ? ['', ''] : [open, close]);
  const whole = prefix + mergeRuns(spans.map((s) => around(s)[0] + tagged(s, escapeHtml(s.text)) + around(s)[1]).join(''), open, close);
  if (whole.length <= limit) return [{ html: whole, sep, keepWithNext: o.keepWithNext }];
  const units: Unit[] = [];
  for (const span of spans) {
    const [outerOpen, outerClose] = around(span);
    let [spanOpen, spanClose] = spanTags(span);
    let room = limit - prefix.length - outerOpen.length - outerClose.length - spanOpen.length - spanClose.length;
    if (room < MIN_ROOM) {
      // A link whose address alone fills a message: keep its words, lose the link.
      [spanOpen, spanClose] = ['', ''];
      room = limit - prefix.length - outerOpen.length - outerClose.length;
    }
    for (const piece of splitRaw(span.text, room, 'text')) {
      const first = units.length === 0;
      units.push({ html: (first ? prefix : '') + outerOpen + spanOpen + escapeHtml(piece) + spanClose + outerClose, sep: first ? sep : '' });
    }
  }
  return units;
}

/** Joins neighbouring runs of the same wrapper (`</b><b>`): one entity instead of several. */
function mergeRuns(html: string, open: string, close: string): string {
  return open ? html.split(close + open).join('') : html;
}

function tagged(span: Span, html: string): string {
  const [open, close] = spanTags(span);
  return open + html + close;
}

/** A code block as `<pre>`; one too long for a message becomes several, cut at line ends. */
function codeUnits(text: string, lang: string | undefined, limit: number): Unit[] {
  const body = text.replace(/\n+$/, '');
  if (!body.trim()) return [];
  // The class is an attribute: keep it to the characters a language name needs.
  const name = lang?.toLowerCase().replace(/[^a-z0-9_+#.-]/g, '');
  const [open, close] = name ? [`<pre><code class="language-${name}">`, '</code></pre>'] : ['<pre>', '</pre>'];
  return splitRaw(body, limit - open.length - close.length, 'code')
    .filter((piece) => piece.trim())
    .map((piece, i) => ({ html: open + escapeHtml(piece) + close, sep: i ? '\n' : '\n\n' }));
}
