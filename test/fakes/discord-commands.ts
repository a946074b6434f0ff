// Discord's rules for registering application commands (a bulk PUT of chat-input commands), from
// https://discord.com/developers/docs/interactions/application-commands: names, descriptions,
// options, choices and the 4,000-character size of one command. A body Discord would refuse gets its
// 400 Invalid Form Body with the errors under the offending field's path. Test wiring only.
import type { DiscordErrorBody, FieldError } from './discord-limits.js';
import { invalidForm } from './discord-limits.js';

export const COMMAND_LIMITS = { commands: 100, options: 25, choices: 25, text: 100, name: 32, size: 4000 } as const;

/** Discord's name rule for commands and options; where the script has case, lowercase only. */
const NAME = /^[-_'\p{L}\p{N}\p{sc=Deva}\p{sc=Thai}]{1,32}$/u;
/** The locales Discord accepts as keys of name_localizations and description_localizations. */
const LOCALES = new Set([
  'id', 'da', 'de', 'en-GB', 'en-US', 'es-ES', 'es-419', 'fr', 'hr', 'it', 'lt', 'hu', 'nl', 'no', 'pl', 'pt-BR', 'ro', 'fi', 'sv-SE',
  'vi', 'tr', 'cs', 'el', 'bg', 'ru', 'uk', 'hi', 'th', 'zh-CN', 'ja', 'zh-TW', 'ko',
]);

interface Choice {
  name: string;
  name_localizations?: Record<string, string>;
  value: string | number;
}

interface Named {
  name: string;
  name_localizations?: Record<string, string>;
  description: string;
  description_localizations?: Record<string, string>;
}

interface Option extends Named {
  type: number;
  required?: boolean;
  autocomplete?: boolean;
  choices?: Choice[];
  options?: Option[];
  min_value?: number;
  max_value?: number;
  max_length?: number;
}

interface Command extends Named {
  type?: number;
  options?: Option[];
}

type Path = FieldError['path'];
const error = (path: Path, code: string, message: string): FieldError => ({ path, code, message });
const badLength = (path: Path, min: number, max: number) => error(path, 'BASE_TYPE_BAD_LENGTH', `Must be between ${min} and ${max} in length.`);
const tooMany = (path: Path, max: number) => error(path, 'BASE_TYPE_MAX_LENGTH', `Must be ${max} or fewer in length.`);
const isName = (s: unknown): boolean => typeof s === 'string' && NAME.test(s) && s === s.toLowerCase();
const longest = (value: string, localized: Record<string, string> | undefined) => Math.max(value.length, ...Object.values(localized ?? {}).map((v) => v.length));

/** A bulk overwrite of chat-input commands, checked as Discord checks it. */
export function checkCommands(body: unknown): DiscordErrorBody | undefined {
  if (!Array.isArray(body)) return invalidForm([error([], 'ARRAY_TYPE_CONVERT', 'Only iterables may be used in a ListType')]);
  const errors: FieldError[] = [];
  if (body.length > COMMAND_LIMITS.commands) errors.push(tooMany([], COMMAND_LIMITS.commands));
  const names = new Set<string>();
  (body as Command[]).forEach((c, i) => {
    if (names.has(c.name)) errors.push(error([i, 'name'], 'APPLICATION_COMMANDS_DUPLICATE_NAME', 'Application command names must be unique'));
    names.add(c.name);
    errors.push(...named(c, [i], 'Command name is invalid'));
    errors.push(...options(c.options ?? [], [i, 'options']));
    if (size(c) > COMMAND_LIMITS.size) errors.push(error([i], 'APPLICATION_COMMAND_TOO_LARGE', `Command exceeds maximum size (${COMMAND_LIMITS.size})`));
  });
  return errors.length ? invalidForm(errors) : undefined;
}

/** A command's or an option's name and description, with their localizations. */
function named(n: Named, at: Path, invalidName: string): FieldError[] {
  const errors: FieldError[] = [];
  const badName = (path: Path) => error(path, 'APPLICATION_COMMAND_INVALID_NAME', invalidName);
  if (!isName(n.name)) errors.push(badName([...at, 'name']));
  for (const [locale, name] of Object.entries(n.name_localizations ?? {})) {
    if (!LOCALES.has(locale)) errors.push(error([...at, 'name_localizations', locale], 'ENUM_TYPE_COERCE', `Value "${locale}" is not a valid enum value.`));
    else if (!isName(name)) errors.push(badName([...at, 'name_localizations', locale]));
  }
  const description = (path: Path, text: unknown) => {
    if (typeof text !== 'string' || text.length < 1 || text.length > COMMAND_LIMITS.text) errors.push(badLength(path, 1, COMMAND_LIMITS.text));
  };
  description([...at, 'description'], n.description);
  for (const [locale, text] of Object.entries(n.description_localizations ?? {})) {
    if (!LOCALES.has(locale)) errors.push(error([...at, 'description_localizations', locale], 'ENUM_TYPE_COERCE', `Value "${locale}" is not a valid enum value.`));
    else description([...at, 'description_localizations', locale], text);
  }
  return errors;
}

function options(list: Option[], at: Path): FieldError[] {
  const errors: FieldError[] = [];
  if (list.length > COMMAND_LIMITS.options) errors.push(tooMany(at, COMMAND_LIMITS.options));
  const names = new Set<string>();
  let optionalSeen = false;
  list.forEach((o, j) => {
    const here = [...at, j];
    errors.push(...named(o, here, 'Option name is invalid'));
    if (names.has(o.name)) errors.push(error([...here, 'name'], 'APPLICATION_COMMAND_OPTION_NAME_ALREADY_EXISTS', 'Option names must be unique'));
    names.add(o.name);
    // Subcommands (1) and groups (2) have no "required"; among the others, required ones come first.
    if (o.type > 2) {
      if (o.required && optionalSeen) errors.push(error(here, 'APPLICATION_COMMAND_OPTIONS_REQUIRED_INVALID', 'Required options must be placed before non-required options'));
      if (!o.required) optionalSeen = true;
    }
    if (o.options) errors.push(...options(o.options, [...here, 'options']));
    const choices = o.choices ?? [];
    if (choices.length > COMMAND_LIMITS.choices) errors.push(tooMany([...here, 'choices'], COMMAND_LIMITS.choices));
    if (choices.length && o.autocomplete) errors.push(error([...here, 'autocomplete'], 'AUTOCOMPLETE_INVALID_WITH_CHOICES', 'Autocomplete cannot be set with choices'));
    choices.forEach((c, k) => {
      const text = (path: Path, s: unknown) => {
        if (typeof s !== 'string' || s.length < 1 || s.length > COMMAND_LIMITS.text) errors.push(badLength(path, 1, COMMAND_LIMITS.text));
      };
      text([...here, 'choices', k, 'name'], c.name);
      for (const [locale, name] of Object.entries(c.name_localizations ?? {})) text([...here, 'choices', k, 'name_localizations', locale], name);
      if (typeof c.value === 'string' && c.value.length > COMMAND_LIMITS.text) errors.push(tooMany([...here, 'choices', k, 'value'], COMMAND_LIMITS.text));
    });
    if (o.min_value !== undefined && o.max_value !== undefined && o.min_value > o.max_value) {
      errors.push(error([...here, 'max_value'], 'NUMBER_TYPE_MIN', `int value should be greater than or equal to ${o.min_value}.`));
    }
    if (o.max_length !== undefined && (o.max_length < 1 || o.max_length > 6000)) errors.push(error([...here, 'max_length'], 'NUMBER_TYPE_MAX', 'int value should be between 1 and 6000.'));
  });
  return errors;
}

/**
 * The characters a command counts against its 4,000: every name, description and choice value, of
 * its options and choices too; of a localized field only its longest version.
 */
function size(n: Named & { options?: Option[]; choices?: Choice[] }): number {
  let total = longest(n.name, n.name_localizations) + longest(n.description, n.description_localizations);
  for (const c of n.choices ?? []) total += longest(c.name, c.name_localizations) + String(c.value).length;
  for (const o of n.options ?? []) total += size(o);
  return total;
}
