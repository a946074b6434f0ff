import type { Delivery, Store, Subscription } from '../core/ports/store.js';

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
  /** Attempts a delivery may take in one day (crash takeovers and transient retries): a poison pill stops here. */
  maxAttempts: number;
  /** Platforms this process can send to. */
  platforms: Set<string>;
  /** The local dates each subscription may still be sent for right now (its today, and a just-ended day). */
  isOpen: (sub: Subscription, localDate: string) => boolean;
}

/**
 * Claims a crashed process left behind, transient failures whose retry time has come, and "later"
 * re-sends due. A delivery whose local day has ended is closed here, never sent: recorded missed.
 */
export async function recoverableJobs(store: Store, now: Date, o: RecoveryOptions): Promise<Job[]> {
  const jobs: Job[] = [];
  const staleBefore = new Date(now.getTime() - o.staleAfterMs).toISOString();
  const candidates = [...(await store.staleClaims(staleBefore)), ...(await store.retriesDue(now.toISOString()))];
  for (const delivery of candidates) {
    const sub = await store.getSubscriptionById(delivery.subscriptionId);
    if (sub && !o.platforms.has(sub.platform)) continue; // another process's platform
    const final = closing(delivery, sub, o);
    if (final) {
      // Compare-and-swap through the takeover, so a second process closing it too writes once.
      if (await store.takeOverDelivery(delivery, now.toISOString())) {
        await store.updateDelivery({ ...delivery, status: 'failed', claimedAt: now.toISOString(), retryAt: undefined, error: final.slice(0, 500) });
      }
      continue;
    }
    jobs.push({ sub: sub!, localDate: delivery.localDate, kind: 'retry', delivery });
  }
  for (const delivery of await store.laterDue(now.toISOString(), staleBefore)) {
    const sub = await store.getSubscriptionById(delivery.subscriptionId);
    if (sub && !o.platforms.has(sub.platform)) continue;
    if (!sub || !o.isOpen(sub, delivery.localDate)) {
      // Its local day is over: closed, never sent the next day. Without this it stayed due and was
      // read again on every tick until pruned. Claimed first, so of two processes one writes it.
      if (await store.claimLater(delivery, now.toISOString())) {
        await store.updateDelivery({ ...delivery, laterAt: undefined, laterClaimedAt: undefined, error: `"later" re-send expired: the local day ended (it was due ${delivery.laterAt})` });
      }
      continue;
    }
    if (sub.status === 'active') jobs.push({ sub, localDate: delivery.localDate, kind: 'later', delivery });
  }
  return jobs;
}

/** Why a claimed or failed delivery will not be sent any more, or undefined when it still may be. */
function closing(delivery: Delivery, sub: Subscription | undefined, o: RecoveryOptions): string | undefined {
  const last = delivery.error ? ` (last error: ${delivery.error})` : '';
  if (!sub) return 'not sent: the subscription is gone';
  if (sub.status !== 'active') return `not sent: subscription ${sub.status}`;
  if (!o.isOpen(sub, delivery.localDate)) return `missed: the local day ended before it could be sent${last}`;
  if (delivery.attempts >= o.maxAttempts) return `gave up after ${delivery.attempts} attempts${last}`;
  return undefined;
}
