import { and, isNull, lte, sql } from 'drizzle-orm';
import type { PgBoss } from 'pg-boss';
import type { Logger } from 'pino';
import type { Executor } from '../../db/client.js';
import { placementFollowUps } from '../../db/schema/index.js';
import type { Clock } from '../clock.js';
import { amsterdamDate } from './calendar.js';

export const PLACEMENT_QUEUES = {
  followUpReminders: 'placements.follow-up-reminders',
} as const;

/**
 * Marks follow-ups that are due (due today or earlier, no outcome yet, placement still active) as
 * reminded, once: the staff digest picks up "follow-ups due" from reminder_sent_at. Running it
 * twice marks nothing new, so pg-boss's at-least-once delivery is harmless.
 */
export async function markDueFollowUpReminders(db: Executor, now: Date): Promise<number> {
  const today = amsterdamDate(now);
  const marked = await db
    .update(placementFollowUps)
    .set({ reminderSentAt: now })
    .where(
      and(
        isNull(placementFollowUps.outcome),
        isNull(placementFollowUps.reminderSentAt),
        lte(placementFollowUps.dueOn, today),
        sql`exists (select 1 from placements p where p.tenant_id = ${placementFollowUps.tenantId} and p.id = ${placementFollowUps.placementId} and p.status = 'active')`,
      ),
    )
    .returning({ id: placementFollowUps.id });
  return marked.length;
}

/** Creates the reminder queue and its daily schedule, and (when asked) the worker of this process. */
export async function registerPlacementJobs(
  boss: PgBoss,
  { db, logger, clock, runWorkers }: { db: Executor; logger: Logger; clock: Clock; runWorkers: boolean },
): Promise<void> {
  await boss.createQueue(PLACEMENT_QUEUES.followUpReminders, { retryLimit: 3, retryDelay: 60, retryBackoff: true });
  // Early in the morning, before the daily digests are composed.
  await boss.schedule(PLACEMENT_QUEUES.followUpReminders, '30 5 * * *', null, { tz: 'Europe/Amsterdam' });
  if (runWorkers) {
    await boss.work(PLACEMENT_QUEUES.followUpReminders, async () => {
      const marked = await markDueFollowUpReminders(db, clock.now());
      logger.info({ marked }, 'follow-ups due marked for reminders');
    });
  }
}
