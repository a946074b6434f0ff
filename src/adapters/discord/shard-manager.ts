// `npm run discord:shards`: the Discord gateway split over several bot processes, one per shard,
// by discord.js's own ShardingManager. Each child is a whole bot (dist/main.js: shard-entry.ts):
// its discord.js client reads its shard from the SHARDS and SHARD_COUNT the manager sets, and it
// runs the scheduler too.
// Prompts go out over REST, which any process may use for any channel; PostgreSQL's delivery
// claims make each prompt go out once whichever process claims it. See README "Several processes".
import { Routes, ShardingManager, type RESTGetAPIGatewayBotResult } from 'discord.js';
import { loadConfigOrExit } from '../../config.js';
import { createLogger } from '../../logger.js';
import { createRest } from './discord-rest.js';
import { shardEntry } from './shard-entry.js';

/** The number of shards from DISCORD_SHARDS, or the number Discord recommends for the bot. */
async function shardCount(token: string, apiRoot: string | undefined, log: ReturnType<typeof createLogger>): Promise<number> {
  const asked = process.env.DISCORD_SHARDS;
  if (asked && asked !== 'auto') {
    const n = Number(asked);
    if (!Number.isInteger(n) || n < 1) throw new Error(`DISCORD_SHARDS must be a whole number of shards or "auto", not "${asked}"`);
    return n;
  }
  // Asked through our own REST client, so DISCORD_API_ROOT (a proxy, the test server) is respected.
  const gateway = (await createRest({ token, ...(apiRoot ? { apiRoot } : {}), log }).get(Routes.gatewayBot())) as RESTGetAPIGatewayBotResult;
  return gateway.shards;
}

async function main(): Promise<number> {
  const config = loadConfigOrExit();
  const { token, apiRoot } = config.discord;
  const log = createLogger({ level: config.log.level, pretty: process.stderr.isTTY, secrets: [token ?? ''].filter(Boolean) }).child({ component: 'shards' });
  if (!token) {
    process.stderr.write('discord:shards needs DISCORD_TOKEN in the environment\n');
    return 2;
  }
  if (!config.store.url) {
    // A SQLite file serves one bot process (a second one refuses to start); shards in several
    // processes share PostgreSQL. One process needs no manager: `npm start`.
    process.stderr.write('discord:shards runs several bot processes, which share one PostgreSQL database: set DATABASE_URL (or run one process with npm start)\n');
    return 2;
  }
  const totalShards = await shardCount(token, apiRoot, log);
  const entry = shardEntry(import.meta.url);
  const manager = new ShardingManager(entry.file, { token, totalShards, mode: 'process', respawn: true, execArgv: entry.execArgv });
  manager.on('shardCreate', (shard) => {
    const env = shard.env as Record<string, string | undefined>;
    // Each shard process has its own /healthz and /metrics port, counted up from HTTP_PORT.
    if (config.http.port > 0) env.HTTP_PORT = String(config.http.port + shard.id);
    // Discord only: Telegram (one poller, or a webhook) runs in a process of its own.
    delete env.TELEGRAM_TOKEN;
    shard.on('death', () => log.warn({ shard: shard.id }, 'shard process exited; respawning'));
    log.info({ shard: shard.id, of: totalShards }, 'shard process started');
  });
  // Each shard waits for the one before (Discord's identify rate); a slow start (a cold search index) is not a failure.
  await manager.spawn({ timeout: 120_000 });
  log.info({ shards: totalShards }, 'every shard is ready');
  const stop = () => {
    for (const shard of manager.shards.values()) shard.kill();
    process.exit(0);
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
  return -1;
}

main().then(
  (code) => {
    if (code >= 0) process.exit(code);
  },
  (err: unknown) => {
    process.stderr.write(`discord:shards failed: ${(err as Error)?.message ?? String(err)}\n`);
    process.exit(1);
  },
);
