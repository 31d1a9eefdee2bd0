import { z } from 'zod';
import { SECTORS } from '../employers/employers.schemas.js';
import { addRuleIssue } from '../schemas/messages.js';
import { EVIDENCE_KINDS, LIFE_DOMAINS, TRAVEL_MODES } from '../matching/matcher.types.js';
import { escoOccupationUri, escoSkillUri, keptFreeSchema, longText, shortText } from '../schemas/common.js';
import { weekGridSchema } from '../schemas/schedule.js';
import { DRIVING_LICENCE_CATEGORIES } from '../vacancies/vacancies.schemas.js';

/*
 * The answers of the uniform intake, one schema per questionnaire version. Answers are stored as
 * given; `deriveProfile` (intake.derive.ts) turns any version into the current profile, so answers
 * to an older version stay readable and derivable.
 *
 * v1 (2025): travel asked as a distance (km); no learning-ability question; no digital-skills domain.
 * v2 (2026, current): travel asked in minutes; learning ability assessed with evidence; digital skills.
 */

export const QUESTIONNAIRE_VERSIONS = ['v1', 'v2'] as const;
export type QuestionnaireVersion = (typeof QUESTIONNAIRE_VERSIONS)[number];
export const CURRENT_QUESTIONNAIRE_VERSION: QuestionnaireVersion = 'v2';

export const SEVERITIES = ['light', 'moderate', 'severe'] as const;
export const ACTION_OWNERS = ['candidate', 'account_manager', 'partner'] as const;
export const EXPERIENCE_KINDS = ['paid', 'volunteer', 'informal', 'care'] as const;

const workWishes = z.strictObject({
  occupationUris: z.array(escoOccupationUri).max(10).default([]).describe('Occupations the person would like (ESCO)'),
  titles: z.array(shortText(120)).max(10).default([]).describe('Work the person would like, in their own words'),
  sectors: z.array(z.enum(SECTORS)).max(SECTORS.length).default([]),
  notes: longText(2000).optional().describe('What gives the person energy in work'),
});

const experience = z
  .array(
    z.strictObject({
      kind: z.enum(EXPERIENCE_KINDS).describe('paid work, volunteer work, informal help, or care for family: all count'),
      title: shortText(200),
      description: longText(2000).optional(),
      months: z.int().min(0).max(600).optional(),
    }),
  )
  .max(30)
  .default([]);

const competencies = z
  .array(
    z.strictObject({
      skillUri: escoSkillUri.optional(),
      label: shortText(200).describe('The competence in the person’s own words (from paid, volunteer, informal or care work)'),
      keptFree: keptFreeSchema,
      level: z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4)]).describe('1 beginner … 4 can teach others'),
      evidence: z.enum(EVIDENCE_KINDS).describe('How we know: self-reported, observed by staff, work experience, volunteer work, certificate'),
      note: longText(1000).optional(),
    }),
  )
  .max(60)
  .default([]);

const availability = z
  .strictObject({
    grid: weekGridSchema,
    hoursNow: z.int().min(0).max(48).describe('Hours per week the person can work now'),
    hoursTarget: z.int().min(0).max(48).describe('Hours per week the person aims for'),
    rampUpPlan: z.array(z.int().min(1).max(48)).max(8).default([]).describe('Steps from now to the target, e.g. [8, 16, 24]'),
  })
  .superRefine((value, ctx) => {
    const steps = value.rampUpPlan;
    if (steps.some((step, index) => index > 0 && step <= steps[index - 1]!)) addRuleIssue(ctx, ['rampUpPlan'], 'ramp_up.not_ascending');
    if (value.hoursTarget < value.hoursNow) addRuleIssue(ctx, ['hoursTarget'], 'hours.target_below_now');
  });

const assessment = z.strictObject({
  score: z.int().min(1).max(5).describe('1 (low) … 5 (high)'),
  evidence: longText(2000).describe('What was seen or heard that supports the score'),
});

