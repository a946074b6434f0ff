import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { STRINGS } from '../../src/core/i18n/strings.js';
import { PICTURE_FONT_FILE } from '../../src/web/render-png.js';

/** The characters a font maps (cmap formats 4 and 12): a glyph missing from it draws as a blank. */
function mappedCharacters(font: Buffer): Set<number> {
  const tables = font.readUInt16BE(4);
  let cmap = -1;
  for (let i = 0; i < tables; i++) if (font.toString('latin1', 12 + 16 * i, 16 + 16 * i) === 'cmap') cmap = font.readUInt32BE(20 + 16 * i);
  const codes = new Set<number>();
  const subtables = font.readUInt16BE(cmap + 2);
  for (let i = 0; i < subtables; i++) {
    const at = cmap + font.readUInt32BE(cmap + 8 + 8 * i);
    const format = font.readUInt16BE(at);
    if (format === 4) {
      const segments = font.readUInt16BE(at + 6) / 2;
      for (let s = 0; s < segments; s++) {
        const end = font.readUInt16BE(at + 14 + 2 * s);
        const start = font.readUInt16BE(at + 16 + 2 * segments + 2 * s);
        for (let c = start; c <= end && c !== 0xffff; c++) codes.add(c);
      }
    } else if (format === 12) {
      const groups = font.readUInt32BE(at + 12);
      for (let g = 0; g < groups; g++) {
        for (let c = font.readUInt32BE(at + 16 + 12 * g); c <= font.readUInt32BE(at + 20 + 12 * g); c++) codes.add(c);
      }
    }
  }
  return codes;
}

const font = readFileSync(PICTURE_FONT_FILE);
const mapped = mappedCharacters(font);
// Only what the picture draws: other strings may gain characters without a new font.
const PICTURE_KEYS = (Object.keys(STRINGS) as (keyof typeof STRINGS)[]).filter((k) => /^(picture\.|progress\.(title|summary|streak|streakOne|noStreak)$)/.test(k));
const titles = readdirSync('lessons/zh').map((f) => /^title:\s*(.*)$/m.exec(readFileSync(`lessons/zh/${f}`, 'utf8'))?.[1] ?? '');

describe('the picture font (assets/fonts, made by scripts/subset-font.mjs)', () => {
  it.each<[string, string]>([
    ['the picture’s labels', PICTURE_KEYS.map((k) => STRINGS[k].en + STRINGS[k].zh).join('')],
    ['the roadmap', readFileSync('lessons/roadmap.yaml', 'utf8')],
    ['the Chinese lesson titles', titles.join('')],
  ])('has every Chinese character of %s (else run scripts/subset-font.mjs again)', (_name, text) => {
    const missing = [...new Set(text.match(/[\u3000-\u9fff\uff00-\uffef]/gu) ?? [])].filter((c) => !mapped.has(c.codePointAt(0)!));
    expect(missing.join('')).toBe('');
  });

  it('has printable ASCII', () => {
    const missing = Array.from({ length: 95 }, (_, i) => 32 + i).filter((c) => !mapped.has(c));
    expect(missing.map((c) => String.fromCharCode(c)).join('')).toBe('');
  });

  it('stays small in the repository (under 1 MB)', () => {
    expect(font.byteLength).toBeLessThan(1024 * 1024);
  });
});
