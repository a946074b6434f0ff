import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** One runnable lab: a ```bash lab``` block and the ```text expected``` block after it. */
export interface Lab {
  lesson: number;
  /** 1-based, in the order of the lesson file. */
  index: number;
  script: string;
  expected: string[];
  packages: string[];
  timeoutSeconds: number;
  /** The lesson's ```lang file=NAME``` blocks before the lab, written into its working directory. */
  files: LabFile[];
  /** Builds on the lab before it (its script and expected lines start with that lab's). */
  continues: boolean;
}

export interface LabFile {
  name: string;
  text: string;
}

export interface LabResult {
  ok: boolean;
  /** Why it failed, for the person reading CI's log. */
  reason?: string;
  output: string;
}

/** The labs of one lesson file, with problems (a lab with no expected block) worded for its writer. */
export function findLabs(source: string, lesson: number): { labs: Lab[]; problems: string[] } {
  const labs: Lab[] = [];
  const problems: string[] = [];
  const lines = source.split('\n');
  const files = new Map<string, string>();
  for (let i = 0; i < lines.length; i++) {
    // A program the lesson shows (server.py) and the lab then runs: the learner saves it, the runner writes it.
    const file = /^```\w+\s.*\bfile=([\w.-]+)/.exec(lines[i]!);
    if (file) {
      const text = block(lines, i + 1);
      files.set(file[1]!, text.join('\n'));
      i += text.length + 1;
      continue;
    }
    const open = /^```bash lab\b(.*)$/.exec(lines[i]!);
    if (!open) continue;
    const attrs = new Map([...open[1]!.matchAll(/(\w+)=(\S+)/g)].map((m) => [m[1]!, m[2]!]));
    const script = block(lines, i + 1);
    i += script.length + 1;
    let j = i + 1;
    while (j < lines.length && !lines[j]!.trim()) j++;
    const index = labs.length + 1;
    if (!/^```text expected\s*$/.test(lines[j] ?? '')) {
      problems.push(`lesson ${lesson} lab ${index}: no \`\`\`text expected block after it`);
      continue;
    }
    const expected = block(lines, j + 1);
    i = j + expected.length + 1;
    // `continues`: the block builds on the lab before it, so it runs after that lab, in one namespace.
    const before = /\bcontinues\b/.test(open[1]!) ? labs.at(-1) : undefined;
    if (/\bcontinues\b/.test(open[1]!) && !before) problems.push(`lesson ${lesson} lab ${index}: continues, but no lab comes before it`);
    const own = expected.map((l) => l.trim()).filter((l) => l && l !== '...');
    labs.push({
      lesson,
      index,
      script: (before ? before.script + '\n' : '') + script.join('\n'),
      expected: [...(before?.expected ?? []), ...own],
      packages: [...(before?.packages ?? []), ...(attrs.get('packages')?.split(',').filter(Boolean) ?? [])],
      timeoutSeconds: Number(attrs.get('timeout') ?? 60) + (before?.timeoutSeconds ?? 0),
      files: [...files].map(([name, text]) => ({ name, text })),
      continues: before !== undefined,
    });
  }
  return { labs, problems };
}

function block(lines: string[], from: number): string[] {
  const out: string[] = [];
  for (let i = from; i < lines.length && !lines[i]!.startsWith('```'); i++) out.push(lines[i]!);
  return out;
}

/** The first expected line missing from the output, in order; undefined when every one is there. */
export function missingLine(output: string, expected: string[]): string | undefined {
  let at = 0;
  for (const line of expected) {
    const found = output.indexOf(line, at);
    if (found < 0) return line;
    at = found + line.length;
  }
  return undefined;
}

/** A lab's files without their comments (`#` in Python and shell), to compare the en and zh lessons. */
function filesOf(lab: Lab): string {
  return lab.files.map((f) => `${f.name}\n${commandsOf(f.text)}`).join('\n');
}

