// `db copy` and `db check`: moving house from the SQLite file to PostgreSQL, and comparing the two.
import Database from 'better-sqlite3';
import type { Pool, PoolClient } from 'pg';
import { PgStore } from '../store/postgres/pg-store.js';
import { inTransaction } from '../store/postgres/pg-transaction.js';

/**
 * What moves, in an order that satisfies the foreign keys, with each table's key. SQLite's reviews
 * have an implicit rowid, copied as PostgreSQL's explicit id so that a second copy finds them.
 */
const TABLES: readonly { name: string; key: readonly string[]; rowid?: string; identity?: string }[] = [
  { name: 'learners', key: ['id'] },
  { name: 'progress', key: ['learner_id', 'lesson_id'] },
  { name: 'study_days', key: ['learner_id', 'local_date'] },
  { name: 'cards', key: ['learner_id', 'lesson_id', 'question'] },
  { name: 'reviews', key: ['id'], rowid: 'id', identity: 'id' },
  { name: 'subscriptions', key: ['id'], identity: 'id' },
  { name: 'deliveries', key: ['subscription_id', 'local_date'] },
  { name: 'chat_members', key: ['platform', 'chat_id', 'learner_id'] },
];

type Row = Record<string, unknown>;
const BATCH = 500;

/** sqlite:PATH (or a bare path) to the file's path. */
export function sqlitePath(from: string): string {
  return from.startsWith('sqlite:') ? from.slice('sqlite:'.length) : from;
}

function openSqlite(path: string): Database.Database {
  // Read only: the copy never changes the file it moves from, even while a bot still runs on it.
  return new Database(path, { readonly: true, fileMustExist: true });
}

function sqliteRows(db: Database.Database, table: { name: string; rowid?: string }): Row[] {
  const select = table.rowid ? `SELECT rowid AS ${table.rowid}, * FROM ${table.name}` : `SELECT * FROM ${table.name}`;
  return db.prepare(select).all() as Row[];
}

async function pgColumns(client: PoolClient, table: string): Promise<Set<string>> {
  const { rows } = await client.query<{ column_name: string }>(
    'SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = $1', [table]);
  return new Set(rows.map((r) => r.column_name));
}

export interface TableCount {
  table: string;
  sqlite: number;
  postgres: number;
}

/**
 * Copies every row of the tables above into PostgreSQL (migrated first), in one transaction:
 * rows already there are updated to the file's values (ON CONFLICT on each table's key), so a
 * second copy changes nothing and counts the same. Identity sequences continue after the
 * copied ids. Columns one side lacks are left out.
 */
export async function copySqliteToPostgres(from: string, to: string, print: (line: string) => void): Promise<TableCount[]> {
  const counts: TableCount[] = [];
  await withBoth(from, to, (db, pool) => inTransaction(pool, async (client) => {
    for (const table of TABLES) {
      const rows = sqliteRows(db, table);
      const target = await pgColumns(client, table.name);
      const columns = rows[0] ? Object.keys(rows[0]).filter((c) => target.has(c)) : [];
      for (let i = 0; i < rows.length; i += BATCH) await upsert(client, table, columns, rows.slice(i, i + BATCH));
      if (table.identity && rows.length) {
        await client.query(`SELECT setval(pg_get_serial_sequence($1, $2), GREATEST((SELECT max(${table.identity}) FROM ${table.name}), 1))`, [table.name, table.identity]);
      }
      const { rows: n } = await client.query<{ n: string }>(`SELECT count(*) AS n FROM ${table.name}`);
      counts.push({ table: table.name, sqlite: rows.length, postgres: Number(n[0]!.n) });
      print(`${table.name}: ${rows.length} copied (postgres now has ${n[0]!.n})`);
    }
  }));
  return counts;
}

/** The file (read only) and the PostgreSQL database (migrated), both closed when `work` ends. */
async function withBoth(from: string, to: string, work: (db: Database.Database, pool: Pool) => Promise<void>): Promise<void> {
  const db = openSqlite(sqlitePath(from));
  const pg = new PgStore({ url: to, poolSize: 1 });
  try {
    await pg.ready;
    await work(db, pg.pool);
  } finally {
    db.close();
    await pg.close();
  }
}

