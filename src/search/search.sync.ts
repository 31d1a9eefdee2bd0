import { sql } from 'drizzle-orm';
import type { Meilisearch } from 'meilisearch';
import type { Logger } from 'pino';
import type { Db, Executor } from '../../db/client.js';
import {
  candidateDocument,
  indexSettings,
  SEARCH_KINDS,
  tenantIndexName,
  vacancyDocument,
  type SearchContext,
  type SearchDocument,
  type SearchKind,
} from '../../search/search-documents.js';
import { ensureIndex, indexSize, rebuildFromPages, writeDocuments } from '../../search/tenant-indexes.js';
import { cachedSearchContext } from './search.context.js';
import { searchRepository } from './search.repository.js';

/*
 * Keeps a tenant's search indexes in step with Postgres: builds documents from the source rows
 * (search.repository.ts) and hands them to the engine layer (search/tenant-indexes.ts), which
 * writes them. Used by the outbox drain, the rebuild (npm run search:reindex), the drift repair and
 * the start-up check.
 */

/** Rows read from Postgres per page during a rebuild, and documents per Meilisearch request. */
const REBUILD_PAGE = 5_000;

type Deps = { db: Db; search: Meilisearch; prefix: string };

/** Builds the documents of these ids from Postgres; ids that are gone come back in `missing`. */
export async function buildDocuments({
  db,
  kind,
  tenantId,
  ids,
  context,
}: {
  db: Executor;
  kind: SearchKind;
  tenantId: string;
  ids: readonly string[];
  context: SearchContext;
}): Promise<{ documents: SearchDocument[]; missing: string[] }> {
  const repository = searchRepository(db);
  const documents: SearchDocument[] =
    kind === 'candidates'
      ? (await repository.candidateSources({ tenantId, ids, limit: ids.length })).map((row) => candidateDocument(row, context))
      : (await repository.vacancySources({ tenantId, ids, limit: ids.length })).map((row) => vacancyDocument(row, context));
  const found = new Set(documents.map((document) => document.id));
  return { documents, missing: ids.filter((id) => !found.has(id)) };
}

/** Every document of a tenant's index, page by page, built from Postgres (for a rebuild or a drift check). */
export async function* documentPages({
  db,
  kind,
  tenantId,
  context,
}: {
  db: Executor;
  kind: SearchKind;
  tenantId: string;
  context: SearchContext;
}): AsyncGenerator<SearchDocument[]> {
  const repository = searchRepository(db);
  let afterId: string | undefined;
  for (;;) {
    const page: SearchDocument[] =
      kind === 'candidates'
        ? (await repository.candidateSources({ tenantId, afterId, limit: REBUILD_PAGE })).map((row) => candidateDocument(row, context))
        : (await repository.vacancySources({ tenantId, afterId, limit: REBUILD_PAGE })).map((row) => vacancyDocument(row, context));
    if (page.length === 0) return;
    yield page;
    if (page.length < REBUILD_PAGE) return;
    afterId = page[page.length - 1]!.id;
  }
}

/**
 * Brings the documents of these entities in line with Postgres: upserts the ones that exist and
 * deletes the others (and every id in `deleteIds`). When the index itself is missing (a fresh
 * Meilisearch) the whole index is rebuilt instead, since a handful of documents would hide the loss.
 */
export async function syncEntities({
  db,
  search,
  prefix,
  tenantId,
  kind,
  ids,
  deleteIds = [],
  logger,
}: Deps & { tenantId: string; kind: SearchKind; ids: readonly string[]; deleteIds?: readonly string[]; logger?: Logger }): Promise<{
  upserted: number;
  deleted: number;
  rebuilt: boolean;
}> {
  const name = tenantIndexName(prefix, kind, tenantId);
  const context = await cachedSearchContext(db);
  if ((await indexSize(search, name)) === null) {
    logger?.warn({ index: name }, 'search index missing; rebuilding it from Postgres');
    const rebuilt = await rebuildIndex({ db, search, prefix, tenantId, kind, logger });
    return { upserted: rebuilt.documents, deleted: 0, rebuilt: true };
  }
  await ensureIndex(search, name, indexSettings(kind, context));
  const toDelete = new Set(deleteIds);
  const { documents, missing } = await buildDocuments({ db, kind, tenantId, ids: ids.filter((id) => !toDelete.has(id)), context });
  for (const id of missing) toDelete.add(id);
  await writeDocuments({ search, name, documents, deleteIds: [...toDelete] });
  return { upserted: documents.length, deleted: toDelete.size, rebuilt: false };
}

/**
 * Rebuilds one index of a tenant from Postgres into a fresh index that is swapped in (the engine's
 * rebuildFromPages). Changes that the outbox drained into the old index meanwhile are applied again
 * to the new one. A Postgres advisory lock keeps two processes from rebuilding the same index at once.
 */
