import type { Locale } from '../core/i18n/locale.js';
import { translator } from '../core/i18n/strings.js';
import type { LessonLibrary } from '../core/lessons/library.js';
import type { Standing } from '../core/study/progress.js';
import { lessonPath } from './lesson-path.js';
import { escapeHtml } from './markdown-html.js';
import { pageShell } from './page-shell.js';

/** The learner a valid signed link names: their standing, and the link's fields to sign a "Mark done" with. */
export interface RoadmapReader {
  standing: Standing;
  link: URLSearchParams;
  expires: Date;
}

/**
 * The whole roadmap, section by section. With a reader (a valid signed link) each lesson shows done,
 * current or not yet, and a "Mark done" form that posts the link's signature back; without one it is
 * the public roadmap, which has no forms at all. `notice` explains a link that did not work.
 */
export function roadmapPage(library: LessonLibrary, locale: Locale, reader?: RoadmapReader, notice?: string): string {
  const t = translator(locale);
  const { roadmap } = library;
  const parts: string[] = [`<h1>${escapeHtml(roadmap.title[locale])}</h1>`, `<p class="meta">${escapeHtml(roadmap.motto[locale])}</p>`];
  if (notice) parts.push(`<p class="notice" role="status">${escapeHtml(notice)}</p>`);
  if (reader) {
    const until = reader.expires.toISOString().slice(0, 16).replace('T', ' ') + ' UTC';
    parts.push(`<p class="mine" role="status">${escapeHtml(t('web.signedIn', { done: reader.standing.doneInSequence, total: reader.standing.total, until }))}</p>`);
  }
  const hidden = reader ? [...reader.link].map(([k, v]) => `<input type="hidden" name="${escapeHtml(k)}" value="${escapeHtml(v)}">`).join('') : '';
  const langField = locale === 'zh' ? '<input type="hidden" name="lang" value="zh">' : '';
  for (const stage of roadmap.stages) {
    const lessons = library.lessons.filter((l) => l.entry.stage === stage.id);
    if (!lessons.length) continue;
    const items = lessons.map((l) => {
      const id = l.entry.id;
      const done = reader?.standing.done.has(id);
      const current = reader?.standing.next?.entry.id === id;
      const cls = done ? 'done' : current ? 'current' : '';
      const optional = l.entry.status === 'optional' ? ` <span class="meta">(${escapeHtml(t('lesson.optional'))})</span>` : '';
      let action = '';
      if (reader && done) action = `<span class="state">✓ ${escapeHtml(t('web.done'))}</span>`;
      else if (reader)
        action = `<form method="post" action="/roadmap/done">${hidden}${langField}<input type="hidden" name="lesson" value="${id}"><button class="mark" type="submit">${escapeHtml(t('web.markDone'))}</button></form>`;
      return `<li class="${cls}" data-lesson="${id}"><span class="id">${id}</span><a class="title" href="${lessonPath(id, locale)}">${escapeHtml(l.text[locale].title)}</a>${optional}${action}</li>`;
    });
    parts.push(`<section class="stage"><h2>${escapeHtml(stage.title[locale])}</h2><ol class="lessons">${items.join('')}</ol></section>`);
  }
  const other = new URLSearchParams(reader?.link);
  if (locale !== 'zh') other.set('lang', 'zh');
  const query = other.toString();
  return pageShell({
    locale,
    title: reader ? t('web.yourRoadmap') : roadmap.title[locale],
    body: parts.join('\n'),
    otherLanguage: { href: `/roadmap${query ? `?${query}` : ''}`, label: t('web.otherLanguage') },
  });
}
