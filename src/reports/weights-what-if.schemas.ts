/* The weights what-if (issue 16.5) lives with the reports: it computes fairness figures from audit
 * attributes, which nothing under src/matching may import (the F1 guarantee, test/privacy/audit-attributes.test.ts). */
import { z } from 'zod';
import { AUDIT_DIMENSIONS } from '../privacy/audit-attributes.js';
import { FAIRNESS_STAGES } from './fairness.js';
import { dateSchema, idSchema } from '../schemas/common.js';
import { updateWeightsBodySchema } from '../matching/matching.schemas.js';
import { FACTORS } from '../matching/matcher.types.js';

/** How far back a what-if replays at most. */
export const WHAT_IF_MAX_MONTHS = 24;

export const whatIfBodySchema = z.strictObject({
  weights: updateWeightsBodySchema.shape.weights.describe('The proposed weights: every factor, 0–1, summing to 1'),
  months: z.int().min(1).max(WHAT_IF_MAX_MONTHS).default(6).describe('Replay the stored vacancy runs of this many months back (default 6)'),
});
export type WhatIfBody = z.infer<typeof whatIfBodySchema>;

const outcomeGroupSchema = z.object({
  outcome: z
    .enum(['lasting', 'dropped_out', 'pending'])
    .describe('lasting: in work at 6 months; dropped_out: dropped out and not in work at 6 months; pending: outcome not known yet'),
  label: z.string(),
  people: z.int().describe('Placements (people placed later from a replayed vacancy)'),
  appearances: z.int().describe('Their entries in the replayed runs'),
  meanRankBefore: z.number().nullable(),
  meanRankAfter: z.number().nullable(),
  meanMove: z.number().nullable().describe('Places moved up on average (negative: down)'),
  movedUp: z.int(),
  movedDown: z.int(),
  unchanged: z.int(),
});

const fairnessSideSchema = z.object({
  pool: z.int(),
  selected: z.int(),
  rate: z.number().nullable(),
  impactRatio: z.number().nullable(),
  flagged: z.boolean(),
  tooSmall: z.boolean(),
});

export const whatIfSchema = z
  .object({
    from: dateSchema,
    to: dateSchema,
    currentWeights: z.object({ version: z.int(), weights: z.record(z.enum(FACTORS), z.number()) }),
    proposedWeights: z.record(z.enum(FACTORS), z.number()),
    runs: z.int().describe('Vacancy runs replayed'),
    runsNotReplayable: z.int().describe('Runs whose vacancy input is gone: kept as stored'),
    outcomes: z.array(outcomeGroupSchema),
    moves: z
      .array(
        z.object({
          runId: idSchema,
          vacancyId: idSchema,
          placementId: idSchema,
          candidateId: idSchema,
          outcome: z.enum(['lasting', 'dropped_out', 'pending']),
          rankBefore: z.int(),
          rankAfter: z.int(),
          totalBefore: z.number(),
          totalAfter: z.number(),
        }),
      )
      .describe('Every entry of a later placed person in a replayed run'),
    fairness: z.object({
      topK: z.int(),
      flagsNow: z.int(),
      flagsProposed: z.int(),
      dimensions: z.array(
        z.object({
          dimension: z.enum(AUDIT_DIMENSIONS),
          label: z.string(),
          stages: z.array(
            z.object({
              stage: z.enum(FAIRNESS_STAGES),
              label: z.string(),
              groups: z.array(z.object({ group: z.string(), label: z.string(), now: fairnessSideSchema, proposed: fairnessSideSchema.nullable() })),
            }),
          ),
        }),
      ),
    }),
    saved: z.literal(false).describe('A what-if never changes the weights'),
    howToSave: z.string(),
    definitions: z.array(z.string()),
  })
  .meta({ id: 'WeightsWhatIf' });
export type WhatIfView = z.infer<typeof whatIfSchema>;
