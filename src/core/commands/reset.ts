import { defineCommand, type CommandContext } from '../command.js';
import { action } from '../actions.js';
import type { Reply } from '../reply.js';
import { standing } from '../study/progress.js';

/** `/reset` only asks; the [Reset my progress] button does it (see confirmedReset). */
export const reset = defineCommand({
  name: 'reset',
  aliases: ['重置'],
  localName: '重置',
  description: { en: 'Clear all your progress (asks first)', zh: '清空你的全部进度（会先确认）' },
  options: [],
  handler: async (_args, ctx) => {
    const mine = await standing(ctx.services.library, ctx.services.store, ctx.learner);
    return {
      blocks: [{ kind: 'paragraph', text: ctx.t('reset.confirm', { done: mine.doneInSequence, total: mine.total }) }],
      buttons: [[
        { label: ctx.t('btn.reset'), action: action.reset(), style: 'danger' },
        { label: ctx.t('btn.cancel'), action: action.cancel() },
      ]],
      private: ctx.caller.chatKind === 'group' ? true : undefined,
    };
  },
});

/** The press on [Reset my progress]: the presser's own progress only, and where to begin again. */
export async function confirmedReset(ctx: CommandContext): Promise<Reply> {
  const { store, library } = ctx.services;
  await store.resetProgress(ctx.learner.id);
  const id = library.sequence(ctx.learner.includeOptional)[0]?.entry.id ?? 0;
  return {
    blocks: [{ kind: 'paragraph', text: ctx.t('reset.done', { id }) }],
    buttons: [[{ label: ctx.t('btn.open', { id }), action: action.lesson(id), style: 'primary' }]],
    replace: ctx.caller.chatKind !== 'group',
  };
}
