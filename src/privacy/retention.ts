import { sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { tenants } from '../../db/schema/index.js';
import { audit, SYSTEM_ACTOR_ID } from '../audit/audit.js';
import { utcDay } from '../matching/matching.repository.js';
import { loadTenantSettings } from '../settings/settings.service.js';
import { afterErasure, eraseInTransaction, type ErasedPerson, type ErasureDeps } from './erasure.js';

/*
 * Retention (REQUIREMENTS P7): what is past its term, per tenant (settings.retentionDays), is purged
 * by a daily job. Terms count back from the job's clock:
 *   - closedCandidates: people who left the caseload (status placed or participation_route) and whose
 *     record was not touched for that many days are erased in full, reason 'retention';
 *   - matchRunInputs: the inputs of ranking runs older than that (the runs themselves are append-only
 *     and keep only pseudonymous ids): the runs' references (match_run_inputs), and each stored
 *     input last used on a day before that (match_inputs.used_on; a run names only inputs used on
 *     its own day or later, so none of the runs kept names one);
 *   - mailLog: mail log rows older than that;
 *   - idempotencyKeys: stored answers of retried POSTs older than that;
 *   - the written mail copies (.eml files, where the mailer keeps them) older than the shortest
 *     mailLog term of any tenant.
 * Every run leaves one audit row per tenant ('retention.purge') with the counts, and a log line.
 * Idempotent: a second run on the same day finds nothing more.
 */

const DAY_MS = 86_400_000;
/** Statuses of people no longer in the caseload. */
export const CLOSED_STATUSES = ['placed', 'participation_route'] as const;

export type RetentionSummary = {
  tenantId: string;
  candidatesErased: number;
  matchRunInputs: number;
  /** Stored inputs (match_inputs) that only the purged runs named. */
  matchInputs: number;
  mailLog: number;
  idempotencyKeys: number;
};

const before = (now: Date, days: number) => new Date(now.getTime() - days * DAY_MS);

async function purge(db: Executor, query: ReturnType<typeof sql>): Promise<number> {
  return (await db.execute(query)).rowCount ?? 0;
}

/** Runs the retention of every tenant once; returns what it removed per tenant. */
export async function runRetention(deps: ErasureDeps): Promise<RetentionSummary[]> {
  const { db, clock } = deps;
  const now = clock.now();
  const summaries: RetentionSummary[] = [];
  const erased: ErasedPerson[] = [];
  let mailTerm: number | null = null;
  for (const { id: tenantId } of await db.select({ id: tenants.id }).from(tenants).orderBy(tenants.id)) {
    const terms = (await loadTenantSettings(db, tenantId)).retentionDays;
    mailTerm = Math.min(mailTerm ?? terms.mailLog, terms.mailLog);
    const expired = await db.execute<{ id: string }>(
      sql`select id from candidates
           where tenant_id = ${tenantId} and status in ${CLOSED_STATUSES} and updated_at < ${before(now, terms.closedCandidates)}
           order by id`,
    );
    let candidatesErased = 0;
    for (const { id } of expired.rows) {
      // One transaction per person: a failure leaves the others erased, and the next run retries it.
      const result = await eraseInTransaction(deps, {
        tenantId,
        candidateId: id,
        actorUserId: null,
        systemActorId: SYSTEM_ACTOR_ID,
        reason: 'retention',
        stillExpired: { statuses: CLOSED_STATUSES, updatedBefore: before(now, terms.closedCandidates) },
      });
      if (result.outcome === 'erased') {
        candidatesErased += 1;
        erased.push({ tenantId, candidateId: id, identifiers: result.identifiers });
      }
    }
    const summary = await db.transaction(async (tx) => {
      const counts: RetentionSummary = {
        tenantId,
        candidatesErased,
        matchRunInputs: await purge(
          tx,
          sql`delete from match_run_inputs i using match_runs r
               where i.tenant_id = ${tenantId} and r.tenant_id = i.tenant_id and r.id = i.run_id and r.at < ${before(now, terms.matchRunInputs)}`,
        ),
        matchInputs: await purge(
          tx,
          sql`delete from match_inputs where tenant_id = ${tenantId} and used_on < ${utcDay(before(now, terms.matchRunInputs))}::date`,
        ),
        mailLog: await purge(tx, sql`delete from mail_log where tenant_id = ${tenantId} and sent_at < ${before(now, terms.mailLog)}`),
        idempotencyKeys: await purge(
          tx,
          sql`delete from idempotency_keys where tenant_id = ${tenantId} and created_at < ${before(now, terms.idempotencyKeys)}`,
        ),
      };
      await audit(tx, clock, {
        principal: { tenantId, userId: null },
        action: 'retention.purge',
        subjectType: 'tenant',
        subjectId: tenantId,
        reason: 'retention',
        details: {
          candidatesErased: counts.candidatesErased,
          matchRunInputs: counts.matchRunInputs,
          matchInputs: counts.matchInputs,
          mailLog: counts.mailLog,
          idempotencyKeys: counts.idempotencyKeys,
          terms,
        },
      });
      return counts;
    });
    deps.logger?.info({ ...summary, terms }, 'retention: purged what was past its term');
    summaries.push(summary);
  }
  if (erased.length > 0) await afterErasure(deps, erased);
  // The written mail copies (.eml) follow the mail term too. A file does not say whose tenant it is,
  // so the shortest term of any tenant applies (issue 11.13).
  if (deps.mailCopies && mailTerm !== null) {
    const mailFiles = await deps.mailCopies.removeOlderThan(before(now, mailTerm));
    deps.logger?.info({ mailFiles, termDays: mailTerm }, 'retention: removed written mail copies past the mail term');
  }
  return summaries;
}
