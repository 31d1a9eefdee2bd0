import { sql } from 'drizzle-orm';
import {
  bigint,
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
import { createdAt, tenantKey, updatedAt, type StoredWeekGrid } from './columns.js';
import { tenants } from './tenants.js';
import { users } from './users.js';

/*
 * Jobseekers. The candidate row is pseudonymous (a reference, a postcode area, an account manager);
 * contact data lives apart in candidate_contacts, special-category data (barriers) apart in
 * candidate_barriers, audit attributes for fairness reports apart in candidate_audit_attributes.
 */

export const candidates = pgTable(
  'candidates',
  {
    ...tenantKey,
    /** Human-readable pseudonymous reference, e.g. KR-000123. */
    reference: text('reference').notNull(),
    status: text('status').notNull(),
    accountManagerId: uuid('account_manager_id'),
    /** Postcode area of home (PC4); turned into a point for travel times, never a ranking input itself. */
    postcode4: text('postcode4').notNull(),
    homeLatitude: doublePrecision('home_latitude'),
    homeLongitude: doublePrecision('home_longitude'),
    municipality: text('municipality'),
    /** The person's client number in the municipality's case system (CSV import, issue 19.4); never the BSN. Erased with the row. */
    sourceKey: text('source_key'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({ columns: [t.tenantId], foreignColumns: [tenants.id] }),
    uniqueIndex('candidates_source_key').on(t.tenantId, t.sourceKey),
    foreignKey({ columns: [t.tenantId, t.accountManagerId], foreignColumns: [users.tenantId, users.id] }),
    uniqueIndex('candidates_reference_key').on(t.tenantId, t.reference),
    index('candidates_account_manager_idx').on(t.tenantId, t.accountManagerId),
    index('candidates_status_idx').on(t.tenantId, t.status, t.id),
    check('candidates_status_check', sql`${t.status} in ('active', 'paused', 'placed', 'participation_route')`),
    check('candidates_pc4_check', sql`${t.postcode4} ~ '^[1-9][0-9]{3}$'`),
  ],
);

/** Contact data, kept apart from the profile: never in the search index, never to employers before consent. */
export const candidateContacts = pgTable(
  'candidate_contacts',
  {
    tenantId: uuid('tenant_id').notNull(),
    candidateId: uuid('candidate_id').notNull(),
    givenName: text('given_name').notNull(),
    familyName: text('family_name').notNull(),
    email: text('email'),
    phone: text('phone'),
    street: text('street'),
    houseNumber: text('house_number'),
    postcode: text('postcode'),
    city: text('city'),
    /** For instrument eligibility only (e.g. LKV); never a matching input. */
    dateOfBirth: date('date_of_birth', { mode: 'string' }),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.candidateId] }),
    foreignKey({ columns: [t.tenantId, t.candidateId], foreignColumns: [candidates.tenantId, candidates.id] }).onDelete('cascade'),
  ],
);

export type ProfileCompetency = {
  skillUri?: string | undefined;
  label: string;
  keptFree?: boolean | undefined;
  level: 1 | 2 | 3 | 4;
  evidence: 'self_reported' | 'observed' | 'work_experience' | 'volunteer_work' | 'certificate';
  note?: string | undefined;
};
export type ProfileExperience = {
  kind: 'paid' | 'volunteer' | 'informal' | 'care';
  title: string;
  description?: string | undefined;
  months?: number | undefined;
};
export type ProfileMobility = { modes: string[]; drivingLicences: string[]; maxTravelMinutes: number };
export type ProfileWorkWishes = { occupationUris: string[]; titles: string[]; sectors: string[]; notes?: string | undefined };

