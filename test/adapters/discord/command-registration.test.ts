import { DiscordAPIError, REST, Routes } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commandData } from '../../../src/adapters/discord/command-data.js';
import { APP_ID, FakeDiscord, GUILD_ID } from '../../fakes/discord-server.js';

// The local Discord registers application commands only within Discord's published limits, so the
// registry's commands, as the adapter puts them, are held to what Discord would accept.
let fake: FakeDiscord;
let rest: REST;
beforeAll(async () => {
  fake = await FakeDiscord.start();
  rest = new REST({ api: fake.apiRoot, retries: 0 }).setToken(fake.token);
});
afterAll(async () => {
  await fake?.close();
});

const long = (n: number) => 'x'.repeat(n);
const option = (name: string, extra: object = {}) => ({ type: 3, name, description: 'an option', ...extra });
const command = (extra: object = {}) => ({ type: 1, name: 'lesson', description: 'Open a lesson', ...extra });
const field = (code: string, message: string) => ({ _errors: [{ code, message }] });

describe('registering commands', () => {
  it('accepts every registry command, with its Chinese names and descriptions, globally and for a guild', async () => {
    await expect(rest.put(Routes.applicationCommands(APP_ID), { body: commandData() })).resolves.toHaveLength(commandData().length);
    await expect(rest.put(Routes.applicationGuildCommands(APP_ID, GUILD_ID), { body: commandData() })).resolves.toHaveLength(commandData().length);
    expect(fake.refusals()).toEqual([]);
  });

  it('accepts a command at exactly the limits', async () => {
    const choices = Array.from({ length: 25 }, (_, i) => ({ name: long(100), value: i ? `${i}` : long(100) }));
    const body = [command({ name: long(32), description: long(100), options: [option('topic', { choices }), ...Array.from({ length: 24 }, (_, i) => option(`o${i}`))] })];
    await expect(rest.put(Routes.applicationCommands(APP_ID), { body })).resolves.toHaveLength(1);
  });

  it.each<[string, object[], Record<string, unknown>]>([
    ['a name with a capital', [command({ name: 'Lesson' })], { 0: { name: field('APPLICATION_COMMAND_INVALID_NAME', 'Command name is invalid') } }],
    ['a name of 33 characters', [command({ name: long(33) })], { 0: { name: field('APPLICATION_COMMAND_INVALID_NAME', 'Command name is invalid') } }],
    ['a name with a space', [command({ name: 'my lesson' })], { 0: { name: field('APPLICATION_COMMAND_INVALID_NAME', 'Command name is invalid') } }],
    ['a description of 101 characters', [command({ description: long(101) })], { 0: { description: field('BASE_TYPE_BAD_LENGTH', 'Must be between 1 and 100 in length.') } }],
    ['an empty description', [command({ description: '' })], { 0: { description: field('BASE_TYPE_BAD_LENGTH', 'Must be between 1 and 100 in length.') } }],
    ['a Chinese description of 101 characters', [command({ description_localizations: { 'zh-CN': '课'.repeat(101) } })], { 0: { description_localizations: { 'zh-CN': field('BASE_TYPE_BAD_LENGTH', 'Must be between 1 and 100 in length.') } } }],
    ['a localization for "zh"', [command({ description_localizations: { zh: '课程' } })], { 0: { description_localizations: { zh: field('ENUM_TYPE_COERCE', 'Value "zh" is not a valid enum value.') } } }],
    ['26 options', [command({ options: Array.from({ length: 26 }, (_, i) => option(`o${i}`)) })], { 0: { options: field('BASE_TYPE_MAX_LENGTH', 'Must be 25 or fewer in length.') } }],
    ['26 choices', [command({ options: [option('topic', { choices: Array.from({ length: 26 }, (_, i) => ({ name: `c${i}`, value: `${i}` })) })] })], { 0: { options: { 0: { choices: field('BASE_TYPE_MAX_LENGTH', 'Must be 25 or fewer in length.') } } } }],
    ['a choice name of 101 characters', [command({ options: [option('topic', { choices: [{ name: long(101), value: 'a' }] })] })], { 0: { options: { 0: { choices: { 0: { name: field('BASE_TYPE_BAD_LENGTH', 'Must be between 1 and 100 in length.') } } } } } }],
    ['choices with autocomplete', [command({ options: [option('topic', { autocomplete: true, choices: [{ name: 'a', value: 'a' }] })] })], { 0: { options: { 0: { autocomplete: field('AUTOCOMPLETE_INVALID_WITH_CHOICES', 'Autocomplete cannot be set with choices') } } } }],
    ['a required option after an optional one', [command({ options: [option('a'), option('b', { required: true })] })], { 0: { options: { 1: field('APPLICATION_COMMAND_OPTIONS_REQUIRED_INVALID', 'Required options must be placed before non-required options') } } }],
    ['two options of one name', [command({ options: [option('a'), option('a')] })], { 0: { options: { 1: { name: field('APPLICATION_COMMAND_OPTION_NAME_ALREADY_EXISTS', 'Option names must be unique') } } } }],
    ['two commands of one name', [command(), command()], { 1: { name: field('APPLICATION_COMMANDS_DUPLICATE_NAME', 'Application command names must be unique') } }],
    ['101 commands', Array.from({ length: 101 }, (_, i) => command({ name: `c${i}` })), field('BASE_TYPE_MAX_LENGTH', 'Must be 100 or fewer in length.')],
    ['a command over 4,000 characters', [command({ options: Array.from({ length: 25 }, (_, i) => option(`o${i}`, { description: long(100), choices: Array.from({ length: 25 }, (_, k) => ({ name: `c${k}`, value: `${k}` })) })) })], { 0: field('APPLICATION_COMMAND_TOO_LARGE', 'Command exceeds maximum size (4000)') }],
  ])('refuses %s', async (_name, body, errors) => {
    const err = (await rest.put(Routes.applicationCommands(APP_ID), { body }).catch((e: unknown) => e)) as DiscordAPIError;
    expect(err).toBeInstanceOf(DiscordAPIError);
    expect(err.rawError).toEqual({ code: 50035, message: 'Invalid Form Body', errors });
  });
});
