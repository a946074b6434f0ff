import { action } from '../actions.js';
import type { CommandContext } from '../command.js';
import { translator } from '../i18n/strings.js';
import type { Subscription } from '../ports/store.js';
import type { Reply } from '../reply.js';
import { channelLessonOfDay, groupCellState, groupPictureModel, renderPicture } from './progress-picture.js';

/**
 * `/progress` in a group with a channel subscription: the group's view, for everyone in the chat
 * (not the asker's own progress, which belongs in their private chat). In the channel's language,
 * as its prompts are. Members are the people the bot has seen use it in this chat.
 */
export async function groupProgress(asked: CommandContext, sub: Subscription): Promise<Reply> {
  const ctx: CommandContext = { ...asked, locale: sub.locale, t: translator(sub.locale) };
  const { t, locale } = ctx;
  const { library, store } = ctx.services;
  const chat = await store.chatProgress(sub.platform, sub.chatId);
  const ofTheDay = channelLessonOfDay(ctx, sub);
  const dayId = ofTheDay?.entry.id;
  const sequence = library.sequence(false);
  const items: string[] = [];
  if (ofTheDay) {
    const done = chat.doneByLesson.get(ofTheDay.entry.id) ?? 0;
    items.push(t('progress.groupToday', { id: ofTheDay.entry.id, title: ofTheDay.text[locale].title, done, members: chat.members }));
  }
  const stages = library.roadmap.stages.flatMap((s) => {
    const ids = sequence.filter((l) => l.entry.stage === s.id).map((l) => l.entry.id);
    if (!ids.length) return [];
    const some = ids.filter((id) => (chat.doneByLesson.get(id) ?? 0) > 0).length;
    const all = ids.filter((id) => groupCellState(id, undefined, chat) === 'done').length;
    return [t('progress.groupStage', { stage: s.title[locale], some, all, total: ids.length })];
  });
  const picture = renderPicture(ctx, groupPictureModel(ctx, ofTheDay, chat), t('picture.groupAlt', { id: dayId ?? '-', members: chat.members }), 'group-progress.png');
  return {
    title: t('progress.groupTitle'),
    blocks: [
      { kind: 'list', items },
      { kind: 'list', items: stages },
      { kind: 'paragraph', text: `${t('progress.groupMembers')} ${t('progress.groupOwn')}` },
    ],
    ...(picture ? { picture } : {}),
    buttons: ofTheDay ? [[{ label: t('btn.open', { id: ofTheDay.entry.id }), action: action.lesson(ofTheDay.entry.id), style: 'primary' }]] : [],
  };
}
