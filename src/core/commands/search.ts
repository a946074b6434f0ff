import { defineCommand } from '../command.js';
import { action } from '../actions.js';
import type { Block } from '../reply.js';
import { MAX_QUERY_CHARS } from '../search/search-index.js';
import { clip, QUERY_ECHO_MAX } from '../text.js';

export const search = defineCommand({
  name: 'search',
  aliases: ['s', 'find', '搜索'],
  localName: '搜索',
  description: { en: 'Search every lesson, in English or Chinese', zh: '搜索全部课程，中英文皆可' },
  options: [
    {
      name: 'query', type: 'string', required: true, autocomplete: true, maxLength: 200,
      description: { en: 'Words to look for', zh: '要查找的关键词' },
    },
  ],
  handler: async ({ query }, ctx) => {
    const { t } = ctx;
    const shown = clip(query, QUERY_ECHO_MAX);
    const started = performance.now();
    const result = ctx.services.search.search(query, { locale: ctx.locale, limit: ctx.services.settings.maxResults });
    ctx.services.observer?.searched?.(performance.now() - started, result.hits.length);
    if (result.noTerms) return { blocks: [{ kind: 'paragraph', text: t('search.noTerms') }], buttons: [] };
    if (!result.hits.length) return { blocks: [{ kind: 'paragraph', text: t('search.none', { query: shown }) }], buttons: [[{ label: t('btn.roadmap'), action: action.roadmap() }]] };
    const blocks: Block[] = [];
    if (query.length > MAX_QUERY_CHARS) blocks.push({ kind: 'paragraph', text: t('search.truncated') });
    if (result.corrections.length) {
      blocks.push({ kind: 'paragraph', text: t('search.corrected', { list: result.corrections.map((c) => `**${c.to}**`).join(', ') }) });
    }
    for (const hit of result.hits) {
      blocks.push({ kind: 'paragraph', text: `**${hit.id} · ${hit.title}** (${hit.section})\n${hit.snippet}` });
    }
    const buttons = result.hits.slice(0, 5).map((h) => ({ label: `${h.id} · ${clip(h.title, 30)}`, action: action.lesson(h.id) }));
    return { title: t('search.title', { query: shown }), blocks, buttons: [buttons.slice(0, 3), buttons.slice(3)].filter((r) => r.length) };
  },
});
