import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.js';

const dir = mkdtempSync(join(tmpdir(), 'slowfast-config-'));
const noLocal = join(dir, 'absent.yaml');

function local(yaml: string): string {
  const file = join(dir, `${Math.random().toString(36).slice(2)}.yaml`);
  writeFileSync(file, yaml);
  return file;
}

describe('loadConfig', () => {
  it('reads the defaults', () => {
    const c = loadConfig({ env: {}, localFile: noLocal });
    expect(c).toMatchObject({ locale: 'en', schedule: { defaultTime: '09:00', defaultTimezone: 'UTC' }, http: { port: 0 } });
  });

  it('lets a local file override the defaults, then the environment override both', () => {
    const file = local('schedule:\n  defaultTime: "07:00"\nlocale: zh\n');
    const c = loadConfig({ env: { SLOWFAST_LOCALE: 'en', TELEGRAM_TOKEN: '123:abc' }, localFile: file });
    expect(c.schedule.defaultTime).toBe('07:00');
    expect(c.locale).toBe('en');
    expect(c.telegram.token).toBe('123:abc');
  });

  it.each<[Record<string, string>, string]>([
    [{ SLOWFAST_DEFAULT_TIME: '25:99' }, 'config: schedule.defaultTime (from SLOWFAST_DEFAULT_TIME) must be a 24-hour time HH:MM such as "09:00", got "25:99"'],
    [{ SLOWFAST_DEFAULT_TIMEZONE: 'Mars/Olympus' }, 'config: schedule.defaultTimezone (from SLOWFAST_DEFAULT_TIMEZONE) must be an IANA timezone such as "Asia/Shanghai" or "UTC", got "Mars/Olympus"'],
    [{ SLOWFAST_LOCALE: 'fr' }, 'config: locale (from SLOWFAST_LOCALE) must be one of "en", "zh", got "fr"'],
    [{ HTTP_PORT: 'eighty' }, 'config: HTTP_PORT must be a number, got "eighty"'],
    [{ HTTP_PORT: '70000' }, 'config: http.port (from HTTP_PORT) must be'],
    [{ HTTP_MIN_FREE_MB: '-1' }, 'config: http.minFreeMb (from HTTP_MIN_FREE_MB) must be'],
    [{ HTTP_MIN_FREE_MB: 'lots' }, 'config: HTTP_MIN_FREE_MB must be a number, got "lots"'],
    [{ TELEGRAM_API_ROOT: 'not a url' }, 'config: telegram.apiRoot (from TELEGRAM_API_ROOT) must be'],
    ...[['http://bot.example.org/'], ['https://bot.example.org:8080/'], ['bot.example.org']].map(([url]): [Record<string, string>, string] =>
      [{ TELEGRAM_WEBHOOK_URL: url! }, `config: telegram.webhook.url (from TELEGRAM_WEBHOOK_URL) must be an https:// URL on port 443, 80, 88 or 8443 (the only ones Telegram posts to), got ${JSON.stringify(url)}`]),
    ...[['has:colon'], ['x'.repeat(257)], ['with space'], ['pässword']].map(([secret]): [Record<string, string>, string] =>
      [{ TELEGRAM_WEBHOOK_SECRET: secret! }, 'config: telegram.webhook.secret (from TELEGRAM_WEBHOOK_SECRET) must be 1-256 characters of A-Z, a-z, 0-9, _ and -']),
  ])('stops with one line naming the key for %j', (env, message) => {
    expect(() => loadConfig({ env, localFile: noLocal })).toThrow(message);
  });

  it.each(['https://bot.example.org/', 'https://bot.example.org:8443/tg', 'https://bot.example.org:88', 'https://bot.example.org:80'])('accepts the webhook URL %s', (url) => {
    expect(loadConfig({ env: { TELEGRAM_WEBHOOK_URL: url, TELEGRAM_WEBHOOK_SECRET: 'A-z_0-9' }, localFile: noLocal }).telegram.webhook.url).toBe(url);
  });

  it('does not show the webhook secret it refuses', () => {
    expect(() => loadConfig({ env: { TELEGRAM_WEBHOOK_SECRET: 'bad:secret' }, localFile: noLocal })).toThrow(/must be 1-256 characters of A-Z, a-z, 0-9, _ and -$/);
  });

  it('refuses a token in a file: secrets come only from the environment', () => {
    const file = local('telegram:\n  token: "123:secret"\n');
    expect(() => loadConfig({ env: {}, localFile: file })).toThrow('config: telegram.token must come from the environment (TELEGRAM_TOKEN)');
  });

  it('names a YAML error in the local file', () => {
    expect(() => loadConfig({ env: {}, localFile: local('locale: [zh\n') })).toThrow(/is not valid YAML/);
  });
});

describe('loadConfig from its cache', () => {
  const cacheFile = () => join(mkdtempSync(join(tmpdir(), 'slowfast-config-cache-')), 'config.json');

  it('gives the next start with the same files and environment the same config, from the file', () => {
    const cache = cacheFile();
    const first = loadConfig({ env: { SLOWFAST_LOCALE: 'zh' }, localFile: noLocal, cacheFile: cache });
    expect(existsSync(cache)).toBe(true);
    expect(loadConfig({ env: { SLOWFAST_LOCALE: 'zh' }, localFile: noLocal, cacheFile: cache })).toEqual(first);
  });

  it('does not serve a config made for other variables', () => {
    const cache = cacheFile();
    loadConfig({ env: { SLOWFAST_LOCALE: 'zh' }, localFile: noLocal, cacheFile: cache });
    expect(loadConfig({ env: { SLOWFAST_LOCALE: 'en' }, localFile: noLocal, cacheFile: cache }).locale).toBe('en');
  });

  it('does not serve a config made before the local file changed', () => {
    const cache = cacheFile();
    const file = local('locale: zh\n');
    loadConfig({ env: {}, localFile: file, cacheFile: cache });
    writeFileSync(file, 'locale: en\n');
    expect(loadConfig({ env: {}, localFile: file, cacheFile: cache }).locale).toBe('en');
  });

  it('writes nothing to disk when a secret is set', () => {
    const cache = cacheFile();
    loadConfig({ env: { TELEGRAM_TOKEN: '123:abc' }, localFile: noLocal, cacheFile: cache });
    expect(existsSync(cache)).toBe(false);
  });

  it('still refuses a bad value the cache never saw', () => {
    const cache = cacheFile();
    loadConfig({ env: {}, localFile: noLocal, cacheFile: cache });
    expect(() => loadConfig({ env: { SLOWFAST_LOCALE: 'fr' }, localFile: noLocal, cacheFile: cache })).toThrow('config: locale (from SLOWFAST_LOCALE) must be one of');
  });
});
