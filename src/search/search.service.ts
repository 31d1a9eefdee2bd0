import type { Meilisearch, SearchResponse } from 'meilisearch';
import type { Logger } from 'pino';
import type { Db } from '../../db/client.js';
import { cachedSearchContext } from './search.context.js';
import { TOPIC_OF, type SearchKind } from '../../search/search-documents.js';
import { isIndexNotFound, isSearchUnavailable } from '../../search/tenant-indexes.js';
import { audit } from '../audit/audit.js';
import type { Principal } from '../auth/roles.js';
import type { Clock } from '../clock.js';
import { commonProblems, ProblemError } from '../http/problems.js';
import { enqueueOutbox } from '../outbox/outbox.js';
import { searchProblems } from './search.errors.js';
import { searchRepository } from './search.repository.js';
import { CANDIDATE_FACETS, candidateSearchRequest, VACANCY_FACETS, vacancySearchRequest, type SearchRequest } from './search.requests.js';
import {
  BULK_DEPTH,
  BULK_LIMIT,
  type CandidateSearchQuery,
  type CandidateSearchResult,
  type VacancySearchQuery,
  type VacancySearchResult,
} from './search.schemas.js';
import { toCandidateHit, toVacancyHit, type Document } from './search.views.js';
import { timedSearch } from '../metrics/metrics.js';

type Facets = Record<string, Array<{ value: string; label?: string; count: number }>>;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Facet counts under the names of the query parameters, most frequent first; ids get a label. */
function facetsOf(distribution: Record<string, Record<string, number>> | undefined, names: Record<string, string>, labels: Map<string, string>): Facets {
  const facets: Facets = {};
  for (const [attribute, parameter] of Object.entries(names)) {
    facets[parameter] = Object.entries(distribution?.[attribute] ?? {})
      .map(([value, count]) => {
        const label = labels.get(value);
        return label === undefined ? { value, count } : { value, label, count };
      })
      .sort((a, b) => b.count - a.count || a.value.localeCompare(b.value, 'nl'));
  }
  return facets;
}

/**
 * Staff search over the tenant's candidates and vacancies in Meilisearch. The index is derived
 * data: every hit is checked against Postgres (exists, in this tenant) before it is returned, and a
 * hit that Postgres no longer has is dropped and its deletion queued. Large searches need a reason
 * and are audited (REQUIREMENTS A6). Meilisearch down: 503 with Retry-After, never a 500.
 */
