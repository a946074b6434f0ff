import type { CommandContext } from '../command.js';
import type { Lesson } from '../lessons/types.js';
import type { ChatProgress, Subscription } from '../ports/store.js';
import type { Picture } from '../reply.js';
import { progressPictureSvg, type CellState, type PictureModel } from '../views/progress-picture-svg.js';
import { addDays } from './local-time.js';
import type { Standing } from './progress.js';

/** Twelve weeks of study days, Monday-aligned columns, the last one holding today. */
export const HEATMAP_WEEKS = 12;

/** The first day the heatmap shows: the Monday HEATMAP_WEEKS - 1 weeks before this week's. */
export function heatmapStart(today: string): string {
  const weekday = (new Date(`${today}T00:00:00Z`).getUTCDay() + 6) % 7;
  return addDays(today, -weekday - 7 * (HEATMAP_WEEKS - 1));
}

/** The learner's picture model: every lesson of their sequence by section, and their study days. */
export function learnerPictureModel(
  ctx: CommandContext,
  mine: Standing,
  summary: { subtitle: string; studyDays: Iterable<string>; today: string },
): PictureModel {
  const { library } = ctx.services;
  const { locale, t } = ctx;
  const sequence = library.sequence(ctx.learner.includeOptional);
  const stateOf = (id: number): CellState => (mine.done.has(id) ? 'done' : id === mine.next?.entry.id ? 'current' : 'remaining');
  const stages = library.roadmap.stages.flatMap((s) => {
    const lessons = sequence.filter((l) => l.entry.stage === s.id).map((l) => ({ id: l.entry.id, state: stateOf(l.entry.id) }));
    return lessons.length ? [{ title: s.title[locale], lessons }] : [];
  });
  const studied = new Set(summary.studyDays);
  const days: { date: string; studied: boolean }[] = [];
  for (let d = heatmapStart(summary.today); d <= summary.today; d = addDays(d, 1)) days.push({ date: d, studied: studied.has(d) });
  return {
    title: t('progress.title'),
    subtitle: summary.subtitle,
    stages,
    legend: { done: t('picture.done'), current: t('picture.current'), remaining: t('picture.remaining') },
    heatmap: { label: t('picture.heatmap'), days },
  };
}

/**
 * The lesson a channel subscription is on: the one its last prompt sent, or the first of the
 * sequence before any prompt (what the first prompt will send). Channels follow the sequence
 * without optional lessons, as their prompts do.
 */
export function channelLessonOfDay(ctx: CommandContext, sub: Subscription): Lesson | undefined {
  const sequence = ctx.services.library.sequence(false);
  return sequence.find((l) => l.entry.id === sub.channelLesson) ?? sequence[0];
}

/** How a group's cell reads: the lesson of the day, done by every member, by some, or by nobody yet. */
export function groupCellState(id: number, ofTheDay: number | undefined, chat: ChatProgress): CellState {
  const done = chat.doneByLesson.get(id) ?? 0;
  if (id === ofTheDay) return 'current';
  if (chat.members > 0 && done >= chat.members) return 'done';
  return done > 0 ? 'some' : 'remaining';
}

/** A group's picture model: the channel's sequence by section, each lesson with its count of members done. */
export function groupPictureModel(ctx: CommandContext, ofTheDay: Lesson | undefined, chat: ChatProgress): PictureModel {
  const { library } = ctx.services;
  const { locale, t } = ctx;
  const sequence = library.sequence(false);
  const dayId = ofTheDay?.entry.id;
  const stages = library.roadmap.stages.flatMap((s) => {
    const lessons = sequence
      .filter((l) => l.entry.stage === s.id)
      .map((l) => ({ id: l.entry.id, state: groupCellState(l.entry.id, dayId, chat), note: membersDone(chat.doneByLesson.get(l.entry.id) ?? 0, chat.members) }));
    return lessons.length ? [{ title: s.title[locale], lessons }] : [];
  });
  return {
    title: t('picture.groupTitle'),
    subtitle: ofTheDay ? t('picture.groupSubtitle', { id: ofTheDay.entry.id, title: ofTheDay.text[locale].title, members: chat.members }) : '',
    stages,
    legend: { done: t('picture.everyone'), some: t('picture.some'), current: t('picture.ofTheDay'), remaining: t('picture.nobody') },
  };
}

/** "3/5" members done; a big group's "120/300" would not fit its cell, so there only the count. */
function membersDone(done: number, members: number): string {
  const both = `${done}/${members}`;
  return both.length <= 5 ? both : String(done);
}

/** The picture for a reply, or nothing when no renderer was given (a core without the web part). */
export function renderPicture(ctx: CommandContext, model: PictureModel, alt: string, name = 'progress.png'): Picture | undefined {
  const renderer = ctx.services.pictures;
  if (!renderer) return undefined;
  return { png: renderer.png(progressPictureSvg(model)), name, alt };
}
