import type { Meilisearch, SearchParams, Settings } from 'meilisearch';
import { analyseLookupQuery, buildLookupVocabulary, type LookupVocabulary } from './lookup-query.js';
import { buildCompoundVocabulary, compoundParts, expandQuery, synonymsFromLabelGroups, type CompoundVocabulary } from './dutch-text.js';

/*
 * The taxonomy's search indexes: one for occupations and one for skills, shared by all tenants
 * (reference data), named with a prefix so that tests and deployments can keep theirs apart.
 * Documents are derived from Postgres and rebuilt whole, into a fresh index that is then swapped
 * in, so that searches never see a half-built index.
 */

export type TaxonomyIndexNames = { occupations: string; skills: string };

export function taxonomyIndexNames(prefix = ''): TaxonomyIndexNames {
  return { occupations: `${prefix}taxonomy_occupations`, skills: `${prefix}taxonomy_skills` };
}

/** The id of a concept in the API and the index: the UUID at the end of its ESCO URI. */
export function conceptId(uri: string): string {
  return uri.slice(uri.lastIndexOf('/') + 1);
}

export type LabelLanguage = 'nl' | 'en';

/** An occupation as the index gets it from Postgres. */
export type OccupationSource = {
  uri: string;
  code: string | null;
  iscoGroup: string | null;
  labelNl: string | null;
  labelEn: string | null;
  altLabelsNl: string[];
  hiddenLabelsNl: string[];
  altLabelsEn: string[];
  source: string;
};

/** An ISCO-08 unit group (four digits) as the index gets it from Postgres. */
export type IscoGroupSource = { code: string; uri: string; labelNl: string | null; labelEn: string | null };

/** A skill as the index gets it from Postgres. */
export type SkillSource = {
  uri: string;
  skillType: string | null;
  labelNl: string | null;
  labelEn: string | null;
  altLabelsNl: string[];
  source: string;
};

/**
 * What a look-up hit is: an ESCO occupation, or an ISCO-08 unit group for a job that ESCO has no
 * occupation for (a broader answer, found through the labels of the occupations it holds).
 */
export type OccupationKind = 'occupation' | 'iscoGroup';

export type OccupationDocument = {
  id: string;
  uri: string;
  kind: OccupationKind;
  /** 0 for occupations, 1 for groups: between equally good matches the occupation comes first. */
  kindRank: number;
  label: string;
  labelLanguage: LabelLanguage;
  labelEn: string | null;
  altLabels: string[];
  hiddenLabels: string[];
  /** English alternative labels: Dutch vacancies are often titled in English (warehouse worker, software engineer). */
  altLabelsEn: string[];
  /** Parts of the Dutch compounds in all labels (heftruck, chauffeur ...): found by a head noun. */
  compoundParts: string[];
  code: string | null;
  iscoGroup: string | null;
  source: string;
};

export type SkillDocument = {
  id: string;
  uri: string;
  label: string;
  labelLanguage: LabelLanguage;
  labelEn: string | null;
  altLabels: string[];
  compoundParts: string[];
  skillType: string | null;
  source: string;
};

/** What a search returns per hit: enough to show and pick a concept. */
export type OccupationHit = Pick<OccupationDocument, 'id' | 'uri' | 'kind' | 'label' | 'labelLanguage' | 'labelEn' | 'code' | 'iscoGroup' | 'source'>;
export type SkillHit = Pick<SkillDocument, 'id' | 'uri' | 'label' | 'labelLanguage' | 'labelEn' | 'skillType' | 'source'>;

const OCCUPATION_FIELDS = ['id', 'uri', 'kind', 'label', 'labelLanguage', 'labelEn', 'code', 'iscoGroup', 'source'];
const SKILL_FIELDS = ['id', 'uri', 'label', 'labelLanguage', 'labelEn', 'skillType', 'source'];

