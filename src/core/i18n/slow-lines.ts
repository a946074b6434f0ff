import type { Localized } from './locale.js';

/** The roadmap author's motto in a few voices; the daily prompt shows one, rotating by day. */
export const SLOW_LINES: readonly Localized[] = [
  { en: 'Slow is fast, fast is slow.', zh: '慢就是快，快就是慢。' },
  { en: 'One lesson, understood, beats five skimmed.', zh: '吃透一课，胜过扫过五课。' },
  { en: 'Type the commands yourself: the fingers remember what the eyes forget.', zh: '命令要亲手敲：眼睛会忘，手会记得。' },
  { en: 'A day paused is not a day lost. Come back when you can.', zh: '停一天不是白过一天。有空就回来。' },
  { en: 'Every layer you learn makes the next one lighter.', zh: '每弄懂一层，下一层就轻松一点。' },
  { en: 'Go slowly, and take every chance to learn.', zh: '慢慢来，抓住每一个学习的机会。' },
  { en: 'Break it in the lab today so it does not break you in production.', zh: '今天在实验环境里弄坏它，明天生产环境里才不会被它弄坏。' },
  { en: 'Review is not repetition: it is how knowing becomes yours.', zh: '复习不是重复，而是把知道变成掌握。' },
];

/** The line for a local date: the same all day, a different one tomorrow. */
export function slowLine(localDate: string): Localized {
  const day = Math.floor(Date.parse(`${localDate}T00:00:00Z`) / 86_400_000);
  return SLOW_LINES[((day % SLOW_LINES.length) + SLOW_LINES.length) % SLOW_LINES.length]!;
}
