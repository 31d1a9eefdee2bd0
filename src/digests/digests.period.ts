/*
 * Digest periods, counted on the recipient's wall clock (Europe/Amsterdam). Pure: the instant is
 * passed in. A period has a key (`2026-11-25` for daily, `2026-W48` for weekly, ISO 8601 weeks) and a
 * due instant (the subscription's weekday and hour in that period). The key is what makes a digest
 * go out once per period: digest_deliveries is unique on (subscription, period key).
 *
 * Daylight saving: an hour that does not exist (the spring gap, 02:00–03:00 on the last Sunday of
 * March) moves forward to the first hour after the gap; an hour that occurs twice (the autumn
 * overlap) is taken at its first occurrence. Either way one instant per period.
 */

export type Frequency = 'daily' | 'weekly';

/** What a period depends on: the subscription's schedule. */
export type Schedule = {
  frequency: Frequency;
  /** ISO weekday 1 (Monday) … 7 (Sunday); weekly only. */
  weekday: number | null;
  /** Hour of the day, 0–23, on the wall clock of `timezone`. */
  hour: number;
  timezone: string;
};

export type Period = {
  key: string;
  /** When the digest of this period is due. */
  dueAt: Date;
  /** When the previous period's digest was due: where a first digest starts. */
  previousDueAt: Date;
};

type LocalDate = { year: number; month: number; day: number };
type LocalParts = LocalDate & { hour: number; minute: number; second: number; isoWeekday: number };

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timezone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timezone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone: timezone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
      weekday: 'short',
    });
    formatters.set(timezone, formatter);
  }
  return formatter;
}

const WEEKDAY_NUMBERS: Record<string, number> = { Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6, Sun: 7 };

/** The wall-clock date and time in `timezone` at an instant. */
export function localParts(instant: Date, timezone: string): LocalParts {
  const values: Record<string, string> = {};
  for (const part of formatterFor(timezone).formatToParts(instant)) values[part.type] = part.value;
  return {
    year: Number(values.year),
    month: Number(values.month),
    day: Number(values.day),
    hour: Number(values.hour),
    minute: Number(values.minute),
    second: Number(values.second),
    isoWeekday: WEEKDAY_NUMBERS[values.weekday ?? ''] ?? 1,
  };
}

/** How far the wall clock of `timezone` is ahead of UTC at an instant, in ms. */
function offsetMs(instant: number, timezone: string): number {
  const local = localParts(new Date(instant), timezone);
  const asUtc = Date.UTC(local.year, local.month - 1, local.day, local.hour, local.minute, local.second);
  return asUtc - Math.floor(instant / 1000) * 1000;
}

/** The instant at which the wall clock of `timezone` shows `date` at `hour`:00 (see the DST rules above). */
export function localTimeToInstant(date: LocalDate, hour: number, timezone: string): Date {
  const asUtc = Date.UTC(date.year, date.month - 1, date.day, hour);
  const DAY = 86_400_000;
  const offsets = [...new Set([offsetMs(asUtc - DAY, timezone), offsetMs(asUtc + DAY, timezone)])];
  const matches = offsets
    .map((offset) => asUtc - offset)
    .filter((instant) => {
      const local = localParts(new Date(instant), timezone);
      return local.year === date.year && local.month === date.month && local.day === date.day && local.hour === hour;
    })
    .sort((a, b) => a - b);
  // No match: the hour falls in the spring gap; read it with the offset before the gap (02:00 → 03:00).
  return new Date(matches[0] ?? asUtc - offsets[0]!);
}

/** Calendar arithmetic on dates, through UTC so that no time zone interferes. */
export function addDays(date: LocalDate, days: number): LocalDate {
  const moved = new Date(Date.UTC(date.year, date.month - 1, date.day + days));
  return { year: moved.getUTCFullYear(), month: moved.getUTCMonth() + 1, day: moved.getUTCDate() };
}

function isoWeekdayOf(date: LocalDate): number {
  const day = new Date(Date.UTC(date.year, date.month - 1, date.day)).getUTCDay();
  return day === 0 ? 7 : day;
}

