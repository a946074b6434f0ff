// Telegram's parse_mode HTML, parsed the way the Bot API parses it (after tdlib's parse_html:
// same tag list, same attribute grammar, same error texts and byte offsets), plus the documented
// rules Telegram does not enforce with an error but silently "fixes" (it shows a stray `&nbsp;`
// literally and drops an entity nested where it may not be): the fake refuses those too, so a
// message that would look wrong to a learner fails its test. Test wiring only.

/** A message entity as the Bot API reports it (offsets and lengths in UTF-16 code units). */
export interface ParsedEntity {
  type: string;
  offset: number;
  length: number;
  url?: string;
  language?: string;
}

export interface ParsedHtml {
  text: string;
  entities: ParsedEntity[];
}

/** A refusal: `description` is the Bot API's whole error text. */
export class EntityError extends Error {
  readonly description: string;
  constructor(reason: string) {
    super(reason);
    this.description = `Bad Request: can't parse entities: ${reason}`;
  }
}

/** The documented tags and the entity each makes. */
const TAGS: Record<string, string> = {
  b: 'bold', strong: 'bold', i: 'italic', em: 'italic', u: 'underline', ins: 'underline',
  s: 'strikethrough', strike: 'strikethrough', del: 'strikethrough', span: 'spoiler', 'tg-spoiler': 'spoiler',
  a: 'text_link', code: 'code', pre: 'pre', blockquote: 'blockquote', 'tg-emoji': 'custom_emoji',
};
/** Entities that may contain, and sit inside, any other except code and pre. */
const FORMATTING = new Set(['bold', 'italic', 'underline', 'strikethrough', 'spoiler']);
const NAMED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"' };
const SPACE = /[ \t\r\n\f\v]/;

interface Open {
  tag: string;
  type: string;
  arg: string;
  offset: number;
  /** Opening order: of two entities over the same text, the outer one comes first. */
  order: number;
}

