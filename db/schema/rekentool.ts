import { sql } from 'drizzle-orm';
import { check, date, foreignKey, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { candidates } from './candidates.js';
import { createdAt, tenantKey } from './columns.js';
import { tenants } from './tenants.js';
import { users } from './users.js';

/*
 * The rekentool (issue 17). Two tables, both apart from the profile and the matcher:
 *   - income_rule_sets: the rules per tenant and period as versioned data; a change is a new row
 *     (append-only: a trigger refuses update and delete), and every calculation names the rows it used;
 *   - candidate_households: the household situation, asked only for the calculation, never read by
 *     ranking, search or employers, and erased with the person.
 */

/** One version of the rules of one period (1 January or 1 July) of one Werkplein. */
export const incomeRuleSets = pgTable(
  'income_rule_sets',
  {
    ...tenantKey,
    validFrom: date('valid_from', { mode: 'string' }).notNull(),
    /** 1, 2, … per tenant and period; version 0 is the published default that ships with Kansrijk. */
    version: integer('version').notNull(),
    /** The rule set as in src/rekentool/rekentool.rules.ts (validated on the way in and out). */
    rules: jsonb('rules').$type<Record<string, unknown>>().notNull(),
    reason: text('reason').notNull(),
    createdBy: uuid('created_by').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({ columns: [t.tenantId], foreignColumns: [tenants.id] }),
    foreignKey({ columns: [t.tenantId, t.createdBy], foreignColumns: [users.tenantId, users.id] }),
    uniqueIndex('income_rule_sets_period_version_key').on(t.tenantId, t.validFrom, t.version),
    check('income_rule_sets_period_check', sql`extract(day from ${t.validFrom}) = 1 and extract(month from ${t.validFrom}) in (1, 7)`),
    check('income_rule_sets_version_check', sql`${t.version} >= 1`),
  ],
);

/** The household situation of one person, for the rekentool only. */
export const candidateHouseholds = pgTable(
  'candidate_households',
  {
    tenantId: uuid('tenant_id').notNull(),
    candidateId: uuid('candidate_id').notNull(),
    situation: text('situation').notNull(),
    /** Housemates of 27 or older who make the cost-sharers' norm apply (0: none). */
    costSharers: integer('cost_sharers').notNull(),
    ageGroup: text('age_group').notNull(),
    /** The partner's net monthly income in cents (exact money); 0 without a partner. */
    partnerNetMonthlyIncomeCents: integer('partner_net_monthly_income_cents').notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
    updatedBy: uuid('updated_by').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.candidateId] }),
    foreignKey({ columns: [t.tenantId, t.candidateId], foreignColumns: [candidates.tenantId, candidates.id] }).onDelete('cascade'),
    check('candidate_households_situation_check', sql`${t.situation} in ('single', 'single_parent', 'partners')`),
    check('candidate_households_age_group_check', sql`${t.ageGroup} in ('21_to_26', '27_to_pension_age')`),
    check('candidate_households_cost_sharers_check', sql`${t.costSharers} between 0 and 9`),
    check(
      'candidate_households_partner_income_check',
      sql`${t.partnerNetMonthlyIncomeCents} between 0 and 2000000 and (${t.situation} = 'partners' or ${t.partnerNetMonthlyIncomeCents} = 0)`,
    ),
  ],
);
