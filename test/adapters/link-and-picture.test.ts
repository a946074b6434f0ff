import { ButtonStyle, ComponentType } from 'discord.js';
import { describe, expect, it } from 'vitest';
import { renderText } from '../../src/adapters/console/render-text.js';
import { renderButtons } from '../../src/adapters/discord/render-buttons.js';
import { renderReply } from '../../src/adapters/discord/render-embeds.js';
import { hasContent } from '../../src/adapters/telegram/render-html.js';
import { renderKeyboard } from '../../src/adapters/telegram/render-keyboard.js';
import { linkButton, type Picture } from '../../src/core/reply.js';

const URL = 'https://study.example.org/lessons/39';
const read = linkButton('Read', URL, { webApp: true });
// The smallest valid PNG: one transparent pixel. The adapters pass the bytes on unread.
const png = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000' + '1f15c4890000000d49444154789c6300010000050001' + '0d0a2db40000000049454e44ae426082', 'hex');
const picture: Picture = { png, name: 'progress.png', alt: 'Your progress: 3 of 49 lessons done' };

describe('a link button', () => {
  it.each<[string, boolean, unknown]>([
    ['opens as a Mini App in a private chat', true, { text: 'Read', web_app: { url: URL } }],
    ['opens as a plain link in a group', false, { text: 'Read', url: URL }],
  ])('in Telegram %s', (_name, webApps, button) => {
    expect(renderKeyboard([[read]], { webApps })?.inline_keyboard).toEqual([[button]]);
  });

  it('in Telegram is left out unless it is https', () => {
    expect(renderKeyboard([[linkButton('Read', 'http://study.example.org/lessons/39')]])).toBeUndefined();
  });

  it('in Discord is a link-style button without a custom_id', () => {
    expect(renderButtons([[read]])[0]!.components).toEqual([{ type: ComponentType.Button, style: ButtonStyle.Link, label: 'Read', url: URL }]);
  });

  it('in the terminal prints its address, keyed by a letter as any button that opens no lesson', () => {
    expect(renderText({ blocks: [], buttons: [[read]] }).text).toBe(`[a] Read (${URL})`);
  });
});

describe('a picture', () => {
  it('in Discord is attached to the first message and shown in its first embed', () => {
    const [first] = renderReply({ title: 'Progress', blocks: [], buttons: [], picture });
    expect(first!.files).toEqual([{ attachment: png, name: 'progress.png', description: picture.alt }]);
    expect(first!.embeds[0]!.image).toEqual({ url: 'attachment://progress.png' });
  });

  it('alone is still something Telegram sends', () => {
    expect(hasContent({ blocks: [], buttons: [], picture })).toBe(true);
  });
});
