import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { STRINGS } from '../../src/core/i18n/strings.js';
import { PICTURE_FONT_FILE } from '../../src/web/render-png.js';
import { PAGE_FONT_FILE } from '../../src/web/web-routes.js';
import { ttfCharacters, woff2Characters } from './font-tables.js';

const font = readFileSync(PICTURE_FONT_FILE);
const mapped = ttfCharacters(font);
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

const CJK = /[\u2e80-\u9fff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef]/gu;
const pageFont = readFileSync(PAGE_FONT_FILE);
const pageMapped = woff2Characters(pageFont);
const zhLessons = readdirSync('lessons/zh').map((f) => readFileSync(`lessons/zh/${f}`, 'utf8'));

describe('the lesson pages’ Chinese font (assets/fonts, made by scripts/subset-font.mjs)', () => {
  it.each<[string, string]>([
    ['every Chinese lesson', zhLessons.join('')],
    ['the bot’s strings', readFileSync('src/core/i18n/strings.ts', 'utf8')],
    ['the roadmap', readFileSync('lessons/roadmap.yaml', 'utf8')],
  ])('has every CJK character of %s (else run scripts/subset-font.mjs again)', (_name, text) => {
    const missing = [...new Set(text.match(CJK) ?? [])].filter((c) => !pageMapped.has(c.codePointAt(0)!));
    expect(missing.join('')).toBe('');
  });

  it('is a small WOFF2 (under 400 KB), shipped with its licence (SIL OFL 1.1)', () => {
    expect(pageFont.byteLength).toBeLessThan(400 * 1024);
    expect(readFileSync('assets/fonts/OFL.txt', 'utf8')).toContain('SIL OPEN FONT LICENSE Version 1.1');
  });
});
