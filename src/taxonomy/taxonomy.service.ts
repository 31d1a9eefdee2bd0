import { MeilisearchApiError, MeilisearchRequestError, MeilisearchRequestTimeOutError, type Meilisearch } from 'meilisearch';
import type { Db } from '../../db/client.js';
import type { LookupVocabulary } from '../../search/lookup-query.js';
import {
  conceptId,
  occupationLookupVocabulary,
  preferredLabel,
  rebuildTaxonomyIndexes,
  searchOccupations,
  searchSkills,
  suggestSkillsForTexts,
  taxonomyIndexNames,
  taxonomyIndexSizes,
} from '../../search/taxonomy-index.js';
import type { Clock } from '../clock.js';
import { commonProblems, ProblemError } from '../http/problems.js';
import { DEMO_TAXONOMY_BASE, ESCO_BASE } from '../schemas/common.js';
import { taxonomyProblems } from './taxonomy.errors.js';
import { taxonomyRepository } from './taxonomy.repository.js';
import {
  MAX_SUGGESTED_COMPETENCIES,
  type OccupationDetail,
  type SkillSuggestions,
  type SkillSuggestionsBody,
  type SuggestedCompetencies,
  type TaxonomySearchQuery,
} from './taxonomy.schemas.js';
import { timedSearch } from '../metrics/metrics.js';

export const ESCO_OCCUPATION_URI_PREFIX = `${ESCO_BASE}occupation/`;

/** How long a loaded compound vocabulary is used before it is reloaded (an import may have run). */
const VOCABULARY_TTL_MS = 10 * 60_000;

/** Maps a search failure to a problem: Meilisearch down → 503, index not built yet → 503. */
function searchProblem(error: unknown): unknown {
  if (error instanceof MeilisearchRequestError || error instanceof MeilisearchRequestTimeOutError) {
    return new ProblemError(commonProblems.unavailable, { headers: { 'retry-after': '5' }, cause: error });
  }
  if (error instanceof MeilisearchApiError && error.cause?.code === 'index_not_found') {
    return new ProblemError(taxonomyProblems.index_missing, { headers: { 'retry-after': '60' }, cause: error });
  }
  return error;
}

type SkillOfOccupation = { uri: string; labelNl: string | null; labelEn: string | null; skillType: string | null; relation: string };

/** Dutch labels first (they read best in a Dutch vacancy), then alphabetically. */
function bySkillLabel(a: SkillOfOccupation, b: SkillOfOccupation): number {
  const left = preferredLabel(a);
  const right = preferredLabel(b);
  if (left.labelLanguage !== right.labelLanguage) return left.labelLanguage === 'nl' ? -1 : 1;
  return left.label.localeCompare(right.label, 'nl');
}

/**
 * The occupation and skill taxonomy (ESCO or the demo taxonomy): search through Meilisearch,
 * details from Postgres. Not tenant data: every caller sees the same taxonomy.
 */
