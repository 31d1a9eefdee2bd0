import type { Meilisearch } from 'meilisearch';
import type { Logger } from 'pino';
import type { Db } from '../db/client.js';
import { searchRepository } from '../src/search/search.repository.js';
import { cachedSearchContext } from './search-context.js';
import { candidateDocument, contentHash, SEARCH_KINDS, tenantIndexName, vacancyDocument, type SearchKind } from './search-documents.js';
import { isIndexNotFound, rebuildIndex, syncEntities } from './tenant-indexes.js';

/*
 * Drift between Postgres and the search index (REQUIREMENTS R6): every id and content hash that
 * Postgres implies is compared with what the index holds. Drift should not happen (the outbox keeps
 * them in step), so finding any means something went wrong: a dead-lettered row, a change made
 * outside the services, a restored backup. Repair rebuilds each drifted document from Postgres.
 */

const PAGE = 5_000;
/** Whole documents are read to hash them: 2,000 of about 1 KB a request. */
const INDEX_PAGE = 2_000;

export type IndexDrift = {
  index: string;
  /** Rows in Postgres, documents in the index (null: the index does not exist). */
  postgres: number;
  indexed: number | null;
  /** In Postgres, not in the index. */
  missing: string[];
  /** In the index, not in Postgres (never to be shown: the search access check drops them too). */
  extra: string[];
  /** In both, with a different content hash. */
  stale: string[];
};

export type DriftReport = {
  tenantId: string;
  indexes: Record<SearchKind, IndexDrift>;
  /** missing + extra + stale over both indexes. */
  drift: number;
  /** Documents written or deleted by the repair (0 without repair). */
  repaired: number;
};

/** Expected content hash per id, from Postgres, page by page. */
async function expectedHashes(db: Db, kind: SearchKind, tenantId: string): Promise<Map<string, string>> {
  const repository = searchRepository(db);
  const context = await cachedSearchContext(db);
  const hashes = new Map<string, string>();
  let afterId: string | undefined;
  for (;;) {
    const documents =
      kind === 'candidates'
        ? (await repository.candidateSources({ tenantId, afterId, limit: PAGE })).map((row) => candidateDocument(row, context))
        : (await repository.vacancySources({ tenantId, afterId, limit: PAGE })).map((row) => vacancyDocument(row, context));
    for (const document of documents) hashes.set(document.id, document.contentHash);
    if (documents.length < PAGE) break;
    afterId = documents[documents.length - 1]!.id;
  }
  return hashes;
}

/**
 * Content hash per id, from the index; null when the index does not exist. The hash is computed
 * from each document as the index holds it, not read from its contentHash field: a document
 * changed behind our back (its hash left as it was) must count as drift too.
 */
async function indexedHashes(search: Meilisearch, name: string): Promise<Map<string, string> | null> {
  const hashes = new Map<string, string>();
  try {
    for (let offset = 0; ; offset += INDEX_PAGE) {
      const page = await search.index(name).getDocuments<Record<string, unknown>>({ limit: INDEX_PAGE, offset });
      for (const document of page.results) {
        const computed = contentHash(document);
        hashes.set(String(document.id), document.contentHash === computed ? computed : `altered:${computed}`);
      }
      if (page.results.length < INDEX_PAGE) break;
    }
  } catch (error) {
    if (isIndexNotFound(error)) return null;
    throw error;
  }
  return hashes;
}

/**
 * Compares a tenant's indexes with Postgres and, with `repair` (the default), brings every drifted
 * document back in line: missing and stale ones are rebuilt from Postgres, extra ones deleted (after
 * Postgres is asked once more, so that a row created during the check is kept), a missing index is
 * rebuilt whole. The report describes what was found before the repair.
 */
export async function checkDrift({
  db,
  search,
  prefix = '',
  tenantId,
  repair = true,
  logger,
}: {
  db: Db;
  search: Meilisearch;
  prefix?: string;
  tenantId: string;
  repair?: boolean;
  logger?: Logger;
}): Promise<DriftReport> {
  const report: DriftReport = { tenantId, indexes: {} as Record<SearchKind, IndexDrift>, drift: 0, repaired: 0 };
  for (const kind of SEARCH_KINDS) {
    const name = tenantIndexName(prefix, kind, tenantId);
    const expected = await expectedHashes(db, kind, tenantId);
    const indexed = await indexedHashes(search, name);
    const found = indexed ?? new Map<string, string>();
    const drift: IndexDrift = { index: name, postgres: expected.size, indexed: indexed?.size ?? null, missing: [], extra: [], stale: [] };
    for (const [id, hash] of expected) {
      const actual = found.get(id);
      if (actual === undefined) drift.missing.push(id);
      else if (actual !== hash) drift.stale.push(id);
    }
    for (const id of found.keys()) if (!expected.has(id)) drift.extra.push(id);
    report.indexes[kind] = drift;
    const count = drift.missing.length + drift.extra.length + drift.stale.length;
    report.drift += count;
    if (count > 0) logger?.warn({ index: name, missing: drift.missing.length, extra: drift.extra.length, stale: drift.stale.length }, 'search index drift found');
    if (!repair || (count === 0 && indexed !== null)) continue;

    if (indexed === null) {
      report.repaired += (await rebuildIndex({ db, search, prefix, tenantId, kind, logger })).documents;
      continue;
    }
    const ids = [...drift.missing, ...drift.stale, ...drift.extra];
    for (let start = 0; start < ids.length; start += PAGE) {
      const result = await syncEntities({ db, search, prefix, tenantId, kind, ids: ids.slice(start, start + PAGE), logger });
      report.repaired += result.upserted + result.deleted;
    }
  }
  return report;
}
