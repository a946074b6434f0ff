import type { Pool } from 'pg';
import { PG_MIGRATIONS } from './pg-migrations.js';

/** A database written by a newer slowfast: refused rather than opened (its schema is not ours). */
export class NewerSchemaError extends Error {}

// One advisory-lock key for "migrating slowfast's schema"; per schema (search_path), so that test
// schemas in one database migrate side by side.
const LOCK = `SELECT pg_advisory_lock(hashtext('slowfast:migrate:' || current_schema()))`;
const UNLOCK = `SELECT pg_advisory_unlock(hashtext('slowfast:migrate:' || current_schema()))`;

/**
 * Applies the migrations that have not run, each in its own transaction, while holding a session
 * advisory lock: several processes starting at once queue on the lock, and every one after the
 * first finds nothing left to do. Returns the schema version.
 */
export async function migrate(pool: Pool, migrations: readonly string[] = PG_MIGRATIONS): Promise<number> {
  const client = await pool.connect();
  try {
    await client.query(LOCK);
    try {
      await client.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
        version INTEGER PRIMARY KEY, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())`);
      const { rows } = await client.query<{ v: number | null }>('SELECT max(version) AS v FROM schema_migrations');
      const current = rows[0]?.v ?? 0;
      if (current > migrations.length) {
        throw new NewerSchemaError(
          `database schema is version ${current}, newer than this slowfast knows (${migrations.length}): upgrade slowfast, or point DATABASE_URL elsewhere`,
        );
      }
      for (let v = current; v < migrations.length; v++) {
        await client.query('BEGIN');
        try {
          await client.query(migrations[v]!);
          await client.query('INSERT INTO schema_migrations (version) VALUES ($1)', [v + 1]);
          await client.query('COMMIT');
        } catch (err) {
          await client.query('ROLLBACK');
          throw err;
        }
      }
      return migrations.length;
    } finally {
      await client.query(UNLOCK);
    }
  } finally {
    client.release();
  }
}
