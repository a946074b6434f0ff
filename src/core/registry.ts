import type { AnyCommand } from './command.js';
import { done } from './commands/done.js';
import { help } from './commands/help.js';
import { lang } from './commands/lang.js';
import { lesson } from './commands/lesson.js';
import { next } from './commands/next.js';
import { optional } from './commands/optional.js';
import { progress } from './commands/progress.js';
import { quiz } from './commands/quiz.js';
import { reset } from './commands/reset.js';
import { roadmap } from './commands/roadmap.js';
import { search } from './commands/search.js';
import { subscribe } from './commands/subscribe.js';
import { pause, resume, unsubscribe } from './commands/subscription-controls.js';
import { today } from './commands/today.js';
import { undo } from './commands/undo.js';

/**
 * The one list of commands. Discord's registration, Telegram's command menu and the terminal's
 * help are all derived from it; nothing scans the file system for commands.
 */
export const COMMANDS: readonly AnyCommand[] = [
  help, today, lesson, search, roadmap, next, done, undo, progress, quiz, reset, subscribe, unsubscribe, pause, resume, lang, optional,
];

/** Finds a command by its name or an alias, as typed (case-insensitive). */
export function findCommand(name: string): AnyCommand | undefined {
  const n = name.toLowerCase();
  return COMMANDS.find((c) => c.name === n || c.aliases?.includes(n));
}
