import { isSectionKey, type SectionKey } from './lessons/sections.js';

/**
 * Button actions: short strings (Telegram allows 64 bytes of callback data) that say what a press
 * does. They name lessons and questions, never a learner: a press always acts for the person who
 * pressed, so a forged or forwarded button cannot touch anyone else's progress.
 */
export type Action =
  | { name: 'lesson'; lesson: number }
  | { name: 'section'; lesson: number; section: SectionKey }
  | { name: 'done'; lesson: number }
  | { name: 'next' }
  | { name: 'roadmap' }
  | { name: 'quiz'; lesson?: number }
  | { name: 'reveal'; lesson: number; question: number }
  /** `shown`: the id the store gave the question when its answer was shown (one rating per showing). */
  | { name: 'rate'; lesson: number; question: number; rating: number; shown?: number }
  | { name: 'stay'; lesson: number }
  | { name: 'move'; lesson: number }
  | { name: 'later' }
  /** Closes a confirmation without doing what it asked about. */
  | { name: 'cancel' }
  /** The confirmed half of /reset. */
  | { name: 'reset' }
  /** A search for these words exactly as typed (no spelling correction). */
  | { name: 'find'; query: string };

export const action = {
  lesson: (id: number) => `lesson:${id}`,
  section: (id: number, key: SectionKey) => `sec:${id}:${key}`,
  done: (id: number) => `done:${id}`,
  next: () => 'next',
  roadmap: () => 'roadmap',
  quiz: (id?: number) => (id === undefined ? 'quiz' : `quiz:${id}`),
  reveal: (id: number, q: number) => `ans:${id}:${q}`,
  rate: (id: number, q: number, rating: number, shown: number) => `rate:${id}:${q}:${rating}:${shown}`,
  stay: (id: number) => `stay:${id}`,
  move: (id: number) => `move:${id}`,
  later: () => 'later',
  cancel: () => 'cancel',
  reset: () => 'reset',
  /** Undefined when the words do not fit in an action (64 bytes): the button is then left out. */
  find: (query: string): string | undefined => (new TextEncoder().encode(`find:${query}`).length <= 64 ? `find:${query}` : undefined),
};

const int = (s: string | undefined, max: number): number | undefined =>
  s !== undefined && /^\d{1,4}$/.test(s) && Number(s) <= max ? Number(s) : undefined;

/** Reads an action string; undefined for anything malformed, unknown or out of range. */
export function parseAction(raw: string): Action | undefined {
  if (typeof raw !== 'string' || raw.length > 64) return undefined;
  // The query may hold any character, colons included: it is everything after the prefix.
  if (raw.startsWith('find:')) return raw.length > 5 ? { name: 'find', query: raw.slice(5) } : undefined;
  const [name, a, b, c, d, ...rest] = raw.split(':');
  if (rest.length) return undefined;
  const lesson = int(a, 9999);
  switch (name) {
    case 'lesson':
    case 'done':
    case 'stay':
    case 'move':
      return lesson === undefined || b !== undefined ? undefined : { name, lesson };
    case 'sec':
      return lesson !== undefined && b && isSectionKey(b) && c === undefined ? { name: 'section', lesson, section: b } : undefined;
    case 'next':
    case 'roadmap':
    case 'later':
    case 'cancel':
    case 'reset':
      return a === undefined ? { name } : undefined;
    case 'quiz':
      if (a === undefined) return { name };
      return lesson === undefined || b !== undefined ? undefined : { name, lesson };
    case 'ans': {
      const question = int(b, 99);
      return lesson === undefined || question === undefined || c !== undefined ? undefined : { name: 'reveal', lesson, question };
    }
    case 'rate': {
      const question = int(b, 99);
      const rating = int(c, 4);
      // Without `shown`: a button from before questions had ids; it parses, and is answered as stale.
      const shown = d === undefined ? undefined : /^\d{1,15}$/.test(d) ? Number(d) : NaN;
      if (lesson === undefined || question === undefined || !rating || Number.isNaN(shown)) return undefined;
      return { name, lesson, question, rating, shown };
    }
    default:
      return undefined;
  }
}
