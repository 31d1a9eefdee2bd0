import { sql } from 'drizzle-orm';
import { check, date, foreignKey, index, integer, jsonb, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core';
import { createdAt, tenantKey, updatedAt, type StoredShiftPattern, type VacancyCompetency } from './columns.js';
import { employerLocations, employers } from './employers.js';

/** An employer's future demand, e.g. a distribution centre opening next spring. */
export const growthPlans = pgTable(
  'growth_plans',
  {
    ...tenantKey,
    employerId: uuid('employer_id').notNull(),
    locationId: uuid('location_id'),
    name: text('name').notNull(),
    description: text('description'),
    status: text('status').notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({ columns: [t.tenantId, t.employerId], foreignColumns: [employers.tenantId, employers.id] }),
    foreignKey({ columns: [t.tenantId, t.locationId], foreignColumns: [employerLocations.tenantId, employerLocations.id] }),
    index('growth_plans_employer_idx').on(t.tenantId, t.employerId),
    check('growth_plans_status_check', sql`${t.status} in ('planned', 'in_progress', 'done', 'cancelled')`),
  ],
);

/** One role in a growth plan: how many people, when, in which shifts, with which competencies. */
export const growthPlanRoles = pgTable(
  'growth_plan_roles',
  {
    ...tenantKey,
    growthPlanId: uuid('growth_plan_id').notNull(),
    title: text('title').notNull(),
    occupationUri: text('occupation_uri'),
    headcount: integer('headcount').notNull(),
    expectedDate: date('expected_date', { mode: 'string' }).notNull(),
    hoursMin: integer('hours_min').notNull(),
    hoursMax: integer('hours_max').notNull(),
    shiftPattern: jsonb('shift_pattern').$type<StoredShiftPattern>().notNull(),
    competencies: jsonb('competencies').$type<VacancyCompetency[]>().notNull(),
    trainingLeadTimeWeeks: integer('training_lead_time_weeks').notNull(),
    contractType: text('contract_type').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({ columns: [t.tenantId, t.growthPlanId], foreignColumns: [growthPlans.tenantId, growthPlans.id] }).onDelete('cascade'),
    index('growth_plan_roles_plan_idx').on(t.tenantId, t.growthPlanId),
    check('growth_plan_roles_headcount_check', sql`${t.headcount} >= 1`),
  ],
);
