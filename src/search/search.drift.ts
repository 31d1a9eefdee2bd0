import type { Meilisearch } from 'meilisearch';
import type { Logger } from 'pino';
import type { Db } from '../../db/client.js';
import { indexedHashes } from '../../search/drift.js';
import { SEARCH_KINDS, tenantIndexName, type SearchKind } from '../../search/search-documents.js';
import { cachedSearchContext } from './search.context.js';
import { documentPages, rebuildIndex, syncEntities } from './search.sync.js';
import { instruments } from '../metrics/metrics.js';

/*
 * Drift between Postgres and the search index (REQUIREMENTS R6): every id and content hash that
 * Postgres implies is compared with what the index holds. Drift should not happen (the outbox keeps
 * them in step), so finding any means something went wrong: a dead-lettered row, a change made
 * outside the services, a restored backup. Repair rebuilds each drifted document from Postgres.
 */

/** Ids repaired per request. */
const PAGE = 5_000;

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

/** Expected content hash per id, from the documents Postgres implies. */
async function expectedHashes(db: Db, kind: SearchKind, tenantId: string): Promise<Map<string, string>> {
  const context = await cachedSearchContext(db);
  const hashes = new Map<string, string>();
  for await (const page of documentPages({ db, kind, tenantId, context })) for (const document of page) hashes.set(document.id, document.contentHash);
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
    for (const [found, ids] of [
      ['missing', drift.missing],
      ['extra', drift.extra],
      ['stale', drift.stale],
    ] as const) {
      if (ids.length > 0) instruments.searchDrift.inc({ index: kind, kind: found }, ids.length);
    }
    if (count > 0)
      logger?.warn({ index: name, missing: drift.missing.length, extra: drift.extra.length, stale: drift.stale.length }, 'search index drift found');
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
