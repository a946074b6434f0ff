// npm run bench:later: how long the tick's "later" query (Store.laterDue) takes on a delivery table
// of LATER_ROWS rows (default 3,000,000: 100,000 subscriptions for 30 days), of which a few hundred
// asked for a "later" re-send, and which plan SQLite uses for it. Goal: through the partial index
// deliveries_later_due, not a scan of every sent row (issue 13 found 0.4 s at 3.1 M rows).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { LATER_DUE_SQL, SqliteStore } from '../src/store/sqlite-store.js';
import { percentile, round } from './stats.js';

const rows = Number(process.env.LATER_ROWS ?? 3_000_000);
const days = 30;
const subscriptions = Math.ceil(rows / days);
const dir = mkdtempSync(join(tmpdir(), 'slowfast-later-'));
const path = join(dir, 'db.sqlite');
try {
  await new SqliteStore(path).close(); // the schema, migrated as the bot would
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = OFF');
  process.stderr.write(`writing ${rows} deliveries for ${subscriptions} subscriptions...\n`);
  const date = (d: number) => new Date(Date.UTC(2026, 2, 1 + d)).toISOString().slice(0, 10);
  db.transaction(() => {
    const sub = db.prepare(`INSERT INTO subscriptions (id, platform, chat_id, kind, time, timezone, locale, status, every_days, created_at)
      VALUES (?, 'telegram', ?, 'channel', '09:00', 'UTC', 'en', 'active', 1, '2026-03-01T00:00:00.000Z')`);
    for (let s = 1; s <= subscriptions; s++) sub.run(s, String(s));
    const delivery = db.prepare(`INSERT INTO deliveries (subscription_id, local_date, status, claimed_at, attempts, sent_at, later_at, later_sent_at)
      VALUES (?, ?, 'sent', ?, 1, ?, ?, ?)`);
    let n = 0;
    for (let d = 0; d < days && n < rows; d++) {
      const at = `${date(d)}T09:00:00.000Z`;
      for (let s = 1; s <= subscriptions && n < rows; s++, n++) {
        // One in a thousand asked for "later": sent the same day, except the last day's (still due).
        const later = s % 1000 === 0 ? `${date(d)}T12:00:00.000Z` : null;
        delivery.run(s, date(d), at, at, later, later && d < days - 1 ? later : null);
      }
    }
  })();
  db.close();
  const store = new SqliteStore(path);
  const now = `${date(days - 1)}T12:30:00.000Z`;
  const staleBefore = `${date(days - 1)}T12:28:00.000Z`;
  const times: number[] = [];
  let found = 0;
  for (let i = 0; i < 20; i++) {
    const started = performance.now();
    found = (await store.laterDue(now, staleBefore)).length;
    times.push(performance.now() - started);
  }
  const plan = new Database(path, { readonly: true });
  const detail = (plan.prepare(`EXPLAIN QUERY PLAN ${LATER_DUE_SQL}`).all(now, staleBefore) as { detail: string }[]).map((r) => r.detail);
  plan.close();
  await store.close();
  process.stdout.write(`${JSON.stringify({ deliveries: rows, laterDue: found, p50Ms: round(percentile(times, 50), 2), maxMs: round(Math.max(...times), 2), plan: detail }, null, 2)}\n`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
