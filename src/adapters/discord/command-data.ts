import {
  ApplicationCommandOptionType,
  ApplicationCommandType,
  ApplicationIntegrationType,
  InteractionContextType,
  type APIApplicationCommandBasicOption,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord.js';
import type { AnyCommand, OptionDef } from '../../core/command.js';
import type { Localized } from '../../core/i18n/locale.js';
import { COMMANDS } from '../../core/registry.js';

/** Discord's rule for command and option names (lowercase where the script has case). */
const NAME = /^[-_\p{L}\p{N}]{1,32}$/u;
const ZH = 'zh-CN';

/**
 * Options only Discord has: who sees the reply. They live here, not in the core, because no other
 * platform has ephemeral messages or member mentions in a command.
 */
export const DISCORD_OPTIONS = {
  private: { name: 'private', description: { en: 'Show the reply only to you', zh: '只让你自己看到回复' } },
  share: { name: 'share', description: { en: 'Post it for the channel, mentioning this member', zh: '发到频道并提及这位成员' } },
} as const;

/** The commands whose replies are worth keeping private or sharing with someone. */
export const SHAREABLE_COMMANDS: ReadonlySet<string> = new Set(['lesson', 'search']);

export function isDiscordName(name: string): boolean {
  return NAME.test(name) && name === name.toLowerCase();
}

/** The core registry as Discord application commands (the body of a bulk PUT). */
export function commandData(commands: readonly AnyCommand[] = COMMANDS): RESTPostAPIChatInputApplicationCommandsJSONBody[] {
  return commands.map((cmd) => {
    const options = (cmd.options as readonly OptionDef[]).map(optionData);
    if (SHAREABLE_COMMANDS.has(cmd.name)) {
      options.push(
        { type: ApplicationCommandOptionType.Boolean, required: false, ...texts(DISCORD_OPTIONS.private.name, DISCORD_OPTIONS.private.description) },
        { type: ApplicationCommandOptionType.User, required: false, ...texts(DISCORD_OPTIONS.share.name, DISCORD_OPTIONS.share.description) },
      );
    }
    return {
      type: ApplicationCommandType.ChatInput,
      ...texts(cmd.name, cmd.description, cmd.localName),
      // Discord refuses a required option after an optional one; a stable sort keeps the core's order otherwise.
      options: [...options].sort((a, b) => Number(Boolean(b.required)) - Number(Boolean(a.required))),
      // Guild channels (study groups) and the bot's DMs (personal study); dm_permission for older clients.
      contexts: [InteractionContextType.Guild, InteractionContextType.BotDM],
      integration_types: [ApplicationIntegrationType.GuildInstall],
      dm_permission: true,
    };
  });
}

function optionData(o: OptionDef): APIApplicationCommandBasicOption {
  const base = { ...texts(o.name, o.description), required: o.required ?? false };
  if (o.type === 'integer') {
    return { ...base, type: ApplicationCommandOptionType.Integer, min_value: o.min, max_value: o.max };
  }
  if (o.choices?.length) {
    // Discord allows choices or autocomplete, not both; fixed choices are the stricter promise.
    const choices = o.choices.slice(0, 25).map((c) => ({ name: clip(c.name, 100), value: c.value }));
    return { ...base, type: ApplicationCommandOptionType.String, choices, max_length: o.maxLength };
  }
  return { ...base, type: ApplicationCommandOptionType.String, autocomplete: o.autocomplete ?? false, max_length: o.maxLength };
}

/** Name and description with their zh-CN localizations, within Discord's limits. */
function texts(name: string, description: Localized, localName?: string) {
  return {
    name,
    // A localized name that Discord would refuse is left out rather than failing the whole registration.
    ...(localName && isDiscordName(localName) ? { name_localizations: { [ZH]: localName } } : {}),
    description: clip(description.en, 100),
    description_localizations: { [ZH]: clip(description.zh, 100) },
  };
}

function clip(s: string, n: number): string {
  const chars = [...s];
  return chars.length > n ? `${chars.slice(0, n - 1).join('')}…` : s;
}
