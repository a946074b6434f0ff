import type { CommandContext } from '../command.js';
import { markdownToBlocks } from '../lessons/markdown.js';
import { SECTIONS, type SectionKey } from '../lessons/sections.js';
import type { Lesson } from '../lessons/types.js';
import { linkButton, type Block, type Button, type Reply } from '../reply.js';
import { action } from '../actions.js';
import { clipWords } from '../text.js';

export interface LessonViewOptions {
  section?: SectionKey;
  done?: boolean;
  redirectedFrom?: number;
  replace?: boolean;
}

/** A lesson in chat: a header, one section at a time, and buttons for the rest. */
export function lessonView(lesson: Lesson, ctx: CommandContext, o: LessonViewOptions = {}): Reply {
  const { t, locale } = ctx;
  const { library } = ctx.services;
  const text = lesson.text[locale];
  const { entry } = lesson;
  const key = o.section ?? 'why';
  const section = text.sections.find((s) => s.key === key) ?? text.sections[0]!;
  const blocks: Block[] = [];
  if (o.redirectedFrom !== undefined) blocks.push({ kind: 'paragraph', text: t('lesson.redirected', { from: o.redirectedFrom, to: entry.id }) });
  const tags = [t('lesson.meta', { stage: library.stageTitle(entry.stage, locale) })];
  if (entry.status === 'optional') tags.push(t('lesson.optional'));
  if (o.done) tags.push(`✓ ${t('lesson.doneMark')}`);
  if (key === 'why') {
    // Under the title of the lesson's opening view: how long it takes and what it was checked against.
    blocks.push({ kind: 'paragraph', text: lessonEstimate(entry.minutes, text.versions, t) });
    blocks.push({ kind: 'paragraph', text: text.summary });
    blocks.push({ kind: 'paragraph', text: tags.join(' · ') });
  }
  blocks.push({ kind: 'heading', text: section.heading });
  blocks.push(...(section.key === 'check' ? questionsAsBlocks(lesson, ctx) : markdownToBlocks(section.markdown, { expectedOutput: t('lesson.expectedOutput') })));

  const sectionButtons: Button[] = SECTIONS.filter((s) => s.key !== section.key && text.sections.some((x) => x.key === s.key)).map((s) => ({
    label: s.heading[locale],
    action: action.section(entry.id, s.key),
  }));
  const rows: Button[][] = [sectionButtons.slice(0, 3), sectionButtons.slice(3)];
  const study: Button[] = [];
  // The whole lesson on one page: a Mini App in a Telegram private chat, a link elsewhere.
  const page = ctx.services.web?.lesson(entry.id, locale);
  if (page) study.push(linkButton(t('btn.read'), page, { webApp: true, action: `read:${entry.id}` }));
  if (!o.done) study.push({ label: t('btn.done'), action: action.done(entry.id), style: 'success' });
  study.push({ label: t('btn.quiz'), action: action.quiz(entry.id) });
  const after = library.sequence(true).find((l) => l.entry.id > entry.id);
  if (after) study.push({ label: t('btn.next'), action: action.lesson(after.entry.id), style: 'primary' });
  rows.push(study);
  const before = entry.prerequisites.filter((p) => library.get(p)).slice(0, 3);
  // "Before this: 28" alone sends a learner to a lesson they cannot place; its title says what to revisit.
  if (before.length && key === 'why') {
    rows.push(before.map((p) => ({ label: t('btn.before', { id: p, title: clipWords(library.get(p)!.text[locale].title, 24) }), action: action.lesson(p) })));
  }
  return {
    title: t('lesson.heading', { id: entry.id, title: text.title }),
    blocks,
    buttons: rows.filter((r) => r.length),
    replace: o.replace,
  };
}

/** "About 1 hour · written for Linux 6.12" (zh "约 1 小时 · 适用于 Linux 6.12"): minutes from the roadmap. */
export function lessonEstimate(minutes: number, versions: string, t: CommandContext['t']): string {
  const hours = Math.round(minutes / 30) / 2; // to the half hour
  const time =
    minutes < 45 ? t('lesson.aboutMinutes', { n: minutes }) : t(hours === 1 ? 'lesson.aboutHours' : 'lesson.aboutHoursMany', { n: hours });
  return versions ? `${time} · ${t('lesson.writtenFor', { versions })}` : time;
}

/** The Check yourself section in a chat: questions shown, answers hidden until the reader asks. */
function questionsAsBlocks(lesson: Lesson, ctx: CommandContext): Block[] {
  return lesson.text[ctx.locale].questions.flatMap((q, i): Block[] => [
    { kind: 'paragraph', text: `**${i + 1}.** ${q.question}` },
    { kind: 'spoiler', text: q.answer },
  ]);
}
