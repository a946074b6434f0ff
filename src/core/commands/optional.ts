import { defineCommand } from '../command.js';

export const optional = defineCommand({
  name: 'optional',
  example: '/optional on',
  aliases: ['选学'],
  localName: '选学',
  description: { en: 'Include optional lessons in your daily sequence, or skip them', zh: '每日学习顺序是否包含选学课程' },
  options: [
    {
      name: 'include', type: 'string', required: true,
      choices: [{ name: 'on', value: 'on' }, { name: 'off', value: 'off' }],
      description: { en: 'on or off', zh: 'on 或 off' },
    },
  ],
  handler: async ({ include }, ctx) => {
    await ctx.services.store.saveLearner({ ...ctx.learner, includeOptional: include === 'on' });
    return { blocks: [{ kind: 'paragraph', text: ctx.t(include === 'on' ? 'optional.on' : 'optional.off') }], buttons: [] };
  },
});
