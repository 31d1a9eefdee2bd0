import { z } from 'zod';
import { CANDIDATE_STATUSES } from '../candidates/candidates.schemas.js';
import { EVIDENCE_KINDS, TRAVEL_MODES } from '../matching/matcher.types.js';
import { cursorSchema, idSchema, limitSchema, longText, pageOf } from '../schemas/common.js';
import { weekGridSchema } from '../schemas/schedule.js';
import { PROTECTED_GROUNDS } from './protected-grounds.js';

export const SHORTLIST_STATUSES = ['draft', 'sent', 'closed'] as const;
export type ShortlistStatus = (typeof SHORTLIST_STATUSES)[number];
export const ENTRY_SOURCES = ['ranking', 'manual'] as const;
/** Why an entry left the shortlist; 'consent_withdrawn' is set by the database when consent is withdrawn. */
export const REMOVAL_REASONS = ['removed_by_staff', 'consent_withdrawn', 'candidate_unavailable'] as const;
export type RemovalReason = (typeof REMOVAL_REASONS)[number];
export const STAFF_REMOVAL_REASONS = ['removed_by_staff', 'candidate_unavailable'] as const;

export const FEEDBACK_DECISIONS = ['invite', 'hire', 'decline'] as const;
export type FeedbackDecision = (typeof FEEDBACK_DECISIONS)[number];
/** Structured reasons for feedback; a decline needs one. */
export const FEEDBACK_REASON_CODES = [
  'skills_mismatch',
  'experience_insufficient',
  'availability_mismatch',
  'hours_mismatch',
  'travel_distance',
  'position_filled',
  'other',
] as const;
export type FeedbackReasonCode = (typeof FEEDBACK_REASON_CODES)[number];

export const shortlistParamsSchema = z.strictObject({ id: idSchema });
export const shortlistEntryParamsSchema = z.strictObject({ id: idSchema, candidateId: idSchema });

export const createShortlistBodySchema = z.strictObject({
  noteToEmployer: longText(2000).optional().describe('A short note to the employer that comes with the shortlist'),
});
export type CreateShortlistBody = z.infer<typeof createShortlistBodySchema>;

export const updateShortlistBodySchema = z.strictObject({
  noteToEmployer: longText(2000).nullable().optional(),
  status: z.literal('closed').optional().describe('Close the shortlist: no more changes or sends'),
});
export type UpdateShortlistBody = z.infer<typeof updateShortlistBodySchema>;

const pitchText = longText(2000).nullable().optional();
const pitchBodySchema = z.strictObject({
  strengths: pitchText.describe('What this person brings, in plain language'),
  support: pitchText.describe('What support helps at the start (without health, debts or other private details)'),
  startPlan: pitchText.describe('How the start could go, e.g. "eerst 16 uur, na 2 maanden 24 uur"'),
});

export const eligibilitySchema = z
  .strictObject({
    doelgroepregister: z.boolean().describe('The person is registered in UWV’s doelgroepregister (banenafspraak); checked by staff, never inferred'),
    reducedWageValue: z.boolean().describe('A reduced wage value (loonwaarde below the minimum wage) has been established by a wage value assessment'),
  })
  .describe('Facts for employer instruments that only staff can state; kept with the entry');

export const addEntryBodySchema = z.strictObject({
  candidateId: idSchema.describe('The candidate to add (status active)'),
  matchRunId: idSchema.optional().describe('The ranking run for this vacancy that listed the candidate; its score is kept'),
  position: z.int().min(1).max(500).optional().describe('Place in the list; default: at the end'),
  pitch: pitchBodySchema.optional(),
  eligibility: eligibilitySchema.optional().describe('Default: both false'),
});
export type AddEntryBody = z.infer<typeof addEntryBodySchema>;

export const updateEntryBodySchema = z.strictObject({
  position: z.int().min(1).max(500).optional(),
  pitch: pitchBodySchema.optional().describe('Changing the pitch after approval asks for a new approval'),
  eligibility: eligibilitySchema.partial().optional(),
});
export type UpdateEntryBody = z.infer<typeof updateEntryBodySchema>;

export const pitchOverrideBodySchema = z.strictObject({
  reason: z
    .string()
    .trim()
    .min(10)
    .max(1000)
    .describe('Why this text may go to the employer despite its warnings (at least 10 characters); kept with the entry and in the audit log'),
});
export type PitchOverrideBody = z.infer<typeof pitchOverrideBodySchema>;

export const removeEntryQuerySchema = z.strictObject({
  reason: z.enum(STAFF_REMOVAL_REASONS).default('removed_by_staff'),
});

/** A moment on the Dutch wall clock, as a form's datetime-local gives it: 2026-12-01T10:00. */
const localDateTimeSchema = z
  .string()
  .max(16)
  .regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])T([01]\d|2[0-3]):[0-5]\d$/, 'use YYYY-MM-DDTHH:MM')
  .describe('Local time in the Netherlands, YYYY-MM-DDTHH:MM');

