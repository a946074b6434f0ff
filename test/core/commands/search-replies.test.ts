import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Caller } from '../../../src/core/command.js';
import type { Reply } from '../../../src/core/reply.js';
import { makeApp, type TestApp } from '../../helpers/app.js';

// What /search says about the words it was given, and the buttons under it (issue 17).
let app: TestApp;
beforeAll(() => {
  app = makeApp();
});
afterAll(async () => {
  await app.dispose();
});

const caller = (locale: 'en' | 'zh' = 'en'): Caller => ({ platform: 'telegram', userId: `s-${locale}`, chatId: `s-${locale}`, chatKind: 'private', localeHint: locale, canManageChat: true });
const text = (r: Reply) => r.blocks.map((b) => ('text' in b ? b.text : '')).join('\n');
const buttons = (r: Reply) => r.buttons.flat().map((b) => [b.label, b.action]);

describe('/search', () => {
  it('names a corrected typo as the lessons spell it, the words as typed one tap away', async () => {
    const reply = await app.core.command(caller(), 'search', { query: 'kubernetis' });
    expect(text(reply)).toContain('Showing results for **kubernetes**.');
    expect(buttons(reply).at(-1)).toEqual(['Search for “kubernetis” instead', 'find:kubernetis']);
  });

  it('searches the words as typed when that button is pressed', async () => {
    const reply = await app.core.press(caller(), 'find:kubernetis');
    expect(text(reply)).toBe('Nothing matched “kubernetis”. Try fewer or other words, or a lesson number.');
    expect(text(reply)).not.toContain('Showing results for');
  });

  it.each<['en' | 'zh', string]>([
    ['en', '“the” is only common words, which every lesson has, so it finds nothing in particular. Try a topic, for example /search vxlan.'],
    ['zh', '“the”只有常用词，每一课都有，搜不出什么特别的。试试一个主题，例如 /search vxlan。'],
  ])('says a query of only common words finds nothing in particular and suggests a topic (%s)', async (locale, said) => {
    const reply = await app.core.command(caller(locale), 'search', { query: 'the' });
    expect(text(reply)).toBe(said);
    expect(buttons(reply)).toEqual([[locale === 'en' ? 'Search “vxlan”' : '搜索“vxlan”', 'find:vxlan']]);
  });

  it('suggests the learner’s own lesson as the topic once they have one', async () => {
    const learner = caller();
    await app.core.press(learner, 'stay:39');
    const reply = await app.core.command(learner, 'search', { query: 'of the and' });
    expect(text(reply)).toMatch(/Try a topic, for example \/search \S+\.$/);
    const [[label, act]] = buttons(reply) as [[string, string]];
    expect(act).toMatch(/^find:/);
    const found = await app.core.press(learner, act);
    expect(found.buttons.flat()[0]!.action).toBe('lesson:39');
    expect(label).toContain(act.slice(5));
  });

  it('says a code fragment no lesson has is not in any lesson’s code', async () => {
    const reply = await app.core.command(caller(), 'search', { query: '<script>' });
    expect(text(reply)).toBe('No lesson has “<script>” in its commands or code.');
    expect(buttons(reply)).toEqual([['Roadmap', 'roadmap']]);
  });

  it('says it looked in the code for a fragment of code, and lists the lessons that have it', async () => {
    const reply = await app.core.command(caller(), 'search', { query: '--network host' });
    expect(text(reply)).toMatch(/^That looks like code: I looked for it in the lessons’ commands and code\.\n\*\*22 · /);
    expect(buttons(reply)[0]).toEqual([expect.stringMatching(/^22 · /), 'lesson:22']);
  });

  it('shows the phrase in the snippet of a Chinese search', async () => {
    const reply = await app.core.command(caller('zh'), 'search', { query: '灰度发布' });
    const first = reply.blocks.find((b) => 'text' in b && b.text.startsWith('**37 · '));
    expect(first && 'text' in first ? first.text : '').toContain('灰度发布');
  });
});
