import { z } from 'zod';
import { HOURS_BANDS } from '../../search/search-documents.js';
import { CANDIDATE_STATUSES } from '../candidates/candidates.schemas.js';
import { SECTORS } from '../employers/employers.schemas.js';
import { TRAVEL_MODES } from '../matching/matcher.types.js';
import { idSchema } from '../schemas/common.js';
import { DAY_PARTS, WEEKDAYS } from '../schemas/schedule.js';
import { CONTRACT_TYPES, DRIVING_LICENCE_CATEGORIES, SUPPORT_KINDS, VACANCY_STATUSES } from '../vacancies/vacancies.schemas.js';

/*
 * Staff search: query parameters and answers. Every filter value is an enum, an id, a number or a
 * word from a restricted alphabet (no quotes, no backslashes), so that the Meilisearch filter built
 * from it can never be changed by what a user types.
 */

/** Above this many results per page, or this deep into the results, a search is bulk extraction (A6). */
export const BULK_LIMIT = 50;
export const BULK_DEPTH = 200;
/** Meilisearch returns at most the first 1000 hits of a search (pagination.maxTotalHits). */
export const MAX_DEPTH = 1000;

/** A comma-separated list (or the parameter repeated), each value checked by `item`. */
function listOf<T extends z.ZodType<string, string>>(item: T, max: number) {
  return z
    .union([z.string().max(4000), z.array(z.string().max(200)).max(max)])
    .transform((value) =>
      (Array.isArray(value) ? value : [value])
        .flatMap((part) => part.split(','))
        .map((part) => part.trim())
        .filter((part) => part.length > 0),
    )
    .pipe(z.array(item).min(1).max(max));
}

