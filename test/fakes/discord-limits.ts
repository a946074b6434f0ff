// Discord's published limits on what a message or an interaction response may carry, checked the
// way Discord checks them: a body it would refuse gets its 400 Invalid Form Body, with the errors
// nested under the path of the offending field, so the adapter meets the same answer as in production.
// The per-field rules are @discordjs/builders' own validators; the messages are Discord's.
import { ComponentAssertions, EmbedAssertions, RESTJSONErrorCodes } from 'discord.js';

/** Discord's JSON error body. */
export interface DiscordErrorBody {
  code: number;
  message: string;
  errors?: Record<string, unknown>;
}

/** One field error: where (Discord's path, `embeds.0.title`) and Discord's code and message. */
export interface FieldError {
  path: (string | number)[];
  code: string;
  message: string;
}

export const MESSAGE_LIMITS = {
  content: 2000, embeds: 10, embedTotal: 6000, fields: 25, rows: 5, perRow: 5, choices: 25, choiceText: 100, customId: 100,
} as const;

// A shapeshift validator as @discordjs/builders exports them: `run` says whether the value passes.
type Rule = { run(value: unknown): { isErr(): boolean } };
const fails = (rule: Rule, value: unknown): boolean => rule.run(value).isErr();

const tooLong = (path: FieldError['path'], max: number): FieldError => ({ path, code: 'BASE_TYPE_MAX_LENGTH', message: `Must be ${max} or fewer in length.` });

/** The embed fields Discord limits one by one, with the builders' validator and Discord's maximum. */
const EMBED_FIELDS: { key: string; get: (e: Embed) => unknown; rule: Rule; max: number; path: string[] }[] = [
  { key: 'title', get: (e) => e.title, rule: EmbedAssertions.titlePredicate, max: 256, path: ['title'] },
  { key: 'description', get: (e) => e.description, rule: EmbedAssertions.descriptionPredicate, max: 4096, path: ['description'] },
  { key: 'footer', get: (e) => e.footer?.text, rule: EmbedAssertions.footerTextPredicate, max: 2048, path: ['footer', 'text'] },
  { key: 'author', get: (e) => e.author?.name, rule: EmbedAssertions.authorNamePredicate, max: 256, path: ['author', 'name'] },
];

interface Embed {
  title?: string;
  description?: string;
  footer?: { text?: string };
  author?: { name?: string };
  fields?: { name: string; value: string }[];
}

interface MessageBody {
  content?: string;
  embeds?: Embed[];
  components?: { type: number; components?: { type: number; custom_id?: string; label?: string; url?: string; style?: number }[] }[];
  attachments?: unknown[];
  flags?: number;
}

/**
 * A message body (channel post, interaction reply, follow-up, edit) checked against Discord's limits.
 * `edit` allows an empty body (an edit may change only some fields).
 */
export function checkMessage(body: unknown, options: { edit?: boolean; files?: number } = {}): DiscordErrorBody | undefined {
  if (typeof body !== 'object' || body === null) return invalidForm([{ path: [], code: 'MODEL_TYPE_CONVERT', message: 'Only dictionaries may be used in a ModelType' }]);
  const m = body as MessageBody;
  const errors: FieldError[] = [];
  if (typeof m.content === 'string' && m.content.length > MESSAGE_LIMITS.content) errors.push(tooLong(['content'], MESSAGE_LIMITS.content));
  const embeds = m.embeds ?? [];
  if (embeds.length > MESSAGE_LIMITS.embeds) errors.push(tooLong(['embeds'], MESSAGE_LIMITS.embeds));
  let total = 0;
  embeds.forEach((e, i) => {
    for (const f of EMBED_FIELDS) {
      const value = f.get(e);
      if (value === undefined) continue;
      if (typeof value === 'string') total += value.length;
      if (fails(f.rule, value)) errors.push(lengthError(['embeds', i, ...f.path], value, f.max));
    }
    const fields = e.fields ?? [];
    if (fails(EmbedAssertions.fieldLengthPredicate, fields.length)) errors.push(tooLong(['embeds', i, 'fields'], MESSAGE_LIMITS.fields));
    fields.forEach((field, j) => {
      total += field.name.length + field.value.length;
      if (fails(EmbedAssertions.fieldNamePredicate, field.name) || !field.name.length) errors.push(lengthError(['embeds', i, 'fields', j, 'name'], field.name, 256));
      if (fails(EmbedAssertions.fieldValuePredicate, field.value) || !field.value.length) errors.push(lengthError(['embeds', i, 'fields', j, 'value'], field.value, 1024));
    });
  });
  if (total > MESSAGE_LIMITS.embedTotal) errors.push({ path: ['embeds'], code: 'MAX_EMBED_SIZE_EXCEEDED', message: `Embed size exceeds maximum size of ${MESSAGE_LIMITS.embedTotal}` });
  errors.push(...componentErrors(m.components ?? []));
  if (errors.length) return invalidForm(errors);
  const empty = !m.content && !embeds.length && !(m.components ?? []).length && !options.files && !m.attachments?.length;
  if (empty && !options.edit) return { code: RESTJSONErrorCodes.CannotSendAnEmptyMessage, message: 'Cannot send an empty message' };
  return undefined;
}