/** Dutch label, else English, and which one it is. */
export function preferredLabel(concept: { labelNl: string | null; labelEn: string | null; uri: string }): { label: string; labelLanguage: LabelLanguage } {
  if (concept.labelNl) return { label: concept.labelNl, labelLanguage: 'nl' };
  return { label: concept.labelEn ?? concept.uri, labelLanguage: 'en' };
}

/** The compound vocabulary of the taxonomy: every Dutch label, split into words. */
export function taxonomyVocabulary(labels: Iterable<string>): CompoundVocabulary {
  return buildCompoundVocabulary(labels);
}

export function occupationDocument(row: OccupationSource, vocabulary: CompoundVocabulary): OccupationDocument {
  const dutch = [row.labelNl ?? '', ...row.altLabelsNl, ...row.hiddenLabelsNl].join(' \n ');
  return {
    id: conceptId(row.uri),
    uri: row.uri,
    kind: 'occupation',
    kindRank: 0,
    ...preferredLabel(row),
    labelEn: row.labelEn,
    altLabels: row.altLabelsNl,
    hiddenLabels: row.hiddenLabelsNl,
    altLabelsEn: row.altLabelsEn,
    compoundParts: compoundParts(dutch, vocabulary),
    code: row.code,
    iscoGroup: row.iscoGroup,
    source: row.source,
  };
}

/**
 * An ISCO unit group as a look-up answer, for jobs that ESCO has no occupation for; found by its
 * own Dutch and English names ("bouwelektriciens", "electronics mechanics"). The labels of its
 * occupations are not added: a group then matched titles better than any of its occupations and
 * pushed the right occupation down (measured: MRR 0.535 → 0.511 on the evaluation set).
 */
export function iscoGroupDocument(group: IscoGroupSource): OccupationDocument {
  return {
    id: conceptId(group.uri),
    uri: group.uri,
    kind: 'iscoGroup',
    kindRank: 1,
    ...preferredLabel(group),
    labelEn: group.labelEn,
    altLabels: [],
    hiddenLabels: [],
    altLabelsEn: [],
    compoundParts: [],
    code: group.code,
    iscoGroup: group.code,
    source: 'esco',
  };
}

export function skillDocument(row: SkillSource, vocabulary: CompoundVocabulary): SkillDocument {
  return {
    id: conceptId(row.uri),
    uri: row.uri,
    ...preferredLabel(row),
    labelEn: row.labelEn,
    altLabels: row.altLabelsNl,
    compoundParts: compoundParts([row.labelNl ?? '', ...row.altLabelsNl].join(' \n '), vocabulary),
    skillType: row.skillType,
    source: row.source,
  };
}

/**
 * Ranked by where a word matches: the label first, then alternatives, hidden labels (misspellings
 * and old names), compound parts, and the English label last (for skills without Dutch).
 * The alternative labels are Meilisearch's way to Dutch synonyms here: each concept's synonyms are
 * searchable fields of its own document (typo-tolerant, also inside phrases). A synonyms setting
 * drawn from the same labels found nothing more and cost 4–5 ms a query (measured, 4.3k entries);
 * it is for indexes whose documents hold only one of the words (see taxonomySynonyms).
 */
function occupationSettings(): Settings {
  return {
    searchableAttributes: ['label', 'altLabels', 'hiddenLabels', 'compoundParts', 'labelEn', 'altLabelsEn'],
    displayedAttributes: OCCUPATION_FIELDS,
    filterableAttributes: ['source', 'iscoGroup', 'kind'],
    sortableAttributes: ['label', 'kindRank'],
    rankingRules: ['words', 'typo', 'proximity', 'attribute', 'sort', 'exactness', 'kindRank:asc'],
    typoTolerance: { enabled: true, minWordSizeForTypos: { oneTypo: 5, twoTypos: 9 }, disableOnNumbers: true },
  };
}

