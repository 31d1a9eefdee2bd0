import { sql } from 'drizzle-orm';
import type { Meilisearch } from 'meilisearch';
import { PgBoss } from 'pg-boss';
import type { Logger } from 'pino';
import type { Db } from '../../db/client.js';
import { registerDigestJobs } from '../digests/digests.jobs.js';
import type { Mailer } from '../mail/mailer.js';
import { registerPlacementJobs } from '../placements/placements.jobs.js';
import { registerPrivacyJobs } from '../privacy/privacy.jobs.js';
import { registerSearchJobs } from '../search/search.jobs.js';

/** Queues and their schedules. Handlers are idempotent: pg-boss runs jobs at least once. */
export const QUEUES = {
  purgeIdempotencyKeys: 'maintenance.purge-idempotency-keys',
} as const;

/** Idempotency keys are kept a day: long enough for any client's retries. */
const IDEMPOTENCY_KEY_TTL_HOURS = 24;

export type JobQueue = { boss: PgBoss; stop: () => Promise<void> };

/** Creates the pg-boss queue on the same Postgres (its own schema `pgboss`), without starting workers. */
export function createBoss({ url, logger }: { url: string; logger: Logger }): PgBoss {
  const boss = new PgBoss({ connectionString: url, max: 4, application_name: 'kansrijk-jobs' });
  boss.on('error', (error) => logger.error({ err: error }, 'job queue error'));
  return boss;
}

/** Starts pg-boss, creates the queues and schedules, and (when asked) the workers of this process. */
export async function startJobQueue({
  url,
  db,
  logger,
  runWorkers,
  search,
  searchPrefix,
  digests,
}: {
  url: string;
  db: Db;
  logger: Logger;
  runWorkers: boolean;
  /** The search server that the outbox drains into; without it no search jobs are registered. */
  search?: Meilisearch | null;
  searchPrefix?: string;
  /** What digest e-mails need; without it no digest jobs are registered. */
  digests?: { mailer: Mailer; secretKey: string; publicUrl: string };
}): Promise<JobQueue> {
  const log = logger.child({ component: 'jobs' });
  const boss = createBoss({ url, logger: log });
  await boss.start();
  await boss.createQueue(QUEUES.purgeIdempotencyKeys, { retryLimit: 3, retryDelay: 60, retryBackoff: true });
  await boss.schedule(QUEUES.purgeIdempotencyKeys, '17 * * * *', null, { tz: 'Europe/Amsterdam' });
  if (runWorkers) {
    await boss.work(QUEUES.purgeIdempotencyKeys, async () => {
      const result = await db.execute(
        sql`delete from idempotency_keys where created_at < now() - make_interval(hours => ${IDEMPOTENCY_KEY_TTL_HOURS})`,
      );
      log.info({ purged: result.rowCount }, 'purged old idempotency keys');
    });
  }
  await registerPlacementJobs(boss, { db, logger: log, runWorkers });
  await registerPrivacyJobs(boss, { db, search: search ?? null, searchPrefix, logger: log, runWorkers });
  if (digests) await registerDigestJobs(boss, { db, logger: log, runWorkers, ...digests });
  if (search !== undefined) await registerSearchJobs({ boss, db, search, prefix: searchPrefix, logger: log, runWorkers });
  return { boss, stop: () => boss.stop({ graceful: true, timeout: 10_000 }) };
}