/** A word to filter on (a municipality, a competency): letters, digits, spaces and - ' . ( ) & + /. */
const filterWord = z
  .string()
  .min(1)
  .max(120)
  .regex(/^[\p{L}\p{N}][\p{L}\p{N} .'()&+/-]*$/u, "letters, digits, spaces and - ' . ( ) & + /");

const booleanParam = z.enum(['true', 'false']).transform((value) => value === 'true');
const hoursParam = z.coerce.number().int().min(0).max(48);
const slotSchema = z.templateLiteral([z.enum(WEEKDAYS), ':', z.enum(DAY_PARTS)]).describe('Weekday and day part, e.g. mon:early');

const paging = {
  q: z.string().trim().max(100).optional().describe('What you know: a (misspelt) job title, a compound word, a name, a reference, a town, a skill'),
  limit: z.coerce.number().int().min(1).max(100).default(20).describe(`Results per page, 1–100; above ${BULK_LIMIT} a reason is required`),
  offset: z.coerce
    .number()
    .int()
    .min(0)
    .max(MAX_DEPTH - 1)
    .default(0)
    .describe(`Results to skip; beyond ${BULK_DEPTH} a reason is required`),
  reason: z
    .string()
    .trim()
    .min(10)
    .max(500)
    .optional()
    .describe(`Why you need this many results; required above ${BULK_LIMIT} per page or beyond result ${BULK_DEPTH}, and recorded in the audit log`),
};

function withinDepth(query: { limit: number; offset: number }, ctx: z.core.$RefinementCtx) {
  if (query.offset + query.limit > MAX_DEPTH) {
    ctx.addIssue({ code: 'custom', path: ['offset'], message: `offset + limit may be at most ${MAX_DEPTH}; narrow the search with filters` });
  }
}

export const CANDIDATE_SORTS = ['relevance', 'updatedAt:desc', 'updatedAt:asc', 'name:asc', 'reference:asc', 'hoursTarget:desc'] as const;
export const VACANCY_SORTS = ['relevance', 'updatedAt:desc', 'updatedAt:asc', 'title:asc', 'hoursMax:desc', 'startDate:asc'] as const;

export const candidateSearchQuerySchema = z
  .strictObject({
    ...paging,
    status: listOf(z.enum(CANDIDATE_STATUSES), CANDIDATE_STATUSES.length).optional().describe('Any of these statuses (comma-separated)'),
    accountManagerId: listOf(z.union([z.literal('me'), idSchema]), 20)
      .optional()
      .describe('Any of these account managers; "me" for your own caseload'),
    municipality: listOf(filterWord, 20).optional().describe('Any of these municipalities'),
    sector: listOf(z.enum(SECTORS), SECTORS.length).optional().describe('Wishes to work in any of these sectors'),
    competencies: listOf(filterWord, 10).optional().describe('Has every one of these competencies (exact labels, as in the facet)'),
    dayParts: listOf(z.enum(DAY_PARTS), DAY_PARTS.length).optional().describe('Available for every one of these day parts (on some weekday)'),
    slots: listOf(slotSchema, 28).optional().describe('Available in every one of these slots, e.g. mon:early,tue:early'),
    nights: booleanParam.optional().describe('true: willing to work nights'),
    weekends: booleanParam.optional().describe('true: willing to work weekends'),
    hours: listOf(z.enum(HOURS_BANDS), HOURS_BANDS.length).optional().describe('Target hours a week in any of these bands'),
    hoursTargetMin: hoursParam.optional().describe('Target hours a week at least'),
    hoursTargetMax: hoursParam.optional().describe('Target hours a week at most'),
    mobility: listOf(z.enum(TRAVEL_MODES), TRAVEL_MODES.length).optional().describe('Can travel by any of these modes'),
    drivingLicence: listOf(z.enum(DRIVING_LICENCE_CATEGORIES), DRIVING_LICENCE_CATEGORIES.length).optional().describe('Holds any of these driving licences'),
    sort: z.enum(CANDIDATE_SORTS).default('relevance').describe('relevance (default; newest first without q) or a field'),
  })
  .superRefine(withinDepth);
export type CandidateSearchQuery = z.infer<typeof candidateSearchQuerySchema>;

export const vacancySearchQuerySchema = z
  .strictObject({
    ...paging,
    status: listOf(z.enum(VACANCY_STATUSES), VACANCY_STATUSES.length).optional().describe('Any of these statuses'),
    employerId: listOf(idSchema, 20).optional().describe('Any of these employers'),
    municipality: listOf(filterWord, 20).optional().describe('Any of these municipalities'),
    sector: listOf(z.enum(SECTORS), SECTORS.length).optional().describe('Any of these sectors'),
    competencies: listOf(filterWord, 10).optional().describe('Asks every one of these competencies'),
    dayParts: listOf(z.enum(DAY_PARTS), DAY_PARTS.length).optional().describe('Works in every one of these day parts'),
    nightWork: booleanParam.optional(),
    weekendWork: booleanParam.optional(),
    hours: listOf(z.enum(HOURS_BANDS), HOURS_BANDS.length).optional().describe('Hours a week touch any of these bands'),
    hoursAtLeast: hoursParam.optional().describe('Offers at least this many hours a week (hoursMax ≥ n)'),
    hoursAtMost: hoursParam.optional().describe('Can start with at most this many hours a week (hoursMin ≤ n)'),
    contractType: listOf(z.enum(CONTRACT_TYPES), CONTRACT_TYPES.length).optional().describe('Any of these contract types'),
    support: listOf(z.enum(SUPPORT_KINDS), SUPPORT_KINDS.length).optional().describe('Offers any of these kinds of support'),
    sort: z.enum(VACANCY_SORTS).default('relevance'),
  })
  .superRefine(withinDepth);
export type VacancySearchQuery = z.infer<typeof vacancySearchQuerySchema>;

const facetValueSchema = z.object({
  value: z.string().describe('The value to filter on'),
  label: z.string().optional().describe('A readable name, for ids'),
  count: z.int().describe('Hits with this value'),
});

const highlightsSchema = z
  .record(z.string(), z.array(z.string()))
  .describe('Per field, the values that matched, HTML-escaped, with the matched words in <mark>…</mark>');

const resultFields = {
  facets: z.record(z.string(), z.array(facetValueSchema)).describe('Per facet, its values with counts over all hits, most frequent first'),
  total: z.int().describe(`Estimated number of hits, counted up to ${MAX_DEPTH}; the facet counts are exact`),
  limit: z.int(),
  offset: z.int(),
  searchedFor: z.string().nullable().describe('The query as searched, with Dutch compounds split into their parts'),
};

export const candidateHitSchema = z.object({
  id: idSchema,
  reference: z.string(),
  name: z.string(),
  status: z.enum(CANDIDATE_STATUSES),
  accountManager: z.object({ id: idSchema, name: z.string() }).nullable(),
  municipality: z.string().nullable(),
  wishTitles: z.array(z.string()),
  wishOccupations: z.array(z.string()),
  wishSectors: z.array(z.string()),
  competencies: z.array(z.string()),
  experience: z.array(z.string()).describe('Titles of paid and informal work experience (never care at home or a description)'),
  volunteering: z.array(z.string()).describe('Titles of volunteer work'),
  dayParts: z.array(z.string()),
  nights: z.boolean(),
  weekends: z.boolean(),
  hoursNow: z.int().nullable(),
  hoursTarget: z.int().nullable(),
  mobilityModes: z.array(z.string()),
  drivingLicences: z.array(z.string()),
  certificates: z.array(z.string()),
  updatedAt: z.string(),
  highlights: highlightsSchema,
});
export type CandidateHit = z.infer<typeof candidateHitSchema>;

export const candidateSearchResultSchema = z.object({ items: z.array(candidateHitSchema), ...resultFields }).meta({ id: 'CandidateSearchResult' });
export type CandidateSearchResult = z.infer<typeof candidateSearchResultSchema>;

export const vacancyHitSchema = z.object({
  id: idSchema,
  title: z.string(),
  occupation: z.string().nullable(),
  employer: z.object({ id: idSchema, name: z.string() }),
  sector: z.string(),
  city: z.string(),
  municipality: z.string().nullable(),
  status: z.enum(VACANCY_STATUSES),
  dayParts: z.array(z.string()),
  nightWork: z.boolean(),
  weekendWork: z.boolean(),
  hoursPerWeek: z.object({ min: z.int(), max: z.int() }),
  rampUpFromHours: z.int().nullable(),
  contractType: z.string(),
  positions: z.int(),
  startDate: z.string().nullable(),
  competencies: z.array(z.string()),
  support: z.array(z.string()),
  updatedAt: z.string(),
  highlights: highlightsSchema,
});
export type VacancyHit = z.infer<typeof vacancyHitSchema>;

export const vacancySearchResultSchema = z.object({ items: z.array(vacancyHitSchema), ...resultFields }).meta({ id: 'VacancySearchResult' });
export type VacancySearchResult = z.infer<typeof vacancySearchResultSchema>;
