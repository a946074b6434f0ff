import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeApp, type TestApp } from '../../helpers/app.js';

let app: TestApp;
beforeEach(() => {
  app = makeApp({ now: '2026-03-02T01:00:00Z' });
});
afterEach(async () => {
  await app.dispose();
});

describe('/undo', () => {
  it.each([
    ['en', 'Undone: lesson 39 · Kubernetes Services is no longer marked done.', '1 of 48 lessons done.'],
    ['zh', '已撤销：第 39 课 · Kubernetes Service 原理 不再标记为完成。', '已完成 1/48 课。'],
  ])('takes back the last lesson marked done (%s), and only that one', async (locale, undone, left) => {
    const chat = app.chat('ada', locale);
    await chat.handle('/done 0');
    app.setNow('2026-03-02T02:00:00Z');
    await chat.handle('/done 39');
    const out = await chat.handle('/undo');
    expect(out).toContain(undone);
    expect(out).toContain(left);
  });

  it('leaves a mark older than a day alone', async () => {
    const chat = app.chat();
    await chat.handle('/done 39');
    app.setNow('2026-03-03T01:30:00Z');
    expect(await chat.handle('/undo')).toBe('Nothing to undo: no lesson was marked done in the last day.');
    expect(await chat.handle('/progress')).toMatch(/1 of 48 lessons done/);
  });

  it('takes the lesson\'s new review questions with it', async () => {
    const chat = app.chat();
    await chat.handle('/done 39');
    await chat.handle('/undo');
    app.setNow('2026-03-04T01:00:00Z');
    expect(await chat.handle('/quiz')).toBe('Nothing to quiz yet: mark a lesson done first (/next).');
  });
});

describe('/reset', () => {
  it.each([
    ['en', 'This clears your progress (2 of 48 lessons done), your review questions and your streak.', '[a] Reset my progress  [b] Cancel'],
    ['zh', '这会清空你的进度（已完成 2/48 课）、复习题和连续学习记录。', '[a] 重置我的进度  [b] 取消'],
  ])('asks first (%s), saying what it clears', async (locale, asked, buttons) => {
    const chat = app.chat('ada', locale);
    await chat.handle('/done 0');
    await chat.handle('/done 1');
    const out = await chat.handle('/reset');
    expect(out).toContain(asked);
    expect(out).toContain(buttons);
  });

  it('clears progress and streak once confirmed', async () => {
    const chat = app.chat();
    await chat.handle('/done 0');
    await chat.handle('/reset');
    expect(await chat.handle('a')).toBe('Your progress is cleared. Lesson 0 is where the roadmap starts, whenever you are ready.\n\n[0] Open lesson 0');
    const progress = await chat.handle('/progress');
    expect(progress).toMatch(/0 of 48 lessons done/);
    expect(progress).toContain('No streak yet');
  });

  it('changes nothing when cancelled', async () => {
    const chat = app.chat();
    await chat.handle('/done 0');
    await chat.handle('/reset');
    expect(await chat.handle('b')).toBe('Cancelled. Nothing changed.');
    expect(await chat.handle('/progress')).toMatch(/1 of 48 lessons done/);
  });

  it('clears only the presser\'s progress', async () => {
    const ada = app.chat('ada');
    const bo = app.chat('bo');
    await ada.handle('/done 0');
    await bo.handle('/done 0');
    await ada.handle('/reset');
    await ada.handle('a');
    expect(await bo.handle('/progress')).toMatch(/1 of 48 lessons done/);
  });
});
