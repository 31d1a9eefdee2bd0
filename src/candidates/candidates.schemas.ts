import { z } from 'zod';
import { SECTORS } from '../employers/employers.schemas.js';
import { ACTION_OWNERS, EXPERIENCE_KINDS, QUESTIONNAIRE_VERSIONS, SEVERITIES } from '../intake/intake.answers.js';
import { PROFILE_PARTS } from '../intake/intake.derive.js';
import { EVIDENCE_KINDS, LIFE_DOMAINS, TRAVEL_MODES } from '../matching/matcher.types.js';
import {
  cursorSchema,
  dateSchema,
  escoOccupationUri,
  escoSkillUri,
  idSchema,
  keptFreeSchema,
  limitSchema,
  longText,
  pageOf,
  postcodeSchema,
  shortText,
} from '../schemas/common.js';
import { weekGridSchema } from '../schemas/schedule.js';
import { DRIVING_LICENCE_CATEGORIES } from '../vacancies/vacancies.schemas.js';

export const CANDIDATE_STATUSES = ['active', 'paused', 'placed', 'participation_route'] as const;
export const CONSENT_PURPOSES = ['share_with_employers', 'disclose_identity', 'share_instrument_eligibility'] as const;
export type ConsentPurpose = (typeof CONSENT_PURPOSES)[number];

const contactFields = {
  givenName: shortText(100),
  familyName: shortText(100),
  email: z.email().max(254).optional(),
  phone: z
    .string()
    .trim()
    .max(21)
    .regex(/^\+?[0-9 ()-]{8,20}$/, 'a phone number')
    .optional(),
  street: shortText(200).optional(),
  houseNumber: z.string().trim().min(1).max(12).optional(),
  city: shortText(120).optional(),
  dateOfBirth: dateSchema.optional().describe('Only for the eligibility of employer instruments; never used in matching'),
};

export const createCandidateBodySchema = z.strictObject({
  contact: z.strictObject(contactFields).describe('Contact data, kept apart from the profile'),
  postcode: postcodeSchema.describe('Home postcode; only its area (PC4) is used, for travel times'),
  accountManagerId: idSchema.optional().describe('Assigned account manager (default: you, if you are one)'),
  status: z.enum(CANDIDATE_STATUSES).default('active'),
});
export type CreateCandidateBody = z.infer<typeof createCandidateBodySchema>;

export const updateCandidateBodySchema = z.strictObject({
  status: z.enum(CANDIDATE_STATUSES).optional(),
  accountManagerId: idSchema.nullable().optional(),
  postcode: postcodeSchema.optional(),
});
export type UpdateCandidateBody = z.infer<typeof updateCandidateBodySchema>;

export const updateContactBodySchema = z.strictObject({
  givenName: contactFields.givenName.optional(),
  familyName: contactFields.familyName.optional(),
  email: contactFields.email.unwrap().nullable().optional(),
  phone: contactFields.phone.unwrap().nullable().optional(),
  street: contactFields.street.unwrap().nullable().optional(),
  houseNumber: contactFields.houseNumber.unwrap().nullable().optional(),
  city: contactFields.city.unwrap().nullable().optional(),
  dateOfBirth: dateSchema.nullable().optional(),
});
export type UpdateContactBody = z.infer<typeof updateContactBodySchema>;

const completenessSchema = z.object({
  percentage: z.int().describe('0–100'),
  missing: z.array(z.enum(PROFILE_PARTS)),
});

export const candidateSchema = z
  .object({
    id: idSchema,
    reference: z.string().describe('Pseudonymous reference, e.g. KR-7F3K9Q'),
    name: z.string().describe('Given name and family name (staff only)'),
    status: z.enum(CANDIDATE_STATUSES),
    accountManager: z.object({ id: idSchema, name: z.string() }).nullable(),
    postcode4: z.string(),
    municipality: z.string().nullable(),
    completeness: completenessSchema,
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: 'Candidate' });
export type CandidateView = z.infer<typeof candidateSchema>;
export const candidatePageSchema = pageOf(candidateSchema);

