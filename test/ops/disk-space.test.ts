import { expect, it } from 'vitest';
import { diskSpaceCheck, type Statfs } from '../../src/ops/disk-space.js';
import { checkHealth, type HealthSources } from '../../src/ops/http-server.js';

const MB = 2 ** 20;
/** A filesystem with `freeMb` available, in 4 KB blocks, as fs.statfsSync reports it. */
const disk = (freeMb: number): Statfs => () => ({ bavail: (freeMb * MB) / 4096, bsize: 4096 });

function healthWith(diskSpace: () => string | undefined) {
  const h: HealthSources = {
    store: { ping: async () => true, probeWrite: async () => {} },
    platforms: [{ name: 'telegram', connected: () => true }],
    lastTickAt: () => undefined,
    diskSpace,
  };
  return checkHealth(h);
}

it('fails health with the free space when the data file\'s disk has less than the minimum', async () => {
  const health = await healthWith(diskSpaceCheck('/data', 64, disk(12)));
  expect(health).toMatchObject({ ok: false, store: { reachable: true, writable: false, reason: 'disk nearly full: 12 MB free' } });
});

it('stays healthy at the minimum', async () => {
  const health = await healthWith(diskSpaceCheck('/data', 64, disk(64)));
  expect(health).toMatchObject({ ok: true, store: { writable: true } });
  expect(health.store.reason).toBeUndefined();
});

it('measures the filesystem of the path it is given', () => {
  const asked: string[] = [];
  diskSpaceCheck('/var/lib/slowfast', 64, (path) => (asked.push(path), disk(100)(path)))();
  expect(asked).toEqual(['/var/lib/slowfast']);
});

it('is no reason to fail when the filesystem cannot be measured', async () => {
  const health = await healthWith(diskSpaceCheck('/gone', 64, () => {
    throw new Error('ENOENT');
  }));
  expect(health.ok).toBe(true);
});

it('reads the real filesystem by default', () => {
  expect(diskSpaceCheck('/', 0)()).toBeUndefined();
  expect(diskSpaceCheck('/', Number.MAX_SAFE_INTEGER)()).toMatch(/^disk nearly full: \d+ MB free$/);
});
