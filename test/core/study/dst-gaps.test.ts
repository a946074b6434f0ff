import { describe, expect, it } from 'vitest';
import { instantOf, localMoment } from '../../../src/core/study/local-time.js';

// A local time in a DST gap (it does not exist) is read with the offset before the gap, so it lands
// as far after the gap as it was into it (what a wall clock set forward shows); a time that occurs
// twice (a fold) is its first occurrence. Zones whose shift is 30 minutes (Lord Howe) or whose
// offset has 45 minutes (Chatham) must be as right as the usual 1-hour zones.
describe('instantOf around DST changes', () => {
  it.each([
    // zone, local date, local time, the instant, what the local clock shows then
    ['Australia/Lord_Howe', '2026-10-04', '00:00', '2026-10-03T13:30:00.000Z', '00:00', 'midnight of the gap day'],
    ['Australia/Lord_Howe', '2026-10-04', '01:59', '2026-10-03T15:29:00.000Z', '01:59', 'just before the gap'],
    ['Australia/Lord_Howe', '2026-10-04', '02:00', '2026-10-03T15:30:00.000Z', '02:30', 'the gap\'s first minute'],
    ['Australia/Lord_Howe', '2026-10-04', '02:15', '2026-10-03T15:45:00.000Z', '02:45', 'inside the 30-minute gap'],
    ['Australia/Lord_Howe', '2026-10-04', '02:30', '2026-10-03T15:30:00.000Z', '02:30', 'the first minute after the gap'],
    ['Australia/Lord_Howe', '2026-10-04', '09:00', '2026-10-03T22:00:00.000Z', '09:00', 'later that day'],
    ['Australia/Lord_Howe', '2026-04-05', '01:45', '2026-04-04T14:45:00.000Z', '01:45', 'inside the 30-minute fold: the first'],
    ['Australia/Lord_Howe', '2026-04-05', '02:00', '2026-04-04T15:30:00.000Z', '02:00', 'just after the fold'],
    ['Australia/Lord_Howe', '2026-04-05', '09:00', '2026-04-04T22:30:00.000Z', '09:00', 'after the fold, standard time'],
    ['Pacific/Chatham', '2026-09-27', '02:44', '2026-09-26T13:59:00.000Z', '02:44', 'just before the gap'],
    ['Pacific/Chatham', '2026-09-27', '03:00', '2026-09-26T14:15:00.000Z', '04:00', 'inside the gap (02:45 to 03:45)'],
    ['Pacific/Chatham', '2026-09-27', '03:45', '2026-09-26T14:00:00.000Z', '03:45', 'the first minute after the gap'],
    ['Pacific/Chatham', '2026-04-05', '03:00', '2026-04-04T13:15:00.000Z', '03:00', 'inside the fold: the first'],
    ['Pacific/Chatham', '2026-04-05', '09:00', '2026-04-04T20:15:00.000Z', '09:00', 'after the fold'],
    ['Europe/Berlin', '2026-03-29', '02:30', '2026-03-29T01:30:00.000Z', '03:30', 'inside the 1-hour gap'],
    ['Europe/Berlin', '2026-10-25', '02:30', '2026-10-25T00:30:00.000Z', '02:30', 'inside the 1-hour fold: the first'],
    ['America/New_York', '2026-03-08', '02:30', '2026-03-08T07:30:00.000Z', '03:30', 'inside the 1-hour gap'],
    ['Asia/Kathmandu', '2026-03-02', '09:00', '2026-03-02T03:15:00.000Z', '09:00', 'a 45-minute offset, no DST'],
  ])('%s %s %s is %s (the clock shows %s): %s', (zone, date, time, iso, shown) => {
    const at = instantOf(date, time, zone);
    expect(at.toISOString()).toBe(iso);
    expect(localMoment(at, zone)).toMatchObject({ date, time: shown });
  });
});
