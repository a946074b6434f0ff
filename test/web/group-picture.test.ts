import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Caller } from '../../src/core/command.js';
import { replyText, type Reply } from '../../src/core/reply.js';
import { makeApp, type TestApp } from '../helpers/app.js';
import { decodePng, firstCellRow } from './png-pixels.js';

const inGroup = (userId: string, chatId = '-100'): Caller => ({ platform: 'telegram', userId, chatId, chatKind: 'group', canManageChat: userId === 'admin' });

// One group: the admin subscribed the channel (lesson of the day 2); ann did lessons 0 and 1,
// bob and the admin lesson 0; cy is in another group and did everything the others did and more.
let app: TestApp;
let reply: Reply;
beforeAll(async () => {
  app = makeApp();
  await app.core.text(inGroup('admin'), '/subscribe 09:00 UTC');
  const sub = (await app.store.getSubscription('telegram', '-100'))!;
  await app.store.patchSubscription(sub.id, { channelLesson: 2, channelSince: '2026-03-02' });
  for (const [user, lessons] of [['ann', [0, 1]], ['bob', [0]], ['admin', [0]]] as const) {
    for (const id of lessons) await app.core.text(inGroup(user), `/done ${id}`);
  }
  for (const id of [0, 1, 2, 3]) await app.core.text(inGroup('cy', '-200'), `/done ${id}`);
  reply = await app.core.text(inGroup('bob'), '/progress');
}, 60_000);
afterAll(() => app?.dispose());

describe('/progress in a group with a channel subscription', { timeout: 60_000 }, () => {
  it('says the lesson of the day and how many of the members are done with it', () => {
    expect(replyText(reply)).toContain('Lesson of the day: 2 ·');
    expect(replyText(reply)).toMatch(/done by 0 of 3 members/);
  });

  it('counts lessons done by someone and by everyone, section by section', () => {
    expect(replyText(reply)).toMatch(/: 2 of \d+ lessons done by someone, 1 by everyone/);
  });

  it('is for the whole group, not only the asker', () => {
    expect(reply.private).toBeFalsy();
  });

  it('sends the group picture: everyone done, some done, the lesson of the day, nobody yet', () => {
    expect(reply.picture?.name).toBe('group-progress.png');
    expect(reply.picture!.alt).toMatch(/lesson 2 is the lesson of the day; each lesson shows how many of the 3 members/);
    expect(firstCellRow(decodePng(reply.picture!.png)).slice(0, 4)).toEqual(['done', 'some', 'current', 'remaining']);
  });

  it('keeps a long lesson of the day inside the picture', async () => {
    // A fresh group: its lesson of the day is lesson 0, whose title is the longest of the first ones.
    await app.core.text(inGroup('admin', '-400'), '/subscribe 09:00 UTC');
    const png = decodePng((await app.core.text(inGroup('eve', '-400'), '/progress')).picture!.png);
    const rightMargin: string[] = [];
    for (let y = 85; y < 125; y++) for (let x = png.width - 30; x < png.width; x++) rightMargin.push(png.hex(x, y));
    expect(new Set(rightMargin)).toEqual(new Set(['#ffffff']));
  });

  it('keeps a learner’s own /progress in a group without a channel subscription', async () => {
    const own = await app.core.text(inGroup('cy', '-200'), '/progress');
    expect(own.title).toBe('Your progress');
    expect(own.private).toBe(true);
  });

  it('still answers in a group when the store cannot note the member', async () => {
    const failing = makeApp();
    try {
      failing.core.services.store = Object.assign(Object.create(failing.store) as typeof failing.store, {
        recordChatMember: async () => {
          throw new Error('SQLITE_FULL: database or disk is full');
        },
      });
      expect((await failing.core.text(inGroup('fay'), '/lesson 1')).title).toMatch(/^Lesson 1 · /);
    } finally {
      await failing.dispose();
    }
  });

  it('is in the channel’s language', async () => {
    await app.core.text(inGroup('admin', '-300'), '/lang zh');
    await app.core.text(inGroup('admin', '-300'), '/subscribe 09:00 UTC');
    const zh = await app.core.text(inGroup('dee', '-300'), '/progress');
    expect(zh.title).toBe('本群的进度');
    expect(replyText(zh)).toContain('今日课程：第 0 课');
  });
});
