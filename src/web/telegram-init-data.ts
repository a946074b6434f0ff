import { createHmac } from 'node:crypto';
import { sameText } from './signed-link.js';

/** The Telegram user a Mini App was opened by, once its initData is proved genuine. */
export interface InitDataUser {
  id: number;
  firstName?: string;
  languageCode?: string;
}

export type InitDataCheck = { ok: true; user: InitDataUser; authDate: number } | { ok: false; why: 'forged' | 'expired' | 'no-user' };

/** A day: a Mini App left open longer must be opened again from the chat. */
export const INIT_DATA_MAX_AGE_SECONDS = 24 * 60 * 60;

/**
 * Validates Telegram.WebApp.initData as the Bot API documents ("Validating data received via the
 * Mini App"): the data-check-string is every field but `hash`, sorted by key, as `key=value` lines;
 * the key is HMAC-SHA256("WebAppData", bot token); the hash is HMAC-SHA256(key, data-check-string)
 * in hex. `auth_date` older than `maxAge` is refused so a captured initData cannot be replayed.
 */
export function checkInitData(
  initData: string,
  botToken: string,
  nowSeconds: number,
  maxAge = INIT_DATA_MAX_AGE_SECONDS,
): InitDataCheck {
  const params = new URLSearchParams(initData);
  const hash = params.get('hash');
  if (!hash || !botToken) return { ok: false, why: 'forged' };
  const fields = [...params.entries()].filter(([k]) => k !== 'hash').sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const checkString = fields.map(([k, v]) => `${k}=${v}`).join('\n');
  const key = createHmac('sha256', 'WebAppData').update(botToken).digest();
  if (!sameText(hash.toLowerCase(), createHmac('sha256', key).update(checkString).digest('hex'))) return { ok: false, why: 'forged' };
  const authDate = Number(params.get('auth_date'));
  if (!Number.isFinite(authDate) || nowSeconds - authDate > maxAge) return { ok: false, why: 'expired' };
  const user = parseUser(params.get('user'));
  return user ? { ok: true, user, authDate } : { ok: false, why: 'no-user' };
}

function parseUser(json: string | null): InitDataUser | undefined {
  if (!json) return undefined;
  try {
    const u = JSON.parse(json) as { id?: unknown; first_name?: unknown; language_code?: unknown };
    if (typeof u.id !== 'number' || !Number.isSafeInteger(u.id)) return undefined;
    return {
      id: u.id,
      ...(typeof u.first_name === 'string' ? { firstName: u.first_name } : {}),
      ...(typeof u.language_code === 'string' ? { languageCode: u.language_code } : {}),
    };
  } catch {
    return undefined;
  }
}
