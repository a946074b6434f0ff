import { mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { BotCore } from '../../core/bot-core.js';
import type { Caller } from '../../core/command.js';
import { SendError, type Messenger } from '../../core/ports/messenger.js';
import { localeFromTag } from '../../core/i18n/locale.js';
import type { Reply } from '../../core/reply.js';
import { parseAction } from '../../core/actions.js';
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
  /** Colours and wrapping width; by default from the output (a TTY gets both, a pipe neither). */
  color?: boolean;
  width?: number;
  /** Lines per page before a --more prompt (a TTY's height by default; none for a pipe). */
  pageLines?: number;
}

type TtyLike = NodeJS.WritableStream & { isTTY?: boolean; columns?: number; rows?: number };

/**
 * The terminal chat: the embedded default without tokens, and the end-to-end harness. Lines are
 * commands (`/lesson 39`); a number opens that lesson, a letter presses that button of the last reply; other text
 * is searched.
 */
export class ConsoleAdapter {
  /** The last reply's buttons by the key typed to press them (see renderText). */
  private actions = new Map<string, string>();
  private answers: string[] = [];
  /** The rest of a long reply, shown a page at a time. */
  private pending: string[] = [];
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
    if (/^\/?answers$/i.test(trimmed)) {
      // A quiz question keeps its answer behind [Show answer]: /answers presses it rather than say there is none.
      const reveal = this.answers.length ? undefined : [...this.actions.values()].find((a) => parseAction(a)?.name === 'reveal');
      return reveal ? this.show(await this.core.press(this.caller, reveal)) : this.showAnswers();
    }
    // The README's words work without a slash: `help`, and a bare number.
    if (/^(help|\?)$/i.test(trimmed)) return this.show(await this.core.text(this.caller, '/help'));
    const choice = this.actions.get(trimmed.toLowerCase());
    // A link button opens a page elsewhere; the terminal can only say where.
    const link = choice && this.links.get(choice);
    if (link) return `Open ${link}`;
    if (choice) return this.show(await this.core.press(this.caller, choice));
    // A number with no such button is still a lesson number.
    if (/^\d{1,4}$/.test(trimmed)) return this.show(await this.core.text(this.caller, `/lesson ${trimmed}`));
    return this.show(await this.core.text(this.caller, line));
  }

  /** `/answers`: the quiz answers of the last reply, which the terminal keeps hidden until asked. */
  private showAnswers(): string {
    if (!this.answers.length) return 'There are no hidden answers in the last reply. Open a lesson\'s "Check yourself" section, or /quiz.';
    return this.answers.map((a, i) => `answer ${i + 1}: ${a}`).join('\n\n');
  }

  private get out(): TtyLike {
    return (this.options.output ?? process.stdout) as TtyLike;
  }

  /**
   * The terminal as a place the daily prompt is sent to: while the chat is open, the scheduler
   * prints the prompt here at the hour, and its buttons can be pressed like any reply's.
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
    const output = this.out;
    const rl = createInterface({ input: this.options.input ?? process.stdin, terminal: false });
    // Taken before the greeting's await, so lines typed (or piped) meanwhile are not lost.
    const lines = rl[Symbol.asyncIterator]();
    if (this.options.interactive) {
      // The full help once, on first contact; after that a line, and /today is one word away. In the
      // learner's language: one who chose /lang zh is not welcomed back in English.
      const t = await this.core.translate(this.caller);
      const greeting = (await this.core.known(this.caller)) ? t('console.welcomeBack') : await this.handle('/help');
      output.write(`${greeting}\n\n${t('console.hint')}\n> `);
    }
    for (let next = await lines.next(); !next.done; next = await lines.next()) {
      const line = next.value;
      const typed = line.trim();
      if (this.pending.length) {
        // At a --more prompt: Enter shows the next page, q stops; anything else is a new command.
        const more = typed === '' || typed === ' ';
        if (more) {
          output.write(this.page());
          continue;
        }
        this.pending = [];
        if (/^q$/i.test(typed)) {
          output.write('> ');
          continue;
        }
      }
      if (/^\/?(quit|exit)$/i.test(typed)) break;
      if (typed) output.write(this.paged(await this.handle(line)));
      else if (this.options.interactive) output.write('> ');
    }
    rl.close();
  }

  /** A reply as written to the output: whole, or its first page and a --more prompt on a TTY. */
  private paged(text: string): string {
    const rows = this.options.pageLines ?? (this.options.interactive && this.out.isTTY ? (this.out.rows ?? 24) - 2 : 0);
    const lines = text.split('\n');
    if (!rows || lines.length <= rows) return `${text}\n\n${this.options.interactive ? '> ' : ''}`;
    this.pending = lines;
    return this.page();
  }

  private page(): string {
    const rows = this.options.pageLines ?? Math.max(5, (this.out.rows ?? 24) - 2);
    const shown = this.pending.splice(0, rows).join('\n');
    if (this.pending.length) return `${shown}\n--more-- (Enter for more, q to stop) `;
    return `${shown}\n\n> `;
  }

  private show(reply: Reply): string {
    const out = this.out;
    const { text, actions, answers } = renderText(reply, {
      color: this.options.color ?? Boolean(out.isTTY),
      width: this.options.width ?? (out.isTTY ? out.columns : undefined),
    });
    this.actions = actions;
    this.answers = answers;
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
