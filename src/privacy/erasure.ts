import { createHash } from 'node:crypto';
import { and, eq, sql, type SQL } from 'drizzle-orm';
import type { Meilisearch } from 'meilisearch';
import type { Logger } from 'pino';
import type { Db, Executor } from '../../db/client.js';
import { candidateContacts, candidates, erasureLedger } from '../../db/schema/index.js';
import { tenantIndexName } from '../../search/search-documents.js';
import { isIndexNotFound, isSearchUnavailable, writeDocuments } from '../../search/tenant-indexes.js';
import { audit } from '../audit/audit.js';
import type { Clock } from '../clock.js';
import { newId } from '../ids.js';
import { emailHash } from '../mail/addresses.js';
import type { MailCopies } from '../mail/mail-files.js';
import { enqueueOutbox } from '../outbox/outbox.js';

/*
 * Erasure of one person (REQUIREMENTS P5): Postgres, the search index, queued job payloads and the
 * mail log. What is deliberately kept, and why:
 *   - match_runs: the ranking log is append-only (F2, a trigger refuses changes). It holds only the
 *     pseudonymous id, which after erasure points at no one; the run's inputs for the person
 *     (match_run_inputs, match_inputs) are removed, so the run can no longer be replayed for them.
 *   - audit_log: append-only by law and by trigger; it too holds only the pseudonymous id.
 *   - erasure_ledger: the id and its hash, so that a restored backup can be cleaned again.
 *   - mail_log: the mail stays (it was sent), the person's id becomes a hashed tombstone; where they
 *     were the recipient, the address goes and its hash is replaced by the tombstone too.
 *   - email_suppressions: a blocked address stays blocked (by its hash), so it is never mailed again.
 * After the commit (issue 11.13, see afterErasure): the written mail copies (.eml files) lose the
 * person's lines, the touched tables are vacuumed so that the deleted rows' tuples are pruned from
 * their pages, and the search document is deleted (Meilisearch 1.21 removes it from its store; it
 * has no compaction route, so freed pages are reused by the engine, not returned at once).
 * Reports count from what remains: an erased person's placements and feedback drop out of the
 * impact and fairness figures; the impact report says how many placements were erased.
 */

/** The hash that remains of an erased person in tombstones: SHA-256 of tenant and id. */
export function candidateHash(tenantId: string, candidateId: string): string {
  return createHash('sha256').update(`kansrijk:erasure:${tenantId}:${candidateId}`, 'utf8').digest('hex');
}

/** Rows removed (or changed) per store. */
export type ErasureCounts = {
  postgres: Record<string, number>;
  mailLog: { tombstoned: number; recipientsRemoved: number };
  jobs: { pgboss: number };
  searchIndex: { deleteQueued: boolean };
};

export type ErasureReceipt = {
  candidateHash: string;
  erasedAt: string;
  reason: string;
  counts: ErasureCounts;
  /** What is kept, in plain Dutch (B1). */
  kept: string[];
};

export const KEPT_AFTER_ERASURE = [
  'Rangschikkingen (match_runs): die mogen niet veranderen. Er staat alleen een nummer in dat nu naar niemand meer verwijst.',
  'Auditlog: dat mag niet veranderen. Ook daar staat alleen een nummer dat naar niemand meer verwijst.',
  'Verstuurde e-mails: de e-mail blijft in het logboek, maar zonder de persoon. Er staat alleen een onherleidbare code (hash).',
  'Verwijderregister (erasure_ledger): het nummer en de code, zodat we een teruggezette back-up opnieuw kunnen opschonen.',
  'Een blokkade van het e-mailadres, als die er was (alleen een hash): zo mailen we er nooit meer naar.',
];

const rowCount = async (db: Executor, query: SQL): Promise<number> => (await db.execute(query)).rowCount ?? 0;

/**
 * Removes every trace of a person from Postgres in the caller's transaction, and queues the removal
 * of their search document (outbox 'delete', drained after commit). Idempotent: for a person who no
 * longer exists it still clears what may be left around them (run inputs, mail ids, job payloads).
 */
