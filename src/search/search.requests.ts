import type { SearchParams } from 'meilisearch';
import type { CompoundVocabulary } from '../../search/dutch-text.js';
import { searchText, tenantIndexName, type SearchKind } from '../../search/search-documents.js';
import type { CandidateSearchQuery, VacancySearchQuery } from './search.schemas.js';

/*
 * From a validated query to the Meilisearch request: pure, so that the benchmark sends exactly the
 * request the API sends. Filter values are quoted after the schema has let through only enums, ids,
 * numbers and words without quotes or backslashes; quoting refuses those characters once more, so
 * no typed text can ever change the filter's structure.
 */

/** Marks around highlighted words: control characters that no indexed value contains, HTML-escaped later. */
export const HIGHLIGHT_PRE = '\u0001';
export const HIGHLIGHT_POST = '\u0002';

/** A filter string value in double quotes; refuses anything that could end the string. */
export function quoteFilterValue(value: string): string {
  if (/["\\\u0000-\u001f]/.test(value)) throw new Error('a filter value with a quote, backslash or control character');
  return `"${value}"`;
}

function anyOf(field: string, values: readonly string[] | undefined): string[] {
  return values && values.length > 0 ? [`${field} IN [${values.map(quoteFilterValue).join(', ')}]`] : [];
}

function allOf(field: string, values: readonly string[] | undefined): string[] {
  return (values ?? []).map((value) => `${field} = ${quoteFilterValue(value)}`);
}

function flag(field: string, value: boolean | undefined): string[] {
  return value === undefined ? [] : [`${field} = ${value ? 'true' : 'false'}`];
}

function atLeast(field: string, value: number | undefined): string[] {
  if (value === undefined) return [];
  if (!Number.isInteger(value)) throw new Error('a non-integer number in a filter');
  return [`${field} >= ${value}`];
}

function atMost(field: string, value: number | undefined): string[] {
  if (value === undefined) return [];
  if (!Number.isInteger(value)) throw new Error('a non-integer number in a filter');
  return [`${field} <= ${value}`];
}

/** Facet attribute → the query parameter that filters on it (the name the answer uses). */
export const CANDIDATE_FACETS = {
  status: 'status',
  dayParts: 'dayParts',
  nights: 'nights',
  weekends: 'weekends',
  hoursBand: 'hours',
  mobilityModes: 'mobility',
  drivingLicences: 'drivingLicence',
  municipality: 'municipality',
  wishSectors: 'sector',
  competencies: 'competencies',
  accountManagerId: 'accountManagerId',
} as const;

export const VACANCY_FACETS = {
  status: 'status',
  dayParts: 'dayParts',
  nightWork: 'nightWork',
  weekendWork: 'weekendWork',
  hoursBands: 'hours',
  contractType: 'contractType',
  sector: 'sector',
  municipality: 'municipality',
  competencies: 'competencies',
  support: 'support',
  employerId: 'employerId',
} as const;

const CANDIDATE_FIELDS = [
  'id',
  'reference',
  'name',
  'status',
  'accountManagerId',
  'accountManagerName',
  'municipality',
  'wishTitles',
  'wishOccupations',
  'wishSectors',
  'competencies',
  'experience',
  'volunteering',
  'dayParts',
  'nights',
  'weekends',
  'hoursNow',
  'hoursTarget',
  'mobilityModes',
  'drivingLicences',
  'certificates',
  'updatedAt',
];
/** The shown fields whose matched words are marked (the presenters read the same lists). */
export const CANDIDATE_HIGHLIGHTS = [
  'name',
  'reference',
  'wishTitles',
  'wishOccupations',
  'competencies',
  'experience',
  'volunteering',
  'certificates',
  'municipality',
];

const VACANCY_FIELDS = [
  'id',
  'title',
  'occupation',
  'employerId',
  'employerName',
  'sector',
  'city',
  'municipality',
  'status',
  'dayParts',
  'nightWork',
  'weekendWork',
  'hoursMin',
  'hoursMax',
  'rampUpFromHours',
  'contractType',
  'positions',
  'startDate',
  'competencies',
  'support',
  'updatedAt',
];
export const VACANCY_HIGHLIGHTS = ['title', 'occupation', 'employerName', 'competencies', 'city', 'municipality'];

export type SearchRequest = { kind: SearchKind; indexUid: string; q: string; searchedFor: string | null; params: SearchParams };

function common(query: { q?: string | undefined; limit: number; offset: number; sort: string }, vocabulary: CompoundVocabulary) {
  const { text } = searchText(query.q ?? '', vocabulary);
  // Without words to rank by, the newest first reads better than index order.
  const sort = query.sort !== 'relevance' ? [query.sort] : text.length === 0 ? ['updatedAt:desc'] : undefined;
  return {
    q: text,
    searchedFor: text.length === 0 ? null : text,
    base: {
      limit: query.limit,
      offset: query.offset,
      ...(sort ? { sort } : {}),
      highlightPreTag: HIGHLIGHT_PRE,
      highlightPostTag: HIGHLIGHT_POST,
      matchingStrategy: 'last' as const,
    },
  };
}

/** The Meilisearch request of a candidate search by `principal` (for "me") in its tenant's index. */
export function candidateSearchRequest(
  query: CandidateSearchQuery,
  { tenantId, userId, prefix, vocabulary }: { tenantId: string; userId: string; prefix: string; vocabulary: CompoundVocabulary },
): SearchRequest {
  const { q, searchedFor, base } = common(query, vocabulary);
  const accountManagers = query.accountManagerId?.map((id) => (id === 'me' ? userId : id));
  const filter = [
    ...anyOf('status', query.status),
    ...anyOf('accountManagerId', accountManagers),
    ...anyOf('municipality', query.municipality),
    ...anyOf('wishSectors', query.sector),
    ...allOf('competencies', query.competencies),
    ...allOf('dayParts', query.dayParts),
    ...allOf('slots', query.slots),
    ...flag('nights', query.nights),
    ...flag('weekends', query.weekends),
    ...anyOf('hoursBand', query.hours),
    ...atLeast('hoursTarget', query.hoursTargetMin),
    ...atMost('hoursTarget', query.hoursTargetMax),
    ...anyOf('mobilityModes', query.mobility),
    ...anyOf('drivingLicences', query.drivingLicence),
  ];
  return {
    kind: 'candidates',
    indexUid: tenantIndexName(prefix, 'candidates', tenantId),
    q,
    searchedFor,
    params: {
      ...base,
      ...(filter.length > 0 ? { filter } : {}),
      facets: Object.keys(CANDIDATE_FACETS),
      attributesToRetrieve: CANDIDATE_FIELDS,
      attributesToHighlight: q.length > 0 ? CANDIDATE_HIGHLIGHTS : [],
    },
  };
}

export function vacancySearchRequest(
  query: VacancySearchQuery,
  { tenantId, prefix, vocabulary }: { tenantId: string; prefix: string; vocabulary: CompoundVocabulary },
): SearchRequest {
  const { q, searchedFor, base } = common(query, vocabulary);
  const filter = [
    ...anyOf('status', query.status),
    ...anyOf('employerId', query.employerId),
    ...anyOf('municipality', query.municipality),
    ...anyOf('sector', query.sector),
    ...allOf('competencies', query.competencies),
    ...allOf('dayParts', query.dayParts),
    ...flag('nightWork', query.nightWork),
    ...flag('weekendWork', query.weekendWork),
    ...anyOf('hoursBands', query.hours),
    ...atLeast('hoursMax', query.hoursAtLeast),
    ...atMost('hoursMin', query.hoursAtMost),
    ...anyOf('contractType', query.contractType),
    ...anyOf('support', query.support),
  ];
  return {
    kind: 'vacancies',
    indexUid: tenantIndexName(prefix, 'vacancies', tenantId),
    q,
    searchedFor,
    params: {
      ...base,
      ...(filter.length > 0 ? { filter } : {}),
      facets: Object.keys(VACANCY_FACETS),
      attributesToRetrieve: VACANCY_FIELDS,
      attributesToHighlight: q.length > 0 ? VACANCY_HIGHLIGHTS : [],
    },
  };
}