export const listCandidatesQuerySchema = z.strictObject({
  status: z.enum(CANDIDATE_STATUSES).optional(),
  accountManagerId: z
    .union([z.literal('me'), idSchema])
    .optional()
    .describe('"me" for your own caseload'),
  q: z.string().trim().min(1).max(100).optional().describe('Reference or name'),
  limit: limitSchema,
  cursor: cursorSchema,
});
export type ListCandidatesQuery = z.infer<typeof listCandidatesQuerySchema>;

export const contactSchema = z
  .object({
    givenName: z.string(),
    familyName: z.string(),
    email: z.string().nullable(),
    phone: z.string().nullable(),
    street: z.string().nullable(),
    houseNumber: z.string().nullable(),
    postcode: z.string().nullable(),
    city: z.string().nullable(),
    dateOfBirth: z.string().nullable(),
    updatedAt: z.string(),
  })
  .meta({ id: 'CandidateContact' });
export type ContactView = z.infer<typeof contactSchema>;

const assessmentSchema = z.object({
  id: idSchema,
  kind: z.enum(['motivation', 'potential']),
  score: z.int(),
  evidence: z.string(),
  assessedBy: z.object({ id: idSchema, name: z.string() }),
  assessedAt: z.string(),
});
export type AssessmentView = z.infer<typeof assessmentSchema>;

export const barrierSchema = z
  .object({
    id: idSchema,
    domain: z.enum(LIFE_DOMAINS),
    severity: z.enum(SEVERITIES),
    solvable: z.boolean(),
    description: z.string().nullable(),
    action: z.string().nullable(),
    actionOwner: z.enum(ACTION_OWNERS).nullable(),
    actionStatus: z.enum(['open', 'done']).nullable(),
    actionDoneAt: z.string().nullable(),
    unlocksMode: z.enum(TRAVEL_MODES).nullable(),
    updatedAt: z.string(),
  })
  .meta({ id: 'Barrier' });
export type BarrierView = z.infer<typeof barrierSchema>;

export const consentSchema = z
  .object({
    id: idSchema,
    purpose: z.enum(CONSENT_PURPOSES),
    textVersion: z.string(),
    text: z.string().describe('The text the person agreed to'),
    givenAt: z.string(),
    expiresAt: z.string().nullable(),
    withdrawnAt: z.string().nullable(),
    active: z.boolean(),
  })
  .meta({ id: 'Consent' });
export type ConsentView = z.infer<typeof consentSchema>;

const competencySchema = z.strictObject({
  skillUri: escoSkillUri.optional(),
  label: shortText(200).describe('The competence in the person’s own words; kept as given when a concept is linked'),
  keptFree: keptFreeSchema,
  level: z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4)]),
  evidence: z.enum(EVIDENCE_KINDS),
  note: longText(1000).optional(),
});
const experienceSchema = z.strictObject({
  kind: z.enum(EXPERIENCE_KINDS),
  title: shortText(200),
  description: longText(2000).optional(),
  months: z.int().min(0).max(600).optional(),
});
const workWishesSchema = z.strictObject({
  occupationUris: z.array(escoOccupationUri).max(10).default([]),
  titles: z.array(shortText(120)).max(10).default([]),
  sectors: z.array(z.enum(SECTORS)).max(SECTORS.length).default([]),
  notes: longText(2000).optional(),
});
const mobilitySchema = z.strictObject({
  modes: z.array(z.enum(TRAVEL_MODES)).max(TRAVEL_MODES.length),
  drivingLicences: z.array(z.enum(DRIVING_LICENCE_CATEGORIES)).max(DRIVING_LICENCE_CATEGORIES.length).default([]),
  maxTravelMinutes: z.int().min(5).max(180),
});

