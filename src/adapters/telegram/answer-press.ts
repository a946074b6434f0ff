import type { Context, MiddlewareFn } from 'grammy';
import type { Logger } from '../../logger.js';

/**
 * How long a press may wait for its own answer (an alert or a toast) before the adapter answers it
 * empty. Telegram refuses an answer about 15 s after the press, and the button spins until then; a
 * press is usually handled in milliseconds, but it may queue behind a busy chat's replies (which the
 * throttler spaces out) or meet a slow store.
 */
export const DEFAULT_ANSWER_PRESS_AFTER_MS = 1000;

type Answer = Parameters<Context['answerCallbackQuery']>[0];

/** One answer per press: whoever comes first (the timer, the handler, the apology) sends it. */
const answers = new WeakMap<Context, Promise<boolean>>();

/**
 * Answers the press with `answer` if nothing has answered it yet. True when this answer reached the
 * user; false when an earlier one had (the empty one of answerPressesInTime) or Telegram refused it
 * (the query expired): then what it would have said must go to the chat instead.
 */
export async function answerPress(ctx: Context, answer: Answer, log: Logger): Promise<boolean> {
  if (answers.has(ctx)) {
    await answers.get(ctx);
    return false;
  }
  const sent = ctx.answerCallbackQuery(answer).then(
    () => true,
    (err: unknown) => {
      // Too late to answer must not stop the reply itself.
      log.info({ err }, 'could not answer the button press');
      return false;
    },
  );
  answers.set(ctx, sent);
  return sent;
}

/**
 * Installed before the per-chat queue: a press not answered within `ms` of its arrival is answered
 * empty (the button stops spinning), and its reply follows as a message when it is ready.
 */
export function answerPressesInTime(ms: number, log: Logger): MiddlewareFn<Context> {
  return async (ctx, next) => {
    if (!ctx.callbackQuery) return next();
    const timer = setTimeout(() => void answerPress(ctx, {}, log), ms);
    try {
      await next();
    } finally {
      clearTimeout(timer);
    }
  };
}
