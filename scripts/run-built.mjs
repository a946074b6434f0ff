#!/usr/bin/env node
// Runs a compiled entry point, `node scripts/run-built.mjs main` for `npm start`: no TypeScript
// is compiled at start. When a source file is newer than the last build (an edit since `npm
// install`), it builds first and says so on stderr, so a stale dist/ never runs unnoticed.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const [, , name = 'main'] = process.argv;
process.argv.splice(2, 1); // the entry sees its own arguments only
const entry = join(root, 'dist', `${name}.js`);
const stamp = join(root, 'dist', '.built');

function newest(dir) {
  let at = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, e.name);
    at = Math.max(at, e.isDirectory() ? newest(path) : statSync(path).mtimeMs);
  }
  return at;
}

if (!existsSync(entry) || !existsSync(stamp) || newest(join(root, 'src')) > statSync(stamp).mtimeMs) {
  process.stderr.write('slowfast: the sources changed since the last build; building dist/ first (npm run build)…\n');
  const { build } = await import('./build.mjs');
  if (build() !== 0 && !existsSync(entry)) process.exit(1);
}
await import(pathToFileURL(entry).href);
