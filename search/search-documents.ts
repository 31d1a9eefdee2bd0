import { createHash } from 'node:crypto';
import type { Settings } from 'meilisearch';
import type { ProfileCompetency, ProfileExperience, ProfileMobility, ProfileWorkWishes } from '../db/schema/candidates.js';
import type { VacancyCompetency } from '../db/schema/vacancies.js';
import { DAY_PARTS, WEEKDAYS, type StoredWeekGrid as WeekGrid } from '../db/schema/columns.js';
import { compoundParts, normaliseText, splitCompound, tokenise, type CompoundVocabulary } from './dutch-text.js';
import { withCuratedSynonyms } from './lookup-query.js';

/*
 * The staff search indexes of one tenant: candidates and vacancies, one index each per tenant, so
 * that no query can ever reach another tenant's documents. Documents are derived from Postgres
 * (the source of truth) by the pure functions below and hold only what staff search and filter on
 * (REQUIREMENTS P4): never contact data, special-category data (barriers, health, debts) or
 * motivation and potential scores. Each document carries a hash of its content, so that drift
 * between Postgres and the index can be found without comparing every field.
 */

export type SearchKind = 'candidates' | 'vacancies';
export const SEARCH_KINDS: readonly SearchKind[] = ['candidates', 'vacancies'];

/** The outbox topic whose rows feed each index. */
export const TOPIC_OF: Record<SearchKind, 'search.candidate' | 'search.vacancy'> = {
  candidates: 'search.candidate',
  vacancies: 'search.vacancy',
};

/** `${prefix}candidates_${tenantId}`: the prefix keeps tests and deployments apart. */
export function tenantIndexName(prefix: string, kind: SearchKind, tenantId: string): string {
  return `${prefix}${kind}_${tenantId}`;
}

/** What the taxonomy contributes to documents: labels of occupations, compound words, synonyms. */
export type SearchContext = {
  vocabulary: CompoundVocabulary;
  /** Occupation URI → its Dutch (else English) label and Dutch alternative labels. */
  occupations: ReadonlyMap<string, { label: string; altLabels: readonly string[] }>;
  /** Skill URI → its Dutch label and Dutch alternative labels (skills without a Dutch label are left out). */
  skills: ReadonlyMap<string, { label: string; altLabels: readonly string[] }>;
  /**
   * A one-word Dutch occupation label (normalised) → the one occupation it names: a word of an
   * experience title that names an occupation ("heftruckchauffeur") brings that occupation's labels.
   */
  occupationByWord: ReadonlyMap<string, string>;
  /**
   * Whether a free text (an experience title) may point at special-category data: health, debts,
   * benefits, a protected ground. Such a text stays out of the index. Supplied by src/search (one
   * list of words with the pitch check), so that this layer imports nothing from src/.
   */
  mayBePrivate: (text: string) => boolean;
  /** Meilisearch synonyms, both ways: the occupations' one-word labels and the curated Dutch words (poetsen ↔ schoonmaken). */
  synonyms: Record<string, string[]>;
};

/** Hours per week in bands, for a facet that reads well ("25–32 uur"). */
export const HOURS_BANDS = ['0-16', '17-24', '25-32', '33-48'] as const;
export type HoursBand = (typeof HOURS_BANDS)[number];
const BAND_LIMITS: ReadonlyArray<readonly [HoursBand, number, number]> = [
  ['0-16', 0, 16],
  ['17-24', 17, 24],
  ['25-32', 25, 32],
  ['33-48', 33, 48],
];

export function hoursBand(hours: number): HoursBand {
  return (BAND_LIMITS.find(([, , max]) => hours <= max) ?? BAND_LIMITS.at(-1)!)[0];
}

/** Every band that a range of hours touches (a 24–32 h vacancy is in 17-24 and 25-32). */
export function hoursBands(min: number, max: number): HoursBand[] {
  return BAND_LIMITS.filter(([, low, high]) => min <= high && max >= low).map(([band]) => band);
}