async function upsert(client: PoolClient, table: (typeof TABLES)[number], columns: string[], rows: Row[]): Promise<void> {
  if (!rows.length || !columns.length) return;
  const params: unknown[] = [];
  const values = rows.map((r) => `(${columns.map((c) => {
    params.push(r[c] ?? null);
    return `$${params.length}`;
  }).join(', ')})`);
  const rest = columns.filter((c) => !table.key.includes(c));
  const onConflict = rest.length
    ? `DO UPDATE SET ${rest.map((c) => `${c} = excluded.${c}`).join(', ')}`
    : 'DO NOTHING';
  await client.query(`INSERT INTO ${table.name} (${columns.join(', ')}) VALUES ${values.join(', ')}
    ON CONFLICT (${table.key.join(', ')}) ${onConflict}`, params);
}

export interface TableDifference extends TableCount {
  /** Keys in the file and not in PostgreSQL, in PostgreSQL and not in the file, in both with other values. */
  missingInPostgres: string[];
  onlyInPostgres: string[];
  different: string[];
}

/** One value as both sides would print it: PostgreSQL's BIGINT strings and timestamps compare as SQLite's. */
function normal(v: unknown): string | null {
  if (v === null || v === undefined) return null;
  if (v instanceof Date) return v.toISOString();
  return String(v);
}

/** Compares every table row by row (by key, over the columns both sides have). */
export async function checkSqliteAgainstPostgres(from: string, to: string): Promise<TableDifference[]> {
  const out: TableDifference[] = [];
  await withBoth(from, to, async (db, pool) => {
    const client = await pool.connect();
    try {
      for (const table of TABLES) {
        const left = sqliteRows(db, table);
        const right = (await client.query<Row>(`SELECT * FROM ${table.name}`)).rows;
        const target = await pgColumns(client, table.name);
        const columns = left[0] ? Object.keys(left[0]).filter((c) => target.has(c)) : [...target];
        const keyOf = (r: Row) => table.key.map((k) => normal(r[k])).join('/');
        const shape = (r: Row) => JSON.stringify(columns.map((c) => normal(r[c])));
        const theirs = new Map(right.map((r) => [keyOf(r), shape(r)]));
        const ours = new Map(left.map((r) => [keyOf(r), shape(r)]));
        out.push({
          table: table.name, sqlite: left.length, postgres: right.length,
          missingInPostgres: [...ours.keys()].filter((k) => !theirs.has(k)).sort(),
          onlyInPostgres: [...theirs.keys()].filter((k) => !ours.has(k)).sort(),
          different: [...ours].filter(([k, v]) => theirs.has(k) && theirs.get(k) !== v).map(([k]) => k).sort(),
        });
      }
    } finally {
      client.release();
    }
  });
  return out;
}

/** The lines `db check` prints for one table, and whether the table is equal on both sides. */
export function describeDifference(d: TableDifference): { line: string; same: boolean } {
  const few = (keys: string[]) => (keys.length ? ` (${keys.slice(0, 5).join(', ')}${keys.length > 5 ? ', ...' : ''})` : '');
  const same = !d.missingInPostgres.length && !d.onlyInPostgres.length && !d.different.length;
  const line = `${d.table}: sqlite ${d.sqlite}, postgres ${d.postgres}` + (same ? ', same'
    : `, missing in postgres ${d.missingInPostgres.length}${few(d.missingInPostgres)}, only in postgres ${d.onlyInPostgres.length}${few(d.onlyInPostgres)}, different ${d.different.length}${few(d.different)}`);
  return { line, same };
}

/** `npm run cli -- db copy|check --from sqlite:PATH --to postgres://...`; the exit code. */
export async function runDb(command: string | undefined, from: string | undefined, to: string | undefined, print: (line: string) => void): Promise<number> {
  if ((command !== 'copy' && command !== 'check') || !from || !to) {
    print('usage: npm run cli -- db copy|check --from sqlite:PATH --to postgres://user@host:port/database');
    return 2;
  }
  if (!/^postgres(ql)?:\/\//.test(to)) {
    print(`db ${command}: --to must be a postgres:// URL`);
    return 2;
  }
  try {
    if (command === 'copy') {
      await copySqliteToPostgres(from, to, print);
      return 0;
    }
    let same = true;
    for (const d of await checkSqliteAgainstPostgres(from, to)) {
      const r = describeDifference(d);
      print(r.line);
      same &&= r.same;
    }
    print(same ? 'the two databases hold the same rows' : 'the databases differ (run db copy to bring PostgreSQL up to the file)');
    return same ? 0 : 1;
  } catch (err) {
    // Never the URL: it may carry a password.
    print(`db ${command} failed: ${(err as Error).message}`);
    return 1;
  }
}
