import { z } from 'zod';
import {
  cursorSchema,
  dateSchema,
  escoOccupationUri,
  escoSkillUri,
  hoursRangeSchema,
  idSchema,
  keptFreeSchema,
  limitSchema,
  longText,
  pageOf,
  shortText,
} from '../schemas/common.js';
import { addRuleIssue } from '../schemas/messages.js';
import { tenantSlugSchema } from '../tenants/tenants.schemas.js';
import { dayPartSchema, shiftPatternSchema } from '../schemas/schedule.js';

export const VACANCY_STATUSES = ['draft', 'open', 'filled', 'closed'] as const;
export type VacancyStatus = (typeof VACANCY_STATUSES)[number];

/** The only status changes a vacancy may make. */
export const VACANCY_TRANSITIONS: Record<VacancyStatus, readonly VacancyStatus[]> = {
  draft: ['open', 'closed'],
  open: ['filled', 'closed'],
  filled: [],
  closed: [],
};

export const CONTRACT_TYPES = ['permanent', 'fixed_term', 'agency', 'on_call', 'work_learning'] as const;
export const SUPPORT_KINDS = ['job_coach', 'trial_placement', 'buddy', 'adapted_workplace', 'language_support'] as const;
export const DRIVING_LICENCE_CATEGORIES = ['AM', 'A', 'B', 'BE', 'C1', 'C', 'CE', 'D1', 'D', 'T'] as const;
export const COMPETENCY_IMPORTANCE = ['must', 'should', 'trainable'] as const;

export const vacancyCompetencySchema = z.strictObject({
  skillUri: escoSkillUri.optional().describe('ESCO skill URI, when known (confirmed from the suggestions)'),
  label: shortText(200).describe('The competency in plain words, e.g. "orderpicken met scanner"; kept as given when a concept is linked'),
  keptFree: keptFreeSchema,
  importance: z.enum(COMPETENCY_IMPORTANCE).describe('must: needed from day one; should: a plus; trainable: learned on the job'),
});

const obtainableWithinWeeks = z
  .int()
  .min(0)
  .max(104)
  .describe(
    'Weeks it takes to get it. When the start date leaves that much time, someone without it is a conditional match (get it first), not excluded. A VOG counts as 4 weeks when not given.',
  );

/** A certificate or licence that the law requires for this work, with its legal ground. */
export const requiredCredentialSchema = z.discriminatedUnion('type', [
  z.strictObject({
    type: z.literal('driving_licence'),
    category: z.enum(DRIVING_LICENCE_CATEGORIES).describe('Driving licence category'),
    legalGround: shortText(300).describe('The law that requires it, e.g. "Wegenverkeerswet 1994, art. 107"'),
    obtainableWithinWeeks: obtainableWithinWeeks.optional(),
  }),
  z.strictObject({
    type: z.literal('certificate'),
    name: shortText(200).describe('Name of the certificate, e.g. "Diploma Beveiliger 2"'),
    legalGround: shortText(300).describe('The law that requires it'),
    obtainableWithinWeeks: obtainableWithinWeeks.optional(),
  }),
]);

export const trainingSchema = z.strictObject({
  title: shortText(200).describe('What is taught'),
  durationWeeks: z.int().min(0).max(104).optional().describe('Length in weeks'),
  leadsToCertificate: shortText(200).optional().describe('Certificate gained, if any'),
});

export const SALARY_PERIODS = ['HOUR', 'MONTH', 'YEAR'] as const;

/** Gross pay in euros, as a range (min = max for one amount); schema.org baseSalary in the public feed. */
export const salarySchema = z
  .strictObject({
    min: z.number().min(0).max(1_000_000).describe('Lowest gross pay in euros'),
    max: z.number().min(0).max(1_000_000).describe('Highest gross pay in euros (the same as min for one amount)'),
    period: z.enum(SALARY_PERIODS).describe('Per hour, month or year'),
  })
  .superRefine((salary, ctx) => {
    if (salary.min > salary.max) addRuleIssue(ctx, ['min'], 'salary.min_above_max');
  });

const publicField = z.boolean().describe('The employer lets the Werkplein publish this vacancy as a schema.org JobPosting in its public feed while it is open');
const validThroughField = dateSchema.describe('Last day people can respond; the public feed leaves the vacancy out after it');

