import { z } from 'zod';
import { addRuleIssue } from '../schemas/messages.js';
import { dateSchema } from '../schemas/common.js';
import { AGE_GROUPS, HOUSEHOLD_SITUATIONS, MONTH_FLAGS } from './rekentool.calculate.js';
import { periodStartSchema, ruleSetSchema, ruleSourceSchema } from './rekentool.rules.js';

/** The household situation, as asked for the rekentool only. */
export const householdSchema = z
  .object({
    situation: z.enum(HOUSEHOLD_SITUATIONS).describe('single, single_parent (full care of a child under 18) or partners (married or living together)'),
    costSharers: z.int().describe('Housemates of 27 or older who are not the partner and pay no commercial rent'),
    ageGroup: z.enum(AGE_GROUPS).describe('21_to_26 (no income allowance) or 27_to_pension_age'),
    partnerNetMonthlyIncome: z.number().describe('The partner’s net monthly income in euros (0 without a partner)'),
    updatedAt: z.string(),
  })
  .meta({ id: 'Household' });
export type HouseholdView = z.infer<typeof householdSchema>;

export const putHouseholdBodySchema = z
  .strictObject({
    situation: householdSchema.shape.situation,
    costSharers: z.int().min(0).max(9).default(0).describe('Housemates of 27 or older who are not the partner and pay no commercial rent (0–9)'),
    ageGroup: householdSchema.shape.ageGroup,
    partnerNetMonthlyIncome: z.number().min(0).max(20_000).multipleOf(0.01).default(0).describe('The partner’s net monthly income in euros; only for partners'),
  })
  .superRefine((body, ctx) => {
    if (body.situation !== 'partners' && body.partnerNetMonthlyIncome > 0)
      addRuleIssue(ctx, ['partnerNetMonthlyIncome'], 'rekentool.partner_income_without_partner');
  });
export type PutHouseholdBody = z.infer<typeof putHouseholdBodySchema>;

/** Overrides of what the offer says, e.g. to show "what if 24 hours instead of 16". */
export const calculationQuerySchema = z.strictObject({
  hoursPerWeek: z.coerce.number().int().min(0).max(48).optional().describe('Hours per week for the whole year (instead of the offer’s)'),
  hoursPlan: z
    .string()
    .max(35)
    .regex(/^(?:[0-9]|[1-3][0-9]|4[0-8])(?:,(?:[0-9]|[1-3][0-9]|4[0-8])){0,11}$/, 'hours per week, comma-separated, e.g. 8,16,24')
    .optional()
    .describe('Hours per week that build up, comma-separated (e.g. 8,16,24); each step lasts stepMonths months'),
  stepMonths: z.coerce.number().int().min(1).max(12).default(2).describe('How many months each step of a building-up hours plan lasts'),
  hourlyWage: z.coerce.number().min(1).max(200).multipleOf(0.01).optional().describe('Gross hourly wage in euros; default the statutory minimum wage'),
  startDate: dateSchema.optional().describe('First working day; default the offer’s start date, else the first day of next month'),
  contractMonths: z.coerce.number().int().min(1).max(120).optional().describe('Contract length in months; default the offer’s (open-ended when unknown)'),
  monthlyWorkCosts: z.coerce
    .number()
    .min(0)
    .max(2000)
    .multipleOf(0.01)
    .default(0)
    .describe('Costs of working per month that the employer does not pay back (travel, childcare)'),
  allowanceMonthsUsed: z.coerce.number().int().min(0).max(60).default(0).describe('Months of income allowance the person already had'),
});
export type CalculationQuery = z.infer<typeof calculationQuerySchema>;

const money = z.number();
const monthSchema = z.object({
  month: z.string().describe('YYYY-MM'),
  index: z.int().describe('1 … 12'),
  hoursPerWeek: z.number(),
  workedShare: z.number().describe('Part of the month worked (0–1)'),
  hourlyWage: money,
  grossWage: money,
  holidayPay: money,
  payrollTax: money,
  netWage: money,
  norm: money.describe('The social-assistance norm of the household this month'),
  incomeAllowance: money.describe('Part of the net wage not counted against assistance (inkomstenvrijlating)'),
  allowanceMonth: z.int().nullable().describe('Which month of the income allowance this is, or null'),
  bijstand: money.describe('Social assistance still paid'),
  partnerIncome: money,
  incomeWithWork: money.describe('Net wage + assistance + partner income'),
  workCosts: money,
  incomeWithoutWork: money.describe('Staying on assistance alone'),
  difference: money.describe('With work − work costs − without work; below 0 is a poverty trap (armoedeval)'),
  flags: z.array(z.enum(MONTH_FLAGS)),
  rulesVersionId: z.string(),
});

