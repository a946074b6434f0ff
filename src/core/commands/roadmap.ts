import { defineCommand, type CommandContext } from '../command.js';
import { action } from '../actions.js';
import { linkButton, type Block, type Button, type Reply } from '../reply.js';
import { standing } from '../study/progress.js';

export const roadmap = defineCommand({
  name: 'roadmap',
  aliases: ['map', '路线图'],
  localName: '路线图',
  description: { en: 'The whole roadmap, with your progress', zh: '完整路线图和你的进度' },
  options: [],
  handler: async (_args, ctx) => roadmapView(ctx),
});

export async function roadmapView(ctx: CommandContext): Promise<Reply> {
  const { t, locale } = ctx;
  const { library } = ctx.services;
  const mine = await standing(library, ctx.services.store, ctx.learner);
  const blocks: Block[] = [{ kind: 'paragraph', text: `${library.roadmap.title[locale]} · ${library.roadmap.motto[locale]}` }];
  for (const stage of library.roadmap.stages) {
    const items = library.roadmap.entries.filter((e) => e.stage === stage.id).map((e) => {
      const lesson = library.get(e.id);
      if (e.status === 'removed') return `↪ ${e.id} · ${t('roadmap.redirect', { to: e.redirect ?? '?' })}`;
      if (!lesson) return `… ${e.id}`;
      const mark = mine.done.has(e.id) ? '✓' : mine.next?.entry.id === e.id ? '▶' : e.status === 'optional' ? '○' : '·';
      return `${mark} ${e.id} · ${lesson.text[locale].title}`;
    });
    if (!items.length) continue;
    blocks.push({ kind: 'heading', text: stage.title[locale] }, { kind: 'list', items });
  }
  blocks.push({ kind: 'paragraph', text: t('roadmap.legend') });
  const row: Button[] = mine.next ? [{ label: t('btn.open', { id: mine.next.entry.id }), action: action.lesson(mine.next.entry.id), style: 'primary' }] : [];
  // A signed link acts as this learner for a week: offered only where nobody else can press it.
  const page = ctx.caller.chatKind === 'private' ? ctx.services.web?.roadmapFor(ctx.learner.id, locale) : undefined;
  if (page) row.push(linkButton(t('btn.webRoadmap'), page, { action: 'link:roadmap' }));
  const buttons = row.length ? [row] : [];
  return { title: t('roadmap.title', { done: mine.doneInSequence, total: mine.total }), blocks, buttons };
}
