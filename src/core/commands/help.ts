import { defineCommand, type CommandContext, type OptionDef } from '../command.js';
import { usage } from '../args.js';
import { say, type Reply } from '../reply.js';
import { clip } from '../text.js';
import { standing } from '../study/progress.js';
import { action } from '../actions.js';

export const help = defineCommand({
  name: 'help',
  example: '/help subscribe',
  aliases: ['start', '帮助'],
  localName: '帮助',
  description: { en: 'What slowfast is and what it can do', zh: 'slowfast 是什么，能做什么' },
  options: [
    { name: 'command', type: 'string', maxLength: 40, description: { en: 'One command to explain, e.g. subscribe', zh: '要说明的命令，例如 subscribe' } },
  ],
  handler: async ({ command }, ctx) => (command?.trim() ? commandHelp(command, ctx) : helpView(ctx)),
});

export async function helpView(ctx: CommandContext): Promise<Reply> {
  const { t, locale } = ctx;
  const mine = await standing(ctx.services.library, ctx.services.store, ctx.learner);
  const items = ctx.commands.map((c) => `\`${usage(c)}\` ${c.description[locale]}`);
  const start = mine.next
    ? [{ label: t(mine.done.size ? 'help.continue' : 'help.start', { id: mine.next.entry.id }), action: action.lesson(mine.next.entry.id), style: 'primary' as const }]
    : [];
  return {
    title: t('help.title'),
    blocks: [
      { kind: 'paragraph', text: t('help.intro') },
      { kind: 'heading', text: t('help.commands') },
      { kind: 'list', items },
      { kind: 'paragraph', text: t('help.more') },
    ],
    buttons: [[...start, { label: t('btn.roadmap'), action: action.roadmap() }]],
  };
}

/** `/help subscribe`: one command, its options with the values each allows, and an example. */
function commandHelp(typed: string, ctx: CommandContext): Reply {
  const { t, locale } = ctx;
  const name = typed.trim().replace(/^\//, '');
  const cmd = ctx.commands.find((c) => c.name === name.toLowerCase() || c.aliases?.includes(name.toLowerCase()));
  if (!cmd) return say(t('help.unknownTopic', { name: clip(name, 40) }));
  const blocks: Reply['blocks'] = [
    { kind: 'paragraph', text: cmd.description[locale] },
    { kind: 'paragraph', text: t('help.usage', { usage: `\`${usage(cmd)}\`` }) },
  ];
  const options = (cmd.options as readonly OptionDef[]).map((o) => `\`${o.name}\`: ${o.description[locale]}${allowed(o, ctx)}`);
  if (options.length) blocks.push({ kind: 'list', items: options });
  if (cmd.example) blocks.push({ kind: 'paragraph', text: t('help.example', { example: `\`${cmd.example}\`` }) });
  const aliases = (cmd.aliases ?? []).filter((a) => a !== cmd.name);
  if (aliases.length) blocks.push({ kind: 'paragraph', text: t('help.aliases', { list: aliases.map((a) => `/${a}`).join(', ') }) });
  return { title: t('help.oneTitle', { name: cmd.name }), blocks, buttons: [] };
}

function allowed(o: OptionDef, ctx: CommandContext): string {
  // After a "; ": a description often ends in "(default 1)", and "(…) (…)" reads as a stutter.
  const sep = ctx.locale === 'zh' ? '；' : '; ';
  if (o.choices) return `${sep}${ctx.t('help.allowed', { values: o.choices.map((c) => c.value).join(', ') })}`;
  if (o.type === 'integer' && o.min !== undefined && o.max !== undefined) return `${sep}${ctx.t('help.range', { min: o.min, max: o.max })}`;
  return '';
}

