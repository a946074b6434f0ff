import type { Api } from 'grammy';
import type { BotCommand } from 'grammy/types';
import { LOCALES, type Locale } from '../../core/i18n/locale.js';
import { COMMANDS } from '../../core/registry.js';

/** Telegram accepts 1-32 characters of a-z, 0-9 and _ as a command name. */
const COMMAND_NAME = /^[a-z0-9_]{1,32}$/;

/** The command menu in one language, from the one registry. Aliases (/start, /订阅) stay typed only. */
export function commandMenu(locale: Locale): BotCommand[] {
  return COMMANDS.filter((c) => COMMAND_NAME.test(c.name)).map((c) => ({
    command: c.name,
    description: c.description[locale].slice(0, 256),
  }));
}

/**
 * Sets the menu: the default list (in the bot's default language) for users whose language has
 * no list of its own, and one list per supported language (language_code en, zh).
 */
export async function setCommands(api: Api, defaultLocale: Locale): Promise<void> {
  await api.setMyCommands(commandMenu(defaultLocale));
  for (const locale of LOCALES) await api.setMyCommands(commandMenu(locale), { language_code: locale });
}
