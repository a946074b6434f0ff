// A fault soak of the daily-prompt delivery: simulated days for many subscriptions across 20
// timezones, on a real SQLite file, with an injected clock and, at random (seeded), dispatcher
// kills mid-wave (a dead process: its sends never return, its store calls never land; a new
// dispatcher starts on the same store), clock steps back and forward, stalls, API 5xx bursts,
// per-chat 429s, timeouts and store write errors. It prints prompts expected, delivered, lost and
// duplicated, the sends in flight at the kills (the only duplicates allowed), and the longest
// event-loop stall. `npm run soak` runs a month for 2,000 subscriptions; test/schedule/soak.test.ts
// runs a short one in `npm test`.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { pino } from 'pino';
import { createApp, loadContent, type Content } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import type { Services } from '../src/core/command.js';
import { SendError, type Messenger } from '../src/core/ports/messenger.js';
import type { Store } from '../src/core/ports/store.js';
import type { Reply } from '../src/core/reply.js';
import { addDays, instantOf, localMoment, minutesOf } from '../src/core/study/local-time.js';
import { Dispatcher } from '../src/schedule/dispatcher.js';
import { seeded } from '../test/fuzz/hostile-inputs.js';

export interface SoakOptions {
  subscriptions: number;
  days: number;
  seed?: number;
  /** Simulated minutes between two ticks. */
  tickMinutes?: number;
  /** Chance per tick that the process is killed during that tick's wave. */
  killChance?: number;
  /** Chance per tick that a 5xx burst (up to 10 simulated minutes) starts. */
  burstChance?: number;
  /** Chance per send of a per-chat 429, of a timeout, and per store write of an error. */
  rateLimitChance?: number;
  timeoutChance?: number;
  writeErrorChance?: number;
  /** Chance per tick of a clock step (back one hour, or forward a few minutes) and of a stall (a tick skipped). */
  clockStepChance?: number;
  stallChance?: number;
  content?: Content;
}

export interface SoakReport {
  subscriptions: number;
  days: number;
  expected: number;
  delivered: number;
  lost: number;
  /** Of the lost: recorded missed because a 5xx burst ran past the learner's local midnight (the rule). */
  missedByRule: number;
  duplicated: number;
  kills: number;
  inFlightAtKills: number;
  clockSteps: number;
  stalls: number;
  bursts: number;
  rateLimited: number;
  timeouts: number;
  writeErrors: number;
  longestStallMs: number;
  seconds: number;
  /** The first lost prompts, with their delivery row as the store left it: what to look at when lost > 0. */
  lostExamples: string[];
}

const ZONES = [
  'UTC', 'Europe/London', 'Europe/Berlin', 'Europe/Moscow', 'Asia/Dubai', 'Asia/Kolkata', 'Asia/Kathmandu', 'Asia/Shanghai',
  'Asia/Tokyo', 'Australia/Adelaide', 'Australia/Sydney', 'Australia/Lord_Howe', 'Pacific/Auckland', 'Pacific/Chatham',
  'Pacific/Kiritimati', 'Pacific/Pago_Pago', 'Pacific/Honolulu', 'America/Los_Angeles', 'America/New_York', 'America/Sao_Paulo',
];

const MINUTE = 60_000;

/** One simulated process: its messenger and its view of the store both go dead when it is killed. */
interface Life {
  dispatcher: Dispatcher;
  /** (chat, local date of the send) pairs this process got accepted by the platform. */
  accepted: { chatId: string; at: number }[];
  kill(): void;
  dead: boolean;
}