export function createTaxonomyService({
  db,
  search,
  indexPrefix = '',
  clock,
}: {
  db: Db;
  search: Meilisearch | null;
  indexPrefix?: string;
  clock: Clock;
}) {
  const names = taxonomyIndexNames(indexPrefix);
  let vocabulary: { value: Promise<LookupVocabulary>; loadedAt: number } | undefined;

  async function loadVocabulary(): Promise<LookupVocabulary> {
    const repository = taxonomyRepository(db);
    return occupationLookupVocabulary({
      occupations: await repository.occupationsForIndex(),
      iscoGroups: await repository.iscoUnitGroupsForIndex(),
      dutchLabels: await repository.dutchLabels(),
    });
  }

  /**
   * The compound vocabulary, built from the Dutch labels in Postgres. Loaded on first use and
   * refreshed in the background when old, so that a search never waits for a reload.
   */
  async function currentVocabulary(): Promise<LookupVocabulary> {
    const now = clock.now().getTime();
    if (!vocabulary) {
      vocabulary = { value: loadVocabulary(), loadedAt: now };
      vocabulary.value.catch(() => {
        vocabulary = undefined;
      });
    } else if (now - vocabulary.loadedAt > VOCABULARY_TTL_MS) {
      const previous = vocabulary;
      const reloaded = loadVocabulary();
      vocabulary = { value: previous.value, loadedAt: now };
      reloaded.then(
        () => {
          vocabulary = { value: reloaded, loadedAt: now };
        },
        () => undefined,
      );
    }
    return vocabulary.value;
  }

  function requireSearch(): Meilisearch {
    if (!search) throw new ProblemError(commonProblems.unavailable, { headers: { 'retry-after': '5' } });
    return search;
  }

  async function loadOccupation(id: string) {
    const repository = taxonomyRepository(db);
    const found = (await repository.findOccupation(`${ESCO_OCCUPATION_URI_PREFIX}${id}`)) ?? (await repository.findOccupation(`${DEMO_TAXONOMY_BASE}occupation/${id}`));
    if (!found) throw new ProblemError(taxonomyProblems.occupation_not_found);
    return found;
  }

  /** Rebuilds both search indexes from Postgres (after an import, or when they are missing). */
  async function reindex(onProgress?: (index: string, done: number, total: number) => void) {
    const client = requireSearch();
    const repository = taxonomyRepository(db);
    const fresh = await loadVocabulary();
    vocabulary = { value: Promise.resolve(fresh), loadedAt: clock.now().getTime() };
    return rebuildTaxonomyIndexes({
      search: client,
      names,
      occupations: await repository.occupationsForIndex(),
      iscoGroups: await repository.iscoUnitGroupsForIndex(),
      skills: await repository.skillsForIndex(),
      vocabulary: fresh.compounds,
      onProgress,
    });
  }

  return {
    /** Occupations by Dutch title, synonym, compound part or typo. */
    async searchOccupations(query: TaxonomySearchQuery) {
      const client = requireSearch();
      try {
        const vocabulary = await currentVocabulary();
        const items = await timedSearch('occupations', () =>
          searchOccupations({ search: client, names, query: query.q ?? '', limit: query.limit, vocabulary }),
        );
        return { items };
      } catch (error) {
        throw searchProblem(error);
      }
    },

    /** Skills by Dutch (or English) label. */
    async searchSkills(query: TaxonomySearchQuery) {
      const client = requireSearch();
      try {
        const vocabulary = (await currentVocabulary()).compounds;
        const items = await timedSearch('skills', () =>
          searchSkills({ search: client, names, query: query.q ?? '', limit: query.limit, vocabulary }),
        );
        return { items };
      } catch (error) {
        throw searchProblem(error);
      }
    },

    /**
     * Concepts for competences in people's own words (issue 13.1): per text the skills the look-up
     * finds, Dutch-labelled ones first among the best (they read best in a Dutch profile). Staff
     * confirm one (the competence gets its skillUri, the words stay) or keep the words free.
     */
    async suggestSkills(body: SkillSuggestionsBody): Promise<SkillSuggestions> {
      const client = requireSearch();
      try {
        const compounds = (await currentVocabulary()).compounds;
        const unique = [...new Set(body.texts)];
        // Twice as many as asked, so that a Dutch-labelled concept just below an English-only one can move up.
        const found = await suggestSkillsForTexts({ search: client, names, texts: unique, limit: body.limit * 2, vocabulary: compounds });
        const byText = new Map(unique.map((text, index) => [text, found[index]!]));
        return {
          items: body.texts.map((text) => {
            const hits = byText.get(text)!;
            const dutch = hits.filter((hit) => hit.labelLanguage === 'nl');
            const other = hits.filter((hit) => hit.labelLanguage !== 'nl');
            const suggestions = [...dutch, ...other].slice(0, body.limit).map((hit) => ({ ...hit, source: hit.source as 'esco' | 'demo' }));
            return { text, suggestions };
          }),
        };
      } catch (error) {
        throw searchProblem(error);
      }
    },

    /** One occupation with its essential and optional skills. */
    async getOccupation(id: string): Promise<OccupationDetail> {
      const { occupation, iscoLabelNl, iscoLabelEn } = await loadOccupation(id);
      const skills = (await taxonomyRepository(db).skillsOfOccupation(occupation.uri)).sort(bySkillLabel);
      const skillView = (skill: SkillOfOccupation) => ({
        id: conceptId(skill.uri),
        uri: skill.uri,
        ...preferredLabel(skill),
        skillType: skill.skillType,
      });
      const description = occupation.descriptionNl ?? occupation.descriptionEn;
      return {
        id: conceptId(occupation.uri),
        uri: occupation.uri,
        code: occupation.code,
        ...preferredLabel(occupation),
        labelEn: occupation.labelEn,
        altLabels: occupation.altLabelsNl,
        description,
        descriptionLanguage: description === null ? null : occupation.descriptionNl ? 'nl' : 'en',
        iscoGroup: occupation.iscoGroup ? { code: occupation.iscoGroup, label: iscoLabelNl ?? iscoLabelEn } : null,
        regulated: occupation.regulatedNote !== null,
        source: occupation.source as OccupationDetail['source'],
        essentialSkills: skills.filter((skill) => skill.relation === 'essential').map(skillView),
        optionalSkills: skills.filter((skill) => skill.relation === 'optional').map(skillView),
      };
    },

    /**
     * An occupation's skills as vacancy competencies: essential ones as "should" (a plus, not a
     * demand: Kansrijk matches on potential, and the employer decides what is a must), optional
     * ones as "trainable". At most as many as a vacancy takes; optional ones give way first.
     */
    async suggestedCompetencies(id: string): Promise<SuggestedCompetencies> {
      const { occupation } = await loadOccupation(id);
      const skills = (await taxonomyRepository(db).skillsOfOccupation(occupation.uri)).sort(bySkillLabel);
      const ordered = [...skills.filter((skill) => skill.relation === 'essential'), ...skills.filter((skill) => skill.relation === 'optional')];
      const kept = ordered.slice(0, MAX_SUGGESTED_COMPETENCIES);
      return {
        occupationUri: occupation.uri,
        occupationLabel: preferredLabel(occupation).label,
        competencies: kept.map((skill) => ({
          skillUri: skill.uri,
          label: preferredLabel(skill).label.slice(0, 200),
          importance: skill.relation === 'essential' ? ('should' as const) : ('trainable' as const),
        })),
        omitted: ordered.length - kept.length,
      };
    },

    reindex,

    /**
     * Rebuilds the indexes when they are missing or do not hold what Postgres holds (a fresh
     * Meilisearch, or a seed without one); returns whether it did. For start-up.
     */
    async ensureIndexed(): Promise<boolean> {
      const client = requireSearch();
      const counts = await taxonomyRepository(db).counts();
      const sizes = await taxonomyIndexSizes(client, names);
      // The occupations index also holds the ISCO unit groups that have occupations (look-up back-off).
      if (sizes.occupations === counts.occupations + counts.lookupGroups && sizes.skills === counts.skills) {
        await currentVocabulary(); // so that the first search does not wait for it
        return false;
      }
      await reindex();
      return true;
    },

    indexNames: names,
  };
}

export type TaxonomyService = ReturnType<typeof createTaxonomyService>;
