import { sql } from 'drizzle-orm';
import { boolean, check, date, foreignKey, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, tenantKey, updatedAt, type StoredShiftPattern, type VacancyCompetency } from './columns.js';
import { employerLocations, employers } from './employers.js';
import { growthPlanRoles } from './growth-plans.js';

export type { VacancyCompetency } from './columns.js';
export type VacancyTraining = { title: string; durationWeeks?: number | undefined; leadsToCertificate?: string | undefined };
/** Gross pay in euros, per hour, month or year (schema.org baseSalary). */
export type VacancySalary = { min: number; max: number; period: 'HOUR' | 'MONTH' | 'YEAR' };
export type RequiredCredential = (
  { type: 'driving_licence'; category: string; legalGround: string } | { type: 'certificate'; name: string; legalGround: string }
) & {
  /** Weeks it takes to get; when the start leaves that much time, missing it makes a match conditional. */
  obtainableWithinWeeks?: number | undefined;
};

export const vacancies = pgTable(
  'vacancies',
  {
    ...tenantKey,
    employerId: uuid('employer_id').notNull(),
    locationId: uuid('location_id').notNull(),
    title: text('title').notNull(),
    occupationUri: text('occupation_uri'),
    description: text('description'),
    hoursMin: integer('hours_min').notNull(),
    hoursMax: integer('hours_max').notNull(),
    /** null: no ramp-up start possible. */
    rampUpFromHours: integer('ramp_up_from_hours'),
    shiftPattern: jsonb('shift_pattern').$type<StoredShiftPattern>().notNull(),
    /** Derived from the shift pattern, for filtering: day parts worked. */
    dayParts: text('day_parts').array().notNull(),
    weekendWork: boolean('weekend_work').notNull(),
    nightWork: boolean('night_work').notNull(),
    contractType: text('contract_type').notNull(),
    startDate: date('start_date', { mode: 'string' }),
    positions: integer('positions').notNull(),
    competencies: jsonb('competencies').$type<VacancyCompetency[]>().notNull(),
    trainingOffered: jsonb('training_offered').$type<VacancyTraining[]>().notNull(),
    supportOffered: text('support_offered').array().notNull(),
    requiredCredentials: jsonb('required_credentials').$type<RequiredCredential[]>().notNull(),
    status: text('status').notNull(),
    /**
     * When the vacancy became open: at creation when posted as open, or when it moved draft → open.
     * Never changed afterwards (not by edits, nor by filled/closed); null while it was never open.
     * What "new vacancy" means in digests, not created_at (a draft can be opened weeks later).
     */
    openedAt: timestamp('opened_at', { withTimezone: true }),
    /** Set when the vacancy was drafted from a growth-plan role. */
    growthPlanRoleId: uuid('growth_plan_role_id'),
    /** The employer lets the Werkplein publish it as a schema.org JobPosting while it is open (issue 19.3). */
    public: boolean('public').notNull().default(false),
    /** Last day people can respond (schema.org validThrough); null: until filled or closed. */
    validThrough: date('valid_through', { mode: 'string' }),
    /** Gross pay in euros; null: not given. */
    salary: jsonb('salary').$type<VacancySalary>(),
    /**
     * Where an imported vacancy came from: the JobPosting's identifier or url (or a hash of it), so
     * that importing the same file again adds nothing. Null for vacancies posted in Kansrijk.
     */
    sourceKey: text('source_key'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({ columns: [t.tenantId, t.employerId], foreignColumns: [employers.tenantId, employers.id] }),
    foreignKey({ columns: [t.tenantId, t.locationId], foreignColumns: [employerLocations.tenantId, employerLocations.id] }),
    foreignKey({ columns: [t.tenantId, t.growthPlanRoleId], foreignColumns: [growthPlanRoles.tenantId, growthPlanRoles.id] }),
    index('vacancies_status_idx').on(t.tenantId, t.status, t.id),
    index('vacancies_employer_idx').on(t.tenantId, t.employerId, t.id),
    uniqueIndex('vacancies_growth_plan_role_key').on(t.tenantId, t.growthPlanRoleId),
    uniqueIndex('vacancies_source_key').on(t.tenantId, t.employerId, t.sourceKey),
    // The public feed per tenant: open vacancies its employers marked public.
    index('vacancies_public_idx')
      .on(t.tenantId, t.id)
      .where(sql`${t.public} and ${t.status} = 'open'`),
    check('vacancies_status_check', sql`${t.status} in ('draft', 'open', 'filled', 'closed')`),
    check('vacancies_hours_check', sql`${t.hoursMin} between 1 and 48 and ${t.hoursMax} between ${t.hoursMin} and 48`),
    check('vacancies_ramp_up_check', sql`${t.rampUpFromHours} is null or ${t.rampUpFromHours} < ${t.hoursMin}`),
    check('vacancies_positions_check', sql`${t.positions} >= 1`),
  ],
);
