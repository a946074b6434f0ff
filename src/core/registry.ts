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

/** The command a mistyped name most likely meant (`/sbscribe`, `/lessn`): at most two edits away. */
export function nearestCommand(typed: string): AnyCommand | undefined {
  const n = typed.toLowerCase();
  if (n.length < 2 || n.length > 40) return undefined;
  let best: { cmd: AnyCommand; d: number } | undefined;
  for (const cmd of COMMANDS) {
    for (const name of [cmd.name, ...(cmd.aliases ?? [])]) {
      if (name.length < 3) continue;
      const d = editDistance(n, name);
      if (d <= (name.length > 4 ? 2 : 1) && (!best || d < best.d)) best = { cmd, d };
    }
  }
  return best?.cmd;
}

/** Levenshtein distance, with a swap of two neighbours counted as one edit. */
function editDistance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0]![j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, d[i - 2]![j - 2]! + 1);
      d[i]![j] = v;
    }
  }
  return d[a.length]![b.length]!;
}