/** Parses `html` as Telegram would; throws EntityError with Telegram's reason when it would refuse. */
export function parseTelegramHtml(html: string): ParsedHtml {
  const byteAt = (i: number) => Buffer.byteLength(html.slice(0, i), 'utf8');
  const fail = (reason: string): never => {
    throw new EntityError(reason);
  };
  let text = '';
  const entities: (ParsedEntity & { order: number })[] = [];
  const open: Open[] = [];
  let order = 0;
  let i = 0;
  const ch = (k: number) => html[k] ?? '';

  while (i < html.length) {
    const c = html[i]!;
    if (c === '&') {
      const m = /^&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/i.exec(html.slice(i, i + 16));
      const decoded = m && decodeEntity(m[1]!);
      // Telegram shows an unknown entity or a bare & as typed; the docs say to escape it.
      if (!m) fail(`Unescaped "&" at byte offset ${byteAt(i)}: write &amp;`);
      if (decoded === undefined) fail(`Unsupported HTML entity "${m![0]}" at byte offset ${byteAt(i)}: only &lt; &gt; &amp; &quot; and numeric ones are`);
      text += decoded;
      i += m![0].length;
      continue;
    }
    if (c === '>') fail(`Unescaped ">" at byte offset ${byteAt(i)}: write &gt;`);
    if (c !== '<') {
      text += c;
      i++;
      continue;
    }

    const begin = i++;
    if (ch(i) !== '/') {
      while (i < html.length && !SPACE.test(ch(i)) && ch(i) !== '>') i++;
      if (i >= html.length) fail(`Unclosed start tag at byte offset ${byteAt(begin)}`);
      const tag = html.slice(begin + 1, i).toLowerCase();
      if (!(tag in TAGS)) fail(`Unsupported start tag "${tag}" at byte offset ${byteAt(begin)}`);
      const attrs = readAttributes(tag, byteAt(begin));
      const type = TAGS[tag]!;
      let arg = '';
      if (tag === 'a') arg = attrs.get('href') ?? '';
      if (tag === 'code' && attrs.get('class')?.startsWith('language-')) arg = attrs.get('class')!.slice(9);
      if (tag === 'span' && attrs.get('class') !== 'tg-spoiler') fail(`Tag "span" must have class "tg-spoiler" at byte offset ${byteAt(begin)}`);
      if (tag === 'tg-emoji' && !attrs.get('emoji-id')) fail(`Tag "tg-emoji" must have attribute "emoji-id" at byte offset ${byteAt(begin)}`);
      if (tag === 'blockquote' && attrs.has('expandable')) arg = 'expandable';
      checkNesting(type, tag, byteAt(begin));
      open.push({ tag, type, arg, offset: text.length, order: order++ });
      i++; // past '>'
      continue;
    }

    if (!open.length) fail(`Unexpected end tag at byte offset ${byteAt(begin)}`);
    i++;
    const nameStart = i;
    while (i < html.length && !SPACE.test(ch(i)) && ch(i) !== '>') i++;
    const endName = html.slice(nameStart, i).toLowerCase();
    while (i < html.length && SPACE.test(ch(i))) i++;
    if (ch(i) !== '>') fail(`Unclosed end tag at byte offset ${byteAt(begin)}`);
    i++;
    const top = open.pop()!;
    if (endName && endName !== top.tag) fail(`Unmatched end tag at byte offset ${byteAt(begin)}, expected "</${top.tag}>", found "</${endName}>"`);
    close(top);
  }
  if (open.length) fail(`Can't find end tag corresponding to start tag "${open.at(-1)!.tag}"`);
  entities.sort((a, b) => a.offset - b.offset || b.length - a.length || a.order - b.order);
  return { text, entities: entities.map(({ order: _order, ...e }) => e) };

  /** Attributes up to the tag's '>' (left at i); the grammar and errors are tdlib's. */
  function readAttributes(tag: string, at: number): Map<string, string> {
    const attrs = new Map<string, string>();
    while (ch(i) !== '>') {
      while (i < html.length && SPACE.test(ch(i))) i++;
      if (ch(i) === '>') break;
      const nameStart = i;
      while (i < html.length && !SPACE.test(ch(i)) && ch(i) !== '=' && ch(i) !== '>') i++;
      const name = html.slice(nameStart, i).toLowerCase();
      if (!name) fail(`Empty attribute name in the tag "${tag}" at byte offset ${at}`);
      while (i < html.length && SPACE.test(ch(i))) i++;
      if (i >= html.length) break;
      if (ch(i) !== '=') {
        attrs.set(name, '');
        continue;
      }
      i++;
      while (i < html.length && SPACE.test(ch(i))) i++;
      if (i >= html.length) fail(`Unclosed start tag "${tag}" at byte offset ${at}`);
      let value = '';
      const quote = ch(i);
      if (quote !== '"' && quote !== "'") {
        const tokenStart = i;
        while (/[A-Za-z0-9.-]/.test(ch(i))) i++;
        value = html.slice(tokenStart, i);
        if (!SPACE.test(ch(i)) && ch(i) !== '>') fail(`Unexpected end of name token at byte offset ${byteAt(tokenStart)}`);
      } else {
        i++;
        while (i < html.length && ch(i) !== quote) {
          const m = ch(i) === '&' ? /^&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/i.exec(html.slice(i, i + 16)) : null;
          const decoded = m ? decodeEntity(m[1]!) : undefined;
          if (m && decoded !== undefined) {
            value += decoded;
            i += m[0].length;
          } else value += html[i++];
        }
        if (ch(i) === quote) i++;
      }
      if (i >= html.length) fail(`Unclosed start tag at byte offset ${at}`);
      attrs.set(name, value);
    }
    if (i >= html.length) fail(`Unclosed start tag at byte offset ${at}`);
    return attrs;
  }

  /** The Bot API's nesting rules (https://core.telegram.org/bots/api#formatting-options). */
  function checkNesting(type: string, tag: string, at: number): void {
    const parent = open.at(-1);
    for (const outer of open) {
      const langCode = type === 'code' && outer === parent && outer.type === 'pre';
      if (langCode) continue;
      const ok = outer.type === 'blockquote'
        ? type !== 'blockquote' && type !== 'pre' && type !== 'code'
        : FORMATTING.has(outer.type)
          ? type !== 'pre' && type !== 'code'
          : FORMATTING.has(type) && outer.type !== 'pre' && outer.type !== 'code';
      if (!ok) fail(`Entity "${tag}" can't be nested inside "${outer.tag}" at byte offset ${at}`);
    }
  }

  function close(top: Open): void {
    const length = text.length - top.offset;
    if (length <= 0) return;
    const entity: ParsedEntity & { order: number } = { type: top.type, offset: top.offset, length, order: top.order };
    if (top.type === 'text_link') entity.url = top.arg;
    if (top.type === 'blockquote' && top.arg) entity.type = 'expandable_blockquote';
    if (top.type === 'code' && open.at(-1)?.type === 'pre') {
      // <pre><code class="language-x"> is one pre entity with a language.
      if (top.arg) open.at(-1)!.arg = top.arg;
      return;
    }
    if (top.type === 'pre' && top.arg) entity.language = top.arg;
    entities.push(entity);
  }
}

function decodeEntity(name: string): string | undefined {
  if (name[0] !== '#') return NAMED[name];
  const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
  return code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff) ? String.fromCodePoint(code) : undefined;
}
