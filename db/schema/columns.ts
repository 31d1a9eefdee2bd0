import { timestamp, uuid } from 'drizzle-orm/pg-core';

/** Every tenant-owned table starts with these: the tenant is the distribution column (Citus-ready). */
export const tenantKey = {
  tenantId: uuid('tenant_id').notNull(),
  id: uuid('id').notNull(),
};

export const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();
export const updatedAt = () => timestamp('updated_at', { withTimezone: true }).notNull().defaultNow();

/*
 * Stored shapes of the schedule columns (shift patterns, week grids). db/ imports nothing from src/,
 * so they are written out here; src/schemas/schedule.ts fails the type check when its zod schemas
 * would produce anything else.
 */
export type StoredWeekday = 'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat' | 'sun';
export type StoredDayPart = 'early' | 'day' | 'late' | 'night';
export type StoredShiftPattern = {
  kind: 'fixed' | 'rotating';
  shifts: Array<{ dayPart: StoredDayPart; start: string; end: string; weekdays: StoredWeekday[]; required: boolean }>;
  rotation?: { system: '2-shift' | '3-shift' | '5-shift'; cycleWeeks: number } | undefined;
};
export type StoredWeekGrid = Record<StoredWeekday, StoredDayPart[]>;

/** With an invitation, how the employer wants to meet: proposed moments, or a call from the Werkplein. */
export type StoredInvitation =
  | { kind: 'times'; times: string[] }
  | { kind: 'call_me'; phone?: string | undefined };
