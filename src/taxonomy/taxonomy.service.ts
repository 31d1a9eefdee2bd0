import { MeilisearchApiError, MeilisearchRequestError, MeilisearchRequestTimeOutError, type Meilisearch } from 'meilisearch';
import type { Db, Executor } from '../../db/client.js';
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
  type SkillHit,
  type SkillSource,
} from '../../search/taxonomy-index.js';
import { audit } from '../audit/audit.js';
import type { Principal } from '../auth/roles.js';
import type { Clock } from '../clock.js';
import { commonProblems, ProblemError } from '../http/problems.js';
import { DEMO_TAXONOMY_BASE, ESCO_BASE } from '../schemas/common.js';
import { taxonomyProblems } from './taxonomy.errors.js';
import { taxonomyRepository } from './taxonomy.repository.js';
import { tenantLabelsRepository } from './tenant-labels.repository.js';
import { conceptsForText, labelsByUri, tidyTenantWords, withTenantLabel, type LabelSource, type TenantConceptLabel } from './tenant-labels.js';
import {
  MAX_SUGGESTED_COMPETENCIES,
  type OccupationDetail,
  type SkillDetail,
  type SkillLabelsBody,
  type SkillSuggestions,
  type SkillSuggestionsBody,
  type SuggestedCompetencies,
  type TaxonomySearchQuery,
} from './taxonomy.schemas.js';
import { timedSearch } from '../metrics/metrics.js';

export const ESCO_OCCUPATION_URI_PREFIX = `${ESCO_BASE}occupation/`;
export const ESCO_SKILL_URI_PREFIX = `${ESCO_BASE}skill/`;

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

/** A skill as the API shows it to a tenant: its own label where it has one, Dutch or English marked as such. */
type SkillView = { id: string; uri: string; label: string; labelLanguage: 'nl' | 'en'; labelSource: LabelSource; skillType: string | null };

function skillViewOf(skill: SkillOfOccupation, labels: ReadonlyMap<string, TenantConceptLabel>): SkillView & { relation: string } {
  return {
    ...withTenantLabel({ id: conceptId(skill.uri), uri: skill.uri, ...preferredLabel(skill), skillType: skill.skillType }, labels),
    relation: skill.relation,
  };
}

/** Dutch labels first (they read best in a Dutch vacancy), then alphabetically. */
function bySkillLabel(a: SkillView, b: SkillView): number {
  if (a.labelLanguage !== b.labelLanguage) return a.labelLanguage === 'nl' ? -1 : 1;
  return a.label.localeCompare(b.label, 'nl');
}

/** A skill row as a search hit (for concepts found by a tenant's own words). */
function skillHitOf(row: SkillSource): SkillHit {
  return { id: conceptId(row.uri), uri: row.uri, ...preferredLabel(row), labelEn: row.labelEn, skillType: row.skillType, source: row.source };
}

/**
 * The occupation and skill taxonomy (ESCO or the demo taxonomy): search through Meilisearch,
 * details from Postgres. The taxonomy is shared by every tenant; a tenant's own Dutch labels and
 * synonyms (tenant_concept_labels) are laid over it per request, for that tenant only.
 */
/** The look-up's vocabulary (words of every label, compounds split by the Dutch labels), from Postgres. */
export async function loadLookupVocabulary(db: Db): Promise<LookupVocabulary> {
  const repository = taxonomyRepository(db);
  return occupationLookupVocabulary({
    occupations: await repository.occupationsForIndex(),
    iscoGroups: await repository.iscoUnitGroupsForIndex(),
    dutchLabels: await repository.dutchLabels(),
  });
}

