// Every view of every real lesson, in both languages, rendered as the bot sends it and checked
// by the strict fake's rules: what Telegram would refuse (or silently show wrong) fails here.
import { afterAll, describe, expect, it } from 'vitest';
import { renderHtml } from '../../../src/adapters/telegram/render-html.js';
import { HTML_OPTIONS } from '../../../src/adapters/telegram/send-reply.js';
import { LOCALES } from '../../../src/core/i18n/locale.js';
import { SECTION_KEYS } from '../../../src/core/lessons/sections.js';
import { action } from '../../../src/core/actions.js';
import { makeApp } from '../../helpers/app.js';
import { freshRules, refusal } from '../../fakes/telegram-rules.js';

const app = makeApp();
afterAll(() => app.dispose());

const lessons = app.services.library.sequence(true).map((l) => l.entry.id);

describe.each(LOCALES)('every lesson view in %s, as Telegram HTML', (locale) => {
  it.each(lessons)('lesson %i: every section, and its quiz answers, Telegram accepts', async (id) => {
    const caller = { platform: 'telegram', userId: `v${id}${locale}`, chatId: `7${id}`, chatKind: 'private' as const, canManageChat: true, localeHint: locale };
    const presses = [...SECTION_KEYS.map((key) => action.section(id, key)), action.quiz(id), action.reveal(id, 0)];
    const refused: string[] = [];
    let sent = 0;
    for (const press of presses) {
      const { parts, keyboard } = renderHtml(await app.core.press(caller, press), undefined, { webApps: true });
      for (const [i, text] of parts.entries()) {
        sent++;
        const payload = { chat_id: caller.chatId, text, ...HTML_OPTIONS, reply_markup: i === parts.length - 1 ? keyboard : undefined };
        const why = refusal('sendMessage', payload, freshRules());
        if (why) refused.push(`${press} part ${i + 1}: ${why}`);
      }
    }
    expect(sent).toBeGreaterThanOrEqual(presses.length);
    expect(refused).toEqual([]);
  });
});
