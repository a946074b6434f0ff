// Three bot processes on one PostgreSQL database share a morning wave of 300 prompts through one
// local Bot API; one is killed with SIGKILL a third of the way in. Every chat gets its prompt, and
// no chat gets two unless the killed process held its claim when it died.
import { describe, expect, it } from 'vitest';
import { runWave } from '../../bench/multi-process.js';
import { PG_TEST_URL, postgresAvailable } from '../helpers/postgres.js';

const available = await postgresAvailable('test/store/pg-multi-process.test.ts');
const CONCURRENCY = 8;

describe.runIf(available)('three processes on one PostgreSQL database', () => {
  it('send each of 300 prompts once, but for the sends in flight in the one killed mid-wave', async () => {
    const w = await runWave({
      store: 'postgres', pgUrl: PG_TEST_URL, processes: 3, subs: 300, limit: 60, killAt: 1 / 3,
      // Each send stays 15 ms at the Bot API, so the kill catches some mid-way; a short lease so
      // the dead process's claims are taken over within the wave.
      latencyMs: 15, leaseMs: 2000, concurrency: CONCURRENCY, timeoutMs: 90_000,
    });
    const { perChat, ...figures } = w;
    console.log(`three processes: ${JSON.stringify(figures)}`);
    expect(w.lost).toBe(0);
    expect(perChat.size).toBe(300);
    const twice = [...perChat.values()].filter((n) => n > 1);
    expect(twice.every((n) => n === 2)).toBe(true);
    expect(w.duplicated).toBeLessThanOrEqual(w.inFlightAtKill);
    expect(w.inFlightAtKill).toBeLessThanOrEqual(CONCURRENCY);
  }, 120_000);
});
