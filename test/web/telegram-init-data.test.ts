import { describe, expect, it } from 'vitest';
import { checkInitData, INIT_DATA_MAX_AGE_SECONDS } from '../../src/web/telegram-init-data.js';
import { signInitData } from './web-server.js';

const TOKEN = '123456:AAE-test-token';
const NOW = 1_800_000_000;
const USER = JSON.stringify({ id: 42, first_name: 'Li', language_code: 'zh-hans' });

const initData = (fields: Record<string, string>, token = TOKEN) => signInitData(fields, token);

const genuine = { auth_date: String(NOW - 60), query_id: 'AAH', user: USER };

describe('Mini App initData', () => {
  it('is accepted when Telegram signed it, and names the user', () => {
    expect(checkInitData(initData(genuine), TOKEN, NOW)).toEqual({
      ok: true,
      user: { id: 42, firstName: 'Li', languageCode: 'zh-hans' },
      authDate: NOW - 60,
    });
  });

  it.each<[string, string, string]>([
    ['signed with another bot\'s token', initData(genuine, '999:other'), 'forged'],
    ['with the user changed after signing', initData(genuine).replace('%22id%22%3A42', '%22id%22%3A43'), 'forged'],
    ['without a hash', new URLSearchParams(genuine).toString(), 'forged'],
    ['that is not initData at all', 'hello', 'forged'],
    ['older than a day', initData({ ...genuine, auth_date: String(NOW - INIT_DATA_MAX_AGE_SECONDS - 1) }), 'expired'],
    ['without a user', initData({ auth_date: String(NOW), query_id: 'AAH' }), 'no-user'],
  ])('is refused %s', (_name, data, why) => {
    expect(checkInitData(data, TOKEN, NOW)).toEqual({ ok: false, why });
  });
});
