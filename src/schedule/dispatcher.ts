import type { Logger } from 'pino';
import type { Services } from '../core/command.js';
import { SendError, type Messenger } from '../core/ports/messenger.js';
import type { Delivery, SentRecord } from '../core/ports/store.js';
import { composePrompt } from '../core/study/daily-prompt.js';
import { DUE_CHUNK, dueFirstJobs, isOpen, yieldToEventLoop } from './due-selection.js';
import { Pacer, type SendPacer } from './pacer.js';
import { recoverableJobs, type Job } from './recovery.js';

export interface DispatcherOptions {
  services: Services;
  messengers: Messenger[];
  log: Logger;
  /** A claim older than this, not in flight here, was left by a process that died mid-send. */
  staleAfterMs?: number;
  /** Attempts a prompt may take in one local day (crash takeovers, transient retries) before it is given up. */
  maxAttempts?: number;
  /** Sends in flight at once, over all platforms. */
  concurrency?: number;
  /** The wait after the first transient failure; it doubles with each further one, up to retryMaxMs. */
  retryBaseMs?: number;
  retryMaxMs?: number;
  /**
   * A prompt whose time fell this long before now still goes out although the local date has
   * changed since (a stall or a clock step across midnight); older ones are never sent late.
   */
  catchUpMs?: number;
  /** How long stop() waits for sends in flight before it gives up on them (their claims stay). */
  stopTimeoutMs?: number;
  sleep?: (ms: number) => Promise<void>;
  /** Messages a second per platform when the messenger does not say (Telegram's overall limit). */
  defaultPerSecond?: number;
  /**
   * The send slots of a platform when several processes share its rate limit (a PostgreSQL rate
   * budget per bot token); without it, each platform gets an in-memory Pacer.
   */
  pacerFor?: (platform: string, perSecond: number, sleep: (ms: number) => Promise<void>) => SendPacer | undefined;
  /** Told of every prompt's final outcome (for metrics). */
  onOutcome?: (platform: string, outcome: 'sent' | 'failed' | 'stopped') => void;
}

export interface TickReport {
  queued: number;
  sent: number;
  /** Given up for good this tick (attempts used up). */
  failed: number;
  stopped: number;
  /** Failed for now (5xx, timeout, network): back on a later tick, after a backoff. */
  retrying: number;
}

type Outcome = Exclude<keyof TickReport, 'queued'> | undefined;

/** What run() decided: an outcome, or "wait this long, then send the same job again". */
type Step = { outcome: Outcome } | { deferMs: number };

/** A job on its way: the delivery row this process holds once it has claimed it. */
interface Task {
  job: Job;
  held?: Delivery;
  rateWaits: number;
  done: (o: Outcome) => void;
}

/** Rate-limit answers one prompt may wait out before the wait counts as a failed attempt. */
const MAX_RATE_WAITS = 20;

/**
 * Sends each subscription's prompt once per local day, at or after its hour.
 *
 * Exactly-once rests on the store: a delivery row keyed by (subscription, local date) is claimed
 * before the send and, with everything the send advanced, recorded sent in one transaction after
 * it. A store error at that point is retried as a write (kept here), never as a send. A process
 * that dies between the platform accepting a message and the store recording it leaves a claim
 * that a later process re-sends: that message, at most one per send in flight (`concurrency`), is
 * the only possible duplicate. README "Delivery rules" has the whole set.
 */
export class Dispatcher {
  private readonly messengers = new Map<string, Messenger>();
  private readonly pacers = new Map<string, SendPacer>();
  /** Keys (`subscription:date:kind`) queued, sending, waiting out a rate limit or unrecorded here. */
  private readonly active = new Set<string>();
  private readonly queue: Task[] = [];
  /** Sends that went out but whose record the store refused: written again on every tick. */
  private readonly unrecorded = new Map<string, { record: SentRecord; task: Task }>();
  private readonly sending = new Map<string, Job>();
  private workers = 0;
  private stopped = false;
  private wake: () => void = () => {};
  private readonly stopSignal = new Promise<void>((resolve) => (this.wake = resolve));
  lastTickAt?: Date;

