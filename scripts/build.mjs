// The build `npm install` runs (the `prepare` script): TypeScript to dist/, with the files the
// compiled code reads next to it (the web pages' CSS and JS), and a stamp that says when.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/** Compiles src/ into dist/; returns tsc's exit status (it still emits on type errors). */
export function build() {
  // An install without the sources (the Docker image's dependency layer) has nothing to build yet.
  if (!existsSync(join(root, 'src')) || !existsSync(join(root, 'tsconfig.build.json'))) {
    process.stderr.write('slowfast: no src/ here yet; skipping the build\n');
    return 0;
  }
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  const { status } = spawnSync(process.execPath, [tsc, '-p', join(root, 'tsconfig.build.json')], { stdio: ['ignore', 2, 2] });
  cpSync(join(root, 'src/web/assets'), join(root, 'dist/web/assets'), { recursive: true });
  writeFileSync(join(root, 'dist/.built'), new Date().toISOString());
  return status ?? 1;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) process.exitCode = build();
