import { defineCommand, type CommandContext } from '../command.js';
import { action } from '../actions.js';
import type { Lesson } from '../lessons/types.js';
import type { Reply } from '../reply.js';
import { findLesson } from '../study/find-lesson.js';
import { lessonView, type LessonViewOptions } from '../views/lesson-view.js';

export const lesson = defineCommand({
  name: 'lesson',
  example: '/lesson 39',
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
    if (!found.exact) return confirmLesson(found.lesson, found.others, ctx);
    return openLesson(found.lesson, ctx, { redirectedFrom: found.redirectedFrom });
  },
});

/**
 * A lesson shown to the learner, remembered as the one they opened last: a bare /done marks it.
 * Every way of reading a lesson (/lesson, /next, its buttons) goes through here.
 */
export async function openLesson(lesson: Lesson, ctx: CommandContext, o: Omit<LessonViewOptions, 'done'> = {}): Promise<Reply> {
  const { store } = ctx.services;
  const id = lesson.entry.id;
  const done = (await store.listDone(ctx.learner.id)).some((d) => d.lessonId === id);
  await store.setLastLesson(ctx.learner.id, id);
  return lessonView(lesson, ctx, { ...o, done });
}

/** Words that only a search matched ("proxy" for 39): ask before jumping, and name the other candidates. */
function confirmLesson(lesson: Lesson, others: Lesson[], ctx: CommandContext): Reply {
  const id = lesson.entry.id;
  const blocks: Reply['blocks'] = [{ kind: 'paragraph', text: ctx.t('lesson.confirm', { id, title: lesson.text[ctx.locale].title }) }];
  if (others.length) {
    const list = others.map((l) => `${l.entry.id} ${l.text[ctx.locale].title}`).join(' · ');
    blocks.push({ kind: 'paragraph', text: ctx.t('lesson.alsoMatched', { list }) });
  }
  return {
    blocks,
    buttons: [[
      { label: ctx.t('btn.openShort', { id }), action: action.lesson(id), style: 'primary' },
      ...others.slice(0, 2).map((l) => ({ label: ctx.t('btn.openShort', { id: l.entry.id }), action: action.lesson(l.entry.id) })),
      { label: ctx.t('btn.cancel'), action: action.cancel() },
    ]],
  };
}
