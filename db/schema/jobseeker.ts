import { sql } from 'drizzle-orm';
import { check, foreignKey, index, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { candidates } from './candidates.js';
import { tenantKey } from './columns.js';
import { users } from './users.js';
import { vacancies } from './vacancies.js';

/*
 * The jobseeker's own page (issue 17, point 6): what the klantmanager discussed with them, and the
 * corrections they propose to their own wishes and availability, which the klantmanager confirms.
 * Both are the person's data: exported with it and erased with it.
 */

/** A vacancy the klantmanager discussed with the jobseeker; the page shows it with its rekentool. */
export const discussedVacancies = pgTable(
  'discussed_vacancies',
  {
    tenantId: uuid('tenant_id').notNull(),
    candidateId: uuid('candidate_id').notNull(),
    vacancyId: uuid('vacancy_id').notNull(),
    discussedAt: timestamp('discussed_at', { withTimezone: true }).notNull(),
    discussedBy: uuid('discussed_by').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.candidateId, t.vacancyId] }),
    foreignKey({ columns: [t.tenantId, t.candidateId], foreignColumns: [candidates.tenantId, candidates.id] }).onDelete('cascade'),
    foreignKey({ columns: [t.tenantId, t.vacancyId], foreignColumns: [vacancies.tenantId, vacancies.id] }),
    foreignKey({ columns: [t.tenantId, t.discussedBy], foreignColumns: [users.tenantId, users.id] }),
  ],
);

/** A change the jobseeker proposes to their wishes or availability; nothing changes until staff accept it. */
export const profileChangeProposals = pgTable(
  'profile_change_proposals',
  {
    ...tenantKey,
    candidateId: uuid('candidate_id').notNull(),
    /** The proposed values, in the shape of the profile update (workWishes, availability, hoursNow, hoursTarget, rampUpPlan). */
    changes: jsonb('changes').$type<Record<string, unknown>>().notNull(),
    /** In the person's own words: why. */
    note: text('note'),
    status: text('status').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    decidedBy: uuid('decided_by'),
    decisionNote: text('decision_note'),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({ columns: [t.tenantId, t.candidateId], foreignColumns: [candidates.tenantId, candidates.id] }).onDelete('cascade'),
    foreignKey({ columns: [t.tenantId, t.decidedBy], foreignColumns: [users.tenantId, users.id] }),
    index('profile_change_proposals_candidate_idx').on(t.tenantId, t.candidateId, t.status),
    check('profile_change_proposals_status_check', sql`${t.status} in ('pending', 'accepted', 'rejected')`),
    check('profile_change_proposals_decision_check', sql`(${t.status} = 'pending') = (${t.decidedAt} is null)`),
  ],
);
