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
/** Weekdays, Monday first (ISO order); src/schemas/schedule.ts and the search documents use these. */
export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type StoredWeekday = (typeof WEEKDAYS)[number];
/** Day parts, as Dutch employers name their shifts (src/schemas/schedule.ts says when each starts). */
export const DAY_PARTS = ['early', 'day', 'late', 'night'] as const;
export type StoredDayPart = (typeof DAY_PARTS)[number];
export type StoredShiftPattern = {
  kind: 'fixed' | 'rotating';
  shifts: Array<{ dayPart: StoredDayPart; start: string; end: string; weekdays: StoredWeekday[]; required: boolean }>;
  rotation?: { system: '2-shift' | '3-shift' | '5-shift'; cycleWeeks: number } | undefined;
};
export type StoredWeekGrid = Record<StoredWeekday, StoredDayPart[]>;

/** A competency a vacancy (or a growth-plan role) asks for. */
export type VacancyCompetency = { skillUri?: string | undefined; label: string; keptFree?: boolean | undefined; importance: 'must' | 'should' | 'trainable' };

/** With an invitation, how the employer wants to meet: proposed moments, or a call from the Werkplein. */
export type StoredInvitation = { kind: 'times'; times: string[] } | { kind: 'call_me'; phone?: string | undefined };