const vacancyFields = {
  employerId: idSchema.describe('The employer; employer tokens may leave it out (their own)'),
  locationId: idSchema.describe('One of the employer’s locations'),
  title: shortText(200).describe('Job title as the employer says it'),
  occupationUri: escoOccupationUri.optional(),
  description: longText(10_000).optional().describe('What the work is, in plain words'),
  hoursPerWeek: hoursRangeSchema,
  rampUpFromHours: z
    .int()
    .min(1)
    .max(40)
    .nullable()
    .default(null)
    .describe('A ramp-up start is possible from this many hours per week; null: no ramp-up start'),
  shiftPattern: shiftPatternSchema,
  contractType: z.enum(CONTRACT_TYPES),
  startDate: dateSchema.optional().describe('Intended start date'),
  positions: z.int().min(1).max(500).default(1).describe('Number of people needed'),
  competencies: z.array(vacancyCompetencySchema).max(40).default([]),
  trainingOffered: z.array(trainingSchema).max(20).default([]),
  supportOffered: z.array(z.enum(SUPPORT_KINDS)).max(SUPPORT_KINDS.length).default([]),
  requiredCredentials: z
    .array(requiredCredentialSchema)
    .max(10)
    .default([])
    .describe('Only what the law requires (regulated work), each with its legal ground'),
  public: publicField.default(false),
  validThrough: validThroughField.optional(),
  salary: salarySchema.optional(),
};

function checkHours(value: { hoursPerWeek?: { min: number; max: number }; rampUpFromHours?: number | null }, ctx: z.core.$RefinementCtx) {
  if (value.hoursPerWeek && value.rampUpFromHours != null && value.rampUpFromHours >= value.hoursPerWeek.min) {
    addRuleIssue(ctx, ['rampUpFromHours'], 'hours.ramp_up_not_below_min');
  }
}

export const createVacancyBodySchema = z
  .strictObject({
    ...vacancyFields,
    employerId: vacancyFields.employerId.optional(),
    status: z.enum(['draft', 'open']).default('draft').describe('Post as draft (default) or open at once'),
  })
  .superRefine(checkHours);
export type CreateVacancyBody = z.infer<typeof createVacancyBodySchema>;

export const updateVacancyBodySchema = z
  .strictObject({
    locationId: vacancyFields.locationId.optional(),
    title: vacancyFields.title.optional(),
    occupationUri: escoOccupationUri.nullable().optional(),
    description: longText(10_000).nullable().optional(),
    hoursPerWeek: hoursRangeSchema.optional(),
    rampUpFromHours: z.int().min(1).max(40).nullable().optional(),
    shiftPattern: shiftPatternSchema.optional(),
    contractType: vacancyFields.contractType.optional(),
    startDate: dateSchema.nullable().optional(),
    positions: z.int().min(1).max(500).optional(),
    competencies: z.array(vacancyCompetencySchema).max(40).optional(),
    trainingOffered: z.array(trainingSchema).max(20).optional(),
    supportOffered: z.array(z.enum(SUPPORT_KINDS)).max(SUPPORT_KINDS.length).optional(),
    requiredCredentials: z.array(requiredCredentialSchema).max(10).optional(),
    public: publicField.optional(),
    validThrough: validThroughField.nullable().optional(),
    salary: salarySchema.nullable().optional(),
    status: z.enum(VACANCY_STATUSES).optional().describe('Move to another status: draft → open → filled | closed'),
  })
  .superRefine(checkHours);
export type UpdateVacancyBody = z.infer<typeof updateVacancyBodySchema>;

