import { pino } from 'pino';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Caller } from '../../src/core/command.js';
import type { SendOptions } from '../../src/core/ports/messenger.js';
import type { Reply } from '../../src/core/reply.js';
import { Dispatcher } from '../../src/schedule/dispatcher.js';
import { makeApp, type TestApp } from '../helpers/app.js';
import { RecordingMessenger } from '../fakes/recording-messenger.js';

let app: TestApp;
afterEach(async () => {
  await app.dispose();
});

const person = (id: string): Caller => ({ platform: 'telegram', userId: id, chatId: id, chatKind: 'private', canManageChat: true });
const dispatcher = (messenger: RecordingMessenger) =>
  new Dispatcher({ services: app.services, messengers: [messenger], log: pino({ level: 'silent' }), staleAfterMs: 60_000, sleep: async () => {} });

/** Pauses a set of chats (through the /pause command, as a learner would) when the wave reaches its n-th send. */
class PausingMessenger extends RecordingMessenger {
  readonly pausedAt = new Map<string, number>();
  private pausing = false;
  constructor(private readonly atSend: number, private readonly chats: string[]) {
    super();
  }
  override async send(chatId: string, reply: Reply, options?: SendOptions) {
    const result = await super.send(chatId, reply, options);
    if (this.sent.length >= this.atSend && !this.pausing) {
      this.pausing = true;
      for (const c of this.chats) {
        await app.core.text(person(c), '/pause');
        this.pausedAt.set(c, this.sent.length); // acknowledged: nothing may reach this chat from here on
      }
    }
    return result;
  }
}

describe('delivery under faults', () => {
  it('keeps 100 chats paused that paused while 1,000 were being sent, and sends them nothing after', async () => {
    app = makeApp({ now: '2026-03-02T00:30:00Z' });
    const ids = Array.from({ length: 1000 }, (_, i) => String(1000 + i));
    for (const id of ids) await app.core.text(person(id), '/subscribe 09:00 UTC');
    const late = ids.slice(-100);
    const messenger = new PausingMessenger(50, late);
    app.setNow('2026-03-02T09:00:00Z');
    await dispatcher(messenger).tick();
    const promptsAfterPause = messenger.sent.filter((s, i) => messenger.pausedAt.has(s.chatId) && i >= messenger.pausedAt.get(s.chatId)!);
    expect(promptsAfterPause).toHaveLength(0);
    for (const id of late) expect((await app.services.store.getSubscription('telegram', id))?.status).toBe('paused');
    expect(messenger.sent).toHaveLength(900);
  }, 120_000);

  it('sends a stale claim once when two processes find it on the same tick', async () => {
    app = makeApp({ now: '2026-03-02T00:30:00Z' });
    await app.core.text(person('7'), '/subscribe 09:00 UTC');
    const sub = (await app.services.store.getSubscription('telegram', '7'))!;
    await app.services.store.claimDelivery(sub.id, '2026-03-02', '2026-03-02T09:00:00.000Z'); // a process died mid-send
    app.setNow('2026-03-02T09:05:00Z');
    const a = new RecordingMessenger();
    const b = new RecordingMessenger();
    await Promise.all([dispatcher(a).tick(), dispatcher(b).tick()]);
    expect(a.sent.length + b.sent.length).toBe(1);
  });
});

describe('"later" re-sends', () => {
  it('go out once when two processes find the same one due', async () => {
    app = makeApp({ now: '2026-03-02T00:30:00Z' });
    await app.core.text(person('7'), '/subscribe 09:00 UTC');
    const a = new RecordingMessenger();
    const b = new RecordingMessenger();
    app.setNow('2026-03-02T09:00:00Z');
    await dispatcher(a).tick();
    await app.core.press(person('7'), 'later');
    app.setNow('2026-03-02T11:00:00Z');
    await Promise.all([dispatcher(a).tick(), dispatcher(b).tick()]);
    app.setNow('2026-03-02T11:30:00Z');
    await Promise.all([dispatcher(a).tick(), dispatcher(b).tick()]);
    expect(a.sent.length + b.sent.length).toBe(2); // the prompt and one "later" copy
  });

  it('are taken over once their claim is stale, when the process sending one died', async () => {
    app = makeApp({ now: '2026-03-02T00:30:00Z' });
    await app.core.text(person('7'), '/subscribe 09:00 UTC');
    const m = new RecordingMessenger();
    app.setNow('2026-03-02T09:00:00Z');
    await dispatcher(m).tick();
    await app.core.press(person('7'), 'later');
    const sub = (await app.services.store.getSubscription('telegram', '7'))!;
    const due = (await app.services.store.getDelivery(sub.id, '2026-03-02'))!;
    expect(await app.services.store.claimLater(due, '2026-03-02T11:00:00.000Z')).toBe(true); // then that process died
    app.setNow('2026-03-02T11:00:30Z');
    await dispatcher(m).tick();
    expect(m.sent).toHaveLength(1);
    app.setNow('2026-03-02T11:02:00Z');
    await dispatcher(m).tick();
    expect(m.sent).toHaveLength(2);
    expect(await app.services.store.getDelivery(sub.id, '2026-03-02')).toMatchObject({ laterSentAt: '2026-03-02T11:02:00.000Z' });
  });
});

describe('rate limits', () => {
  /** A dispatcher whose waits of a second or more hold until released: a 30 s retry_after stays pending. */
  function withHeldWaits(messenger: RecordingMessenger) {
    const held: (() => void)[] = [];
    const d = new Dispatcher({
      services: app.services, messengers: [messenger], log: pino({ level: 'silent' }), defaultPerSecond: 1e6, concurrency: 16,
      sleep: (ms) => (ms >= 1000 ? new Promise<void>((r) => held.push(r)) : Promise.resolve()),
    });
    return { d, release: () => held.splice(0).forEach((r) => r()) };
  }

  async function hundredChats() {
    app = makeApp({ now: '2026-03-02T00:30:00Z' });
    for (let i = 0; i < 100; i++) await app.core.text(person(String(100 + i)), '/subscribe 09:00 UTC');
    app.setNow('2026-03-02T09:00:00Z');
  }

  it('a 429 with retry_after 30 on one chat holds that chat only: the 99 others are sent at once', async () => {
    await hundredChats();
    const m = new RecordingMessenger();
    m.fail('100', 'rate-limited', 1, 30_000);
    const { d, release } = withHeldWaits(m);
    const tick = d.tick();
    await vi.waitFor(() => expect(m.sent).toHaveLength(99), { timeout: 20_000 });
    expect(m.to('100')).toHaveLength(0);
    release(); // 30 s later
    expect(await tick).toMatchObject({ sent: 100 });
    expect(m.to('100')).toHaveLength(1);
  }, 60_000);

  it('a global 429 (the whole bot limited) holds every chat, not just the one that got it', async () => {
    await hundredChats();
    const m = new RecordingMessenger();
    m.fail('100', 'rate-limited', 1, 30_000, true);
    const { d } = withHeldWaits(m);
    void d.tick();
    await new Promise((r) => setTimeout(r, 500));
    // Only sends already past the pacer when the 429 came (at most one per worker) went out.
    expect(m.sent.length).toBeLessThan(16);
    await d.stop();
  }, 60_000);
});
