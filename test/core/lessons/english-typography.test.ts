import { describe, expect, it } from 'vitest';
import { checkEnglishTypography } from '../../../src/core/lessons/english-typography.js';

const body = (line: string) => `---\ntitle: Title\n---\n\n## Why it matters\n\n${line}\n`;
const messages = (line: string) => checkEnglishTypography(body(line)).map((p) => p.message);

describe('English typography: lines that pass', () => {
  it.each([
    ['ASCII punctuation and straight quotes', 'A container is a process; the kernel isolates it ("namespaces").'],
    ['an apostrophe', "The kubelet's config file."],
    ['an ASCII ellipsis', 'Namespaces, cgroups, capabilities...'],
    ['Chinese punctuation inside inline code', 'The zh lesson writes `用 veth，再连网桥。`.'],
    ['two spaces inside inline code', 'Run `echo a  b` and compare.'],
    ['a Chinese phrase with ASCII brackets', 'A queue also smooths bursts (削峰填谷).'],
    ['a Markdown hard line break', 'First line  \nsecond line.'],
    ['a table row padded with spaces', '| key  | value |'],
  ])('%s', (_name, line) => {
    expect(messages(line)).toEqual([]);
  });

  it('leaves code blocks alone', () => {
    expect(checkEnglishTypography(body('```text\n“quoted”  …，\n```'))).toEqual([]);
  });
});

describe('English typography: lines that fail', () => {
  it.each([
    ['a full-width comma', 'Pods talk，then stop.', 'full-width "，" in English prose: use ","'],
    ['a full-width full stop', 'It survives a reboot。', 'full-width "。" in English prose: use "."'],
    ['a full-width colon', 'Note：swap must be off.', 'full-width "：" in English prose: use ":"'],
    ['a full-width semicolon', 'Create the bridge；then the veth.', 'full-width "；" in English prose: use ";"'],
    ['full-width brackets', 'OpenStack（lesson 9）again.', 'full-width "（" in English prose: use "("'],
    ['curly double quotes', 'A “container” is a process.', 'curly quote "“" in English prose: the lessons use straight quotes (")'],
    ['a curly apostrophe', 'The kubelet’s config.', 'curly quote "’" in English prose: the lessons use straight quotes (\')'],
    ['a typographic ellipsis', 'Namespaces, cgroups…', '"…" in English prose: the lessons write "..."'],
    ['two spaces between words', 'The kernel  isolates it.', 'two spaces in English prose: use one'],
    ['two spaces after a full stop', 'It runs.  Then it stops.', 'two spaces in English prose: use one'],
  ])('%s', (_name, bad, message) => {
    expect(messages(bad)[0]).toBe(message);
  });

  it('gives the line and column of each problem', () => {
    expect(checkEnglishTypography(body('ab，c')).map((p) => `${p.line}:${p.column}`)).toEqual(['7:3']);
  });

  it('checks the title and summary, which learners read', () => {
    const source = '---\ntitle: "A “title”"\nsummary: Short…\n---\n';
    expect(checkEnglishTypography(source).map((p) => `${p.line}:${p.column}`)).toEqual(['2:11', '2:17', '3:15']);
  });
});
