import type { CommandContext } from '../command.js';
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

/** The picture for a reply, or nothing when no renderer was given (a core without the web part). */
export function renderPicture(ctx: CommandContext, model: PictureModel, alt: string, name = 'progress.png'): Picture | undefined {
  const renderer = ctx.services.pictures;
  if (!renderer) return undefined;
  return { png: renderer.png(progressPictureSvg(model)), name, alt };
}
