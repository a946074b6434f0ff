import type { Update } from 'grammy/types';
import type { Logger } from '../../logger.js';

/** Telegram redelivers an update for up to a day; ids older than this are forgotten. */
const KEEP_IDS_MS = 48 * 3600_000;
/** Forget old ids every this many recorded updates. */
const PRUNE_EVERY = 500;

export interface UpdateQueueDeps {
  /** Handles one update (the bot's middleware, with its per-chat ordering). */
  handle(update: Update): Promise<void>;
  /** Records an update id: false when it was handled before, here or by another process. */
  firstSeen(updateId: number, at: string): Promise<boolean>;
  /** Forgets ids recorded before a moment. */
  prune(olderThan: string): Promise<number>;
  log: Logger;
  /** Updates handled at once; the rest wait their turn (one busy chat waits inside its own turn). */
  concurrency?: number;
}

/**
 * Webhook updates after they were acknowledged: Telegram got its 200 at once, so a slow handler
 * never makes it redeliver, and an update it redelivers anyway (a timeout, a restart, another
 * process behind the same URL) is handled once. Ids are checked in arrival order, so updates of
 * one chat reach the bot in the order they came.
 */
export class UpdateQueue {
  private readonly waiting: Update[] = [];
  private running = 0;
  /** Updates whose id is being checked (in a chain: in arrival order). */
  private unchecked = 0;
  private checking: Promise<void> = Promise.resolve();
  private recorded = 0;
  private idle: (() => void)[] = [];

  constructor(private readonly deps: UpdateQueueDeps) {}

  /** Updates accepted and not yet handled. */
  get size(): number {
    return this.unchecked + this.waiting.length + this.running;
  }

  push(update: Update): void {
    this.unchecked++;
    this.checking = this.checking.then(() => this.check(update));
  }

  /** Resolves when every accepted update has been handled. */
  drain(): Promise<void> {
    return this.size === 0 ? Promise.resolve() : new Promise((resolve) => this.idle.push(resolve));
  }

  private async check(update: Update): Promise<void> {
    let fresh = true;
    try {
      fresh = await this.deps.firstSeen(update.update_id, new Date().toISOString());
    } catch (err) {
      // Without the store, handling twice is better than dropping a learner's message.
      this.deps.log.warn({ err, update: update.update_id }, 'could not record the telegram update id');
    }
    this.unchecked--;
    if (!fresh) {
      this.deps.log.info({ update: update.update_id }, 'telegram update redelivered; already handled');
      return this.settle();
    }
    if (++this.recorded % PRUNE_EVERY === 0) void this.prune();
    this.waiting.push(update);
    this.next();
  }

  private next(): void {
    const limit = this.deps.concurrency ?? 100;
    while (this.running < limit && this.waiting.length) {
      const update = this.waiting.shift()!;
      this.running++;
      this.deps
        .handle(update)
        .catch((err: unknown) => this.deps.log.error({ err, update: update.update_id }, 'telegram update failed'))
        .finally(() => {
          this.running--;
          this.next();
          this.settle();
        });
    }
  }

  private settle(): void {
    if (this.size) return;
    for (const resolve of this.idle.splice(0)) resolve();
  }

  private async prune(): Promise<void> {
    try {
      await this.deps.prune(new Date(Date.now() - KEEP_IDS_MS).toISOString());
    } catch (err) {
      this.deps.log.warn({ err }, 'could not forget old telegram update ids');
    }
  }
}