function skillSettings(): Settings {
  return {
    searchableAttributes: ['label', 'altLabels', 'compoundParts', 'labelEn'],
    displayedAttributes: SKILL_FIELDS,
    filterableAttributes: ['source', 'skillType', 'labelLanguage'],
    sortableAttributes: ['label'],
    typoTolerance: { enabled: true, minWordSizeForTypos: { oneTypo: 5, twoTypos: 9 }, disableOnNumbers: true },
  };
}

const TASK_TIMEOUT_MS = 300_000;

async function expectSucceeded(task: Promise<{ status: string; error?: { message: string } | null; uid: number }>, what: string) {
  const done = await task;
  if (done.status !== 'succeeded') throw new Error(`Meilisearch could not ${what}: ${done.error?.message ?? done.status} (task ${done.uid})`);
}

/** Builds an index under a temporary name and swaps it in for `name`; the old one is dropped. */
async function rebuildIndex<T extends Record<string, unknown>>({
  search,
  name,
  settings,
  documents,
  onProgress,
}: {
  search: Meilisearch;
  name: string;
  settings: Settings;
  documents: T[];
  onProgress?: (done: number, total: number) => void;
}): Promise<void> {
  const next = `${name}_next`;
  await search.deleteIndexIfExists(next);
  await expectSucceeded(search.createIndex(next, { primaryKey: 'id' }).waitTask({ timeout: TASK_TIMEOUT_MS }), `create ${next}`);
  const index = search.index(next);
  await expectSucceeded(index.updateSettings(settings).waitTask({ timeout: TASK_TIMEOUT_MS }), `configure ${next}`);
  const batch = 5000;
  for (let start = 0; start < documents.length; start += batch) {
    await expectSucceeded(index.addDocuments(documents.slice(start, start + batch)).waitTask({ timeout: TASK_TIMEOUT_MS }), `index documents in ${next}`);
    onProgress?.(Math.min(start + batch, documents.length), documents.length);
  }
  // The swap needs both indexes; a first build creates the (empty) target first.
  const created = await search.createIndex(name, { primaryKey: 'id' }).waitTask({ timeout: TASK_TIMEOUT_MS });
  if (created.status !== 'succeeded' && created.error?.code !== 'index_already_exists') {
    throw new Error(`Meilisearch could not create ${name}: ${created.error?.message ?? created.status}`);
  }
  await expectSucceeded(search.swapIndexes([{ indexes: [name, next], rename: false }]).waitTask({ timeout: TASK_TIMEOUT_MS }), `swap ${next} into ${name}`);
  await search.deleteIndex(next).waitTask({ timeout: TASK_TIMEOUT_MS });
}

/**
 * Meilisearch synonyms for job titles, from the occupations' one-word Dutch labels
 * (heftruckchauffeur ↔ vorkheftruckbestuurder ↔ reachtruckchauffeur ...): for indexes whose
 * documents hold one title each (vacancies, candidates' wishes), so that any variant finds them.
 */
export function taxonomySynonyms(occupations: Array<Pick<OccupationSource, 'labelNl' | 'altLabelsNl'>>): Record<string, string[]> {
  return synonymsFromLabelGroups(occupations.map((row) => [row.labelNl ?? '', ...row.altLabelsNl]));
}

/** Rebuilds both taxonomy indexes from the given rows. */
export async function rebuildTaxonomyIndexes({
  search,
  names,
  occupations,
  iscoGroups,
  skills,
  vocabulary,
  onProgress,
}: {
  search: Meilisearch;
  names: TaxonomyIndexNames;
  occupations: OccupationSource[];
  iscoGroups: IscoGroupSource[];
  skills: SkillSource[];
  vocabulary: CompoundVocabulary;
  onProgress?: (index: string, done: number, total: number) => void;
}): Promise<{ occupations: number; iscoGroups: number; skills: number }> {
  // Only groups that hold occupations: the others are not in ESCO's Dutch occupation pillar.
  const used = new Set(occupations.map((row) => row.iscoGroup));
  const groups = iscoGroups.filter((group) => used.has(group.code));
  await rebuildIndex({
    search,
    name: names.occupations,
    settings: occupationSettings(),
    documents: [...occupations.map((row) => occupationDocument(row, vocabulary)), ...groups.map((group) => iscoGroupDocument(group))],
    onProgress: (done, total) => onProgress?.(names.occupations, done, total),
  });
  await rebuildIndex({
    search,
    name: names.skills,
    settings: skillSettings(),
    documents: skills.map((row) => skillDocument(row, vocabulary)),
    onProgress: (done, total) => onProgress?.(names.skills, done, total),
  });
  return { occupations: occupations.length, iscoGroups: groups.length, skills: skills.length };
}

