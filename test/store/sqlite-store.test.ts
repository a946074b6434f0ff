import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../src/store/migrations.js';
import { LATER_DUE_SQL, RETRIES_DUE_SQL, SqliteStore } from '../../src/store/sqlite-store.js';
import { storeContract } from './store-contract.js';

storeContract('SQLite on a real file', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'slowfast-store-'));
  const path = join(dir, 'nested', 'slowfast.sqlite');
  const opened: SqliteStore[] = [new SqliteStore(path)];
  return {
    store: opened[0]!,
    second: async () => new SqliteStore(path),
    reopen: async () => {
      await opened[0]!.close();
      opened.push(new SqliteStore(path));
      return opened.at(-1)!;
    },
    cleanup: async () => {
      for (const s of opened) await s.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
});

describe('SqliteStore', () => {
  it('creates its folder and runs every migration', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'slowfast-store-'));
    const store = new SqliteStore(join(dir, 'a', 'b', 'slowfast.sqlite'));
    try {
      expect(store.schemaVersion).toBe(MIGRATIONS.length);
      expect(await store.ping()).toBe(true);
    } finally {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('the tick\'s recovery queries on SQLite', () => {
  it.each([
    ['"later" re-sends due', LATER_DUE_SQL, 'deliveries_later_due'],
    ['retries due', RETRIES_DUE_SQL, 'deliveries_retry'],
  ])('%s go through their partial index, not every sent or failed row', (_, sql, index) => {
    const plan = new Database(':memory:');
    plan.exec(MIGRATIONS.join(';\n'));
    const detail = (plan.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...(sql.split('?').length === 3 ? ['2026-03-02T12:30:00.000Z', '2026-03-02T12:28:00.000Z'] : ['2026-03-02T12:30:00.000Z'])) as { detail: string }[]).map((r) => r.detail);
    expect(detail).toEqual([expect.stringContaining(`USING INDEX ${index}`)]);
    plan.close();
  });
});