/** The profile derived from the latest intake and kept current by staff. */
export const candidateProfiles = pgTable(
  'candidate_profiles',
  {
    tenantId: uuid('tenant_id').notNull(),
    candidateId: uuid('candidate_id').notNull(),
    version: integer('version').notNull().default(1),
    /** The intake it was last derived from, and that intake's questionnaire version. */
    intakeId: uuid('intake_id'),
    questionnaireVersion: text('questionnaire_version'),
    workWishes: jsonb('work_wishes').$type<ProfileWorkWishes>(),
    experience: jsonb('experience').$type<ProfileExperience[]>(),
    competencies: jsonb('competencies').$type<ProfileCompetency[]>(),
    availability: jsonb('availability').$type<StoredWeekGrid>(),
    hoursNow: integer('hours_now'),
    hoursTarget: integer('hours_target'),
    rampUpPlan: integer('ramp_up_plan').array(),
    mobility: jsonb('mobility').$type<ProfileMobility>(),
    certificates: text('certificates').array(),
    educationLevel: integer('education_level'),
    diplomas: jsonb('diplomas').$type<Array<{ name: string; level: number; year?: number | undefined }>>(),
    updatedAt: updatedAt(),
    updatedBy: uuid('updated_by'),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.candidateId] }),
    foreignKey({ columns: [t.tenantId, t.candidateId], foreignColumns: [candidates.tenantId, candidates.id] }).onDelete('cascade'),
  ],
);

/** Motivation and learning ability (potential) as evidenced assessments: 1–5, by whom, when, on what. */
export const candidateAssessments = pgTable(
  'candidate_assessments',
  {
    ...tenantKey,
    candidateId: uuid('candidate_id').notNull(),
    kind: text('kind').notNull(),
    score: integer('score').notNull(),
    evidence: text('evidence').notNull(),
    assessedBy: uuid('assessed_by').notNull(),
    assessedAt: timestamp('assessed_at', { withTimezone: true }).notNull(),
    intakeId: uuid('intake_id'),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({ columns: [t.tenantId, t.candidateId], foreignColumns: [candidates.tenantId, candidates.id] }).onDelete('cascade'),
    index('candidate_assessments_candidate_idx').on(t.tenantId, t.candidateId, t.kind, t.assessedAt),
    check('candidate_assessments_kind_check', sql`${t.kind} in ('motivation', 'potential')`),
    check('candidate_assessments_score_check', sql`${t.score} between 1 and 5`),
  ],
);

/**
 * Barriers per life domain (special-category data): visible to the assigned account manager and
 * admins only, every read logged. One row per domain; solvable ones carry the agreed action.
 */
export const candidateBarriers = pgTable(
  'candidate_barriers',
  {
    ...tenantKey,
    candidateId: uuid('candidate_id').notNull(),
    domain: text('domain').notNull(),
    severity: text('severity').notNull(),
    solvable: boolean('solvable').notNull(),
    description: text('description'),
    action: text('action'),
    actionOwner: text('action_owner'),
    actionStatus: text('action_status'),
    actionDoneAt: timestamp('action_done_at', { withTimezone: true }),
    /** A travel mode the action makes available, e.g. 'bike' for "fiets regelen". */
    unlocksMode: text('unlocks_mode'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({ columns: [t.tenantId, t.candidateId], foreignColumns: [candidates.tenantId, candidates.id] }).onDelete('cascade'),
    uniqueIndex('candidate_barriers_domain_key').on(t.tenantId, t.candidateId, t.domain),
    check(
      'candidate_barriers_domain_check',
      sql`${t.domain} in ('health', 'finances', 'childcare', 'housing', 'language', 'digital_skills', 'mobility', 'care_duties')`,
    ),
    check('candidate_barriers_severity_check', sql`${t.severity} in ('light', 'moderate', 'severe')`),
    check('candidate_barriers_action_status_check', sql`${t.actionStatus} is null or ${t.actionStatus} in ('open', 'done')`),
  ],
);

/** Intake answers exactly as given (append-only), with the questionnaire version they answer. */
export const intakes = pgTable(
  'intakes',
  {
    ...tenantKey,
    candidateId: uuid('candidate_id').notNull(),
    questionnaireVersion: text('questionnaire_version').notNull(),
    answers: jsonb('answers').$type<Record<string, unknown>>().notNull(),
    submittedBy: uuid('submitted_by').notNull(),
    submittedAt: timestamp('submitted_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({ columns: [t.tenantId, t.candidateId], foreignColumns: [candidates.tenantId, candidates.id] }).onDelete('cascade'),
    index('intakes_candidate_idx').on(t.tenantId, t.candidateId, t.submittedAt),
  ],
);

/**
 * An intake in progress on the werkplek (one per person): the answers of the steps saved so far, as
 * given, in the questionnaire version it started with. It holds barrier answers (special-category
 * data), so only the assigned account manager and admins read it; finishing the intake submits it
 * through the same service as the API and removes the draft.
 */
export const intakeDrafts = pgTable(
  'intake_drafts',
  {
    tenantId: uuid('tenant_id').notNull(),
    candidateId: uuid('candidate_id').notNull(),
    questionnaireVersion: text('questionnaire_version').notNull(),
    answers: jsonb('answers').$type<Record<string, unknown>>().notNull(),
    updatedBy: uuid('updated_by').notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.candidateId] }),
    foreignKey({ columns: [t.tenantId, t.candidateId], foreignColumns: [candidates.tenantId, candidates.id] }).onDelete('cascade'),
  ],
);

