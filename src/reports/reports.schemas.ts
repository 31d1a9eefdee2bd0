import { z } from 'zod';
import { AUDIT_DIMENSIONS } from '../privacy/audit-attributes.js';
import { DROPOUT_REASONS } from '../placements/placements.schemas.js';
import { dateSchema } from '../schemas/common.js';
import { FAIRNESS_STAGES } from './fairness.js';

/** A report day: a calendar date in a sensible range (the arithmetic on periods needs four-digit years). */
const reportDateSchema = dateSchema.refine((day) => day >= '2000-01-01' && day <= '2099-12-31', 'a date from 2000-01-01 to 2099-12-31');

const formatSchema = z.enum(['json', 'html']).optional().describe('html: a page with charts (also chosen by Accept: text/html); default json');

export const fairnessQuerySchema = z.strictObject({
  from: reportDateSchema.optional().describe('First day of the period (default: the first of the month, eleven months ago)'),
  to: reportDateSchema.optional().describe('Last day of the period, inclusive (default: today)'),
  format: formatSchema,
});
export type FairnessQuery = z.infer<typeof fairnessQuerySchema>;

export const impactQuerySchema = fairnessQuerySchema.extend({
  groupBy: z.enum(['month', 'quarter']).default('month').describe('Periods of the report'),
});
export type ImpactQuery = z.infer<typeof impactQuerySchema>;

const groupSchema = z.object({
  group: z.string(),
  label: z.string(),
  pool: z.int().describe('People who entered this step'),
  selected: z.int().describe('People who passed it'),
  rate: z.number().nullable().describe('selected / pool'),
  impactRatio: z.number().nullable().describe('rate / the reference group’s rate'),
  reference: z.boolean(),
  flagged: z.boolean().describe('Impact ratio below 0.8 in a group large enough to judge'),
  tooSmall: z.boolean(),
  note: z.string().nullable(),
});

export const fairnessReportSchema = z
  .object({
    from: dateSchema,
    to: dateSchema,
    people: z.int(),
    withAttributes: z.int(),
    topK: z.int(),
    minGroupSize: z.int(),
    threshold: z.number(),
    dimensions: z.array(
      z.object({
        dimension: z.enum(AUDIT_DIMENSIONS),
        label: z.string(),
        stages: z.array(
          z.object({
            stage: z.enum(FAIRNESS_STAGES),
            label: z.string(),
            pool: z.int(),
            selected: z.int(),
            referenceGroup: z.string().nullable(),
            groups: z.array(groupSchema),
          }),
        ),
      }),
    ),
    flags: z.array(z.object({ dimension: z.enum(AUDIT_DIMENSIONS), stage: z.enum(FAIRNESS_STAGES), group: z.string(), impactRatio: z.number() })),
    definitions: z.array(z.string()),
  })
  .meta({ id: 'FairnessReport' });

const sliceSchema = z.object({
  key: z.string(),
  label: z.string(),
  placements: z.int(),
  retention: z.array(
    z.object({
      mark: z.int().describe('Months after the start: 1, 3 or 6'),
      inWork: z.int(),
      notInWork: z.int(),
      unknown: z.int().describe('Due, but no outcome recorded yet'),
      notYetDue: z.int(),
      rate: z.number().nullable().describe('inWork / (inWork + notInWork)'),
    }),
  ),
  savings: z.object({ avoidedBenefit: z.number(), subsidyCosts: z.number(), netSavings: z.number(), currency: z.literal('EUR') }),
});

const intervalSchema = z.object({ low: z.number(), high: z.number() }).nullable().describe('Wilson 95 % interval of the rate');

const lastingSchema = z
  .object({
    mark: z.literal(6),
    placements: z.int().describe('Placements with a known outcome at 6 months'),
    inWork: z.int(),
    rate: z.number().nullable(),
    interval: intervalSchema,
    withRanking: z.int().describe('Of those, placements whose ranking run is on record'),
    minGroupSize: z.int(),
    dimensions: z.array(
      z.object({
        dimension: z.string().describe('factor:<factor>, conditional, instrument or dropout_reason'),
        label: z.string(),
        groups: z.array(
          z.object({
            group: z.string(),
            label: z.string(),
            placements: z.int(),
            inWork: z.int(),
            rate: z.number().nullable(),
            interval: intervalSchema,
            tooSmall: z.boolean(),
            note: z.string().nullable(),
          }),
        ),
      }),
    ),
    note: z.string().nullable().describe('Plain-language warning when there are too few outcomes to say much'),
    definitions: z.array(z.string()),
  })
  .describe('Wat voorspelt een blijvende plaatsing? Retention at 6 months by matcher factor band, condition, instrument and drop-out reason');

export const impactReportSchema = z
  .object({
    from: dateSchema,
    to: dateSchema,
    groupBy: z.enum(['month', 'quarter']),
    totals: sliceSchema,
    byPeriod: z.array(sliceSchema),
    bySector: z.array(sliceSchema),
    dropoutReasons: z.array(z.object({ reason: z.enum(DROPOUT_REASONS), label: z.string(), count: z.int() })),
    lasting: lastingSchema,
    erasedPlacements: z.int().describe('Placements of erased people, all time: they no longer count'),
    benefitMonthlyAmount: z.number(),
    assumptions: z.array(z.string()),
    definitions: z.array(z.string()),
  })
  .meta({ id: 'ImpactReport' });
