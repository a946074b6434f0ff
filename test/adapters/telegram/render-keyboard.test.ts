import { describe, expect, it } from 'vitest';
import { CALLBACK_DATA_BYTES, renderKeyboard } from '../../../src/adapters/telegram/render-keyboard.js';
import type { Button } from '../../../src/core/reply.js';

const b = (label: string, action: string, style?: Button['style']): Button => ({ label, action, style });

describe('buttons to an inline keyboard', () => {
  it.each<[string, Button[][], unknown]>([
    ['keeps rows, with the action as callback_data', [[b('Key ideas', 'sec:39:ideas'), b('Try it', 'sec:39:try')], [b('Next →', 'lesson:40')]],
      [[{ text: 'Key ideas', callback_data: 'sec:39:ideas' }, { text: 'Try it', callback_data: 'sec:39:try' }], [{ text: 'Next →', callback_data: 'lesson:40' }]]],
    ['colours primary, success and danger buttons, not secondary ones', [[b('a', 'a', 'primary'), b('b', 'b', 'success'), b('c', 'c', 'danger'), b('d', 'd', 'secondary')]],
      [[{ text: 'a', callback_data: 'a', style: 'primary' }, { text: 'b', callback_data: 'b', style: 'success' }, { text: 'c', callback_data: 'c', style: 'danger' }, { text: 'd', callback_data: 'd' }]]],
    ['keeps an action of exactly 64 bytes', [[b('ok', 'x'.repeat(64))]], [[{ text: 'ok', callback_data: 'x'.repeat(64) }]]],
    ['drops an action of 65 bytes rather than cut it', [[b('long', 'x'.repeat(65)), b('ok', 'next')]], [[{ text: 'ok', callback_data: 'next' }]]],
    ['counts bytes, not characters', [[b('cjk', `lesson:${'灰'.repeat(20)}`)]], undefined],
    ['drops buttons without a label or action', [[b(' ', 'next'), b('x', '')]], undefined],
    ['wraps a row of more than 8 buttons', [Array.from({ length: 10 }, (_, i) => b(`${i}`, `lesson:${i}`))],
      [Array.from({ length: 8 }, (_, i) => ({ text: `${i}`, callback_data: `lesson:${i}` })), [8, 9].map((i) => ({ text: `${i}`, callback_data: `lesson:${i}` }))]],
    ['has no keyboard without buttons', [[], []], undefined],
  ])('%s', (_name, rows, keyboard) => {
    const out = renderKeyboard(rows);
    expect(out?.inline_keyboard).toEqual(keyboard);
    for (const button of out?.inline_keyboard.flat() ?? []) {
      expect(Buffer.byteLength((button as { callback_data: string }).callback_data)).toBeLessThanOrEqual(CALLBACK_DATA_BYTES);
    }
  });

  it('stops at Telegram\'s 100 buttons', () => {
    const rows = Array.from({ length: 30 }, (_, r) => Array.from({ length: 4 }, (_, i) => b('x', `lesson:${r * 4 + i}`)));
    expect(renderKeyboard(rows)!.inline_keyboard.flat()).toHaveLength(100);
  });
});