export const vacancySchema = z
  .object({
    id: idSchema,
    employerId: idSchema,
    employerName: z.string(),
    locationId: idSchema,
    location: z.object({ name: z.string(), city: z.string(), postcode4: z.string() }),
    title: z.string(),
    occupationUri: z.string().nullable(),
    description: z.string().nullable(),
    hoursPerWeek: z.object({ min: z.number(), max: z.number() }),
    rampUpFromHours: z.number().nullable(),
    shiftPattern: z.unknown().describe('The shift pattern as posted'),
    shiftSummary: z.object({
      dayParts: z.array(dayPartSchema),
      weekendWork: z.boolean(),
      nightWork: z.boolean(),
    }),
    contractType: z.enum(CONTRACT_TYPES),
    startDate: z.string().nullable(),
    positions: z.number(),
    competencies: z.array(vacancyCompetencySchema),
    trainingOffered: z.array(trainingSchema),
    supportOffered: z.array(z.enum(SUPPORT_KINDS)),
    requiredCredentials: z.array(requiredCredentialSchema),
    status: z.enum(VACANCY_STATUSES),
    growthPlanRoleId: idSchema.nullable(),
    public: z.boolean().describe('Published in the Werkplein’s public JobPosting feed while open'),
    validThrough: z.string().nullable().describe('Last day people can respond; null: until filled or closed'),
    salary: salarySchema.nullable(),
    openedAt: z.string().nullable().describe('When the vacancy became open (ISO 8601); null while it was never open'),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: 'Vacancy' });
export type VacancyView = z.infer<typeof vacancySchema>;

export const listVacanciesQuerySchema = z.strictObject({
  status: z.enum(VACANCY_STATUSES).optional(),
  employerId: idSchema.optional(),
  dayPart: dayPartSchema.optional().describe('Only vacancies with a shift in this day part'),
  q: z.string().trim().max(100).optional().describe('Words in the title'),
  limit: limitSchema,
  cursor: cursorSchema,
});
export type ListVacanciesQuery = z.infer<typeof listVacanciesQuerySchema>;

export const vacancyPageSchema = pageOf(vacancySchema);

/* ---- The public JobPosting feed (issue 19.3): what the OpenAPI document says of it ---- */

/** A vacancy without an end date stays in the feed this long after the feed was made (it is renewed while open). */
export const DEFAULT_VALID_DAYS = 30;

export const jobPostingFeedParamsSchema = z.strictObject({
  tenantSlug: tenantSlugSchema.describe('The Werkplein’s short name, e.g. "werkplein-hart-van-brabant"'),
});

const jobPostingDocSchema = z
  .looseObject({
    '@type': z.literal('JobPosting'),
    identifier: z
      .object({ '@type': z.literal('PropertyValue'), propertyID: z.string(), value: z.string() })
      .describe('kansrijk:<tenantSlug> and the vacancy id'),
    title: z.string(),
    description: z.string().describe('HTML: the employer’s description in paragraphs'),
    datePosted: z.string().describe('When the vacancy opened (ISO 8601)'),
    validThrough: z.string().describe(`Last day (YYYY-MM-DD): the employer’s, else ${DEFAULT_VALID_DAYS} days after the feed was made (renewed while open)`),
    employmentType: z.array(z.string()).describe('FULL_TIME or PART_TIME, and TEMPORARY, CONTRACTOR, PER_DIEM or INTERN by the contract'),
    hiringOrganization: z.object({ '@type': z.literal('Organization'), name: z.string(), url: z.string().optional() }),
    jobLocation: z.object({
      '@type': z.literal('Place'),
      address: z.object({
        '@type': z.literal('PostalAddress'),
        streetAddress: z.string().optional(),
        postalCode: z.string(),
        addressLocality: z.string(),
        addressCountry: z.literal('NL'),
      }),
      geo: z.object({ '@type': z.literal('GeoCoordinates'), latitude: z.number(), longitude: z.number() }),
    }),
    workHours: z.string().describe('Hours per week ("24–32 uur per week"), then the shifts in plain Dutch'),
    totalJobOpenings: z.number(),
    jobStartDate: z.string().optional(),
    occupationalCategory: z.string().optional().describe('ESCO occupation URI'),
    baseSalary: z
      .object({
        '@type': z.literal('MonetaryAmount'),
        currency: z.literal('EUR'),
        value: z.object({ '@type': z.literal('QuantitativeValue'), minValue: z.number(), maxValue: z.number(), unitText: z.enum(SALARY_PERIODS) }),
      })
      .optional()
      .describe('Only when the employer gave the pay'),
  })
  .meta({ id: 'JobPosting' });

export const jobPostingFeedSchema = z
  .object({
    '@context': z.literal('https://schema.org'),
    '@graph': z.array(jobPostingDocSchema),
  })
  .meta({ id: 'JobPostingFeed' });