export async function removeCandidateData(
  tx: Executor,
  { tenantId, candidateId }: { tenantId: string; candidateId: string },
): Promise<ErasureCounts & { identifiers: string[] }> {
  const hash = candidateHash(tenantId, candidateId);
  const [contact] = await tx
    .select({ email: candidateContacts.email, givenName: candidateContacts.givenName, familyName: candidateContacts.familyName })
    .from(candidateContacts)
    .where(and(eq(candidateContacts.tenantId, tenantId), eq(candidateContacts.candidateId, candidateId)));

  const [candidate] = await tx
    .select({ reference: candidates.reference })
    .from(candidates)
    .where(and(eq(candidates.tenantId, tenantId), eq(candidates.id, candidateId)));

  // The mail log first, while the person's address, name and reference are still known.
  const fullName = contact ? `${contact.givenName} ${contact.familyName}` : null;
  const reference = candidate?.reference ?? null;
  const tombstoned = await rowCount(
    tx,
    sql`update mail_log
           set candidate_ids = array_remove(candidate_ids, ${candidateId}::uuid),
               tombstone_hashes = case when ${hash} = any(tombstone_hashes) then tombstone_hashes else array_append(tombstone_hashes, ${hash}) end,
               subject = replace(replace(subject, coalesce(${fullName}::text, ''), '[verwijderd]'), coalesce(${reference}::text, ''), '[verwijderd]')
         where tenant_id = ${tenantId} and ${candidateId}::uuid = any(candidate_ids)`,
  );
  // Mails to the person themselves: the address goes, and its (unkeyed, so linkable) hash becomes the tombstone.
  const recipientsRemoved = contact?.email
    ? await rowCount(
        tx,
        sql`update mail_log set recipient = null, recipient_hash = ${hash}
             where tenant_id = ${tenantId} and (lower(recipient) = lower(${contact.email}) or recipient_hash = ${emailHash(contact.email)})`,
      )
    : 0;

  // Explicit deletes, children first, so that the receipt can count each store; the cascades of
  // the candidate row are the safety net for tables added later.
  const postgres: Record<string, number> = {};
  const remove = async (table: string, query: SQL) => {
    postgres[table] = await rowCount(tx, query);
  };
  await remove(
    'employer_feedback',
    sql`delete from employer_feedback f using shortlist_candidates sc
         where f.tenant_id = ${tenantId} and sc.tenant_id = f.tenant_id and sc.id = f.shortlist_candidate_id and sc.candidate_id = ${candidateId}`,
  );
  await remove('shortlist_candidates', sql`delete from shortlist_candidates where tenant_id = ${tenantId} and candidate_id = ${candidateId}`);
  await remove(
    'placement_follow_ups',
    sql`delete from placement_follow_ups u using placements p
         where u.tenant_id = ${tenantId} and p.tenant_id = u.tenant_id and p.id = u.placement_id and p.candidate_id = ${candidateId}`,
  );
  await remove(
    'placement_check_ins',
    sql`delete from placement_check_ins k using placements p
         where k.tenant_id = ${tenantId} and p.tenant_id = k.tenant_id and p.id = k.placement_id and p.candidate_id = ${candidateId}`,
  );
  await remove('placements', sql`delete from placements where tenant_id = ${tenantId} and candidate_id = ${candidateId}`);
  for (const table of [
    'intake_drafts',
    'intakes',
    'candidate_assessments',
    'candidate_barriers',
    'candidate_consents',
    'candidate_history',
    'candidate_audit_attributes',
    'candidate_households',
    'discussed_vacancies',
    'profile_change_proposals',
    'candidate_profiles',
    'candidate_contacts',
  ]) {
    await remove(table, sql`delete from ${sql.identifier(table)} where tenant_id = ${tenantId} and candidate_id = ${candidateId}`);
  }
  await remove('candidates', sql`delete from candidates where tenant_id = ${tenantId} and id = ${candidateId}`);
  await remove('match_run_inputs', sql`delete from match_run_inputs where tenant_id = ${tenantId} and subject_id = ${candidateId}`);
  await remove('match_inputs', sql`delete from match_inputs where tenant_id = ${tenantId} and subject_id = ${candidateId}`);
  // The population cache's change feed named the person at each change; without those rows a cache
  // reads the whole member list once (the delete above records no id).
  await remove('matching_population_changes', sql`delete from matching_population_changes where tenant_id = ${tenantId} and candidate_id = ${candidateId}`);
  // Stored answers of retried POSTs may carry the id (e.g. the answer to "register a jobseeker").
  await remove(
    'idempotency_keys',
    sql`delete from idempotency_keys where tenant_id = ${tenantId} and position(${candidateId} in coalesce(response_body::text, '')) > 0`,
  );
  // Earlier index updates for the person are moot; one delete row replaces them.
  await remove('outbox', sql`delete from outbox where tenant_id = ${tenantId} and entity_id = ${candidateId}`);
  await enqueueOutbox(tx, { tenantId, topic: 'search.candidate', entityId: candidateId, operation: 'delete' });

  // What names the person in copies outside the database (the .eml files): never part of the receipt.
  const identifiers = [candidateId, reference, fullName, contact?.email].filter((value): value is string => Boolean(value));
  return {
    postgres,
    mailLog: { tombstoned, recipientsRemoved },
    jobs: { pgboss: await removeQueuedJobs(tx, candidateId) },
    searchIndex: { deleteQueued: true },
    identifiers,
  };
}

