import type { Localized, Locale } from './i18n/locale.js';
import type { Translate } from './i18n/strings.js';
import type { LessonLibrary } from './lessons/library.js';
import type { PictureRenderer } from './ports/picture-renderer.js';
import type { WebLinks } from './ports/web-links.js';
import type { Learner, Store } from './ports/store.js';
import type { Reply } from './reply.js';
import type { SearchIndex } from './search/search-index.js';

/** An option of a command, as data: Discord registration, Telegram menu and help read it. */
export interface OptionDef {
  readonly name: string;
  readonly type: 'string' | 'integer';
  readonly description: Localized;
  readonly required?: boolean;
  /** Suggest values from the search index while the user types (Discord autocomplete). */
  readonly autocomplete?: boolean;
  readonly choices?: readonly { readonly name: string; readonly value: string }[];
  readonly min?: number;
  readonly max?: number;
  readonly maxLength?: number;
}

type ValueOf<O extends OptionDef> = O['type'] extends 'integer' ? number : O['choices'] extends readonly { value: infer V }[] ? V : string;

/** The handler's argument object, derived from the option definitions (as discord-utils-bot's argumentsOf). */
export type ArgsOf<O extends readonly OptionDef[]> = {
  [K in O[number] as K['name']]: K['required'] extends true ? ValueOf<K> : ValueOf<K> | undefined;
};

/** Who is asking, and where: filled in by the adapter from the platform's update. */
export interface Caller {
  platform: string;
  userId: string;
  userName?: string;
  chatId: string;
  chatKind: 'private' | 'group';
  /** The language the platform reports for the user (Telegram language_code, Discord locale). */
  localeHint?: Locale;
  /** May change this chat's subscription: a group admin, Manage Channels on Discord; always in private. */
  canManageChat: boolean;
}

/** Study settings the core needs from the config. */
export interface StudySettings {
  defaultLocale: Locale;
  defaultTime: string;
  defaultTimezone: string;
  reviewCap: number;
  stayAfterDays: number;
  maxResults: number;
}

/**
 * Hooks for metrics: the core says what happened, the ops layer counts it (src/ops). Optional,
 * and never allowed to fail a command.
 */
export interface CoreObserver {
  served?(event: { kind: 'command' | 'action' | 'text'; name: string; platform: string; ms: number; ok: boolean }): void;
  searched?(ms: number, hits: number): void;
  reviewed?(rating: number): void;
}

/** What handlers work with. Built once at start-up; nothing platform-specific in it. */
export interface Services {
  library: LessonLibrary;
  search: SearchIndex;
  store: Store;
  settings: StudySettings;
  clock: () => Date;
  observer?: CoreObserver;
  /** Draws the progress picture; without it /progress answers in text only. */
  pictures?: PictureRenderer;
  /** The web pages' addresses, when a public URL is configured: the "Read" and roadmap link buttons. */
  web?: WebLinks;
}

export interface CommandContext {
  caller: Caller;
  learner: Learner;
  locale: Locale;
  now: Date;
  t: Translate;
  services: Services;
  /** The registry, for help. */
  commands: readonly AnyCommand[];
}

export interface CommandDef<O extends readonly OptionDef[] = readonly OptionDef[]> {
  readonly name: string;
  /** Other names typed in text (`start` for help; the Chinese name). */
  readonly aliases?: readonly string[];
  /** The command's name in Chinese where a platform shows localized names (Discord zh-CN). */
  readonly localName?: string;
  readonly description: Localized;
  readonly options: O;
  /** A typical use, shown by `/help <command>` (`/subscribe 08:30 Asia/Shanghai`). */
  readonly example?: string;
  /**
   * Changes the chat's own settings (its subscription): in a group only its admins may run it.
   * Adapters check admin rights (which may cost an API call) only for these commands.
   */
  readonly manage?: boolean;
  readonly handler: (args: ArgsOf<O>, ctx: CommandContext) => Promise<Reply>;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyCommand = CommandDef<any>;

/** Keeps the literal option types so ArgsOf can derive the handler's arguments. */
export function defineCommand<const O extends readonly OptionDef[]>(def: CommandDef<O>): CommandDef<O> {
  return def;
}
