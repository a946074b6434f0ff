import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeApp, type TestApp } from '../../helpers/app.js';

// /pause, /resume and /unsubscribe change the status only. Before, they wrote back the whole row
// they had read, so a change made between their read and their write (the dispatcher moving a
// channel's lesson of the day) was silently undone.
let app: TestApp;
beforeEach(() => {
  app = makeApp();
});
afterEach(async () => {
  await app.dispose();
});

describe('subscription controls write only the status', () => {
  it.each([
    ['/pause', 'paused'],
    ['/unsubscribe', 'stopped'],
  ])('%s keeps a lesson change made after the command read the subscription', async (command, status) => {
    const chat = app.chat();
    await chat.handle('/subscribe 09:00');
    const store = app.store;
    const read = store.getSubscription.bind(store);
    let raced = false;
    store.getSubscription = async (platform, chatId) => {
      const sub = await read(platform, chatId);
      if (sub && !raced) {
        raced = true;
        await store.patchSubscription(sub.id, { channelLesson: 7, channelSince: '2026-12-04' });
      }
      return sub;
    };
    await chat.handle(command);
    store.getSubscription = read;
    const [sub] = await store.listSubscriptions();
    expect(raced).toBe(true);
    expect(sub!.status).toBe(status);
    expect(sub!.channelLesson).toBe(7);
  });
});
