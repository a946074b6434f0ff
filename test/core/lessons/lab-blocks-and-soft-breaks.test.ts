import { describe, expect, it } from 'vitest';
import { renderText } from '../../../src/adapters/console/render-text.js';
import { renderReply } from '../../../src/adapters/discord/render-embeds.js';
import { renderHtml } from '../../../src/adapters/telegram/render-html.js';
import { joinSoftBreaks, markdownToBlocks } from '../../../src/core/lessons/markdown.js';
import type { Reply } from '../../../src/core/reply.js';

describe('joinSoftBreaks', () => {
  it.each<[string, string[], string]>([
    ['joins two CJK characters without a space', ['使用网络', '命名空间。'], '使用网络命名空间。'],
    ['joins after full-width punctuation without a space', ['先创建，', '再连接'], '先创建，再连接'],
    ['keeps a space between Latin words', ['a network', 'namespace'], 'a network namespace'],
    ['keeps a space between CJK and Latin', ['使用', 'veth 对'], '使用 veth 对'],
    ['trims each line', ['  甲  ', '  乙'], '甲乙'],
    ['joins after a closing curly quote', ['不存在“一个连接”', '（对照）'], '不存在“一个连接”（对照）'],
    ['joins before an opening curly quote', ['所谓', '“容器”'], '所谓“容器”'],
    ['joins before bold Chinese', ['团队的目标叫', '**服务等级目标**（SLO）'], '团队的目标叫**服务等级目标**（SLO）'],
    ['joins after bold Chinese', ['**不可靠**', '的分组网络'], '**不可靠**的分组网络'],
    ['keeps a space before bold English', ['the', '**fast** path'], 'the **fast** path'],
    ['keeps a space after an English curly quote', ['the “fast path”', 'is'], 'the “fast path” is'],
  ])('%s', (_name, lines, expected) => {
    expect(joinSoftBreaks(lines)).toBe(expected);
  });
});

describe('lab blocks in a lesson', () => {
  const markdown = '```bash lab packages=iproute2 timeout=60\nip link show lo\n```\n\n```text expected\n...\nlo: <LOOPBACK\n```';
  const blocks = markdownToBlocks(markdown, { expectedOutput: '预期输出' });

  it('shows a lab as an ordinary bash block', () => {
    expect(blocks[0]).toEqual({ kind: 'code', text: 'ip link show lo', lang: 'bash' });
  });

  it('labels the expected block "Expected output" in the reader\'s language', () => {
    expect(blocks.slice(1)).toEqual([
      { kind: 'paragraph', text: '**预期输出**' },
      { kind: 'code', text: '...\nlo: <LOOPBACK', lang: 'text' },
    ]);
  });
});

describe('a soft line break inside a Chinese paragraph, on every surface', () => {
  const reply: Reply = { blocks: markdownToBlocks('每个网络命名空间都有自己的\n路由表和 iptables\n规则。'), buttons: [] };
  const surfaces: [string, () => string][] = [
    ['Telegram HTML', () => renderHtml(reply).parts.join('\n')],
    ['Discord markdown', () => renderReply(reply).flatMap((m) => m.embeds.map((e) => e.description ?? '')).join('\n')],
    ['the terminal', () => renderText(reply).text],
  ];
  it.each(surfaces)('%s shows no gap between the joined characters', (_name, render) => {
    expect(render()).toContain('每个网络命名空间都有自己的路由表和 iptables 规则。');
  });
});