  private readonly staleAfterMs: number;
  private readonly maxAttempts: number;
  private readonly concurrency: number;
  private readonly retryBaseMs: number;
  private readonly retryMaxMs: number;
  private readonly catchUpMs: number;
  private readonly stopTimeoutMs: number;
  private readonly sleep: (ms: number) => Promise<void>;

  constructor(private readonly o: DispatcherOptions) {
    this.staleAfterMs = o.staleAfterMs ?? 120_000;
    this.maxAttempts = o.maxAttempts ?? 50;
    this.concurrency = o.concurrency ?? 16;
    this.retryBaseMs = o.retryBaseMs ?? 60_000;
    this.retryMaxMs = o.retryMaxMs ?? 30 * 60_000;
    this.catchUpMs = o.catchUpMs ?? 10 * 60_000;
    this.stopTimeoutMs = o.stopTimeoutMs ?? 10_000;
    // Waits (pacing, retry_after) end early when the dispatcher stops, so shutdown stays bounded.
    const sleep = o.sleep ?? ((ms) => new Promise<void>((r) => setTimeout(r, ms)));
    this.sleep = (ms) => (this.stopped ? Promise.resolve() : Promise.race([sleep(ms), this.stopSignal]));
    for (const m of o.messengers) {
      this.messengers.set(m.platform, m);
      const perSecond = m.maxPerSecond ?? o.defaultPerSecond ?? 25;
      this.pacers.set(m.platform, o.pacerFor?.(m.platform, perSecond, this.sleep) ?? new Pacer(perSecond, undefined, this.sleep));
    }
  }

  /**
   * One pass: queue every prompt that is due now by the wall clock and not yet handled, and
   * resolve when they are sent (or failed). Nothing here depends on when the last pass ran, so a
   * missed, repeated or late tick neither loses nor repeats a prompt. Safe to call while a
   * previous pass is still sending: nothing is queued twice.
   */
  async tick(): Promise<TickReport> {
    const report: TickReport = { queued: 0, sent: 0, failed: 0, stopped: 0, retrying: 0 };
    if (this.stopped) return report;
    const { store, clock } = this.o.services;
    const now = clock();
    this.lastTickAt = now;
    await this.writeUnrecorded();
    const platforms = new Set(this.messengers.keys());
    const pending: Promise<Outcome>[] = [];
    // Jobs are queued a page at a time as the selection finds them: sends start before it ends,
    // and no single block queues the whole wave.
    const take = (jobs: Job[]) => {
      if (this.stopped) return; // stop() released the queue; nothing more is queued
      for (const job of jobs) {
        if (this.active.has(key(job))) continue;
        report.queued++;
        this.active.add(key(job));
        pending.push(new Promise<Outcome>((done) => this.queue.push({ job, rateWaits: 0, done })));
      }
      this.pump();
    };
    await dueFirstJobs(store, now, platforms, this.catchUpMs, take);
    take(await recoverableJobs(store, now, {
      staleAfterMs: this.staleAfterMs, maxAttempts: this.maxAttempts, platforms,
      isOpen: (sub, date) => isOpen(sub, date, now, this.catchUpMs),
    }));
    for (const outcome of await Promise.all(pending)) if (outcome) report[outcome]++;
    return report;
  }

  /**
   * Stop queueing and wait for the sends in flight, at most `stopTimeoutMs`. A send still hanging
   * then is given up here: its delivery stays claimed, so the next process (or this one's
   * successor) takes it over once the claim is stale. What was left is logged, and returned.
   */
  async stop(): Promise<{ left: string[] }> {
    this.stopped = true;
    this.wake();
    // Released a chunk at a time: a 100,000-prompt queue let go in one block stalled the loop ~100 ms.
    const queued = this.queue.splice(0);
    for (let i = 0; i < queued.length; i++) {
      this.release(queued[i]!, undefined);
      if (i % DUE_CHUNK === DUE_CHUNK - 1) await yieldToEventLoop();
    }
    const until = performance.now() + this.stopTimeoutMs;
    while (this.workers > 0 && performance.now() < until) await new Promise((r) => setTimeout(r, 20));
    await this.writeUnrecorded();
    const left = [...this.sending.keys(), ...this.unrecorded.keys()];
    if (left.length) {
      this.o.log.warn({ left, waitedMs: this.stopTimeoutMs }, 'stopped with prompts in flight or unrecorded: their claims stay, and are taken over once stale');
    }
    return { left };
  }

