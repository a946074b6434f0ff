import { defineCommand, type CommandContext } from '../command.js';
import { action } from '../actions.js';
import type { Block, Button, Reply } from '../reply.js';
import { MAX_QUERY_CHARS } from '../search/search-index.js';
import { clip, clipWords, QUERY_ECHO_MAX } from '../text.js';

export const search = defineCommand({
  name: 'search',
  example: '/search vxlan mtu',
  aliases: ['s', 'find', '搜索'],
  localName: '搜索',
  description: { en: 'Search every lesson, in English or Chinese', zh: '搜索全部课程，中英文皆可' },
  options: [
    {
      name: 'query', type: 'string', required: true, autocomplete: true, maxLength: 200,
      description: { en: 'Words to look for', zh: '要查找的关键词' },
    },
  ],
  handler: async ({ query }, ctx) => searchReply(query, ctx),
});

/** Common words an empty search suggests a topic instead of: the learner's current lesson, or VXLAN. */
const FALLBACK_TOPIC = 'vxlan';

/**
 * The search reply, for /search and for the button that searches the words as typed (`exact`).
 * It says what it did with the words: corrected a typo (with the original one tap away), looked
 * in the lessons' code for a fragment of code, or found only words too common to search for.
 */
export async function searchReply(query: string, ctx: CommandContext, options: { exact?: boolean } = {}): Promise<Reply> {
  const { t } = ctx;
  const shown = clip(query, QUERY_ECHO_MAX);
  const started = performance.now();
  const result = ctx.services.search.search(query, { locale: ctx.locale, limit: ctx.services.settings.maxResults, ...(options.exact ? { exact: true } : {}) });
  ctx.services.observer?.searched?.(performance.now() - started, result.hits.length);
  if (result.commonWords) {
    const current = ctx.learner.currentLesson;
    const topic = (current !== undefined && ctx.services.library.aliasesOf(current, ctx.locale)[0]) || FALLBACK_TOPIC;
    const find = action.find(topic);
    return { blocks: [{ kind: 'paragraph', text: t('search.commonWords', { query: shown, topic }) }], buttons: find ? [[{ label: t('btn.searchTopic', { query: topic }), action: find }]] : [] };
  }
  if (result.noTerms) return { blocks: [{ kind: 'paragraph', text: t('search.noTerms') }], buttons: [] };
  if (!result.hits.length) {
    return { blocks: [{ kind: 'paragraph', text: t(result.code ? 'search.noCode' : 'search.none', { query: shown }) }], buttons: [[{ label: t('btn.roadmap'), action: action.roadmap() }]] };
  }
  const blocks: Block[] = [];
  if (query.length > MAX_QUERY_CHARS) blocks.push({ kind: 'paragraph', text: t('search.truncated') });
  if (result.code) blocks.push({ kind: 'paragraph', text: t('search.inCode') });
  if (result.corrections.length) {
    blocks.push({ kind: 'paragraph', text: t('search.corrected', { list: result.corrections.map((c) => `**${c.to}**`).join(', ') }) });
  }
  for (const hit of result.hits) {
    blocks.push({ kind: 'paragraph', text: `**${hit.id} · ${hit.title}** (${hit.section})\n${hit.snippet}` });
  }
  const lessons = result.hits.slice(0, 5).map((h): Button => ({ label: `${h.id} · ${clipWords(h.title, 30)}`, action: action.lesson(h.id) }));
  // The words as the learner typed them, one tap away from our correction of them.
  const original = result.corrections.length ? action.find(query.trim()) : undefined;
  const rows = [lessons.slice(0, 3), lessons.slice(3), original ? [{ label: t('btn.searchInstead', { query: clip(query.trim(), 40) }), action: original }] : []];
  return { title: t('search.title', { query: shown }), blocks, buttons: rows.filter((r) => r.length) };
}
