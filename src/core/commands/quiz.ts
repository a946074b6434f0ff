import { defineCommand } from '../command.js';
import { findLesson } from '../study/find-lesson.js';
import { dueQuiz, lessonQuiz } from '../study/quiz-views.js';

export const quiz = defineCommand({
  name: 'quiz',
  example: '/quiz 15',
  aliases: ['q', 'review', '测验'],
  localName: '测验',
  description: { en: 'A review question that is due, or one from a lesson', zh: '做一道到期的复习题，或指定课程的题' },
  options: [
    { name: 'lesson', type: 'string', autocomplete: true, maxLength: 200, description: { en: 'Lesson number or topic (optional)', zh: '课程编号或主题（可选）' } },
  ],
  handler: async ({ lesson }, ctx) => {
    if (!lesson?.trim()) return dueQuiz(ctx);
    const found = findLesson(lesson, ctx);
    return found.kind === 'reply' ? found.reply : lessonQuiz(found.lesson, ctx);
  },
});
