import { sql } from 'drizzle-orm';
import { bigint, check, date, foreignKey, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { tenantKey } from './columns.js';
import { tenants } from './tenants.js';

/** Matcher weights per tenant, versioned: a change adds a version, each run records the one it used. */
export const matchWeights = pgTable(
  'match_weights',
  {
    tenantId: uuid('tenant_id').notNull(),
    version: integer('version').notNull(),
    weights: jsonb('weights').$type<Record<string, number>>().notNull(),
    note: text('note'),
    createdBy: uuid('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.version] }), foreignKey({ columns: [t.tenantId], foreignColumns: [tenants.id] })],
);

/**
 * Every ranking run (REQUIREMENTS F2), append-only: who, when, matcher and weights version, a hash of
 * the inputs, and the order with every contribution. The inputs themselves are in match_run_inputs.
 */
/** One ranked candidate (or vacancy) of a stored run, as it is kept in match_runs.results. */
export type StoredRunEntry = {
  rank: number;
  candidateId?: string;
  kind?: 'vacancy' | 'growth_plan_role';
  targetId?: string;
  total: number;
  eligible: boolean;
  conditional: boolean;
  contributions: Record<string, number>;
};

export const matchRuns = pgTable(
  'match_runs',
  {
    ...tenantKey,
    kind: text('kind').notNull(),
    subjectId: uuid('subject_id').notNull(),
    actorUserId: uuid('actor_user_id').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull(),
    matcherVersion: text('matcher_version').notNull(),
    weightsVersion: integer('weights_version').notNull(),
    weights: jsonb('weights').$type<Record<string, number>>().notNull(),
    inputsHash: text('inputs_hash').notNull(),
    population: integer('population').notNull(),
    eligible: integer('eligible').notNull(),
    results: jsonb('results').$type<StoredRunEntry[]>().notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    index('match_runs_subject_idx').on(t.tenantId, t.kind, t.subjectId, t.at),
    check('match_runs_kind_check', sql`${t.kind} in ('vacancy', 'candidate')`),
  ],
);

/**
 * The inputs a run ranked, per subject (the vacancy and each ranked candidate), so that a run can be
 * replayed: which input, by its digest in match_inputs. Apart from the append-only run because
 * erasure of a person (REQUIREMENTS P5) removes their inputs; what remains of the run is then an
 * order of ids that point to no one.
 */
export const matchRunInputs = pgTable(
  'match_run_inputs',
  {
    tenantId: uuid('tenant_id').notNull(),
    runId: uuid('run_id').notNull(),
    subjectId: uuid('subject_id').notNull(),
    digest: text('digest').notNull(),
  },
  // No foreign key to match_runs (issue 13.11: its check cost every ranking ~0.6 ms, one lookup per
  // row): rows are only written by matchingRepository.insertRuns, from the runs the same statement
  // inserts, and a run is never deleted (append-only, migration 0005).
  (t) => [primaryKey({ columns: [t.tenantId, t.runId, t.subjectId] }), index('match_run_inputs_subject_idx').on(t.tenantId, t.subjectId)],
);

/**
 * Each distinct input that runs ranked, once per subject and digest (issue 13.11): a person shown in
 * a hundred rankings with an unchanged profile is stored once, not a hundred times. `used_on` is the
 * day of the newest run that stored or named it; every run naming it is of that day or before, so
 * retention removes an input together with the last runs that name it (src/privacy/retention.ts),
 * and erasure removes a person's by subject.
 */
export const matchInputs = pgTable(
  'match_inputs',
  {
    tenantId: uuid('tenant_id').notNull(),
    subjectId: uuid('subject_id').notNull(),
    digest: text('digest').notNull(),
    input: jsonb('input').$type<Record<string, unknown>>().notNull(),
    usedOn: date('used_on', { mode: 'string' }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.subjectId, t.digest] }),
    foreignKey({ columns: [t.tenantId], foreignColumns: [tenants.id] }),
    // Retention's purge by day; without tenant_id in front, so that a look-up by subject and digest
    // never takes it for the primary key.
    index('match_inputs_used_on_idx').on(t.usedOn),
  ],
);

/**
 * A counter per tenant that every statement changing candidates raises, in the same transaction
 * (triggers in migration 0009). The matcher's population cache compares it: seeing a version means
 * seeing every change that made it, which a max(updated_at) cannot promise under concurrent commits.
 */
export const matchingPopulations = pgTable(
  'matching_populations',
  {
    tenantId: uuid('tenant_id').primaryKey(),
    version: bigint('version', { mode: 'number' }).notNull(),
  },
  (t) => [foreignKey({ columns: [t.tenantId], foreignColumns: [tenants.id] }).onDelete('cascade')],
);

/**
 * The change feed of the population cache (issue 13.10, migration 0028): the trigger that raises a
 * tenant's version records under it which candidates the statement inserted or changed (deletes
 * record none). Versions are given out in commit order without gaps, so a cache that has seen version
 * S reads the rows after S and has every change, instead of the whole member list. Kept a day
 * (maintenance job); a cache further behind, or a version without rows, reads the member list.
 */
export const matchingPopulationChanges = pgTable(
  'matching_population_changes',
  {
    tenantId: uuid('tenant_id').notNull(),
    version: bigint('version', { mode: 'number' }).notNull(),
    candidateId: uuid('candidate_id').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.version, t.candidateId] }),
    foreignKey({ columns: [t.tenantId], foreignColumns: [tenants.id] }).onDelete('cascade'),
    index('matching_population_changes_at_idx').on(t.at),
  ],
);
