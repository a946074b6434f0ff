import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteStore } from '../../src/store/sqlite-store.js';
import { storeContract } from './delivery-contract.js';

const dirs = new Map<SqliteStore, string>();

storeContract('SQLite', {
  async open() {
    const dir = mkdtempSync(join(tmpdir(), 'slowfast-contract-'));
    const store = new SqliteStore(join(dir, 'slowfast.sqlite'));
    dirs.set(store, dir);
    return store;
  },
  async dispose(store) {
    await store.close();
    rmSync(dirs.get(store as SqliteStore)!, { recursive: true, force: true });
  },
});
