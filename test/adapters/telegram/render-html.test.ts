import { describe, expect, it } from 'vitest';
import { MESSAGE_LIMIT, renderHtml } from '../../../src/adapters/telegram/render-html.js';
import { timeMark } from '../../../src/core/inline.js';
import type { Block, Reply } from '../../../src/core/reply.js';
import { visible } from '../../fakes/telegram-user.js';

const reply = (blocks: Block[], title?: string): Reply => ({ title, blocks, buttons: [] });
const p = (text: string): Block => ({ kind: 'paragraph', text });

describe('Reply to Telegram HTML', () => {
  it.each<[string, Reply, string]>([
    ['escapes &, < and >', reply([p('a < b && c > d')]), 'a &lt; b &amp;&amp; c &gt; d'],
    ['keeps inline code, escaped inside', reply([p('run `grep <none> a&b`')]), 'run <code>grep &lt;none&gt; a&amp;b</code>'],
    ['makes **bold** bold', reply([p('**Service** & co')]), '<b>Service</b> &amp; co'],
    ['escapes a link address as an attribute', reply([p('[the "docs"](https://k8s.io/a?b=1&c=2)')]), '<a href="https://k8s.io/a?b=1&amp;c=2">the "docs"</a>'],
    ['shows a time mark as its label', reply([p(`at ${timeMark(new Date('2026-03-02T09:00:00Z'), '09:00 (UTC)')}`)]), 'at 09:00 (UTC)'],
    ['leaves other punctuation literal', reply([p('2 * 3 = 6, a_b, [x] (y)')]), '2 * 3 = 6, a_b, [x] (y)'],
    ['bolds the title, then a blank line', reply([p('x')], 'Lesson 39 · <Services>'), '<b>Lesson 39 · &lt;Services&gt;</b>\n\nx'],
    ['bolds a heading and sets its text right under it', reply([p('a'), { kind: 'heading', text: 'Key ideas' }, p('b')]), 'a\n\n<b>Key ideas</b>\nb'],
    ['sets inline code in a heading between bold runs, since Telegram nests no code in bold', reply([{ kind: 'heading', text: 'What `docker run` **turns** into' }]), '<b>What </b><code>docker run</code><b> <b>turns</b> into</b>'],
    ['hides a spoiler', reply([{ kind: 'spoiler', text: 'it is **42** <yes>' }]), '<tg-spoiler>it is <b>42</b> &lt;yes&gt;</tg-spoiler>'],
    ['hides inline code in a spoiler as plain text, since Telegram allows no code inside one', reply([{ kind: 'spoiler', text: 'use `type: <NodePort>`' }]), '<tg-spoiler>use type: &lt;NodePort&gt;</tg-spoiler>'],
    ['marks a code block with its language', reply([{ kind: 'code', text: 'if a < b && c:\n  pass\n', lang: 'Python' }]), '<pre><code class="language-python">if a &lt; b &amp;&amp; c:\n  pass</code></pre>'],
    ['sets a code block without a language as <pre>', reply([{ kind: 'code', text: 'echo hi' }]), '<pre>echo hi</pre>'],
    ['keeps a language name from breaking out of its attribute', reply([{ kind: 'code', text: 'x', lang: 'sh" onclick="y' }]), '<pre><code class="language-shonclicky">x</code></pre>'],
    ['lists items as lines', reply([{ kind: 'list', items: ['a', '`b`'] }]), '• a\n• <code>b</code>'],
    ['numbers an ordered list', reply([{ kind: 'list', items: ['a', 'b'], ordered: true }]), '1. a\n2. b'],
    ['skips empty blocks', reply([p(''), p('a'), { kind: 'code', text: '\n' }, p('b')]), 'a\n\nb'],
  ])('%s', (_name, input, html) => {
    expect(renderHtml(input).parts).toEqual([html]);
  });

  it('gives a reply of buttons alone a line to hang them on', () => {
    const out = renderHtml({ blocks: [], buttons: [[{ label: 'Roadmap', action: 'roadmap' }]] });
    expect(out.parts).toEqual(['…']);
    expect(out.keyboard).toEqual({ inline_keyboard: [[{ text: 'Roadmap', callback_data: 'roadmap' }]] });
  });
});

const words = (n: number, seed: string) => Array.from({ length: n }, (_, i) => `${seed}${i}`).join(' ');

