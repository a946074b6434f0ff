import type { LessonLibrary } from '../lessons/library.js';
import type { Lesson } from '../lessons/types.js';
import type { Learner, Store } from '../ports/store.js';

/** A learner's standing on the roadmap: what is done and what comes next. */
export interface Standing {
  done: Set<number>;
  /** The first lesson of the daily sequence not done yet (slow is fast: in order). */
  next?: Lesson;
  /** Lessons counted towards progress: the daily sequence. */
  total: number;
  doneInSequence: number;
}

export async function standing(library: LessonLibrary, store: Store, learner: Learner): Promise<Standing> {
  const done = new Set((await store.listDone(learner.id)).map((d) => d.lessonId));
  const sequence = library.sequence(learner.includeOptional);
  return {
    done,
    next: sequence.find((l) => !done.has(l.entry.id)),
    total: sequence.length,
    doneInSequence: sequence.filter((l) => done.has(l.entry.id)).length,
  };
}
