import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Caller } from '../../../src/core/command.js';
import { replyText, type Reply } from '../../../src/core/reply.js';
import { makeApp, type TestApp } from '../../helpers/app.js';

const ada: Caller = { platform: 'telegram', userId: '7', chatId: '7', chatKind: 'private', canManageChat: true };
let app: TestApp;

beforeEach(() => {
  app = makeApp({ now: '2026-03-02T09:00:00Z' });
});
afterEach(() => app.dispose());

const button = (reply: Reply, label: string) => reply.buttons.flat().find((b) => b.label === label)?.action;
const reviewsToday = () => app.store.countReviewsSince('telegram:7', '2026-03-02T00:00:00Z');

/** `/quiz <lesson>`, then "Show answer": the reply with the rating buttons (or whatever came instead). */
async function showAnswer(lesson: number): Promise<Reply> {
  const question = await app.core.text(ada, `/quiz ${lesson}`);
  const reveal = button(question, 'Show answer');
  return reveal ? app.core.press(ada, reveal) : question;
}

describe('a rating is recorded once per question shown', () => {
  it('a double press on "Good" records one review; the second press says it was already rated', async () => {
    const good = button(await showAnswer(15), 'Good')!;
    expect(replyText(await app.core.press(ada, good))).toMatch(/^Noted\. This question comes back/);
    expect(replyText(await app.core.press(ada, good))).toBe('Already rated: one rating each time a question is shown. /quiz for another.');
    expect(await reviewsToday()).toBe(1);
  });

  it('two presses at the same moment (two devices) record one review', async () => {
    const answer = await showAnswer(15);
    const replies = await Promise.all([app.core.press(ada, button(answer, 'Good')!), app.core.press(ada, button(answer, 'Again')!)]);
    expect(replies.map(replyText).filter((t) => t.startsWith('Already rated'))).toHaveLength(1);
    expect(await reviewsToday()).toBe(1);
  });

  it('the same question shown again can be rated again', async () => {
    await app.core.press(ada, button(await showAnswer(15), 'Good')!);
    await app.core.press(ada, button(await showAnswer(15), 'Hard')!);
    expect(await reviewsToday()).toBe(2);
  });

  it.each([
    ['a button from before questions had ids', 'rate:15:0:3', 'That rating button has expired. Try /quiz for a fresh question.'],
    ['a forged showing id', 'rate:15:0:3:999999', 'That rating button has expired. Try /quiz for a fresh question.'],
  ])('%s records nothing and says so', async (_case, press, said) => {
    expect(replyText(await app.core.press(ada, press))).toBe(said);
    expect(await reviewsToday()).toBe(0);
  });

  it('a rating button shown to someone else records nothing for the presser', async () => {
    const good = button(await showAnswer(15), 'Good')!;
    const bob: Caller = { ...ada, userId: '8', chatId: '8' };
    expect(replyText(await app.core.press(bob, good))).toBe('That rating button has expired. Try /quiz for a fresh question.');
    expect(await reviewsToday()).toBe(0);
  });
});

describe('the daily review cap (5) holds on every path', () => {
  it('12 rounds of a lesson\'s quiz record 5 reviews; the 6th /quiz says the day is done', async () => {
    const said: string[] = [];
    for (let i = 0; i < 12; i++) {
      const answer = await showAnswer(15);
      const good = button(answer, 'Good');
      said.push(good ? replyText(await app.core.press(ada, good)).split('.')[0]! : replyText(answer));
    }
    expect(said.slice(0, 5)).toEqual(Array(5).fill('Noted'));
    expect(new Set(said.slice(5))).toEqual(new Set(['That is today’s 5 reviews: enough for one day. Slow is fast; more tomorrow.']));
    expect(await reviewsToday()).toBe(5);
  });

  it('answers already on screen cannot go past the cap either', async () => {
    const open = [];
    for (let i = 0; i < 7; i++) open.push(await showAnswer(15 + i));
    for (const answer of open) await app.core.press(ada, button(answer, 'Easy')!);
    expect(await reviewsToday()).toBe(5);
  });

  it('the next local day has room again', async () => {
    for (let i = 0; i < 5; i++) await app.core.press(ada, button(await showAnswer(15), 'Good')!);
    app.setNow('2026-03-03T09:00:00Z');
    expect(replyText(await app.core.press(ada, button(await showAnswer(15), 'Good')!))).toMatch(/^Noted/);
  });
});
