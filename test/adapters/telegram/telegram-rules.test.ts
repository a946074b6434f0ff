// The strict fake's Bot API rules, call by call, with the error text Telegram answers.
import { describe, expect, it } from 'vitest';
import { freshRules, refusal } from '../../fakes/telegram-rules.js';

const msg = (text: string, extra: object = {}) => ({ chat_id: 1, text, parse_mode: 'HTML', ...extra });
const keys = (...rows: object[][]) => ({ reply_markup: { inline_keyboard: rows } });
const cb = (callback_data: string) => ({ text: 'x', callback_data });
const article = (id: string) => ({ type: 'article', id, title: 't', input_message_content: { message_text: 'hi', parse_mode: 'HTML' } });

describe('the Bot API rules the strict fake holds every call to', () => {
  it.each<[string, string, object, string | undefined]>([
    ['a plain message', 'sendMessage', msg('<b>hi</b> &amp; bye'), undefined],
    ['4096 characters after parsing, though the HTML is longer', 'sendMessage', msg(`<b>${'&amp;'.repeat(4096)}</b>`), undefined],
    ['4097 characters', 'sendMessage', msg('x'.repeat(4097)), 'Bad Request: message is too long'],
    ['only blanks', 'sendMessage', msg(' <b> </b>\n'), 'Bad Request: message text is empty'],
    ['bad HTML', 'sendMessage', msg('a <foo> b'), 'Bad Request: can\'t parse entities: Unsupported start tag "foo" at byte offset 2'],
    ['bad HTML in an edit', 'editMessageText', msg('<i>x'), 'Bad Request: can\'t parse entities: Can\'t find end tag corresponding to start tag "i"'],
    ['a caption of 1024', 'sendPhoto', { chat_id: 1, caption: 'c'.repeat(1024) }, undefined],
    ['a caption of 1025', 'sendPhoto', { chat_id: 1, caption: 'c'.repeat(1025) }, 'Bad Request: message caption is too long'],
    ['callback_data of 64 bytes', 'sendMessage', msg('x', keys([cb('x'.repeat(64))])), undefined],
    ['callback_data of 65 bytes', 'sendMessage', msg('x', keys([cb('灰'.repeat(22))])), 'Bad Request: BUTTON_DATA_INVALID'],
    ['empty callback_data', 'sendMessage', msg('x', keys([cb('')])), 'Bad Request: BUTTON_DATA_INVALID'],
    ['a button without an action', 'sendMessage', msg('x', keys([{ text: 'x' }])), "Bad Request: can't parse inline keyboard button: Text buttons are unallowed in the inline keyboard"],
    ['a button without a label', 'sendMessage', msg('x', keys([{ text: ' ', callback_data: 'a' }])), 'Bad Request: BUTTON_TEXT_INVALID'],
    ['9 buttons in a row', 'sendMessage', msg('x', keys(Array.from({ length: 9 }, () => cb('a')))), 'Bad Request: BUTTONS_TOO_MUCH'],
    ['101 buttons', 'sendMessage', msg('x', keys(...Array.from({ length: 101 }, () => [cb('a')]))), 'Bad Request: BUTTONS_TOO_MUCH'],
    ['an http link button', 'sendMessage', msg('x', keys([{ text: 'x', url: 'ftp://a' }])), 'Bad Request: BUTTON_URL_INVALID'],
    ['a Mini App button in a group', 'sendMessage', { ...msg('x', keys([{ text: 'x', web_app: { url: 'https://a.b' } }])), chat_id: -100 }, 'Bad Request: BUTTON_TYPE_INVALID'],
    ['removing the buttons with an empty keyboard', 'editMessageText', msg('x', keys()), undefined],
    ['a webhook secret of allowed characters', 'setWebhook', { url: 'https://a.b/t', secret_token: 'A-z_09' }, undefined],
    ['a webhook secret with a colon', 'setWebhook', { url: 'https://a.b/t', secret_token: '123:abc' }, 'Bad Request: secret token contains unallowed characters'],
    ['a webhook secret of 257 characters', 'setWebhook', { url: 'https://a.b/t', secret_token: 'a'.repeat(257) }, 'Bad Request: secret token contains unallowed characters'],
    ['50 inline results', 'answerInlineQuery', { inline_query_id: 'q', results: Array.from({ length: 50 }, (_, i) => article(`r${i}`)) }, undefined],
    ['51 inline results', 'answerInlineQuery', { inline_query_id: 'q', results: Array.from({ length: 51 }, (_, i) => article(`r${i}`)) }, 'Bad Request: RESULTS_TOO_MUCH'],
    ['two inline results with one id', 'answerInlineQuery', { inline_query_id: 'q', results: [article('a'), article('a')] }, 'Bad Request: RESULT_ID_DUPLICATE'],
    ['an inline result with bad HTML', 'answerInlineQuery', { inline_query_id: 'q', results: [{ ...article('a'), input_message_content: { message_text: '<x>', parse_mode: 'HTML' } }] }, 'Bad Request: can\'t parse entities: Unsupported start tag "x" at byte offset 0'],
    ['a caption ending in half an emoji', 'sendPhoto', { chat_id: 1, caption: 'progress \uD83D' }, 'Bad Request: strings must be encoded in UTF-8'],
    ['a caption with a whole emoji', 'sendPhoto', { chat_id: 1, caption: 'progress 😀' }, undefined],
    ['100 commands at the limits', 'setMyCommands', { commands: Array.from({ length: 100 }, (_, i) => ({ command: `c${i}`.padEnd(32, '_'), description: 'd'.repeat(256) })) }, undefined],
    ['101 commands', 'setMyCommands', { commands: Array.from({ length: 101 }, (_, i) => ({ command: `c${i}`, description: 'd' })) }, 'Bad Request: BOT_COMMANDS_TOO_MUCH'],
    ['a command name of 33 characters', 'setMyCommands', { commands: [{ command: 'c'.repeat(33), description: 'd' }] }, 'Bad Request: BOT_COMMAND_INVALID'],
    ['a command description of 257 characters', 'setMyCommands', { commands: [{ command: 'help', description: 'd'.repeat(257) }] }, 'Bad Request: BOT_COMMAND_DESCRIPTION_INVALID'],
    ['an empty command description', 'setMyCommands', { commands: [{ command: 'help', description: '' }] }, 'Bad Request: BOT_COMMAND_DESCRIPTION_INVALID'],
    ['a command name with a capital', 'setMyCommands', { commands: [{ command: 'Help', description: 'h' }] }, 'Bad Request: BOT_COMMAND_INVALID'],
  ])('%s', (_name, method, payload, error) => {
    expect(refusal(method, payload as Record<string, unknown>, freshRules())).toBe(error);
  });

  it.each([
    ['answerCallbackQuery', { callback_query_id: '7' }],
    ['answerInlineQuery', { inline_query_id: '7', results: [] }],
  ])('answers %s once; a second answer is too late', (method, payload) => {
    const state = freshRules();
    expect(refusal(method, payload, state)).toBeUndefined();
    expect(refusal(method, payload, state)).toBe('Bad Request: query is too old and response timeout expired or query ID is invalid');
  });

  it('refuses to answer a button press more than 15 s after it reached the bot, as Telegram does', () => {
    let now = 1_000_000;
    const state = freshRules(() => now);
    state.callbackIssuedAt.set('8', now);
    state.callbackIssuedAt.set('9', now);
    now += 15_000;
    expect(refusal('answerCallbackQuery', { callback_query_id: '8' }, state)).toBeUndefined();
    now += 1;
    expect(refusal('answerCallbackQuery', { callback_query_id: '9' }, state)).toBe('Bad Request: query is too old and response timeout expired or query ID is invalid');
  });
});
