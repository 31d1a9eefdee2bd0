import { z } from 'zod';
import { HOURS_PLAN_SOURCES } from '../rekentool/rekentool.schemas.js';
import { INSTRUMENT_CODES } from '../settings/settings.schemas.js';
import { cursorSchema, dateSchema, idSchema, limitSchema, longText, pageOf } from '../schemas/common.js';
import { CONTRACT_TYPES } from '../vacancies/vacancies.schemas.js';
import { FOLLOW_UP_MONTHS } from './calendar.js';

export const PLACEMENT_STATUSES = ['active', 'ended'] as const;
export const FOLLOW_UP_OUTCOMES = ['working', 'working_fewer_hours', 'working_elsewhere', 'dropped_out'] as const;
export type FollowUpOutcome = (typeof FOLLOW_UP_OUTCOMES)[number];
/** Why someone dropped out: a fixed list, so that the Werkplein can learn from it. */
export const DROPOUT_REASONS = [
  'health',
  'childcare',
  'conflict_at_work',
  'travel',
  'contract_ended',
  'mismatch_tasks',
  'personal_circumstances',
  'other',
] as const;
export type DropoutReason = (typeof DROPOUT_REASONS)[number];

const instrumentUsedSchema = z.strictObject({
  code: z.enum(INSTRUMENT_CODES).describe('The instrument (the LIV no longer exists)'),
  monthlyAmount: z.number().min(0).max(10_000).optional().describe('Euro per month, e.g. the loonkostensubsidie'),
  months: z.int().min(1).max(60).optional().describe('For how many months; default: the months of the savings estimate'),
  oneOffAmount: z.number().min(0).max(100_000).optional().describe('A one-off amount in euro, e.g. a job-coach budget'),
});

export const createPlacementBodySchema = z.strictObject({
  candidateId: idSchema.describe('The person who starts (status active)'),
  vacancyId: idSchema,
  shortlistId: idSchema.optional().describe('The shortlist the hire came from; the candidate must have been shared on it'),
  startDate: dateSchema.describe('First working day'),
  hoursPerWeek: z.int().min(1).max(48),
  contractType: z.enum(CONTRACT_TYPES),
  contractMonths: z.int().min(1).max(120).optional().describe('Length of the contract in months, when it has one'),
  instrumentsUsed: z.array(instrumentUsedSchema).max(INSTRUMENT_CODES.length).default([]),
});
export type CreatePlacementBody = z.infer<typeof createPlacementBodySchema>;

export const recordFollowUpBodySchema = z.strictObject({
  monthMark: z.literal(FOLLOW_UP_MONTHS).describe('Which check: 1, 3 or 6 months after the start'),
  outcome: z.enum(FOLLOW_UP_OUTCOMES),
  dropoutReason: z.enum(DROPOUT_REASONS).optional().describe('Required when the outcome is dropped_out, and only then'),
  endedOn: dateSchema.optional().describe('Last working day, when the person left (dropped_out, working_elsewhere); default today'),
  note: longText(2000).optional(),
  corrects: idSchema
    .optional()
    .describe(
      'To correct an outcome already recorded for this check: the id of its latest entry (history[].id). A correction is a new entry; nothing is overwritten',
    ),
});
export type RecordFollowUpBody = z.infer<typeof recordFollowUpBodySchema>;

export const listPlacementsQuerySchema = z.strictObject({
  candidateId: idSchema.optional(),
  vacancyId: idSchema.optional(),
  status: z.enum(PLACEMENT_STATUSES).optional(),
  limit: limitSchema,
  cursor: cursorSchema,
});
export type ListPlacementsQuery = z.infer<typeof listPlacementsQuerySchema>;

const instrumentUsedViewSchema = z.object({
  code: z.string(),
  monthlyAmount: z.number().optional(),
  months: z.int().optional(),
  oneOffAmount: z.number().optional(),
});

export const followUpEntrySchema = z
  .object({
    id: idSchema,
    outcome: z.enum(FOLLOW_UP_OUTCOMES),
    dropoutReason: z.enum(DROPOUT_REASONS).nullable(),
    endedOn: z.string().nullable(),
    note: z.string().nullable(),
    corrects: idSchema.nullable().describe('The entry this one corrects'),
    recordedBy: z.object({ id: idSchema, name: z.string() }),
    recordedAt: z.string(),
  })
  .meta({ id: 'FollowUpEntry' });
export type FollowUpEntryView = z.infer<typeof followUpEntrySchema>;

export const followUpSchema = z
  .object({
    id: idSchema,
    monthMark: z.int(),
    dueOn: z.string(),
    due: z.boolean().describe('Due today or earlier and not yet recorded'),
    opensOn: z.string().describe('From this day on the outcome can be recorded (a few days before it is due)'),
    outcome: z.enum(FOLLOW_UP_OUTCOMES).nullable(),
    dropoutReason: z.enum(DROPOUT_REASONS).nullable(),
    note: z.string().nullable(),
    recordedBy: z.object({ id: idSchema, name: z.string() }).nullable(),
    recordedAt: z.string().nullable(),
    reminderSentAt: z.string().nullable(),
    history: z.array(followUpEntrySchema).describe('Every outcome recorded for this check, oldest first; the last one counts'),
  })
  .meta({ id: 'FollowUp' });
export type FollowUpView = z.infer<typeof followUpSchema>;

