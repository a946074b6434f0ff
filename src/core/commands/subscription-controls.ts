import { defineCommand } from '../command.js';
import { promptTimeText } from '../study/subscription-rules.js';
import { say } from '../reply.js';
import { chatSubscription } from './subscribe.js';

export const unsubscribe = defineCommand({
  name: 'unsubscribe',
  aliases: ['unsub', '退订'],
  localName: '退订',
  description: { en: 'Stop the daily prompt in this chat', zh: '停止本聊天的每日提醒' },
  manage: true,
  options: [],
  handler: async (_args, ctx) => {
    const found = await chatSubscription(ctx);
    if (found.reply) return found.reply;
    await ctx.services.store.patchSubscription(found.sub.id, { status: 'stopped', stoppedReason: 'unsubscribed' });
    return say(ctx.t('sub.removed'));
  },
});

export const pause = defineCommand({
  name: 'pause',
  aliases: ['暂停'],
  localName: '暂停',
  description: { en: 'Pause the daily prompt (progress is kept)', zh: '暂停每日提醒（进度保留）' },
  manage: true,
  options: [],
  handler: async (_args, ctx) => {
    const found = await chatSubscription(ctx);
    if (found.reply) return found.reply;
    if (found.sub.status === 'paused') return say(ctx.t('sub.alreadyPaused'));
    await ctx.services.store.patchSubscription(found.sub.id, { status: 'paused' });
    return say(ctx.t('sub.paused'));
  },
});

export const resume = defineCommand({
  name: 'resume',
  aliases: ['继续'],
  localName: '继续',
  description: { en: 'Resume the daily prompt', zh: '恢复每日提醒' },
  manage: true,
  options: [],
  handler: async (_args, ctx) => {
    const found = await chatSubscription(ctx);
    if (found.reply) return found.reply;
    const time = promptTimeText(found.sub, ctx.now);
    if (found.sub.status === 'active') return say(ctx.t('sub.notPaused', { time }));
    await ctx.services.store.patchSubscription(found.sub.id, { status: 'active', stoppedReason: undefined });
    return say(ctx.t('sub.resumed', { time }));
  },
});
