// The Bot API's rules for the calls the bot makes, checked before a call reaches the emulator:
// a call Telegram would refuse is refused with Telegram's own error text. Test wiring only.
// Limits from https://core.telegram.org/bots/api (sendMessage, sendPhoto, InlineKeyboardButton,
// answerCallbackQuery, answerInlineQuery, setWebhook, setMyCommands).
import { EntityError, parseTelegramHtml } from './telegram-html.js';

export const TEXT_MAX = 4096;
export const CAPTION_MAX = 1024;
const CALLBACK_TEXT_MAX = 200;
const ROW_MAX = 8;
const BUTTONS_MAX = 100;
const INLINE_RESULTS_MAX = 50;
const SECRET = /^[A-Za-z0-9_-]{1,256}$/;
const COMMAND = /^[a-z0-9_]{1,32}$/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Telegram answers answerCallbackQuery with "query is too old" about 15 s after the press. */
export const CALLBACK_MAX_AGE_MS = 15_000;

/** Query ids already answered, per kind: a second answer is refused; so is a callback answered too late. */
export interface RulesState {
  answeredCallbacks: Set<string>;
  answeredInline: Set<string>;
  /** When each callback query reached the bot (ms on `now`); a query not in it is not aged. */
  callbackIssuedAt: Map<string, number>;
  /** How long a callback query may wait for its answer (a test shortens it rather than wait 15 s). */
  callbackMaxAgeMs: number;
  now: () => number;
}

/** The rules' state at the start: nothing answered, Telegram's own age limit, the real clock. */
export function freshRules(now: () => number = Date.now): RulesState {
  return { answeredCallbacks: new Set(), answeredInline: new Set(), callbackIssuedAt: new Map(), callbackMaxAgeMs: CALLBACK_MAX_AGE_MS, now };
}

type Payload = Record<string, unknown>;
const bad = (what: string) => `Bad Request: ${what}`;