/**
 * Deletes pg-boss jobs (schema `pgboss`, table `job`: in pg-boss 12 the parent of the per-queue
 * partitions) whose payload or output mentions the person. A worker holding such a job finds it
 * gone when it completes; jobs are idempotent, so nothing else breaks.
 */
async function removeQueuedJobs(tx: Executor, candidateId: string): Promise<number> {
  const exists = await tx.execute<{ table: string | null }>(sql`select to_regclass('pgboss.job')::text as "table"`);
  if (!exists.rows[0]?.table) return 0;
  return rowCount(
    tx,
    sql`delete from pgboss.job
         where position(${candidateId} in coalesce(data::text, '')) > 0
            or position(${candidateId} in coalesce(output::text, '')) > 0
            or position(${candidateId} in coalesce(source_output::text, '')) > 0`,
  );
}

/** What the erasure needs to reach every store. */
export type ErasureDeps = {
  db: Db;
  search: Meilisearch | null;
  searchPrefix: string;
  clock: Clock;
  logger?: Logger | undefined;
  /** The written mail copies, where the mailer keeps any (the .eml files of the embedded default). */
  mailCopies?: MailCopies | undefined;
};

/** Erased people, with what names them outside the database (for the mail copies). */
export type ErasedPerson = { tenantId: string; candidateId: string; identifiers: readonly string[] };

/** Tables an erasure deletes from or rewrites, vacuumed after it (afterErasure). */
const ERASURE_TABLES = [
  'employer_feedback',
  'shortlist_candidates',
  'placement_follow_ups',
  'placements',
  'intake_drafts',
  'intakes',
  'candidate_assessments',
  'candidate_barriers',
  'candidate_consents',
  'candidate_history',
  'candidate_audit_attributes',
  'candidate_households',
  'discussed_vacancies',
  'profile_change_proposals',
  'candidate_profiles',
  'candidate_contacts',
  'candidates',
  'match_run_inputs',
  'match_inputs',
  'matching_population_changes',
  'idempotency_keys',
  'outbox',
  'mail_log',
] as const;

/**
 * After the erasure's commit (issue 11.13): the search index in step, the person's lines out of the
 * written mail copies, and the touched tables vacuumed. A plain VACUUM (not FULL, which locks the
 * table for everyone) prunes the deleted tuples from their pages and lets PostgreSQL reuse the
 * space; it cannot run in a transaction, hence here. A failure of the last two is logged, not
 * thrown: the erasure itself is committed, and the daily autovacuum and retention catch up.
 */
export async function afterErasure(
  deps: ErasureDeps,
  people: readonly ErasedPerson[],
): Promise<{ searchIndex: 'removed' | 'queued'; mailFiles: { redacted: number; removed: number } }> {
  const searchIndex = await syncSearchAfterErasure(deps, people);
  const mailFiles = { redacted: 0, removed: 0 };
  if (people.length === 0) return { searchIndex, mailFiles };
  if (deps.mailCopies) {
    try {
      const result = await deps.mailCopies.redact(people.flatMap((person) => person.identifiers));
      mailFiles.redacted = result.redacted;
      mailFiles.removed = result.removed;
    } catch (error) {
      deps.logger?.error({ err: error }, 'erasure: could not redact the written mail copies; the mail retention removes them in time');
    }
  }
  try {
    await deps.db.execute(sql.raw(`vacuum ${ERASURE_TABLES.map((table) => `"${table}"`).join(', ')}`));
  } catch (error) {
    deps.logger?.warn({ err: error }, 'erasure: vacuum after the erasure failed; autovacuum prunes the pages later');
  }
  deps.logger?.info({ people: people.length, mailFiles }, 'erasure: mail copies redacted and tables vacuumed');
  return { searchIndex, mailFiles };
}

