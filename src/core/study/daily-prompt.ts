import type { Services } from '../command.js';
import { action } from '../actions.js';
import { slowLine } from '../i18n/slow-lines.js';
import { translator } from '../i18n/strings.js';
import type { Locale } from '../i18n/locale.js';
import { sectionHeading } from '../lessons/sections.js';
import type { Learner, SentRecord, Subscription } from '../ports/store.js';
import type { Block, Button, Reply } from '../reply.js';
import { addDays, daysBetween, instantOf } from './local-time.js';
import { standing } from './progress.js';
import { computeStreak } from './streak.js';

export interface ComposedPrompt {
  reply: Reply;
  /** For channel prompts: a discussion thread to open on the message. */
  threadName?: string;
  /**
   * What the prompt advances once it is sent (the learner's current lesson, the channel's lesson):
   * the dispatcher writes it in the same transaction that marks the delivery sent.
   */
  advance: Omit<SentRecord, 'delivery'>;
}

/**
 * Today's prompt for a subscription. Composing changes nothing; `advance` is written with the
 * delivery after the send succeeds, so a failed send does not move anyone along the roadmap.
 */
export async function composePrompt(services: Services, sub: Subscription, localDate: string): Promise<ComposedPrompt> {
  return sub.kind === 'channel' ? composeChannelPrompt(services, sub, localDate) : composePersonalPrompt(services, sub, localDate);
}

async function composePersonalPrompt(services: Services, sub: Subscription, today: string): Promise<ComposedPrompt> {
  const { store, library, settings } = services;
  const learnerId = sub.learnerId ?? `${sub.platform}:${sub.chatId}`;
  const learner: Learner = (await store.getLearner(learnerId)) ?? { id: learnerId, includeOptional: false, createdAt: new Date(0).toISOString() };
  const locale: Locale = learner.locale ?? sub.locale;
  const t = translator(locale);
  const mine = await standing(library, store, learner);
  const blocks: Block[] = [];
  const buttons: Button[][] = [];
  let advance: ComposedPrompt['advance'] = {};
  let title: string;
  if (mine.next) {
    const lesson = mine.next;
    const sameLesson = learner.currentLesson === lesson.entry.id && learner.currentSince;
    const since = sameLesson ? learner.currentSince! : today;
    // Never "Day 0": a zone change westward can make today an earlier date than the day it started.
    const day = Math.max(1, daysBetween(since, today) + 1);
    title = t('prompt.title', { id: lesson.entry.id, title: lesson.text[locale].title });
    blocks.push({ kind: 'paragraph', text: lesson.text[locale].summary });
    // Chinese sentences follow each other without a space.
    blocks.push({ kind: 'paragraph', text: [t('prompt.day', { n: day }), slowStep(day, locale)].join(locale === 'zh' ? '' : ' ') });
    const main: Button[] = [
      { label: t('btn.open', { id: lesson.entry.id }), action: action.lesson(lesson.entry.id), style: 'primary' },
      { label: t('btn.done'), action: action.done(lesson.entry.id), style: 'success' },
      { label: t('btn.later'), action: action.later() },
    ];
    buttons.push(main);
    if (day > settings.stayAfterDays) {
      blocks.push({ kind: 'paragraph', text: day - 1 === 1 ? t('prompt.stayOrMoveOne') : t('prompt.stayOrMove', { days: day - 1 }) });
      buttons.push([
        { label: t('btn.stay'), action: action.stay(lesson.entry.id) },
        { label: t('btn.move'), action: action.move(lesson.entry.id), style: 'primary' },
      ]);
    }
    // Once sent, the prompt's lesson is the one a bare /done marks, as if the learner had opened it.
    advance = {
      learner: sameLesson ? undefined : { ...learner, currentLesson: lesson.entry.id, currentSince: today },
      lastLesson: { learnerId: learner.id, lessonId: lesson.entry.id },
    };
  } else {
    title = t('prompt.allDone');
  }

  // One review a day in the prompt, and only while today's cap has room.
  const now = services.clock();
  const midnight = instantOf(today, '00:00', sub.timezone).toISOString();
  const reviewedToday = await store.countReviewsSince(learner.id, midnight);
  const [due] = reviewedToday < settings.reviewCap ? await store.dueCards(learner.id, now.toISOString(), 1) : [];
  const dueLesson = due && library.get(due.lessonId);
  const pair = dueLesson?.text[locale].questions[due!.question];
  if (due && dueLesson && pair) {
    blocks.push({ kind: 'heading', text: t('prompt.review', { id: dueLesson.entry.id }) }, { kind: 'paragraph', text: `**${pair.question}**` });
    buttons.push([{ label: t('btn.reveal'), action: action.reveal(dueLesson.entry.id, due.question) }]);
  }

  const streak = computeStreak(await store.listStudyDays(learner.id, addDays(today, -400)), today);
  if (streak.atRisk) blocks.push({ kind: 'paragraph', text: t('prompt.streakAtRisk', { days: streak.days }) });
  else if (streak.days > 1) blocks.push({ kind: 'paragraph', text: t('prompt.streak', { days: streak.days }) });
  blocks.push({ kind: 'paragraph', text: `**${slowLine(today)[locale]}**` });
  return { reply: { title, blocks, buttons }, advance };
}

async function composeChannelPrompt(services: Services, sub: Subscription, today: string): Promise<ComposedPrompt> {
  const { library } = services;
  const t = translator(sub.locale);
  const sequence = library.sequence(false);
  const at = sequence.findIndex((l) => l.entry.id === sub.channelLesson);
  // The group's lesson advances one step every `everyDays` local days.
  const advance = at >= 0 && sub.channelSince !== undefined && daysBetween(sub.channelSince, today) >= sub.everyDays;
  const index = at < 0 ? 0 : Math.min(sequence.length - 1, advance ? at + 1 : at);
  const lesson = sequence[index];
  if (!lesson) return { reply: { title: t('prompt.allDone'), blocks: [], buttons: [] }, advance: {} };
  const title = t('prompt.channelTitle', { id: lesson.entry.id, title: lesson.text[sub.locale].title });
  const blocks: Block[] = [
    { kind: 'paragraph', text: lesson.text[sub.locale].summary },
    { kind: 'paragraph', text: t('prompt.channelStep') },
    { kind: 'paragraph', text: `**${slowLine(today)[sub.locale]}**` },
  ];
  const buttons: Button[][] = [[
    { label: t('btn.open', { id: lesson.entry.id }), action: action.lesson(lesson.entry.id), style: 'primary' },
    { label: t('btn.done'), action: action.done(lesson.entry.id), style: 'success' },
    { label: t('btn.quiz'), action: action.quiz(lesson.entry.id) },
  ]];
  const moved = lesson.entry.id !== sub.channelLesson;
  return {
    reply: { title, blocks, buttons },
    threadName: t('prompt.threadName', { id: lesson.entry.id, title: lesson.text[sub.locale].title }).slice(0, 100),
    advance: moved ? { subscription: { id: sub.id, patch: { channelLesson: lesson.entry.id, channelSince: today } } } : {},
  };
}

/** Slow is fast: understand first, then try, then check, one step a day. */
function slowStep(day: number, locale: Locale): string {
  const t = translator(locale);
  const name = (key: 'why' | 'ideas' | 'try' | 'check') => sectionHeading(key, locale);
  if (day <= 1) return t('prompt.step1', { why: name('why'), ideas: name('ideas') });
  if (day === 2) return t('prompt.step2', { try: name('try') });
  return t('prompt.step3', { check: name('check') });
}