export const profileSchema = z
  .object({
    candidateId: idSchema,
    version: z.int().describe('Goes up with every change'),
    questionnaireVersion: z.enum(QUESTIONNAIRE_VERSIONS).nullable().describe('Version of the intake it was derived from'),
    intakeId: idSchema.nullable(),
    workWishes: workWishesSchema.nullable(),
    experience: z.array(experienceSchema),
    competencies: z.array(competencySchema),
    availability: z.record(z.string(), z.array(z.string())).nullable(),
    hours: z.object({ now: z.int().nullable(), target: z.int().nullable(), rampUpPlan: z.array(z.int()) }),
    mobility: mobilitySchema.nullable(),
    certificates: z.array(z.string()),
    educationLevel: z.int().nullable(),
    diplomas: z.array(z.object({ name: z.string(), level: z.int(), year: z.int().optional() })),
    motivation: assessmentSchema.nullable().describe('Latest evidenced assessment'),
    potential: assessmentSchema.nullable().describe('Latest evidenced assessment of learning ability'),
    assessmentHistory: z.array(assessmentSchema),
    barriersVisible: z.boolean().describe('false: special-category data is only for the assigned account manager and admins'),
    barriers: z.array(barrierSchema).nullable(),
    openConditions: z.int().describe('Number of agreed actions still open (shown to everyone; details only when barriersVisible)'),
    consents: z.array(consentSchema),
    completeness: completenessSchema,
    updatedAt: z.string().nullable(),
  })
  .meta({ id: 'CandidateProfile' });
export type ProfileView = z.infer<typeof profileSchema>;

export const updateProfileBodySchema = z.strictObject({
  workWishes: workWishesSchema.optional(),
  experience: z.array(experienceSchema).max(30).optional(),
  competencies: z.array(competencySchema).max(60).optional(),
  availability: weekGridSchema.optional(),
  hoursNow: z.int().min(0).max(48).optional(),
  hoursTarget: z.int().min(0).max(48).optional(),
  rampUpPlan: z.array(z.int().min(1).max(48)).max(8).optional(),
  mobility: mobilitySchema.optional(),
  certificates: z.array(shortText(120)).max(20).optional(),
});
export type UpdateProfileBody = z.infer<typeof updateProfileBodySchema>;

export const createAssessmentBodySchema = z.strictObject({
  kind: z.enum(['motivation', 'potential']),
  score: z.int().min(1).max(5),
  evidence: longText(2000).describe('What was seen or heard: every assessment carries its evidence'),
});

export const updateBarrierBodySchema = z.strictObject({
  actionStatus: z.enum(['open', 'done']).optional().describe('"done": the agreed action is completed (e.g. "fiets geregeld")'),
  action: shortText(300).optional(),
  actionOwner: z.enum(ACTION_OWNERS).optional(),
  severity: z.enum(SEVERITIES).optional(),
  solvable: z.boolean().optional(),
  description: longText(2000).nullable().optional(),
});
export type UpdateBarrierBody = z.infer<typeof updateBarrierBodySchema>;

export const giveConsentBodySchema = z.strictObject({
  purpose: z.enum(CONSENT_PURPOSES),
  textVersion: z.string().max(40).describe('The version of the consent text that was shown (GET /v1/consent-texts)'),
  expiresAt: z.iso.datetime({ offset: true }).max(64).optional().describe('Until when; default one year'),
});

export const historyEntrySchema = z.object({
  id: idSchema,
  at: z.string(),
  actor: z.object({ id: idSchema, name: z.string() }).nullable(),
  change: z.string(),
  fields: z.array(z.string()),
  summary: z.string().nullable(),
});

export const intakeSummarySchema = z.object({
  id: idSchema,
  questionnaireVersion: z.enum(QUESTIONNAIRE_VERSIONS),
  submittedAt: z.string(),
  submittedBy: z.object({ id: idSchema, name: z.string() }),
});
export const intakeSchema = intakeSummarySchema.extend({
  answers: z.record(z.string(), z.unknown()).describe('As given; the barriers section only for the assigned account manager and admins'),
  barriersRedacted: z.boolean(),
});

export const candidateBarrierParamsSchema = z.strictObject({ id: idSchema, barrierId: idSchema });
export const candidateIntakeParamsSchema = z.strictObject({ id: idSchema, intakeId: idSchema });
export const candidateConsentParamsSchema = z.strictObject({ id: idSchema, consentId: idSchema });
