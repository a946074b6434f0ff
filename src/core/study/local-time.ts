/** Calendar facts in a learner's own timezone: the scheduler and streaks live in local days. */

export interface LocalMoment {
  /** YYYY-MM-DD in the zone. */
  date: string;
  /** HH:MM in the zone. */
  time: string;
  /** Minutes since local midnight. */
  minutes: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', {
      timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

export function isTimezone(zone: string): boolean {
  if (!zone || zone.length > 64) return false;
  try {
    formatter(zone);
    return true;
  } catch {
    return false;
  }
}

/** The canonical spelling of a zone typed in any case ("asia/shanghai" -> "Asia/Shanghai"). */
export function canonicalTimezone(zone: string): string | undefined {
  if (!isTimezone(zone)) return undefined;
  return new Intl.DateTimeFormat('en', { timeZone: zone }).resolvedOptions().timeZone;
}

export function localMoment(at: Date, timeZone: string): LocalMoment {
  const parts = Object.fromEntries(formatter(timeZone).formatToParts(at).map((p) => [p.type, p.value]));
  const time = `${parts.hour}:${parts.minute}`;
  return { date: `${parts.year}-${parts.month}-${parts.day}`, time, minutes: Number(parts.hour) * 60 + Number(parts.minute) };
}

/** Parses "9:00", "09:00" or "0900" into "09:00"; undefined for anything that is not a real time. */
export function parseTimeOfDay(text: string): string | undefined {
  const m = /^([01]?\d|2[0-3]):?([0-5]\d)$/.exec(text.trim());
  return m ? `${m[1]!.padStart(2, '0')}:${m[2]}` : undefined;
}

export function minutesOf(time: string): number {
  const [h, m] = time.split(':').map(Number);
  return h! * 60 + m!;
}

/** Whole days from date a to date b (YYYY-MM-DD), b - a. */
export function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
}

export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** Minutes the zone's clock is ahead of UTC at an instant (+630 on Lord Howe in winter). */
function offsetMinutes(at: number, timeZone: string): number {
  const m = localMoment(new Date(at), timeZone);
  return Math.round((Date.parse(`${m.date}T${m.time}:00Z`) - Math.floor(at / 60_000) * 60_000) / 60_000);
}

/**
 * The instant at which local time `time` occurs on local `date` in `timeZone`. A time in a DST gap
 * (it does not exist) is read with the offset from before the gap, so it lands as far after the gap
 * as it was into it (02:15 on Lord Howe's spring day, a 30-minute gap, is 02:45); a time that occurs
 * twice (a fold) is its first occurrence. Offsets are taken a day either side of the wall time, so
 * shifts of any size (30 minutes, 1 hour) and offsets with 30 or 45 minutes (Chatham) are exact.
 */
export function instantOf(date: string, time: string, timeZone: string): Date {
  const wall = Date.parse(`${date}T${time}:00Z`);
  const before = offsetMinutes(wall - 86_400_000, timeZone);
  const after = offsetMinutes(wall + 86_400_000, timeZone);
  const shows = (at: number) => {
    const m = localMoment(new Date(at), timeZone);
    return m.date === date && m.time === time;
  };
  // Both readings that show this wall time; the earlier one first (a fold has two).
  const readings = [...new Set([wall - before * 60_000, wall - after * 60_000])].sort((x, y) => x - y).filter(shows);
  return new Date(readings[0] ?? wall - before * 60_000);
}
