import type { Locale, Localized } from './locale.js';

/**
 * Every sentence the bot says, in each language. `{name}` is filled from params.
 * Keep the voice of the roadmap: calm, encouraging, never guilt; slow is fast.
 */
export const STRINGS = {
  'help.title': { en: 'slowfast: one lesson a day, from virtualization to Kubernetes', zh: 'slowfast：每天一课，从虚拟化到 Kubernetes' },
  'help.intro': {
    en: 'I walk you through a 50-step roadmap one lesson at a time. Read a lesson, try it, mark it done; what you learned comes back as short reviews until it sticks. **Slow is fast.**',
    zh: '我陪你按 50 步的路线图一课一课地学：读一课，动手做，标记完成；学过的内容会以简短复习的形式回来，直到真正记住。**慢就是快。**',
  },
  'help.commands': { en: 'Commands', zh: '命令' },
  'help.start': { en: 'Start with lesson {id}', zh: '从第 {id} 课开始' },
  'help.continue': { en: 'Continue: lesson {id}', zh: '继续：第 {id} 课' },
  'btn.roadmap': { en: 'Roadmap', zh: '路线图' },
  'btn.done': { en: '✓ Done', zh: '✓ 完成' },
  'btn.next': { en: 'Next →', zh: '下一课 →' },
  'btn.quiz': { en: 'Quiz me', zh: '考考我' },
  'btn.open': { en: 'Open lesson {id}', zh: '打开第 {id} 课' },
  'btn.reveal': { en: 'Show answer', zh: '看答案' },
  'btn.again': { en: 'Again', zh: '忘了' },
  'btn.hard': { en: 'Hard', zh: '困难' },
  'btn.good': { en: 'Good', zh: '记得' },
  'btn.easy': { en: 'Easy', zh: '简单' },
  'btn.another': { en: 'Another question', zh: '再来一题' },
  'btn.before': { en: 'Before this: {id}', zh: '先修：第 {id} 课' },
  'btn.stay': { en: 'Stay on it', zh: '再学一天' },
  'btn.move': { en: 'Move on', zh: '继续前进' },
  'btn.later': { en: 'Later today', zh: '稍后提醒' },
  'lesson.heading': { en: 'Lesson {id} · {title}', zh: '第 {id} 课 · {title}' },
  'lesson.meta': { en: '{stage} · about {minutes} min', zh: '{stage} · 约 {minutes} 分钟' },
  'lesson.optional': { en: 'optional', zh: '选学' },
  'lesson.doneMark': { en: 'done', zh: '已完成' },
  'lesson.prerequisites': { en: 'Builds on: {list}', zh: '先修：{list}' },
  'lesson.redirected': { en: 'Lesson {from} was withdrawn by the roadmap author; its topic lives on in lesson {to}.', zh: '第 {from} 课已被原作者撤下，相关内容并入第 {to} 课。' },
  'lesson.planned': { en: 'Lesson {id} is on the roadmap but not written yet. Try /roadmap for what is ready.', zh: '第 {id} 课在路线图上，但还没有写好。用 /roadmap 看看已经可以学的课程。' },
  'lesson.unknown': { en: 'There is no lesson {id}: the roadmap runs from 0 to {max}.', zh: '没有第 {id} 课：路线图的编号是 0 到 {max}。' },
  'lesson.notFound': { en: 'I found no lesson for “{query}”. Try other words, a lesson number, or /roadmap.', zh: '没有找到与“{query}”相关的课程。换个说法、输入课程编号，或者看看 /roadmap。' },
  'lesson.needTopic': { en: 'Which lesson? Give a number or a topic, for example /lesson 39 or /lesson vxlan.', zh: '要看哪一课？输入编号或主题，例如 /lesson 39 或 /lesson vxlan。' },
  'lesson.alsoMatched': { en: 'Also matching: {list}', zh: '其他相关：{list}' },
  'search.title': { en: 'Search: {query}', zh: '搜索：{query}' },
  'search.none': { en: 'Nothing matched “{query}”. Try fewer or other words, or a lesson number.', zh: '没有匹配“{query}”的内容。试试更少或别的关键词，或者直接输入课程编号。' },
  'search.noTerms': { en: 'Give me a few words to look for, for example /search vxlan mtu.', zh: '请给我几个关键词，例如 /search vxlan mtu。' },
  'search.corrected': { en: 'Showing results for {list}.', zh: '已按 {list} 搜索。' },
  'search.truncated': { en: 'That was long: I searched its first words only.', zh: '内容太长，只搜索了开头的部分。' },
  'roadmap.title': { en: 'The roadmap · {done}/{total} done', zh: '路线图 · 已完成 {done}/{total}' },
  'roadmap.legend': { en: '✓ done · ▶ your next lesson · ○ optional · … not written yet · ↪ withdrawn', zh: '✓ 已完成 · ▶ 下一课 · ○ 选学 · … 尚未写好 · ↪ 已撤下' },
  'roadmap.redirect': { en: 'see {to}', zh: '见第 {to} 课' },
  'next.title': { en: 'Your next lesson', zh: '你的下一课' },
  'next.allDone': { en: 'You have done every lesson on the roadmap. Reviews keep it fresh: try /quiz.', zh: '路线图上的课程你都完成了。复习能让它们保持新鲜：试试 /quiz。' },
  'done.marked': { en: 'Lesson {id} · {title}: done. Its questions will come back for review, starting tomorrow.', zh: '第 {id} 课 · {title}：已完成。它的问题会从明天起回来让你复习。' },
  'done.already': { en: 'Lesson {id} was already done. Nothing changed.', zh: '第 {id} 课之前已经完成，没有变化。' },
  'done.progress': { en: '{done} of {total} lessons done.', zh: '已完成 {done}/{total} 课。' },
  'done.nextUp': { en: 'Next up: lesson {id} · {title}. One lesson a day is plenty.', zh: '下一课：第 {id} 课 · {title}。一天一课就足够了。' },
  'done.which': { en: 'Which lesson did you finish? For example /done 5.', zh: '你完成了哪一课？例如 /done 5。' },
  'progress.title': { en: 'Your progress', zh: '你的进度' },
  'progress.summary': { en: '{done} of {total} lessons done ({percent}%).', zh: '已完成 {done}/{total} 课（{percent}%）。' },
  'progress.streak': { en: 'Streak: {days} days', zh: '连续学习：{days} 天' },
  'progress.noStreak': { en: 'No streak yet: today is a fine day to start one.', zh: '还没有连续学习记录：今天就是开始的好日子。' },
  'progress.due': { en: 'Reviews due: {count}', zh: '待复习：{count} 题' },
  'progress.next': { en: 'Next: lesson {id} · {title}', zh: '下一课：第 {id} 课 · {title}' },
  'quiz.title': { en: 'Check yourself · lesson {id}', zh: '自我检测 · 第 {id} 课' },
  'quiz.review': { en: 'Review', zh: '复习' },
  'quiz.question': { en: 'Question {n} of {count}', zh: '第 {n} 题，共 {count} 题' },
  'quiz.answer': { en: 'Answer', zh: '答案' },
  'quiz.howWell': { en: 'How well did you know it?', zh: '你掌握得怎么样？' },
  'quiz.nothingDue': { en: 'No reviews are due. Here is a question from lesson {id}.', zh: '目前没有待复习的题目。来一道第 {id} 课的题。' },
  'quiz.nothing': { en: 'Nothing to quiz yet: mark a lesson done first (/next).', zh: '还没有可以考的题目：先完成一课吧（/next）。' },
  'quiz.capReached': { en: 'That is today’s {cap} reviews: enough for one day. Slow is fast; more tomorrow.', zh: '今天的 {cap} 道复习题已经做完，够了。慢就是快，明天继续。' },
  'quiz.rated': { en: 'Noted. This question comes back {when}.', zh: '记下了。这道题会在{when}再出现。' },
  'quiz.staleButton': { en: 'That question is no longer in the lesson. Try /quiz for a fresh one.', zh: '这道题已经不在课程里了。用 /quiz 换一道。' },
  'when.minutes': { en: 'in {n} minutes', zh: ' {n} 分钟后' },
  'when.hours': { en: 'in {n} hours', zh: ' {n} 小时后' },
  'when.tomorrow': { en: 'tomorrow', zh: '明天' },
  'when.days': { en: 'in {n} days', zh: ' {n} 天后' },
  'lang.set': { en: 'I will answer you in English.', zh: '好的，之后我会用中文回复你。' },
  'lang.which': { en: 'Choose a language: /lang en or /lang zh.', zh: '请选择语言：/lang en 或 /lang zh。' },
  'sub.title': { en: 'Daily study prompt', zh: '每日学习提醒' },
  'sub.personal': { en: 'Every day at {time} I will send you your lesson and a review question.', zh: '每天 {time}，我会给你发当天的课程和一道复习题。' },
  'sub.channel': { en: 'Every day at {time} this channel gets the group’s lesson of the day; everyone marks their own progress.', zh: '每天 {time}，本频道会收到小组的当日课程；每个人各自标记自己的进度。' },
  'sub.defaults': { en: 'Change it any time: /subscribe 08:30 Asia/Shanghai.', zh: '随时可以修改：/subscribe 08:30 Asia/Shanghai。' },
  'sub.badTime': { en: '“{value}” is not a time of day. Use 24-hour HH:MM, for example 07:30 or 21:00.', zh: '“{value}”不是有效的时间。请用 24 小时制 HH:MM，例如 07:30 或 21:00。' },
  'sub.badZone': { en: '“{value}” is not a timezone I know. Use an IANA name such as Asia/Shanghai, Europe/Berlin or UTC.', zh: '不认识时区“{value}”。请使用 IANA 时区名，例如 Asia/Shanghai、Europe/Berlin 或 UTC。' },
  'sub.adminOnly': { en: 'Only an admin of this chat (Manage Channels on Discord) can change its daily prompt. You can still subscribe yourself in a private chat with me.', zh: '只有本群管理员（Discord 上需要“管理频道”权限）才能修改这里的每日提醒。你可以在与我的私聊中为自己订阅。' },
  'sub.none': { en: 'This chat has no daily prompt. Start one with /subscribe.', zh: '这里还没有订阅每日提醒。用 /subscribe 开始。' },
  'sub.removed': { en: 'Daily prompts stopped for this chat. Your progress is kept; /subscribe brings them back.', zh: '已停止这里的每日提醒。你的进度都保留着；用 /subscribe 可以恢复。' },
  'sub.paused': { en: 'Paused. No prompts until you /resume; your progress and streak wait for you.', zh: '已暂停。在你 /resume 之前不会再提醒；进度和连续记录都会保留。' },
  'sub.alreadyPaused': { en: 'The daily prompt is already paused. /resume when you are ready.', zh: '每日提醒已经是暂停状态。准备好了就 /resume。' },
  'sub.resumed': { en: 'Welcome back. Prompts resume at {time}.', zh: '欢迎回来。每日提醒将在 {time} 恢复。' },
  'sub.notPaused': { en: 'The daily prompt is not paused: it comes at {time}.', zh: '每日提醒没有暂停：时间是 {time}。' },
  'sub.stopped': { en: 'Prompts to this chat had stopped ({reason}); they are on again.', zh: '此前发往这里的提醒已停止（{reason}）；现在重新开启。' },
  'err.unknownCommand': { en: 'I don’t know /{name}. Here is what I can do: /help.', zh: '我不认识 /{name}。看看我能做什么：/help。' },
  'err.badNumber': { en: '“{value}” is not a number. {hint}', zh: '“{value}”不是数字。{hint}' },
  'err.badChoice': { en: '“{value}” is not one of: {choices}.', zh: '“{value}”不在可选项中：{choices}。' },
  'err.missing': { en: 'Usage: {usage}', zh: '用法：{usage}' },
  'err.notCommand': { en: 'Commands start with /. Try /help, or /search followed by words.', zh: '命令以 / 开头。试试 /help，或者 /search 加关键词。' },
  'stay.ok': { en: 'Staying on lesson {id}. No rush: understanding beats speed.', zh: '继续学第 {id} 课。不着急：理解比速度重要。' },
  'err.staleButton': { en: 'That button no longer works. Try /help.', zh: '这个按钮已经失效了。试试 /help。' },
  'err.internal': { en: 'Sorry, something went wrong on my side. Please try again in a moment.', zh: '抱歉，我这边出了点问题，请稍后再试。' },
} satisfies Record<string, Localized>;

export type StringKey = keyof typeof STRINGS;
export type Params = Record<string, string | number>;

/** The sentence for `key` in `locale`, with `{name}` placeholders filled. */
export function t(locale: Locale, key: StringKey, params: Params = {}): string {
  return STRINGS[key][locale].replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

/** A translator bound to one locale, as handlers use it. */
export type Translate = (key: StringKey, params?: Params) => string;

export function translator(locale: Locale): Translate {
  return (key, params) => t(locale, key, params);
}
