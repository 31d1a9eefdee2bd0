import { z } from 'zod';
import { CONTRACT_TYPES, vacancyCompetencySchema } from '../vacancies/vacancies.schemas.js';
import { dateSchema, escoOccupationUri, hoursRangeSchema, idSchema, longText, shortText } from '../schemas/common.js';
import { shiftPatternSchema } from '../schemas/schedule.js';

export const GROWTH_PLAN_STATUSES = ['planned', 'in_progress', 'done', 'cancelled'] as const;

export const growthPlanRoleBodySchema = z.strictObject({
  title: shortText(200).describe('Role, e.g. "Orderpicker"'),
  occupationUri: escoOccupationUri.optional(),
  headcount: z.int().min(1).max(1000).describe('How many people'),
  expectedDate: dateSchema.describe('When they should start'),
  hoursPerWeek: hoursRangeSchema,
  shiftPattern: shiftPatternSchema,
  competencies: z.array(vacancyCompetencySchema).max(40).default([]).describe('Competencies needed later'),
  trainingLeadTimeWeeks: z.int().min(0).max(104).default(0).describe('Weeks of training before the start date'),
  contractType: z.enum(CONTRACT_TYPES).default('fixed_term'),
});
export type GrowthPlanRoleBody = z.infer<typeof growthPlanRoleBodySchema>;

export const createGrowthPlanBodySchema = z.strictObject({
  name: shortText(200).describe('e.g. "Nieuw distributiecentrum Tilburg-Noord"'),
  description: longText(5000).optional(),
  locationId: idSchema.optional().describe('Where the work will be; needed to draft vacancies'),
  roles: z.array(growthPlanRoleBodySchema).min(1).max(20),
});
export type CreateGrowthPlanBody = z.infer<typeof createGrowthPlanBodySchema>;

/** A change to one of the plan's roles, named by its id: only the fields given change. */
export const growthPlanRoleChangeSchema = z.strictObject({
  id: idSchema.describe('The role to change (one of this plan’s roles)'),
  title: shortText(200).optional(),
  headcount: z.int().min(1).max(1000).optional().describe('How many people'),
  expectedDate: dateSchema.optional().describe('When they should start'),
  trainingLeadTimeWeeks: z.int().min(0).max(104).optional().describe('Weeks of training before the start date'),
});
export type GrowthPlanRoleChange = z.infer<typeof growthPlanRoleChangeSchema>;

export const updateGrowthPlanBodySchema = z.strictObject({
  name: shortText(200).optional(),
  description: longText(5000).nullable().optional(),
  locationId: idSchema.nullable().optional(),
  status: z.enum(GROWTH_PLAN_STATUSES).optional(),
  roles: z
    .array(growthPlanRoleChangeSchema)
    .max(20)
    .optional()
    .describe('Changes to existing roles (headcount, dates, title); a vacancy already drafted from a role keeps its own values'),
});
export type UpdateGrowthPlanBody = z.infer<typeof updateGrowthPlanBodySchema>;

export const growthPlanRoleSchema = z.object({
  id: idSchema,
  title: z.string(),
  occupationUri: z.string().nullable(),
  headcount: z.number(),
  expectedDate: z.string(),
  prepareFrom: z.string().describe('When the cohort should start preparing: expected date minus the training lead time'),
  hoursPerWeek: z.object({ min: z.number(), max: z.number() }),
  shiftPattern: z.unknown(),
  competencies: z.array(vacancyCompetencySchema),
  trainingLeadTimeWeeks: z.number(),
  contractType: z.enum(CONTRACT_TYPES),
  vacancyId: idSchema.nullable().describe('The draft vacancy made from this role, if any'),
});

export const growthPlanSchema = z
  .object({
    id: idSchema,
    employerId: idSchema,
    locationId: idSchema.nullable(),
    name: z.string(),
    description: z.string().nullable(),
    status: z.enum(GROWTH_PLAN_STATUSES),
    totalHeadcount: z.number(),
    roles: z.array(growthPlanRoleSchema),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: 'GrowthPlan' });
export type GrowthPlanView = z.infer<typeof growthPlanSchema>;

export const draftVacanciesResultSchema = z.object({
  created: z.array(z.object({ roleId: idSchema, vacancyId: idSchema })),
  alreadyDrafted: z.array(z.object({ roleId: idSchema, vacancyId: idSchema })),
});
