import type { StoredRunEntry } from '../../db/schema/matching.js';
import { z } from 'zod';
import { idSchema } from '../schemas/common.js';
import { EVIDENCE_KINDS, FACTORS, LIFE_DOMAINS, TRAVEL_MODES } from './matcher.types.js';

/** Rankings are paged through their first thousand or so; nextOffset never points beyond this. */
export const MAX_OFFSET = 975;

export const matchQuerySchema = z.strictObject({
  limit: z.coerce.number().int().min(1).max(100).default(25).describe('Page size, 1–100'),
  offset: z.coerce.number().int().min(0).max(MAX_OFFSET).default(0).describe('How many ranked entries to skip'),
});

export const vacancyMatchQuerySchema = matchQuerySchema.extend({
  show: z
    .enum(['eligible', 'excluded'])
    .default('eligible')
    .describe('eligible: ranked best first; excluded: who a hard constraint leaves out, closest to fitting first, each with why and what would make them fit'),
});

const factorSchema = z.object({
  factor: z.enum(FACTORS),
  score: z.number().describe('0–1'),
  weight: z.number(),
  contribution: z.number().describe('Points this factor adds to the total (0–100 scale)'),
});

const explanationFields = {
  eligible: z.boolean().describe('Passes the hard constraints'),
  exclusions: z
    .array(z.object({ code: z.enum(['travel_too_far', 'day_part_unavailable', 'credential_missing']), reason: z.string() }))
    .describe('Why a hard constraint leaves this one out, plain language; empty when eligible'),
  nearestFit: z
    .string()
    .nullable()
    .describe('For the excluded: the nearest change that would make it fit, e.g. "Past als de late dienst op zaterdag kan vervallen."'),
  total: z.number().describe('0–100; 0 when excluded'),
  conditional: z.boolean().describe('A fit once an agreed action is done'),
  conditions: z
    .array(z.object({ domain: z.enum([...LIFE_DOMAINS, 'credentials']).nullable(), action: z.string() }))
    .describe(
      'What must happen first: an agreed action on a barrier (details only for the assigned account manager and admins), or a legally required credential to obtain before the start (domain credentials)',
    ),
  factors: z.array(factorSchema),
  competencyPairs: z
    .array(
      z.object({
        wanted: z.string().describe('The competency the work asks'),
        importance: z.enum(['must', 'should', 'trainable']),
        have: z.string().nullable().describe('The candidate’s competency, in their own words, that credits it best'),
        evidence: z.enum(EVIDENCE_KINDS).nullable(),
        kind: z
          .enum(['same', 'hierarchy', 'related', 'group', 'words'])
          .nullable()
          .describe('How: the same concept or words, broader/narrower, a skill–skill relation, the same skill group, shared words'),
        credit: z.number().describe('0–1: the credit factor of the kind times the strength of the evidence'),
      }),
    )
    .describe('Every credited pair named'),
  reasons: z.array(z.string()).describe('The main reasons, strongest first, plain language'),
  improvements: z.array(z.string()).describe('What would change the outcome'),
  travel: z.object({ mode: z.enum(TRAVEL_MODES), minutes: z.number() }).nullable(),
};

export const vacancyMatchesSchema = z
  .object({
    runId: idSchema.describe('The stored ranking run (GET /v1/match-runs/:id)'),
    vacancyId: idSchema,
    matcherVersion: z.string(),
    weightsVersion: z.int(),
    population: z.int().describe('Active candidates with an intake that were ranked'),
    eligible: z.int(),
    excluded: z.int().describe('Excluded by a hard constraint (travel, day parts, a legally required licence)'),
    excludedByReason: z
      .object({ credential_missing: z.int(), day_part_unavailable: z.int(), travel_too_far: z.int() })
      .optional()
      .describe('With show=excluded: how many each kind of hard constraint leaves out (one person can count under several)'),
    items: z.array(
      z.object({
        rank: z.int(),
        candidate: z.object({
          id: idSchema,
          reference: z.string(),
          name: z.string(),
          accountManager: z.object({ id: idSchema, name: z.string() }).nullable(),
        }),
        ...explanationFields,
      }),
    ),
    nextOffset: z.int().nullable(),
  })
  .meta({ id: 'VacancyMatches' });
export type VacancyMatchesView = z.infer<typeof vacancyMatchesSchema>;

