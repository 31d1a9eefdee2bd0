import { z } from 'zod';
import type { Role } from '../auth/roles.js';
import { cursorSchema, idSchema, limitSchema, pageOf } from '../schemas/common.js';
import { WEEKDAYS, weekdaySchema, type Weekday } from '../schemas/schedule.js';

export const FREQUENCIES = ['daily', 'weekly'] as const;
export const DIGEST_LANGS = ['nl', 'en'] as const;
/** The only time zone for now: the Werkplein's. The column exists so that this can grow. */
export const DIGEST_TIMEZONE = 'Europe/Amsterdam';

/** What a digest can hold; which sections apply depends on the recipient's role. */
export const SECTION_KEYS = [
  'caseload_news',
  'new_candidates',
  'awaiting_answer',
  'employer_follow_ups',
  'strong_matches',
  'new_vacancies',
  'follow_ups',
  'consents_expiring',
  'growth_cohorts',
] as const;
export type SectionKey = (typeof SECTION_KEYS)[number];

/** Sections per role: employers their shortlists and hires; account managers their caseload; employer-side staff the pipeline. */
export const SECTIONS_BY_ROLE: Record<Role, readonly SectionKey[]> = {
  employer: ['new_candidates', 'awaiting_answer', 'employer_follow_ups'],
  // What needs action first: answers and drop-outs in the caseload (issue 16.3), then matches and dates.
  account_manager: ['caseload_news', 'strong_matches', 'new_vacancies', 'follow_ups', 'consents_expiring'],
  employer_relations: ['growth_cohorts'],
  admin: ['growth_cohorts'],
};

/** A strong match: eligible and at least this total (0–100), unless the scope says otherwise. */
export const DEFAULT_MIN_MATCH_SCORE = 70;

export const scopeSchema = z
  .strictObject({
    sections: z
      .array(z.enum(SECTION_KEYS))
      .min(1)
      .max(SECTION_KEYS.length)
      .optional()
      .describe('Which parts of the digest to include; default: every part that fits the recipient’s role'),
    minMatchScore: z
      .int()
      .min(50)
      .max(100)
      .optional()
      .describe(`Account managers: the lowest total that counts as a strong match (default ${DEFAULT_MIN_MATCH_SCORE})`),
  })
  .describe('What the digest is about');
export type DigestScope = z.infer<typeof scopeSchema>;

export const createSubscriptionBodySchema = z.strictObject({
  userId: idSchema.optional().describe('The recipient (a user; the mail goes to their e-mail address). Default: yourself'),
  frequency: z.enum(FREQUENCIES).describe('daily or weekly'),
  weekday: weekdaySchema.optional().describe('Weekly digests: the day it comes (mon … sun); not for daily ones'),
  hour: z.int().min(0).max(23).describe('The hour it comes, 0–23, Dutch time (Europe/Amsterdam)'),
  scope: scopeSchema.optional(),
  lang: z.enum(DIGEST_LANGS).default('nl').describe('Language of the e-mail: nl (plain Dutch) or en'),
});
export type CreateSubscriptionBody = z.infer<typeof createSubscriptionBodySchema>;

export const updateSubscriptionBodySchema = z.strictObject({
  frequency: z.enum(FREQUENCIES).optional(),
  weekday: weekdaySchema.nullable().optional().describe('Weekly: the day; null when switching to daily'),
  hour: z.int().min(0).max(23).optional(),
  scope: scopeSchema.optional(),
  lang: z.enum(DIGEST_LANGS).optional(),
  active: z.boolean().optional().describe('false pauses the digest; true turns it on again (also after an unsubscribe)'),
});
export type UpdateSubscriptionBody = z.infer<typeof updateSubscriptionBodySchema>;

export const listSubscriptionsQuerySchema = z.strictObject({
  userId: idSchema.optional().describe('Only the subscriptions of this recipient'),
  limit: limitSchema,
  cursor: cursorSchema,
});
export type ListSubscriptionsQuery = z.infer<typeof listSubscriptionsQuerySchema>;

export const subscriptionSchema = z
  .object({
    id: idSchema,
    userId: idSchema,
    recipient: z.object({ name: z.string(), role: z.string() }).describe('Who gets it (the address is the user’s own e-mail)'),
    frequency: z.enum(FREQUENCIES),
    weekday: weekdaySchema.nullable(),
    hour: z.int(),
    timezone: z.string(),
    scope: z.object({ sections: z.array(z.enum(SECTION_KEYS)), minMatchScore: z.int().nullable() }),
    lang: z.enum(DIGEST_LANGS),
    active: z.boolean(),
    unsubscribedAt: z.string().nullable(),
    lastSentAt: z.string().nullable().describe('When the last digest went out'),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: 'DigestSubscription' });
export type SubscriptionView = z.infer<typeof subscriptionSchema>;
export const subscriptionPageSchema = pageOf(subscriptionSchema);

export const previewSchema = z
  .object({
    subscriptionId: idSchema,
    periodKey: z.string().describe('The period the next digest belongs to, e.g. 2026-W48 or 2026-11-25'),
    since: z.string().describe('What is new since this moment (the end of the last digest sent)'),
    until: z.string(),
    empty: z.boolean().describe('Nothing new: such a digest is not sent'),
    subject: z.string(),
    text: z.string(),
    html: z.string(),
  })
  .meta({ id: 'DigestPreview' });
export type PreviewView = z.infer<typeof previewSchema>;

const tokenSchema = z.string().max(200).describe('The token from the unsubscribe link');

export const unsubscribeQuerySchema = z.looseObject({ token: tokenSchema.optional() });
/** JSON ({ token }) or the RFC 8058 form body (List-Unsubscribe=One-Click); the token usually rides in the query. */
export const unsubscribeBodySchema = z.looseObject({ token: tokenSchema.optional(), 'List-Unsubscribe': z.string().max(100).optional() });
export const unsubscribedSchema = z.object({ unsubscribed: z.literal(true) }).meta({ id: 'Unsubscribed' });

export const bounceBodySchema = z.strictObject({
  email: z.email().max(320).describe('The address that bounced'),
  reason: z.enum(['hard_bounce', 'complaint', 'manual']).default('hard_bounce'),
});
export type BounceBody = z.infer<typeof bounceBodySchema>;
export const bounceReceiptSchema = z
  .object({ suppressed: z.literal(true), emailHash: z.string().describe('SHA-256 of the address: how it is kept'), alreadySuppressed: z.boolean() })
  .meta({ id: 'BounceReceipt' });

export const weekdayNumber = (weekday: Weekday): number => WEEKDAYS.indexOf(weekday) + 1;
export const weekdayName = (weekday: number | null): Weekday | null => (weekday === null ? null : (WEEKDAYS[weekday - 1] ?? null));