describe('splitting replies over 4096 characters', () => {
  it.each<[string, Reply]>([
    ['many paragraphs', reply(Array.from({ length: 40 }, (_, i) => p(`Paragraph ${i}: ${words(50, 'w')}`)), 'Long')],
    ['one paragraph without spaces', reply([p('x'.repeat(10_000))])],
    ['one paragraph full of & and <', reply([p('& < > '.repeat(3000))])],
    ['one paragraph of emoji', reply([p('🙂'.repeat(5000))])],
    ['a paragraph mixing long bold, code and links', reply([p(`**${words(600, 'b')}** \`${'c&'.repeat(2500)}\` [${words(700, 'l')}](https://example.org/?a=1&b=2)`)])],
    ['a huge code block', reply([{ kind: 'code', lang: 'sh', text: Array.from({ length: 2000 }, (_, i) => `echo line ${i} && test "$x" < /dev/null`).join('\n') }])],
    ['a code block that is one long line', reply([{ kind: 'code', text: '<&>'.repeat(5000) }])],
    ['a huge spoiler with bold', reply([{ kind: 'spoiler', text: `**${words(900, 'a')}** ${words(900, 's')}` }])],
    ['a long list', reply([{ kind: 'list', items: Array.from({ length: 500 }, (_, i) => `item ${i} <x>`) }])],
    ['sections with headings', reply(Array.from({ length: 12 }, (_, i) => [{ kind: 'heading' as const, text: `Section ${i}` }, p(words(180, 'z'))]).flat())],
  ])('%s: every part fits, tags balance, nothing is lost', (_name, input) => {
    const { parts } = renderHtml(input);
    expect(parts.length).toBeGreaterThan(1);
    for (const part of parts) {
      expect(part.length).toBeLessThanOrEqual(MESSAGE_LIMIT);
      expect(part.trim()).not.toBe('');
      expect(unbalanced(part)).toBeUndefined();
      expect(part.replace(/<[^>]*>/g, '')).not.toMatch(/[<>]|&(?!(amp|lt|gt|quot);)/);
      expect(part).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/);
    }
    const whole = renderHtml(input, Number.MAX_SAFE_INTEGER).parts;
    expect(whole).toHaveLength(1);
    expect(squash(visible(parts.join('')))).toBe(squash(visible(whole[0]!)));
  });

  it('breaks between paragraphs when they fit whole', () => {
    const { parts } = renderHtml(reply(Array.from({ length: 40 }, (_, i) => p(`Paragraph ${i}: ${words(50, 'w')}`))));
    for (const part of parts) expect(part).toMatch(/^Paragraph \d+: [^]*w49$/);
  });

  it('never leaves a heading at the end of a message', () => {
    const { parts } = renderHtml(reply(Array.from({ length: 12 }, (_, i) => [{ kind: 'heading' as const, text: `Section ${i}` }, p(words(180, 'z'))]).flat()));
    for (const part of parts) expect(part).not.toMatch(/<b>Section \d+<\/b>$/);
    for (const part of parts) expect(part).toMatch(/^<b>Section \d+<\/b>\n/);
  });

  it('cuts a huge code block into several complete <pre> blocks at line ends', () => {
    const lines = Array.from({ length: 2000 }, (_, i) => `echo line ${i}`);
    const { parts } = renderHtml(reply([{ kind: 'code', lang: 'sh', text: lines.join('\n') }]));
    expect(parts.length).toBeGreaterThan(1);
    for (const part of parts) expect(part).toMatch(/^<pre><code class="language-sh">echo line \d+\n[^]*echo line \d+<\/code><\/pre>$/);
    expect(parts.map((part) => visible(part)).join('\n')).toBe(lines.join('\n'));
  });

  it('keeps the buttons for the last part', () => {
    const out = renderHtml({ blocks: [p('x'.repeat(9000))], buttons: [[{ label: 'Next →', action: 'next' }]] });
    expect(out.parts).toHaveLength(3);
    expect(out.keyboard?.inline_keyboard).toHaveLength(1);
  });
});

/** The first tag that does not close in order, or undefined when the HTML balances. */
function unbalanced(html: string): string | undefined {
  const open: string[] = [];
  for (const m of html.matchAll(/<(\/?)([a-z-]+)[^>]*>/g)) {
    if (!m[1]) open.push(m[2]!);
    else if (open.pop() !== m[2]) return m[0];
  }
  return open.length ? `<${open.at(-1)}> left open` : undefined;
}

function squash(text: string): string {
  return text.replace(/\s+/g, '');
}
