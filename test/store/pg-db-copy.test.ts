// Moving house: `npm run cli -- db copy` from a real SQLite file to a real PostgreSQL database,
// twice (the same counts), and `db check` before, after and after a change on one side.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SqliteStore } from '../../src/store/sqlite-store.js';
import { PgStore } from '../../src/store/postgres/pg-store.js';
import { freshSchema, postgresAvailable } from '../helpers/postgres.js';

const available = await postgresAvailable('test/store/pg-db-copy.test.ts');
const run = promisify(execFile);

async function cli(...args: string[]): Promise<{ code: number; out: string }> {
  try {
    const { stdout } = await run(process.execPath, ['--import', 'tsx', 'src/cli.ts', ...args], { env: { PATH: process.env.PATH, HOME: process.env.HOME } });
    return { code: 0, out: stdout };
  } catch (err) {
    const e = err as { code: number; stdout: string };
    return { code: e.code, out: e.stdout };
  }
}

// Each case runs the CLI as a process (tsx start-up is seconds on a loaded machine).
describe.runIf(available)('db copy and db check', { timeout: 120_000 }, () => {
  let dir: string;
  let db: Awaited<ReturnType<typeof freshSchema>>;
  let from: string;
  let to: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'slowfast-copy-'));
    db = await freshSchema();
    to = `${db.url}?options=${encodeURIComponent(`-c search_path=${db.schema}`)}`;
    from = `sqlite:${join(dir, 'old.sqlite')}`;
    const s = new SqliteStore(join(dir, 'old.sqlite'));
    await s.saveLearner({ id: 'telegram:1', locale: 'zh', timezone: 'Asia/Shanghai', includeOptional: true, currentLesson: 4, currentSince: '2026-03-01', createdAt: '2026-02-01T00:00:00.000Z' });
    await s.saveLearner({ id: 'discord:2', includeOptional: false, createdAt: '2026-02-02T00:00:00.000Z' });
    await s.markDone('telegram:1', 1, '2026-02-03T08:00:00.000Z');
    await s.markDone('telegram:1', 2, '2026-02-04T08:00:00.000Z');
    await s.recordStudyDay('telegram:1', '2026-02-04');
    await s.saveCard({ learnerId: 'telegram:1', lessonId: 1, question: 0, due: '2026-03-05T00:00:00.000Z', state: '{"s":1}', reps: 2, lastReview: '2026-02-05T00:00:00.000Z' });
    await s.recordReview('telegram:1', 1, 0, 3, '2026-02-05T00:00:00.000Z');
    await s.recordReview('telegram:1', 1, 0, 4, '2026-02-06T00:00:00.000Z');
    const sub = await s.saveSubscription({ platform: 'telegram', chatId: '1', kind: 'personal', learnerId: 'telegram:1', time: '08:30', timezone: 'Asia/Shanghai', locale: 'zh', status: 'active', everyDays: 1 });
    await s.saveSubscription({ platform: 'discord', chatId: '99', kind: 'channel', time: '09:00', timezone: 'UTC', locale: 'en', status: 'paused', everyDays: 2 });
    await s.claimDelivery(sub.id, '2026-03-01', '2026-03-01T00:30:00.000Z');
    await s.updateDelivery({ ...(await s.getDelivery(sub.id, '2026-03-01'))!, status: 'sent', sentAt: '2026-03-01T00:30:01.000Z' });
    await s.recordChatMember('telegram', '-100', 'telegram:1', '2026-02-03T08:00:00.000Z');
    await s.close();
  });
  afterAll(async () => {
    await db?.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  const expected = ['learners: 2 copied (postgres now has 2)', 'progress: 2 copied (postgres now has 2)', 'study_days: 1 copied (postgres now has 1)',
    'cards: 1 copied (postgres now has 1)', 'reviews: 2 copied (postgres now has 2)', 'subscriptions: 2 copied (postgres now has 2)',
    'deliveries: 1 copied (postgres now has 1)', 'chat_members: 1 copied (postgres now has 1)'];

  it('check says what is missing before the copy', async () => {
    const r = await cli('db', 'check', '--from', from, '--to', to);
    expect(r.code).toBe(1);
    expect(r.out).toContain('learners: sqlite 2, postgres 0, missing in postgres 2 (discord:2, telegram:1)');
  });

  it('copies every table with a count per table, and a second copy gives the same counts', async () => {
    const first = await cli('db', 'copy', '--from', from, '--to', to);
    expect(first.code).toBe(0);
    expect(first.out.trim().split('\n')).toEqual(expected);
    const second = await cli('db', 'copy', '--from', from, '--to', to);
    expect(second.out.trim().split('\n')).toEqual(expected);
  });

  it('check finds both sides the same after the copy', async () => {
    const r = await cli('db', 'check', '--from', from, '--to', to);
    expect(r.code).toBe(0);
    expect(r.out).toContain('subscriptions: sqlite 2, postgres 2, same');
    expect(r.out).toContain('the two databases hold the same rows');
  });

  it('the copied store serves as the file did, and its next subscription gets a new id', async () => {
    const pg = new PgStore({ url: db.url, schema: db.schema, poolSize: 1 });
    try {
      expect(await pg.getLearner('telegram:1')).toMatchObject({ locale: 'zh', timezone: 'Asia/Shanghai', includeOptional: true, currentLesson: 4 });
      expect((await pg.listDone('telegram:1')).map((d) => d.lessonId)).toEqual([1, 2]);
      expect(await pg.countReviewsSince('telegram:1', '2026-01-01')).toBe(2);
      expect(await pg.getSubscription('discord', '99')).toMatchObject({ status: 'paused', everyDays: 2 });
      const fresh = await pg.saveSubscription({ platform: 'telegram', chatId: '3', kind: 'personal', time: '07:00', timezone: 'UTC', locale: 'en', status: 'active', everyDays: 1 });
      expect(fresh.id).toBe(3);
    } finally {
      await pg.close();
    }
  });

  it('check names a row changed on one side', async () => {
    const pg = new PgStore({ url: db.url, schema: db.schema, poolSize: 1 });
    await pg.patchSubscription(1, { time: '10:00' });
    await pg.close();
    const r = await cli('db', 'check', '--from', from, '--to', to);
    expect(r.code).toBe(1);
    expect(r.out).toContain('subscriptions: sqlite 2, postgres 3, missing in postgres 0, only in postgres 1 (3), different 1 (1)');
  });

  it('refuses a target that is not a postgres URL, saying how to call it', async () => {
    const r = await cli('db', 'copy', '--from', from, '--to', 'mysql://x');
    expect(r.code).toBe(2);
    expect(r.out).toContain('--to must be a postgres:// URL');
  });
});
