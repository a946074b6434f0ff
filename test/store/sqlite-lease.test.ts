import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SqliteStore } from '../../src/store/sqlite-store.js';
import { LeaseHeldError, SqliteProcessLease } from '../../src/store/sqlite-lease.js';

let dir: string;
let path: string;
let now: number;
const held: SqliteProcessLease[] = [];
const take = (onLost?: () => void) => {
  const lease = SqliteProcessLease.acquire(path, { ttlMs: 30_000, now: () => now, onLost });
  held.push(lease);
  return lease;
};

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'slowfast-lease-'));
  path = join(dir, 'db.sqlite');
  await new SqliteStore(path).close();
  now = Date.parse('2026-03-02T09:00:00Z');
});
afterEach(() => {
  for (const l of held.splice(0)) l.release();
  rmSync(dir, { recursive: true, force: true });
});

describe('one bot process per SQLite file', () => {
  it('refuses a second holder with one line naming the first (pid, host) and the file', () => {
    take();
    now += 5_000;
    expect(() => take()).toThrow(LeaseHeldError);
    expect(() => take()).toThrow(new RegExp(`^another slowfast process \\(pid ${process.pid} on .+, last seen 5 s ago\\) is using ${path.replace(/[.\\/]/g, '\\$&')}; stop it first \\(if it was killed, its lease expires in 25 s\\)`));
  });

  it.each([
    ['just before the expiry', 29_999, false],
    ['at the expiry', 30_000, true],
    ['long after it', 3_600_000, true],
  ])('takes over a holder that stopped renewing (killed) %s: %s', (_when, later, free) => {
    take();
    now += later;
    if (free) expect(take()).toBeInstanceOf(SqliteProcessLease);
    else expect(() => take()).toThrow(LeaseHeldError);
  });

  it('is free at once after a clean release', () => {
    take().release();
    expect(take()).toBeInstanceOf(SqliteProcessLease);
  });
});
