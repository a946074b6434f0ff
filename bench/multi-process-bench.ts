// npm run bench:dispatch -- --store postgres --processes 3 [--subs 30000] [--lease-ms 5000]
// The wave of bench/multi-process.ts on PostgreSQL with N processes (one killed at a third), then
// the same on SQLite with one process (killed at a third and restarted), side by side.
import { runWave, type WaveFigures } from './multi-process.js';

function flag(args: string[], name: string, fallback: string): string {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] ? args[i + 1]! : fallback;
}

export async function main(args: string[]): Promise<void> {
  const store = flag(args, 'store', 'postgres');
  if (store !== 'postgres' && store !== 'sqlite') throw new Error(`--store must be postgres or sqlite, got ${store}`);
  const processes = Number(flag(args, 'processes', '3'));
  const subs = Number(flag(args, 'subs', '30000'));
  const leaseMs = Number(flag(args, 'lease-ms', '5000'));
  const limit = 30;
  const pgUrl = process.env.DATABASE_URL ?? process.env.PG_TEST_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
  const log = (line: string) => process.stderr.write(`${line}\n`);
  const common = { subs, limit, killAt: 1 / 3, leaseMs, latencyMs: 5, pgUrl, log };
  const runs: WaveFigures[] = [await runWave({ ...common, store, processes })];
  if (store === 'postgres') runs.push(await runWave({ ...common, store: 'sqlite', processes: 1 }));
  const shown = runs.map(({ perChat: _perChat, ...f }) => ({
    ...f,
    goals: {
      rateOfLimit: { goal: 0.95, met: f.rateOfLimit >= 0.95 },
      lost: { goal: 0, met: f.lost === 0 },
      duplicated: { goal: `<= in flight at the kill (${f.inFlightAtKill})`, met: f.duplicated <= f.inFlightAtKill },
      tooManyRequests: { goal: 0, met: f.tooManyRequests === 0 },
    },
  }));
  process.stdout.write(`${JSON.stringify({ leaseMs, runs: shown }, null, 2)}\n`);
}
