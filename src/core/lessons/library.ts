import type { Locale } from '../i18n/locale.js';
import type { Lesson, LessonText, Roadmap, RoadmapEntry } from './types.js';

/** What a lookup by number finds. */
export type Lookup =
  | { kind: 'lesson'; lesson: Lesson; redirectedFrom?: number }
  | { kind: 'planned'; entry: RoadmapEntry }
  | { kind: 'unknown' };

/** The roadmap and its written lessons, read-only once loaded. */
export class LessonLibrary {
  private readonly byId: Map<number, Lesson>;
  private readonly entryById: Map<number, RoadmapEntry>;
  /** Withdrawn entries by the lesson they redirect to: aliasesOf looked through every entry each time (quadratic at 10,000 lessons). */
  private readonly redirectsTo = new Map<number, RoadmapEntry[]>();
  private readonly inOrder: Lesson[];

  constructor(
    readonly roadmap: Roadmap,
    lessons: Lesson[],
  ) {
    this.byId = new Map(lessons.map((l) => [l.entry.id, l]));
    this.entryById = new Map(roadmap.entries.map((e) => [e.id, e]));
    for (const e of roadmap.entries) {
      if (e.status === 'removed' && e.redirect !== undefined) this.redirectsTo.set(e.redirect, [...(this.redirectsTo.get(e.redirect) ?? []), e]);
    }
    this.inOrder = roadmap.entries.flatMap((e) => this.byId.get(e.id) ?? []);
  }

  /** Written lessons (core and optional) in roadmap order. */
  get lessons(): Lesson[] {
    return [...this.inOrder];
  }

  get(id: number): Lesson | undefined {
    return this.byId.get(id);
  }

  entry(id: number): RoadmapEntry | undefined {
    return this.entryById.get(id);
  }

  lookup(id: number): Lookup {
    const entry = this.entryById.get(id);
    if (!entry) return { kind: 'unknown' };
    if (entry.status === 'removed' && entry.redirect !== undefined) {
      const target = this.byId.get(entry.redirect);
      return target ? { kind: 'lesson', lesson: target, redirectedFrom: id } : { kind: 'unknown' };
    }
    const lesson = this.byId.get(id);
    return lesson ? { kind: 'lesson', lesson } : { kind: 'planned', entry };
  }

  /** The lessons the daily sequence walks, in order: core ones, and optional ones when opted in. */
  sequence(includeOptional: boolean): Lesson[] {
    return this.lessons.filter((l) => l.entry.status === 'core' || (includeOptional && l.entry.status === 'optional'));
  }

  /**
   * The words that name a lesson: its own aliases and those of withdrawn entries that redirect
   * to it, so a learner who types the old note's title still lands on the right lesson.
   */
  aliasesOf(id: number, locale: Locale): string[] {
    const own = this.entryById.get(id)?.aliases[locale] ?? [];
    const inherited = (this.redirectsTo.get(id) ?? []).flatMap((e) => e.aliases[locale]);
    return [...own, ...inherited];
  }

  stageTitle(stageId: string, locale: Locale): string {
    return this.roadmap.stages.find((s) => s.id === stageId)?.title[locale] ?? stageId;
  }
}

export function lessonText(lesson: Lesson, locale: Locale): LessonText {
  return lesson.text[locale];
}
