// What the fake Discord answers on REST: just the routes discord.js and the adapter call.
import { fakeMessage, snowflake } from './discord-payloads.js';
import type { Recorded } from './discord-server.js';

export const APP_ID = '1100000000000000001';
export const BOT_USER = { id: APP_ID, username: 'slowfast', discriminator: '0', global_name: 'slowfast', avatar: null, bot: true };
export const GUILD_ID = '1200000000000000001';

/** The JSON body to answer with; null for 204 No Content, undefined for an unknown route (404). */
export function answerRest({ method, path, body }: Pick<Recorded, 'method' | 'path' | 'body'>, gatewayUrl: string): unknown {
  let m: RegExpExecArray | null;
  if (method === 'GET' && path === '/gateway/bot') {
    return {
      url: gatewayUrl, shards: 1,
      session_start_limit: { total: 1000, remaining: 999, reset_after: 14_400_000, max_concurrency: 1 },
    };
  }
  if (method === 'GET' && path === '/users/@me') return BOT_USER;
  if (method === 'POST' && /^\/interactions\/\d+\/[^/]+\/callback$/.test(path)) return null;
  if (/^\/webhooks\/\d+\/[^/]+(?:\/messages\/(?:@original|\d+))?$/.test(path)) {
    if (method === 'DELETE') return null;
    return fakeMessage(BOT_USER, '0', body as object);
  }
  if (method === 'PUT' && (m = /^\/applications\/(\d+)(?:\/guilds\/(\d+))?\/commands$/.exec(path))) {
    const [, app, guild] = m;
    return (body as object[]).map((c) => ({ ...c, id: snowflake(), application_id: app, version: snowflake(), ...(guild ? { guild_id: guild } : {}) }));
  }
  if (method === 'POST' && (m = /^\/channels\/(\d+)\/messages$/.exec(path))) return fakeMessage(BOT_USER, m[1]!, body as object);
  if (method === 'POST' && (m = /^\/channels\/(\d+)\/messages\/(\d+)\/threads$/.exec(path))) {
    const name = (body as { name?: string }).name;
    return {
      id: m[2], type: 11, guild_id: GUILD_ID, parent_id: m[1], name, owner_id: BOT_USER.id, message_count: 0, member_count: 1,
      thread_metadata: { archived: false, auto_archive_duration: 1440, archive_timestamp: new Date().toISOString(), locked: false },
    };
  }
  if (method === 'GET' && (m = /^\/channels\/(\d+)$/.exec(path))) {
    return { id: m[1], type: 0, guild_id: GUILD_ID, name: 'study-group', position: 0, permission_overwrites: [], nsfw: false, parent_id: null };
  }
  return undefined;
}
