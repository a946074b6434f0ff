import { Writable } from 'node:stream';
import { HttpError } from 'grammy';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../src/logger.js';

const TELEGRAM = '7412589630:AAF-tokenThatMustNeverBeLogged_x9';
const DISCORD = 'MTIzNDU2Nzg5MDEyMzQ1Njc4.GhIjKl.discordTokenThatMustNeverBeLogged';
const url = `https://api.telegram.org/bot${TELEGRAM}/getMe`;

/** A logger as main.ts builds it, writing into a string instead of stderr. */
function capture(pretty = false) {
  let out = '';
  const destination = new Writable({
    write(chunk: Buffer, _enc, done) {
      out += chunk.toString();
      done();
    },
  });
  const log = createLogger({ level: 'trace', pretty, secrets: [TELEGRAM, DISCORD], destination });
  return { log, output: () => out };
}

const config = { telegram: { token: TELEGRAM, apiRoot: 'https://api.telegram.org' }, discord: { token: DISCORD } };

/** Each way a token tends to reach a log line. */
const leaks: [string, (log: ReturnType<typeof capture>['log']) => void][] = [
  ['the whole config object', (log) => log.info({ config }, 'config loaded')],
  ['the config under another name', (log) => log.info({ settings: config }, 'settings')],
  ['the environment', (log) => log.info({ env: { TELEGRAM_TOKEN: TELEGRAM, DISCORD_TOKEN: DISCORD } }, 'environment')],
  ['an Error message and stack', (log) => log.error({ err: new Error(`login failed for ${DISCORD}`) }, 'discord failed')],
  ['an Error passed alone', (log) => log.error(new Error(`request to ${url} failed`))],
  ['an Error cause', (log) => log.error({ err: new Error('outer', { cause: new Error(`inner ${TELEGRAM}`) }) }, 'nested')],
  ['a URL field', (log) => log.warn({ url }, 'request failed')],
  ['the message text itself', (log) => log.warn(`could not reach ${url}`)],
  ['a format argument', (log) => log.info('calling %s', url)],
  ['headers', (log) => log.debug({ headers: { authorization: `Bot ${DISCORD}` } }, 'rest call')],
  ['a child logger binding', (log) => log.child({ platform: 'telegram', token: TELEGRAM, url }).info('child')],
  ['a grandchild logger with an error', (log) => log.child({ platform: 'discord' }).child({ api: url }).error({ err: new Error(DISCORD) }, 'deep')],
];

describe('tokens never reach a log line', () => {
  it.each(leaks)('in %s (JSON lines)', (_where, write) => {
    const { log, output } = capture();
    write(log);
    expect(output()).not.toBe('');
    expect(output()).not.toContain(TELEGRAM);
    expect(output()).not.toContain(DISCORD);
    // Scrubbed, not dropped: the rest of the line is still there for the operator.
    expect(output()).toMatch(/\[redacted\]|\[Redacted\]/);
  });

  it.each(leaks)('in %s (pretty terminal output)', (_where, write) => {
    const { log, output } = capture(true);
    write(log);
    expect(output()).not.toBe('');
    expect(output()).not.toContain(TELEGRAM);
    expect(output()).not.toContain(DISCORD);
  });

  it('in a grammY HttpError whose message carries the request URL', () => {
    const { log, output } = capture();
    // grammY appends the fetch error's message (with the URL, token included) when sensitive logs are on.
    const cause = new Error(`request to ${url} failed, reason: connect ECONNREFUSED 127.0.0.1:443`);
    const err = new HttpError(`Network request for 'getMe' failed! ${cause.message}`, cause);
    log.error({ err }, 'telegram polling stopped');
    const line = JSON.parse(output()) as { err: { type: string; message: string; stack: string } };
    expect(line.err.type).toBe('HttpError');
    expect(line.err.message).toBe("Network request for 'getMe' failed! request to https://api.telegram.org/bot[redacted]/getMe failed, reason: connect ECONNREFUSED 127.0.0.1:443");
    expect(output()).not.toContain(TELEGRAM);
  });
});
