import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTelegramHarness, type TelegramHarness } from '../../fakes/telegram-harness.js';
import { TEST_TOKEN } from '../../fakes/telegram-server.js';

let h: TelegramHarness;
beforeAll(async () => {
  h = await startTelegramHarness();
});
afterAll(async () => {
  await h?.stop();
});

describe('inline mode', () => {
  // The emulator cannot send inline queries, so the update goes straight to the running bot.
  it('offers lessons as shareable articles for @bot <query>', async () => {
    await h.platform.bot.handleUpdate({
      update_id: 900001,
      inline_query: { id: 'q1', from: { id: 777, is_bot: false, first_name: 'Ann' }, query: 'vxlan', offset: '' },
    });
    const answer = h.fake.callsOf('answerInlineQuery').at(-1)!.payload;
    const results = answer.results as { id: string; title: string; input_message_content: { message_text: string; parse_mode: string } }[];
    expect(answer.inline_query_id).toBe('q1');
    expect(results[0]).toMatchObject({ id: 'lesson-15', title: expect.stringMatching(/^Lesson 15 · /) });
    expect(results[0]!.input_message_content).toMatchObject({ parse_mode: 'HTML', message_text: expect.stringMatching(/^<b>Lesson 15 · /) });
  });

  it.each([
    ['a search', 'vxlan'],
    ['an empty query', ''],
  ])('marks the results of %s personal: they are in the asker\'s language and follow their progress', async (_name, query) => {
    await h.platform.bot.handleUpdate({
      update_id: 900002 + query.length,
      inline_query: { id: `q-${query}`, from: { id: 778, is_bot: false, first_name: 'Bo', language_code: 'zh' }, query, offset: '' },
    });
    expect(h.fake.callsOf('answerInlineQuery').at(-1)!.payload).toMatchObject({ inline_query_id: `q-${query}`, is_personal: true });
  });

  it('offers the learner\'s current lesson first for an empty query', async () => {
    await h.app.store.saveLearner({ id: 'telegram:779', includeOptional: false, currentLesson: 39, currentSince: '2026-03-01', createdAt: '2026-02-01T00:00:00Z' });
    await h.platform.bot.handleUpdate({
      update_id: 900010,
      inline_query: { id: 'q-own', from: { id: 779, is_bot: false, first_name: 'Cy' }, query: '', offset: '' },
    });
    const results = h.fake.callsOf('answerInlineQuery').at(-1)!.payload.results as { id: string; title: string }[];
    expect(results[0]).toMatchObject({ id: 'lesson-39', title: 'Lesson 39 · Kubernetes Services' });
    expect(new Set(results.map((r) => r.id)).size).toBe(results.length);
  });
});

describe.concurrent('errors', () => {
  it('logs a failed reply, apologizes to the user, and keeps serving', async () => {
    const user = h.fake.user({ userId: 2001 });
    h.fake.failNext('sendMessage', { error_code: 400, description: "Bad Request: can't parse entities" });
    const [sorry] = await user.command('/lesson 39');
    expect(sorry!.text).toBe('Sorry, something went wrong on my side. Please try again in a moment.');
    expect(h.logLines.some((l) => l.includes('telegram update failed') && l.includes("can't parse entities"))).toBe(true);
    expect(h.logLines.join('\n')).not.toContain(TEST_TOKEN);
    const [lesson] = await user.command('/lesson 39');
    expect(lesson!.text).toMatch(/^Lesson 39 · /);
  });

  it('answers a forged button in a private chat with a friendly message', async () => {
    const user = h.fake.user({ userId: 2002 });
    const [help] = await user.command('/help');
    const added = await user.press(help!, 'rate:15:99:9');
    expect(added.map((m) => m.text)).toEqual(['That button no longer works. Try /help.']);
  });
});