/** A candidate as Postgres gives it to the index: no contact data beyond the display name, no barriers, no scores. */
export type CandidateSource = {
  id: string;
  reference: string;
  status: string;
  givenName: string;
  familyName: string;
  accountManagerId: string | null;
  accountManagerName: string | null;
  municipality: string | null;
  updatedAt: Date;
  workWishes: ProfileWorkWishes | null;
  competencies: ProfileCompetency[] | null;
  availability: WeekGrid | null;
  hoursNow: number | null;
  hoursTarget: number | null;
  mobility: ProfileMobility | null;
  certificates: string[] | null;
  experience: ProfileExperience[] | null;
};

/**
 * The kinds of experience that are indexed, with the Dutch words staff search them by. Care at home
 * (mantelzorg) is left out: it tells about the health and needs of someone close, and staff keep
 * it with the barriers (as the pitch does). Descriptions are never indexed, only titles: a
 * description is free text that may tell why someone stopped (health, debts).
 */
export const INDEXED_EXPERIENCE: Readonly<Partial<Record<ProfileExperience['kind'], string>>> = {
  paid: 'werkervaring',
  informal: 'informeel werk',
  volunteer: 'vrijwilligerswerk',
};

export type CandidateDocument = {
  id: string;
  reference: string;
  /** Given and family name: staff find people by name; the rest of the contact data stays out. */
  name: string;
  status: string;
  accountManagerId: string | null;
  accountManagerName: string | null;
  municipality: string | null;
  wishTitles: string[];
  wishSectors: string[];
  /** Preferred labels of the wished occupations. */
  wishOccupations: string[];
  /** Their alternative labels: searchable (Dutch synonyms), not shown. */
  occupationAltLabels: string[];
  competencies: string[];
  /** Titles of paid and informal work experience (not care at home, never a description). */
  experience: string[];
  /** Titles of volunteer work ("Voedselbank: pakketten inpakken"). */
  volunteering: string[];
  /** The Dutch words for the kinds of experience someone has (vrijwilligerswerk …). */
  experienceKinds: string[];
  /**
   * Labels and alternative labels of the concepts behind the competences (heftruck rijden →
   * reachtruck rijden) and of occupations named in experience titles or certificates: searchable, not shown.
   */
  conceptLabels: string[];
  /** Parts of the Dutch compounds in titles, competencies and experience (heftruck, chauffeur …), and the curated synonyms of their words. */
  compoundParts: string[];
  /** Day parts available on at least one weekday. */
  dayParts: string[];
  /** Weekday and day part, e.g. "mon:early". */
  slots: string[];
  nights: boolean;
  weekends: boolean;
  hoursNow: number | null;
  hoursTarget: number | null;
  hoursBand: HoursBand | null;
  mobilityModes: string[];
  drivingLicences: string[];
  certificates: string[];
  /** Milliseconds since 1970, for sorting and range filters. */
  updatedAt: number;
  contentHash: string;
};

/** A vacancy as Postgres gives it to the index. */
export type VacancySource = {
  id: string;
  title: string;
  occupationUri: string | null;
  employerId: string;
  employerName: string;
  sector: string;
  city: string;
  municipality: string | null;
  status: string;
  dayParts: string[];
  nightWork: boolean;
  weekendWork: boolean;
  hoursMin: number;
  hoursMax: number;
  rampUpFromHours: number | null;
  contractType: string;
  positions: number;
  startDate: string | null;
  competencies: VacancyCompetency[];
  supportOffered: string[];
  updatedAt: Date;
};

export type VacancyDocument = {
  id: string;
  title: string;
  occupation: string | null;
  occupationAltLabels: string[];
  /** Labels and alternative labels of the concepts behind the competences: searchable, not shown. */
  conceptLabels: string[];
  /** Parts of the Dutch compounds in the title, occupation labels and competencies, and the curated synonyms of their words. */
  compoundParts: string[];
  employerId: string;
  employerName: string;
  sector: string;
  city: string;
  municipality: string | null;
  status: string;
  dayParts: string[];
  nightWork: boolean;
  weekendWork: boolean;
  hoursMin: number;
  hoursMax: number;
  hoursBands: HoursBand[];
  rampUpFromHours: number | null;
  contractType: string;
  positions: number;
  startDate: string | null;
  competencies: string[];
  support: string[];
  updatedAt: number;
  contentHash: string;
};

