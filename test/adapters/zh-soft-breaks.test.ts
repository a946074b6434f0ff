// A soft line break inside a Chinese paragraph of a real lesson must not show as a space on any
// surface: every section, the quiz and its answers of a real zh lesson, as each adapter renders them.
import { afterAll, describe, expect, it } from 'vitest';
import { renderText } from '../../src/adapters/console/render-text.js';
import { renderReply } from '../../src/adapters/discord/render-embeds.js';
import { renderHtml } from '../../src/adapters/telegram/render-html.js';
import { action } from '../../src/core/actions.js';
import { SECTION_KEYS } from '../../src/core/lessons/sections.js';
import type { Reply } from '../../src/core/reply.js';
import { makeApp } from '../helpers/app.js';

const app = makeApp();
afterAll(() => app.dispose());

const CJK = /^[\p{Script=Han}，。、；：？！“”（）]+$/u;

/**
 * Three characters either side of each line break in the lesson's Chinese prose where both sides
 * are Chinese: the text a reader must see joined, with no gap, once the paragraph is rendered.
 */
function breaksIn(markdown: string): string[] {
  const joined: string[] = [];
  const lines = markdown.split('\n');
  let fenced = false;
  for (let i = 0; i + 1 < lines.length; i++) {
    if (/^\s*```/.test(lines[i]!)) fenced = !fenced;
    // Bold marks at either side are styling: the characters they hold must still join.
    const [a, b] = [lines[i]!.trim().replace(/\*\*$/, ''), lines[i + 1]!.trim().replace(/^\*\*/, '')];
    if (fenced || !a || !b || /^(```|#|[-*] |\d+\. |Q:|A:)/.test(b) || a.startsWith('#')) continue;
    const pair = [...a].slice(-3).join('') + [...b].slice(0, 3).join('');
    if (CJK.test(pair)) joined.push(pair);
  }
  return joined;
}

/** What a reader sees of Telegram HTML: the text without tags, entities decoded. */
const fromHtml = (s: string) => s.replace(/<[^>]+>/g, '').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&amp;/g, '&');
/** Markdown emphasis and code marks, which Discord and the terminal show as styling, not text. */
const plain = (s: string) => s.replace(/\*\*|__|`/g, '');

const surfaces: [string, (reply: Reply) => string][] = [
  ['Telegram HTML', (r) => fromHtml(renderHtml(r, undefined, { webApps: true }).parts.join(''))],
  ['Discord markdown', (r) => renderReply(r).flatMap((m) => m.embeds.flatMap((e) => [e.title ?? '', e.description ?? '', ...(e.fields ?? []).map((f) => f.name + f.value)])).join('')],
  ['the terminal', (r) => renderText(r).text],
];

const views = app.services.library.sequence(true).map((lesson) => {
  const { id } = lesson.entry;
  const zh = lesson.text.zh;
  const presses = [...SECTION_KEYS.map((key) => action.section(id, key)), action.quiz(id), ...zh.questions.map((_, i) => action.reveal(id, i))];
  return { id, presses, expected: zh.sections.flatMap((s) => breaksIn(s.markdown)) };
});

describe('every real zh lesson: sections, quiz and answers', () => {
  it('has soft line breaks between Chinese characters to test', () => {
    expect(views.reduce((n, v) => n + v.expected.length, 0)).toBeGreaterThan(500);
  });

  it.each(surfaces)("%s joins every one without a space", async (name, render) => {
    const missing: string[] = [];
    for (const { id, presses, expected } of views) {
      const caller = { platform: 'console', userId: `soft-${name}-${id}`, chatId: `soft-${name}-${id}`, chatKind: 'private' as const, canManageChat: true, localeHint: 'zh' as const };
      let shown = '';
      for (const press of presses) shown += plain(render(await app.core.press(caller, press)));
      missing.push(...expected.filter((pair) => !shown.includes(pair)).map((pair) => `lesson ${id}: ${pair}`));
    }
    expect(missing).toEqual([]);
  });
});
