import type { Locale, Localized } from '../i18n/locale.js';
import type { SectionKey } from './sections.js';

export const STATUSES = ['core', 'optional', 'removed', 'planned'] as const;
export type LessonStatus = (typeof STATUSES)[number];

export interface Stage {
  id: string;
  title: Localized;
}

/** A roadmap entry: order and language-neutral metadata (lessons/roadmap.yaml). */
export interface RoadmapEntry {
  id: number;
  slug: string;
  stage: string;
  status: LessonStatus;
  /** For removed entries: the lesson a lookup lands on. */
  redirect?: number;
  minutes: number;
  prerequisites: number[];
  aliases: Localized<string[]>;
}

export interface Roadmap {
  title: Localized;
  motto: Localized;
  stages: Stage[];
  /** In roadmap order: the order the daily sequence walks. */
  entries: RoadmapEntry[];
}

export interface LessonSection {
  key: SectionKey;
  heading: string;
  /** The section's Markdown, without its `## ` heading. */
  markdown: string;
  /** `### ` headings inside the section. */
  subheadings: string[];
}

export interface QuestionPair {
  question: string;
  answer: string;
}

/** One language's text of a lesson, parsed from lessons/<locale>/NN-slug.md. */
export interface LessonText {
  locale: Locale;
  file: string;
  title: string;
  summary: string;
  keywords: string[];
  /** What the lesson was written and checked for, e.g. "Linux 6.12, iproute2 6.15"; '' when missing. */
  versions: string;
  sections: LessonSection[];
  questions: QuestionPair[];
}

/** A written lesson: its roadmap entry and its text in every language. */
export interface Lesson {
  entry: RoadmapEntry;
  text: Localized<LessonText>;
}
