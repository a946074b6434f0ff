// 50 chats send a command at once through the local Bot API emulator (telegram-test-api, the
// real app and the real grammY platform, as in the adapter tests) while one group sends 30
// commands in a burst: how long the other chats wait for their reply. Run once with the busy
// group and once without it, so the figures show whether the group's backlog reaches them.
import { startTelegramHarness } from '../test/fakes/telegram-harness.js';
import { percentile, round } from './stats.js';

const CHATS = 50;
const BURST = 30;

export interface BurstFigures {
  chats: number;
  groupBurst: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  /** Replies the busy group had received when the last of the other chats got its answer. */
  groupRepliesMeanwhile: number;
}

async function scenario(burst: number): Promise<BurstFigures> {
  const h = await startTelegramHarness();
  try {
    const group = -1007770001;
    const member = h.fake.user({ userId: 90_000, chatId: group, type: 'supergroup' });
    for (let i = 0; i < burst; i++) await member.post(`/lesson ${i % 40}`);
    // The burst is in the bot's hands (its first reply is out) before the other chats ask.
    while (burst && h.fake.messages(group).length === 0) await sleep(5);
    const users = Array.from({ length: CHATS }, (_, i) => h.fake.user({ userId: 91_000 + i }));
    const started = new Map<number, number>();
    await Promise.all(users.map(async (u) => {
      started.set(u.chatId, performance.now());
      await u.post('/help');
    }));
    const waits = new Map<number, number>();
    const until = performance.now() + 60_000;
    while (waits.size < CHATS && performance.now() < until) {
      for (const u of users) {
        if (!waits.has(u.chatId) && h.fake.messages(u.chatId).length) waits.set(u.chatId, performance.now() - started.get(u.chatId)!);
      }
      await sleep(2);
    }
    const ms = [...waits.values()];
    if (ms.length < CHATS) throw new Error(`only ${ms.length} of ${CHATS} chats were answered within 60 s`);
    return {
      chats: CHATS, groupBurst: burst, p50Ms: round(percentile(ms, 50), 1), p99Ms: round(percentile(ms, 99), 1),
      maxMs: round(Math.max(...ms), 1), groupRepliesMeanwhile: h.fake.messages(group).length,
    };
  } finally {
    await h.stop();
  }
}

/** The other chats' reply times with and without one group's burst. */
export async function benchTelegramBurst(): Promise<{ withBusyGroup: BurstFigures; alone: BurstFigures }> {
  const withBusyGroup = await scenario(BURST);
  const alone = await scenario(0);
  return { withBusyGroup, alone };
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

// Run on its own: `tsx bench/telegram-burst-bench.ts`.
if (import.meta.url === `file://${process.argv[1]}`) {
  process.stdout.write(`${JSON.stringify(await benchTelegramBurst(), null, 2)}\n`);
}