/** The error description Telegram would answer this call with, or undefined when it would accept it. */
export function refusal(method: string, p: Payload, state: RulesState): string | undefined {
  switch (method) {
    case 'sendMessage':
    case 'editMessageText':
      return formatted(p.text, p.parse_mode, TEXT_MAX, 'message text is empty', 'message is too long') ?? keyboard(p.reply_markup, p.chat_id);
    case 'sendPhoto':
      return p.caption === undefined ? keyboard(p.reply_markup, p.chat_id)
        : formatted(p.caption, p.parse_mode, CAPTION_MAX, undefined, 'message caption is too long') ?? keyboard(p.reply_markup, p.chat_id);
    case 'editMessageReplyMarkup':
      return keyboard(p.reply_markup, p.chat_id);
    case 'answerCallbackQuery':
      return answerCallback(p, state);
    case 'answerInlineQuery':
      return answerInline(p, state);
    case 'setWebhook':
      if (p.secret_token !== undefined && !SECRET.test(String(p.secret_token))) return bad('secret token contains unallowed characters');
      if (!/^https:\/\//.test(String(p.url ?? ''))) return bad('bad webhook: An HTTPS URL must be provided for webhook');
      return undefined;
    case 'setMyCommands': {
      const commands = (p.commands ?? []) as { command?: string; description?: string }[];
      if (commands.length > 100) return bad('BOT_COMMANDS_TOO_MUCH');
      if (commands.some((c) => !COMMAND.test(c.command ?? ''))) return bad('BOT_COMMAND_INVALID');
      if (commands.some((c) => !c.description || c.description.length > 256)) return bad('BOT_COMMAND_DESCRIPTION_INVALID');
      return undefined;
    }
    default:
      return undefined;
  }
}

/** Text with its parse_mode: parsed as Telegram parses it, then held to the limit. */
function formatted(value: unknown, parseMode: unknown, max: number, emptyError: string | undefined, longError: string): string | undefined {
  let text = String(value ?? '');
  if (parseMode === 'HTML') {
    try {
      text = parseTelegramHtml(text).text;
    } catch (err) {
      if (err instanceof EntityError) return err.description;
      throw err;
    }
  } else if (parseMode !== undefined) {
    return bad(`unsupported parse_mode ${String(parseMode)} in the strict fake (the bot uses HTML)`);
  }
  // Half an emoji (a lone surrogate) cannot be encoded as UTF-8, which Telegram requires.
  if (LONE_SURROGATE.test(text)) return bad('strings must be encoded in UTF-8');
  // Telegram trims the text; what is left is what counts.
  const trimmed = text.trim();
  if (!trimmed && emptyError) return bad(emptyError);
  if (trimmed.length > max) return bad(longError);
  return undefined;
}

function keyboard(markup: unknown, chatId: unknown): string | undefined {
  const rows = (markup as { inline_keyboard?: unknown } | undefined)?.inline_keyboard;
  if (rows === undefined) return undefined;
  if (!Array.isArray(rows)) return bad("can't parse reply keyboard markup JSON object");
  let count = 0;
  for (const row of rows as unknown[]) {
    if (!Array.isArray(row)) return bad("can't parse inline keyboard button: InlineKeyboardButton must be an Object");
    if (row.length > ROW_MAX) return bad('BUTTONS_TOO_MUCH');
    for (const b of row as Record<string, unknown>[]) {
      count++;
      const error = button(b, chatId);
      if (error) return error;
    }
  }
  if (count > BUTTONS_MAX) return bad('BUTTONS_TOO_MUCH');
  return undefined;
}

function button(b: Record<string, unknown>, chatId: unknown): string | undefined {
  if (typeof b.text !== 'string') return bad(`can't parse inline keyboard button: Field "text" must be of type String`);
  if (!b.text.trim()) return bad('BUTTON_TEXT_INVALID');
  const kinds = ['callback_data', 'url', 'web_app', 'switch_inline_query', 'switch_inline_query_current_chat', 'login_url', 'copy_text', 'pay'].filter((k) => k in b);
  if (kinds.length === 0) return bad("can't parse inline keyboard button: Text buttons are unallowed in the inline keyboard");
  if (kinds.length > 1) return bad(`can't parse inline keyboard button: only one of ${kinds.join(', ')} may be given`);
  if ('callback_data' in b) {
    const bytes = Buffer.byteLength(String(b.callback_data), 'utf8');
    if (typeof b.callback_data !== 'string' || bytes < 1 || bytes > 64) return bad('BUTTON_DATA_INVALID');
  }
  if ('url' in b && !/^(https?|tg):\/\/\S+$/.test(String(b.url))) return bad('BUTTON_URL_INVALID');
  if ('web_app' in b) {
    const url = (b.web_app as { url?: string } | undefined)?.url ?? '';
    if (!url.startsWith('https://')) return bad('BUTTON_URL_INVALID');
    // Web App buttons are for private chats only (a group's id is negative).
    if (Number(chatId) < 0) return bad('BUTTON_TYPE_INVALID');
  }
  if ('style' in b && !['primary', 'success', 'danger'].includes(String(b.style))) return bad(`can't parse inline keyboard button: unknown style "${String(b.style)}"`);
  return undefined;
}

const TOO_OLD = bad('query is too old and response timeout expired or query ID is invalid');

function answerCallback(p: Payload, state: RulesState): string | undefined {
  const id = String(p.callback_query_id ?? '');
  if (!id || state.answeredCallbacks.has(id)) return TOO_OLD;
  const issuedAt = state.callbackIssuedAt.get(id);
  if (issuedAt !== undefined && state.now() - issuedAt > state.callbackMaxAgeMs) return TOO_OLD;
  if (p.text !== undefined && String(p.text).length > CALLBACK_TEXT_MAX) return bad('MESSAGE_TOO_LONG');
  state.answeredCallbacks.add(id);
  return undefined;
}

function answerInline(p: Payload, state: RulesState): string | undefined {
  const id = String(p.inline_query_id ?? '');
  if (!id || state.answeredInline.has(id)) return TOO_OLD;
  const results = (p.results ?? []) as Record<string, unknown>[];
  if (results.length > INLINE_RESULTS_MAX) return bad('RESULTS_TOO_MUCH');
  const ids = new Set<string>();
  for (const r of results) {
    const rid = String(r.id ?? '');
    const bytes = Buffer.byteLength(rid, 'utf8');
    if (bytes < 1 || bytes > 64) return bad('RESULT_ID_INVALID');
    if (ids.has(rid)) return bad('RESULT_ID_DUPLICATE');
    ids.add(rid);
    const content = r.input_message_content as Payload | undefined;
    if (content && 'message_text' in content) {
      const error = formatted(content.message_text, content.parse_mode, TEXT_MAX, 'message text is empty', 'message is too long');
      if (error) return error;
    }
    const error = keyboard(r.reply_markup, undefined);
    if (error) return error;
  }
  state.answeredInline.add(id);
  return undefined;
}
