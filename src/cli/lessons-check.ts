import { checkLessons } from '../core/lessons/check.js';
import { loadLessons } from '../core/lessons/load-lessons.js';

/** `cli lessons check`: prints every problem, one a line, and returns the exit code. */
export function runLessonsCheck(dir: string, out: (line: string) => void): number {
  const summary = checkLessons(loadLessons(dir));
  for (const p of summary.problems) out(`${p.file}: ${p.message}`);
  const ids = (list: number[]) => (list.length ? ` (${list.join(', ')})` : '');
  out(
    `${summary.written.length} lessons written, ${summary.planned.length} planned${ids(summary.planned)}, ` +
      `${summary.removed.length} removed${ids(summary.removed)}: ` +
      (summary.problems.length ? `${summary.problems.length} problems` : 'no problems'),
  );
  return summary.problems.length ? 1 : 0;
}
