import { PassThrough } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConsoleAdapter, type ConsoleOptions } from '../../../src/adapters/console/console-adapter.js';
import { wrapText } from '../../../src/adapters/console/render-text.js';
import { makeApp, type TestApp } from '../../helpers/app.js';

let app: TestApp;
beforeEach(() => {
  app = makeApp();
});
afterEach(async () => {
  await app.dispose();
});

/** Runs the terminal chat over `lines` as typed, and returns everything it printed. */
async function session(lines: string[], o: ConsoleOptions = {}): Promise<string> {
  const input = new PassThrough();
  const output = new PassThrough();
  let printed = '';
  output.on('data', (c: Buffer) => (printed += c.toString()));
  const chat = new ConsoleAdapter(app.core, { user: 'ada', locale: 'en', input, output, ...o });
  const done = chat.run();
  input.end(lines.map((l) => `${l}\n`).join(''));
  await done;
  return printed;
}

describe('what the terminal accepts', () => {
  it.each([
    ['help', '== slowfast: one lesson a day'],
    ['?', '== slowfast: one lesson a day'],
    ['39', '== Lesson 39 · Kubernetes Services =='],
  ])('"%s" works without a slash', async (typed, shown) => {
    expect(await app.chat().handle(typed)).toContain(shown);
  });

  it.each([['exit'], ['quit'], ['/quit'], ['EXIT']])('"%s" ends the chat', async (word) => {
    const out = await session(['/lesson 39', word, '/lesson 15']);
    expect(out).toContain('Lesson 39');
    expect(out).not.toContain('Lesson 15');
  });

  it.each([
    ['en', '/sbscribe', 'I don’t know /sbscribe. Did you mean /subscribe? (/help lists them all.)'],
    ['en', '/lessn 39', 'I don’t know /lessn. Did you mean /lesson? (/help lists them all.)'],
    ['zh', '/tody', '我不认识 /tody。你是想输入 /today 吗？（/help 列出全部命令。）'],
    ['en', '/xyzzy', 'I don’t know /xyzzy. Here is what I can do: /help.'],
  ])('(%s) a mistyped %s gets "did you mean"', async (locale, typed, said) => {
    expect(await app.chat('ada', locale).handle(typed)).toBe(said);
  });
});

