import { expect, it } from 'vitest';
import { printSoak, runSoak } from '../../bench/soak.js';

// The short soak (npm run soak is the month for 2,000): kills mid-wave, clock steps and stalls,
// 5xx bursts, 429s, timeouts and store write errors over three simulated days.
it('delivers every prompt of three faulty days for 200 subscriptions, duplicating none but sends in flight at a kill', async () => {
  const r = await runSoak({ subscriptions: 200, days: 3, seed: 13 });
  printSoak(r);
  expect(r.kills).toBeGreaterThan(0);
  expect(r.bursts + r.rateLimited + r.timeouts + r.writeErrors + r.clockSteps + r.stalls).toBeGreaterThan(0);
  expect(r.expected).toBe(600);
  expect(r.lost).toBe(0);
  expect(r.duplicated).toBeLessThanOrEqual(r.inFlightAtKills);
}, 240_000);
