import type { Meilisearch } from 'meilisearch';
import type { PgBoss } from 'pg-boss';
import type { Logger } from 'pino';
import type { Db } from '../../db/client.js';
import type { Clock } from '../clock.js';
import type { MailCopies } from '../mail/mail-files.js';
import { runRetention } from './retention.js';

export const PRIVACY_QUEUES = {
  /** Daily: purges what is past its retention term (REQUIREMENTS P7). */
  retention: 'privacy.retention',
} as const;

/** Creates the retention queue and its daily schedule, and (when asked) its worker. */
export async function registerPrivacyJobs(
  boss: PgBoss,
  {
    db,
    search,
    searchPrefix = '',
    logger,
    clock,
    runWorkers,
    mailCopies,
  }: {
    db: Db;
    search: Meilisearch | null;
    searchPrefix?: string | undefined;
    logger: Logger;
    clock: Clock;
    runWorkers: boolean;
    mailCopies?: MailCopies | undefined;
  },
): Promise<void> {
  const log = logger.child({ component: 'privacy' });
  // At most one run at a time across processes; a failed run is retried, and the next day's run catches up anyway.
  await boss.createQueue(PRIVACY_QUEUES.retention, { policy: 'singleton', retryLimit: 3, retryDelay: 300, retryBackoff: true });
  // At night, when nobody works in the caseload.
  await boss.schedule(PRIVACY_QUEUES.retention, '15 3 * * *', null, { tz: 'Europe/Amsterdam' });
  if (runWorkers) {
    await boss.work(PRIVACY_QUEUES.retention, async () => {
      await runRetention({ db, search, searchPrefix, clock, logger: log, mailCopies });
    });
  }
}
