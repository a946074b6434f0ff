// `npm run discord:shards` runs the build's shard manager, which starts one bot per shard: the
// file it starts must be in the build (dist/ has no main.ts), run by plain node.
import { existsSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { shardEntry } from '../../../src/adapters/discord/shard-entry.js';

describe('the bot each Discord shard process runs', () => {
  it('is the build\'s main.js, under plain node, when the manager is the build\'s', () => {
    const manager = pathToFileURL('dist/adapters/discord/shard-manager.js').href;
    expect(existsSync(new URL(manager))).toBe(true);
    const entry = shardEntry(manager);
    expect(entry.file).toMatch(/dist\/main\.js$/);
    expect(existsSync(entry.file)).toBe(true);
    expect(entry.execArgv).toEqual([]);
  });

  it('is src/main.ts under tsx when the manager runs from the sources', () => {
    const entry = shardEntry(pathToFileURL('src/adapters/discord/shard-manager.ts').href);
    expect(existsSync(entry.file)).toBe(true);
    expect(entry.execArgv).toEqual(['--import', 'tsx']);
  });
});