function componentErrors(rows: NonNullable<MessageBody['components']>): FieldError[] {
  const errors: FieldError[] = [];
  if (rows.length > MESSAGE_LIMITS.rows) errors.push(tooLong(['components'], MESSAGE_LIMITS.rows));
  const seen = new Set<string>();
  rows.forEach((row, r) => {
    const items = row.components ?? [];
    if (row.type !== 1) errors.push({ path: ['components', r, 'type'], code: 'UNION_TYPE_CHOICES', message: 'Value of field "type" must be one of (1,).' });
    if (items.length > MESSAGE_LIMITS.perRow) errors.push(tooLong(['components', r, 'components'], MESSAGE_LIMITS.perRow));
    if (!items.length) errors.push({ path: ['components', r, 'components'], code: 'BASE_TYPE_MIN_LENGTH', message: 'Must be 1 or more in length.' });
    items.forEach((b, c) => {
      const at = ['components', r, 'components', c];
      if (b.label !== undefined && fails(ComponentAssertions.buttonLabelValidator, b.label)) errors.push(lengthError([...at, 'label'], b.label, 80));
      if (b.style === 5) {
        if (!b.url) errors.push({ path: [...at, 'url'], code: 'BASE_TYPE_REQUIRED', message: 'This field is required' });
        if (b.custom_id !== undefined) errors.push({ path: [...at, 'custom_id'], code: 'BUTTON_COMPONENT_CUSTOM_ID_NOT_ALLOWED', message: 'A custom id is not allowed for this button style' });
        return;
      }
      if (b.custom_id === undefined) {
        errors.push({ path: [...at, 'custom_id'], code: 'BASE_TYPE_REQUIRED', message: 'This field is required' });
        return;
      }
      if (fails(ComponentAssertions.customIdValidator, b.custom_id)) errors.push(lengthError([...at, 'custom_id'], b.custom_id, MESSAGE_LIMITS.customId));
      if (seen.has(b.custom_id)) errors.push({ path: [...at, 'custom_id'], code: 'COMPONENT_CUSTOM_ID_DUPLICATED', message: 'Component custom id cannot be duplicated' });
      seen.add(b.custom_id);
    });
  });
  return errors;
}

/** An autocomplete answer (interaction response type 8). */
export function checkChoices(data: unknown): DiscordErrorBody | undefined {
  const choices = (data as { choices?: { name: string; value: string | number }[] } | undefined)?.choices;
  if (!Array.isArray(choices)) return invalidForm([{ path: ['data', 'choices'], code: 'BASE_TYPE_REQUIRED', message: 'This field is required' }]);
  const errors: FieldError[] = [];
  if (choices.length > MESSAGE_LIMITS.choices) errors.push(tooLong(['data', 'choices'], MESSAGE_LIMITS.choices));
  choices.forEach((c, i) => {
    if (typeof c.name !== 'string' || c.name.length < 1 || c.name.length > MESSAGE_LIMITS.choiceText) errors.push(lengthError(['data', 'choices', i, 'name'], c.name, MESSAGE_LIMITS.choiceText));
    if (typeof c.value === 'string' && c.value.length > MESSAGE_LIMITS.choiceText) errors.push(tooLong(['data', 'choices', i, 'value'], MESSAGE_LIMITS.choiceText));
  });
  return errors.length ? invalidForm(errors) : undefined;
}

/** Interaction response types by the interaction they may answer (2 command, 3 component, 4 autocomplete). */
const RESPONSE_TYPES: Record<number, readonly number[]> = { 2: [4, 5, 9], 3: [4, 5, 6, 7, 9], 4: [8] };

/** An interaction response (the callback body) for an interaction of `interactionType`. */
export function checkInteractionResponse(body: unknown, interactionType: number): DiscordErrorBody | undefined {
  const r = body as { type?: number; data?: unknown } | undefined;
  if (!r || typeof r.type !== 'number' || !RESPONSE_TYPES[interactionType]?.includes(r.type)) {
    return { code: RESTJSONErrorCodes.InvalidFormBodyOrContentType, message: 'Invalid Form Body', errors: nest([{ path: ['type'], code: 'INTERACTION_CALLBACK_TYPE_INVALID', message: 'Value of field "type" is not valid for this interaction.' }]) };
  }
  if (r.type === 8) return checkChoices(r.data);
  if (r.type === 4 || r.type === 7) return prefixed(checkMessage(r.data ?? {}, { edit: r.type === 7 }), 'data');
  return undefined;
}

/** A message error as it reads inside an interaction response: under `data`. */
function prefixed(error: DiscordErrorBody | undefined, key: string): DiscordErrorBody | undefined {
  if (!error?.errors) return error;
  return { ...error, errors: { [key]: error.errors } };
}

function lengthError(path: FieldError['path'], value: unknown, max: number): FieldError {
  if (typeof value === 'string' && value.length === 0) return { path, code: 'BASE_TYPE_MIN_LENGTH', message: 'Must be 1 or more in length.' };
  return tooLong(path, max);
}

export function invalidForm(errors: FieldError[]): DiscordErrorBody {
  return { code: RESTJSONErrorCodes.InvalidFormBodyOrContentType, message: 'Invalid Form Body', errors: nest(errors) };
}

/** Discord's error tree: `{ embeds: { 0: { title: { _errors: [{ code, message }] } } } }`. */
function nest(errors: FieldError[]): Record<string, unknown> {
  const root: Record<string, unknown> = {};
  for (const e of errors) {
    let node = root;
    for (const key of e.path) node = (node[String(key)] ??= {}) as Record<string, unknown>;
    ((node._errors ??= []) as unknown[]).push({ code: e.code, message: e.message });
  }
  return root;
}
