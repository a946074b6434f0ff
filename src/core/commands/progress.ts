import { defineCommand } from '../command.js';
import { action } from '../actions.js';
import type { Translate } from '../i18n/strings.js';
import type { Block } from '../reply.js';
import { groupProgress } from '../study/group-progress.js';
import { learnerToday } from '../study/learner-zone.js';
import { addDays } from '../study/local-time.js';
import { standing } from '../study/progress.js';
import { computeStreak } from '../study/streak.js';
import { heatmapStart, learnerPictureModel, renderPicture } from '../study/progress-picture.js';

export const progress = defineCommand({
  name: 'progress',
  aliases: ['p', 'stats', '进度'],
  localName: '进度',
  description: { en: 'Your progress, streak and reviews due', zh: '你的进度、连续学习天数和待复习题' },
  options: [],
  handler: async (_args, ctx) => {
    const { store, library } = ctx.services;
    const { t, learner, locale, now } = ctx;
    if (ctx.caller.chatKind === 'group') {
      const sub = await store.getSubscription(ctx.caller.platform, ctx.caller.chatId);
      if (sub?.kind === 'channel' && sub.status !== 'stopped') return groupProgress(ctx, sub);
    }
    const mine = await standing(library, store, learner);
    const today = learnerToday(ctx);
    const studyDays = await store.listStudyDays(learner.id, addDays(today, -400));
    const streak = computeStreak(studyDays, today);
    const due = (await store.dueCards(learner.id, now.toISOString(), 1000)).length;
    const percent = mine.total ? Math.round((100 * mine.doneInSequence) / mine.total) : 0;
    const bar = '■'.repeat(Math.round(percent / 10)) + '□'.repeat(10 - Math.round(percent / 10));
    const summary = t('progress.summary', { done: mine.doneInSequence, total: mine.total, percent });
    const streakLine = streakText(streak.days, t);
    const items = [`${summary} ${bar}`, streakLine];
    items.push(t('progress.due', { count: due }));
    if (mine.next) items.push(t('progress.next', { id: mine.next.entry.id, title: mine.next.text[locale].title }));
    const stages: string[] = library.roadmap.stages.flatMap((s) => {
      const lessons = library.sequence(learner.includeOptional).filter((l) => l.entry.stage === s.id);
      if (!lessons.length) return [];
      const n = lessons.filter((l) => mine.done.has(l.entry.id)).length;
      return [`${n === lessons.length ? '✓' : n ? '◐' : '·'} ${s.title[locale]}${locale === 'zh' ? '：' : ': '}${n}/${lessons.length}`];
    });
    const blocks: Block[] = [{ kind: 'list', items }, { kind: 'list', items: stages }];
    const buttons = [];
    if (mine.next) buttons.push({ label: t('btn.open', { id: mine.next.entry.id }), action: action.lesson(mine.next.entry.id), style: 'primary' as const });
    if (due) buttons.push({ label: t('btn.quiz'), action: action.quiz() });
    const model = learnerPictureModel(ctx, mine, { subtitle: `${summary}${/[。！？]$/u.test(summary) ? '' : ' '}${streakLine}`, studyDays: studyDays.filter((d) => d >= heatmapStart(today)), today });
    const picture = renderPicture(ctx, model, t('picture.alt', { done: mine.doneInSequence, total: mine.total }));
    return { title: t('progress.title'), blocks, ...(picture ? { picture } : {}), buttons: buttons.length ? [buttons] : [], private: ctx.caller.chatKind === 'group' ? true : undefined };
  },
});

/** "Streak: 3 days"; "1 days" reads as a bug to a newcomer, so one day has its own sentence. */
export function streakText(days: number, t: Translate): string {
  if (days === 1) return t('progress.streakOne');
  return days ? t('progress.streak', { days }) : t('progress.noStreak');
}