export const savingsSchema = z
  .object({
    benefitMonthsAvoided: z.int(),
    benefitMonthlyAmount: z.number(),
    hoursShare: z.number(),
    avoidedBenefit: z.number(),
    subsidyCosts: z.number(),
    netSavings: z.number(),
    currency: z.literal('EUR'),
    assumptions: z.array(z.string()).describe('What the estimate assumes, in plain language'),
    basis: z
      .enum(['rules', 'average'])
      .describe(
        'rules: month by month by the Werkplein’s benefit rules and the recorded household (byMonth); average: the monthly benefit from the settings × the hours share',
      ),
    byMonth: z
      .object({
        months: z.array(
          z.object({
            month: z.string().describe('YYYY-MM'),
            index: z.int(),
            hoursPerWeek: z.number(),
            netWage: z.number(),
            incomeAllowance: z.number().describe('Inkomstenvrijlating applied this month'),
            benefitWithoutWork: z.number(),
            benefitWithWork: z.number(),
            avoidedBenefit: z.number(),
            subsidyCosts: z.number(),
            netSavings: z.number(),
          }),
        ),
        totals: z.object({ avoidedBenefit: z.number(), subsidyCosts: z.number(), netSavings: z.number() }),
        hoursPlan: z.array(z.object({ fromMonth: z.int(), hoursPerWeek: z.number() })),
        hoursPlanSource: z.enum(HOURS_PLAN_SOURCES),
        rulesVersions: z.array(z.object({ id: z.string(), version: z.int(), validFrom: z.string() })),
        assumptions: z
          .array(z.object({ text: z.string(), source: z.object({ title: z.string(), url: z.string() }).nullable() }))
          .describe('Each assumption with its source'),
      })
      .nullable()
      .describe('The first year month by month (issue 16.6), from the rekentool; null while the household is not recorded'),
  })
  .meta({ id: 'SavingsEstimate' });

/** "Gaat het goed?": the employer's answer at a check-in. */
export const CHECK_IN_GOING_WELL = ['yes', 'partly', 'no'] as const;
export type CheckInGoingWell = (typeof CHECK_IN_GOING_WELL)[number];

export const recordCheckInBodySchema = z.strictObject({
  monthMark: z.literal(FOLLOW_UP_MONTHS).describe('Which check-in: 1, 3 or 6 months after the start'),
  goingWell: z.enum(CHECK_IN_GOING_WELL).describe('"Gaat het goed?": yes, partly or no'),
  needsSomething: z.boolean().describe('"Is er iets nodig?"'),
  note: longText(1000).optional().describe('What is needed, or anything else the klantmanager should know'),
});
export type RecordCheckInBody = z.infer<typeof recordCheckInBodySchema>;

export const checkInSchema = z
  .object({
    id: idSchema,
    monthMark: z.int(),
    goingWell: z.enum(CHECK_IN_GOING_WELL),
    needsSomething: z.boolean(),
    note: z.string().nullable(),
    givenAt: z.string(),
  })
  .meta({ id: 'CheckIn' });
export type CheckInView = z.infer<typeof checkInSchema>;

/** A follow-up moment as the employer sees it: when, whether its check-in can be given, and the check-in. */
export const employerMomentSchema = z.object({
  monthMark: z.int(),
  dueOn: z.string(),
  opensOn: z.string().describe('From this day on the employer can give its check-in'),
  checkIn: checkInSchema.nullable(),
});
export type EmployerMoment = z.infer<typeof employerMomentSchema>;

const placementCommon = {
  id: idSchema,
  vacancy: z.object({ id: idSchema, title: z.string() }),
  employer: z.object({ id: idSchema, name: z.string() }),
  startDate: z.string(),
  hoursPerWeek: z.int(),
  contractType: z.enum(CONTRACT_TYPES),
  contractMonths: z.int().nullable(),
  instrumentsUsed: z.array(instrumentUsedViewSchema),
  status: z.enum(PLACEMENT_STATUSES),
  endedOn: z.string().nullable(),
};

export const staffPlacementSchema = z
  .object({
    view: z.literal('staff'),
    ...placementCommon,
    candidate: z.object({ id: idSchema, reference: z.string(), name: z.string() }),
    shortlistId: idSchema.nullable(),
    endReason: z.string().nullable(),
    followUps: z.array(followUpSchema),
    checkIns: z.array(checkInSchema).describe('The employer’s check-ins at 1, 3 and 6 months (issue 15.5), with what it wrote'),
    savings: savingsSchema,
    createdBy: idSchema,
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: 'PlacementForStaff' });
export type StaffPlacementView = z.infer<typeof staffPlacementSchema>;

/** What the employer sees of its own hire: the work agreed, no follow-up notes, reasons or savings. */
export const employerPlacementSchema = z
  .object({ view: z.literal('employer'), ...placementCommon, candidateId: idSchema })
  .meta({ id: 'PlacementForEmployer' });
export type EmployerPlacementView = z.infer<typeof employerPlacementSchema>;

export const placementSchema = z.discriminatedUnion('view', [staffPlacementSchema, employerPlacementSchema]);

export const placementSummarySchema = z
  .object({
    id: idSchema,
    candidateId: idSchema,
    vacancy: z.object({ id: idSchema, title: z.string() }),
    employer: z.object({ id: idSchema, name: z.string() }),
    startDate: z.string(),
    hoursPerWeek: z.int(),
    contractType: z.enum(CONTRACT_TYPES),
    status: z.enum(PLACEMENT_STATUSES),
  })
  .meta({ id: 'PlacementSummary' });
export type PlacementSummary = z.infer<typeof placementSummarySchema>;
export const placementPageSchema = pageOf(placementSummarySchema);
