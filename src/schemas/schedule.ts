import { z } from 'zod';
import { DAY_PARTS, WEEKDAYS, type StoredShiftPattern, type StoredWeekGrid } from '../../db/schema/columns.js';
import { addRuleIssue } from './messages.js';

// WEEKDAYS and DAY_PARTS are stored values: defined in db/schema/columns.ts (the search documents use them too).
export { DAY_PARTS, WEEKDAYS };
export type Weekday = (typeof WEEKDAYS)[number];
export const weekdaySchema = z.enum(WEEKDAYS).describe('Weekday: mon … sun');

/**
 * Day parts, as Dutch employers name their shifts: early (vroege dienst, starts 04–08),
 * day (dagdienst, starts 07–12), late (late dienst or avond, starts 11–20), night (nachtdienst, starts 20–03).
 */
export type DayPart = (typeof DAY_PARTS)[number];
export const dayPartSchema = z.enum(DAY_PARTS).describe('Day part: early, day, late or night');

const timeOfDay = z
  .string()
  .max(5)
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'use HH:MM, e.g. 06:00')
  .describe('Local time HH:MM (Europe/Amsterdam)');

function minutes(time: string): number {
  const [h, m] = time.split(':').map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
}

/** Start-time windows per day part (minutes after midnight; night may start before or after midnight). */
const START_WINDOWS: Record<DayPart, Array<[number, number]>> = {
  early: [[4 * 60, 8 * 60]],
  day: [[7 * 60, 12 * 60 + 1]],
  late: [[11 * 60, 20 * 60]],
  night: [
    [20 * 60, 24 * 60],
    [0, 3 * 60],
  ],
};

export const shiftSchema = z.strictObject({
  dayPart: dayPartSchema,
  start: timeOfDay.describe('Start time of the shift, HH:MM'),
  end: timeOfDay.describe('End time of the shift, HH:MM; a night shift ends the next morning'),
  weekdays: z.array(weekdaySchema).min(1).max(7).describe('Weekdays on which this shift is worked'),
  required: z.boolean().default(true).describe('true: the vacancy cannot do without someone on this shift; false: it is optional'),
});
export type Shift = z.infer<typeof shiftSchema>;

export const ROTATION_SYSTEMS = ['2-shift', '3-shift', '5-shift'] as const;

/** A structured shift pattern: fixed shifts, or a rotating 2-, 3- or 5-shift system with its cycle. */
export const shiftPatternSchema = z
  .strictObject({
    kind: z.enum(['fixed', 'rotating']).describe('fixed: the same shifts every week; rotating: a shift system'),
    shifts: z.array(shiftSchema).min(1).max(28).describe('The shifts worked; for a rotation, every shift in the cycle'),
    rotation: z
      .strictObject({
        system: z.enum(ROTATION_SYSTEMS).describe('2-shift (early/late), 3-shift (early/late/night), 5-shift (continuous)'),
        cycleWeeks: z.int().min(1).max(12).describe('Length of the rotation cycle in weeks'),
      })
      .optional()
      .describe('Required when kind is rotating'),
  })
  .superRefine((pattern, ctx) => {
    pattern.shifts.forEach((shift, index) => {
      const start = minutes(shift.start);
      const end = minutes(shift.end);
      if (start === end) {
        addRuleIssue(ctx, ['shifts', index, 'end'], 'shift.zero_length');
      }
      const fits = START_WINDOWS[shift.dayPart].some(([from, to]) => start >= from && start < to);
      if (!fits) {
        addRuleIssue(ctx, ['shifts', index, 'start'], 'shift.start_mismatch', { start: shift.start, dayPart: shift.dayPart });
      }
      if (new Set(shift.weekdays).size !== shift.weekdays.length) {
        addRuleIssue(ctx, ['shifts', index, 'weekdays'], 'list.duplicates');
      }
    });
    if (pattern.kind === 'rotating' && !pattern.rotation) {
      addRuleIssue(ctx, ['rotation'], 'rotation.missing');
    }
    if (pattern.kind === 'fixed' && pattern.rotation) {
      addRuleIssue(ctx, ['rotation'], 'rotation.unexpected');
    }
    if (pattern.rotation) {
      const parts = new Set(pattern.shifts.map((shift) => shift.dayPart));
      const needed: DayPart[] = pattern.rotation.system === '2-shift' ? ['early', 'late'] : ['early', 'late', 'night'];
      const missing = needed.filter((part) => !parts.has(part));
      if (missing.length > 0) {
        addRuleIssue(ctx, ['shifts'], 'rotation.shifts_missing', { system: pattern.rotation.system, missing: missing.join(', ') });
      }
    }
  });
export type ShiftPattern = z.infer<typeof shiftPatternSchema>;

/** A week grid of day parts: for each weekday the day parts that apply. */
export const weekGridSchema = z
  .strictObject(
    Object.fromEntries(WEEKDAYS.map((day) => [day, z.array(dayPartSchema).max(4).default([])])) as Record<
      Weekday,
      z.ZodDefault<z.ZodArray<typeof dayPartSchema>>
    >,
  )
  .describe('Per weekday the day parts (early, day, late, night)');
export type WeekGrid = Record<Weekday, DayPart[]>;

/** True when A and B are the same type; `Expect` rejects anything else at compile time. */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Expect<T extends true> = T;
/** db/schema writes these shapes out itself (it imports nothing from src/): they must stay equal. */
export type StoredShiftPatternMatches = Expect<Same<ShiftPattern, StoredShiftPattern>>;
export type StoredWeekGridMatches = Expect<Same<WeekGrid, StoredWeekGrid>>;

/** What a shift pattern asks, flattened: every (weekday, day part) slot, and which of them are required. */
export function summariseShiftPattern(pattern: ShiftPattern): {
  dayParts: DayPart[];
  weekdays: Weekday[];
  requiredSlots: WeekGrid;
  allSlots: WeekGrid;
  weekendWork: boolean;
  nightWork: boolean;
} {
  const emptyGrid = (): WeekGrid => Object.fromEntries(WEEKDAYS.map((day) => [day, [] as DayPart[]])) as WeekGrid;
  const requiredSlots = emptyGrid();
  const allSlots = emptyGrid();
  for (const shift of pattern.shifts) {
    for (const day of shift.weekdays) {
      if (!allSlots[day].includes(shift.dayPart)) allSlots[day].push(shift.dayPart);
      if (shift.required && !requiredSlots[day].includes(shift.dayPart)) requiredSlots[day].push(shift.dayPart);
    }
  }
  const dayParts = DAY_PARTS.filter((part) => pattern.shifts.some((shift) => shift.dayPart === part));
  const weekdays = WEEKDAYS.filter((day) => allSlots[day].length > 0);
  return {
    dayParts,
    weekdays,
    requiredSlots,
    allSlots,
    weekendWork: allSlots.sat.length > 0 || allSlots.sun.length > 0,
    nightWork: dayParts.includes('night'),
  };
}
