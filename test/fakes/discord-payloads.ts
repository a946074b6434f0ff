// Discord JSON the fake server sends: interactions as the gateway delivers them, messages as REST returns them.

/** The Manage Channels permission bit. */
export const MANAGE_CHANNELS = 1n << 4n;
const DISCORD_EPOCH = 1_420_070_400_000n;
let sequence = 0n;

/** A unique, well-formed snowflake (discord.js reads creation times out of ids). */
export function snowflake(): string {
  sequence += 1n;
  return String(((BigInt(Date.now()) - DISCORD_EPOCH) << 22n) | (sequence & 0x3fffffn));
}

export interface FakeUser {
  id: string;
  username: string;
  global_name?: string;
}

export type OptionValue = string | number | boolean | FakeUser;

/** Where and by whom an interaction happens. */
export interface InteractionSpec {
  user?: FakeUser;
  /** In a guild channel when set; otherwise in the bot's DM channel with the user. */
  guildId?: string;
  channelId?: string;
  /** The member's permission bits in that channel (guild only); none by default. */
  permissions?: bigint;
  /** The user's client language: 'en-US', 'zh-CN'. */
  locale?: string;
  /** For buttons: the flags of the message the button is on (64: ephemeral). */
  messageFlags?: number;
}

/** The bot's DM channel with a user, as the fake numbers it. */
export function dmChannelId(user: Pick<FakeUser, 'id'>): string {
  return `9${user.id.slice(1)}`;
}

export const DEFAULT_USER: FakeUser = { id: '1300000000000000001', username: 'ada', global_name: 'Ada' };

type InteractionData = { name: string; options: Record<string, OptionValue>; focused?: string } | { customId: string };

/** An INTERACTION_CREATE payload of type 2 (command), 3 (component) or 4 (autocomplete). */
export function interactionPayload(type: 2 | 3 | 4, data: InteractionData, spec: InteractionSpec, appId: string) {
  const user = apiUser(spec.user ?? DEFAULT_USER);
  const guild = spec.guildId;
  const channelId = spec.channelId ?? (guild ? '1400000000000000001' : dmChannelId(user));
  const channel = guild
    ? { id: channelId, type: 0, guild_id: guild, name: 'study-group' }
    : { id: channelId, type: 1, recipients: [user] };
  const where = guild
    ? {
        guild_id: guild, guild_locale: 'en-US',
        member: {
          user, roles: [], permissions: String(spec.permissions ?? 0n), joined_at: new Date(0).toISOString(),
          deaf: false, mute: false, flags: 0, pending: false, nick: null, avatar: null, premium_since: null,
        },
      }
    : { user };
  return {
    id: snowflake(), application_id: appId, type, token: `token-${snowflake()}`, version: 1,
    channel, channel_id: channelId, ...where,
    locale: spec.locale ?? 'en-US', app_permissions: '2248473465835073', entitlements: [],
    authorizing_integration_owners: guild ? { 0: guild } : { 1: user.id }, context: guild ? 0 : 1,
    attachment_size_limit: 8_388_608,
    data: 'customId' in data
      ? { custom_id: data.customId, component_type: 2 }
      : commandData(data.name, data.options, data.focused),
    ...('customId' in data ? { message: fakeMessage(apiUser({ id: appId, username: 'slowfast' }), channelId, { flags: spec.messageFlags ?? 0 }) } : {}),
  };
}

function commandData(name: string, options: Record<string, OptionValue>, focused?: string) {
  const users: Record<string, ReturnType<typeof apiUser>> = {};
  const list = Object.entries(options).map(([optionName, value]) => {
    if (typeof value === 'object') {
      users[value.id] = apiUser(value);
      return { name: optionName, type: 6, value: value.id };
    }
    const type = typeof value === 'boolean' ? 5 : typeof value === 'number' ? 4 : 3;
    return { name: optionName, type, value, ...(focused === optionName ? { focused: true } : {}) };
  });
  return { id: snowflake(), name, type: 1, options: list, ...(Object.keys(users).length ? { resolved: { users } } : {}) };
}

function apiUser(u: FakeUser) {
  return { id: u.id, username: u.username, global_name: u.global_name ?? null, discriminator: '0', avatar: null };
}

/** A message as REST returns it, made from the body that created or edited it. */
export function fakeMessage(author: object, channelId: string, body: object = {}) {
  const b = body as { content?: string; embeds?: unknown[]; components?: unknown[]; flags?: number };
  return {
    id: snowflake(), channel_id: channelId, author, content: b.content ?? '', timestamp: new Date().toISOString(),
    edited_timestamp: null, tts: false, mention_everyone: false, mentions: [], mention_roles: [], attachments: [],
    embeds: b.embeds ?? [], components: b.components ?? [], type: 0, pinned: false, flags: b.flags ?? 0,
  };
}
