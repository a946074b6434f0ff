import type { InlineKeyboardButton, InlineKeyboardMarkup } from 'grammy/types';
import type { Button, ButtonStyle } from '../../core/reply.js';

/** Telegram's limits: callback_data is 1 to 64 bytes; a row holds 8 buttons, a keyboard 100. */
export const CALLBACK_DATA_BYTES = 64;
const ROW_MAX = 8;
const KEYBOARD_MAX = 100;

const STYLES: Partial<Record<ButtonStyle, InlineKeyboardButton.CallbackButton['style']>> = {
  primary: 'primary',
  success: 'success',
  danger: 'danger',
};

/** Whether an action can travel as callback_data. */
export function fitsCallbackData(action: string): boolean {
  const bytes = Buffer.byteLength(action, 'utf8');
  return bytes >= 1 && bytes <= CALLBACK_DATA_BYTES;
}

/**
 * Buttons as an inline keyboard: callback_data is the action itself, which the core parses on a
 * press. A button whose action cannot fit is left out rather than sent cut (a cut action would
 * only answer "that button no longer works"); long rows wrap.
 */
export function renderKeyboard(
  rows: readonly (readonly Button[])[],
  opts: { webApps?: boolean } = {},
): InlineKeyboardMarkup | undefined {
  const keyboard: InlineKeyboardButton[][] = [];
  let count = 0;
  for (const row of rows) {
    const kept = row
      .filter((b) => b.label.trim() && (b.url ? b.url.startsWith('https://') : fitsCallbackData(b.action)))
      .slice(0, KEYBOARD_MAX - count)
      .map((b): InlineKeyboardButton => {
        // Telegram takes web_app buttons in private chats only; elsewhere the page opens as a link.
        if (b.url) return b.webApp && opts.webApps ? { text: b.label, web_app: { url: b.url } } : { text: b.label, url: b.url };
        const style = b.style && STYLES[b.style];
        return style ? { text: b.label, callback_data: b.action, style } : { text: b.label, callback_data: b.action };
      });
    count += kept.length;
    for (let i = 0; i < kept.length; i += ROW_MAX) keyboard.push(kept.slice(i, i + ROW_MAX));
  }
  return keyboard.length ? { inline_keyboard: keyboard } : undefined;
}
