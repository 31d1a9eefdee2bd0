import { sql } from 'drizzle-orm';
import {
  MeilisearchApiError,
  MeilisearchRequestError,
  MeilisearchRequestTimeOutError,
  MeilisearchTaskTimeOutError,
  type EnqueuedTaskPromise,
  type Meilisearch,
  type Settings,
} from 'meilisearch';
import type { Logger } from 'pino';
import type { Db, Executor } from '../db/client.js';
import { searchRepository } from '../src/search/search.repository.js';
import { cachedSearchContext } from './search-context.js';
import {
  candidateDocument,
  indexSettings,
  SEARCH_KINDS,
  tenantIndexName,
  TOPIC_OF,
  vacancyDocument,
  type SearchContext,
  type SearchDocument,
  type SearchKind,
} from './search-documents.js';

/*
 * Meilisearch operations on a tenant's candidate and vacancy indexes: make sure an index exists
 * with its settings, write documents built from Postgres, and rebuild an index into a fresh one
 * that is swapped in, so that searches keep working during a rebuild.
 */

const TASK_TIMEOUT_MS = 300_000;
/** Rows read from Postgres per page during a rebuild, and documents per Meilisearch request. */
const REBUILD_PAGE = 5_000;
/** Document additions in flight during a rebuild: Meilisearch batches them, we bound memory. */
const IN_FLIGHT = 4;

/** A Meilisearch task that ended in failure (bad document, bad settings …), with its error code. */
export class SearchTaskFailedError extends Error {
  readonly code: string | undefined;
  constructor(what: string, error: { message?: string; code?: string } | null | undefined, status: string) {
    super(`Meilisearch could not ${what}: ${error?.message ?? status}`);
    this.name = 'SearchTaskFailedError';
    this.code = error?.code;
  }
}

/** True when the search server could not be reached, failed (5xx) or did not answer in time: no fault of the data. */
export function isSearchUnavailable(error: unknown): boolean {
  return (
    error instanceof MeilisearchRequestError ||
    error instanceof MeilisearchRequestTimeOutError ||
    error instanceof MeilisearchTaskTimeOutError ||
    (error instanceof MeilisearchApiError && error.response.status >= 500)
  );
}

export function isIndexNotFound(error: unknown): boolean {
  return (error instanceof MeilisearchApiError && error.cause?.code === 'index_not_found') || (error instanceof SearchTaskFailedError && error.code === 'index_not_found');
}

async function succeeded(task: EnqueuedTaskPromise, what: string, timeout = TASK_TIMEOUT_MS) {
  const done = await task.waitTask({ timeout, interval: 25 });
  if (done.status !== 'succeeded') throw new SearchTaskFailedError(what, done.error, done.status);
  return done;
}

/** The number of documents in an index; null when the index does not exist. */
export async function indexSize(search: Meilisearch, name: string): Promise<number | null> {
  try {
    return (await search.index(name).getStats()).numberOfDocuments;
  } catch (error) {
    if (isIndexNotFound(error)) return null;
    throw error;
  }
}

/**
 * True when every setting we chose has the value we chose. Meilisearch answers with all of its
 * settings and sorts some lists (sortable attributes, synonyms), so lists are compared as sets,
 * except the searchable attributes, whose order is their ranking.
 */
function settingsMatch(wanted: unknown, actual: unknown, key = ''): boolean {
  if (Array.isArray(wanted)) {
    if (!Array.isArray(actual) || wanted.length !== actual.length) return false;
    const ordered = key === 'searchableAttributes' || wanted.some((item) => typeof item === 'object');
    const [left, right] = ordered ? [wanted, actual] : [[...wanted].sort(), [...actual].sort()];
    return left.every((item, i) => settingsMatch(item, right[i]));
  }
  if (wanted && typeof wanted === 'object') {
    if (!actual || typeof actual !== 'object') return false;
    const keys = Object.keys(wanted);
    // Synonyms are the whole map: a synonym that the taxonomy dropped must go too.
    if (key === 'synonyms' && keys.length !== Object.keys(actual).length) return false;
    return keys.every((name) => settingsMatch((wanted as Record<string, unknown>)[name], (actual as Record<string, unknown>)[name], name));
  }
  return wanted === actual;
}

/**
 * Makes sure an index exists and has these settings; returns what it had to do. Settings are only
 * sent when they differ, since Meilisearch re-indexes on every settings change.
 */
export async function ensureIndex(search: Meilisearch, name: string, settings: Settings): Promise<'created' | 'updated' | 'unchanged'> {
  let current: Settings | undefined;
  try {
    current = await search.index(name).getSettings();
  } catch (error) {
    if (!isIndexNotFound(error)) throw error;
  }
  if (current === undefined) {
    const created = await search.createIndex(name, { primaryKey: 'id' }).waitTask({ timeout: TASK_TIMEOUT_MS, interval: 25 });
    if (created.status !== 'succeeded' && created.error?.code !== 'index_already_exists') throw new SearchTaskFailedError(`create ${name}`, created.error, created.status);
    await succeeded(search.index(name).updateSettings(settings), `configure ${name}`);
    return 'created';
  }
  if (settingsMatch(settings, current)) return 'unchanged';
  await succeeded(search.index(name).updateSettings(settings), `configure ${name}`);
  return 'updated';
}

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
  const index = search.index(name);
  if (documents.length > 0) await succeeded(index.addDocuments(documents, { primaryKey: 'id' }), `index documents in ${name}`);
  if (toDelete.size > 0) await succeeded(index.deleteDocuments([...toDelete]), `delete documents from ${name}`);
  return { upserted: documents.length, deleted: toDelete.size, rebuilt: false };
}

