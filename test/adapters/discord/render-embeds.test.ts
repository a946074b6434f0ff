import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pressedAction } from '../../../src/adapters/discord/render-buttons.js';
import { renderReply, type DiscordMessage } from '../../../src/adapters/discord/render-embeds.js';
import type { Caller } from '../../../src/core/command.js';
import { timeMark } from '../../../src/core/inline.js';
import { SECTIONS } from '../../../src/core/lessons/sections.js';
import type { Block, Button, Reply } from '../../../src/core/reply.js';
import { makeApp, type TestApp } from '../../helpers/app.js';

/** Every Discord limit a rendered message must keep; returns the broken ones, so a failure names them. */
function broken(messages: DiscordMessage[]): string[] {
  const out: string[] = [];
  messages.forEach((m, i) => {
    const at = `message ${i + 1}`;
    if (m.embeds.length > 10) out.push(`${at}: ${m.embeds.length} embeds`);
    const total = m.embeds.reduce((n, e) => n + (e.title?.length ?? 0) + (e.description?.length ?? 0), 0);
    if (total > 6000) out.push(`${at}: ${total} characters`);
    for (const e of m.embeds) {
      if ((e.title?.length ?? 0) > 256) out.push(`${at}: title of ${e.title!.length}`);
      if ((e.description?.length ?? 0) > 4096) out.push(`${at}: description of ${e.description!.length}`);
      if (((e.description ?? '').match(/```/g) ?? []).length % 2) out.push(`${at}: an unclosed code fence`);
      const prose = (e.description ?? '').replace(/```[\s\S]*?```/g, '');
      if ((prose.match(/(?<!\\)\|\|/g) ?? []).length % 2) out.push(`${at}: an unclosed spoiler`);
    }
    if (m.components.length > 5) out.push(`${at}: ${m.components.length} rows`);
    const ids = m.components.flatMap((row) => row.components.map(customId)).filter(Boolean);
    if (new Set(ids).size !== ids.length) out.push(`${at}: repeated custom_id`);
    for (const row of m.components) {
      if (row.components.length > 5) out.push(`${at}: a row of ${row.components.length}`);
      for (const b of row.components) {
        const label = 'label' in b ? (b.label ?? '') : '';
        if (label.length > 80 || label.length < 1) out.push(`${at}: label of ${label.length}`);
        if (customId(b).length > 100) out.push(`${at}: custom_id of ${customId(b).length}`);
      }
    }
    if (!m.embeds.length && !m.components.length) out.push(`${at}: empty`);
  });
  return out;
}

const one = (block: Block): string => renderReply({ blocks: [block], buttons: [] })[0]!.embeds[0]!.description!;
const at = new Date('2026-03-02T01:00:00Z');

describe('rendering a Reply as Discord embeds', () => {
  it.each<[string, Block, string]>([
    ['a heading in bold', { kind: 'heading', text: 'Key ideas' }, '**Key ideas**'],
    ['a spoiler hidden', { kind: 'spoiler', text: 'ClusterIP' }, '||ClusterIP||'],
    ['inline code in a spoiler kept hidden, a || in it escaped', { kind: 'spoiler', text: 'run `a || b`' }, '||run a \\|\\| b||'],
    ['a code block fenced with its language', { kind: 'code', text: 'kubectl get svc', lang: 'bash' }, '```bash\nkubectl get svc\n```'],
    ['a fence inside code defused', { kind: 'code', text: 'a\n```\nb' }, '```\na\n`\u200b``\nb\n```'],
    ['inline code, bold and links', { kind: 'paragraph', text: 'Run `ip a`, **then** see [docs](https://kubernetes.io/docs/)' }, 'Run `ip a`, **then** see [docs](https://kubernetes.io/docs/)'],
    ['a time mark as a Discord timestamp', { kind: 'paragraph', text: `Next at ${timeMark(at, '09:00 (UTC)')}.` }, `Next at <t:${at.getTime() / 1000}:t>.`],
    ['literal markdown characters escaped', { kind: 'paragraph', text: 'a*b_c ||d||' }, 'a\\*b\\_c \\|\\|d\\|\\|'],
    ['an ordered list numbered', { kind: 'list', items: ['one', 'two'], ordered: true }, '1. one\n2. two'],
    ['a list bulleted', { kind: 'list', items: ['one', 'two'] }, '- one\n- two'],
  ])('renders %s', (_name, block, expected) => {
    expect(one(block)).toBe(expected);
  });

  it('puts the title on the first embed, clipped to 256', () => {
    const [m] = renderReply({ title: 'T'.repeat(300), blocks: [], buttons: [] });
    expect(m!.embeds[0]!.title).toHaveLength(256);
  });

  it('keeps a very long lesson within every limit, splitting it over several messages', () => {
    const blocks: Block[] = [
      ...Array.from({ length: 40 }, (_, i): Block => ({ kind: 'paragraph', text: `${i} ${'slow is fast '.repeat(70)}` })),
      { kind: 'code', text: Array.from({ length: 400 }, (_, i) => `  line ${i} of a long config`).join('\n'), lang: 'yaml' },
      { kind: 'spoiler', text: '答案'.repeat(3000) },
      { kind: 'list', items: Array.from({ length: 300 }, (_, i) => `item ${i} **bold** \`code\``) },
      { kind: 'paragraph', text: 'x'.repeat(9000) },
    ];
    const messages = renderReply({ title: 'Lesson 99 · Everything', blocks, buttons: [[{ label: 'Next', action: 'next' }]] });
    expect(messages.length).toBeGreaterThan(3);
    expect(broken(messages)).toEqual([]);
    expect(messages.at(-1)!.components).toHaveLength(1);
    expect(messages.slice(0, -1).every((m) => m.components.length === 0)).toBe(true);
    const text = messages.flatMap((m) => m.embeds.map((e) => e.description ?? '')).join('\n');
    expect(text).toContain('line 399 of a long config');
    expect(text).toContain('  line 200 of a long config');
  });

  it('fits 6 rows of 6 buttons into 5 rows of 5, styles and actions kept', () => {
    const rows: Button[][] = Array.from({ length: 6 }, (_, r) =>
      Array.from({ length: 6 }, (_, c): Button => ({ label: `${r}.${c} ${'label '.repeat(20)}`, action: `lesson:${r * 6 + c}`, style: c === 0 ? 'success' : 'primary' })),
    );
    const [m] = renderReply({ blocks: [], buttons: rows });
    expect(broken([m!])).toEqual([]);
    expect(m!.components.map((r) => r.components.length)).toEqual([5, 1, 5, 1, 5]);
    expect(m!.components[0]!.components[0]).toMatchObject({ custom_id: 'lesson:0', style: 3 });
    expect(m!.components[0]!.components[1]).toMatchObject({ custom_id: 'lesson:1', style: 1 });
  });

  it('sets a repeated action apart in its custom_id and still presses the same action', () => {
    const [m] = renderReply({ blocks: [], buttons: [[{ label: 'Next', action: 'lesson:40' }, { label: 'Before', action: 'lesson:40' }]] });
    const ids = m!.components[0]!.components.map(customId);
    expect(new Set(ids).size).toBe(2);
    expect(ids.map(pressedAction)).toEqual(['lesson:40', 'lesson:40']);
  });

  it('never sends an empty message', () => {
    expect(broken(renderReply({ blocks: [], buttons: [] }))).toEqual([]);
  });
});

describe('every section of every real lesson', () => {
  let app: TestApp;
  beforeAll(() => {
    app = makeApp();
  });
  afterAll(async () => {
    await app.dispose();
  });

  it.each(['en', 'zh'])('renders within Discord limits (%s)', async (locale) => {
    const caller: Caller = { platform: 'discord', userId: `u-${locale}`, chatId: 'dm', chatKind: 'private', localeHint: locale as 'en' | 'zh', canManageChat: true };
    const problems: string[] = [];
    for (const lesson of app.services.library.lessons) {
      for (const s of SECTIONS) {
        const reply: Reply = await app.core.press(caller, `sec:${lesson.entry.id}:${s.key}`);
        problems.push(...broken(renderReply(reply)).map((p) => `${lesson.entry.id}/${s.key}: ${p}`));
      }
    }
    expect(problems).toEqual([]);
  });
});

/** A button's custom_id; a link button has none. */
function customId(b: object): string {
  return 'custom_id' in b && typeof b.custom_id === 'string' ? b.custom_id : '';
}