  private pump(): void {
    while (this.workers < this.concurrency && this.queue.length && !this.stopped) {
      const task = this.queue.shift()!;
      const k = key(task.job);
      this.workers++;
      this.sending.set(k, task.job);
      this.run(task)
        .catch((err: unknown): Step => {
          this.o.log.error({ err, subscription: task.job.sub.id }, 'dispatch failed');
          return { outcome: 'failed' };
        })
        .then((step) => {
          this.sending.delete(k);
          this.workers--;
          if ('deferMs' in step) this.defer(task, step.deferMs);
          else this.release(task, step.outcome);
          this.pump();
        });
    }
  }

  /** A chat asked us to wait: the job waits without holding a worker, so other chats go on. */
  private defer(task: Task, ms: number): void {
    void this.sleep(ms).then(() => {
      if (this.stopped) return this.release(task, undefined);
      this.queue.push(task);
      this.pump();
    });
  }

  private release(task: Task, outcome: Outcome): void {
    const k = key(task.job);
    if (outcome === 'sent' || outcome === 'failed' || outcome === 'stopped') this.o.onOutcome?.(task.job.sub.platform, outcome);
    // A send whose record is pending stays ours: no tick here queues it again.
    if (!this.unrecorded.has(k)) this.active.delete(k);
    task.done(outcome);
  }

  /** Claims the job's delivery (once per task), as the first send, a takeover, or a "later" claim. */
  private async claim(task: Task): Promise<Delivery | undefined> {
    if (task.held) return task.held;
    const { store, clock } = this.o.services;
    const { job } = task;
    const at = clock().toISOString();
    if (job.kind === 'first') {
      if (!(await store.claimDelivery(job.sub.id, job.localDate, at))) return undefined;
      task.held = await store.getDelivery(job.sub.id, job.localDate);
    } else if (job.kind === 'retry') {
      // Compare-and-swap: of two processes that both saw this stale claim or failure, one re-sends it.
      if (!(await store.takeOverDelivery(job.delivery!, at))) return undefined;
      task.held = { ...job.delivery!, status: 'claimed', attempts: job.delivery!.attempts + 1, claimedAt: at, retryAt: undefined };
      // A row re-used after a westward zone change (firstJob): the old zone's send and "later" are not this day's.
      if (job.delivery!.status === 'sent') Object.assign(task.held, { sentAt: undefined, laterAt: undefined, laterSentAt: undefined, laterClaimedAt: undefined });
    } else {
      if (!(await store.claimLater(job.delivery!, at))) return undefined;
      task.held = { ...job.delivery!, laterClaimedAt: at };
    }
    return task.held;
  }

  private async run(task: Task): Promise<Step> {
    const { store, clock } = this.o.services;
    const { job } = task;
    const { sub, localDate } = job;
    const log = this.o.log.child({ subscription: sub.id, platform: sub.platform, chat: sub.chatId, date: localDate });
    const delivery = await this.claim(task);
    if (!delivery) return { outcome: undefined };
    // The tick's copy may be old: a /pause or /unsubscribe acknowledged since then must hold.
    const fresh = await store.getSubscriptionById(sub.id);
    if (!fresh || fresh.status !== 'active') {
      if (job.kind !== 'later' && fresh) await store.updateDelivery({ ...delivery, status: 'failed', error: `not sent: subscription ${fresh.status}` });
      return { outcome: undefined };
    }
    const prompt = await composePrompt(this.o.services, fresh, localDate);
    const messenger = this.messengers.get(sub.platform)!;
    await this.pacers.get(sub.platform)!.take();
    if (this.stopped) return { outcome: undefined };
    try {
      await messenger.send(sub.chatId, prompt.reply, { threadName: prompt.threadName });
    } catch (err) {
      if (!(err instanceof SendError)) throw err;
      return this.failed(task, delivery, err, log);
    }
    const at = clock().toISOString();
    const record: SentRecord = job.kind === 'later'
      ? { delivery: { ...delivery, laterSentAt: at } }
      : { delivery: { ...delivery, status: 'sent', sentAt: at, error: undefined, retryAt: undefined }, ...prompt.advance };
    await this.record(task, record, log);
    log.debug('prompt sent');
    return { outcome: 'sent' };
  }

