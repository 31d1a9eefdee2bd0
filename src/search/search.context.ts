import type { Executor } from '../../db/client.js';
import type { SearchContext } from '../../search/search-documents.js';
import { preferredLabel, taxonomySynonyms, taxonomyVocabulary } from '../../search/taxonomy-index.js';
import { taxonomyRepository } from '../taxonomy/taxonomy.repository.js';

/** How long a loaded context is used before it is reloaded (a taxonomy import may have run). */
const CONTEXT_TTL_MS = 10 * 60_000;

/** Builds the taxonomy's contribution to search documents and queries from Postgres. */
export async function loadSearchContext(db: Executor): Promise<SearchContext> {
  const repository = taxonomyRepository(db);
  const rows = await repository.occupationsForIndex();
  const vocabulary = taxonomyVocabulary(await repository.dutchLabels());
  const occupations = new Map(rows.map((row) => [row.uri, { label: preferredLabel(row).label, altLabels: row.altLabelsNl }]));
  return { vocabulary, occupations, synonyms: taxonomySynonyms(rows) };
}

const cache = new WeakMap<object, { value: Promise<SearchContext>; loadedAt: number }>();

/**
 * The search context of a database, loaded once and then refreshed in the background when older
 * than ten minutes, so that neither a search nor a drain waits for a reload.
 */
export function cachedSearchContext(db: Executor, now: () => number = Date.now): Promise<SearchContext> {
  const entry = cache.get(db);
  const at = now();
  if (!entry) {
    const value = loadSearchContext(db);
    cache.set(db, { value, loadedAt: at });
    value.catch(() => cache.delete(db));
    return value;
  }
  if (at - entry.loadedAt > CONTEXT_TTL_MS) {
    entry.loadedAt = at;
    const reloaded = loadSearchContext(db);
    reloaded.then(
      () => cache.set(db, { value: reloaded, loadedAt: at }),
      () => undefined,
    );
  }
  return entry.value;
}
