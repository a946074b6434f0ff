import { describe, expect, it } from 'vitest';
import { commandData, isDiscordName } from '../../../src/adapters/discord/command-data.js';
import { COMMANDS } from '../../../src/core/registry.js';

const data = commandData();
const byName = (name: string) => data.find((c) => c.name === name)!;
const option = (command: string, name: string) => byName(command).options!.find((o) => o.name === name)!;

describe('Discord command data from the core registry', () => {
  it('has every registry command, in order, as a chat-input command for guilds and DMs', () => {
    expect(data.map((c) => c.name)).toEqual(COMMANDS.map((c) => c.name));
    for (const c of data) {
      expect(c.type).toBe(1);
      expect(c.contexts).toEqual([0, 1]);
      expect(c.dm_permission).toBe(true);
    }
  });

  it.each(COMMANDS.map((c) => [c.name, c] as const))('/%s has names and descriptions Discord accepts, localized for zh-CN', (name, cmd) => {
    const c = byName(name);
    expect(isDiscordName(c.name)).toBe(true);
    expect(c.name_localizations).toEqual({ 'zh-CN': cmd.localName });
    expect(c.description).toBe(cmd.description.en);
    expect(c.description_localizations).toEqual({ 'zh-CN': cmd.description.zh });
    for (const o of c.options ?? []) {
      expect(isDiscordName(o.name)).toBe(true);
      expect(o.description.length).toBeGreaterThan(0);
      expect(o.description.length).toBeLessThanOrEqual(100);
      expect(o.description_localizations?.['zh-CN']?.length).toBeGreaterThan(0);
    }
    const required = (c.options ?? []).map((o) => Boolean(o.required));
    expect(required).toEqual([...required].sort((a, b) => Number(b) - Number(a)));
  });

  it.each([
    ['lesson', 'topic', { type: 3, required: true, autocomplete: true, max_length: 200 }],
    ['search', 'query', { type: 3, required: true, autocomplete: true }],
    ['subscribe', 'every', { type: 4, required: false, min_value: 1, max_value: 14 }],
    ['subscribe', 'time', { type: 3, required: false, max_length: 10 }],
    ['lang', 'language', { type: 3, required: true, choices: [{ name: 'English', value: 'en' }, { name: '中文', value: 'zh' }] }],
    ['lesson', 'private', { type: 5, required: false }],
    ['lesson', 'share', { type: 6, required: false }],
    ['search', 'private', { type: 5 }],
    ['search', 'share', { type: 6 }],
  ])('/%s %s is typed', (command, name, expected) => {
    expect(option(command, name)).toMatchObject(expected);
  });

  it('offers fixed choices without autocomplete, which Discord refuses together', () => {
    expect(option('lang', 'language')).not.toHaveProperty('autocomplete', true);
  });

  it('adds the Discord-only options to lookups only', () => {
    const withPrivate = data.filter((c) => c.options?.some((o) => o.name === 'private')).map((c) => c.name);
    expect(withPrivate).toEqual(['lesson', 'search']);
  });

  it.each([['lesson', true], ['课程', true], ['Lesson', false], ['two words', false], ['x'.repeat(33), false], ['', false]])(
    'judges %j a valid Discord name: %s',
    (name, ok) => {
      expect(isDiscordName(name)).toBe(ok);
    },
  );
});
