import { describe, expect, it } from 'vitest';
import { commandMenu } from '../../../src/adapters/telegram/set-commands.js';
import { COMMANDS } from '../../../src/core/registry.js';

describe('the Telegram command menu', () => {
  it.each(['en', 'zh'] as const)('lists every command of the registry in %s, with names Telegram accepts', (locale) => {
    const menu = commandMenu(locale);
    expect(menu.map((c) => c.command)).toEqual(COMMANDS.map((c) => c.name));
    for (const c of menu) {
      expect(c.command).toMatch(/^[a-z0-9_]{1,32}$/);
      expect(c.description.length).toBeGreaterThan(0);
      expect(c.description.length).toBeLessThanOrEqual(256);
    }
  });

  it('describes the commands in Chinese for language_code zh', () => {
    expect(commandMenu('zh').find((c) => c.command === 'lesson')!.description).toMatch(/[\u4e00-\u9fff]/);
  });
});
