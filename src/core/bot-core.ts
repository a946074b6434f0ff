import { parseAction } from './actions.js';
import { clip } from './text.js';
import { runAction } from './press-action.js';
import { coerceArgs, splitText, usage } from './args.js';
import type { AnyCommand, Caller, CommandContext, Services } from './command.js';
import { translator, type Translate } from './i18n/strings.js';
import type { Learner } from './ports/store.js';
import { COMMANDS, findCommand, nearestCommand } from './registry.js';
import { say, type Reply } from './reply.js';
import { standing } from './study/progress.js';
import { lessonView } from './views/lesson-view.js';

/** The little a core needs of a logger; pino's fits. */
export interface CoreLog {
  error(obj: object, msg: string): void;
}

/** A choice offered while typing (Discord autocomplete, Telegram inline mode). */
export interface Choice {
  label: string;
  value: string;
}

/**
 * What adapters talk to: typed commands, text lines, button presses and autocomplete, each
 * answered with a Reply. A bug in a handler is logged and answered with an apology; it never
 * reaches the adapter as an exception.
 */
export class BotCore {
  readonly commands: readonly AnyCommand[] = COMMANDS;

  constructor(
    readonly services: Services,
    private readonly log?: CoreLog,
  ) {}

  /** A command with options already split by the platform (Discord's typed options). */
  async command(caller: Caller, name: string, raw: Record<string, unknown>): Promise<Reply> {
    return this.guard(caller, { kind: 'command', name }, async (ctx) => {
      const cmd = findCommand(name);
      if (!cmd) return say(ctx.t('err.unknownCommand', { name: clip(name, 40) }));
      const parsed = coerceArgs(cmd, raw, ctx.t);
      if (!parsed.ok) return say(parsed.message);
      return cmd.handler(parsed.args, ctx);
    });
  }

  /** A line of text: `/lesson 39`, `/lesson@slowfast_bot 39`. Plain words are searched. */
  async text(caller: Caller, line: string): Promise<Reply> {
    const m = /^\/([^\s@]+)(?:@\S+)?(?:\s+([\s\S]*))?$/.exec(line.trim());
    if (!m) {
      if (!line.trim()) return this.guard(caller, { kind: 'text', name: 'empty' }, async (ctx) => say(ctx.t('err.notCommand')));
      return this.command(caller, 'search', { query: line });
    }
    const cmd = findCommand(m[1]!);
    if (!cmd) {
      return this.guard(caller, { kind: 'text', name: 'unknown' }, async (ctx) => {
        const near = nearestCommand(m[1]!);
        return say(near ? ctx.t('err.didYouMean', { name: clip(m[1]!, 40), near: near.name }) : ctx.t('err.unknownCommand', { name: clip(m[1]!, 40) }));
      });
    }
    return this.command(caller, cmd.name, splitText(cmd, m[2] ?? ''));
  }

  /** A button press. The action names lessons and questions; the learner is always the presser. */
  async press(caller: Caller, raw: string): Promise<Reply> {
    const kind = typeof raw === 'string' ? raw.split(':')[0]! : '';
    const name = /^(lesson|sec|done|next|roadmap|quiz|ans|rate|stay|move|later|cancel|reset)$/.test(kind) ? kind : 'unknown';
    return this.guard(caller, { kind: 'action', name }, async (ctx) => {
      const act = parseAction(raw);
      if (!act) return { ...say(ctx.t('err.staleButton')), private: true };
      return runAction(act, ctx);
    });
  }

  /** Suggestions for an option while it is typed, from the search index (at most 25), in the learner's language. */
  async autocomplete(caller: Caller, commandName: string, optionName: string, partial: string): Promise<Choice[]> {
    const cmd = findCommand(commandName);
    const option = cmd?.options.find((o: { name: string }) => o.name === optionName);
    if (!option?.autocomplete) return [];
    try {
      const learner = await this.services.store.getLearner(`${caller.platform}:${caller.userId}`);
      const locale = learner?.locale ?? caller.localeHint ?? this.services.settings.defaultLocale;
      return this.services.search.suggest(String(partial ?? ''), { locale, limit: 25 }).map((s) => ({
        label: clip(`${s.id} · ${s.title}${s.heading ? ` — ${s.heading}` : ''}`, 100),
        value: String(s.id),
      }));
    } catch (err) {
      this.log?.error({ err, platform: caller.platform }, 'autocomplete failed');
      return [];
    }
  }

