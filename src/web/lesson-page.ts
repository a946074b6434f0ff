import type { Locale } from '../core/i18n/locale.js';
import { translator } from '../core/i18n/strings.js';
import type { LessonLibrary } from '../core/lessons/library.js';
import type { Lesson } from '../core/lessons/types.js';
import { lessonEstimate } from '../core/views/lesson-view.js';
import { createMarkdown, escapeHtml } from './markdown-html.js';
import { lessonPath } from './lesson-path.js';
import { pageShell } from './page-shell.js';


/**
 * A whole lesson as one page: title, estimate, a table of contents of its sections, each section,
 * the questions with their answers folded away (<details>), and links to the lessons before and after.
 */
export function lessonPage(library: LessonLibrary, lesson: Lesson, locale: Locale): string {
  const t = translator(locale);
  const text = lesson.text[locale];
  const id = lesson.entry.id;
  const md = createMarkdown({ copy: t('web.copy'), copied: t('web.copied'), expectedOutput: t('lesson.expectedOutput') });
  const inline = (s: string) => md.renderInline(s);
  const anchor = (key: string) => `s-${key}`;
  const toc = text.sections.map((s) => `<li><a href="#${anchor(s.key)}">${escapeHtml(s.heading)}</a></li>`).join('');
  const sections = text.sections.map((s) => {
    const body =
      s.key === 'check'
        ? text.questions
            .map((q, i) => `<p class="question"><strong>${i + 1}.</strong> ${inline(q.question)}</p>\n<details><summary>${escapeHtml(t('web.showAnswer'))}</summary>${md.render(q.answer)}</details>`)
            .join('\n')
        : md.render(s.markdown);
    return `<section id="${anchor(s.key)}"><h2>${escapeHtml(s.heading)}</h2>\n${body}</section>`;
  });
  const written = library.lessons;
  const at = written.findIndex((l) => l.entry.id === id);
  const before = written[at - 1];
  const after = written[at + 1];
  const pager = [
    before ? `<a rel="prev" href="${lessonPath(before.entry.id, locale)}">${escapeHtml(t('web.previous', { id: before.entry.id }))} ${escapeHtml(before.text[locale].title)}</a>` : '<span></span>',
    after ? `<a rel="next" href="${lessonPath(after.entry.id, locale)}">${escapeHtml(after.text[locale].title)} ${escapeHtml(t('web.next', { id: after.entry.id }))}</a>` : '<span></span>',
  ].join('\n');
  const other: Locale = locale === 'zh' ? 'en' : 'zh';
  const body = `<article data-lesson="${id}">
<h1>${escapeHtml(t('lesson.heading', { id, title: text.title }))}</h1>
<p class="meta">${escapeHtml(library.stageTitle(lesson.entry.stage, locale))} · ${inline(lessonEstimate(lesson.entry.minutes, text.versions, t))}</p>
<p>${inline(text.summary)}</p>
<p id="learner" class="mine" hidden data-label="${escapeHtml(t('web.yourRoadmap'))}"></p>
<nav class="toc" aria-label="${escapeHtml(t('web.contents'))}"><strong>${escapeHtml(t('web.contents'))}</strong><ol>${toc}</ol></nav>
${sections.join('\n')}
<nav class="pager">
${pager}
</nav>
</article>`;
  return pageShell({ locale, title: `${id} · ${text.title}`, body, otherLanguage: { href: lessonPath(id, other), label: t('web.otherLanguage') } });
}
