import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
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