export function createSearchService({
  db,
  search,
  prefix = '',
  clock,
  logger,
}: {
  db: Db;
  search: Meilisearch | null;
  prefix?: string;
  clock: Clock;
  logger?: Logger;
}) {
  const repository = searchRepository(db);

  function requireSearch(): Meilisearch {
    if (!search) throw new ProblemError(commonProblems.unavailable, { headers: { 'retry-after': '5' } });
    return search;
  }

  function checkBulk(query: { limit: number; offset: number; reason?: string | undefined }): boolean {
    const bulk = query.limit > BULK_LIMIT || query.offset + query.limit > BULK_DEPTH;
    if (bulk && !query.reason) {
      throw new ProblemError(searchProblems.reason_required, {
        values: { limit: BULK_LIMIT, depth: BULK_DEPTH },
        errors: [{ pointer: '/querystring/reason', detail: 'reason is required for this search' }],
      });
    }
    return bulk;
  }

  /** Runs the request; null when the tenant has no index because it has nothing to index yet. */
  async function execute(client: Meilisearch, request: SearchRequest, tenantId: string): Promise<SearchResponse<Document> | null> {
    try {
      return await timedSearch(request.kind, () => client.index(request.indexUid).search<Document>(request.q, request.params));
    } catch (error) {
      if (isSearchUnavailable(error)) throw new ProblemError(commonProblems.unavailable, { headers: { 'retry-after': '5' }, cause: error });
      if (isIndexNotFound(error)) {
        if ((await repository.count(request.kind, tenantId)) === 0) return null;
        throw new ProblemError(searchProblems.index_missing, { headers: { 'retry-after': '30' }, cause: error });
      }
      throw error;
    }
  }

  /**
   * Keeps the hits that Postgres has in this tenant; queues the deletion of the others. Also names
   * the ids of a facet (account managers, employers): from the hits where they are there, else from Postgres.
   */
  async function accessible({ kind, tenantId, hits, facetIds }: { kind: SearchKind; tenantId: string; hits: Document[]; facetIds: string[] }) {
    const ids = hits.map((hit) => String(hit.id)).filter((id) => UUID.test(id));
    const [idField, nameField] = kind === 'candidates' ? ['accountManagerId', 'accountManagerName'] : ['employerId', 'employerName'];
    const known = new Map<string, string>();
    for (const hit of hits) if (typeof hit[idField] === 'string' && typeof hit[nameField] === 'string') known.set(hit[idField], hit[nameField]);
    const unnamed = facetIds.filter((id) => UUID.test(id) && !known.has(id));
    // Independent reads on the pool, side by side: the check costs one round trip.
    const names = () => (kind === 'candidates' ? repository.userNames({ tenantId, ids: unnamed }) : repository.employerNames({ tenantId, ids: unnamed }));
    const [existing, named] = await Promise.all([repository.existingIds(kind, { tenantId, ids }), unnamed.length > 0 ? names() : new Map<string, string>()]);
    const kept = hits.filter((hit) => existing.has(String(hit.id)));
    const dropped = hits.length - kept.length;
    if (dropped > 0) {
      const gone = ids.filter((id) => !existing.has(id));
      logger?.warn({ kind, tenantId, dropped }, 'search hits not in Postgres were dropped; their deletion is queued');
      for (const entityId of gone) await enqueueOutbox(db, { tenantId, topic: TOPIC_OF[kind], entityId, operation: 'delete' });
    }
    const labels = new Map([...known].filter(([id]) => facetIds.includes(id)));
    for (const [id, name] of named) labels.set(id, name);
    return { kept, labels };
  }

  async function auditBulk({
    principal,
    kind,
    query,
    returned,
  }: {
    principal: Principal;
    kind: SearchKind;
    query: Record<string, unknown> & { reason?: string | undefined };
    returned: number;
  }) {
    const { reason, ...asked } = query;
    await audit(db, clock, {
      principal,
      action: 'search.bulk',
      subjectType: kind === 'candidates' ? 'candidate' : 'vacancy',
      reason: reason ?? null,
      details: { search: kind, query: asked, returned },
    });
  }

  return {
    async searchCandidates(principal: Principal, query: CandidateSearchQuery): Promise<CandidateSearchResult> {
      const bulk = checkBulk(query);
      const client = requireSearch();
      const context = await cachedSearchContext(db);
      const request = candidateSearchRequest(query, { tenantId: principal.tenantId, userId: principal.userId, prefix, vocabulary: context.vocabulary });
      const response = await execute(client, request, principal.tenantId);
      const hits = response?.hits ?? [];
      const { kept, labels } = await accessible({
        kind: 'candidates',
        tenantId: principal.tenantId,
        hits,
        facetIds: Object.keys(response?.facetDistribution?.accountManagerId ?? {}),
      });
      const items = kept.map(toCandidateHit);
      if (bulk) await auditBulk({ principal, kind: 'candidates', query, returned: items.length });
      return {
        items,
        facets: facetsOf(response?.facetDistribution, CANDIDATE_FACETS, labels),
        total: Math.max(0, (response?.estimatedTotalHits ?? 0) - (hits.length - kept.length)),
        limit: query.limit,
        offset: query.offset,
        searchedFor: request.searchedFor,
      };
    },

    async searchVacancies(principal: Principal, query: VacancySearchQuery): Promise<VacancySearchResult> {
      const bulk = checkBulk(query);
      const client = requireSearch();
      const context = await cachedSearchContext(db);
      const request = vacancySearchRequest(query, { tenantId: principal.tenantId, prefix, vocabulary: context.vocabulary });
      const response = await execute(client, request, principal.tenantId);
      const hits = response?.hits ?? [];
      const { kept, labels } = await accessible({
        kind: 'vacancies',
        tenantId: principal.tenantId,
        hits,
        facetIds: Object.keys(response?.facetDistribution?.employerId ?? {}),
      });
      const items = kept.map(toVacancyHit);
      if (bulk) await auditBulk({ principal, kind: 'vacancies', query, returned: items.length });
      return {
        items,
        facets: facetsOf(response?.facetDistribution, VACANCY_FACETS, labels),
        total: Math.max(0, (response?.estimatedTotalHits ?? 0) - (hits.length - kept.length)),
        limit: query.limit,
        offset: query.offset,
        searchedFor: request.searchedFor,
      };
    },
  };
}

export type SearchService = ReturnType<typeof createSearchService>;
