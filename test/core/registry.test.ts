import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { COMMANDS } from '../../src/core/registry.js';

describe('the command registry', () => {
  it.each(COMMANDS.map((c) => [c.name, c] as const))('/%s is a valid command on every platform', (_name, cmd) => {
    expect(cmd.name).toMatch(/^[a-z][a-z0-9_]{0,31}$/);
    expect(cmd.description.en.length).toBeLessThanOrEqual(100);
    expect(cmd.description.zh.length).toBeLessThanOrEqual(100);
    expect(cmd.localName).toMatch(/^[-_\p{L}\p{N}]{1,32}$/u);
    for (const o of cmd.options) expect(o.name).toMatch(/^[a-z][a-z0-9_]{0,31}$/);
  });

  it('has no name or alias twice', () => {
    const names = COMMANDS.flatMap((c) => [c.name, ...(c.aliases ?? [])]);
    expect(new Set(names).size).toBe(names.length);
  });

  it('is documented in the README, command by command', () => {
    const readme = readFileSync('README.md', 'utf8');
    for (const c of COMMANDS) expect(readme).toContain(`/${c.name}`);
  });
});
