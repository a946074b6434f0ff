import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BotCore } from '../../src/core/bot-core.js';
import type { Caller, OptionDef } from '../../src/core/command.js';
import type { Reply } from '../../src/core/reply.js';
import { makeApp, type TestApp } from '../helpers/app.js';
import { FORGED_ACTIONS, hostileText, int, OBJECT_VALUES, pick, seeded, wrongValue, type Rng } from './hostile-inputs.js';
import { replyChecks, show } from './reply-checks.js';

const SEED = Number(process.env.FUZZ_SEED ?? 20260302);
const RUNS = Number(process.env.FUZZ_RUNS ?? 10_000);

const caller = (platform: string, userId: string, chatId: string, chatKind: Caller['chatKind'], canManageChat: boolean, localeHint?: 'en' | 'zh'): Caller =>
  ({ platform, userId, userName: userId, chatId, chatKind, canManageChat, localeHint });

/** Everyone who sends fuzz: private chats and groups, admins and not, both languages. */
const CALLERS: Caller[] = [
  caller('telegram', 'alice', 'alice', 'private', true, 'en'),
  caller('telegram', 'alice', '-100200', 'group', false, 'en'),
  caller('telegram', 'mallory', '-100200', 'group', true),
  caller('discord', 'carol', 'channel-1', 'group', true, 'zh'),
  caller('discord', 'dan', 'dm-dan', 'private', true),
  caller('console', 'erin', 'erin', 'private', true, 'zh'),
];
/** The learner nobody else may touch. */
const BOB = caller('telegram', 'bob', 'bob', 'private', true, 'en');

let app: TestApp;
let core: BotCore;
const bugs: unknown[] = [];
// The real lessons: a reply may quote one that says "undefined" in its own words.
const { checkReply, suspicious } = replyChecks('lessons');

beforeAll(async () => {
  app = makeApp();
  // The same services as the app's core, with a log that remembers what the core caught: an
  // apology hides a bug from the user, not from this test.
  // Replies are what is fuzzed here; 10,000 commands would also draw some 800 progress PNGs (tens of
  // seconds on a busy machine). The picture has its own tests (test/web/progress-picture.test.ts).
  core = new BotCore({ ...app.services, pictures: undefined }, { error: (obj, msg) => bugs.push({ msg, obj }) });
  for (const line of ['/lang zh', '/done 0', '/done 1', '/subscribe 07:30 Europe/Berlin']) await core.text(BOB, line);
  // Two reviews: show an answer, press a rating (Good = third button, Again = first) on it.
  for (const [reveal, rating] of [['ans:15:0', 2], ['ans:39:1', 0]] as const) {
    await core.press(BOB, (await core.press(BOB, reveal)).buttons[0]![rating]!.action);
  }
});
afterAll(() => app.dispose());

/** Everything the store holds about a learner and their chat. */
async function stateOf(c: Caller) {
  const id = `${c.platform}:${c.userId}`;
  const { store } = app.services;
  return {
    learner: await store.getLearner(id),
    done: await store.listDone(id),
    cards: await store.dueCards(id, '9999-12-31T00:00:00.000Z', 10_000),
    reviews: await store.countReviewsSince(id, ''),
    studyDays: await store.listStudyDays(id, ''),
    subscription: await store.getSubscription(c.platform, c.chatId),
  };
}

interface Case {
  describe: string;
  /** What the user sent, as text: a reply may echo it back. */
  input: string;
  run: () => Promise<Reply | { label: string; value: string }[] | { title: string; description: string; reply: Reply }[]>;
}