function barriers(domains: readonly string[]) {
  return z
    .array(
      z
        .strictObject({
          domain: z.enum(domains as [string, ...string[]]),
          severity: z.enum(SEVERITIES),
          solvable: z.boolean().describe('Can it be solved with an agreed action?'),
          description: longText(2000).optional().describe('Special-category detail: visible to the assigned account manager only'),
          action: shortText(300).optional().describe('The agreed action, e.g. "fiets regelen via de fietsenbank"'),
          actionOwner: z.enum(ACTION_OWNERS).optional(),
          unlocksMode: z.enum(TRAVEL_MODES).optional().describe('A travel mode the action makes available'),
        })
        .superRefine((barrier, ctx) => {
          if (barrier.solvable && !barrier.action) addRuleIssue(ctx, ['action'], 'barrier.action_required');
        }),
    )
    .max(domains.length)
    .superRefine((list, ctx) => {
      const seen = new Set<string>();
      list.forEach((barrier, index) => {
        if (seen.has(barrier.domain)) addRuleIssue(ctx, [index, 'domain'], 'list.duplicates');
        seen.add(barrier.domain);
      });
    })
    .describe('Barriers per life domain; an empty list means: asked, none found');
}

const diplomas = z.strictObject({
  educationLevel: z.int().min(0).max(4).describe('0 none, 1 primary/vmbo, 2 mbo 1–2, 3 mbo 3–4/havo/vwo, 4 hbo/wo'),
  items: z
    .array(z.strictObject({ name: shortText(200), level: z.int().min(0).max(4), year: z.int().min(1950).max(2100).optional() }))
    .max(20)
    .default([]),
});

const mobilityV2 = z.strictObject({
  modes: z.array(z.enum(TRAVEL_MODES)).max(TRAVEL_MODES.length),
  drivingLicences: z.array(z.enum(DRIVING_LICENCE_CATEGORIES)).max(DRIVING_LICENCE_CATEGORIES.length).default([]),
  maxTravelMinutes: z.int().min(5).max(180),
});

const mobilityV1 = z.strictObject({
  modes: z.array(z.enum(TRAVEL_MODES)).max(TRAVEL_MODES.length),
  drivingLicences: z.array(z.enum(DRIVING_LICENCE_CATEGORIES)).max(DRIVING_LICENCE_CATEGORIES.length).default([]),
  maxTravelKm: z.number().min(1).max(150),
});

const V1_DOMAINS = LIFE_DOMAINS.filter((domain) => domain !== 'digital_skills');

export const answersV1Schema = z.strictObject({
  workWishes,
  experience,
  competencies,
  availability,
  mobility: mobilityV1,
  motivation: assessment,
  barriers: barriers(V1_DOMAINS),
  certificates: z.array(shortText(120)).max(20).default([]),
  diplomas,
});

export const answersV2Schema = z.strictObject({
  workWishes,
  experience,
  competencies,
  availability,
  mobility: mobilityV2,
  motivation: assessment,
  learningAbility: assessment.describe('Learning ability (potential), with evidence'),
  barriers: barriers(LIFE_DOMAINS),
  certificates: z.array(shortText(120)).max(20).default([]),
  diplomas,
});

export type AnswersV1 = z.infer<typeof answersV1Schema>;
export type AnswersV2 = z.infer<typeof answersV2Schema>;

export const ANSWER_SCHEMAS = { v1: answersV1Schema, v2: answersV2Schema } as const;

/** The intake as sent: a version and its answers (validated against that version's schema). */
export const submitIntakeBodySchema = z.discriminatedUnion('questionnaireVersion', [
  z.strictObject({ questionnaireVersion: z.literal('v1'), answers: answersV1Schema }),
  z.strictObject({ questionnaireVersion: z.literal('v2'), answers: answersV2Schema }),
]);
export type SubmitIntakeBody = z.infer<typeof submitIntakeBodySchema>;

/** The schema of one section of a version's answers (one step of the werkplek's intake form), or undefined. */
export function sectionSchema(version: QuestionnaireVersion, section: string): z.ZodType | undefined {
  const shape = ANSWER_SCHEMAS[version].shape as Record<string, z.ZodType>;
  return Object.hasOwn(shape, section) ? shape[section] : undefined;
}
