// A real PostgreSQL for tests: PG_TEST_URL, or the server on 127.0.0.1:5432 (database `test`).
// Each store gets its own schema, dropped afterwards, so parallel suites never see each other.
// In CI (CI=true) a missing server fails the run; on a developer's machine the suite is skipped
// with a loud line saying how to run it.
import { randomBytes } from 'node:crypto';
import pg from 'pg';

export const PG_TEST_URL = process.env.PG_TEST_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

async function reachable(): Promise<string | undefined> {
  const client = new pg.Client({ connectionString: PG_TEST_URL, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return undefined;
  } catch (err) {
    return (err as Error).message;
  } finally {
    await client.end().catch(() => {});
  }
}

/** Whether the PostgreSQL suites run here; throws in CI when no server answers. */
export async function postgresAvailable(suite: string): Promise<boolean> {
  const problem = await reachable();
  if (!problem) return true;
  const line = `PostgreSQL at ${PG_TEST_URL} did not answer (${problem})`;
  if (process.env.CI) throw new Error(`${line}: the PostgreSQL suites never skip in CI (.ci/run starts a server)`);
  console.warn(`\n*** SKIPPED ${suite}: ${line}.\n*** Run it with a PostgreSQL 15+ server on 127.0.0.1:5432 (trust auth, database "test"), or set PG_TEST_URL=postgres://... and run npx vitest run ${suite}\n`);
  return false;
}

/** A fresh empty schema; `drop` removes it with everything in it. */
export async function freshSchema(): Promise<{ schema: string; url: string; drop(): Promise<void> }> {
  const schema = `sf_test_${randomBytes(6).toString('hex')}`;
  const client = new pg.Client({ connectionString: PG_TEST_URL });
  await client.connect();
  await client.query(`CREATE SCHEMA ${schema}`);
  await client.end();
  return {
    schema,
    url: PG_TEST_URL,
    drop: async () => {
      const c = new pg.Client({ connectionString: PG_TEST_URL });
      await c.connect();
      await c.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await c.end();
    },
  };
}
