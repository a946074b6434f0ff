import { describe, expect, it } from 'vitest';
import { parseLesson } from '../../../src/core/lessons/parse-lesson.js';

const good = `---
title: A lesson
summary: What you will learn.
keywords: [one, two]
---

## Why it matters

Because.

## Key ideas

### First idea

Words.

## Try it

\`\`\`bash
echo hi
## not a heading inside code
\`\`\`

## Check yourself

Q: First question?
A: First answer,
continued on the next line.

Q: Second question?
A: Second answer.

## Further reading

- [Source](https://example.org/a)
`;

describe('parseLesson', () => {
  it('reads front matter, sections in order, sub-headings and question pairs', () => {
    const { text, problems, stats } = parseLesson(good, 'en', 'en/01-a.md');
    expect(problems).toEqual([]);
    expect(text.title).toBe('A lesson');
    expect(text.sections.map((s) => s.key)).toEqual(['why', 'ideas', 'try', 'check', 'reading']);
    expect(text.sections[1]!.subheadings).toEqual(['First idea']);
    expect(text.questions).toEqual([
      { question: 'First question?', answer: 'First answer, continued on the next line.' },
      { question: 'Second question?', answer: 'Second answer.' },
    ]);
    expect(stats.codeBlocks).toBe(1);
    expect(stats.links).toEqual(['https://example.org/a']);
  });

  it('joins a Chinese question and answer continued on the next line without a space', () => {
    const zh = good.replace('Q: First question?\nA: First answer,\ncontinued on the next line.', 'Q: 为什么要\n三次握手？\nA: 双方都要确认\n对方收到了自己的序列号。');
    expect(parseLesson(zh, 'en', 'en/01-a.md').text.questions[0]).toEqual({ question: '为什么要三次握手？', answer: '双方都要确认对方收到了自己的序列号。' });
  });

  it.each([
    ['no front matter', good.replace(/^---[\s\S]*?---\n/, ''), 'no front matter'],
    ['broken YAML', good.replace('title: A lesson', 'title: [unclosed'), 'front matter is not valid YAML'],
    ['missing title', good.replace('title: A lesson\n', ''), 'front matter: title is missing or empty'],
    ['keywords not a list', good.replace('keywords: [one, two]', 'keywords: one'), 'keywords must be a list'],
    ['missing section', good.replace('## Try it', '### Try it'), 'missing section "## Try it"'],
    ['unknown section', good.replace('## Key ideas', '## Big ideas'), 'unknown section "## Big ideas"'],
    ['sections out of order', good.replace('## Why it matters\n\nBecause.\n\n', '').replace('## Further reading', '## Why it matters\n\nLate.\n\n## Further reading'), 'out of order'],
    ['empty section', good.replace('Because.', ''), 'section "Why it matters" is empty'],
    ['question without answer', good.replace('A: Second answer.', ''), 'question without an answer'],
    ['placeholder', good.replace('Because.', 'TODO write this'), 'placeholder text'],
  ])('reports %s', (_name, source, expected) => {
    const { problems } = parseLesson(source, 'en', 'x.md');
    expect(problems.join('\n')).toContain(expected);
  });

  it('uses the Chinese section headings for zh files', () => {
    const zh = good
      .replace('## Why it matters', '## 为什么重要').replace('## Key ideas', '## 核心概念').replace('## Try it', '## 动手练习')
      .replace('## Check yourself', '## 自我检测').replace('## Further reading', '## 延伸阅读');
    expect(parseLesson(zh, 'zh', 'zh/01-a.md').problems).toEqual([]);
    expect(parseLesson(good, 'zh', 'zh/01-a.md').problems.join('\n')).toContain('unknown section "## Why it matters"');
  });
});

describe('versions in the front matter', () => {
  it('reads the versions a lesson was written for', () => {
    const source = good.replace('keywords: [one, two]', 'keywords: [one, two]\nversions: "Linux 6.12, iproute2 6.15"');
    expect(parseLesson(source, 'en', 'en/01-a.md').text.versions).toBe('Linux 6.12, iproute2 6.15');
  });

  it('leaves versions empty when missing, for the checker to report', () => {
    expect(parseLesson(good, 'en', 'en/01-a.md').text.versions).toBe('');
  });
});
