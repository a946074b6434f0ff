import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeApp, type TestApp } from '../../helpers/app.js';

let app: TestApp;
beforeEach(() => {
  app = makeApp();
});
afterEach(async () => {
  await app.dispose();
});

describe('/done with a typed lesson', () => {
  it.each([
    ['proxy'],
    ['4.5'],
  ])('asks before marking a lesson guessed from "%s", and marks nothing yet', async (typed) => {
    const chat = app.chat();
    const out = await chat.handle(`/done ${typed}`);
    expect(out).toMatch(/Did you mean \d+ .+\? Nothing is marked until you choose\./);
    expect(out).toMatch(/\[a\] Mark (\d+) done {2}\[\1\] Open lesson \1/);
    expect(await chat.handle('/progress')).toMatch(/0 of \d+ lessons done/);
  });

  it('marks the guessed lesson once the learner presses "Mark N done"', async () => {
    const chat = app.chat();
    const asked = await chat.handle('/done proxy');
    const id = /Mark (\d+) done/.exec(asked)![1];
    const out = await chat.handle('a');
    expect(out).toContain(`Lesson ${id} · `);
    expect(out).toContain(': done.');
  });

  it.each([['39'], ['#39'], ['svc']])('marks "%s" at once: a number or alias names the lesson exactly', async (typed) => {
    expect(await app.chat().handle(`/done ${typed}`)).toContain('Lesson 39 · Kubernetes Services: done.');
  });
});

describe('/progress wording', () => {
  it('says "Streak: 1 day" after the first day, not "1 days"', async () => {
    const chat = app.chat();
    await chat.handle('/done 0');
    const out = await chat.handle('/progress');
    expect(out).toContain('Streak: 1 day');
    expect(out).not.toContain('1 days');
  });
});