  /**
   * Lessons to share into any chat (Telegram inline mode): the best matches for `query`, or the
   * asker's next lessons when it is empty. Each carries the lesson as a Reply without buttons,
   * since a shared message belongs to the chat, not to the learner who shared it.
   */
  async shareable(caller: Caller, query: string, limit = 10): Promise<{ id: number; title: string; description: string; reply: Reply }[]> {
    try {
      const ctx = await this.context(caller);
      const { library, search } = this.services;
      const ids = query.trim()
        ? search.search(query, { locale: ctx.locale, limit }).hits.map((h) => h.id)
        : await this.ownLessons(ctx, limit);
      return ids.flatMap((id) => {
        const lesson = library.get(id);
        if (!lesson) return [];
        const view = lessonView(lesson, ctx);
        return [{ id, title: view.title ?? String(id), description: lesson.text[ctx.locale].summary, reply: { ...view, buttons: [] } }];
      });
    } catch (err) {
      this.log?.error({ err, platform: caller.platform }, 'inline query failed');
      return [];
    }
  }

  /** With nothing asked: the learner's current lesson first, then the ones after it not yet done. */
  private async ownLessons(ctx: CommandContext, limit: number): Promise<number[]> {
    const { library, store } = this.services;
    const mine = await standing(library, store, ctx.learner);
    const undone = library.sequence(ctx.learner.includeOptional).filter((l) => !mine.done.has(l.entry.id)).map((l) => l.entry.id);
    const current = ctx.learner.currentLesson ?? mine.next?.entry.id;
    return [...new Set(current === undefined ? undone : [current, ...undone])].slice(0, limit);
  }

  usage(name: string): string | undefined {
    const cmd = findCommand(name);
    return cmd && usage(cmd);
  }

  /** The caller's own language (their /lang, else the platform's) without creating a learner: for an adapter's own lines. */
  async translate(caller: Caller): Promise<Translate> {
    const learner = await this.services.store.getLearner(`${caller.platform}:${caller.userId}`);
    return translator(learner?.locale ?? caller.localeHint ?? this.services.settings.defaultLocale);
  }

  /** Whether this caller has talked to the bot before (the terminal shows its full help only the first time). */
  async known(caller: Caller): Promise<boolean> {
    return Boolean(await this.services.store.getLearner(`${caller.platform}:${caller.userId}`));
  }

  /** The learner behind a caller, created on first contact. */
  async learner(caller: Caller): Promise<Learner> {
    const id = `${caller.platform}:${caller.userId}`;
    const store = this.services.store;
    const found = await store.getLearner(id);
    if (found) return found;
    const learner: Learner = { id, includeOptional: false, createdAt: this.services.clock().toISOString() };
    await store.saveLearner(learner);
    return learner;
  }

  async context(caller: Caller): Promise<CommandContext> {
    const learner = await this.learner(caller);
    const locale = learner.locale ?? caller.localeHint ?? this.services.settings.defaultLocale;
    return { caller, learner, locale, now: this.services.clock(), t: translator(locale), services: this.services, commands: this.commands };
  }

  /**
   * Whoever uses the bot in a group counts as one of its members for the group view. Only a count
   * rests on it: a store that cannot write it must not cost the member their answer.
   */
  private async noteMember(ctx: CommandContext): Promise<void> {
    const { caller } = ctx;
    try {
      await this.services.store.recordChatMember(caller.platform, caller.chatId, ctx.learner.id, ctx.now.toISOString());
    } catch (err) {
      this.log?.error({ err, platform: caller.platform, chat: caller.chatId }, 'could not record a group member');
    }
  }

  private async guard(
    caller: Caller,
    what: { kind: 'command' | 'action' | 'text'; name: string },
    run: (ctx: CommandContext) => Promise<Reply>,
  ): Promise<Reply> {
    let ctx: CommandContext | undefined;
    const started = performance.now();
    let ok = true;
    try {
      ctx = await this.context(caller);
      if (caller.chatKind === 'group') await this.noteMember(ctx);
      return await run(ctx);
    } catch (err) {
      ok = false;
      this.log?.error({ err, ...what, platform: caller.platform, chat: caller.chatId }, 'command failed');
      const t = translator(ctx?.locale ?? caller.localeHint ?? this.services.settings.defaultLocale);
      return { ...say(t('err.internal')), private: true };
    } finally {
      try {
        this.services.observer?.served?.({ ...what, platform: caller.platform, ms: performance.now() - started, ok });
      } catch {
        // Metrics must never cost a learner their reply.
      }
    }
  }
}

