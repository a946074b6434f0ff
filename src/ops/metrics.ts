import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { CoreObserver } from '../core/command.js';
import type { Store, SubscriptionStatus } from '../core/ports/store.js';
import { findCommand } from '../core/registry.js';
import type { SharedObserver } from '../store/postgres/pg-store.js';

export type PromptOutcome = 'sent' | 'failed' | 'stopped';

/** What the metrics read at scrape time rather than count as they happen. */
export interface MetricsSources {
  /** Subscriptions by status. */
  subscribers(): Promise<Record<SubscriptionStatus, number>>;
  /** When the scheduler last ran a pass; undefined before the first one (or with no platform). */
  lastTickAt?(): Date | undefined;
}

export interface Metrics {
  /** This process's own registry: tests and several apps in one process never share counters. */
  readonly registry: Registry;
  /** Plugged into Services.observer: the core reports commands, searches and reviews here. */
  readonly observer: CoreObserver;
  /** Plugged into the PostgreSQL store and rate budget: what several processes share. */
  readonly shared: SharedObserver;
  /** Plugged into DispatcherOptions.onOutcome. */
  readonly onOutcome: (platform: string, outcome: PromptOutcome) => void;
  /** A platform's client met a rate limit: `429` answered by the platform, or `bucket` waited out before asking. */
  readonly onRateLimit: (platform: string, kind: '429' | 'bucket', waitMs: number) => void;
  /** The Prometheus text exposition, and its content type. */
  render(): Promise<string>;
  readonly contentType: string;
}

export function createMetrics(sources: MetricsSources): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const registers = [registry];

  const commands = new Counter({
    name: 'slowfast_commands_total',
    help: 'Commands, button presses and text lines answered, by name, platform and outcome (ok, or error for a bug answered with an apology).',
    labelNames: ['name', 'platform', 'outcome'] as const,
    registers,
  });
  const commandSeconds = new Histogram({
    name: 'slowfast_command_seconds',
    help: 'Time to answer a command, press or line, in the core (platform round trips not included).',
    labelNames: ['name'] as const,
    buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers,
  });
  const searchSeconds = new Histogram({
    name: 'slowfast_search_seconds',
    help: 'Time one search takes in the index.',
    // Queries run in well under a millisecond on the real lessons; 100 ms would mean a regression.
    buckets: [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1],
    registers,
  });
  const reviews = new Counter({
    name: 'slowfast_reviews_total',
    help: 'Review answers, by rating (1 again ... 4 easy).',
    labelNames: ['rating'] as const,
    registers,
  });
  const prompts = new Counter({
    name: 'slowfast_prompts_total',
    help: 'Daily prompts by platform and outcome: sent, failed (after retries), stopped (the bot may no longer write there).',
    labelNames: ['platform', 'outcome'] as const,
    registers,
  });
  const takenOver = new Counter({
    name: 'slowfast_delivery_claims_taken_over_total',
    help: 'Delivery claims of another process taken over by this one after their lease ran out (PostgreSQL).',
    registers,
  });
  const leaseExpiries = new Counter({
    name: 'slowfast_delivery_lease_expiries_total',
    help: 'Delivery claims found with their lease run out: a process died or stalled mid-send (PostgreSQL; each expiry counted by one process).',
    registers,
  });
  const budgetWaits = new Histogram({
    name: 'slowfast_rate_budget_wait_seconds',
    help: 'How long a send waited for a slot of the rate budget its bot token shares with the other processes (PostgreSQL).',
    buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers,
  });
  new Gauge({
    name: 'slowfast_subscribers',
    help: 'Subscriptions to the daily prompt, by status, read from the store at scrape time.',
    labelNames: ['status'] as const,
    registers,
    async collect() {
      // A store that cannot answer (closing, locked) must not make the whole scrape fail.
      const counts = await sources.subscribers().catch(() => undefined);
      this.reset();
      if (counts) for (const [status, n] of Object.entries(counts)) this.set({ status }, n);
    },
  });
  new Gauge({
    name: 'slowfast_scheduler_last_tick_timestamp_seconds',
    help: 'Unix time of the scheduler\'s last pass: alert when it falls minutes behind.',
    registers,
    collect() {
      const at = sources.lastTickAt?.();
      this.reset();
      if (at) this.set(at.getTime() / 1000);
    },
  });

  const rateLimits = new Counter({
    name: 'slowfast_platform_rate_limits_total',
    help: 'Rate limits the platform clients met, by platform and kind: 429 (the platform refused; the client waits and retries) or bucket (the client waited before asking).',
    labelNames: ['platform', 'kind'] as const,
    registers,
  });
  const rateLimitWait = new Counter({
    name: 'slowfast_platform_rate_limit_wait_seconds_total',
    help: 'Time the platform clients were told to wait by rate limits, by platform.',
    labelNames: ['platform'] as const,
    registers,
  });

  // Metrics must never cost a learner a reply: the core does not guard every hook.
  const safely = (count: () => void) => {
    try {
      count();
    } catch {
      // A label or value prom-client refuses: drop the sample.
    }
  };

  const observer: CoreObserver = {
    served: (e) =>
      safely(() => {
        const name = labelName(e.kind, e.name);
        commands.inc({ name, platform: e.platform, outcome: e.ok ? 'ok' : 'error' });
        commandSeconds.observe({ name }, e.ms / 1000);
      }),
    searched: (ms) => safely(() => searchSeconds.observe(ms / 1000)),
    reviewed: (rating) => safely(() => reviews.inc({ rating: String(rating) })),
  };

  const shared: SharedObserver = {
    claimTakenOver: () => safely(() => takenOver.inc()),
    leasesExpired: (n) => safely(() => leaseExpiries.inc(n)),
    budgetWaited: (ms) => safely(() => budgetWaits.observe(ms / 1000)),
  };

  return {
    registry,
    observer,
    shared,
    onOutcome: (platform, outcome) => safely(() => prompts.inc({ platform, outcome })),
    onRateLimit: (platform, kind, waitMs) =>
      safely(() => {
        rateLimits.inc({ platform, kind });
        rateLimitWait.inc({ platform }, Math.max(0, waitMs) / 1000);
      }),
    render: () => registry.metrics(),
    contentType: registry.contentType,
  };
}

/**
 * A bounded label: a command's own name, `action:<kind>` for a button, `text:<kind>` for a line.
 * The core reports unknown command names as typed, and one label series per typo would grow
 * the registry without end.
 */
function labelName(kind: 'command' | 'action' | 'text', name: string): string {
  if (kind === 'command') return findCommand(name)?.name ?? 'unknown';
  return `${kind}:${/^[a-z]{1,16}$/.test(name) ? name : 'unknown'}`;
}

/** Subscriptions by status, every status present (zero included) so a series never vanishes. */
// Counted by the store: reading every subscription into memory on each scrape held the event loop
// for the whole table (100,000 rows) every 15 s.
export async function countSubscribers(store: Pick<Store, 'countSubscriptions'>): Promise<Record<SubscriptionStatus, number>> {
  return { active: 0, paused: 0, stopped: 0, ...(await store.countSubscriptions()) };
}
