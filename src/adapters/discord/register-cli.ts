// `npm run discord:register`: puts the core's commands to Discord (to DISCORD_GUILD_ID when set).
import { loadConfigOrExit } from '../../config.js';
import { createLogger } from '../../logger.js';
import { registerCommands } from './register.js';

async function main(): Promise<number> {
  const config = loadConfigOrExit();
  const { token, applicationId, guildId, apiRoot } = config.discord;
  if (!token || !applicationId) {
    process.stderr.write('discord:register needs DISCORD_TOKEN and DISCORD_APPLICATION_ID in the environment\n');
    return 2;
  }
  const log = createLogger({ level: config.log.level, pretty: process.stderr.isTTY, secrets: [token] });
  const commands = await registerCommands({ token, applicationId, ...(guildId ? { guildId } : {}), ...(apiRoot ? { apiRoot } : {}) });
  log.info({ commands: commands.map((c) => c.name), scope: guildId ? `guild ${guildId}` : 'global' }, 'discord commands registered');
  return 0;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    // The REST error names the route and Discord's message; the token is never part of it.
    process.stderr.write(`discord:register failed: ${(err as Error)?.message ?? String(err)}\n`);
    process.exit(1);
  },
);
