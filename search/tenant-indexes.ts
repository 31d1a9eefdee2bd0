import {
  MeilisearchApiError,
  MeilisearchRequestError,
  MeilisearchRequestTimeOutError,
  MeilisearchTaskTimeOutError,
  type EnqueuedTaskPromise,
  type Meilisearch,
  type Settings,
} from 'meilisearch';
import type { SearchDocument } from './search-documents.js';

/*
 * Meilisearch operations on a tenant's candidate and vacancy indexes, for whatever hands them the
 * documents (src/search/search.sync.ts builds them from Postgres): make sure an index exists with
 * its settings, write and delete documents, and rebuild an index into a fresh one that is swapped
 * in, so that searches keep working during a rebuild. The engine layer: nothing here knows Postgres.
 */

const TASK_TIMEOUT_MS = 300_000;
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
  return (
    (error instanceof MeilisearchApiError && error.cause?.code === 'index_not_found') ||
    (error instanceof SearchTaskFailedError && error.code === 'index_not_found')
  );
}

export async function succeeded(task: EnqueuedTaskPromise, what: string, timeout = TASK_TIMEOUT_MS) {
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
    const [left, right]: [unknown[], unknown[]] = ordered ? [wanted, actual] : [[...(wanted as unknown[])].sort(), [...(actual as unknown[])].sort()];
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
    if (created.status !== 'succeeded' && created.error?.code !== 'index_already_exists')
      throw new SearchTaskFailedError(`create ${name}`, created.error, created.status);
    await succeeded(search.index(name).updateSettings(settings), `configure ${name}`);
    return 'created';
  }
  if (settingsMatch(settings, current)) return 'unchanged';
  await succeeded(search.index(name).updateSettings(settings), `configure ${name}`);
  return 'updated';
}

/** Upserts these documents and deletes these ids, each as one Meilisearch task that must succeed. */
export async function writeDocuments({
  search,
  name,
  documents = [],
  deleteIds = [],
}: {
  search: Meilisearch;
  name: string;
  documents?: readonly SearchDocument[];
  deleteIds?: readonly string[];
}): Promise<void> {
  const index = search.index(name);
  if (documents.length > 0) await succeeded(index.addDocuments([...documents], { primaryKey: 'id' }), `index documents in ${name}`);
  if (deleteIds.length > 0) await succeeded(index.deleteDocuments([...deleteIds]), `delete documents from ${name}`);
}

/**
 * Builds `<name>_next` from pages of documents, then swaps it in atomically and drops the old one:
 * searches see the old index until the new one is complete. Returns the number of documents.
 */
export async function rebuildFromPages({
  search,
  name,
  settings,
  pages,
  onProgress,
}: {
  search: Meilisearch;
  name: string;
  settings: Settings;
  pages: AsyncIterable<SearchDocument[]>;
  onProgress?: (done: number) => void;
}): Promise<number> {
  const next = `${name}_next`;
  await search.deleteIndexIfExists(next);
  await ensureIndex(search, next, settings);
  let documents = 0;
  const inFlight: Array<Promise<unknown>> = [];
  for await (const page of pages) {
    if (page.length === 0) continue;
    const added = succeeded(search.index(next).addDocuments(page, { primaryKey: 'id' }), `index documents in ${next}`);
    added.catch(() => undefined); // awaited below; this only keeps an early failure from counting as unhandled
    inFlight.push(added);
    if (inFlight.length >= IN_FLIGHT) await inFlight.shift();
    documents += page.length;
    onProgress?.(documents);
  }
  await Promise.all(inFlight);
  // The swap needs both indexes; a first build creates the (empty) target first.
  await ensureIndex(search, name, settings);
  await succeeded(search.swapIndexes([{ indexes: [name, next], rename: false }]), `swap ${next} into ${name}`);
  await search.deleteIndex(next).waitTask({ timeout: TASK_TIMEOUT_MS, interval: 25 });
  return documents;
}
