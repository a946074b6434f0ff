import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkTypography, fixTypography } from '../core/lessons/typography.js';

/**
 * `cli lessons fix-typography [ids...]`: applies the mechanical Chinese typography fixes to the zh
 * lesson files in place and prints what changed and what is left for a person (an unpaired quote).
 */
export function runFixTypography(dir: string, out: (line: string) => void, ids: string[] = []): number {
  const only = new Set(ids.map(Number));
  const bad = ids.filter((id) => !Number.isInteger(Number(id)) || Number(id) < 0);
  if (bad.length) {
    out(`not a lesson number: ${bad.join(', ')} (usage: lessons fix-typography [ids...], e.g. lessons fix-typography 33 34)`);
    return 2;
  }
  let changed = 0;
  let left = 0;
  const files = readdirSync(join(dir, 'zh')).filter((n) => /^\d{2,}-.*\.md$/.test(n) && (!only.size || only.has(parseInt(n, 10))));
  for (const name of files.sort()) {
    const file = join(dir, 'zh', name);
    const before = readFileSync(file, 'utf8');
    const found = checkTypography(before).length;
    const after = fixTypography(before);
    const remaining = checkTypography(after);
    if (after !== before) {
      writeFileSync(file, after);
      changed++;
      out(`zh/${name}: ${found - remaining.length} fixed`);
    }
    for (const p of remaining) out(`zh/${name}:${p.line}:${p.column}: ${p.message} (fix by hand)`);
    left += remaining.length;
  }
  out(`${files.length} Chinese lessons read, ${changed} changed` + (left ? `, ${left} problems to fix by hand` : ''));
  return left ? 1 : 0;
}