/** ISO 8601 week of a date: the week with the year's first Thursday is week 1. */
export function isoWeek(date: LocalDate): { isoYear: number; week: number } {
  const thursday = addDays(date, 4 - isoWeekdayOf(date));
  const firstOfYear = Date.UTC(thursday.year, 0, 1);
  const week = Math.floor((Date.UTC(thursday.year, thursday.month - 1, thursday.day) - firstOfYear) / (7 * 86_400_000)) + 1;
  return { isoYear: thursday.year, week };
}

/** Monday of an ISO week. */
function mondayOf(isoYear: number, week: number): LocalDate {
  const january4 = { year: isoYear, month: 1, day: 4 };
  return addDays(january4, (week - 1) * 7 - (isoWeekdayOf(january4) - 1));
}

const pad = (value: number, width = 2) => String(value).padStart(width, '0');

export function formatDate(date: LocalDate): string {
  return `${pad(date.year, 4)}-${pad(date.month)}-${pad(date.day)}`;
}

function parseDate(text: string): LocalDate {
  const [year, month, day] = text.split('-').map(Number) as [number, number, number];
  return { year, month, day };
}

function weekKey(isoYear: number, week: number): string {
  return `${pad(isoYear, 4)}-W${pad(week)}`;
}

/** The day on which a period's digest is due. */
function dueDate(schedule: Schedule, key: string): LocalDate {
  if (schedule.frequency === 'daily') return parseDate(key);
  const match = /^(\d{4})-W(\d{2})$/.exec(key);
  if (!match) throw new Error(`not a weekly period key: ${key}`);
  return addDays(mondayOf(Number(match[1]), Number(match[2])), (schedule.weekday ?? 1) - 1);
}

const DAILY_KEY = /^\d{4}-\d{2}-\d{2}$/;
const WEEKLY_KEY = /^\d{4}-W\d{2}$/;

/** Does `key` name a period of this schedule's kind? */
export function isPeriodKeyOf(schedule: Pick<Schedule, 'frequency'>, key: string): boolean {
  return schedule.frequency === 'daily' ? DAILY_KEY.test(key) : WEEKLY_KEY.test(key);
}

/** A period from its key (as carried in a job), with its due instants under the current schedule. */
export function periodFromKey(schedule: Schedule, key: string): Period {
  const date = dueDate(schedule, key);
  const step = schedule.frequency === 'daily' ? 1 : 7;
  return {
    key,
    dueAt: localTimeToInstant(date, schedule.hour, schedule.timezone),
    previousDueAt: localTimeToInstant(addDays(date, -step), schedule.hour, schedule.timezone),
  };
}

/** The period that `now` falls in (the local day, or the local ISO week). */
export function currentPeriod(schedule: Schedule, now: Date): Period {
  const local = localParts(now, schedule.timezone);
  if (schedule.frequency === 'daily') return periodFromKey(schedule, formatDate(local));
  const { isoYear, week } = isoWeek(local);
  return periodFromKey(schedule, weekKey(isoYear, week));
}

/**
 * The period whose digest is due at `now`, if any: the current period once its due instant has
 * passed. A period whose due instant lies before the subscription was made is not owed (someone
 * who subscribes on Wednesday to a Monday digest gets the first one next Monday).
 */
export function duePeriod(schedule: Schedule, now: Date, subscribedAt: Date): Period | undefined {
  const period = currentPeriod(schedule, now);
  if (period.dueAt.getTime() > now.getTime() || period.dueAt.getTime() < subscribedAt.getTime()) return undefined;
  return period;
}

/** The calendar date in `timezone` at an instant, YYYY-MM-DD. */
export function localDate(instant: Date, timezone: string): string {
  return formatDate(localParts(instant, timezone));
}

/** The period after `period` (the next day, or the next ISO week). */
export function followingPeriod(schedule: Schedule, period: Period): Period {
  const next = addDays(dueDate(schedule, period.key), schedule.frequency === 'daily' ? 1 : 7);
  if (schedule.frequency === 'daily') return periodFromKey(schedule, formatDate(next));
  const { isoYear, week } = isoWeek(next);
  return periodFromKey(schedule, weekKey(isoYear, week));
}
