import { Client, Events, GatewayIntentBits, MessageFlags, type Interaction } from 'discord.js';
import { localeFromTag } from '../../core/i18n/locale.js';
import { translator } from '../../core/i18n/strings.js';
import type { Logger } from '../../logger.js';
import { restOptions } from './discord-rest.js';
import { answerAutocomplete, answerButton, answerCommand, type DiscordCore } from './interaction-replies.js';

export interface DiscordClientOptions {
  core: DiscordCore;
  /** Child logger with `platform: discord`. */
  log: Logger;
  /** A REST proxy, or the local fake in tests; Discord itself when unset. */
  apiRoot?: string;
  /** How long a handler may run before the interaction is deferred (DEFAULT_DEFER_AFTER_MS). */
  deferAfterMs?: number;
  /** The language of the apology when the interaction's locale says nothing we know. */
  defaultLocale?: 'en' | 'zh';
}

/**
 * 1.5 s of Discord's 3: the interaction already spent some of them reaching us, and the defer itself
 * is a REST round trip that must land before the deadline.
 */
export const DEFAULT_DEFER_AFTER_MS = 1500;

/**
 * The gateway client. Slash commands, buttons and autocomplete arrive as interactions whatever the
 * intents, so Guilds (which also fills the guild and channel caches) is all it asks for: no
 * privileged intent to apply for.
 */
export function createDiscordClient(options: DiscordClientOptions): Client {
  const client = new Client({
    intents: [GatewayIntentBits.Guilds],
    rest: restOptions(options.apiRoot),
    // Nothing the bot posts pings anyone unless a reply asks for it (sharing with a member).
    allowedMentions: { parse: [] },
  });
  const deps = { core: options.core, deferAfterMs: options.deferAfterMs ?? DEFAULT_DEFER_AFTER_MS };
  client.on(Events.InteractionCreate, (interaction) => void handleInteraction(interaction, deps, options));
  client.on(Events.Error, (err) => options.log.error({ err }, 'discord client error'));
  client.on(Events.ShardError, (err, shard) => options.log.warn({ err, shard }, 'discord gateway error'));
  client.on(Events.Warn, (message) => options.log.warn(message));
  return client;
}

/**
 * One interaction, answered. The core turns its own failures into a friendly reply; what can still
 * throw here is ours or Discord's (a render bug, an expired token), so this is the boundary where
 * it is logged with the interaction's ids and the caller gets an apology only they can see.
 */
async function handleInteraction(
  interaction: Interaction,
  deps: { core: DiscordCore; deferAfterMs: number },
  options: DiscordClientOptions,
): Promise<void> {
  const log = options.log.child({
    interaction: interaction.id,
    user: interaction.user.id,
    chat: interaction.channelId,
    guild: interaction.guildId ?? undefined,
    ...(interaction.isCommand() || interaction.isAutocomplete() ? { command: interaction.commandName } : {}),
    ...(interaction.isMessageComponent() ? { action: interaction.customId.slice(0, 64) } : {}),
  });
  const started = performance.now();
  try {
    if (interaction.isChatInputCommand()) await answerCommand(interaction, deps);
    else if (interaction.isButton()) await answerButton(interaction, deps);
    else if (interaction.isAutocomplete()) await answerAutocomplete(interaction, deps);
    else return;
    log.debug({ ms: Math.round(performance.now() - started) }, 'discord interaction answered');
  } catch (err) {
    log.error({ err, ms: Math.round(performance.now() - started) }, 'discord interaction failed');
    await apologize(interaction, options.defaultLocale ?? 'en').catch((e: unknown) => log.warn({ err: e }, 'discord: could not apologize'));
  }
}

async function apologize(interaction: Interaction, defaultLocale: 'en' | 'zh'): Promise<void> {
  if (interaction.isAutocomplete()) {
    if (!interaction.responded) await interaction.respond([]);
    return;
  }
  if (!interaction.isRepliable()) return;
  const content = translator(localeFromTag(interaction.locale) ?? defaultLocale)('err.internal');
  const message = { content, flags: MessageFlags.Ephemeral } as const;
  if (interaction.replied || interaction.deferred) await interaction.followUp(message);
  else await interaction.reply(message);
}