const remedySchema = z.object({
  kind: z.enum(['more_hours', 'higher_wage', 'work_costs_paid', 'not_reachable']),
  hoursPerWeek: z.number().optional(),
  hourlyWage: z.number().optional(),
  amount: z.number().optional(),
  text: z.string(),
});

export const OFFER_KINDS = ['vacancy', 'placement'] as const;
export const HOURS_PLAN_SOURCES = ['query', 'candidate_and_vacancy', 'vacancy', 'placement'] as const;
export type HoursPlanSource = (typeof HOURS_PLAN_SOURCES)[number];

export const calculationSchema = z
  .object({
    candidateId: z.string(),
    calculatedAt: z.string(),
    offer: z.object({
      kind: z.enum(OFFER_KINDS),
      id: z.string(),
      title: z.string(),
      employerName: z.string(),
      startDate: z.string(),
      hoursPlan: z.array(z.object({ fromMonth: z.int(), hoursPerWeek: z.number() })),
      hoursPlanSource: z
        .enum(HOURS_PLAN_SOURCES)
        .describe('Where the hours come from: the query, the person’s ramp-up plan within the vacancy, the vacancy, or the placement'),
      hourlyWage: z.number().nullable().describe('null: the statutory minimum wage of each month'),
      contractMonths: z.int().nullable(),
      monthlyWorkCosts: z.number(),
      incomeAllowanceMonthsUsed: z.int(),
    }),
    household: householdSchema.omit({ updatedAt: true }),
    months: z.array(monthSchema),
    totals: z.object({ netWage: money, bijstand: money, incomeWithWork: money, workCosts: money, incomeWithoutWork: money, difference: money }),
    povertyTrap: z.object({ months: z.array(z.string()), remedies: z.array(remedySchema) }),
    conclusion: z.array(z.string()).length(3).describe('Three sentences, B1 Dutch (English on request)'),
    assumptions: z.array(z.string()),
    notIncluded: z.array(z.string()).describe('Benefits and schemes the calculation does not model'),
    rulesVersions: z.array(z.object({ id: z.string(), version: z.int(), validFrom: z.string(), sources: z.array(ruleSourceSchema) })),
  })
  .meta({ id: 'IncomeCalculation' });
export type CalculationView = z.infer<typeof calculationSchema>;

export const vacancyCalculationParamsSchema = z.strictObject({ id: z.uuid(), vacancyId: z.uuid() });

export const ruleSetViewSchema = z
  .object({
    id: z.string().describe('Stored id, or builtin:<validFrom> for the published defaults'),
    validFrom: z.string(),
    version: z.int().describe('0: the published default that ships with Kansrijk; 1, 2, …: saved by an admin'),
    rules: ruleSetSchema,
    reason: z.string().nullable(),
    createdBy: z.object({ id: z.string(), name: z.string().nullable() }).nullable(),
    createdAt: z.string().nullable(),
  })
  .meta({ id: 'IncomeRuleSet' });
export type RuleSetView = z.infer<typeof ruleSetViewSchema>;

export const ruleSetListSchema = z.object({
  periods: z.array(
    z.object({
      validFrom: z.string(),
      current: ruleSetViewSchema.describe('The version calculations use'),
      history: z.array(ruleSetViewSchema).describe('Every version of this period, newest first'),
    }),
  ),
});

export const listRuleSetsQuerySchema = z.strictObject({
  validFrom: periodStartSchema.optional().describe('Only this period'),
});

export const createRuleSetBodySchema = z.strictObject({
  rules: ruleSetSchema,
  reason: z.string().trim().min(3).max(500).describe('Why the figures change, and where the new ones come from'),
});
export type CreateRuleSetBody = z.infer<typeof createRuleSetBodySchema>;
