import { describe, expect, it } from 'vitest';
import { computeStreak } from '../../../src/core/study/streak.js';

const TODAY = '2026-03-10';

describe('computeStreak', () => {
  it.each([
    ['no study at all', [], { days: 0, atRisk: false, studiedToday: false }],
    ['studied today only', ['2026-03-10'], { days: 1, atRisk: false, studiedToday: true }],
    ['three days ending today', ['2026-03-08', '2026-03-09', '2026-03-10'], { days: 3, atRisk: false }],
    ['ending yesterday, today still open', ['2026-03-08', '2026-03-09'], { days: 2, atRisk: false, studiedToday: false }],
    ['yesterday missed: the grace day holds it, at risk', ['2026-03-07', '2026-03-08'], { days: 2, atRisk: true }],
    ['two days missed: the run is over', ['2026-03-06', '2026-03-07'], { days: 0, atRisk: false }],
    ['one gap bridged inside the run', ['2026-03-06', '2026-03-08', '2026-03-09', '2026-03-10'], { days: 4 }],
    ['two gaps within a week: only the later one is forgiven', ['2026-03-04', '2026-03-06', '2026-03-08', '2026-03-09', '2026-03-10'], { days: 4 }],
    ['two gaps a week apart: both forgiven', ['2026-03-01', '2026-03-03', '2026-03-04', '2026-03-05', '2026-03-06', '2026-03-07', '2026-03-08', '2026-03-10'], { days: 8 }],
    ['a grace used this week puts an open today at risk', ['2026-03-06', '2026-03-08', '2026-03-09'], { days: 3, atRisk: true, studiedToday: false }],
  ])('%s', (_name, days, expected) => {
    expect(computeStreak(days, TODAY)).toMatchObject(expected);
  });
});