export async function rebuildIndex({
  db,
  search,
  prefix,
  tenantId,
  kind,
  logger,
  onProgress,
}: {
  db: Db;
  search: Meilisearch;
  prefix: string;
  tenantId: string;
  kind: SearchKind;
  logger?: Logger;
  onProgress?: (done: number) => void;
}): Promise<{
  documents: number;
  reapplied: number;
}> {
  const name = tenantIndexName(prefix, kind, tenantId);
  return db.transaction(async (lock) => {
    await lock.execute(sql`select pg_advisory_xact_lock(hashtext(${`search.rebuild:${name}`}))`);
    const since = await searchRepository(db).now();
    const context = await cachedSearchContext(db);
    const documents = await rebuildFromPages({
      search,
      name,
      settings: indexSettings(kind, context),
      pages: documentPages({ db, kind, tenantId, context }),
      ...(onProgress ? { onProgress } : {}),
    });
    const reapplied = await reapplySince({ db, search, prefix, tenantId, kind, since });
    logger?.info({ index: name, documents, reapplied }, 'search index rebuilt');
    return { documents, reapplied };
  });
}

/** Upserts (or deletes) again every entity of the outbox that changed since `since` or is still pending. */
async function reapplySince({ db, search, prefix, tenantId, kind, since }: Deps & { tenantId: string; kind: SearchKind; since: Date }): Promise<number> {
  const rows = await searchRepository(db).outboxEntitiesSince({ tenantId, kind, since });
  if (rows.length === 0) return 0;
  const deleted = new Set(rows.filter((row) => row.deleted).map((row) => row.entityId));
  const name = tenantIndexName(prefix, kind, tenantId);
  const context = await cachedSearchContext(db);
  const ids = rows.map((row) => row.entityId);
  for (let start = 0; start < ids.length; start += REBUILD_PAGE) {
    const slice = ids.slice(start, start + REBUILD_PAGE);
    const { documents, missing } = await buildDocuments({ db, kind, tenantId, ids: slice.filter((id) => !deleted.has(id)), context });
    await writeDocuments({ search, name, documents, deleteIds: [...missing, ...slice.filter((id) => deleted.has(id))] });
  }
  return ids.length;
}

/** Rebuilds both indexes of a tenant (npm run search:reindex), each swapped in when complete. */
export async function reindexTenant({
  db,
  search,
  prefix = '',
  tenantId,
  logger,
  onProgress,
}: {
  db: Db;
  search: Meilisearch;
  prefix?: string;
  tenantId: string;
  logger?: Logger;
  onProgress?: (kind: SearchKind, done: number) => void;
}): Promise<Record<SearchKind, number> & { ms: number }> {
  const started = performance.now();
  const counts = { candidates: 0, vacancies: 0 };
  for (const kind of SEARCH_KINDS) {
    const result = await rebuildIndex({ db, search, prefix, tenantId, kind, ...(logger ? { logger } : {}), onProgress: (done) => onProgress?.(kind, done) });
    counts[kind] = result.documents;
  }
  return { ...counts, ms: Math.round(performance.now() - started) };
}

/**
 * For start-up: every tenant's indexes exist with the current settings (synonyms follow the
 * taxonomy), and an index that is missing, or empty while Postgres has rows (a fresh Meilisearch),
 * is rebuilt. Returns what it did per index.
 */
export async function ensureSearchIndexes({
  db,
  search,
  prefix = '',
  logger,
}: {
  db: Db;
  search: Meilisearch;
  prefix?: string;
  logger?: Logger;
}): Promise<Array<{ index: string; action: 'rebuilt' | 'created' | 'updated' | 'unchanged'; documents?: number }>> {
  const repository = searchRepository(db);
  const context = await cachedSearchContext(db);
  const report: Array<{ index: string; action: 'rebuilt' | 'created' | 'updated' | 'unchanged'; documents?: number }> = [];
  for (const tenant of await repository.tenants()) {
    for (const kind of SEARCH_KINDS) {
      const name = tenantIndexName(prefix, kind, tenant.id);
      const size = await indexSize(search, name);
      const rows = await repository.count(kind, tenant.id);
      if (rows > 0 && (size === null || size === 0)) {
        const rebuilt = await rebuildIndex({ db, search, prefix, tenantId: tenant.id, kind, ...(logger ? { logger } : {}) });
        report.push({ index: name, action: 'rebuilt', documents: rebuilt.documents });
      } else {
        report.push({ index: name, action: await ensureIndex(search, name, indexSettings(kind, context)) });
      }
    }
  }
  return report;
}
