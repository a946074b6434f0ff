import type { Logger } from 'pino';
import type { Services } from '../core/command.js';
import { SendError, type Messenger } from '../core/ports/messenger.js';
import type { Delivery } from '../core/ports/store.js';
import { composePrompt } from '../core/study/daily-prompt.js';
import { dueFirstJobs } from './due-selection.js';
import { Pacer, type SendPacer } from './pacer.js';
import { recoverableJobs, type Job } from './recovery.js';

export interface DispatcherOptions {
  services: Services;
  messengers: Messenger[];
  log: Logger;
  /** A claim older than this, not in flight here, was left by a process that died mid-send. */
  staleAfterMs?: number;
  /** Attempts per prompt (first send, transient retries, crash recovery) before it is recorded failed. */
  maxAttempts?: number;
  /** Sends in flight at once, over all platforms. */
  concurrency?: number;
  /** Waits between transient retries. */
  backoffMs?: number[];
  sleep?: (ms: number) => Promise<void>;
  /** Messages a second per platform when the messenger does not say (Telegram's overall limit). */
  defaultPerSecond?: number;
  /**
   * The send slots of a platform when several processes share its rate limit (a PostgreSQL rate
   * budget per bot token); without it, each platform gets an in-memory Pacer.
   */
  pacerFor?: (platform: string, perSecond: number, sleep: (ms: number) => Promise<void>) => SendPacer | undefined;
  /** Told of every prompt's outcome (for metrics). */
  onOutcome?: (platform: string, outcome: 'sent' | 'failed' | 'stopped') => void;
}

export interface TickReport {
  queued: number;
  sent: number;
  failed: number;
  stopped: number;
}


/**
 * Sends each subscription's prompt once per local day, at or after its hour.
 *
 * Exactly-once rests on the store: a delivery row keyed by (subscription, local date) is claimed
 * before the send and marked sent after it. A process that dies between the platform accepting a
 * message and the store recording it leaves a claim that a later process re-sends: that message,
 * at most one per send in flight (`concurrency`), is the only possible duplicate.
 */
export class Dispatcher {
  private readonly messengers = new Map<string, Messenger>();
  private readonly pacers = new Map<string, SendPacer>();
  /** Keys (`subscription:date:kind`) queued or sending in this process. */
  private readonly active = new Set<string>();
  private readonly queue: { job: Job; done: (r: keyof TickReport | undefined) => void }[] = [];
  private workers = 0;
  private stopped = false;
  private wake: () => void = () => {};
  private readonly stopSignal = new Promise<void>((resolve) => (this.wake = resolve));
  lastTickAt?: Date;

  private readonly staleAfterMs: number;
  private readonly maxAttempts: number;
  private readonly concurrency: number;
  private readonly backoffMs: number[];
  private readonly sleep: (ms: number) => Promise<void>;

  constructor(private readonly o: DispatcherOptions) {
    this.staleAfterMs = o.staleAfterMs ?? 120_000;
    this.maxAttempts = o.maxAttempts ?? 3;
    this.concurrency = o.concurrency ?? 16;
    this.backoffMs = o.backoffMs ?? [2_000, 10_000, 30_000];
    // Waits (backoff, retry_after) end early when the dispatcher stops, so shutdown stays bounded.
    const sleep = o.sleep ?? ((ms) => new Promise<void>((r) => setTimeout(r, ms)));
    this.sleep = (ms) => (this.stopped ? Promise.resolve() : Promise.race([sleep(ms), this.stopSignal]));
    for (const m of o.messengers) {
      this.messengers.set(m.platform, m);
      const perSecond = m.maxPerSecond ?? o.defaultPerSecond ?? 25;
      this.pacers.set(m.platform, o.pacerFor?.(m.platform, perSecond, this.sleep) ?? new Pacer(perSecond, undefined, this.sleep));
    }
  }

  /**
   * One pass: queue every prompt that is due and not yet handled, and resolve when they are sent
   * (or failed). Safe to call while a previous pass is still sending: nothing is queued twice.
   */
  async tick(): Promise<TickReport> {
    const report: TickReport = { queued: 0, sent: 0, failed: 0, stopped: 0 };
    if (this.stopped) return report;
    const { store, clock } = this.o.services;
    const now = clock();
    this.lastTickAt = now;
    const platforms = new Set(this.messengers.keys());
    const jobs = await dueFirstJobs(store, now, platforms);
    jobs.push(...(await recoverableJobs(store, now, {
      staleAfterMs: this.staleAfterMs, maxAttempts: this.maxAttempts, minRetryWaitMs: this.backoffMs[0]!, platforms,
    })));
    const pending = jobs.filter((j) => !this.active.has(key(j))).map((job) => {
      report.queued++;
      this.active.add(key(job));
      return new Promise<keyof TickReport | undefined>((done) => this.queue.push({ job, done }));
    });
    this.pump();
    for (const outcome of await Promise.all(pending)) if (outcome) report[outcome]++;
    return report;
  }

