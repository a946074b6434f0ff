import { describe, expect, it } from 'vitest';
import type { Lab } from '../../src/cli/labs.js';
import { chainResults, commandsOf, findLabs, missingLine, runLab } from '../../src/cli/labs.js';

const lesson = [
  '## Try it',
  '',
  '```bash lab packages=iproute2,ipset timeout=30',
  '# root: a namespace',
  'ip netns add demo',
  '```',
  '',
  '```text expected',
  '...',
  '1: lo: <LOOPBACK>',
  '```',
  '',
  '```bash',
  'echo not a lab',
  '```',
  '',
  '```bash lab continues',
  'echo no expected block',
  '```',
].join('\n');

describe('lab blocks', () => {
  const { labs, problems } = findLabs(lesson, 16);

  it('reads a lab, its packages, its timeout and its expected lines without the elision', () => {
    expect(labs).toEqual([{ lesson: 16, index: 1, script: '# root: a namespace\nip netns add demo', expected: ['1: lo: <LOOPBACK>'], packages: ['iproute2', 'ipset'], timeoutSeconds: 30, files: [], continues: false }]);
  });

  it('runs a continuing lab after the one before it, with both expected blocks', () => {
    const two = findLabs(lesson.replace('echo no expected block\n```', 'ip -n demo link show lo\n```\n\n```text expected\nstate DOWN\n```'), 16).labs[1]!;
    expect(two.script).toBe('# root: a namespace\nip netns add demo\nip -n demo link show lo');
    expect(two.expected).toEqual(['1: lo: <LOOPBACK>', 'state DOWN']);
  });

  it('gives a lab the files the lesson wrote out before it, and only those', () => {
    const withFiles = ['```python file=server.py', 'print("hi")', '```', '', lesson, '', '```python file=late.py', 'pass', '```'].join('\n');
    expect(findLabs(withFiles, 12).labs[0]!.files).toEqual([{ name: 'server.py', text: 'print("hi")' }]);
  });

  it('names a lab with no expected block', () => {
    expect(problems).toEqual(['lesson 16 lab 2: no ```text expected block after it']);
  });
});

describe('a lab and the labs that continue it, run once', () => {
  const [one, two] = findLabs(lesson.replace('echo no expected block\n```', 'ip -n demo link show lo\n```\n\n```text expected\nstate DOWN\n```'), 16).labs as [Lab, Lab];

  it('passes every lab whose expected lines are in the run of the last one', () => {
    expect(chainResults([one, two], { output: '1: lo: <LOOPBACK> mtu 65536 state DOWN', timedOut: false }).map((r) => r.ok)).toEqual([true, true]);
  });

  it('fails the lab whose expected line is missing, and the labs after it, and not the ones before', () => {
    const results = chainResults([one, two], { output: '1: lo: <LOOPBACK> mtu 65536 state UP', timedOut: false });
    expect(results.map((r) => [r.ok, r.reason])).toEqual([
      [true, undefined],
      [false, 'expected line not in the output: state DOWN'],
    ]);
  });

  it('blames a timeout on the last lab when the earlier ones printed everything they expect', () => {
    const results = chainResults([one, two], { output: '1: lo: <LOOPBACK> mtu 65536 state DOWN', timedOut: true }, 45);
    expect(results.map((r) => [r.ok, r.reason])).toEqual([
      [true, undefined],
      [false, 'timed out after 45 s'],
    ]);
  });
});

describe('expected output', () => {
  it.each<[string, string, string[], string | undefined]>([
    ['every line, in order', 'a\nfrom .2: 200\nb\nfrom .3: 000\n', ['from .2: 200', 'from .3: 000'], undefined],
    ['a line as part of a longer one', 'Header: family inet timeout 300 bucketsize 12', ['timeout 300'], undefined],
    ['a missing line', 'from .2: 000\n', ['from .2: 200'], 'from .2: 200'],
    ['lines out of order', 'from .3: 000\nfrom .2: 200\n', ['from .2: 200', 'from .3: 000'], 'from .3: 000'],
  ])('%s', (_name, output, expected, missing) => {
    expect(missingLine(output, expected)).toBe(missing);
  });
});

it('compares the en and zh labs by their commands, not their comments', () => {
  expect(commandsOf('# root: lab\nip netns add a\n')).toBe(commandsOf('# root：实验\nip netns add a'));
  expect(commandsOf('tc qdisc show   # your NICs')).toBe(commandsOf('tc qdisc show   # 物理网卡'));
  expect(commandsOf('ip netns add a')).not.toBe(commandsOf('ip netns add b'));
});

// runLab needs root (ip netns add); CI runs the suite as root, as it runs `npm run labs`.
describe.skipIf(process.getuid?.() !== 0)('running a lab', () => {
  const lab = (script: string, expected: string[]) => ({ lesson: 99, index: 1, script, expected, packages: [], timeoutSeconds: 8, files: [], continues: false });

  it('ends when its commands end, though it left the init of a PID namespace running (which ignores SIGTERM)', () => {
    const result = runLab(lab('unshare --pid --fork sleep 60 &\nsleep 0.5\necho started', ['started']));
    expect(result).toMatchObject({ ok: true });
  }, 20_000);
});