export const invitationSchema = z
  .discriminatedUnion('kind', [
    z.strictObject({
      kind: z.literal('times'),
      times: z.array(localDateTimeSchema).min(1).max(3).describe('One to three moments you propose for a first meeting'),
    }),
    z.strictObject({
      kind: z.literal('call_me'),
      phone: z
        .string()
        .trim()
        .max(20)
        .regex(/^[0-9+() -]{6,20}$/, 'a phone number')
        .optional()
        .describe('The number the Werkplein should call; left out: the number it has'),
    }),
  ])
  .describe('With an invite: propose moments to meet, or ask the Werkplein to call you ("bel mij")');
export type Invitation = z.infer<typeof invitationSchema>;

export const feedbackBodySchema = z.strictObject({
  decision: z.enum(FEEDBACK_DECISIONS).describe('invite: for an interview; hire; decline'),
  reasonCode: z.enum(FEEDBACK_REASON_CODES).optional().describe('Structured reason; required for a decline'),
  reasonText: longText(1000).optional().describe('Explanation in your own words; required with reason "other"'),
  invitation: invitationSchema.optional().describe('Only with decision invite'),
});
export type FeedbackBody = z.infer<typeof feedbackBodySchema>;

export const instrumentOfferSchema = z.object({
  code: z.string().describe('Instrument code, e.g. loonkostensubsidie'),
  name: z.string(),
  reason: z.string().describe('Why it applies, in plain language'),
  source: z.string().describe('The legal ground'),
});

const pitchSchema = z.object({ strengths: z.string().nullable(), support: z.string().nullable(), startPlan: z.string().nullable() });
const personRefSchema = z.object({ id: idSchema, name: z.string() });

export const feedbackSchema = z.object({
  id: idSchema,
  decision: z.enum(FEEDBACK_DECISIONS),
  reasonCode: z.enum(FEEDBACK_REASON_CODES).nullable(),
  reasonText: z.string().nullable(),
  invitation: invitationSchema.nullable(),
  protectedGroundFlag: z.boolean().describe('The text points at a protected ground (age, pregnancy, origin …): for staff to follow up'),
  flaggedTerms: z.array(z.string()),
  grounds: z.array(z.enum(PROTECTED_GROUNDS)),
  givenBy: personRefSchema,
  givenAt: z.string(),
});

/** The staff view of an entry: everything needed to curate, approve and follow up. */
export const staffEntrySchema = z
  .object({
    id: idSchema,
    candidateId: idSchema,
    reference: z.string(),
    name: z.string().describe('Staff only'),
    candidateStatus: z.enum(CANDIDATE_STATUSES),
    position: z.int(),
    source: z.enum(ENTRY_SOURCES),
    matchRunId: idSchema.nullable(),
    matchTotal: z.number().nullable(),
    pitch: pitchSchema,
    pitchWarnings: z.array(z.string()).describe('Words in the pitch that may point at private data (health, debts, benefits …)'),
    pitchBlocked: z
      .boolean()
      .describe(
        'True while pitchWarnings stand and no admin override is recorded: approval and sending are refused (409 shortlist.pitch_warning) until the text changes',
      ),
    pitchOverride: z
      .object({ by: personRefSchema, at: z.string(), reason: z.string() })
      .nullable()
      .describe('An admin decided that this text may go to the employer despite its warnings, and why; cleared when the text changes'),
    eligibility: eligibilitySchema,
    instruments: z
      .array(
        instrumentOfferSchema.extend({
          needsConsent: z
            .boolean()
            .describe(
              'The instrument discloses a protected fact (age 56+, doelgroepregister, reduced wage value): the employer sees it only with the consent share_instrument_eligibility',
            ),
          heldBack: z.boolean().describe('Not shown to the employer now: it needs the consent share_instrument_eligibility, which is not active'),
        }),
      )
      .describe('As computed now, or as sent once shared; each marked when the employer sees it only with consent'),
    approval: z.object({ by: personRefSchema, at: z.string() }).nullable(),
    sharedAt: z.string().nullable(),
    consents: z.object({
      shareWithEmployers: z.boolean(),
      discloseIdentity: z.boolean(),
      instrumentEligibility: z
        .boolean()
        .describe('Consent share_instrument_eligibility is active: the employer sees the instruments that disclose a protected fact'),
    }),
    removed: z.object({ at: z.string(), reason: z.enum(REMOVAL_REASONS) }).nullable(),
    feedback: feedbackSchema.nullable().describe('The latest answer of the employer'),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: 'ShortlistEntry' });
export type StaffEntryView = z.infer<typeof staffEntrySchema>;

