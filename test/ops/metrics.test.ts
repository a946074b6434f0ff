import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Caller } from '../../src/core/command.js';
import { countSubscribers, createMetrics, type Metrics } from '../../src/ops/metrics.js';
import { makeApp, type TestApp } from '../helpers/app.js';

const ada: Caller = { platform: 'telegram', userId: 'ada', chatId: 'ada', chatKind: 'private', canManageChat: true };

let app: TestApp;
let metrics: Metrics;

beforeEach(() => {
  metrics = createMetrics({ subscribers: () => countSubscribers(app.store) });
  app = makeApp({ observer: metrics.observer });
});
afterEach(() => app.dispose());

/** The value of one sample as a Prometheus scrape would read it. */
async function sample(series: string): Promise<number | undefined> {
  const line = (await metrics.render()).split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

describe('metrics', () => {
  it('counts a served command by name, platform and outcome, with its search latency', async () => {
    await app.core.text(ada, '/search vxlan');
    expect(await sample('slowfast_commands_total{name="search",platform="telegram",outcome="ok"}')).toBe(1);
    expect(await sample('slowfast_command_seconds_count{name="search"}')).toBe(1);
    expect(await sample('slowfast_search_seconds_count')).toBe(1);
  });

  it('counts plain text as the search it becomes, and button presses apart from commands', async () => {
    await app.core.text(ada, 'kubernetes service');
    await app.core.press(ada, 'lesson:39');
    await app.core.press(ada, 'forged:payload');
    expect(await sample('slowfast_commands_total{name="search",platform="telegram",outcome="ok"}')).toBe(1);
    expect(await sample('slowfast_commands_total{name="action:lesson",platform="telegram",outcome="ok"}')).toBe(1);
    expect(await sample('slowfast_commands_total{name="action:unknown",platform="telegram",outcome="ok"}')).toBe(1);
  });

  it('keeps labels bounded: any unknown command name counts as "unknown"', async () => {
    for (const name of ['nope', 'x'.repeat(500), '💥']) await app.core.command(ada, name, {});
    expect(await sample('slowfast_commands_total{name="unknown",platform="telegram",outcome="ok"}')).toBe(3);
  });

  it('counts reviews by rating', async () => {
    // Show each answer, then press a rating on it (Good = third button, Again = first).
    await app.core.press(ada, (await app.core.press(ada, 'ans:39:0')).buttons[0]![2]!.action);
    await app.core.press(ada, (await app.core.press(ada, 'ans:39:1')).buttons[0]![0]!.action);
    expect(await sample('slowfast_reviews_total{rating="3"}')).toBe(1);
    expect(await sample('slowfast_reviews_total{rating="1"}')).toBe(1);
  });

  it('reads subscribers by status from the store at scrape time', async () => {
    expect(await sample('slowfast_subscribers{status="active"}')).toBe(0);
    await app.core.text(ada, '/subscribe 08:00 UTC');
    expect(await sample('slowfast_subscribers{status="active"}')).toBe(1);
    await app.core.text(ada, '/pause');
    expect(await sample('slowfast_subscribers{status="active"}')).toBe(0);
    expect(await sample('slowfast_subscribers{status="paused"}')).toBe(1);
  });

  it('counts daily prompts by platform and outcome', async () => {
    metrics.onOutcome('telegram', 'sent');
    metrics.onOutcome('telegram', 'sent');
    metrics.onOutcome('discord', 'stopped');
    expect(await sample('slowfast_prompts_total{platform="telegram",outcome="sent"}')).toBe(2);
    expect(await sample('slowfast_prompts_total{platform="discord",outcome="stopped"}')).toBe(1);
  });

  it('still scrapes when the store is closed, leaving the subscriber gauge out', async () => {
    await app.store.close();
    const text = await metrics.render();
    expect(text).toContain('# TYPE slowfast_subscribers gauge');
    expect(text).not.toMatch(/^slowfast_subscribers\{/m);
  });
});