export async function runSoak(o: SoakOptions): Promise<SoakReport> {
  const started = performance.now();
  const random = seeded(o.seed ?? 13);
  const tickMinutes = o.tickMinutes ?? 5;
  const chance = {
    kill: o.killChance ?? 0.01, burst: o.burstChance ?? 0.004, rateLimit: o.rateLimitChance ?? 0.01, timeout: o.timeoutChance ?? 0.005,
    writeError: o.writeErrorChance ?? 0.002, clockStep: o.clockStepChance ?? 0.002, stall: o.stallChance ?? 0.01,
  };
  const dir = mkdtempSync(join(tmpdir(), 'slowfast-soak-'));
  const config = loadConfig({ env: {}, localFile: join(dir, 'none.yaml') });
  config.store.path = join(dir, 'soak.sqlite');
  config.search.indexCache = '';
  const log = pino({ level: 'silent' });
  const start = Date.parse('2026-03-01T00:00:00Z');
  const end = start + o.days * 24 * 60 * MINUTE;
  let now = start;
  const app = createApp(config, log, () => new Date(now), o.content ?? loadContent(config, log));
  const report: SoakReport = {
    subscriptions: o.subscriptions, days: o.days, expected: 0, delivered: 0, lost: 0, missedByRule: 0, duplicated: 0, kills: 0, inFlightAtKills: 0,
    clockSteps: 0, stalls: 0, bursts: 0, rateLimited: 0, timeouts: 0, writeErrors: 0, longestStallMs: 0, seconds: 0, lostExamples: [],
  };
  const delay = monitorEventLoopDelay({ resolution: 10 });
  try {
    const subs: { id: number; chatId: string; time: string; timezone: string }[] = [];
    for (let i = 0; i < o.subscriptions; i++) {
      const minutes = Math.floor(random() * 288) * 5;
      const time = `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
      const timezone = ZONES[i % ZONES.length]!;
      const chatId = String(100_000 + i);
      const saved = await app.store.saveSubscription({
        platform: 'telegram', chatId, kind: i % 4 === 0 ? 'channel' : 'personal', learnerId: `telegram:${chatId}`,
        time, timezone, locale: i % 3 === 0 ? 'zh' : 'en', status: 'active', everyDays: 1,
      });
      subs.push({ id: saved.id, chatId, time, timezone });
    }

    // Every message the platform accepted, in order, with the wall-clock instant (for the local date).
    const platformLog: { chatId: string; at: number }[] = [];
    let burstUntil = 0;

    const lifeOf = (): Life => {
      const life: Life = { dispatcher: undefined as unknown as Dispatcher, accepted: [], dead: false, kill: () => (life.dead = true) };
      const never = new Promise<never>(() => {});
      const messenger: Messenger = {
        platform: 'telegram',
        async send(chatId: string, _reply: Reply) {
          await new Promise((r) => setImmediate(r));
          if (life.dead) return never;
          if (now < burstUntil) throw new SendError('transient', 'telegram sendMessage: 502 Bad Gateway (soak)');
          const roll = random();
          if (roll < chance.rateLimit) {
            report.rateLimited++;
            throw new SendError('rate-limited', 'telegram sendMessage: 429 Too Many Requests (soak)', 1000 + Math.floor(random() * 29_000));
          }
          if (roll < chance.rateLimit + chance.timeout) {
            report.timeouts++;
            throw new SendError('transient', 'telegram network error: timeout (soak)');
          }
          const sent = { chatId, at: now };
          platformLog.push(sent);
          life.accepted.push(sent);
          // The answer travels back: a kill now leaves a message sent but not recorded.
          await new Promise((r) => setImmediate(r));
          if (life.dead) return never;
          return { messageId: String(platformLog.length) };
        },
      };
      const store = new Proxy(app.store, {
        get(target, name, receiver) {
          const value = Reflect.get(target, name, receiver) as unknown;
          if (typeof value !== 'function') return value;
          return (...args: unknown[]) => {
            if (life.dead) return never;
            if ((name === 'recordSent' || name === 'updateDelivery') && random() < chance.writeError) {
              report.writeErrors++;
              return Promise.reject(new Error('SQLITE_IOERR: disk I/O error (soak)'));
            }
            return (value as (...a: unknown[]) => unknown).apply(target, args);
          };
        },
      }) as Store;
      const services: Services = { ...app.services, store };
      life.dispatcher = new Dispatcher({ services, messengers: [messenger], log, sleep: async () => {}, defaultPerSecond: 1e9, concurrency: 16 });
      return life;
    };

    const subOf = (chatId: string) => subs[Number(chatId) - 100_000]!;
    let life = lifeOf();
    delay.enable();
    for (let wall = start; wall < end; wall += tickMinutes * MINUTE) {
      now = wall;
      if (random() < chance.clockStep) {
        report.clockSteps++;
        now = random() < 0.5 ? wall - 60 * MINUTE : wall + Math.floor(random() * 5) * MINUTE;
      }
      if (random() < chance.stall) {
        report.stalls++;
        continue; // this tick never ran
      }
      if (random() < chance.burst) {
        report.bursts++;
        burstUntil = now + Math.floor(1 + random() * 10) * MINUTE;
      }
      const tick = life.dispatcher.tick();
      if (random() < chance.kill) {
        // Killed mid-wave: once some sends are out (or the wave is over), the process is gone.
        const after = platformLog.length + 1 + Math.floor(random() * 30);
        let finished = false;
        void tick.then(() => (finished = true));
        while (!finished && platformLog.length < after) await new Promise((r) => setImmediate(r));
        life.kill();
        report.kills++;
        // In flight: accepted by the platform, not recorded sent when the process died.
        for (const s of life.accepted) {
          const sub = subOf(s.chatId);
          const delivery = await app.store.getDelivery(sub.id, promptDate(sub, s.at));
          if (delivery?.status !== 'sent') report.inFlightAtKills++;
        }
        life = lifeOf();
      } else {
        await tick;
      }
    }
    // Faults end; the last process finishes what it holds (pending writes, retries due, stale claims).
    burstUntil = 0;
    for (let i = 0; i < 12; i++) {
      now = end + i * tickMinutes * MINUTE;
      await life.dispatcher.tick();
    }
    delay.disable();

    // Expected: one prompt per subscription per local day whose time fell inside the window.
    const deliveredPairs = new Map<string, number>();
    for (const m of platformLog) {
      const k = `${m.chatId}:${promptDate(subOf(m.chatId), m.at)}`;
      deliveredPairs.set(k, (deliveredPairs.get(k) ?? 0) + 1);
    }
    for (const sub of subs) {
      const first = localMoment(new Date(start), sub.timezone).date;
      for (let d = 0; d <= o.days + 1; d++) {
        const date = new Date(Date.parse(`${first}T00:00:00Z`) + d * 24 * 60 * MINUTE).toISOString().slice(0, 10);
        const due = instantOf(date, sub.time, sub.timezone).getTime();
        if (due < start || due >= end) continue;
        report.expected++;
        const got = deliveredPairs.get(`${sub.chatId}:${date}`) ?? 0;
        if (got > 0) report.delivered++;
        if (got === 0) {
          report.lost++;
          const row = await app.store.getDelivery(sub.id, date);
          if (row?.error?.startsWith('missed:')) report.missedByRule++;
          else if (report.lostExamples.length < 10) report.lostExamples.push(`${sub.chatId} ${sub.timezone} ${sub.time} ${date}: ${row ? JSON.stringify(row) : 'no delivery row'}`);
        }
      }
    }
    report.duplicated = platformLog.length - deliveredPairs.size;
    report.longestStallMs = Math.round(delay.max / 1e6);
  } finally {
    await app.close();
    rmSync(dir, { recursive: true, force: true });
  }
  report.seconds = Math.round((performance.now() - started) / 100) / 10;
  return report;
}

/** The local date a prompt sent at `at` was for: today once its time has come, else the day before (a catch-up). */
function promptDate(sub: { time: string; timezone: string }, at: number): string {
  const local = localMoment(new Date(at), sub.timezone);
  return local.minutes >= minutesOf(sub.time) ? local.date : addDays(local.date, -1);
}

export function printSoak(r: SoakReport): void {
  const line = (k: string, v: number | string) => process.stdout.write(`${k.padEnd(28)} ${v}\n`);
  process.stdout.write(`soak: ${r.subscriptions} subscriptions, ${r.days} simulated days, 20 timezones\n`);
  line('prompts expected', r.expected);
  line('prompts delivered', r.delivered);
  line('lost', `${r.lost} (of them recorded missed by the day-end rule: ${r.missedByRule})`);
  line('duplicated', r.duplicated);
  line('in flight at kills', `${r.inFlightAtKills} over ${r.kills} kills`);
  line('faults', `${r.bursts} 5xx bursts, ${r.rateLimited} 429s, ${r.timeouts} timeouts, ${r.writeErrors} store write errors, ${r.clockSteps} clock steps, ${r.stalls} stalls`);
  line('longest event-loop stall', `${r.longestStallMs} ms`);
  line('took', `${r.seconds} s`);
  for (const example of r.lostExamples) process.stdout.write(`lost: ${example}\n`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const arg = (name: string, fallback: number) => Number(process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? fallback);
  const report = await runSoak({ subscriptions: arg('subscriptions', 2000), days: arg('days', 30), seed: arg('seed', 13) });
  printSoak(report);
  process.exit(report.lost - report.missedByRule > 0 || report.duplicated > report.inFlightAtKills ? 1 : 0);
}
