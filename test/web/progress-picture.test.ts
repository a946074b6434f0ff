import { afterEach, describe, expect, it } from 'vitest';
import type { Caller } from '../../src/core/command.js';
import { makeApp, type TestApp } from '../helpers/app.js';
import { decodePng, firstCellRow } from './png-pixels.js';

const caller = (locale: 'en' | 'zh'): Caller => ({ platform: 'telegram', userId: '7', chatId: '7', chatKind: 'private', canManageChat: true, localeHint: locale });

let app: TestApp | undefined;
afterEach(async () => {
  await app?.dispose();
  app = undefined;
});

async function progressAfter(done: number[], locale: 'en' | 'zh' = 'en') {
  app = makeApp();
  for (const id of done) await app.core.text(caller(locale), `/done ${id}`);
  return app.core.text(caller(locale), '/progress');
}

// Each test makes an app and renders pictures: slow on a busy 2-core machine.
describe('the progress picture', { timeout: 60_000 }, () => {
  it('comes with /progress as a PNG 1200 px wide, under 300 KB', async () => {
    const reply = await progressAfter([0, 1]);
    expect(reply.picture?.name).toBe('progress.png');
    const png = decodePng(reply.picture!.png);
    expect(png.width).toBe(1200);
    expect(png.height).toBeGreaterThan(600);
    expect(reply.picture!.png.byteLength).toBeLessThan(300 * 1024);
  });

  it.each<[string, number[], string[]]>([
    ['nothing done: the first lesson is current', [], ['current', 'remaining', 'remaining']],
    ['two done: the third is current', [0, 1], ['done', 'done', 'current', 'remaining']],
    ['done out of order: the gap is current', [0, 2], ['done', 'current', 'done', 'remaining']],
  ])('colours the first section’s cells: %s', async (_name, done, expected) => {
    const reply = await progressAfter(done);
    expect(firstCellRow(decodePng(reply.picture!.png)).slice(0, expected.length)).toEqual(expected);
  });

  it.each<['en' | 'zh', RegExp]>([
    ['en', /^Progress picture: 1 of \d+ lessons done/],
    ['zh', /^进度图：已完成 1\/\d+ 课/],
  ])('says what it shows in the learner’s language (%s)', async (locale, alt) => {
    const reply = await progressAfter([0], locale);
    expect(reply.picture!.alt).toMatch(alt);
  });

  it('is written to a file by the terminal chat, which prints its path', async () => {
    app = makeApp();
    const out = await app.chat('ada').handle('/progress');
    expect(out).toMatch(/^\[picture: .*progress\.png\] Progress picture: 0 of \d+ lessons done/);
  });
});
