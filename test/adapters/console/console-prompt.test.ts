import { PassThrough } from 'node:stream';
import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConsoleAdapter } from '../../../src/adapters/console/console-adapter.js';
import { Dispatcher } from '../../../src/schedule/dispatcher.js';
import { makeApp, type TestApp } from '../../helpers/app.js';

let app: TestApp;
beforeEach(() => {
  app = makeApp({ now: '2026-03-02T00:30:00Z' }); // 08:30 in Shanghai
});
afterEach(async () => {
  await app.dispose();
});

function terminal(user = 'ada') {
  const output = new PassThrough();
  let printed = '';
  output.on('data', (c: Buffer) => (printed += c.toString()));
  const chat = new ConsoleAdapter(app.core, { user, locale: 'en', output, interactive: true });
  const dispatcher = new Dispatcher({ services: app.services, messengers: [chat.messenger], log: pino({ level: 'silent' }) });
  return { chat, dispatcher, printed: () => printed };
}

describe('the daily prompt in the terminal chat', () => {
  it('appears in the open terminal at the hour, with buttons that can be pressed', async () => {
    const { chat, dispatcher, printed } = terminal();
    await chat.handle('/subscribe 09:00 Asia/Shanghai');
    await dispatcher.tick();
    expect(printed()).toBe('');
    app.setNow('2026-03-02T01:00:00Z');
    await dispatcher.tick();
    expect(printed()).toContain('== Today · lesson 0 · ');
    expect(printed()).toContain('[0] Open lesson 0  [a] ✓ Done  [b] Later today');
    expect(printed().endsWith('> ')).toBe(true);
    expect(await chat.handle('a')).toContain('Lesson 0 · ');
  });

  it('says in the confirmation that prompts come to this terminal while it is open', async () => {
    const { chat } = terminal();
    expect(await chat.handle('/subscribe 09:00 Asia/Shanghai')).toContain('Prompts appear in this terminal at that time while the chat is open.');
  });
});
