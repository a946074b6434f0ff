import { defineCommand, type CommandContext } from '../command.js';
import type { Reply } from '../reply.js';
import { standing } from '../study/progress.js';
import { action } from '../actions.js';

export const help = defineCommand({
  name: 'help',
  aliases: ['start', '帮助'],
  localName: '帮助',
  description: { en: 'What slowfast is and what it can do', zh: 'slowfast 是什么，能做什么' },
  options: [],
  handler: async (_args, ctx) => helpView(ctx),
});

export async function helpView(ctx: CommandContext): Promise<Reply> {
  const { t, locale } = ctx;
  const mine = await standing(ctx.services.library, ctx.services.store, ctx.learner);
  const items = ctx.commands.map((c) => {
    const usage = c.options.map((o: { name: string; required?: boolean }) => (o.required ? `<${o.name}>` : `[${o.name}]`)).join(' ');
    return `\`/${c.name}${usage ? ' ' + usage : ''}\` ${c.description[locale]}`;
  });
  const start = mine.next
    ? [{ label: t(mine.done.size ? 'help.continue' : 'help.start', { id: mine.next.entry.id }), action: action.lesson(mine.next.entry.id), style: 'primary' as const }]
    : [];
  return {
    title: t('help.title'),
    blocks: [
      { kind: 'paragraph', text: t('help.intro') },
      { kind: 'heading', text: t('help.commands') },
      { kind: 'list', items },
    ],
    buttons: [[...start, { label: t('btn.roadmap'), action: action.roadmap() }]],
  };
}
