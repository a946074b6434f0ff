import { describe, expect, it } from 'vitest';
import { commandsOf, findLabs, missingLine, runLab } from '../../src/cli/labs.js';

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
    expect(labs).toEqual([{ lesson: 16, index: 1, script: '# root: a namespace\nip netns add demo', expected: ['1: lo: <LOOPBACK>'], packages: ['iproute2', 'ipset'], timeoutSeconds: 30, files: [] }]);
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
  const lab = (script: string, expected: string[]) => ({ lesson: 99, index: 1, script, expected, packages: [], timeoutSeconds: 8, files: [] });

  it('ends when its commands end, though it left the init of a PID namespace running (which ignores SIGTERM)', () => {
    const result = runLab(lab('unshare --pid --fork sleep 60 &\nsleep 0.5\necho started', ['started']));
    expect(result).toMatchObject({ ok: true });
  }, 20_000);
});