export type SearchDocument = CandidateDocument | VacancyDocument;

/** Sorted keys at every level, so that the same content always gives the same hash. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, item]) => item !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

/** The hash of a document's content (everything but the hash itself); 16 bytes are plenty to spot a change. */
export function contentHash(document: Record<string, unknown>): string {
  const { contentHash: _ignored, ...content } = document;
  return createHash('sha256').update(canonicalJson(content)).digest('base64url').slice(0, 22);
}

/** The curated Dutch synonyms, both ways (poetsen ↔ schoonmaken). */
const CURATED_SYNONYMS = withCuratedSynonyms({});

/**
 * Compound parts of a document's text, and the curated synonyms of its words. Meilisearch applies
 * a synonym to the query word only as typed, without typo tolerance or prefix: "poetsen" becomes
 * "schoonmaken", which does not reach "schoonmaker". With the synonyms in the document too, the
 * typed word meets them with its own tolerance ("poetsen" ~ "poetser", the synonym of "schoonmaker").
 */
function partsAndSynonyms(texts: readonly string[], vocabulary: CompoundVocabulary): string[] {
  const text = texts.join(' \n ');
  const synonyms = tokenise(text).flatMap((word) => CURATED_SYNONYMS[word] ?? []);
  return [...new Set([...compoundParts(text, vocabulary), ...synonyms])];
}

const unique = (values: Iterable<string>): string[] => [...new Set([...values].map((value) => value.trim()).filter((value) => value.length > 0))];

function occupationLabels(uris: readonly string[], context: SearchContext) {
  const labels: string[] = [];
  const altLabels: string[] = [];
  for (const uri of uris) {
    const occupation = context.occupations.get(uri);
    if (!occupation) continue;
    labels.push(occupation.label);
    altLabels.push(...occupation.altLabels);
  }
  return { labels: unique(labels), altLabels: unique(altLabels) };
}

/** The Dutch labels and alternative labels of the skills behind these competences. */
function skillLabels(competencies: ReadonlyArray<{ skillUri?: string | undefined }>, context: SearchContext): string[] {
  const labels: string[] = [];
  for (const { skillUri } of competencies) {
    const skill = skillUri ? context.skills.get(skillUri) : undefined;
    if (skill) labels.push(skill.label, ...skill.altLabels);
  }
  return labels;
}

/** The occupations that single words of these titles name ("Heftruckchauffeur bij een DC", "Certificaat heftruckchauffeur" → the forklift operator). */
function occupationsNamedIn(titles: readonly string[], context: SearchContext): string[] {
  const uris = new Set<string>();
  for (const title of titles) {
    for (const word of tokenise(title)) {
      const uri = context.occupationByWord.get(word);
      if (uri) uris.add(uri);
    }
  }
  return [...uris];
}

/** The experience that may be indexed: titles of the indexed kinds that point at nothing private. */
function indexedExperience(experience: readonly ProfileExperience[], context: SearchContext) {
  const kept = experience.filter((item) => INDEXED_EXPERIENCE[item.kind] !== undefined && !context.mayBePrivate(item.title));
  return {
    work: unique(kept.filter((item) => item.kind !== 'volunteer').map((item) => item.title)),
    volunteering: unique(kept.filter((item) => item.kind === 'volunteer').map((item) => item.title)),
    kinds: unique(kept.map((item) => INDEXED_EXPERIENCE[item.kind]!)),
  };
}