export const candidateMatchesSchema = z
  .object({
    runId: idSchema,
    candidateId: idSchema,
    matcherVersion: z.string(),
    weightsVersion: z.int(),
    population: z.int().describe('Open vacancies and growth-plan roles that were ranked'),
    eligible: z.int(),
    excluded: z.int(),
    items: z.array(
      z.object({
        rank: z.int(),
        kind: z.enum(['vacancy', 'growth_plan_role']),
        id: idSchema.describe('The vacancy id, or the growth-plan role id'),
        title: z.string(),
        employerName: z.string(),
        expectedDate: z.string().nullable().describe('For a growth-plan role: when the work starts'),
        growthPlanId: idSchema.nullable().describe('For a growth-plan role: the plan it belongs to'),
        ...explanationFields,
      }),
    ),
    nextOffset: z.int().nullable(),
  })
  .meta({ id: 'CandidateMatches' });
export type CandidateMatchesView = z.infer<typeof candidateMatchesSchema>;

/**
 * One entry of a stored run: enough to reconstruct the order and every contribution. A vacancy's run
 * names the candidate; a candidate's run names the vacancy or growth-plan role (targetId, kind).
 */
/** One entry of a stored run; the stored shape is the schema's (db/schema/matching.ts). */
export type RunEntry = StoredRunEntry;

export const matchRunSchema = z
  .object({
    id: idSchema,
    kind: z.enum(['vacancy', 'candidate']),
    subjectId: idSchema,
    actorUserId: idSchema,
    at: z.string(),
    matcherVersion: z.string(),
    weightsVersion: z.int(),
    weights: z.record(z.string(), z.number()),
    inputsHash: z.string().describe('SHA-256 of the inputs: the population, the subject, the weights and the matcher version'),
    population: z.int(),
    eligible: z.int(),
    results: z.array(
      z.object({
        rank: z.int(),
        candidateId: idSchema.optional().describe("In a vacancy's run: the ranked candidate"),
        kind: z.enum(['vacancy', 'growth_plan_role']).optional(),
        targetId: idSchema.optional().describe("In a candidate's run: the ranked vacancy or growth-plan role"),
        total: z.number(),
        eligible: z.boolean(),
        conditional: z.boolean(),
        contributions: z.record(z.string(), z.number()),
      }),
    ),
  })
  .meta({ id: 'MatchRun' });

export const replaySchema = z.object({
  runId: idSchema,
  matcherVersion: z.string().describe('The version that made the run'),
  currentMatcherVersion: z.string().describe('The version that replayed it'),
  sameOrder: z.boolean(),
  sameTotals: z.boolean(),
  stored: z.array(idSchema),
  replayed: z.array(idSchema),
  replayedEntries: z.int().describe('Entries whose inputs are still stored (erased people are left out)'),
});

export const weightsSchema = z
  .object({
    version: z.int().describe('0: the defaults, never changed'),
    weights: z.record(z.enum(FACTORS), z.number()),
    note: z.string().nullable(),
    createdAt: z.string().nullable(),
    rationale: z.string().describe('Where the defaults are explained'),
    warnings: z
      .array(z.string())
      .describe('Plain-language warnings, e.g. when motivation no longer weighs more than competencies (the seeds’ rule); empty when none'),
  })
  .meta({ id: 'MatchWeights' });

export type WeightsView = z.infer<typeof weightsSchema>;

export const updateWeightsBodySchema = z.strictObject({
  weights: z.strictObject(Object.fromEntries(FACTORS.map((factor) => [factor, z.number().min(0).max(1)])) as Record<(typeof FACTORS)[number], z.ZodNumber>),
  note: z.string().trim().min(1).max(500).describe('Why the weights change'),
});
export type UpdateWeightsBody = z.infer<typeof updateWeightsBodySchema>;

export const vacancyCandidateParamsSchema = z.strictObject({ id: idSchema, candidateId: idSchema });

/** "Why (not)?" for one person and one vacancy. */
export const pairMatchSchema = z
  .object({
    vacancyId: idSchema,
    matcherVersion: z.string(),
    weightsVersion: z.int(),
    population: z.int(),
    eligibleCount: z.int().describe('How many of the population pass the hard constraints'),
    rank: z.int().nullable().describe('Place among the eligible, best first; null when excluded'),
    candidate: z.object({
      id: idSchema,
      reference: z.string(),
      name: z.string(),
      accountManager: z.object({ id: idSchema, name: z.string() }).nullable(),
    }),
    ...explanationFields,
  })
  .meta({ id: 'PairMatch' });
export type PairMatchView = z.infer<typeof pairMatchSchema>;
