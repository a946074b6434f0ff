import { describe, expect, it } from 'vitest';
import { canonicalTimezone, instantOf, localMoment, parseTimeOfDay } from '../../../src/core/study/local-time.js';

describe('local time', () => {
  it.each([
    ['09:00', '09:00'], ['9:00', '09:00'], ['0900', '09:00'], ['23:59', '23:59'], ['00:00', '00:00'],
    ['25:99', undefined], ['24:00', undefined], ['12:60', undefined], ['noon', undefined], ['', undefined], ['9', undefined],
  ])('parseTimeOfDay(%j) is %j', (text, expected) => {
    expect(parseTimeOfDay(text)).toBe(expected);
  });

  it.each([
    ['asia/shanghai', 'Asia/Shanghai'], ['UTC', 'UTC'], ['Europe/Berlin', 'Europe/Berlin'],
    ['Mars/Olympus', undefined], ['', undefined], ['x'.repeat(100), undefined],
  ])('canonicalTimezone(%j) is %j', (zone, expected) => {
    expect(canonicalTimezone(zone)).toBe(expected);
  });

  it('reads the local date and time in a zone', () => {
    expect(localMoment(new Date('2026-03-01T17:30:00Z'), 'Asia/Shanghai')).toEqual({ date: '2026-03-02', time: '01:30', minutes: 90 });
  });

  it.each([
    ['09:00 in Shanghai', '2026-03-02', '09:00', 'Asia/Shanghai', '2026-03-02T01:00:00.000Z'],
    ['a time in the spring-forward gap lands after it', '2026-03-08', '02:30', 'America/New_York', '2026-03-08T07:30:00.000Z'],
    ['an ambiguous fall-back time is the first one', '2026-11-01', '01:30', 'America/New_York', '2026-11-01T05:30:00.000Z'],
  ])('instantOf: %s', (_name, date, time, zone, iso) => {
    expect(instantOf(date, time, zone).toISOString()).toBe(iso);
  });
});
