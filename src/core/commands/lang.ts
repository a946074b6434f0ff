import { defineCommand } from '../command.js';
import { translator } from '../i18n/strings.js';

export const lang = defineCommand({
  name: 'lang',
  example: '/lang zh',
  aliases: ['language', '语言'],
  localName: '语言',
  description: { en: 'Reply in English or Chinese', zh: '切换回复语言：英文或中文' },
  options: [
    {
      name: 'language', type: 'string', required: true,
      choices: [{ name: 'English', value: 'en' }, { name: '中文', value: 'zh' }],
      description: { en: 'en or zh', zh: 'en 或 zh' },
    },
  ],
  handler: async ({ language }, ctx) => {
    await ctx.services.store.saveLearner({ ...ctx.learner, locale: language });
    return { blocks: [{ kind: 'paragraph', text: translator(language)('lang.set') }], buttons: [] };
  },
});