/**
 * Rebuilds one index of a tenant from Postgres into `<name>_next`, then swaps it in atomically and
 * drops the old one: searches see the old index until the new one is complete. Changes that the
 * outbox drained into the old index meanwhile are applied again to the new one. A Postgres advisory
 * lock keeps two processes from rebuilding the same index at once.
 */
export async function rebuildIndex({
  db,
  search,
  prefix,
  tenantId,
  kind,
  logger,
  onProgress,
}: { db: Db; search: Meilisearch; prefix: string; tenantId: string; kind: SearchKind; logger?: Logger; onProgress?: (done: number) => void }): Promise<{
  documents: number;
  reapplied: number;
}> {
  const name = tenantIndexName(prefix, kind, tenantId);
  const next = `${name}_next`;
  return db.transaction(async (lock) => {
    await lock.execute(sql`select pg_advisory_xact_lock(hashtext(${`search.rebuild:${name}`}))`);
    const repository = searchRepository(db);
    const since = await repository.now();
    const context = await cachedSearchContext(db);
    await search.deleteIndexIfExists(next);
    await ensureIndex(search, next, indexSettings(kind, context));

    let documents = 0;
    let afterId: string | undefined;
    const inFlight: Array<Promise<unknown>> = [];
    for (;;) {
      const page =
        kind === 'candidates'
          ? (await repository.candidateSources({ tenantId, afterId, limit: REBUILD_PAGE })).map((row) => candidateDocument(row, context))
          : (await repository.vacancySources({ tenantId, afterId, limit: REBUILD_PAGE })).map((row) => vacancyDocument(row, context));
      if (page.length === 0) break;
      const added = succeeded(search.index(next).addDocuments(page, { primaryKey: 'id' }), `index documents in ${next}`);
      added.catch(() => undefined); // awaited below; this only keeps an early failure from counting as unhandled
      inFlight.push(added);
      if (inFlight.length >= IN_FLIGHT) await inFlight.shift();
      documents += page.length;
      afterId = page[page.length - 1]!.id;
      onProgress?.(documents);
      if (page.length < REBUILD_PAGE) break;
    }
    await Promise.all(inFlight);

    // The swap needs both indexes; a first build creates the (empty) target first.
    await ensureIndex(search, name, indexSettings(kind, context));
    await succeeded(search.swapIndexes([{ indexes: [name, next], rename: false }]), `swap ${next} into ${name}`);
    await search.deleteIndex(next).waitTask({ timeout: TASK_TIMEOUT_MS, interval: 25 });

    const reapplied = await reapplySince({ db, search, prefix, tenantId, kind, since });
    logger?.info({ index: name, documents, reapplied }, 'search index rebuilt');
    return { documents, reapplied };
  });
}

/** Upserts (or deletes) again every entity of the outbox that changed since `since` or is still pending. */
async function reapplySince({ db, search, prefix, tenantId, kind, since }: Deps & { tenantId: string; kind: SearchKind; since: Date }): Promise<number> {
  const result = await db.execute<{ entity_id: string; deleted: boolean }>(sql`
    select entity_id, bool_or(operation = 'delete') as deleted from outbox
    where tenant_id = ${tenantId} and topic = ${TOPIC_OF[kind]}
      and (processed_at is null or processed_at >= ${since.toISOString()}::timestamptz)
    group by entity_id`);
  const ids = result.rows.map((row) => row.entity_id);
  if (ids.length === 0) return 0;
  const deleteIds = result.rows.filter((row) => row.deleted).map((row) => row.entity_id);
  const name = tenantIndexName(prefix, kind, tenantId);
  const context = await cachedSearchContext(db);
  for (let start = 0; start < ids.length; start += REBUILD_PAGE) {
    const slice = ids.slice(start, start + REBUILD_PAGE);
    const { documents, missing } = await buildDocuments({ db, kind, tenantId, ids: slice.filter((id) => !deleteIds.includes(id)), context });
    if (documents.length > 0) await succeeded(search.index(name).addDocuments(documents, { primaryKey: 'id' }), `index documents in ${name}`);
    const gone = [...missing, ...slice.filter((id) => deleteIds.includes(id))];
    if (gone.length > 0) await succeeded(search.index(name).deleteDocuments(gone), `delete documents from ${name}`);
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
    const result = await rebuildIndex({ db, search, prefix, tenantId, kind, logger, onProgress: (done) => onProgress?.(kind, done) });
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
        const rebuilt = await rebuildIndex({ db, search, prefix, tenantId: tenant.id, kind, logger });
        report.push({ index: name, action: 'rebuilt', documents: rebuilt.documents });
      } else {
        report.push({ index: name, action: await ensureIndex(search, name, indexSettings(kind, context)) });
      }
    }
  }
  return report;
}