  /**
   * Stop queueing; resolves when the sends in flight have finished (for a clean shutdown). A job
   * that was waiting to retry gives up: its delivery stays claimed, and the next process re-sends
   * it once the claim is stale.
   */
  async stop(): Promise<void> {
    this.stopped = true;
    this.wake();
    for (const q of this.queue.splice(0)) {
      this.active.delete(key(q.job));
      q.done(undefined);
    }
    while (this.workers > 0) await new Promise((r) => setTimeout(r, 20));
  }

  private pump(): void {
    while (this.workers < this.concurrency && this.queue.length) {
      const { job, done } = this.queue.shift()!;
      this.workers++;
      this.run(job)
        .catch((err: unknown) => {
          this.o.log.error({ err, subscription: job.sub.id }, 'dispatch failed');
          return 'failed' as const;
        })
        .then((outcome) => {
          if (outcome && outcome !== 'queued') this.o.onOutcome?.(job.sub.platform, outcome);
          this.active.delete(key(job));
          this.workers--;
          done(outcome);
          this.pump();
        });
    }
  }

  private async run(job: Job): Promise<keyof TickReport | undefined> {
    const { store, clock } = this.o.services;
    const { sub, localDate } = job;
    const log = this.o.log.child({ subscription: sub.id, platform: sub.platform, chat: sub.chatId, date: localDate });
    let delivery: Delivery;
    if (job.kind === 'first') {
      if (!(await store.claimDelivery(sub.id, localDate, clock().toISOString()))) return undefined;
      delivery = (await store.getDelivery(sub.id, localDate))!;
    } else if (job.kind === 'retry') {
      // Compare-and-swap: of two processes that both saw this stale claim, only one re-sends it.
      const at = clock().toISOString();
      if (!(await store.takeOverDelivery(job.delivery!, at))) return undefined;
      delivery = { ...job.delivery!, status: 'claimed', attempts: job.delivery!.attempts + 1, claimedAt: at };
    } else {
      delivery = job.delivery!;
    }
    // The tick's copy may be old: a /pause or /unsubscribe acknowledged since then must hold.
    const fresh = await store.getSubscriptionById(sub.id);
    if (!fresh || fresh.status !== 'active') {
      if (job.kind !== 'later' && fresh) await store.updateDelivery({ ...delivery, status: 'failed', error: `not sent: subscription ${fresh.status}` });
      return undefined;
    }
    const prompt = await composePrompt(this.o.services, fresh, localDate);
    const messenger = this.messengers.get(sub.platform)!;
    const pacer = this.pacers.get(sub.platform)!;
    let attempts = delivery.attempts;
    for (let waits = 0; ; ) {
      await pacer.take();
      if (this.stopped) return undefined;
      try {
        await messenger.send(sub.chatId, prompt.reply, { threadName: prompt.threadName });
        if (job.kind === 'later') {
          await store.updateDelivery({ ...delivery, laterSentAt: clock().toISOString() });
        } else {
          await store.updateDelivery({ ...delivery, attempts, status: 'sent', sentAt: clock().toISOString(), error: undefined });
          await prompt.commit();
        }
        log.debug('prompt sent');
        return 'sent';
      } catch (err) {
        if (!(err instanceof SendError)) throw err;
        if (err.failure === 'rate-limited' && waits++ < 20) {
          // Nothing is dropped: wait as long as the platform asked, then send the same message.
          const ms = err.retryAfterMs ?? 1000;
          pacer.pause(ms);
          log.warn({ retryAfterMs: ms }, 'rate limited; waiting');
          continue;
        }
        if (err.failure === 'forbidden') {
          await store.patchSubscription(sub.id, { status: 'stopped', stoppedReason: err.message.slice(0, 200) });
          await store.updateDelivery({ ...delivery, attempts, status: 'failed', error: `forbidden: ${err.message}`.slice(0, 500) });
          log.warn({ reason: err.message }, 'subscription stopped: the bot may no longer write to this chat');
          return 'stopped';
        }
        if (job.kind !== 'later' && attempts < this.maxAttempts) {
          const wait = this.backoffMs[Math.min(attempts - 1, this.backoffMs.length - 1)]!;
          attempts++;
          log.warn({ err: err.message, attempt: attempts, waitMs: wait }, 'send failed; retrying');
          await this.sleep(wait);
          continue;
        }
        if (job.kind !== 'later') await store.updateDelivery({ ...delivery, attempts, status: 'failed', error: err.message.slice(0, 500) });
        log.error({ err: err.message }, 'prompt failed');
        return 'failed';
      }
    }
  }
}

function key(j: Job): string {
  return `${j.sub.id}:${j.localDate}:${j.kind === 'later' ? 'later' : 'day'}`;
}
