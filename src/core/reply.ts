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

/**
 * A button carries an action: a short string the core parses when it is pressed (see actions.ts).
 * A button with a `url` opens that page instead and the press never reaches the core; its action
 * is only a name for it (tests, logs, the terminal's numbered choices).
 */
export interface Button {
  label: string;
  action: string;
  style?: ButtonStyle;
  /** An absolute https URL to open: Telegram and Discord link buttons, a printed link in the terminal. */
  url?: string;
  /** Open `url` inside the chat app where it can (a Telegram Mini App in a private chat), else as a link. */
  webApp?: boolean;
}

/** A picture sent with the reply (the progress picture): PNG bytes, a file name, and words for it. */
export interface Picture {
  png: Uint8Array;
  /** A file name ending in .png, e.g. `progress.png`. */
  name: string;
  /** What the picture shows, in the learner's language: the caption, and alt text where supported. */
  alt: string;
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
  /** One picture, sent before the text (Telegram photo, Discord attachment, a file in the terminal). */
  picture?: Picture;
}

/** A button that opens a page rather than sending an action. */
export function linkButton(label: string, url: string, opts: { webApp?: boolean; action?: string } = {}): Button {
  return { label, url, action: opts.action ?? `link:${label}`, ...(opts.webApp ? { webApp: true } : {}) };
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