describe('search result buttons', () => {
  it('shorten a long lesson title at a word, not in the middle of one', async () => {
    const chat = app.chat();
    const out = await chat.handle('/search kubernetes');
    const clipped = [...out.matchAll(/\[(\d+)\] ([^\[\n]+?)…/g)];
    expect(clipped.length).toBeGreaterThan(0);
    for (const [, id, label] of clipped) {
      const title = (await chat.handle(`/lesson ${id}`)).split('\n')[0]!.replace(/^== Lesson \d+ · (.*) ==$/, '$1');
      expect(title.startsWith(label!)).toBe(true);
      expect(title[label!.length], `${label}… of ${title}`).toBe(' ');
    }
  });
});

describe('a lesson\'s prerequisite buttons', () => {
  it('name the lesson to read first, not only its number', async () => {
    const chat = app.chat();
    const out = await chat.handle('/lesson 39');
    const before = [...out.matchAll(/\[(\d+)\] Before this: ([^\[\n]+?)(?:  |$)/gm)];
    expect(before.map(([, id]) => id)).toEqual(['28', '32', '38']);
    for (const [, id, label] of before) {
      const title = (await chat.handle(`/lesson ${id}`)).split('\n')[0]!.replace(/^== Lesson \d+ · (.*) ==$/, '$1');
      expect(title.startsWith(label!.replace(/…$/, '')), `${label} of ${title}`).toBe(true);
    }
  });
});

describe('/progress in Chinese', () => {
  it('puts a full-width colon after each stage, as Chinese prose does', async () => {
    const out = await app.chat('ada', 'zh').handle('/progress');
    expect(out).toContain('- · 网络虚拟化：0/4');
    expect(out).not.toMatch(/[\u4e00-\u9fff]: \d/);
  });
});

describe('/subscribe every with no number', () => {
  it('says every needs a number, not that "every" is not a time', async () => {
    expect(await app.chat().handle('/subscribe every')).toBe('“every” is not a whole number: every takes a whole number from 1 to 14.');
  });
});

describe('/today with a review due', () => {
  it('heads the review "Review from lesson 39", with no colon before the closing marker', async () => {
    const chat = app.chat();
    await chat.handle('/done 39');
    app.setNow('2026-03-05T09:00:00Z');
    const today = await chat.handle('/today');
    expect(today).toContain('-- Review from lesson 39 --');
  });
});

describe('/help for one command', () => {
  it('explains /subscribe with its allowed values and an example', async () => {
    const out = await app.chat().handle('/help subscribe');
    expect(out).toMatch(/^== Help · \/subscribe ==/);
    expect(out).toContain('Usage: `/subscribe [time] [timezone] [every]`');
    expect(out).toContain('- `every`: Group channels only: a new lesson every N days (default 1); a whole number from 1 to 14');
    expect(out).toContain('Example: `/subscribe 08:30 Asia/Shanghai`');
  });

  it.each([
    ['en', '/help lang', 'allowed: en, zh'],
    ['zh', '/help lang', '可选：en, zh'],
    ['en', '/help nothing', 'There is no /nothing to explain. /help lists every command.'],
  ])('(%s) %s', async (locale, typed, said) => {
    expect(await app.chat('ada', locale).handle(typed)).toContain(said);
  });
});

describe('the terminal on a TTY and in a pipe', () => {
  it('wraps at word boundaries to the width', async () => {
    const out = await app.chat().handle('/lesson 39');
    const narrow = await new ConsoleAdapter(app.core, { user: 'ada', locale: 'en', width: 60 }).handle('/lesson 39');
    expect(out.split('\n').some((l) => l.length > 60)).toBe(true);
    for (const line of narrow.split('\n').filter((l) => !l.startsWith('    '))) expect(line.length).toBeLessThanOrEqual(59);
    expect(narrow.replace(/\s+/g, ' ')).toBe(out.replace(/\s+/g, ' '));
  });

  it('never starts a wrapped line with the space it broke at', async () => {
    const narrow = await new ConsoleAdapter(app.core, { user: 'ada', locale: 'en', width: 100 }).handle('/lesson 39');
    const wrapped = narrow.split('\n').filter((l) => l.startsWith(' ') && !l.startsWith('    '));
    expect(wrapped).toEqual([]);
  });

  it('breaks Chinese text with no spaces by columns', () => {
    expect(wrapText('每个网络命名空间都有自己的路由表和规则', 21)).toBe('每个网络命名空间都有\n自己的路由表和规则');
  });

  it('fills a line with Chinese that follows a word, rather than leaving the word alone', () => {
    const text = 'Kubernetes 里的灰度发布就是为了控制一次变更的爆炸半径，剩下的部分仍要扛住峰值。';
    expect(wrapText(text, 30)).toBe('Kubernetes 里的灰度发布就是为\n了控制一次变更的爆炸半径，剩\n下的部分仍要扛住峰值。');
  });

  it('starts no line with closing Chinese punctuation', () => {
    expect(wrapText('一二三四五六七八九十。十', 21)).toBe('一二三四五六七八九\n十。十');
  });

  it('renders bold and code with colours on a TTY, and as plain text in a pipe', async () => {
    const plain = await app.chat().handle('/help');
    const coloured = await new ConsoleAdapter(app.core, { user: 'ada', locale: 'en', color: true }).handle('/help');
    expect(plain).not.toContain('\x1b[');
    expect(plain).toContain('**Slow is fast.**'.replace(/\*\*/g, ''));
    expect(coloured).toContain('\x1b[1mSlow is fast.\x1b[0m');
    expect(coloured).toContain('\x1b[36m/today\x1b[0m');
  });

  it('hides "Check yourself" answers until /answers', async () => {
    const chat = app.chat();
    await chat.handle('/lesson 39');
    const check = await chat.handle('d'); // [d] Check yourself
    expect(check).toContain('-- Check yourself --');
    expect(check).toContain('(answer 1 hidden: type /answers to see it)');
    const answers = await chat.handle('/answers');
    expect(answers).toMatch(/^answer 1: \S/);
    expect(check).not.toContain(answers.split('\n')[0]!.slice('answer 1: '.length));
  });

  it('/answers after /quiz shows the answer of the question asked', async () => {
    const chat = app.chat();
    await chat.handle('/done 39');
    const quiz = await chat.handle('/quiz');
    expect(quiz).toContain('[a] Show answer');
    const answers = await chat.handle('/answers');
    const other = app.chat();
    await other.handle('/quiz');
    expect(answers).toBe(await other.handle('a')); // the same as pressing [a] Show answer
    expect(answers).not.toContain('There are no hidden answers');
  });

  it('pages a long lesson with a --more prompt, Enter for the next page and q to stop', async () => {
    const out = await session(['/lesson 39', '', 'q', '/lesson 15'], { interactive: true, pageLines: 5 });
    const pages = out.split('--more-- (Enter for more, q to stop)');
    expect(pages.length).toBeGreaterThan(2);
    expect(out).toContain('== Lesson 15 · ');
  });

  it('welcomes back a learner who chose Chinese in Chinese', async () => {
    await session(['/lang zh'], { interactive: true });
    const again = await session([], { interactive: true });
    expect(again).toContain('欢迎回来。/today 显示今天的课。');
    expect(again).toContain('输入 /help、命令、课号、按钮前的字母，或 quit 退出。');
    expect(again).not.toMatch(/Welcome back|Type \/help/);
  });

  it('shows the full help the first time only', async () => {
    expect(await session([], { interactive: true })).toContain('== slowfast: one lesson a day');
    const again = await session([], { interactive: true });
    expect(again).not.toContain('== slowfast: one lesson a day');
    expect(again).toContain('Welcome back. /today shows today\'s lesson.');
  });
});
