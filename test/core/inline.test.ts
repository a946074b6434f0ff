import { describe, expect, it } from 'vitest';
import { parseInline } from '../../src/core/inline.js';

describe('parseInline', () => {
  it.each([
    ['plain text', 'just words', [{ text: 'just words' }]],
    ['code', 'run `ip link`', [{ text: 'run ' }, { text: 'ip link', code: true }]],
    ['bold', 'a **strong** word', [{ text: 'a ' }, { text: 'strong', bold: true }, { text: ' word' }]],
    ['italic', 'the *why* of it', [{ text: 'the ' }, { text: 'why', italic: true }, { text: ' of it' }]],
    ['a link', '[RFC 7348](https://www.rfc-editor.org/rfc/rfc7348)', [{ text: 'RFC 7348', href: 'https://www.rfc-editor.org/rfc/rfc7348' }]],
    ['a wildcard stays literal', 'kube* and a * b', [{ text: 'kube* and a * b' }]],
    ['stars inside a word stay literal', 'a*b*c', [{ text: 'a*b*c' }]],
    ['Chinese emphasis', '大约 10% 的*连接*会落到', [{ text: '大约 10% 的' }, { text: '连接', italic: true }, { text: '会落到' }]],
  ])('%s', (_name, text, spans) => {
    expect(parseInline(text)).toEqual(spans);
  });

  it('reads a time mark with its label', () => {
    expect(parseInline('at <time:1772416800:09:00 (UTC)>')[1]).toEqual({ text: '09:00 (UTC)', time: new Date(1772416800 * 1000) });
  });
});
