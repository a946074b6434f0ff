import { defineCommand, type CommandContext } from '../command.js';
import { say } from '../reply.js';
import { clip, ECHO_MAX } from '../text.js';
import { canonicalTimezone, isTimezone, localMoment, parseTimeOfDay } from '../study/local-time.js';
import { promptTimeText } from '../study/subscription-rules.js';

export const subscribe = defineCommand({
  name: 'subscribe',
  example: '/subscribe 08:30 Asia/Shanghai',
  aliases: ['sub', '订阅'],
  localName: '订阅',
  description: { en: 'Get a study prompt every day at your hour', zh: '每天在你选定的时间收到学习提醒' },
  manage: true,
  options: [
    { name: 'time', type: 'string', maxLength: 10, description: { en: 'Time of day, 24-hour HH:MM (default 09:00)', zh: '每天的时间，24 小时制 HH:MM（默认 09:00）' } },
    { name: 'timezone', type: 'string', maxLength: 64, description: { en: 'IANA timezone, e.g. Asia/Shanghai', zh: 'IANA 时区，例如 Asia/Shanghai' } },
    { name: 'every', type: 'integer', min: 1, max: 14, description: { en: 'Group channels only: a new lesson every N days (default 1)', zh: '仅限群组频道：每 N 天换一课（默认 1）' } },
  ],
  handler: async (args, ctx) => {
    const { t, caller } = ctx;
    const { store, settings } = ctx.services;
    if (caller.chatKind === 'group' && !caller.canManageChat) return { ...say(t('sub.adminOnly')), private: true };
    // Accept the two values in either order: "/subscribe Asia/Shanghai 08:00" is a fair thing to type.
    let { time, timezone } = args;
    if (time && !parseTimeOfDay(time) && isTimezone(time) && (!timezone || parseTimeOfDay(timezone))) [time, timezone] = [timezone, time];
    const existing = await store.getSubscription(caller.platform, caller.chatId);
    const at = time ? parseTimeOfDay(time) : existing?.time ?? settings.defaultTime;
    if (!at) return say(t('sub.badTime', { value: clip(time!, ECHO_MAX) }));
    const zoneText = timezone ?? existing?.timezone ?? ctx.learner.timezone ?? settings.defaultTimezone;
    const zone = canonicalTimezone(zoneText);
    if (!zone) return say(t('sub.badZone', { value: clip(zoneText, ECHO_MAX) }));
    const kind = caller.chatKind === 'group' ? 'channel' : 'personal';
    // A personal prompt has no "every": say so rather than store a value nothing reads.
    if (kind === 'personal' && args.every !== undefined) return say(t('sub.everyPersonal', { n: args.every }));
    const sub = await store.saveSubscription({
      platform: caller.platform, chatId: caller.chatId, kind, learnerId: kind === 'personal' ? ctx.learner.id : undefined,
      time: at, timezone: zone, locale: ctx.locale, status: 'active', everyDays: args.every ?? existing?.everyDays ?? 1,
    });
    if (kind === 'personal') await store.saveLearner({ ...ctx.learner, timezone: zone });
    const sentToday = (await store.getDelivery(sub.id, localMoment(ctx.now, zone).date))?.status === 'sent';
    const when = promptTimeText(sub, ctx.now, sentToday);
    const lines = [t(kind === 'personal' ? 'sub.personal' : 'sub.channel', { time: when })];
    if (existing?.status === 'stopped' && existing.stoppedReason && existing.stoppedReason !== 'unsubscribed') {
      lines.push(t('sub.stopped', { reason: existing.stoppedReason }));
    }
    if (kind === 'channel') lines.push(sub.everyDays > 1 ? t('sub.every', { n: sub.everyDays }) : t('sub.everyDay'));
    if (caller.platform === 'console') lines.push(t('sub.terminal'));
    if (!time) lines.push(t('sub.defaults'));
    return { title: t('sub.title'), blocks: lines.map((text) => ({ kind: 'paragraph', text })), buttons: [] };
  },
});

/** Finds this chat's subscription for the control commands, or the reply that explains why not. */
export async function chatSubscription(ctx: CommandContext) {
  const { caller, t } = ctx;
  if (caller.chatKind === 'group' && !caller.canManageChat) return { reply: { ...say(t('sub.adminOnly')), private: true } };
  const sub = await ctx.services.store.getSubscription(caller.platform, caller.chatId);
  if (!sub || (sub.status === 'stopped' && sub.stoppedReason === 'unsubscribed')) return { reply: say(t('sub.none')) };
  return { sub };
}
