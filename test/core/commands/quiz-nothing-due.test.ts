import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeApp, type TestApp } from '../../helpers/app.js';

let app: TestApp;
beforeEach(() => {
  app = makeApp({ now: '2026-03-02T01:00:00Z' });
});
afterEach(async () => {
  await app.dispose();
});

describe('/quiz with nothing due', () => {
  it.each([
    ['en', 'No reviews are due; the next one comes tomorrow. Meanwhile, a question from lesson 15, which you have done.', '== Check yourself · lesson 15 =='],
    ['zh', '目前没有待复习的题目，下一道会在明天到期。先来一道你学过的第 15 课的题。', '== 自我检测 · 第 15 课 =='],
  ])('asks about a lesson the learner has done and says when the next review is (%s)', async (locale, said, title) => {
    const chat = app.chat('ada', locale);
    await chat.handle('/done 15');
    const out = await chat.handle('/quiz');
    expect(out).toContain(title);
    expect(out).toContain(said);
  });

  it('never asks about a lesson not read yet', async () => {
    const chat = app.chat();
    await chat.handle('/done 39');
    const out = await chat.handle('/quiz');
    expect(out).toContain('lesson 39');
    expect(out).not.toContain('lesson 0');
  });

  it.each([
    ['en', 'Nothing to quiz yet: mark a lesson done first (/next).'],
    ['zh', '还没有可以考的题目：先完成一课吧（/next）。'],
  ])('says there is nothing to quiz before any lesson is done (%s)', async (locale, said) => {
    expect(await app.chat('new', locale).handle('/quiz')).toBe(said);
  });
});
