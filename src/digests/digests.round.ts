import { isNull } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { tenants } from '../../db/schema/index.js';
import { createCaseloadRanking } from '../matching/matching.caseloads.js';
import { deliverDigest, scheduleOf, type DeliveryDeps, type DeliveryOutcome, type DeliveryTarget } from './digests.delivery.js';
import { duePeriod } from './digests.period.js';
import { digestRepository } from './digests.repository.js';

/**
 * The (subscription, period) pairs whose digest is due at `now` and not yet settled: no delivery
 * row, or a 'reserved' one (a send in progress, or one that died — the job finds out which). A
 * 'failed' row belongs to its job's retries and then the dead-letter queue, not to the scheduler.
 * Per tenant, so that every query filters on the tenant (Citus-ready).
 */
export async function findDueDeliveries(db: Db, now: Date): Promise<DeliveryTarget[]> {
  const due: DeliveryTarget[] = [];
  // A disabled Werkplein (npm run tenant:disable) gets no digests: its links would not open anyway.
  const tenantRows = await db.select({ id: tenants.id }).from(tenants).where(isNull(tenants.disabledAt));
  for (const { id: tenantId } of tenantRows) {
    const repository = digestRepository(db);
    const candidates: DeliveryTarget[] = [];
    for (const subscription of await repository.activeSchedules(tenantId)) {
      const period = duePeriod(scheduleOf(subscription), now, subscription.createdAt);
      if (period) candidates.push({ tenantId, subscriptionId: subscription.id, periodKey: period.key });
    }
    const states = await repository.deliveryStates({ tenantId, pairs: candidates });
    for (const candidate of candidates) {
      const state = states.get(`${candidate.subscriptionId}/${candidate.periodKey}`);
      if (state === undefined || state === 'reserved') due.push(candidate);
    }
  }
  return due;
}

export type RoundSummary = {
  due: number;
  outcomes: Partial<Record<DeliveryOutcome | 'failed', number>>;
  /** Per delivery what happened, in the order they were due. */
  results: Array<DeliveryTarget & { outcome: DeliveryOutcome | 'failed' }>;
};

/**
 * One round by hand (npm run digests:run -- --now), or in tests: finds what is due and delivers it
 * in this process, a few at a time. Safe next to the workers: delivery is exactly-once on its own.
 * The account managers' caseload rankings are shared for the round (matching.caseloads.ts).
 */
export async function runDigestRoundInline(
  deps: DeliveryDeps,
  { now = deps.clock.now(), concurrency = 4 }: { now?: Date; concurrency?: number } = {},
): Promise<RoundSummary> {
  const ranking = deps.ranking ?? createCaseloadRanking(deps.db);
  try {
    return await deliverDue({ ...deps, ranking }, { now, concurrency });
  } finally {
    if (!deps.ranking) ranking.clear();
  }
}

async function deliverDue(deps: DeliveryDeps, { now, concurrency }: { now: Date; concurrency: number }): Promise<RoundSummary> {
  const due = await findDueDeliveries(deps.db, now);
  const outcomes: RoundSummary['outcomes'] = {};
  const results = new Array<RoundSummary['results'][number]>(due.length);
  let next = 0;
  const worker = async () => {
    while (next < due.length) {
      const index = next++;
      const target = due[index]!;
      let outcome: DeliveryOutcome | 'failed';
      try {
        outcome = (await deliverDigest(deps, target)).outcome;
      } catch (error) {
        deps.logger.error({ err: error, subscriptionId: target.subscriptionId, periodKey: target.periodKey }, 'digest delivery failed');
        outcome = 'failed';
      }
      outcomes[outcome] = (outcomes[outcome] ?? 0) + 1;
      results[index] = { ...target, outcome };
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, concurrency) }, worker));
  return { due: due.length, outcomes, results };
}