  private async failed(task: Task, delivery: Delivery, err: SendError, log: Logger): Promise<Step> {
    const { store, clock } = this.o.services;
    const { job } = task;
    if (err.failure === 'rate-limited' && task.rateWaits++ < MAX_RATE_WAITS) {
      // Nothing is dropped: this chat waits as long as the platform asked, then sends the same message.
      // Only a limit on the whole bot holds back every chat of the platform.
      const ms = err.retryAfterMs ?? 1000;
      if (err.global) this.pacers.get(job.sub.platform)!.pause(ms);
      log.warn({ retryAfterMs: ms, global: err.global }, 'rate limited; waiting');
      return { deferMs: ms };
    }
    if (err.failure === 'forbidden') {
      await store.patchSubscription(job.sub.id, { status: 'stopped', stoppedReason: err.message.slice(0, 200) });
      if (job.kind !== 'later') await store.updateDelivery({ ...delivery, status: 'failed', retryAt: undefined, error: `forbidden: ${err.message}`.slice(0, 500) });
      log.warn({ reason: err.message }, 'subscription stopped: the bot may no longer write to this chat');
      return { outcome: 'stopped' };
    }
    // Transient (5xx, timeout, network): not final. The prompt comes back on a later tick after a
    // backoff, until its local day ends (then recovery records it missed) or attempts run out.
    const now = clock().getTime();
    const retryAt = new Date(now + this.backoff(delivery.attempts)).toISOString();
    const error = err.message.slice(0, 500);
    if (job.kind === 'later') {
      // The "later" copy is tried again the same way: released, due again after the backoff.
      await store.updateDelivery({ ...delivery, laterAt: retryAt, laterClaimedAt: undefined });
      log.warn({ err: err.message, retryAt }, '"later" re-send failed; retrying on a later tick');
      return { outcome: 'retrying' };
    }
    if (delivery.attempts >= this.maxAttempts) {
      await store.updateDelivery({ ...delivery, status: 'failed', retryAt: undefined, error: `gave up after ${delivery.attempts} attempts: ${error}`.slice(0, 500) });
      log.error({ err: err.message, attempts: delivery.attempts }, 'prompt failed');
      return { outcome: 'failed' };
    }
    await store.updateDelivery({ ...delivery, status: 'failed', retryAt, error });
    log.warn({ err: err.message, attempt: delivery.attempts, retryAt }, 'send failed; retrying on a later tick');
    return { outcome: 'retrying' };
  }

  /** 1, 2, 4 ... times retryBaseMs after the 1st, 2nd, 3rd ... attempt, capped at retryMaxMs. */
  private backoff(attempts: number): number {
    return Math.min(this.retryMaxMs, this.retryBaseMs * 2 ** Math.min(30, Math.max(0, attempts - 1)));
  }

  /** Writes a send's record; a store that refuses keeps it here, to be written again, never re-sent. */
  private async record(task: Task, record: SentRecord, log: Logger): Promise<void> {
    const k = key(task.job);
    try {
      await this.o.services.store.recordSent(record);
      this.unrecorded.delete(k);
    } catch (err) {
      log.error({ err }, 'prompt sent but not recorded; the write is retried on the next tick');
      this.unrecorded.set(k, { record, task });
    }
  }

  private async writeUnrecorded(): Promise<void> {
    for (const [k, { record, task }] of [...this.unrecorded]) {
      try {
        await this.o.services.store.recordSent(record);
        this.unrecorded.delete(k);
        this.active.delete(k);
        this.o.log.info({ subscription: task.job.sub.id, date: task.job.localDate }, 'a sent prompt is recorded now');
      } catch (err) {
        this.o.log.error({ err, subscription: task.job.sub.id }, 'a sent prompt is still not recorded');
      }
    }
  }
}

function key(j: Job): string {
  return `${j.sub.id}:${j.localDate}:${j.kind === 'later' ? 'later' : 'day'}`;
}
