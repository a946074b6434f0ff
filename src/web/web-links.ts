import type { Locale } from '../core/i18n/locale.js';
import type { WebLinks } from '../core/ports/web-links.js';
import { lessonPath } from './lesson-path.js';
import { signLink } from './signed-link.js';

/** Links under the configured public URL; roadmap links are signed for a week from `clock()`. */
export function createWebLinks(o: { publicUrl: string; linkSecret?: string; clock: () => Date }): WebLinks | undefined {
  if (!o.publicUrl) return undefined;
  const base = o.publicUrl.replace(/\/+$/, '');
  return {
    lesson: (id: number, locale: Locale) => `${base}${lessonPath(id, locale)}`,
    roadmapFor: (learnerId: string, locale: Locale) => {
      if (!o.linkSecret) return undefined;
      const query = signLink(o.linkSecret, learnerId, o.clock().getTime() / 1000);
      if (locale === 'zh') query.set('lang', 'zh');
      return `${base}/roadmap?${query}`;
    },
  };
}
