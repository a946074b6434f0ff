/**
 * The platform-neutral message every command returns. Adapters render it within their own limits
 * (Discord embeds and components, Telegram HTML and inline keyboards, terminal text).
 *
 * Text in `paragraph`, `list` and `spoiler` blocks is a small inline subset of Markdown:
 * `code`, **bold** and [links](https://...). Adapters turn it into their own markup with
 * `parseInline` (src/core/inline.ts), so no adapter parses Markdown on its own.
 */
export type Block =
  | { kind: 'heading'; text: string }
  | { kind: 'paragraph'; text: string }
  | { kind: 'list'; items: string[]; ordered?: boolean }
  | { kind: 'code'; text: string; lang?: string }
  /** Hidden until the reader chooses to see it: quiz answers. */
  | { kind: 'spoiler'; text: string };

export type ButtonStyle = 'primary' | 'secondary' | 'success' | 'danger';

/** A button carries an action: a short string the core parses when it is pressed (see actions.ts). */
export interface Button {
  label: string;
  action: string;
  style?: ButtonStyle;
}

export interface Reply {
  title?: string;
  blocks: Block[];
  /** Rows of buttons, in order. */
  buttons: Button[][];
  /** Only the person who asked should see it (Discord ephemeral; elsewhere a normal reply). */
  private?: boolean;
  /** For a button press: replace the message the button was on, rather than send a new one. */
  replace?: boolean;
  /** A short note for the pressing user only (Telegram's callback toast, Discord ephemeral). */
  toast?: string;
}

export function reply(parts: Partial<Reply> & Pick<Reply, 'blocks'>): Reply {
  return { buttons: [], ...parts };
}

/** A reply of one paragraph: most friendly answers to bad input are just that. */
export function say(text: string, extra: Partial<Reply> = {}): Reply {
  return { blocks: [{ kind: 'paragraph', text }], buttons: [], ...extra };
}

export function paragraph(text: string): Block {
  return { kind: 'paragraph', text };
}

/** All of a reply's text in reading order, plain: used by tests, logs and length budgets. */
export function replyText(r: Reply): string {
  const parts: string[] = [];
  if (r.title) parts.push(r.title);
  for (const b of r.blocks) {
    if (b.kind === 'list') parts.push(b.items.map((i) => `- ${i}`).join('\n'));
    else parts.push(b.text);
  }
  return parts.join('\n\n');
}