export function createTaxonomyService({ db, search, indexPrefix = '', clock }: { db: Db; search: Meilisearch | null; indexPrefix?: string; clock: Clock }) {
  const names = taxonomyIndexNames(indexPrefix);
  let vocabulary: { value: Promise<LookupVocabulary>; loadedAt: number } | undefined;

  const loadVocabulary = () => loadLookupVocabulary(db);

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

  /** A tenant's own words for concepts (none for callers outside a tenant). */
  async function tenantLabels(executor: Executor, tenantId: string | null): Promise<TenantConceptLabel[]> {
    return tenantId === null ? [] : tenantLabelsRepository(executor, tenantId).all();
  }

  /**
   * Search hits as a tenant sees them: the concepts its own words find for the text first, then
   * the index's hits, each once, with the tenant's label where it has one.
   */
  async function withTenantWords(hits: SkillHit[], rows: TenantConceptLabel[], text: string, limit: number) {
    const labels = labelsByUri(rows);
    const own = text.trim().length > 0 ? conceptsForText(text, rows) : [];
    const found = new Map(hits.map((hit) => [hit.uri, hit]));
    const missing = own.filter((uri) => !found.has(uri));
    for (const row of await taxonomyRepository(db).skillsByUris(missing)) found.set(row.uri, skillHitOf(row));
    // A concept the taxonomy no longer has (a demo concept after an ESCO import) is left out.
    const ownHits = own.flatMap((uri) => (found.has(uri) ? [found.get(uri)!] : []));
    const rest = hits.filter((hit) => !own.includes(hit.uri));
    return {
      own: new Set(own),
      hits: [...ownHits, ...rest].slice(0, limit).map((hit) => ({ ...withTenantLabel(hit, labels), source: hit.source as 'esco' | 'demo' })),
    };
  }

  async function loadSkill(executor: Executor, id: string) {
    const repository = taxonomyRepository(executor);
    const [found] = await repository.skillsByUris([`${ESCO_SKILL_URI_PREFIX}${id}`, `${DEMO_TAXONOMY_BASE}skill/${id}`]);
    if (!found) throw new ProblemError(taxonomyProblems.skill_not_found);
    return found;
  }

  async function skillDetail(executor: Executor, id: string, tenantId: string): Promise<SkillDetail> {
    const skill = await loadSkill(executor, id);
    const own = await tenantLabelsRepository(executor, tenantId).find(skill.uri);
    const shown = withTenantLabel({ uri: skill.uri, ...preferredLabel(skill) }, labelsByUri(own ? [own] : []));
    return {
      id: conceptId(skill.uri),
      uri: skill.uri,
      label: shown.label,
      labelLanguage: shown.labelLanguage,
      labelSource: shown.labelSource,
      taxonomyLabel: skill.labelNl,
      labelEn: skill.labelEn,
      altLabels: skill.altLabelsNl,
      tenantLabel: own?.label ?? null,
      tenantSynonyms: own?.synonyms ?? [],
      skillType: skill.skillType,
      source: skill.source as SkillDetail['source'],
    };
  }

  async function loadOccupation(id: string) {
    const repository = taxonomyRepository(db);
    const found =
      (await repository.findOccupation(`${ESCO_OCCUPATION_URI_PREFIX}${id}`)) ?? (await repository.findOccupation(`${DEMO_TAXONOMY_BASE}occupation/${id}`));
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

    /**
     * Skills by Dutch (or English) label; for a tenant also by its own labels and synonyms (those
     * first), shown with its own label.
     */
    async searchSkills(query: TaxonomySearchQuery, tenantId: string | null = null) {
      const client = requireSearch();
      const rows = await tenantLabels(db, tenantId);
      let hits: SkillHit[];
      try {
        const vocabulary = (await currentVocabulary()).compounds;
        hits = await timedSearch('skills', () => searchSkills({ search: client, names, query: query.q ?? '', limit: query.limit, vocabulary }));
      } catch (error) {
        throw searchProblem(error);
      }
      return { items: (await withTenantWords(hits, rows, query.q ?? '', query.limit)).hits };
    },

    /**
     * Concepts for competences in people's own words (issue 13.1): per text the skills the look-up
     * finds, Dutch-labelled ones first among the best (they read best in a Dutch profile). Staff
     * confirm one (the competence gets its skillUri, the words stay) or keep the words free.
     */
    async suggestSkills(body: SkillSuggestionsBody, tenantId: string | null = null): Promise<SkillSuggestions> {
      const client = requireSearch();
      const rows = await tenantLabels(db, tenantId);
      const unique = [...new Set(body.texts)];
      let found: SkillHit[][];
      try {
        const compounds = (await currentVocabulary()).compounds;
        // Twice as many as asked, so that a Dutch-labelled concept just below an English-only one can move up.
        found = await suggestSkillsForTexts({ search: client, names, texts: unique, limit: body.limit * 2, vocabulary: compounds });
      } catch (error) {
        throw searchProblem(error);
      }
      const byText = new Map<string, SkillSuggestions['items'][number]['suggestions']>();
      for (const [index, text] of unique.entries()) {
        // The tenant's own words first, then Dutch-labelled concepts (its own labels count as Dutch), then English-only ones.
        const { own, hits } = await withTenantWords(found[index]!, rows, text, body.limit * 2 + rows.length);
        const mine = hits.filter((hit) => own.has(hit.uri));
        const dutch = hits.filter((hit) => !own.has(hit.uri) && hit.labelLanguage === 'nl');
        const other = hits.filter((hit) => !own.has(hit.uri) && hit.labelLanguage !== 'nl');
        byText.set(text, [...mine, ...dutch, ...other].slice(0, body.limit));
      }
      return { items: body.texts.map((text) => ({ text, suggestions: byText.get(text)! })) };
    },

    /** One occupation with its essential and optional skills. */
    async getOccupation(id: string, tenantId: string | null = null): Promise<OccupationDetail> {
      const { occupation, iscoLabelNl, iscoLabelEn } = await loadOccupation(id);
      const labels = labelsByUri(await tenantLabels(db, tenantId));
      const skills = (await taxonomyRepository(db).skillsOfOccupation(occupation.uri)).map((skill) => skillViewOf(skill, labels)).sort(bySkillLabel);
      const skillView = ({ relation: _relation, ...view }: SkillView & { relation: string }) => view;
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
    async suggestedCompetencies(id: string, tenantId: string | null = null): Promise<SuggestedCompetencies> {
      const { occupation } = await loadOccupation(id);
      const labels = labelsByUri(await tenantLabels(db, tenantId));
      const skills = (await taxonomyRepository(db).skillsOfOccupation(occupation.uri)).map((skill) => skillViewOf(skill, labels)).sort(bySkillLabel);
      const ordered = [...skills.filter((skill) => skill.relation === 'essential'), ...skills.filter((skill) => skill.relation === 'optional')];
      const kept = ordered.slice(0, MAX_SUGGESTED_COMPETENCIES);
      return {
        occupationUri: occupation.uri,
        occupationLabel: preferredLabel(occupation).label,
        competencies: kept.map((skill) => ({
          skillUri: skill.uri,
          label: skill.label.slice(0, 200),
          importance: skill.relation === 'essential' ? ('should' as const) : ('trainable' as const),
        })),
        omitted: ordered.length - kept.length,
        englishLabels: kept.filter((skill) => skill.labelLanguage === 'en').map((skill) => skill.uri),
      };
    },

    /** One skill as this tenant sees it: the label to show, the taxonomy's labels and the tenant's own words. */
    async getSkill(id: string, tenantId: string): Promise<SkillDetail> {
      return skillDetail(db, id, tenantId);
    },

    /**
     * Replaces the tenant's own Dutch label and synonyms for a skill (admins; audited). Kept in a
     * table of the tenant's own, so an ESCO import leaves them; only this tenant sees them.
     */
    async setSkillLabels(tx: Executor, principal: Principal, id: string, body: SkillLabelsBody): Promise<SkillDetail> {
      const skill = await loadSkill(tx, id);
      const words = tidyTenantWords(body);
      await tenantLabelsRepository(tx, principal.tenantId).replace(skill.uri, words, principal.userId, clock.now());
      await audit(tx, clock, {
        principal,
        action: 'taxonomy.labels_change',
        subjectType: 'taxonomy_skill',
        subjectId: conceptId(skill.uri),
        details: { conceptUri: skill.uri, label: words.label, synonyms: words.synonyms },
      });
      return skillDetail(tx, id, principal.tenantId);
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