/**
 * Searches one taxonomy index with the query as typed and, when it holds Dutch compounds, with
 * their parts too (reachtruckmedewerker → reachtruck medewerker); both in one federated request,
 * merged by relevance, the literal query weighing more. An empty query lists by label.
 */
async function searchIndex<T>({
  search,
  index,
  query,
  limit,
  vocabulary,
  fields,
}: {
  search: Meilisearch;
  index: string;
  query: string;
  limit: number;
  vocabulary: CompoundVocabulary;
  fields: string[];
}): Promise<T[]> {
  const { normalised, expanded } = expandQuery(query, vocabulary);
  if (normalised.length === 0) {
    const result = await search.index(index).search('', { limit, sort: ['label:asc'], attributesToRetrieve: fields });
    return result.hits as T[];
  }
  if (!expanded) {
    // One query needs no federation (which costs ≈ 7 ms more here).
    const result = await search.index(index).search(normalised, { limit, attributesToRetrieve: fields });
    return result.hits as T[];
  }
  const queries = [
    { indexUid: index, q: normalised, attributesToRetrieve: fields, federationOptions: { weight: 1 } },
    { indexUid: index, q: expanded, matchingStrategy: 'frequency' as const, attributesToRetrieve: fields, federationOptions: { weight: 0.9 } },
  ];
  const result = await search.multiSearch({ federation: { limit, offset: 0 }, queries });
  // A document found by both queries is returned once (Meilisearch keeps its best match); guard anyway.
  const seen = new Set<string>();
  const hits: T[] = [];
  for (const hit of result.hits) {
    const id = String(hit.id);
    if (seen.has(id)) continue;
    seen.add(id);
    const { _federation, ...fieldsOnly } = hit as Record<string, unknown>;
    hits.push(fieldsOnly as T);
  }
  return hits;
}

/** The look-up vocabulary of the taxonomy: every word of the occupations' and groups' labels, compounds split by the Dutch labels. */
export function occupationLookupVocabulary({
  occupations,
  iscoGroups = [],
  dutchLabels,
  synonyms,
}: {
  occupations: ReadonlyArray<Pick<OccupationSource, 'labelNl' | 'labelEn' | 'altLabelsNl' | 'hiddenLabelsNl' | 'altLabelsEn'>>;
  iscoGroups?: ReadonlyArray<Pick<IscoGroupSource, 'labelNl' | 'labelEn'>>;
  dutchLabels: Iterable<string>;
  synonyms?: Readonly<Record<string, readonly string[]>>;
}): LookupVocabulary {
  const labels: string[] = [];
  for (const row of [...occupations, ...iscoGroups]) {
    if (row.labelNl) labels.push(row.labelNl);
    if (row.labelEn) labels.push(row.labelEn);
  }
  for (const row of occupations) labels.push(...row.altLabelsNl, ...row.hiddenLabelsNl, ...row.altLabelsEn);
  return buildLookupVocabulary({ labels, compoundLabels: dutchLabels, synonyms });
}

/**
 * Occupations (and ISCO groups) for a typed job title: the words that carry its meaning, most
 * important first (analyseLookupQuery), in one Meilisearch request, which drops words from the end
 * while nothing matches them all. One request, not a federated pair: that cost ≈ 7 ms, and the
 * analysis makes the second query needless. Dropping the most frequent word first ('frequency')
 * was measured and found worse (MRR 0.482 against 0.534). An empty query lists by label.
 */
