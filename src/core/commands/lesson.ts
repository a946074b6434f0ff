import { defineCommand } from '../command.js';
import { findLesson } from '../study/find-lesson.js';
import { lessonView } from '../views/lesson-view.js';

export const lesson = defineCommand({
  name: 'lesson',
  aliases: ['l', '课程'],
  localName: '课程',
  description: { en: 'Open a lesson by number or topic', zh: '按编号或主题打开一课' },
  options: [
    {
      name: 'topic', type: 'string', required: true, autocomplete: true, maxLength: 200,
      description: { en: 'A lesson number (39) or a topic (vxlan, 灰度发布)', zh: '课程编号（39）或主题（vxlan、灰度发布）' },
    },
  ],
  handler: async ({ topic }, ctx) => {
    if (!topic.trim()) return { blocks: [{ kind: 'paragraph', text: ctx.t('lesson.needTopic') }], buttons: [] };
    const found = findLesson(topic, ctx);
    if (found.kind === 'reply') return found.reply;
    const done = (await ctx.services.store.listDone(ctx.learner.id)).some((d) => d.lessonId === found.lesson.entry.id);
    const view = lessonView(found.lesson, ctx, { done, redirectedFrom: found.redirectedFrom });
    if (found.others.length) {
      const list = found.others.map((l) => `${l.entry.id} ${l.text[ctx.locale].title}`).join(' · ');
      view.blocks.push({ kind: 'paragraph', text: ctx.t('lesson.alsoMatched', { list }) });
    }
    return view;
  },
});
