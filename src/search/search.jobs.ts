import type { Meilisearch } from 'meilisearch';
import type { PgBoss } from 'pg-boss';
import type { Logger } from 'pino';
import type { Db } from '../../db/client.js';
import type { Clock } from '../clock.js';
import { drainOutbox, OUTBOX_MAX_ATTEMPTS } from './search.outbox-drain.js';
import { searchRepository } from './search.repository.js';
import { ensureSearchIndexes } from './search.sync.js';

/** The search jobs on pg-boss. Their effects are idempotent, so at-least-once execution is enough. */
export const SEARCH_QUEUES = {
  /** Drains the outbox, then schedules itself again a second later: a loop, one run at a time. */
  drain: 'search.drain-outbox',
  /**
   * Every minute: restarts the drain loop if it broke, and raises alerts on dead letters and lag;
   * every ten minutes: rebuilds indexes that are missing or empty while Postgres has rows.
   */
  watch: 'search.watch-outbox',
  /** Hourly: removes outbox rows processed more than a week ago. */
  purge: 'search.purge-outbox',
} as const;

/** A pending row older than this means the index lags behind: an alert. */
const LAG_ALERT_SECONDS = 300;
const PROCESSED_RETENTION_DAYS = 7;
const ENSURE_INDEXES_EVERY_MS = 10 * 60_000;

/**
 * Creates the search queues and schedules and, with `runWorkers`, their workers. The drain queue is
 * 'stately' (at most one queued and one active job across all processes), so any number of worker
 * processes drain one after the other, never twice at once.
 */
export async function registerSearchJobs({
  boss,
  db,
  search,
  prefix = '',
  clock,
  logger,
  runWorkers,
}: {
  boss: PgBoss;
  db: Db;
  search: Meilisearch | null;
  prefix?: string;
  /** The services' clock: when the indexes were last checked. */
  clock: Clock;
  logger: Logger;
  runWorkers: boolean;
}): Promise<void> {
  const log = logger.child({ component: 'search-sync' });
  await boss.createQueue(SEARCH_QUEUES.drain, { policy: 'stately', retryLimit: 0, expireInSeconds: 600, deleteAfterSeconds: 3600 });
  await boss.createQueue(SEARCH_QUEUES.watch, { policy: 'stately', retryLimit: 0, deleteAfterSeconds: 86_400 });
  await boss.createQueue(SEARCH_QUEUES.purge, { retryLimit: 3, retryDelay: 60, retryBackoff: true });
  await boss.schedule(SEARCH_QUEUES.watch, '* * * * *', null, { tz: 'Europe/Amsterdam' });
  await boss.schedule(SEARCH_QUEUES.purge, '41 * * * *', null, { tz: 'Europe/Amsterdam' });
  if (!runWorkers) return;

  let searchDown = false;
  await boss.work(SEARCH_QUEUES.drain, { pollingIntervalSeconds: 1 }, async () => {
    let delaySeconds = 1;
    try {
      const result = await drainOutbox({ db, search, prefix, logger: log });
      if (result.unavailable !== searchDown) {
        searchDown = result.unavailable;
        if (searchDown) log.warn('search server unavailable; changes wait in the outbox');
        else log.info('search server available again; draining the outbox');
      }
      if (result.unavailable) delaySeconds = 5;
      if (result.claimed > 0) log.debug(result, 'search outbox drained');
    } finally {
      // The loop goes on whatever happened; the watch job restarts it if even this fails.
      await boss
        .send(SEARCH_QUEUES.drain, null, { startAfter: delaySeconds })
        .catch((error: unknown) => log.warn({ err: error }, 'could not reschedule the outbox drain'));
    }
  });

  let indexesEnsuredAt = 0;
  await boss.work(SEARCH_QUEUES.watch, async () => {
    await boss.send(SEARCH_QUEUES.drain, null);
    if (search && clock.now().getTime() - indexesEnsuredAt > ENSURE_INDEXES_EVERY_MS) {
      await ensureSearchIndexes({ db, search, prefix, logger: log })
        .then(() => {
          indexesEnsuredAt = clock.now().getTime();
        })
        .catch((error: unknown) => log.warn({ err: error }, 'could not check the search indexes'));
    }
    const stats = await searchRepository(db).outboxStats({ maxAttempts: OUTBOX_MAX_ATTEMPTS });
    if (stats.deadLetters > 0) {
      log.error(
        { alert: 'search.outbox.dead_letters', deadLetters: stats.deadLetters },
        'search outbox has dead-lettered rows; run npm run search:check (--retry-dead-letters)',
      );
    }
    if (stats.oldestPendingSeconds !== null && stats.oldestPendingSeconds > LAG_ALERT_SECONDS) {
      log.error(
        { alert: 'search.outbox.lagging', pending: stats.pending, oldestPendingSeconds: Math.round(stats.oldestPendingSeconds) },
        'the search index lags behind Postgres',
      );
    }
  });

  await boss.work(SEARCH_QUEUES.purge, async () => {
    const purged = await searchRepository(db).purgeProcessedOutbox({ days: PROCESSED_RETENTION_DAYS });
    if (purged > 0) log.info({ purged }, 'purged processed outbox rows');
  });

  await boss.send(SEARCH_QUEUES.drain, null);
}
