import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Caller } from '../../../src/core/command.js';
import { replyText } from '../../../src/core/reply.js';
import { Dispatcher } from '../../../src/schedule/dispatcher.js';
import { RecordingMessenger } from '../../fakes/recording-messenger.js';
import { makeApp, type TestApp } from '../../helpers/app.js';

let app: TestApp;
beforeEach(() => {
  app = makeApp();
});
afterEach(async () => {
  await app.dispose();
});

describe('bare /done', () => {
  it.each([
    ['/lesson 39', 'Lesson 39 · Kubernetes Services: done.'],
    ['/lesson svc', 'Lesson 39 · Kubernetes Services: done.'],
    ['/next', 'Lesson 0 · Orientation'],
  ])('after %s marks the lesson just opened and says which', async (open, marked) => {
    const chat = app.chat();
    await chat.handle(open);
    const out = await chat.handle('/done');
    expect(out).toContain(marked);
    expect(out).toContain('That is the lesson you opened last; /undo takes it back.');
  });

  it('marks the lesson opened last, not the next one of the roadmap', async () => {
    const chat = app.chat();
    await chat.handle('/lesson 39');
    await chat.handle('/lesson 15');
    expect(await chat.handle('/done')).toContain('Lesson 15 · VXLAN principles: done.');
    expect(await chat.handle('/roadmap')).toMatch(/▶ 0 /);
  });

  it('follows a lesson opened with a button', async () => {
    const chat = app.chat();
    await chat.handle('/done 39'); // its button [0] opens lesson 0
    await chat.handle('0');
    expect(await chat.handle('/done')).toContain('Lesson 0 · ');
  });

  it('says so in Chinese', async () => {
    const chat = app.chat('li', 'zh');
    await chat.handle('/lesson 39');
    const out = await chat.handle('/done');
    expect(out).toContain('第 39 课 · ');
    expect(out).toContain('这是你最近打开的一课；用 /undo 可以撤销。');
  });

  it.each([
    ['en', 'Which lesson did you finish? For example /done 5.', '[0] Open lesson 0', /0 of \d+ lessons done/],
    ['zh', '你完成了哪一课？例如 /done 5。', '[0] 打开第 0 课', /已完成 0\/\d+ 课/],
  ])('with no lesson opened yet asks which (%s) and marks nothing', async (locale, asked, button, none) => {
    const chat = app.chat('new', locale);
    const out = await chat.handle('/done');
    expect(out).toContain(asked);
    expect(out).toContain(button);
    expect(await chat.handle('/progress')).toMatch(none);
  });

  it('marks the lesson of the daily prompt once it has arrived', async () => {
    const me: Caller = { platform: 'telegram', userId: '100', chatId: '100', chatKind: 'private', canManageChat: true };
    await app.core.text(me, '/done 0');
    await app.core.text(me, '/lesson 39');
    await app.core.text(me, '/subscribe 09:00 Asia/Shanghai');
    const messenger = new RecordingMessenger();
    app.setNow('2026-03-02T01:00:00Z');
    await new Dispatcher({ services: app.services, messengers: [messenger], log: pino({ level: 'silent' }) }).tick();
    expect(messenger.sent[0]!.reply.title).toMatch(/^Today · lesson 1 · /);
    expect(replyText(await app.core.text(me, '/done'))).toMatch(/^Lesson 1 · .+: done\./);
  });
});

describe('/done with a guessed lesson', () => {
  it.each([
    ['en', '/done proxy', 'Cancel', 'Cancelled. Nothing changed.'],
    ['zh', '/done 代理', '取消', '已取消，没有任何变化。'],
  ])('offers Cancel (%s), which marks nothing', async (locale, typed, cancel, cancelled) => {
    const chat = app.chat('ada', locale);
    const asked = await chat.handle(typed);
    expect(asked).toContain(`[b] ${cancel}`);
    expect(await chat.handle('b')).toBe(cancelled);
    expect(await chat.handle('/undo')).toMatch(/Nothing to undo|没有可以撤销的/);
  });
});

describe('/lesson with a guessed topic', () => {
  it.each([
    ['en', '/lesson proxy', 'Did you mean 39 Kubernetes Services?', '[39] Open 39', 'Cancel'],
    ['zh', '/lesson 服务代理', '你是指第 39 课 Kubernetes Service 原理 吗？', '[39] 打开第 39 课', '取消'],
  ])('asks before opening (%s)', async (locale, typed, question, open, cancel) => {
    const out = await app.chat('ada', locale).handle(typed);
    expect(out.split('\n')[0]).toBe(question);
    expect(out).toContain(open);
    expect(out).toMatch(new RegExp(`\\[a\\] ${cancel}$`));
    expect(out).not.toContain('==');
  });

  it('opens the lesson when the learner presses Open', async () => {
    const chat = app.chat();
    await chat.handle('/lesson proxy');
    expect(await chat.handle('39')).toMatch(/^== Lesson 39 · Kubernetes Services ==/);
  });

  it.each([['/lesson 39'], ['/lesson svc'], ['/lesson vxlan'], ['/lesson Kubernetes Services']])('opens at once for %s: a number, alias or title names it', async (typed) => {
    expect(await app.chat().handle(typed)).toMatch(/^== Lesson \d+ · /);
  });
});
