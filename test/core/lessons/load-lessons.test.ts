import { describe, expect, it } from 'vitest';
import { checkLessons } from '../../../src/core/lessons/check.js';
import { loadLessons } from '../../../src/core/lessons/load-lessons.js';

describe('loadLessons on a broken lessons folder', () => {
  const result = loadLessons('test/fixtures/broken');
  const lines = checkLessons(result).problems.map((p) => `${p.file}: ${p.message}`);

  it.each([
    ['a prerequisite missing from the roadmap', 'lesson 1: prerequisite 7 is not in the roadmap'],
    ['an unknown stage', 'lesson 2: unknown stage "nowhere"'],
    ['a redirect to nowhere', 'lesson 3: removed, so it needs a redirect to an existing lesson'],
    ['files for a planned lesson', 'lesson 2 is planned but has files'],
    ['a file that matches no entry', 'en/05-stray.md: matches no roadmap entry'],
    ['a missing language', 'zh/01-first.md: missing: lesson 1 is core, so it needs a zh file'],
    ['a core lesson with no files', 'en/04-fourth.md: missing'],
    ['a lesson below the word minimum', 'en/01-first.md: has'],
    ['a lesson that does not say which versions it was written for', 'en/01-first.md: front matter: versions is missing'],
  ])('reports %s', (_name, expected) => {
    expect(lines.some((l) => l.includes(expected))).toBe(true);
  });

  it('still loads the roadmap so the rest can be served', () => {
    expect(result.library?.roadmap.entries.map((e) => e.id)).toEqual([1, 2, 3, 4]);
  });

  it('reports a missing folder instead of throwing', () => {
    expect(loadLessons('test/fixtures/nowhere').problems[0]!.message).toBe('not found');
  });
});

describe('the real lessons', () => {
  it('head their dated-topics section "Current practice" in English, not "Today" (that word is the learner\'s day: /today, the prompt)', () => {
    const headings = loadLessons('lessons').library!.lessons.flatMap((l) => l.text.en.sections.map((s) => s.heading));
    expect(headings).toContain('Current practice');
    expect(headings).not.toContain('Today');
  });

  it('pass lessons check', () => {
    const summary = checkLessons(loadLessons('lessons'));
    expect(summary.problems.map((p) => `${p.file}: ${p.message}`)).toEqual([]);
    expect(summary.removed).toEqual([4, 13]);
  });
});

describe('lessons check on chosen lessons', () => {
  const result = loadLessons('lessons');

  it('checks only the lessons asked for', () => {
    const files = checkLessons(result, [3]).warnings.concat(checkLessons(result, [3]).problems).map((p) => p.file);
    expect(files.every((f) => f.includes('03-') || !/\d{2}-/.test(f))).toBe(true);
  });

  it('counts only the chosen lessons as written', () => {
    expect(checkLessons(result, [3, 5]).written).toEqual([3, 5]);
  });
});
