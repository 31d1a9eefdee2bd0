import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  date,
  doublePrecision,
  foreignKey,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { candidates } from './candidates.js';
import { createdAt, tenantKey, updatedAt, type StoredInvitation } from './columns.js';
import { employers } from './employers.js';
import { vacancies } from './vacancies.js';

/** A staff-curated list of candidates for one vacancy, offered to the employer "op een presenteerblaadje". */
export const shortlists = pgTable(
  'shortlists',
  {
    ...tenantKey,
    vacancyId: uuid('vacancy_id').notNull(),
    /** The vacancy's employer, kept here so that employer scoping is one filter. */
    employerId: uuid('employer_id').notNull(),
    status: text('status').notNull(),
    noteToEmployer: text('note_to_employer'),
    createdBy: uuid('created_by').notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    sentAt: timestamp('sent_at', { withTimezone: true }),
    sentBy: uuid('sent_by'),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({ columns: [t.tenantId, t.vacancyId], foreignColumns: [vacancies.tenantId, vacancies.id] }),
    foreignKey({ columns: [t.tenantId, t.employerId], foreignColumns: [employers.tenantId, employers.id] }),
    index('shortlists_vacancy_idx').on(t.tenantId, t.vacancyId),
    index('shortlists_employer_idx').on(t.tenantId, t.employerId, t.status),
    check('shortlists_status_check', sql`${t.status} in ('draft', 'sent', 'closed')`),
  ],
);

export type InstrumentOffer = { code: string; name: string; reason: string; source: string };

/** One candidate on a shortlist, with the pitch, the approval (F3) and what the employer was shown. */
export const shortlistCandidates = pgTable(
  'shortlist_candidates',
  {
    ...tenantKey,
    shortlistId: uuid('shortlist_id').notNull(),
    candidateId: uuid('candidate_id').notNull(),
    position: integer('position').notNull(),
    source: text('source').notNull(),
    matchRunId: uuid('match_run_id'),
    matchTotal: doublePrecision('match_total'),
    pitchStrengths: text('pitch_strengths'),
    pitchSupport: text('pitch_support'),
    pitchStartPlan: text('pitch_start_plan'),
    /** Human approval, who and when: required before anything reaches an employer (F3). */
    approvedBy: uuid('approved_by'),
    approvedAt: timestamp('approved_at', { withTimezone: true }),
    /**
     * An admin's recorded decision that this pitch text may go to the employer although it has
     * warnings (words pointing at health, debts, benefits …): who, when and why. Cleared whenever
     * the text changes, so it always covers the text as it stands (issue 11.10).
     */
    pitchOverrideBy: uuid('pitch_override_by'),
    pitchOverrideAt: timestamp('pitch_override_at', { withTimezone: true }),
    pitchOverrideReason: text('pitch_override_reason'),
    /** When the employer could first see this candidate; set only by sending. */
    sharedAt: timestamp('shared_at', { withTimezone: true }),
    /** The minimised employer view as sent (A3): a snapshot, so the employer sees what was approved. */
    employerView: jsonb('employer_view').$type<Record<string, unknown>>(),
    instruments: jsonb('instruments').$type<InstrumentOffer[]>(),
    removedAt: timestamp('removed_at', { withTimezone: true }),
    removedReason: text('removed_reason'),
    identityDisclosed: boolean('identity_disclosed').notNull().default(false),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({ columns: [t.tenantId, t.shortlistId], foreignColumns: [shortlists.tenantId, shortlists.id] }).onDelete('cascade'),
    foreignKey({ columns: [t.tenantId, t.candidateId], foreignColumns: [candidates.tenantId, candidates.id] }).onDelete('cascade'),
    uniqueIndex('shortlist_candidates_unique_key').on(t.tenantId, t.shortlistId, t.candidateId),
    index('shortlist_candidates_candidate_idx').on(t.tenantId, t.candidateId),
    check('shortlist_candidates_source_check', sql`${t.source} in ('ranking', 'manual')`),
    check('shortlist_candidates_approval_check', sql`(${t.approvedBy} is null) = (${t.approvedAt} is null)`),
    check(
      'shortlist_candidates_pitch_override_check',
      sql`(${t.pitchOverrideBy} is null) = (${t.pitchOverrideAt} is null) and (${t.pitchOverrideAt} is null) = (${t.pitchOverrideReason} is null)`,
    ),
    // F3 in the database: nothing is shared without a recorded human approval.
    check('shortlist_candidates_shared_needs_approval', sql`${t.sharedAt} is null or ${t.approvedAt} is not null`),
    check(
      'shortlist_candidates_removed_reason_check',
      sql`${t.removedReason} is null or ${t.removedReason} in ('removed_by_staff', 'consent_withdrawn', 'candidate_unavailable')`,
    ),
  ],
);

