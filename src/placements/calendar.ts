/*
 * Calendar dates (YYYY-MM-DD) as people in the Netherlands count them. Pure; the instant is passed in.
 */

const amsterdam = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam', year: 'numeric', month: '2-digit', day: '2-digit' });

/** The calendar day in the Netherlands at an instant. */
export function amsterdamDate(instant: Date): string {
  return amsterdam.format(instant);
}

function parts(day: string): [number, number, number] {
  return day.split('-').map(Number) as [number, number, number];
}

function format(year: number, month: number, dayOfMonth: number): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(dayOfMonth).padStart(2, '0')}`;
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** The same day `months` later; a day that does not exist there becomes the month's last (31 Jan + 1 → 28/29 Feb). */
export function addMonths(day: string, months: number): string {
  const [year, month, dayOfMonth] = parts(day);
  const index = year * 12 + (month - 1) + months;
  const nextYear = Math.floor(index / 12);
  const nextMonth = (index % 12) + 1;
  return format(nextYear, nextMonth, Math.min(dayOfMonth, daysInMonth(nextYear, nextMonth)));
}

/** Whole months from `from` to `to` (0 when `to` is not later). */
export function wholeMonthsBetween(from: string, to: string): number {
  if (to <= from) return 0;
  const [fy, fm] = parts(from);
  const [ty, tm] = parts(to);
  let months = (ty - fy) * 12 + (tm - fm);
  if (addMonths(from, months) > to) months -= 1;
  return Math.max(0, months);
}

/** Follow-up checks after a start: 1, 3 and 6 months. */
export const FOLLOW_UP_MONTHS = [1, 3, 6] as const;
export type FollowUpMark = (typeof FOLLOW_UP_MONTHS)[number];

/** When each follow-up is due, from the start date. */
export function followUpDueDates(startDate: string): Array<{ monthMark: FollowUpMark; dueOn: string }> {
  return FOLLOW_UP_MONTHS.map((monthMark) => ({ monthMark, dueOn: addMonths(startDate, monthMark) }));
}

/** A follow-up can be recorded this many days before it is due, never earlier (issue 16.2). */
export const FOLLOW_UP_EARLY_DAYS = 5;

/** The day `days` later (or earlier, when negative). */
export function addDays(day: string, days: number): string {
  const [year, month, dayOfMonth] = parts(day);
  const date = new Date(Date.UTC(year, month - 1, dayOfMonth + days));
  return format(date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate());
}

/** From which day a follow-up's outcome can be recorded: a few days before it is due, and never before the start. */
export function followUpOpensOn({ dueOn, startDate }: { dueOn: string; startDate: string }): string {
  const early = addDays(dueOn, -FOLLOW_UP_EARLY_DAYS);
  return early > startDate ? early : startDate;
}
