// npm run bench: search on the real lessons and on synthetic corpora of 1,000 and 10,000 lessons
// (beside MiniSearch), start-up time to the first reply, idle memory, the progress picture, and Telegram reply times
// of 50 chats beside a busy group. Prints progress to
// stderr and one JSON object of named figures to stdout at the end.
import { readFileSync } from 'node:fs';
import { loadLessons } from '../src/core/lessons/load-lessons.js';
import { benchSearch } from './search-bench.js';
import { benchIdleMemory, benchStartup } from './process-bench.js';
import { typo } from './stats.js';
import { benchPictures } from './picture-bench.js';
import { benchTelegramBurst } from './telegram-burst-bench.js';
import { syntheticLibrary } from './synthetic.js';

const log = (line: string) => process.stderr.write(`${line}\n`);
// `npm run bench -- --only startup,search10000`: just those parts (the whole bench runs for minutes).
const onlyAt = process.argv.indexOf('--only');
const only = onlyAt > 0 ? new Set((process.argv[onlyAt + 1] ?? '').split(',')) : undefined;
const part = (name: string) => !only || only.has(name);
const sizes = (process.env.BENCH_SIZES ?? '1000,10000').split(',').filter(Boolean).map(Number);

const real = loadLessons('lessons').library!;
const queries = [
  ...readQueries(),
  'kubernetes service', 'vxlan mtu', 'open vswitch flow table', 'iptables nat prerouting', 'rolling update maxsurge',
  'persistent volume claim', 'helm chart values', 'elasticsearch shards', 'tcp time_wait', 'docker bridge network',
  '灰度发布', '存储卷', '三次握手', '负载均衡', '污点与容忍', '容器 docker', 'k8s', 'svc', 'kvm virtio', 'cloud-init nocloud',
];
const typos = queries.map((q, i) => typo(q, i)).filter((q, i) => q !== queries[i]);

const figures: Record<string, unknown> = { queries: queries.length, typoQueries: typos.length };
if (part('searchReal')) {
  log(`search on the real lessons (${real.lessons.length})...`);
  figures.searchReal = benchSearch(real, queries, typos, 20);
}
for (const n of sizes) {
  if (!part(`search${n}`)) continue;
  log(`search on ${n} synthetic lessons (building takes a while)...`);
  figures[`search${n}`] = benchSearch(syntheticLibrary(real, n), queries, typos, n >= 10_000 ? 3 : 5);
}
if (part('startup')) {
  log('start-up time to the first reply (npm start, node dist/main.js, tsx)...');
  figures.startup = await benchStartup();
}
if (part('idleMemory')) {
  log('idle memory with 10,000 subscriptions...');
  figures.idleMemory = await benchIdleMemory(10_000);
}
if (part('pictures')) {
  log('progress pictures (empty, half, finished, group; en and zh)...');
  figures.pictures = await benchPictures();
}
if (part('telegramBurst')) {
  log('telegram: 50 chats at once while one group sends a burst of 30...');
  figures.telegramBurst = await benchTelegramBurst();
}
type Figures = Record<string, number | undefined> | undefined;
const got = (name: string, key: string) => (figures[name] as Figures)?.[key];
const goals = {
  typoP99RealMs: { goal: 5, got: got('searchReal', 'typoP99Ms') },
  typoP99At10kMs: { goal: 5, got: got('search10000', 'typoP99Ms') },
  buildAt10kMs: { goal: 20_000, got: got('search10000', 'buildMs') },
  cachedStartAt10kMs: { goal: 500, got: got('search10000', 'loadMs') },
  firstReplyNpmStartMs: { goal: 400, got: got('startup', 'npmStartWarmMs') },
  idleRssMB: { goal: 120, got: got('idleMemory', 'rssMB') },
  pictureCpuMs: { goal: 200, got: got('pictures', 'worstCpuMedianMs') },
  pictureKB: { goal: 300, got: got('pictures', 'largestKB') },
  telegramOthersP99Ms: { goal: 1000, got: (figures.telegramBurst as { withBusyGroup: { p99Ms: number } } | undefined)?.withBusyGroup.p99Ms },
};
figures.goals = Object.fromEntries(Object.entries(goals).filter(([, v]) => v.got !== undefined).map(([k, v]) => [k, { ...v, met: v.got! <= v.goal }]));
figures.loadAverage = (await import('node:os')).loadavg().map((l) => Math.round(l * 100) / 100);
process.stdout.write(`${JSON.stringify(figures, null, 2)}\n`);

function readQueries(): string[] {
  try {
    return readFileSync('../shared/eval/search-queries.tsv', 'utf8').split('\n').filter((l) => l.trim() && !l.startsWith('#')).map((l) => l.split('\t')[0]!);
  } catch {
    return [];
  }
}