/**
 * After commit: deletes the people's documents from their tenant's candidate index at once (one
 * request per tenant, no outbox drain inside the request), then removes their outbox rows. 'queued'
 * when Meilisearch cannot be reached now: the delete row of the erasure stays and the drain job
 * removes the document when it is back (R4); only the processed rows go.
 */
export async function syncSearchAfterErasure(
  deps: ErasureDeps,
  entities: ReadonlyArray<{ tenantId: string; candidateId: string }>,
): Promise<'removed' | 'queued'> {
  if (entities.length === 0) return 'removed';
  const byTenant = new Map<string, string[]>();
  for (const { tenantId, candidateId } of entities) byTenant.set(tenantId, [...(byTenant.get(tenantId) ?? []), candidateId]);
  let queued = false;
  for (const [tenantId, ids] of byTenant) {
    let removed = false;
    if (deps.search) {
      try {
        await writeDocuments({ search: deps.search, name: tenantIndexName(deps.searchPrefix, 'candidates', tenantId), deleteIds: ids });
        removed = true;
      } catch (error) {
        if (isIndexNotFound(error))
          removed = true; // no index, no document
        else if (!isSearchUnavailable(error)) throw error;
        else deps.logger?.warn({ err: error, tenantId }, 'search server unavailable; the erased people leave the index when it is back');
      }
    }
    if (!removed) queued = true;
    // Once the document is gone every outbox row of the person is done; otherwise the delete row stays.
    await deps.db.execute(
      sql`delete from outbox where tenant_id = ${tenantId} and entity_id = any(${`{${ids.join(',')}}`}::uuid[])${removed ? sql`` : sql` and processed_at is not null`}`,
    );
  }
  return queued ? 'queued' : 'removed';
}

export type EraseResult =
  | { outcome: 'erased'; receipt: ErasureReceipt; searchIndex: 'removed' | 'queued'; identifiers: string[] }
  | { outcome: 'already_erased'; receipt: ErasureReceipt }
  | { outcome: 'not_found' };

/**
 * Erases one person in one transaction (with the ledger row and the audit row), then brings the
 * search index in step. Asking again for someone already erased gives the first receipt back.
 */
export async function eraseCandidate(deps: ErasureDeps, request: EraseRequest): Promise<EraseResult> {
  const result = await eraseInTransaction(deps, request);
  if (result.outcome !== 'erased') return result;
  const { searchIndex } = await afterErasure(deps, [{ tenantId: request.tenantId, candidateId: request.candidateId, identifiers: result.identifiers }]);
  return { ...result, searchIndex };
}

export type EraseRequest = {
  tenantId: string;
  candidateId: string;
  actorUserId: string | null;
  systemActorId: string;
  reason: string;
  /** For retention: erase only while this still holds under the row lock (a person reactivated meanwhile stays). */
  stillExpired?: { statuses: readonly string[]; updatedBefore: Date };
};

/** The Postgres part of an erasure, committed; the caller brings the search index in step (syncSearchAfterErasure). */
export async function eraseInTransaction(
  deps: ErasureDeps,
  { tenantId, candidateId, actorUserId, systemActorId, reason, stillExpired }: EraseRequest,
): Promise<EraseResult> {
  return deps.db.transaction(async (tx): Promise<EraseResult> => {
    const [candidate] = await tx
      .select({ id: candidates.id, status: candidates.status, updatedAt: candidates.updatedAt })
      .from(candidates)
      .where(and(eq(candidates.tenantId, tenantId), eq(candidates.id, candidateId)))
      .for('update');
    if (candidate && stillExpired && (!stillExpired.statuses.includes(candidate.status) || candidate.updatedAt >= stillExpired.updatedBefore)) {
      return { outcome: 'not_found' };
    }
    if (!candidate) {
      const [earlier] = await tx
        .select({ receipt: erasureLedger.receipt })
        .from(erasureLedger)
        .where(and(eq(erasureLedger.tenantId, tenantId), eq(erasureLedger.candidateId, candidateId)));
      return earlier ? { outcome: 'already_erased', receipt: earlier.receipt as ErasureReceipt } : { outcome: 'not_found' };
    }
    const { identifiers, ...counts } = await removeCandidateData(tx, { tenantId, candidateId });
    const erasedAt = deps.clock.now();
    const receipt: ErasureReceipt = {
      candidateHash: candidateHash(tenantId, candidateId),
      erasedAt: erasedAt.toISOString(),
      reason,
      counts,
      kept: KEPT_AFTER_ERASURE,
    };
    await tx
      .insert(erasureLedger)
      .values({
        tenantId,
        id: newId(erasedAt.getTime()),
        candidateId,
        candidateHash: receipt.candidateHash,
        erasedAt,
        erasedBy: actorUserId ?? systemActorId,
        reason,
        receipt,
      })
      .onConflictDoNothing();
    await audit(tx, deps.clock, {
      principal: { tenantId, userId: actorUserId },
      action: 'candidate.erase',
      subjectType: 'candidate',
      subjectId: candidateId,
      reason,
      details: { counts },
    });
    return { outcome: 'erased', receipt, searchIndex: 'queued', identifiers };
  });
}

