import type { PgBoss, Queue } from 'pg-boss';
import type { Logger } from 'pino';
import type { Db } from '../../db/client.js';
import type { Clock } from '../clock.js';
import type { Mailer } from '../mail/mailer.js';
import { createCaseloadRanking } from '../matching/matching.caseloads.js';
import { deliverDigest, type DeliveryTarget } from './digests.delivery.js';
import { digestRepository } from './digests.repository.js';
import { findDueDeliveries } from './digests.round.js';

export const DIGEST_QUEUES = {
  /** Every 15 minutes: find the digests that are due and queue one send job each. */
  round: 'digests.round',
  /** One job per (subscription, period). */
  send: 'digests.send',
  /** Sends that failed every retry: logged as an alert (R7). */
  deadLetter: 'digests.send.dead-letter',
} as const;

/** Every quarter of an hour, Dutch time: a digest due at 07:00 goes out by 07:15. */
export const DIGEST_ROUND_CRON = '*/15 * * * *';

/**
 * The send queue (R7): bounded retries with exponential backoff (1, 2, 4, 8, 16 minutes, capped at an
 * hour), then the dead-letter queue. 'exclusive' with a singleton key per (subscription, period):
 * a duplicate schedule while a job is queued, retrying or active is not queued at all. A job
 * expires after 5 minutes active (its worker died): pg-boss retries it and the retry recovers.
 */
export const DIGEST_SEND_QUEUE: Omit<Queue, 'name'> = {
  policy: 'exclusive',
  retryLimit: 5,
  retryDelay: 60,
  retryBackoff: true,
  retryDelayMax: 3600,
  expireInSeconds: 300,
  deadLetter: DIGEST_QUEUES.deadLetter,
};

export type DigestJobDeps = {
  db: Db;
  mailer: Mailer;
  secretKey: string;
  publicUrl: string;
  logger: Logger;
  clock: Clock;
  runWorkers: boolean;
  /** Cron of the round; null: this process schedules nothing (tests run rounds themselves). */
  cron?: string | null;
  /** Overrides of the send queue's retry settings (tests). */
  sendQueue?: Partial<Omit<Queue, 'name'>>;
  /** Parallel sends per process. */
  concurrency?: number;
  /** Worker polling interval in seconds (tests poll faster). */
  pollingIntervalSeconds?: number;
};

export const singletonKeyOf = (target: DeliveryTarget) => `${target.tenantId}:${target.subscriptionId}:${target.periodKey}`;

/** Queues a send per due (subscription, period); duplicates are refused by the queue. Returns how many were queued. */
export async function enqueueDueDigests(boss: PgBoss, db: Db, now: Date): Promise<{ due: number; queued: number }> {
  const due = await findDueDeliveries(db, now);
  let queued = 0;
  for (const target of due) {
    const id = await boss.send(DIGEST_QUEUES.send, target, { singletonKey: singletonKeyOf(target) });
    if (id) queued += 1;
  }
  return { due: due.length, queued };
}

/** Creates the digest queues and the round's schedule, and (when asked) the workers of this process. */
export async function registerDigestJobs(boss: PgBoss, deps: DigestJobDeps): Promise<void> {
  const { clock } = deps;
  const log = deps.logger.child({ component: 'digests' });
  await boss.createQueue(DIGEST_QUEUES.deadLetter, { retryLimit: 0, retentionSeconds: 30 * 86_400, deleteAfterSeconds: 30 * 86_400 });
  await boss.createQueue(DIGEST_QUEUES.send, { ...DIGEST_SEND_QUEUE, ...deps.sendQueue });
  await boss.createQueue(DIGEST_QUEUES.round, { policy: 'singleton', retryLimit: 2, retryDelay: 60, retryBackoff: true, expireInSeconds: 600 });
  const cron = deps.cron === undefined ? DIGEST_ROUND_CRON : deps.cron;
  // No unschedule for cron null: the schedule is shared by every process on this database.
  if (cron) await boss.schedule(DIGEST_QUEUES.round, cron, null, { tz: 'Europe/Amsterdam' });
  if (!deps.runWorkers) return;

  const polling = deps.pollingIntervalSeconds !== undefined ? { pollingIntervalSeconds: deps.pollingIntervalSeconds } : {};
  await boss.work(DIGEST_QUEUES.round, polling, async () => {
    const { due, queued } = await enqueueDueDigests(boss, deps.db, clock.now());
    log.info({ due, queued }, 'digest round: sends queued');
  });

  // The caseload rankings are shared by this process's sends (matching.caseloads.ts), forgotten when idle.
  const ranking = createCaseloadRanking(deps.db);
  const deliveryDeps = { db: deps.db, mailer: deps.mailer, secretKey: deps.secretKey, publicUrl: deps.publicUrl, clock, logger: log, ranking };
  await boss.work<DeliveryTarget>(DIGEST_QUEUES.send, { ...polling, localConcurrency: deps.concurrency ?? 2 }, async ([job]) => {
    const result = await deliverDigest(deliveryDeps, job!.data);
    // Another worker holds it: try again later rather than complete. Should that worker fail after
    // this job completed, its 'failed' row would have no job left to retry or dead-letter it (R7).
    if (result.outcome === 'busy') throw new Error('another worker is sending this digest right now; retried later');
    log.info({ jobId: job!.id, subscriptionId: job!.data.subscriptionId, periodKey: job!.data.periodKey, outcome: result.outcome }, 'digest job done');
    return result;
  });

  // R7: a digest that could not be sent after every retry is never silent.
  await boss.work<DeliveryTarget>(DIGEST_QUEUES.deadLetter, polling, async ([job]) => {
    const target = job!.data;
    const delivery = await digestRepository(deps.db).delivery(target);
    log.error(
      {
        alert: 'digest.dead_letter',
        jobId: job!.id,
        tenantId: target.tenantId,
        subscriptionId: target.subscriptionId,
        periodKey: target.periodKey,
        attempts: delivery?.attempts ?? null,
        lastError: delivery?.lastError ?? null,
      },
      'ALERT: a digest could not be sent after all retries and is in the dead-letter queue; its content moves to the next digest',
    );
  });
}
