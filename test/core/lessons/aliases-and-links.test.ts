import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { aliasProblems, checkLessons, linkProblem } from '../../../src/core/lessons/check.js';
import { loadLessons } from '../../../src/core/lessons/load-lessons.js';
import { parseRoadmap } from '../../../src/core/lessons/roadmap.js';

const roadmapWith = (entries: string) =>
  `title: { en: T, zh: T }\nmotto: { en: M, zh: M }\nstages:\n  - id: s\n    title: { en: S, zh: S }\nlessons:\n${entries}`;
const entry = (id: number, aliases: string, extra = '') => `  - id: ${id}\n    slug: l${id}\n    stage: s\n    status: ${extra ? 'removed' : 'core'}\n${extra}    aliases: ${aliases}\n`;
const problemsOf = (entries: string) => aliasProblems(parseRoadmap(roadmapWith(entries)).roadmap!);

describe('aliases', () => {
  it.each<[string, string, string[]]>([
    ['distinct aliases pass', entry(1, '{ en: [svc], zh: [服务] }') + entry(2, '{ en: [pod], zh: [容器组] }'), []],
    ['the same word in both languages of one lesson passes', entry(1, '{ en: [libvirt], zh: [libvirt] }'), []],
    ['an alias of two lessons', entry(1, '{ en: [controller], zh: [] }') + entry(2, '{ en: [controller], zh: [] }'), ['lesson 2: alias "controller" also names lesson 1 ("controller"); an alias belongs to one lesson']],
    ['two lessons whose aliases search reads as one', entry(1, '{ en: [sockets], zh: [] }') + entry(2, '{ en: [socket], zh: [] }'), ['lesson 2: alias "socket" also names lesson 1 ("sockets"); an alias belongs to one lesson']],
    ['an alias listed twice in a lesson', entry(1, '{ en: [], zh: [Xen 原理, Xen原理] }'), ['lesson 1: alias "Xen原理" is listed twice in zh']],
    ['an alias across languages of two lessons', entry(1, '{ en: [k8s], zh: [] }') + entry(2, '{ en: [], zh: [k8s] }'), ['lesson 2: alias "k8s" also names lesson 1 ("k8s"); an alias belongs to one lesson']],
    ['a withdrawn entry may name the lesson it redirects to', entry(1, '{ en: [tc], zh: [] }') + entry(2, '{ en: [tc], zh: [] }', '    redirect: 1\n'), []],
  ])('%s', (_name, entries, expected) => {
    expect(problemsOf(entries)).toEqual(expected);
  });

  it('the real roadmap gives each alias to one lesson', () => {
    expect(aliasProblems(loadLessons('lessons').library!.roadmap)).toEqual([]);
  });
});

describe('links', () => {
  it.each<[string, string | undefined]>([
    ['https://www.rfc-editor.org/rfc/rfc9293.html', undefined],
    ['https://man7.org/linux/man-pages/man8/ip-netns.8.html#DESCRIPTION', undefined],
    ['https://en.wikipedia.org/wiki/Open_vSwitch_(software)', undefined],
    ['http://docs.openvswitch.org/', 'is not https'],
    ['https://kubernetes.io/docs/concepts/ services/', 'has a space'],
    ['https://kubernetes.io/docs/.', 'ends with punctuation'],
    ['https://kubernetes.io/docs/,', 'ends with punctuation'],
    ['kubernetes.io/docs/', 'is not a URL'],
    ['https://localhost/docs', 'has no host name'],
    ['https://', 'is not a URL'],
  ])('%s', (link, expected) => {
    expect(linkProblem(link)).toBe(expected);
  });

  it('lessons check names the file and the link a learner could not open', () => {
    const dir = mkdtempSync(join(tmpdir(), 'links-'));
    const yaml = roadmapWith(entry(1, '{ en: [a], zh: [b] }'));
    writeFileSync(join(dir, 'roadmap.yaml'), yaml);
    for (const [locale, sections] of [
      ['en', ['Why it matters', 'Key ideas', 'Try it', 'Check yourself', 'Further reading']],
      ['zh', ['为什么重要', '核心概念', '动手练习', '自我检测', '延伸阅读']],
    ] as const) {
      mkdirSync(join(dir, locale));
      const reading = '- [RFC 9293](https://www.rfc-editor.org/rfc/rfc9293.html)\n- [ip-netns](https://man7.org/linux/man-pages/ man8/ip-netns.8.html)\n- [OVS](http://docs.openvswitch.org/)';
      const body = sections.map((h, i) => `## ${h}\n\n${i === 4 ? reading : 'text'}\n`).join('\n');
      writeFileSync(join(dir, locale, '01-l1.md'), `---\ntitle: T\nsummary: S\nkeywords: [k]\n---\n\n${body}`);
    }
    const lines = checkLessons(loadLessons(dir)).problems.map((p) => `${p.file}: ${p.message}`);
    expect(lines).toContain('en/01-l1.md: link has a space: https://man7.org/linux/man-pages/ man8/ip-netns.8.html');
    expect(lines).toContain('zh/01-l1.md: link is not https: http://docs.openvswitch.org/');
    expect(lines.filter((l) => l.includes('rfc9293'))).toEqual([]);
  });
});
