import type { Delivery, Store, Subscription } from '../core/ports/store.js';
import { localMoment } from '../core/study/local-time.js';

/** One prompt to send: the day's first send, a retry of a claim or failure, or a "later" re-send. */
export interface Job {
  sub: Subscription;
  localDate: string;
  kind: 'first' | 'retry' | 'later';
  delivery?: Delivery;
}

export interface RecoveryOptions {
  /** A claim older than this was left by a process that died mid-send. */
  staleAfterMs: number;
  maxAttempts: number;
  /** A failed delivery is retried no sooner than this after its last attempt. */
  minRetryWaitMs: number;
  /** Platforms this process can send to. */
  platforms: Set<string>;
}

/** Claims a crashed process left behind, transient failures due a retry, and "later" re-sends. */
export async function recoverableJobs(store: Store, now: Date, o: RecoveryOptions): Promise<Job[]> {
  const jobs: Job[] = [];
  // The earliest local date anywhere on Earth now (UTC-12): no subscription's today is before it.
  const earliest = localMoment(now, 'Etc/GMT+12').date;
  const today = (sub: Subscription) => localMoment(now, sub.timezone).date;
  const candidates = [
    ...(await store.staleClaims(new Date(now.getTime() - o.staleAfterMs).toISOString())),
    ...(await store.retryableFailures(o.maxAttempts, earliest)).filter((d) => now.getTime() - Date.parse(d.claimedAt) >= o.minRetryWaitMs),
  ];
  for (const delivery of candidates) {
    const sub = await store.getSubscriptionById(delivery.subscriptionId);
    if (!sub || sub.status !== 'active' || !o.platforms.has(sub.platform)) continue;
    if (today(sub) !== delivery.localDate) {
      // Never yesterday's prompt: a claim from a past local day is closed, not sent.
      if (delivery.status === 'claimed') await store.updateDelivery({ ...delivery, status: 'failed', error: 'expired: the local day ended before it was sent' });
      continue;
    }
    if (delivery.attempts >= o.maxAttempts) {
      if (delivery.status === 'claimed') await store.updateDelivery({ ...delivery, status: 'failed', error: 'gave up after a crash' });
      continue;
    }
    jobs.push({ sub, localDate: delivery.localDate, kind: 'retry', delivery });
  }
  for (const delivery of await store.laterDue(now.toISOString())) {
    const sub = await store.getSubscriptionById(delivery.subscriptionId);
    if (sub?.status === 'active' && o.platforms.has(sub.platform) && today(sub) === delivery.localDate) {
      jobs.push({ sub, localDate: delivery.localDate, kind: 'later', delivery });
    }
  }
  return jobs;
}
