import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeApp, type TestApp } from '../../helpers/app.js';

let app: TestApp;
beforeEach(() => {
  app = makeApp();
});
afterEach(async () => {
  await app.dispose();
});

describe('the terminal chat', () => {
  it('opens lesson 39 with its title, summary, first section and lettered buttons', async () => {
    const out = await app.chat().handle('/lesson 39');
    expect(out).toMatch(/^== Lesson 39 · Kubernetes Services ==/);
    expect(out).toContain('-- Why it matters --');
    expect(out).toMatch(/\[a\] Key ideas {2}\[b\] Try it/);
    expect(out).toMatch(/\[[a-z]\] ✓ Done {2}\[[a-z]\] Quiz me {2}\[40\] Next →/);
  });

  it('finds a lesson by topic as well as by number', async () => {
    expect(await app.chat().handle('/lesson vxlan')).toMatch(/^== Lesson 15 · /);
  });

  it('lands a withdrawn lesson number on the lesson that replaced it', async () => {
    const out = await app.chat().handle('/lesson 4');
    expect(out).toMatch(/^== Lesson 5 · /);
    expect(out).toContain('Lesson 4 was withdrawn');
  });

  it('presses a button by its letter and edits to the chosen section', async () => {
    const chat = app.chat();
    await chat.handle('/lesson 39');
    const out = await chat.handle('a');
    expect(out).toMatch(/^== Lesson 39 · Kubernetes Services ==/);
    expect(out).toContain('-- Key ideas --');
    expect(out).not.toContain('-- Why it matters --');
  });

  it('answers in Chinese after /lang zh', async () => {
    const chat = app.chat();
    expect(await chat.handle('/lang zh')).toContain('之后我会用中文回复你');
    expect(await chat.handle('/lesson 39')).toMatch(/^== 第 39 课 · /);
  });

  it('follows the platform language when the learner has not chosen one', async () => {
    expect(await app.chat('li', 'zh_CN.UTF-8').handle('/roadmap')).toMatch(/^== 路线图 · 已完成 0\//);
  });

  it('lists search results with section and snippet, best first', async () => {
    const out = await app.chat().handle('/search vxlan');
    expect(out).toMatch(/^== Search: vxlan ==\n\n15 · VXLAN principles \(/);
    expect(out).toMatch(/\[15\] VXLAN principles/);
  });

  it('keys a lesson\'s button by its number in every view, so typing it means the same lesson', async () => {
    const chat = app.chat();
    expect(await chat.handle('/search kubernetes service')).toMatch(/\[39\] Kubernetes Services/);
    expect(await chat.handle('/lesson proxy')).toMatch(/\[39\] Open 39/);
    expect(await chat.handle('/lesson 38')).toMatch(/\[39\] Next →/);
    expect(await chat.handle('39')).toMatch(/^== Lesson 39 · Kubernetes Services ==/);
  });

  it('marks the lesson just opened done and offers the next one', async () => {
    const chat = app.chat();
    await chat.handle('/next');
    const out = await chat.handle('/done');
    expect(out).toContain('Lesson 0 · ');
    expect(out).toContain(': done.');
    expect(out).toMatch(/1 of \d+ lessons done\./);
    expect(out).toMatch(/Next up: lesson 1 · /);
    expect(await chat.handle('/next')).toMatch(/^== Lesson 1 · /);
  });

  it('says so when a lesson was already done', async () => {
    const chat = app.chat();
    await chat.handle('/done 39');
    expect(await chat.handle('/done 39')).toContain('Lesson 39 was already done. Nothing changed.');
  });

  it('shows progress with the roadmap marks', async () => {
    const chat = app.chat();
    await chat.handle('/done 0');
    expect(await chat.handle('/roadmap')).toMatch(/- ✓ 0 · .*\n- ▶ 1 · /);
    expect(await chat.handle('/progress')).toMatch(/1 of \d+ lessons done/);
  });

  it('runs a quiz: question, then the answer and rating buttons, then when it comes back', async () => {
    const chat = app.chat();
    const question = await chat.handle('/quiz 15');
    expect(question).toMatch(/^== Check yourself · lesson 15 ==/);
    expect(question).toMatch(/\[a\] Show answer$/);
    const answer = await chat.handle('a');
    expect(answer).toContain('-- Answer --');
    expect(answer).toMatch(/\[a\] Again {2}\[b\] Hard {2}\[c\] Good {2}\[d\] Easy$/);
    expect(await chat.handle('c')).toMatch(/Noted\. This question comes back (tomorrow|in \d+ days)\./);
  });

  it('serves a done lesson\'s question as a review once it is due', async () => {
    const chat = app.chat();
    await chat.handle('/done 15');
    expect(await chat.handle('/quiz')).toContain('No reviews are due;');
    app.setNow('2026-03-03T02:00:00Z');
    expect(await chat.handle('/quiz')).toMatch(/^== Review · Check yourself · lesson 15 ==/);
  });

  it('stops serving reviews for the day once the daily cap is reached', async () => {
    const chat = app.chat();
    for (const id of [0, 1, 2]) await chat.handle(`/done ${id}`);
    app.setNow('2026-03-05T02:00:00Z'); // fifteen questions are due now
    for (let i = 0; i < 5; i++) {
      expect(await chat.handle('/quiz')).toMatch(/^== Review · /);
      await chat.handle('a'); // show the answer
      await chat.handle('c'); // "Good"
    }
    expect(await chat.handle('/quiz')).toContain('That is today’s 5 reviews: enough for one day.');
    app.setNow('2026-03-06T02:00:00Z');
    expect(await chat.handle('/quiz')).toMatch(/^== Review · /);
  });

  it('subscribes at a time and timezone and shows them back', async () => {
    const out = await app.chat().handle('/subscribe 09:00 asia/shanghai');
    expect(out).toContain('Every day at 09:00 (Asia/Shanghai) I will send you');
  });

  it('pauses and resumes the subscription', async () => {
    const chat = app.chat();
    expect(await chat.handle('/pause')).toContain('no daily prompt');
    await chat.handle('/subscribe 07:30 Europe/Berlin');
    expect(await chat.handle('/pause')).toContain('Paused.');
    expect(await chat.handle('/pause')).toContain('already paused');
    expect(await chat.handle('/resume')).toContain('Welcome back. Prompts resume at 07:30 (Europe/Berlin).');
    expect(await chat.handle('/unsubscribe')).toContain('Daily prompts stopped');
  });
});

describe('bad input gets a clear, friendly reply', () => {
  it.each([
    ['/lesson 99', 'There is no lesson 99: the roadmap runs from 0 to 50.'],
    ['/lesson', 'Which lesson? Give a number or a topic'],
    ['/lesson qwertyuiop zxcvb', 'I found no lesson for “qwertyuiop zxcvb”'],
    ['/search', 'Give me a few words to look for'],
    ['/search *', 'Give me a few words to look for'],
    ['/search the and of', 'is only common words, which every lesson has'],
    ['/subscribe 25:99', '“25:99” is not a time of day.'],
    ['/subscribe 09:00 Mars/Olympus', '“Mars/Olympus” is not a timezone I know.'],
    ['/subscribe 09:00 UTC 99', '99 is out of range: every takes a whole number from 1 to 14.'],
    ['/lang fr', '“fr” is not one of: en, zh.'],
    ['/lang', 'Usage: /lang <language>'],
    ['/frobnicate', 'I don’t know /frobnicate.'],
    ['zzqqxx', 'Nothing matched “zzqqxx”'],
  ])('%s', async (line, expected) => {
    expect(await app.chat().handle(line)).toContain(expected);
  });

  it.each(['foo:', '~', '+', '-', '^2', 'k8s~', 'http://x', 'title:kvm', '"unclosed', '\u0000\u0007', '💥🔥'])(
    'search %j never throws',
    async (query) => {
      const out = await app.chat().handle(`/search ${query}`);
      expect(out).not.toContain('Sorry, something went wrong');
      expect(out.length).toBeGreaterThan(0);
    },
  );

  it('searches a 10,000-character query by its first words and says so', async () => {
    const out = await app.chat().handle(`/search vxlan ${'a'.repeat(10_000)}`);
    expect(out).toContain('That was long: I searched its first words only.');
    expect(out.length).toBeLessThan(6000);
  });

  it('refuses a forged button action politely', async () => {
    const chat = app.chat();
    expect(await app.core.press({ platform: 'console', userId: 'x', chatId: 'x', chatKind: 'private', canManageChat: true }, 'rate:15:99:9'))
      .toMatchObject({ blocks: [{ text: 'That button no longer works. Try /help.' }] });
    expect(await chat.handle('/help')).toContain('/lesson <topic>');
  });
});
