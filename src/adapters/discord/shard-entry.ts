import { fileURLToPath } from 'node:url';

/**
 * The bot entry that the ShardingManager starts per shard, next to the manager that is running:
 * `dist/main.js` under plain node when the manager is the build's (`npm run discord:shards`),
 * `src/main.ts` under tsx when it runs from the sources. main.ts does not exist in dist/.
 */
export function shardEntry(managerUrl: string): { file: string; execArgv: string[] } {
  const fromSources = managerUrl.endsWith('.ts');
  return {
    file: fileURLToPath(new URL(fromSources ? '../../main.ts' : '../../main.js', managerUrl)),
    execArgv: fromSources ? ['--import', 'tsx'] : [],
  };
}