function nextCase(rng: Rng, seenActions: string[]): Case {
  const who = pick(rng, CALLERS);
  const r = rng();
  if (r < 0.4) {
    const name = pick(rng, [...core.commands.flatMap((c) => [c.name, ...(c.aliases ?? [])]), 'quit', 'unknown', '', 'LESSON', 'lesson@slowfast_bot', hostileText(rng)]);
    const line = rng() < 0.8 ? `/${name} ${hostileText(rng)}` : hostileText(rng);
    return { describe: `text ${who.userId}`, input: line, run: () => core.text(who, line) };
  }
  if (r < 0.65) {
    const cmd = pick(rng, core.commands);
    const name = rng() < 0.9 ? cmd.name : hostileText(rng);
    const raw: Record<string, unknown> = {};
    for (const o of cmd.options as readonly OptionDef[]) if (rng() < 0.8) raw[o.name] = wrongValue(rng);
    if (rng() < 0.2) raw[hostileText(rng) || 'extra'] = wrongValue(rng);
    return { describe: `command ${who.userId}`, input: `${name} ${show(raw)}`, run: () => core.command(who, name, raw) };
  }
  if (r < 0.9) {
    // Replayed buttons from earlier replies (someone else's, often), or forged payloads.
    const raw = rng() < 0.5 && seenActions.length ? pick(rng, seenActions) : pick(rng, FORGED_ACTIONS);
    return { describe: `press ${who.userId}`, input: show(raw), run: () => core.press(who, raw as string) };
  }
  if (r < 0.95) {
    const cmd = pick(rng, core.commands);
    const option = pick(rng, [...(cmd.options as readonly OptionDef[]).map((o) => o.name), 'nope']);
    const partial = hostileText(rng);
    return { describe: `autocomplete ${who.userId}`, input: partial, run: () => core.autocomplete(who, cmd.name, option, partial) };
  }
  const query = hostileText(rng);
  return { describe: `shareable ${who.userId}`, input: query, run: () => core.shareable(who, query) };
}

describe('the command layer under 10,000 random and hostile inputs', () => {
  it(`answers every one with a friendly reply and leaves another learner untouched (seed ${SEED})`, async () => {
    const rng = seeded(SEED);
    const before = await stateOf(BOB);
    // Something to lose: without it, "unchanged" would prove nothing.
    expect(before).toMatchObject({ learner: { locale: 'zh' }, done: [{ lessonId: 0 }, { lessonId: 1 }], reviews: 2, subscription: { status: 'active', time: '07:30' } });
    expect(before.cards).toEqual(expect.arrayContaining([expect.objectContaining({ lessonId: 15, question: 0, reps: 1 })]));
    const problems: string[] = [];
    const seenActions: string[] = [];
    let now = Date.parse('2026-03-02T01:00:00Z');
    for (let i = 0; i < RUNS && problems.length < 20; i++) {
      if (i % 250 === 0) app.setNow(new Date((now += int(rng, 1, 40) * 3_600_000)));
      const c = nextCase(rng, seenActions);
      const where = `#${i} ${c.describe} ${show(c.input)}`;
      let result: Awaited<ReturnType<Case['run']>>;
      try {
        result = await c.run();
      } catch (err) {
        problems.push(`${where}: threw ${(err as Error).stack ?? String(err)}`);
        continue;
      }
      const replies = Array.isArray(result) ? result.flatMap((x) => ('reply' in x ? [x.reply] : [])) : [result];
      if (Array.isArray(result)) {
        for (const x of result) problems.push(...suspicious('label' in x ? `${x.label} ${x.value}` : `${x.title} ${x.description}`, c.input).map((p) => `${where}: ${p}`));
      }
      for (const reply of replies) {
        problems.push(...checkReply(reply, c.input).map((p) => `${where}: ${p}`));
        for (const b of reply.buttons.flat()) if (seenActions.length < 500 && !seenActions.includes(b.action)) seenActions.push(b.action);
      }
    }
    expect(problems).toEqual([]);
    expect(bugs.map((b) => JSON.stringify(b, (_k, v: unknown) => (v instanceof Error ? v.stack : v)).slice(0, 800))).toEqual([]);
    expect(await stateOf(BOB)).toEqual(before);
  }, 60_000);
});

describe('objects where an option value belongs', () => {
  // coerceArgs (src/core/args.ts) treats a value that is not a string, number or boolean as not
  // given: an object is never read back as "[object Object]", and one without a prototype
  // cannot throw.
  it('answers each with a friendly reply that does not echo "[object Object]"', async () => {
    const problems: string[] = [];
    const caught = bugs.length;
    for (const cmd of core.commands) {
      for (const o of cmd.options as readonly OptionDef[]) {
        for (const [what, value] of OBJECT_VALUES) {
          const reply = await core.command(CALLERS[0]!, cmd.name, { [o.name]: value });
          problems.push(...checkReply(reply, '').map((p) => `/${cmd.name} ${o.name}=${what}: ${p}`));
        }
      }
    }
    expect(problems).toEqual([]);
    expect(bugs.slice(caught)).toEqual([]);
  });
});
