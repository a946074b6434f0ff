import { REST, Routes, type RESTPutAPIApplicationCommandsResult } from 'discord.js';
import { commandData } from './command-data.js';

export interface RegisterOptions {
  token: string;
  applicationId: string;
  /** A guild for development: its commands update at once, where global ones take a while to spread. */
  guildId?: string;
  /** A REST proxy, or the local fake in tests. */
  apiRoot?: string;
}

/**
 * Puts the core registry to Discord in one bulk overwrite, so a command removed from the registry
 * disappears from Discord too. Returns the commands as Discord stored them.
 */
export async function registerCommands(options: RegisterOptions): Promise<RESTPutAPIApplicationCommandsResult> {
  const rest = new REST(options.apiRoot ? { api: options.apiRoot } : {}).setToken(options.token);
  const route = options.guildId
    ? Routes.applicationGuildCommands(options.applicationId, options.guildId)
    : Routes.applicationCommands(options.applicationId);
  return (await rest.put(route, { body: commandData() })) as RESTPutAPIApplicationCommandsResult;
}
