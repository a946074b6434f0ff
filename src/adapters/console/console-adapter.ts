import { mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { BotCore } from '../../core/bot-core.js';
import type { Caller } from '../../core/command.js';
import { SendError, type Messenger } from '../../core/ports/messenger.js';
import { localeFromTag } from '../../core/i18n/locale.js';
import type { Reply } from '../../core/reply.js';
import { renderText } from './render-text.js';

export interface ConsoleOptions {
  input?: NodeJS.ReadableStream;
  output?: NodeJS.WritableStream;
  /** Interactive: a prompt and a greeting. Piped input is answered line by line, then it exits. */
  interactive?: boolean;
  user?: string;
  locale?: string;
  /** Where a reply's picture is written (the terminal cannot show it); a temp folder by default. */
  pictureDir?: string;
}

/**
 * The terminal chat: the embedded default without tokens, and the end-to-end harness. Lines are
 * commands (`/lesson 39`); a number presses the numbered button of the last reply; other text
 * is searched.
 */
export class ConsoleAdapter {
  private actions: string[] = [];
  private links = new Map<string, string>();
  private readonly caller: Caller;

  constructor(
    private readonly core: BotCore,
    private readonly options: ConsoleOptions = {},
  ) {
    const user = options.user ?? safeUser();
    this.caller = {
      platform: 'console', userId: user, userName: user, chatId: user, chatKind: 'private',
      localeHint: localeFromTag(options.locale ?? process.env.LANG), canManageChat: true,
    };
  }

  /** Answers one line as a person typed it: what the terminal would print. */
  async handle(line: string): Promise<string> {
    const trimmed = line.trim();
    const choice = /^\d{1,2}$/.test(trimmed) ? this.actions[Number(trimmed) - 1] : undefined;
    // A link button opens a page elsewhere; the terminal can only say where.
    const link = choice && this.links.get(choice);
    if (link) return `Open ${link}`;
    const reply = choice ? await this.core.press(this.caller, choice) : await this.core.text(this.caller, line);
    return this.show(reply);
  }

  /**
   * The terminal as a place the daily prompt is sent to: while the chat is open, the scheduler
   * prints the prompt here at the hour, and its numbered buttons can be pressed like any reply's.
   */
  get messenger(): Messenger {
    return {
      platform: this.caller.platform,
      send: async (chatId, reply) => {
        if (chatId !== this.caller.chatId) throw new SendError('transient', `the terminal chat is open for ${this.caller.chatId}, not ${chatId}`);
        const output = this.options.output ?? process.stdout;
        output.write(`\n${this.show(reply)}\n\n${this.options.interactive ? '> ' : ''}`);
        return {};
      },
    };
  }

  /** Reads lines until the input ends (or `/quit`). Resolves when done. */
  async run(): Promise<void> {
    const output = this.options.output ?? process.stdout;
    const rl = createInterface({ input: this.options.input ?? process.stdin, terminal: false });
    if (this.options.interactive) {
      output.write(`${await this.handle('/help')}\n\nType /help, a command, a number to press a button, or /quit.\n> `);
    }
    for await (const line of rl) {
      if (/^\/(quit|exit)\s*$/.test(line.trim())) break;
      if (line.trim()) output.write(`${await this.handle(line)}\n\n`);
      if (this.options.interactive) output.write('> ');
    }
    rl.close();
  }

  private show(reply: Reply): string {
    const { text, actions } = renderText(reply);
    this.actions = actions;
    this.links = new Map(reply.buttons.flat().flatMap((b) => (b.url ? [[b.action, b.url] as const] : [])));
    if (!reply.picture) return text;
    const dir = this.options.pictureDir ?? join(tmpdir(), 'slowfast-pictures');
    mkdirSync(dir, { recursive: true });
    const path = join(dir, reply.picture.name);
    writeFileSync(path, reply.picture.png);
    return [`[picture: ${path}] ${reply.picture.alt}`, text].filter(Boolean).join('\n\n');
  }
}

function safeUser(): string {
  try {
    return userInfo().username || 'local';
  } catch {
    return 'local';
  }
}