export const staffShortlistSchema = z
  .object({
    view: z.literal('staff'),
    id: idSchema,
    vacancy: z.object({ id: idSchema, title: z.string(), status: z.string() }),
    employer: z.object({ id: idSchema, name: z.string() }),
    status: z.enum(SHORTLIST_STATUSES),
    noteToEmployer: z.string().nullable(),
    createdBy: idSchema,
    createdAt: z.string(),
    updatedAt: z.string(),
    sentAt: z.string().nullable(),
    sentBy: idSchema.nullable(),
    entries: z.array(staffEntrySchema),
  })
  .meta({ id: 'ShortlistForStaff' });
export type StaffShortlistView = z.infer<typeof staffShortlistSchema>;

/** The employer's view of an entry (REQUIREMENTS A3): allow-listed, see employer-view.ts. */
export const employerEntrySchema = z
  .strictObject({
    candidateId: idSchema.describe('Pseudonymous id, to answer per candidate'),
    position: z.int(),
    competencies: z.array(z.object({ label: z.string(), level: z.int().min(1).max(4), evidence: z.enum(EVIDENCE_KINDS) })),
    availability: weekGridSchema,
    hours: z.object({ now: z.int().nullable(), target: z.int().nullable(), rampUpPlan: z.array(z.int()) }),
    travel: z
      .object({ mode: z.enum(TRAVEL_MODES), minutes: z.number() })
      .nullable()
      .describe('Travel time to the work location at the shift hours'),
    pitch: pitchSchema,
    instruments: z.array(instrumentOfferSchema),
    sharedAt: z.string(),
    identity: z
      .object({ name: z.string(), phone: z.string().nullable() })
      .nullable()
      .describe('Name and phone, only when the candidate agreed to disclose them'),
    feedback: z
      .object({
        decision: z.enum(FEEDBACK_DECISIONS),
        reasonCode: z.enum(FEEDBACK_REASON_CODES).nullable(),
        reasonText: z.string().nullable(),
        invitation: invitationSchema.nullable(),
        givenAt: z.string(),
      })
      .nullable()
      .describe('Your latest answer'),
  })
  .meta({ id: 'ShortlistEntryForEmployer' });
export type EmployerEntryView = z.infer<typeof employerEntrySchema>;

export const employerShortlistSchema = z
  .object({
    view: z.literal('employer'),
    id: idSchema,
    vacancy: z.object({ id: idSchema, title: z.string() }),
    noteToEmployer: z.string().nullable(),
    sentAt: z.string(),
    entries: z.array(employerEntrySchema),
  })
  .meta({ id: 'ShortlistForEmployer' });
export type EmployerShortlistView = z.infer<typeof employerShortlistSchema>;

export const shortlistSchema = z.discriminatedUnion('view', [staffShortlistSchema, employerShortlistSchema]);

export const shortlistSummarySchema = z
  .object({
    id: idSchema,
    vacancy: z.object({ id: idSchema, title: z.string() }),
    status: z.enum(SHORTLIST_STATUSES),
    sentAt: z.string().nullable(),
    candidates: z.int().describe('Candidates on the list (for employers: those shared with you)'),
  })
  .meta({ id: 'ShortlistSummary' });
export type ShortlistSummary = z.infer<typeof shortlistSummarySchema>;
export const shortlistPageSchema = pageOf(shortlistSummarySchema);

export const listShortlistsQuerySchema = z.strictObject({
  vacancyId: idSchema.optional(),
  status: z.enum(SHORTLIST_STATUSES).optional(),
  limit: limitSchema,
  cursor: cursorSchema,
});
export type ListShortlistsQuery = z.infer<typeof listShortlistsQuerySchema>;

export const feedbackReceiptSchema = z
  .object({
    id: idSchema,
    candidateId: idSchema,
    decision: z.enum(FEEDBACK_DECISIONS),
    reasonCode: z.enum(FEEDBACK_REASON_CODES).nullable(),
    reasonText: z.string().nullable(),
    invitation: invitationSchema.nullable(),
    givenAt: z.string(),
  })
  .meta({ id: 'FeedbackReceipt' });
export type FeedbackReceipt = z.infer<typeof feedbackReceiptSchema>;

export const flaggedFeedbackSchema = z
  .object({
    id: idSchema,
    shortlistId: idSchema,
    vacancy: z.object({ id: idSchema, title: z.string() }),
    employer: z.object({ id: idSchema, name: z.string() }),
    candidate: z.object({ id: idSchema, reference: z.string() }),
    decision: z.enum(FEEDBACK_DECISIONS),
    reasonCode: z.enum(FEEDBACK_REASON_CODES).nullable(),
    reasonText: z.string().nullable(),
    flaggedTerms: z.array(z.string()),
    grounds: z.array(z.enum(PROTECTED_GROUNDS)),
    givenBy: personRefSchema,
    givenAt: z.string(),
  })
  .meta({ id: 'FlaggedFeedback' });
export type FlaggedFeedbackView = z.infer<typeof flaggedFeedbackSchema>;
export const flaggedFeedbackPageSchema = pageOf(flaggedFeedbackSchema);
export const listFlaggedQuerySchema = z.strictObject({ limit: limitSchema, cursor: cursorSchema });
