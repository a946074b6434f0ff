// The strict fake's HTML parser against Telegram's own answers: the error texts and byte offsets
// are the Bot API's (tdlib's parse_html), the entities what getUpdates would report.
import { describe, expect, it } from 'vitest';
import { parseTelegramHtml, type ParsedEntity } from '../../fakes/telegram-html.js';

const P = '🏟 🏟&lt;'; // 13 bytes before what follows: offsets count UTF-8 bytes

describe('Telegram HTML: what Telegram refuses, with its own words', () => {
  it.each<[string, string]>([
    [`${P}<abac>`, 'Unsupported start tag "abac" at byte offset 13'],
    ['a < b', 'Unsupported start tag "" at byte offset 2'],
    ['<br/>', 'Unsupported start tag "br/" at byte offset 0'],
    ['<p>x</p>', 'Unsupported start tag "p" at byte offset 0'],
    ['<span>x</span>', 'Tag "span" must have class "tg-spoiler" at byte offset 0'],
    [`${P}<i   =aba>`, 'Empty attribute name in the tag "i" at byte offset 13'],
    [`${P}<i    aba>`, 'Can\'t find end tag corresponding to start tag "i"'],
    [`${P}<i    aba  =  `, 'Unclosed start tag "i" at byte offset 13'],
    [`${P}<i    aba  =  190azAz-.,`, 'Unexpected end of name token at byte offset 27'],
    [`${P}<i    aba  =  "&lt;&gt;&quot;>`, 'Unclosed start tag at byte offset 13'],
    [`${P}<b`, 'Unclosed start tag at byte offset 13'],
    [`${P}</`, 'Unexpected end tag at byte offset 13'],
    [`${P}<b></b></`, 'Unexpected end tag at byte offset 20'],
    [`${P}<i>a</i   `, 'Unclosed end tag at byte offset 17'],
    [`${P}<i>a</em   >`, 'Unmatched end tag at byte offset 17, expected "</i>", found "</em>"'],
    ['<b><i>x</b></i>', 'Unmatched end tag at byte offset 7, expected "</i>", found "</b>"'],
    ['<b>x', 'Can\'t find end tag corresponding to start tag "b"'],
    // Documented rules Telegram "fixes" silently instead of refusing: the fake refuses them.
    ['a && b', 'Unescaped "&" at byte offset 2: write &amp;'],
    ['a&nbsp;b', 'Unsupported HTML entity "&nbsp;" at byte offset 1: only &lt; &gt; &amp; &quot; and numeric ones are'],
    ['1 > 0', 'Unescaped ">" at byte offset 2: write &gt;'],
    ['<tg-spoiler>use <code>x</code></tg-spoiler>', 'Entity "code" can\'t be nested inside "tg-spoiler" at byte offset 16'],
    ['<b>a <pre>x</pre></b>', 'Entity "pre" can\'t be nested inside "b" at byte offset 5'],
    ['<code>a <b>x</b></code>', 'Entity "b" can\'t be nested inside "code" at byte offset 8'],
    ['<a href="https://a.b">x <a href="https://c.d">y</a></a>', 'Entity "a" can\'t be nested inside "a" at byte offset 24'],
    ['<blockquote>a <blockquote>b</blockquote></blockquote>', 'Entity "blockquote" can\'t be nested inside "blockquote" at byte offset 14'],
    ['<tg-emoji>🙂</tg-emoji>', 'Tag "tg-emoji" must have attribute "emoji-id" at byte offset 0'],
  ])('%j: %s', (html, reason) => {
    expect(() => parseTelegramHtml(html)).toThrow(expect.objectContaining({ description: `Bad Request: can't parse entities: ${reason}` }));
  });
});

describe('Telegram HTML: what Telegram accepts', () => {
  it.each<[string, string, ParsedEntity[]]>([
    ['', '', []],
    ['&lt;&gt;&amp;&quot;&#12354;&#x1F642;', '<>&"あ🙂', []],
    ['➡️ ➡️<i>➡️ ➡️</i>', '➡️ ➡️➡️ ➡️', [{ type: 'italic', offset: 5, length: 5 }]],
    ['<b>a</b><strong>b</strong><em>c</em><u>d</u><ins>e</ins><s>f</s><strike>g</strike><del>h</del>', 'abcdefgh',
      ['bold', 'bold', 'italic', 'underline', 'underline', 'strikethrough', 'strikethrough', 'strikethrough'].map((type, offset) => ({ type, offset, length: 1 }))],
    ['<span class="tg-spoiler">x</span><tg-spoiler>y</tg-spoiler>', 'xy', [{ type: 'spoiler', offset: 0, length: 1 }, { type: 'spoiler', offset: 1, length: 1 }]],
    ['<a href="https://k8s.io/?a=1&amp;b=2">docs</a>', 'docs', [{ type: 'text_link', offset: 0, length: 4, url: 'https://k8s.io/?a=1&b=2' }]],
    ['<B>x</b>', 'x', [{ type: 'bold', offset: 0, length: 1 }]],
    ['<pre><code class="language-python">if a &lt; b:</code></pre>', 'if a < b:', [{ type: 'pre', offset: 0, length: 9, language: 'python' }]],
    ['<pre>x</pre> <code>y</code>', 'x y', [{ type: 'pre', offset: 0, length: 1 }, { type: 'code', offset: 2, length: 1 }]],
    ['<tg-spoiler>it is <b>42</b></tg-spoiler>', 'it is 42', [{ type: 'spoiler', offset: 0, length: 8 }, { type: 'bold', offset: 6, length: 2 }]],
    ['<b><a href="https://a.b">x</a></b>', 'x', [{ type: 'bold', offset: 0, length: 1 }, { type: 'text_link', offset: 0, length: 1, url: 'https://a.b' }]],
    ['<blockquote expandable>a <b>b</b></blockquote>', 'a b', [{ type: 'expandable_blockquote', offset: 0, length: 3 }, { type: 'bold', offset: 2, length: 1 }]],
    ['<tg-emoji emoji-id="5368324170671202286">👍</tg-emoji>', '👍', [{ type: 'custom_emoji', offset: 0, length: 2 }]],
    ['<b></b>x', 'x', []],
    ['<i>x</>', 'x', [{ type: 'italic', offset: 0, length: 1 }]],
  ])('%j', (html, text, entities) => {
    expect(parseTelegramHtml(html)).toEqual({ text, entities });
  });
});
