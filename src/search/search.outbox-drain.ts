import type { Meilisearch } from 'meilisearch';
import type { Logger } from 'pino';
import type { Db } from '../../db/client.js';
import { SEARCH_KINDS, TOPIC_OF, type SearchKind } from '../../search/search-documents.js';
import { isSearchUnavailable } from '../../search/tenant-indexes.js';
import { searchRepository, type OutboxEntry } from './search.repository.js';
import { syncEntities } from './search.sync.js';

/*
 * The outbox drain (REQUIREMENTS R2, R4, R7). Services write an outbox row in the transaction of
 * every change that affects a search document; this drain turns due rows into Meilisearch writes.
 * Effects are idempotent: a document is always built from the current Postgres state (or deleted
 * when the entity is gone), so running a row twice, or out of order, gives the same index.
 */

/** Attempts before a row is dead-lettered (left unprocessed, no more retries, an error logged). */
export const OUTBOX_MAX_ATTEMPTS = 8;
/** Retry delay: 5 s, 10 s, 20 s … at most 10 minutes; eight attempts span about ten minutes. */
export const OUTBOX_RETRY_BASE_SECONDS = 5;
export const OUTBOX_RETRY_CAP_SECONDS = 600;
/** A claimed row is leased this long; a worker that dies leaves it to the next after that. */
const LEASE_SECONDS = 120;

const KIND_OF_TOPIC = new Map<string, SearchKind>(SEARCH_KINDS.map((kind) => [TOPIC_OF[kind], kind]));

export type DrainResult = {
  /** Rows taken from the outbox. */
  claimed: number;
  /** Rows whose change is now in the index. */
  processed: number;
  /** Rows that failed and will be retried later. */
  failed: number;
  /** Rows that failed for the last time. */
  deadLettered: number;
  batches: number;
  /** Set when the drain stopped because Meilisearch cannot be reached; rows stay due. */
  unavailable: boolean;
};

function message(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

/** Rows of one tenant and topic in a batch. */
type Group = { tenantId: string; topic: string; rows: OutboxEntry[] };

function groupRows(rows: OutboxEntry[]): Group[] {
  const groups = new Map<string, Group>();
  for (const row of rows) {
    const key = `${row.tenantId} ${row.topic}`;
    const group = groups.get(key) ?? { tenantId: row.tenantId, topic: row.topic, rows: [] };
    group.rows.push(row);
    groups.set(key, group);
  }
  return [...groups.values()];
}

/**
 * Drains due outbox rows in batches of `limit`, oldest first, until none is due or `maxBatches`
 * were done. A row that fails is retried with exponential backoff and dead-lettered after
 * OUTBOX_MAX_ATTEMPTS. When Meilisearch cannot be reached the drain stops without counting an
 * attempt against the rows (the outage is not their fault): they drain when it is back.
 */
export async function drainOutbox({
  db,
  search,
  prefix = '',
  limit = 500,
  maxBatches = 20,
  maxAttempts = OUTBOX_MAX_ATTEMPTS,
  logger,
}: {
  db: Db;
  search: Meilisearch | null;
  prefix?: string;
  limit?: number;
  maxBatches?: number;
  maxAttempts?: number;
  logger?: Logger;
}): Promise<DrainResult> {
  const result: DrainResult = { claimed: 0, processed: 0, failed: 0, deadLettered: 0, batches: 0, unavailable: false };
  if (!search) return { ...result, unavailable: true };
  try {
    await search.health();
  } catch {
    return { ...result, unavailable: true };
  }
  const repository = searchRepository(db);
  const retry = { baseSeconds: OUTBOX_RETRY_BASE_SECONDS, capSeconds: OUTBOX_RETRY_CAP_SECONDS };

  const fail = async (rows: OutboxEntry[], error: unknown, countAttempt: boolean) => {
    const updated = await repository.failOutbox(rows, { error: message(error), countAttempt, ...retry });
    result.failed += rows.length;
    for (const row of updated) {
      if (row.attempts < maxAttempts) continue;
      result.deadLettered += 1;
      // An alert: the row will not be retried; its document may be wrong until `npm run search:check` repairs it.
      logger?.error(
        {
          alert: 'search.outbox.dead_letter',
          tenantId: row.tenantId,
          seq: row.seq,
          topic: row.topic,
          entityId: row.entityId,
          attempts: row.attempts,
          err: error,
        },
        'search outbox row dead-lettered after its last attempt',
      );
    }
  };

  while (result.batches < maxBatches) {
    const rows = await repository.claimOutbox({ limit, maxAttempts, leaseSeconds: LEASE_SECONDS });
    if (rows.length === 0) break;
    result.batches += 1;
    result.claimed += rows.length;
    const groups = groupRows(rows);
    for (let index = 0; index < groups.length; index += 1) {
      const group = groups[index]!;
      const kind = KIND_OF_TOPIC.get(group.topic);
      if (!kind) {
        await fail(group.rows, new Error(`unknown outbox topic "${group.topic}"`), true);
        continue;
      }
      const ids = [...new Set(group.rows.map((row) => row.entityId))];
      const deleteIds = [...new Set(group.rows.filter((row) => row.operation === 'delete').map((row) => row.entityId))];
      try {
        await syncEntities({ db, search, prefix, tenantId: group.tenantId, kind, ids, deleteIds, logger });
        await repository.completeOutbox(group.rows);
        result.processed += group.rows.length;
      } catch (error) {
        if (isSearchUnavailable(error)) {
          // Meilisearch went away mid-batch: give back this group and the rest, uncounted, and stop.
          await fail(
            groups.slice(index).flatMap((rest) => rest.rows),
            error,
            false,
          );
          logger?.warn({ err: error }, 'search server unavailable; outbox drain paused');
          return { ...result, unavailable: true };
        }
        logger?.warn({ err: error, tenantId: group.tenantId, topic: group.topic, rows: group.rows.length }, 'search outbox rows failed; will retry');
        await fail(group.rows, error, true);
      }
    }
    if (rows.length < limit) break;
  }
  return result;
}
