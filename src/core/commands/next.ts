import { defineCommand, type CommandContext } from '../command.js';
import { action } from '../actions.js';
import type { Reply } from '../reply.js';
import { standing } from '../study/progress.js';
import { openLesson } from './lesson.js';

export const next = defineCommand({
  name: 'next',
  aliases: ['n', '下一课'],
  localName: '下一课',
  description: { en: 'Your next lesson, in roadmap order', zh: '按路线图顺序的下一课' },
  options: [],
  handler: async (_args, ctx) => nextView(ctx),
});

export async function nextView(ctx: CommandContext, replace = false): Promise<Reply> {
  const mine = await standing(ctx.services.library, ctx.services.store, ctx.learner);
  if (!mine.next) {
    return { blocks: [{ kind: 'paragraph', text: ctx.t('next.allDone') }], buttons: [[{ label: ctx.t('btn.quiz'), action: action.quiz() }]], replace };
  }
  return openLesson(mine.next, ctx, { replace });
}
