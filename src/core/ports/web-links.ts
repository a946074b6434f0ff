import type { Locale } from '../i18n/locale.js';

/**
 * Addresses of the bot's own web pages (src/web), given to the core only when a public https URL
 * is configured: without it no reply shows a link nobody could open.
 */
export interface WebLinks {
  /** The lesson's page in a language. */
  lesson(id: number, locale: Locale): string;
  /** The roadmap page showing this learner's progress, signed for them; undefined without a link secret. */
  roadmapFor(learnerId: string, locale: Locale): string | undefined;
}
