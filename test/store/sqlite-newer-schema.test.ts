import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../src/store/migrations.js';
import { SqliteStore } from '../../src/store/sqlite-store.js';

// A file written by a newer slowfast is refused at start, not opened and written with an older
// idea of what its rows mean.
let dir = '';
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** A migrated SQLite file whose user_version then claims schema `version`, as a newer slowfast would leave it. */
async function fileWithSchema(version: number): Promise<string> {
  dir = mkdtempSync(join(tmpdir(), 'slowfast-newer-'));
  const path = join(dir, 'slowfast.sqlite');
  await new SqliteStore(path).close();
  const raw = new Database(path);
  raw.pragma(`user_version = ${version}`);
  raw.close();
  return path;
}

describe('SqliteStore and a newer schema', () => {
  it('refuses a file whose schema is newer than the code knows, with a one-line reason', async () => {
    const path = await fileWithSchema(MIGRATIONS.length + 1);
    expect(() => new SqliteStore(path)).toThrow(
      `database schema ${MIGRATIONS.length + 1} is newer than this version of slowfast knows (${MIGRATIONS.length}); run the newer version or restore a backup`,
    );
  });

  it('leaves the newer file as it was', async () => {
    const path = await fileWithSchema(MIGRATIONS.length + 5);
    expect(() => new SqliteStore(path)).toThrow(/newer than this version/);
    const after = new Database(path, { readonly: true });
    expect(after.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length + 5);
    after.close();
  });
});