export function candidateDocument(source: CandidateSource, context: SearchContext): CandidateDocument {
  const wishes = source.workWishes;
  const wished = occupationLabels(wishes?.occupationUris ?? [], context);
  const competencies = unique((source.competencies ?? []).map((competency) => competency.label));
  const wishTitles = unique(wishes?.titles ?? []);
  const certificates = unique(source.certificates ?? []);
  const experience = indexedExperience(source.experience ?? [], context);
  const experienceTitles = [...experience.work, ...experience.volunteering];
  // A certificate named after an occupation ("Certificaat heftruckchauffeur") says the person can do that work, as experience does.
  const named = occupationLabels(occupationsNamedIn([...experienceTitles, ...certificates], context), context);
  const lower = new Set([...competencies, ...wishTitles, ...wished.labels, ...wished.altLabels].map(normaliseText));
  const conceptLabels = unique([...skillLabels(source.competencies ?? [], context), ...named.labels, ...named.altLabels]).filter(
    (label) => !lower.has(normaliseText(label)),
  );
  const grid = source.availability;
  const slots: string[] = [];
  if (grid) for (const day of WEEKDAYS) for (const part of DAY_PARTS) if (grid[day]?.includes(part)) slots.push(`${day}:${part}`);
  const dayParts = DAY_PARTS.filter((part) => slots.some((slot) => slot.endsWith(`:${part}`)));
  const document: Omit<CandidateDocument, 'contentHash'> = {
    id: source.id,
    reference: source.reference,
    name: `${source.givenName} ${source.familyName}`.trim(),
    status: source.status,
    accountManagerId: source.accountManagerId,
    accountManagerName: source.accountManagerId ? source.accountManagerName : null,
    municipality: source.municipality,
    wishTitles,
    wishSectors: unique(wishes?.sectors ?? []),
    wishOccupations: wished.labels,
    occupationAltLabels: wished.altLabels,
    competencies,
    experience: experience.work,
    volunteering: experience.volunteering,
    experienceKinds: experience.kinds,
    conceptLabels,
    compoundParts: partsAndSynonyms(
      [...wishTitles, ...wished.labels, ...wished.altLabels, ...competencies, ...certificates, ...experienceTitles, ...conceptLabels],
      context.vocabulary,
    ),
    dayParts,
    slots,
    nights: dayParts.includes('night'),
    weekends: slots.some((slot) => slot.startsWith('sat:') || slot.startsWith('sun:')),
    hoursNow: source.hoursNow,
    hoursTarget: source.hoursTarget,
    hoursBand: source.hoursTarget === null ? null : hoursBand(source.hoursTarget),
    mobilityModes: unique(source.mobility?.modes ?? []),
    drivingLicences: unique(source.mobility?.drivingLicences ?? []),
    certificates,
    updatedAt: source.updatedAt.getTime(),
  };
  return { ...document, contentHash: contentHash(document) };
}

export function vacancyDocument(source: VacancySource, context: SearchContext): VacancyDocument {
  const occupation = occupationLabels(source.occupationUri ? [source.occupationUri] : [], context);
  const competencies = unique(source.competencies.map((competency) => competency.label));
  const lower = new Set(competencies.map(normaliseText));
  const conceptLabels = unique(skillLabels(source.competencies, context)).filter((label) => !lower.has(normaliseText(label)));
  const document: Omit<VacancyDocument, 'contentHash'> = {
    id: source.id,
    title: source.title,
    occupation: occupation.labels[0] ?? null,
    occupationAltLabels: occupation.altLabels,
    conceptLabels,
    compoundParts: partsAndSynonyms([source.title, ...occupation.labels, ...occupation.altLabels, ...competencies, ...conceptLabels], context.vocabulary),
    employerId: source.employerId,
    employerName: source.employerName,
    sector: source.sector,
    city: source.city,
    municipality: source.municipality,
    status: source.status,
    dayParts: DAY_PARTS.filter((part) => source.dayParts.includes(part)),
    nightWork: source.nightWork,
    weekendWork: source.weekendWork,
    hoursMin: source.hoursMin,
    hoursMax: source.hoursMax,
    hoursBands: hoursBands(source.hoursMin, source.hoursMax),
    rampUpFromHours: source.rampUpFromHours,
    contractType: source.contractType,
    positions: source.positions,
    startDate: source.startDate,
    competencies,
    support: unique(source.supportOffered),
    updatedAt: source.updatedAt.getTime(),
  };
  return { ...document, contentHash: contentHash(document) };
}