/** Consent per purpose, with the version of the text shown; withdrawal keeps the record. */
export const candidateConsents = pgTable(
  'candidate_consents',
  {
    ...tenantKey,
    candidateId: uuid('candidate_id').notNull(),
    purpose: text('purpose').notNull(),
    textVersion: text('text_version').notNull(),
    givenAt: timestamp('given_at', { withTimezone: true }).notNull(),
    recordedBy: uuid('recorded_by').notNull(),
    withdrawnAt: timestamp('withdrawn_at', { withTimezone: true }),
    withdrawnBy: uuid('withdrawn_by'),
    /** How long the consent holds; digests warn before it ends. */
    expiresAt: timestamp('expires_at', { withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({ columns: [t.tenantId, t.candidateId], foreignColumns: [candidates.tenantId, candidates.id] }).onDelete('cascade'),
    uniqueIndex('candidate_consents_active_key')
      .on(t.tenantId, t.candidateId, t.purpose)
      .where(sql`${t.withdrawnAt} is null`),
    check('candidate_consents_purpose_check', sql`${t.purpose} in ('share_with_employers', 'disclose_identity', 'share_instrument_eligibility')`),
  ],
);

/** Who changed what and when in a profile. Sensitive values are not copied here, only the field names. */
export const candidateHistory = pgTable(
  'candidate_history',
  {
    ...tenantKey,
    candidateId: uuid('candidate_id').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull(),
    actorUserId: uuid('actor_user_id'),
    change: text('change').notNull(),
    fields: text('fields').array().notNull(),
    summary: text('summary'),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({ columns: [t.tenantId, t.candidateId], foreignColumns: [candidates.tenantId, candidates.id] }).onDelete('cascade'),
    index('candidate_history_candidate_idx').on(t.tenantId, t.candidateId, t.at),
  ],
);

/**
 * Audit attributes, entered only for fairness monitoring (REQUIREMENTS F6): kept apart, never read
 * by the matcher or shown with a profile.
 */
export const candidateAuditAttributes = pgTable(
  'candidate_audit_attributes',
  {
    tenantId: uuid('tenant_id').notNull(),
    candidateId: uuid('candidate_id').notNull(),
    gender: text('gender'),
    ageBand: text('age_band'),
    migrationBackground: text('migration_background'),
    disability: text('disability'),
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull(),
    recordedBy: uuid('recorded_by').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.candidateId] }),
    foreignKey({ columns: [t.tenantId, t.candidateId], foreignColumns: [candidates.tenantId, candidates.id] }).onDelete('cascade'),
  ],
);

/**
 * Transactional outbox: a change that affects a search document writes a row here in the same
 * transaction; a worker drains it into Meilisearch (upsert by id, delete on erasure).
 */
export const outbox = pgTable(
  'outbox',
  {
    tenantId: uuid('tenant_id').notNull(),
    /** bigint: Citus generates identity values on worker nodes only for bigint (docs/scaling.md); migration 0025. */
    seq: bigint('seq', { mode: 'number' }).generatedAlwaysAsIdentity().notNull(),
    topic: text('topic').notNull(),
    entityId: uuid('entity_id').notNull(),
    operation: text('operation').notNull(),
    createdAt: createdAt(),
    attempts: integer('attempts').notNull().default(0),
    availableAt: timestamp('available_at', { withTimezone: true }).notNull().defaultNow(),
    processedAt: timestamp('processed_at', { withTimezone: true }),
    lastError: text('last_error'),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.seq] }),
    index('outbox_pending_idx')
      .on(t.availableAt, t.seq)
      .where(sql`${t.processedAt} is null`),
    check('outbox_operation_check', sql`${t.operation} in ('upsert', 'delete')`),
  ],
);
