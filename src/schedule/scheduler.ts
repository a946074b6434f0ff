import type { Logger } from 'pino';
import type { Dispatcher } from './dispatcher.js';

export interface Scheduler {
  stop(): Promise<void>;
}

/** The one timer the scheduler sets at a time (injectable, so a test can fire it by hand). */
export interface WakeTimer {
  set(fn: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

export interface SchedulerOptions {
  /** The wall clock the dispatcher's ticks read (services.clock): only used to aim the wake-up. */
  clock?: () => Date;
  timer?: WakeTimer;
}

const MINUTE = 60_000;
/** Past the minute's start, so a clock a little behind the timer still reads the new minute. */
const AFTER_MINUTE_MS = 250;

const realTimer: WakeTimer = {
  set: (fn, ms) => setTimeout(fn, ms),
  clear: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

/**
 * Wakes the dispatcher shortly after the start of every minute by the wall clock, and once right
 * away: a process that was down at a learner's hour sends the day's prompt as soon as it is back.
 * It only wakes it up: each tick asks the clock what is due and not yet sent, so a wake-up that
 * comes late, twice, or after the clock stepped back or forward neither loses nor repeats a prompt.
 * The wait is measured by the timer and never longer than a minute, so a clock stepped back an
 * hour does not leave an hour without ticks (as a cron schedule on the wall clock would).
 */
export function startScheduler(dispatcher: Dispatcher, log: Logger, o: SchedulerOptions = {}): Scheduler {
  const clock = o.clock ?? (() => new Date());
  const timer = o.timer ?? realTimer;
  let handle: unknown;
  let stopped = false;
  const run = (reason: string) =>
    dispatcher.tick().then(
      (r) => {
        if (r.queued) log.info({ ...r, reason }, 'dispatch tick');
      },
      (err: unknown) => log.error({ err }, 'dispatch tick failed'),
    );
  const arm = () => {
    if (stopped) return;
    const intoMinute = clock().getTime() % MINUTE;
    const wait = Math.min(MINUTE, MINUTE - intoMinute + AFTER_MINUTE_MS);
    handle = timer.set(() => {
      // Ticks may overlap (a long wave): the dispatcher queues nothing twice.
      void run('minute');
      arm();
    }, wait);
  };
  void run('start');
  arm();
  return {
    async stop() {
      stopped = true;
      timer.clear(handle);
      await dispatcher.stop();
    },
  };
}