/** The employer's answer per candidate: invite, hire or decline, with a structured reason. */
export const employerFeedback = pgTable(
  'employer_feedback',
  {
    ...tenantKey,
    shortlistCandidateId: uuid('shortlist_candidate_id').notNull(),
    decision: text('decision').notNull(),
    reasonCode: text('reason_code'),
    reasonText: text('reason_text'),
    /** With an invite: the moments the employer proposes, or "bel mij" (call me). */
    invitation: jsonb('invitation').$type<StoredInvitation>(),
    /** A decline that points at a protected ground (age, pregnancy, origin, disability …) is flagged to staff. */
    protectedGroundFlag: boolean('protected_ground_flag').notNull().default(false),
    flaggedTerms: text('flagged_terms')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    givenBy: uuid('given_by').notNull(),
    givenAt: timestamp('given_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({ columns: [t.tenantId, t.shortlistCandidateId], foreignColumns: [shortlistCandidates.tenantId, shortlistCandidates.id] }).onDelete('cascade'),
    index('employer_feedback_entry_idx').on(t.tenantId, t.shortlistCandidateId, t.givenAt),
    check('employer_feedback_decision_check', sql`${t.decision} in ('invite', 'hire', 'decline')`),
  ],
);

/** A hire that became work, followed up at 1, 3 and 6 months. */
export const placements = pgTable(
  'placements',
  {
    ...tenantKey,
    candidateId: uuid('candidate_id').notNull(),
    vacancyId: uuid('vacancy_id').notNull(),
    employerId: uuid('employer_id').notNull(),
    shortlistCandidateId: uuid('shortlist_candidate_id'),
    startDate: date('start_date', { mode: 'string' }).notNull(),
    hoursPerWeek: integer('hours_per_week').notNull(),
    contractType: text('contract_type').notNull(),
    contractMonths: integer('contract_months'),
    instrumentsUsed: jsonb('instruments_used').$type<Array<{ code: string; monthlyAmount?: number; months?: number; oneOffAmount?: number }>>().notNull(),
    status: text('status').notNull(),
    endedOn: date('ended_on', { mode: 'string' }),
    endReason: text('end_reason'),
    createdBy: uuid('created_by').notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({ columns: [t.tenantId, t.candidateId], foreignColumns: [candidates.tenantId, candidates.id] }).onDelete('cascade'),
    foreignKey({ columns: [t.tenantId, t.vacancyId], foreignColumns: [vacancies.tenantId, vacancies.id] }),
    foreignKey({ columns: [t.tenantId, t.employerId], foreignColumns: [employers.tenantId, employers.id] }),
    index('placements_employer_idx').on(t.tenantId, t.employerId),
    index('placements_candidate_idx').on(t.tenantId, t.candidateId),
    check('placements_status_check', sql`${t.status} in ('active', 'ended')`),
    check('placements_hours_check', sql`${t.hoursPerWeek} between 1 and 48`),
  ],
);

/** Follow-up checks at 1, 3 and 6 months; each gets a structured outcome. */
export const placementFollowUps = pgTable(
  'placement_follow_ups',
  {
    ...tenantKey,
    placementId: uuid('placement_id').notNull(),
    monthMark: integer('month_mark').notNull(),
    dueOn: date('due_on', { mode: 'string' }).notNull(),
    outcome: text('outcome'),
    dropoutReason: text('dropout_reason'),
    note: text('note'),
    recordedBy: uuid('recorded_by'),
    recordedAt: timestamp('recorded_at', { withTimezone: true }),
    reminderSentAt: timestamp('reminder_sent_at', { withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({ columns: [t.tenantId, t.placementId], foreignColumns: [placements.tenantId, placements.id] }).onDelete('cascade'),
    uniqueIndex('placement_follow_ups_mark_key').on(t.tenantId, t.placementId, t.monthMark),
    index('placement_follow_ups_due_idx').on(t.tenantId, t.dueOn),
    check('placement_follow_ups_mark_check', sql`${t.monthMark} in (1, 3, 6)`),
    check(
      'placement_follow_ups_outcome_check',
      sql`${t.outcome} is null or ${t.outcome} in ('working', 'working_fewer_hours', 'working_elsewhere', 'dropped_out')`,
    ),
    check('placement_follow_ups_dropout_check', sql`(${t.outcome} = 'dropped_out') = (${t.dropoutReason} is not null)`),
  ],
);

/**
 * What each follow-up found, as a history (issue 16.2): append-only (a trigger refuses updates),
 * each entry with who and when; a correction is a new entry that names the entry it corrects. The
 * follow-up row above carries the latest outcome, for reminders, digests and reports.
 */
export const placementFollowUpEntries = pgTable(
  'placement_follow_up_entries',
  {
    ...tenantKey,
    placementId: uuid('placement_id').notNull(),
    monthMark: integer('month_mark').notNull(),
    outcome: text('outcome').notNull(),
    dropoutReason: text('dropout_reason'),
    endedOn: date('ended_on', { mode: 'string' }),
    note: text('note'),
    /** The entry this one corrects; null for the first outcome of a check. */
    correctsId: uuid('corrects_id'),
    recordedBy: uuid('recorded_by').notNull(),
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({ columns: [t.tenantId, t.placementId], foreignColumns: [placements.tenantId, placements.id] }).onDelete('cascade'),
    index('placement_follow_up_entries_placement_idx').on(t.tenantId, t.placementId, t.monthMark, t.recordedAt),
    check('placement_follow_up_entries_mark_check', sql`${t.monthMark} in (1, 3, 6)`),
    check('placement_follow_up_entries_outcome_check', sql`${t.outcome} in ('working', 'working_fewer_hours', 'working_elsewhere', 'dropped_out')`),
    check('placement_follow_up_entries_dropout_check', sql`(${t.outcome} = 'dropped_out') = (${t.dropoutReason} is not null)`),
  ],
);

/**
 * The employer's check-in on its own hire at 1, 3 and 6 months (issue 15.5): two questions, "gaat het
 * goed?" and "is er iets nodig?", answered on the employer pages or through the API. One per month
 * mark; it reaches the person's klantmanager (GET /v1/me/inbox) from this row.
 */
export const placementCheckIns = pgTable(
  'placement_check_ins',
  {
    ...tenantKey,
    placementId: uuid('placement_id').notNull(),
    monthMark: integer('month_mark').notNull(),
    /** "Gaat het goed?": yes, partly, no. */
    goingWell: text('going_well').notNull(),
    /** "Is er iets nodig?" */
    needsSomething: boolean('needs_something').notNull(),
    /** What the employer wrote; read by staff, never shown in the inbox or digests. */
    note: text('note'),
    givenBy: uuid('given_by').notNull(),
    givenAt: timestamp('given_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({ columns: [t.tenantId, t.placementId], foreignColumns: [placements.tenantId, placements.id] }).onDelete('cascade'),
    uniqueIndex('placement_check_ins_mark_key').on(t.tenantId, t.placementId, t.monthMark),
    check('placement_check_ins_mark_check', sql`${t.monthMark} in (1, 3, 6)`),
    check('placement_check_ins_going_well_check', sql`${t.goingWell} in ('yes', 'partly', 'no')`),
  ],
);
