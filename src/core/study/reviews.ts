import { createEmptyCard, fsrs, Rating, type Card, type Grade } from 'ts-fsrs';
import type { ReviewCard } from '../ports/store.js';

/** The four answers a learner gives to "how well did you know it?", as FSRS grades. */
export const RATINGS = [
  { value: 1, grade: Rating.Again, key: 'btn.again' },
  { value: 2, grade: Rating.Hard, key: 'btn.hard' },
  { value: 3, grade: Rating.Good, key: 'btn.good' },
  { value: 4, grade: Rating.Easy, key: 'btn.easy' },
] as const;

// Day-based scheduling: a learner meets a review in tomorrow's prompt, not in ten minutes, so
// FSRS's short-term (minutes) learning steps are off.
const scheduler = fsrs({ enable_fuzz: false, enable_short_term: false });

/** First review the day after a lesson is done: reading it today was the first exposure. */
export function newCard(learnerId: string, lessonId: number, question: number, now: Date): ReviewCard {
  const due = new Date(now.getTime() + 86_400_000);
  const card = { ...createEmptyCard(now), due };
  return { learnerId, lessonId, question, due: due.toISOString(), state: JSON.stringify(card), reps: 0 };
}

/** Applies a rating (1-4) with FSRS and returns the card with its next due date. */
export function rateCard(card: ReviewCard, rating: number, now: Date): ReviewCard {
  const grade = RATINGS.find((r) => r.value === rating)?.grade as Grade | undefined;
  if (grade === undefined) throw new RangeError(`rating must be 1 to 4, got ${rating}`);
  const { card: next } = scheduler.next(parseCard(card.state, now), now, grade);
  return { ...card, due: next.due.toISOString(), state: JSON.stringify(next), reps: card.reps + 1, lastReview: now.toISOString() };
}

function parseCard(state: string, now: Date): Card {
  try {
    const raw = JSON.parse(state) as Card;
    return { ...raw, due: new Date(raw.due), last_review: raw.last_review ? new Date(raw.last_review) : undefined };
  } catch {
    return createEmptyCard(now);
  }
}
