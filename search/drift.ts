import type { Meilisearch } from 'meilisearch';
import { contentHash } from './search-documents.js';
import { isIndexNotFound } from './tenant-indexes.js';

/*
 * The index side of drift detection (REQUIREMENTS R6): what a tenant index holds, as a content hash
 * per document. src/search/search.drift.ts compares it with what Postgres implies and repairs.
 */

/** Whole documents are read to hash them: 2,000 of about 1 KB a request. */
const INDEX_PAGE = 2_000;

/**
 * Content hash per id, from the index; null when the index does not exist. The hash is computed
 * from each document as the index holds it, not read from its contentHash field: a document
 * changed behind our back (its hash left as it was) must count as drift too.
 */
export async function indexedHashes(search: Meilisearch, name: string): Promise<Map<string, string> | null> {
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
