import type { Locale } from '../core/i18n/locale.js';

// Apart from lesson-page.ts so that the chat's links do not load markdown-it with the page renderer.
/** The address of a lesson page in a language (English has no suffix). */
export function lessonPath(id: number, locale: Locale): string {
  return `/lessons/${id}${locale === 'zh' ? '?lang=zh' : ''}`;
}