const TYPO_TOLERANCE: Settings['typoTolerance'] = {
  enabled: true,
  // As the taxonomy: short words (kok, bus) must be exact, long compounds may have two typos.
  minWordSizeForTypos: { oneTypo: 5, twoTypos: 9 },
  disableOnNumbers: true,
};

/**
 * Index settings. Searchable attributes are in order of weight: who or what it is first, then
 * wishes and synonyms, competencies, experience and volunteering, the labels of the concepts behind
 * them, compound parts, and the town last. Proximity by attribute
 * (not by word) halves indexing time and costs nothing here: the fields are short lists.
 */
export function indexSettings(kind: SearchKind, context: Pick<SearchContext, 'synonyms'>): Settings {
  const common: Settings = {
    synonyms: context.synonyms,
    typoTolerance: TYPO_TOLERANCE,
    proximityPrecision: 'byAttribute',
    faceting: { maxValuesPerFacet: 100, sortFacetValuesBy: { '*': 'count' } },
    pagination: { maxTotalHits: 1000 },
  };
  if (kind === 'candidates') {
    return {
      ...common,
      searchableAttributes: [
        'name',
        'reference',
        'wishTitles',
        'wishOccupations',
        'occupationAltLabels',
        'competencies',
        'experience',
        'volunteering',
        'conceptLabels',
        'compoundParts',
        'certificates',
        'experienceKinds',
        'municipality',
      ],
      filterableAttributes: [
        'status',
        'accountManagerId',
        'municipality',
        'wishSectors',
        'competencies',
        'dayParts',
        'slots',
        'nights',
        'weekends',
        'hoursTarget',
        'hoursBand',
        'mobilityModes',
        'drivingLicences',
        'updatedAt',
      ],
      sortableAttributes: ['updatedAt', 'name', 'reference', 'hoursTarget'],
    };
  }
  return {
    ...common,
    searchableAttributes: [
      'title',
      'occupation',
      'occupationAltLabels',
      'employerName',
      'competencies',
      'conceptLabels',
      'compoundParts',
      'city',
      'municipality',
    ],
    filterableAttributes: [
      'status',
      'employerId',
      'sector',
      'municipality',
      'competencies',
      'dayParts',
      'nightWork',
      'weekendWork',
      'hoursMin',
      'hoursMax',
      'hoursBands',
      'contractType',
      'support',
      'updatedAt',
    ],
    sortableAttributes: ['updatedAt', 'title', 'hoursMax', 'startDate'],
  };
}

/**
 * The text sent to Meilisearch for what a user typed. Meilisearch does not split Dutch compounds,
 * so a known compound is preceded by its parts: "magazijnmedewerker tilburg" becomes
 * "magazijn medewerker magazijnmedewerker tilburg". Documents index their compounds' parts too, so
 * the parts find every spelling, and the whole word still ranks exact matches first. One query, not
 * a federated pair: that would cost several milliseconds a search. The last word stays last, as
 * Meilisearch treats it as a prefix (people search while typing).
 */
export function searchText(query: string, vocabulary: CompoundVocabulary): { text: string; expanded: boolean } {
  let expanded = false;
  const words = tokenise(query).flatMap((word) => {
    const parts = splitCompound(word, vocabulary);
    if (parts.length === 0) return [word];
    expanded = true;
    return [...parts, word];
  });
  // Meilisearch reads the first ten words of a query; the user's own words go first when it is long.
  const text = words.length > 10 ? tokenise(query).slice(0, 10).join(' ') : words.join(' ');
  return { text, expanded };
}
