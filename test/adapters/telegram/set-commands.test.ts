import { describe, expect, it } from 'vitest';
import { commandMenu } from '../../../src/adapters/telegram/set-commands.js';
import { COMMANDS } from '../../../src/core/registry.js';
import { freshRules, refusal } from '../../fakes/telegram-rules.js';

describe('the Telegram command menu', () => {
  it.each(['en', 'zh'] as const)('lists every command of the registry in %s, with names Telegram accepts', (locale) => {
    const menu = commandMenu(locale);
    expect(menu.map((c) => c.command)).toEqual(COMMANDS.map((c) => c.name));
    // setMyCommands' limits: at most 100 commands, names of 1-32 a-z 0-9 _, descriptions of 1-256.
    expect(refusal('setMyCommands', { commands: menu, language_code: locale }, freshRules())).toBeUndefined();
  });

  it('describes the commands in Chinese for language_code zh', () => {
    expect(commandMenu('zh').find((c) => c.command === 'lesson')!.description).toMatch(/[\u4e00-\u9fff]/);
  });
});
