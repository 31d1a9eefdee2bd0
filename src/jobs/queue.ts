import { sql } from 'drizzle-orm';
import { PgBoss } from 'pg-boss';
import type { Logger } from 'pino';
import { registerDigestJobs } from '../digests/digests.jobs.js';
import { registerPlacementJobs } from '../placements/placements.jobs.js';
import { registerPrivacyJobs } from '../privacy/privacy.jobs.js';
import { registerSearchJobs } from '../search/search.jobs.js';
import { matchingRepository, POPULATION_CHANGES_KEPT_HOURS } from '../matching/matching.repository.js';
import type { ServiceDeps } from '../services.js';

/** Queues and their schedules. Handlers are idempotent: pg-boss runs jobs at least once. */
export const QUEUES = {
  purgeIdempotencyKeys: 'maintenance.purge-idempotency-keys',
  purgePopulationChanges: 'maintenance.purge-population-changes',
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

/**
 * Starts pg-boss, creates the queues and schedules, and (when asked) the workers of this process,
 * on the same dependencies (and so the same clock) as the services (src/services.ts).
 */
export async function startJobQueue({
  url,
  deps,
  runWorkers,
}: {
  url: string;
  deps: Pick<ServiceDeps, 'db' | 'search' | 'searchPrefix' | 'clock' | 'logger'> & Partial<Pick<ServiceDeps, 'mailer' | 'secretKey' | 'publicUrl'>>;
  runWorkers: boolean;
}): Promise<JobQueue> {
  const { db, search, searchPrefix, clock } = deps;
  const log = deps.logger.child({ component: 'jobs' });
  const boss = createBoss({ url, logger: log });
  await boss.start();
  await boss.createQueue(QUEUES.purgeIdempotencyKeys, { retryLimit: 3, retryDelay: 60, retryBackoff: true });
  await boss.schedule(QUEUES.purgeIdempotencyKeys, '17 * * * *', null, { tz: 'Europe/Amsterdam' });
  await boss.createQueue(QUEUES.purgePopulationChanges, { retryLimit: 3, retryDelay: 60, retryBackoff: true });
  await boss.schedule(QUEUES.purgePopulationChanges, '23 * * * *', null, { tz: 'Europe/Amsterdam' });
  if (runWorkers) {
    await boss.work(QUEUES.purgeIdempotencyKeys, async () => {
      const result = await db.execute(sql`delete from idempotency_keys where created_at < now() - make_interval(hours => ${IDEMPOTENCY_KEY_TTL_HOURS})`);
      log.info({ purged: result.rowCount }, 'purged old idempotency keys');
    });
    await boss.work(QUEUES.purgePopulationChanges, async () => {
      const purged = await matchingRepository(db).purgePopulationChanges(POPULATION_CHANGES_KEPT_HOURS);
      log.info({ purged }, 'purged old population changes');
    });
  }
  await registerPlacementJobs(boss, { db, logger: log, clock, runWorkers });
  await registerPrivacyJobs(boss, { db, search, searchPrefix, logger: log, clock, runWorkers, mailCopies: deps.mailer?.copies });
  // Digest e-mails need a mailer and what their links are made of; without them no digest jobs run here.
  const { mailer, secretKey, publicUrl } = deps;
  if (mailer && secretKey && publicUrl) await registerDigestJobs(boss, { db, logger: log, clock, runWorkers, mailer, secretKey, publicUrl });
  // Without a search server (tests of other areas) the outbox waits; no search jobs are registered.
  if (search) await registerSearchJobs({ boss, db, search, prefix: searchPrefix, clock, logger: log, runWorkers });
  return { boss, stop: () => boss.stop({ graceful: true, timeout: 10_000 }) };
}