/** One ledger entry, as exported to a file and read back by `npm run privacy:replay-erasures -- --from`. */
export type LedgerEntry = {
  tenantId: string;
  id: string;
  candidateId: string;
  candidateHash: string;
  erasedAt: string;
  erasedBy: string;
  reason: string;
  receipt: Record<string, unknown>;
};

export async function readLedger(db: Executor): Promise<LedgerEntry[]> {
  const rows = await db.select().from(erasureLedger).orderBy(erasureLedger.erasedAt, erasureLedger.id);
  return rows.map((row) => ({ ...row, erasedAt: row.erasedAt.toISOString() }));
}

export type ReplayResult = { entries: number; ledgerRowsAdded: number; peopleErasedAgain: number; residuesCleared: number; searchIndex: 'removed' | 'queued' };

/**
 * Erases again whatever of the ledger's people still exists, e.g. after a backup was restored.
 * Entries from a file that the (restored) ledger lacks are added to it first, so that the next
 * replay knows them too. Idempotent: a second run finds nothing left to remove.
 */
export async function replayErasures(deps: ErasureDeps, entries?: readonly LedgerEntry[]): Promise<ReplayResult> {
  const list = entries ?? (await readLedger(deps.db));
  const result: ReplayResult = { entries: list.length, ledgerRowsAdded: 0, peopleErasedAgain: 0, residuesCleared: 0, searchIndex: 'removed' };
  const touched: ErasedPerson[] = [];
  for (const entry of list) {
    await deps.db.transaction(async (tx) => {
      // A ledger row of a tenant that the restored database does not have cannot be replayed there.
      const tenant = await tx.execute(sql`select 1 from tenants where id = ${entry.tenantId}`);
      if (tenant.rows.length === 0) return;
      const added = await tx
        .insert(erasureLedger)
        .values({ ...entry, erasedAt: new Date(entry.erasedAt) })
        .onConflictDoNothing()
        .returning({ id: erasureLedger.id });
      result.ledgerRowsAdded += added.length;
      const [existing] = await tx
        .select({ id: candidates.id })
        .from(candidates)
        .where(and(eq(candidates.tenantId, entry.tenantId), eq(candidates.id, entry.candidateId)))
        .for('update');
      const { identifiers, ...counts } = await removeCandidateData(tx, { tenantId: entry.tenantId, candidateId: entry.candidateId });
      const removedRows =
        Object.entries(counts.postgres)
          .filter(([table]) => table !== 'outbox')
          .reduce((sum, [, n]) => sum + n, 0) +
        counts.mailLog.tombstoned +
        counts.jobs.pgboss;
      if (existing) {
        result.peopleErasedAgain += 1;
        await audit(tx, deps.clock, {
          principal: { tenantId: entry.tenantId, userId: null },
          action: 'candidate.erase',
          subjectType: 'candidate',
          subjectId: entry.candidateId,
          reason: `replay: ${entry.reason}`,
          details: { counts, replayOf: entry.id },
        });
      } else if (removedRows > 0) {
        result.residuesCleared += 1;
      }
      touched.push({ tenantId: entry.tenantId, candidateId: entry.candidateId, identifiers });
    });
  }
  result.searchIndex = (await afterErasure(deps, touched)).searchIndex;
  return result;
}