/** The commands of a lab without comments: the zh lab must run exactly what the en lab runs. */
export function commandsOf(script: string): string {
  return script
    .split('\n')
    .map((l) => l.replace(/^\s*#.*$|\s+#\s.*$/, '').trimEnd())
    .filter(Boolean)
    .join('\n');
}

// One stream, in the order a learner sees it; lessons write `sudo`, but the runner is root already
// and sudo may not be installed.
// A server the lab started in the background would hold the output open: the lab's end ends its group,
// with SIGTERM first (tcpdump prints what it caught), then SIGKILL for what ignores it, such as the init
// of a PID namespace the lab made with unshare (lesson 16).
const PREAMBLE = 'exec 2>&1\nsudo() { "$@"; }\nexport -f sudo\ntrap \'trap "" TERM; kill -- -$$ 2>/dev/null; sleep 0.2; kill -KILL -- -$$\' EXIT\n';

/** What one run of a lab's script left: its output, and whether it ran past its timeout. */
export interface LabRun {
  output: string;
  timedOut: boolean;
}

/**
 * The results of a lab and the labs that continue it, from one run of the last one's script (which
 * holds all of theirs): a lab passes when its own expected lines, a prefix of the last one's, are there.
 */
export function chainResults(chain: Lab[], run: LabRun, timeoutSeconds = chain.at(-1)!.timeoutSeconds): LabResult[] {
  let failed = false;
  return chain.map((lab, i) => {
    const missing = failed ? undefined : missingLine(run.output, lab.expected);
    const reason = failed
      ? 'a lab it continues failed'
      : missing !== undefined
        ? `expected line not in the output: ${missing}`
        : run.timedOut && i === chain.length - 1
          ? `timed out after ${timeoutSeconds} s`
          : undefined;
    failed ||= reason !== undefined;
    return reason === undefined ? { ok: true, output: run.output } : { ok: false, reason, output: run.output };
  });
}

/** Runs one lab as root in a throwaway network namespace, then removes every namespace it left. */
export function runLab(lab: Lab): LabResult {
  const run = runScript(lab);
  return 'ok' in run ? run : chainResults([lab], run)[0]!;
}

function runScript(lab: Lab): LabRun | LabResult {
  const netns = `slowfast-lab-${lab.lesson}-${lab.index}-${process.pid}`;
  const before = namespaces();
  const add = spawnSync('ip', ['netns', 'add', netns], { encoding: 'utf8' });
  if (add.status !== 0) return { ok: false, reason: `ip netns add failed: ${add.stderr.trim()}`, output: '' };
  // Loopback up, as on any running host: labs that talk to 127.0.0.1 (lesson 12) assume it.
  spawnSync('ip', ['-n', netns, 'link', 'set', 'lo', 'up']);
  // Its own scratch directory, as the lessons tell learners to use, holding the files the lesson wrote out.
  const cwd = mkdtempSync(join(tmpdir(), 'slowfast-lab-'));
  for (const file of lab.files) writeFileSync(join(cwd, file.name), file.text + '\n');
  // setsid: the lab is its own process group, so servers it starts in the background die with it.
  const run = spawnSync('setsid', ['ip', 'netns', 'exec', netns, 'bash', '-c', PREAMBLE + lab.script], {
    encoding: 'utf8',
    cwd,
    timeout: lab.timeoutSeconds * 1000,
    killSignal: 'SIGKILL',
    // The system's tools, as on a fresh Debian machine, not whatever shims the caller's PATH holds.
    env: { ...process.env, PATH: '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' },
    maxBuffer: 16 * 1024 * 1024,
  });
  if (run.pid) {
    try {
      process.kill(-run.pid, 'SIGKILL');
    } catch {
      // Nothing left running: the usual case.
    }
  }
  for (const name of namespaces().filter((n) => !before.includes(n))) spawnSync('ip', ['netns', 'del', name]);
  rmSync(cwd, { recursive: true, force: true });
  return { output: `${run.stdout ?? ''}${run.stderr ?? ''}`, timedOut: (run.error as NodeJS.ErrnoException | undefined)?.code === 'ETIMEDOUT' };
}

function namespaces(): string[] {
  const list = spawnSync('ip', ['netns', 'list'], { encoding: 'utf8' }).stdout ?? '';
  return list
    .split('\n')
    .map((l) => l.split(' ')[0]!)
    .filter(Boolean);
}

/** Installs the Debian packages the labs name that are not installed yet. */
function installPackages(packages: string[], out: (line: string) => void): boolean {
  const missing = [...new Set(packages)].filter((p) => spawnSync('dpkg-query', ['-W', '-f=${Status}', p], { encoding: 'utf8' }).stdout !== 'install ok installed');
  if (!missing.length) return true;
  out(`installing ${missing.join(' ')}`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const install = () => spawnSync('apt-get', ['install', '-y', '--no-install-recommends', ...missing], { stdio: 'inherit', env }).status === 0;
  return install() || (spawnSync('apt-get', ['update'], { stdio: 'inherit', env }).status === 0 && install());
}

/** `npm run labs [ids...]`: every runnable lab of the en lessons (zh must be the same), pass/fail and a total. */
export function runLabs(dir: string, ids: string[], out: (line: string) => void): number {
  const only = new Set(ids.map(Number));
  if (ids.some((id) => !Number.isInteger(Number(id)))) {
    out(`not a lesson number: ${ids.join(' ')} (usage: npm run labs [ids...], e.g. npm run labs 30 31)`);
    return 2;
  }
  if (process.getuid?.() !== 0) {
    out('labs run as root (network namespaces, iptables, tc): run npm run labs with sudo or as root');
    return 2;
  }
  const labs: Lab[] = [];
  // Problems with the lab files themselves (no expected block, zh differs from en), besides runs that fail.
  const problems: string[] = [];
  for (const name of readdirSync(join(dir, 'en')).sort()) {
    const lesson = parseInt(name, 10);
    if (Number.isNaN(lesson) || (only.size && !only.has(lesson))) continue;
    const en = findLabs(readFileSync(join(dir, 'en', name), 'utf8'), lesson);
    const zh = findLabs(readFileSync(join(dir, 'zh', name), 'utf8'), lesson);
    problems.push(...en.problems, ...zh.problems.map((p) => `${p} (zh)`));
    if (en.labs.length !== zh.labs.length) problems.push(`lesson ${lesson}: ${en.labs.length} labs in en, ${zh.labs.length} in zh`);
    en.labs.forEach((lab, i) => {
      if (zh.labs[i] && commandsOf(zh.labs[i]!.script) !== commandsOf(lab.script)) problems.push(`lesson ${lesson} lab ${lab.index}: the zh lab runs other commands than the en lab`);
      if (zh.labs[i] && filesOf(zh.labs[i]!) !== filesOf(lab)) problems.push(`lesson ${lesson} lab ${lab.index}: the zh lesson's files differ from the en lesson's`);
    });
    labs.push(...en.labs);
  }
  if (!installPackages(labs.flatMap((l) => l.packages), out)) problems.push('apt-get could not install the packages the labs need');
  let failed = 0;
  // A lab and the labs that continue it run once, as the last of them: its script holds the others'.
  const chains: Lab[][] = [];
  for (const lab of labs) (lab.continues && chains.length ? chains.at(-1)! : (chains[chains.length] = [])).push(lab);
  for (const chain of chains) {
    const started = Date.now();
    const run = runScript(chain.at(-1)!);
    const took = `${((Date.now() - started) / 1000).toFixed(1)} s`;
    const results = 'ok' in run ? chain.map(() => run) : chainResults(chain, run);
    chain.forEach((lab, i) => {
      const result = results[i]!;
      const what = `lesson ${lab.lesson} lab ${lab.index} (${chain.length > 1 ? `labs ${chain[0]!.index}-${chain.at(-1)!.index} together, ` : ''}${took})`;
      if (result.ok) return out(`PASS ${what}`);
      failed++;
      out(`FAIL ${what}: ${result.reason}`);
      if (i === results.findIndex((r) => !r.ok)) out(result.output.trimEnd().split('\n').slice(-15).map((l) => `  | ${l}`).join('\n'));
    });
  }
  for (const p of problems) out(`FAIL ${p}`);
  out(`labs: ${labs.length - failed} passed, ${failed} failed` + (problems.length ? `, ${problems.length} problems with lab blocks` : ''));
  return failed || problems.length ? 1 : 0;
}
