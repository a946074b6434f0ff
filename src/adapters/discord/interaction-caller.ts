import { PermissionFlagsBits, type BaseInteraction, type ChatInputCommandInteraction } from 'discord.js';
import type { Caller } from '../../core/command.js';
import { localeFromTag } from '../../core/i18n/locale.js';
import { DISCORD_OPTIONS } from './command-data.js';

/**
 * Who is asking, and where. In a guild the chat is the channel (a study group) and changing its
 * subscription needs Manage Channels, read from the permissions Discord sends with the interaction
 * (no API call); in the bot's DMs the chat is the DM channel and belongs to the learner.
 */
export function callerOf(interaction: BaseInteraction): Caller {
  const inGuild = interaction.guildId !== null;
  return {
    platform: 'discord',
    userId: interaction.user.id,
    userName: interaction.user.globalName ?? interaction.user.username,
    chatId: interaction.channelId ?? interaction.user.id,
    chatKind: inGuild ? 'group' : 'private',
    localeHint: localeFromTag(interaction.locale),
    canManageChat: inGuild ? (interaction.memberPermissions?.has(PermissionFlagsBits.ManageChannels) ?? false) : true,
  };
}

/** The command's own options as Discord typed them; the core checks and converts them. */
export function commandArgs(interaction: ChatInputCommandInteraction): Record<string, unknown> {
  const discordOnly = new Set<string>([DISCORD_OPTIONS.private.name, DISCORD_OPTIONS.share.name]);
  const args: Record<string, unknown> = {};
  for (const option of interaction.options.data) {
    if (!discordOnly.has(option.name)) args[option.name] = option.value;
  }
  return args;
}

/** How the caller asked the reply to be shown: only to them, or posted mentioning a member. */
export function audienceOf(interaction: ChatInputCommandInteraction): { private: boolean; shareWith?: string } {
  const shareWith = interaction.options.getUser(DISCORD_OPTIONS.share.name)?.id;
  return { private: interaction.options.getBoolean(DISCORD_OPTIONS.private.name) ?? false, ...(shareWith ? { shareWith } : {}) };
}
