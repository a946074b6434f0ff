import cron from 'node-cron';
import type { Logger } from 'pino';
import type { Dispatcher } from './dispatcher.js';

export interface Scheduler {
  stop(): Promise<void>;
}

/**
 * Ticks the dispatcher at the start of every minute, and once right away: a process that was
 * down at a learner's hour sends the day's prompt as soon as it is back.
 */
export function startScheduler(dispatcher: Dispatcher, log: Logger): Scheduler {
  const run = (reason: string) =>
    dispatcher.tick().then(
      (r) => {
        if (r.queued) log.info({ ...r, reason }, 'dispatch tick');
      },
      (err: unknown) => log.error({ err }, 'dispatch tick failed'),
    );
  void run('start');
  const task = cron.schedule('* * * * *', () => run('minute'), { name: 'daily-prompts', noOverlap: false });
  return {
    async stop() {
      await task.stop();
      await dispatcher.stop();
    },
  };
}