export async function searchOccupations({
  search,
  names,
  query,
  limit,
  vocabulary,
}: {
  search: Meilisearch;
  names: TaxonomyIndexNames;
  query: string;
  limit: number;
  vocabulary: LookupVocabulary;
}): Promise<OccupationHit[]> {
  const request = occupationSearchRequest(query, limit, vocabulary);
  const result = await search.index(names.occupations).search(request.q, request.params);
  return result.hits as unknown as OccupationHit[];
}

/**
 * The one Meilisearch search a look-up sends: the analysed words (or, for an empty query, the list
 * by label) with the fields the answer carries. bench:lookup times this very search against the API.
 */
export function occupationSearchRequest(query: string, limit: number, vocabulary: LookupVocabulary): { q: string; params: SearchParams } {
  const { text } = analyseLookupQuery(query, vocabulary);
  if (text.length === 0) return { q: '', params: { limit, sort: ['label:asc'], attributesToRetrieve: OCCUPATION_FIELDS } };
  return { q: text, params: { limit, matchingStrategy: 'last', attributesToRetrieve: OCCUPATION_FIELDS } };
}

export async function searchSkills(options: {
  search: Meilisearch;
  names: TaxonomyIndexNames;
  query: string;
  limit: number;
  vocabulary: CompoundVocabulary;
}): Promise<SkillHit[]> {
  return searchIndex<SkillHit>({ ...options, index: options.names.skills, fields: SKILL_FIELDS });
}

/**
 * Skills for competences in people's own words, many texts in one request. Each text is searched
 * twice: with Meilisearch's default (drop words from the end) and dropping the most common words
 * first ("werken met een schrobmachine" keeps "schrobmachine"); compound parts join the second. The
 * two lists are interleaved, the default's first, each concept once: their ranking scores do not
 * compare (a hit on three common words outscores one on the word that matters). Neither strategy
 * alone found every concept the demo links to its words.
 */
export async function suggestSkillsForTexts({
  search,
  names,
  texts,
  limit,
  vocabulary,
}: {
  search: Meilisearch;
  names: TaxonomyIndexNames;
  texts: readonly string[];
  limit: number;
  vocabulary: CompoundVocabulary;
}): Promise<SkillHit[][]> {
  const queries = texts.flatMap((text) => {
    const { normalised, expanded } = expandQuery(text, vocabulary);
    const base = { indexUid: names.skills, limit, attributesToRetrieve: SKILL_FIELDS };
    return [
      { ...base, q: normalised },
      { ...base, q: expanded ?? normalised, matchingStrategy: 'frequency' as const },
    ];
  });
  const { results } = await search.multiSearch({ queries });
  return texts.map((_, index) => {
    const fromEnd = results[2 * index]!.hits as SkillHit[];
    const rareKept = results[2 * index + 1]!.hits as SkillHit[];
    const seen = new Set<string>();
    const merged: SkillHit[] = [];
    for (let rank = 0; rank < Math.max(fromEnd.length, rareKept.length); rank += 1) {
      for (const hit of [fromEnd[rank], rareKept[rank]]) {
        if (hit === undefined || seen.has(hit.uri)) continue;
        seen.add(hit.uri);
        merged.push(hit);
      }
    }
    return merged.slice(0, limit);
  });
}

/** How many documents each taxonomy index holds; null for an index that does not exist. */
export async function taxonomyIndexSizes(search: Meilisearch, names: TaxonomyIndexNames): Promise<{ occupations: number | null; skills: number | null }> {
  const size = async (name: string) => {
    try {
      return (await search.index(name).getStats()).numberOfDocuments;
    } catch (error) {
      if ((error as { cause?: { code?: string } }).cause?.code === 'index_not_found') return null;
      throw error;
    }
  };
  return { occupations: await size(names.occupations), skills: await size(names.skills) };
}
