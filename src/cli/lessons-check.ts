import { checkLessons } from '../core/lessons/check.js';
import { loadLessons } from '../core/lessons/load-lessons.js';

/** `cli lessons check`: prints every problem, one a line, and returns the exit code. */
export function runLessonsCheck(dir: string, out: (line: string) => void, ids: string[] = []): number {
  const only = ids.map(Number);
  const bad = ids.filter((id, i) => !Number.isInteger(only[i]) || only[i]! < 0);
  if (bad.length) {
    out(`not a lesson number: ${bad.join(', ')} (usage: lessons check [ids...], e.g. lessons check 3 17)`);
    return 2;
  }
  const summary = checkLessons(loadLessons(dir), only);
  for (const p of summary.problems) out(`${p.file}: ${p.message}`);
  for (const p of summary.warnings) out(`${p.file}: warning: ${p.message}`);
  const list = (l: number[]) => (l.length ? ` (${l.join(', ')})` : '');
  out(
    `${summary.written.length} lessons written, ${summary.planned.length} planned${list(summary.planned)}, ` +
      `${summary.removed.length} removed${list(summary.removed)}: ` +
      (summary.problems.length ? `${summary.problems.length} problems` : 'no problems') +
      (summary.warnings.length ? `, ${summary.warnings.length} warnings` : ''),
  );
  return summary.problems.length ? 1 : 0;
}
