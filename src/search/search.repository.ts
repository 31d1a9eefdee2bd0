import { and, asc, eq, gt, inArray, sql, type SQL } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';
import type { Executor } from '../../db/client.js';
import {
  candidateContacts,
  candidateProfiles,
  candidates,
  employerLocations,
  employers,
  outbox,
  postcodeAreas,
  tenants,
  users,
  vacancies,
} from '../../db/schema/index.js';
import { TOPIC_OF, type CandidateSource, type SearchKind, type VacancySource } from '../../search/search-documents.js';

/** One outbox row as the drain sees it. */
export type OutboxEntry = { tenantId: string; seq: number; topic: string; entityId: string; operation: string; attempts: number };
/** An outbox row's whole key. */
export type OutboxKey = Pick<OutboxEntry, 'tenantId' | 'seq'>;

/** Rows by their whole key `(tenant_id, seq)`: distributed by tenant (docs/scaling.md), each goes to its tenant's shard. */
function byOutboxKeys(rows: readonly OutboxKey[]): SQL {
  return sql`(${outbox.tenantId}, ${outbox.seq}) in (${sql.join(
    rows.map((row) => sql`(${row.tenantId}::uuid, ${row.seq}::bigint)`),
    sql`, `,
  )})`;
}

/** Selects a page of rows by id (for the outbox) or after an id (for a rebuild), always within one tenant. */
function page(idColumn: PgColumn, { ids, afterId }: { ids?: readonly string[]; afterId?: string }): SQL | undefined {
  if (ids) return inArray(idColumn, [...ids]);
  return afterId ? gt(idColumn, afterId) : undefined;
}

/**
 * What the search indexes are built from, and the outbox that keeps them in step. Only the columns
 * a search document holds are read: contact data beyond the name, barriers and assessments never
 * (experience is read whole; the document keeps only the titles of the kinds it indexes).
 */
export function searchRepository(db: Executor) {
  return {
    async candidateSources({
      tenantId,
      ids,
      afterId,
      limit,
    }: {
      tenantId: string;
      ids?: readonly string[];
      afterId?: string;
      limit: number;
    }): Promise<CandidateSource[]> {
      if (ids && ids.length === 0) return [];
      return db
        .select({
          id: candidates.id,
          reference: candidates.reference,
          status: candidates.status,
          givenName: candidateContacts.givenName,
          familyName: candidateContacts.familyName,
          accountManagerId: candidates.accountManagerId,
          accountManagerName: users.name,
          municipality: candidates.municipality,
          updatedAt: candidates.updatedAt,
          workWishes: candidateProfiles.workWishes,
          competencies: candidateProfiles.competencies,
          availability: candidateProfiles.availability,
          hoursNow: candidateProfiles.hoursNow,
          hoursTarget: candidateProfiles.hoursTarget,
          mobility: candidateProfiles.mobility,
          certificates: candidateProfiles.certificates,
          experience: candidateProfiles.experience,
        })
        .from(candidates)
        .innerJoin(candidateContacts, and(eq(candidateContacts.tenantId, candidates.tenantId), eq(candidateContacts.candidateId, candidates.id)))
        .leftJoin(users, and(eq(users.tenantId, candidates.tenantId), eq(users.id, candidates.accountManagerId)))
        .leftJoin(candidateProfiles, and(eq(candidateProfiles.tenantId, candidates.tenantId), eq(candidateProfiles.candidateId, candidates.id)))
        .where(and(eq(candidates.tenantId, tenantId), page(candidates.id, { ids, afterId })))
        .orderBy(asc(candidates.id))
        .limit(limit);
    },

    async vacancySources({
      tenantId,
      ids,
      afterId,
      limit,
    }: {
      tenantId: string;
      ids?: readonly string[];
      afterId?: string;
      limit: number;
    }): Promise<VacancySource[]> {
      if (ids && ids.length === 0) return [];
      return db
        .select({
          id: vacancies.id,
          title: vacancies.title,
          occupationUri: vacancies.occupationUri,
          employerId: vacancies.employerId,
          employerName: employers.name,
          sector: employers.sector,
          city: employerLocations.city,
          municipality: postcodeAreas.municipality,
          status: vacancies.status,
          dayParts: vacancies.dayParts,
          nightWork: vacancies.nightWork,
          weekendWork: vacancies.weekendWork,
          hoursMin: vacancies.hoursMin,
          hoursMax: vacancies.hoursMax,
          rampUpFromHours: vacancies.rampUpFromHours,
          contractType: vacancies.contractType,
          positions: vacancies.positions,
          startDate: vacancies.startDate,
          competencies: vacancies.competencies,
          supportOffered: vacancies.supportOffered,
          updatedAt: vacancies.updatedAt,
        })
        .from(vacancies)
        .innerJoin(employers, and(eq(employers.tenantId, vacancies.tenantId), eq(employers.id, vacancies.employerId)))
        .innerJoin(employerLocations, and(eq(employerLocations.tenantId, vacancies.tenantId), eq(employerLocations.id, vacancies.locationId)))
        .leftJoin(postcodeAreas, eq(postcodeAreas.postcode4, employerLocations.postcode4))
        .where(and(eq(vacancies.tenantId, tenantId), page(vacancies.id, { ids, afterId })))
        .orderBy(asc(vacancies.id))
        .limit(limit);
    },

    /**
     * Which of these ids exist in the tenant: the access check of every search hit. A named prepared
     * statement, since every search runs it: Postgres parses and plans it once per connection.
     */
    async existingIds(kind: SearchKind, { tenantId, ids }: { tenantId: string; ids: readonly string[] }): Promise<Set<string>> {
      if (ids.length === 0) return new Set();
      const table = kind === 'candidates' ? candidates : vacancies;
      const rows = await db
        .select({ id: table.id })
        .from(table)
        .where(and(eq(table.tenantId, sql.placeholder('tenantId')), sql`${table.id} = any(${sql.placeholder('ids')}::uuid[])`))
        .prepare(`search_existing_${kind}`)
        .execute({ tenantId, ids: [...ids] });
      return new Set(rows.map((row) => row.id));
    },

    async count(kind: SearchKind, tenantId: string): Promise<number> {
      const table = kind === 'candidates' ? candidates : vacancies;
      const [row] = await db
        .select({ n: sql<number>`count(*)::int` })
        .from(table)
        .where(eq(table.tenantId, tenantId));
      return row?.n ?? 0;
    },

    async tenants(): Promise<Array<{ id: string; slug: string }>> {
      return db.select({ id: tenants.id, slug: tenants.slug }).from(tenants).orderBy(asc(tenants.slug));
    },

    async tenantBySlug(slug: string): Promise<{ id: string; slug: string } | undefined> {
      const [row] = await db.select({ id: tenants.id, slug: tenants.slug }).from(tenants).where(eq(tenants.slug, slug)).limit(1);
      return row;
    },

    /** Names of staff users, for the account-manager facet. */
    async userNames({ tenantId, ids }: { tenantId: string; ids: readonly string[] }): Promise<Map<string, string>> {
      if (ids.length === 0) return new Map();
      const rows = await db
        .select({ id: users.id, name: users.name })
        .from(users)
        .where(and(eq(users.tenantId, tenantId), inArray(users.id, [...ids])));
      return new Map(rows.map((row) => [row.id, row.name]));
    },

    /** Names of employers, for the employer facet. */
    async employerNames({ tenantId, ids }: { tenantId: string; ids: readonly string[] }): Promise<Map<string, string>> {
      if (ids.length === 0) return new Map();
      const rows = await db
        .select({ id: employers.id, name: employers.name })
        .from(employers)
        .where(and(eq(employers.tenantId, tenantId), inArray(employers.id, [...ids])));
      return new Map(rows.map((row) => [row.id, row.name]));
    },

    async vacancyIdsOfEmployer({ tenantId, employerId }: { tenantId: string; employerId: string }): Promise<string[]> {
      const rows = await db
        .select({ id: vacancies.id })
        .from(vacancies)
        .where(and(eq(vacancies.tenantId, tenantId), eq(vacancies.employerId, employerId)));
      return rows.map((row) => row.id);
    },

    /**
     * The entities of an index whose outbox rows are pending or were processed since `since`, and
     * whether any of them was a delete: what a rebuild applies again to the new index.
     */
    async outboxEntitiesSince({
      tenantId,
      kind,
      since,
    }: {
      tenantId: string;
      kind: SearchKind;
      since: Date;
    }): Promise<Array<{ entityId: string; deleted: boolean }>> {
      const result = await db.execute<{ entity_id: string; deleted: boolean }>(sql`
        select entity_id, bool_or(operation = 'delete') as deleted from ${outbox}
        where tenant_id = ${tenantId} and topic = ${TOPIC_OF[kind]}
          and (processed_at is null or processed_at >= ${since.toISOString()}::timestamptz)
        group by entity_id`);
      return result.rows.map((row) => ({ entityId: row.entity_id, deleted: row.deleted }));
    },

    /** The database's clock, so that every process compares outbox times on one clock. */
    async now(): Promise<Date> {
      const result = await db.execute<{ now: Date | string }>(sql`select clock_timestamp() as now`);
      return new Date(result.rows[0]!.now);
    },

    /**
     * Claims due outbox rows, oldest first, by leasing them for `leaseSeconds`: a worker that dies
     * mid-batch leaves them to the next one after the lease. SKIP LOCKED lets workers run side by side.
     */
    async claimOutbox({ limit, maxAttempts, leaseSeconds }: { limit: number; maxAttempts: number; leaseSeconds: number }): Promise<OutboxEntry[]> {
      const result = await db.execute<{ tenant_id: string; seq: number; topic: string; entity_id: string; operation: string; attempts: number }>(sql`
        update ${outbox} set available_at = now() + make_interval(secs => ${leaseSeconds})
        where (tenant_id, seq) in (
          select tenant_id, seq from ${outbox}
          where processed_at is null and available_at <= now() and attempts < ${maxAttempts}
          order by seq
          limit ${limit}
          for update skip locked
        )
        returning tenant_id, seq, topic, entity_id, operation, attempts`);
      return result.rows
        .map((row) => ({
          tenantId: row.tenant_id,
          seq: Number(row.seq),
          topic: row.topic,
          entityId: row.entity_id,
          operation: row.operation,
          attempts: row.attempts,
        }))
        .sort((a, b) => a.seq - b.seq);
    },

    async completeOutbox(rows: readonly OutboxKey[]): Promise<void> {
      if (rows.length === 0) return;
      await db
        .update(outbox)
        .set({ processedAt: sql`now()`, lastError: null })
        .where(byOutboxKeys(rows));
    },

    /**
     * Records a failed attempt and when to try again: `baseSeconds · 2^(attempts-1)`, at most `capSeconds`.
     * With `countAttempt: false` (the search server was unreachable: no fault of the rows) the
     * attempt is not counted and the rows are simply retried after `baseSeconds`.
     */
    async failOutbox(
      rows: readonly OutboxKey[],
      { error, countAttempt, baseSeconds, capSeconds }: { error: string; countAttempt: boolean; baseSeconds: number; capSeconds: number },
    ): Promise<Array<{ tenantId: string; seq: number; topic: string; entityId: string; attempts: number }>> {
      if (rows.length === 0) return [];
      const attempts = countAttempt ? sql`${outbox.attempts} + 1` : sql`${outbox.attempts}`;
      const delay = countAttempt
        ? sql`least(${capSeconds}::double precision, ${baseSeconds}::double precision * power(2, ${outbox.attempts}))`
        : sql`${baseSeconds}::double precision`;
      return db
        .update(outbox)
        .set({ attempts, lastError: error.slice(0, 2000), availableAt: sql`now() + make_interval(secs => ${delay})` })
        .where(byOutboxKeys(rows))
        .returning({ tenantId: outbox.tenantId, seq: outbox.seq, topic: outbox.topic, entityId: outbox.entityId, attempts: outbox.attempts });
    },

    /** Pending rows, dead letters (attempts used up) and the age of the oldest pending row. */
    async outboxStats({ maxAttempts }: { maxAttempts: number }): Promise<{ pending: number; deadLetters: number; oldestPendingSeconds: number | null }> {
      const result = await db.execute<{ pending: number; dead: number; oldest: number | null }>(sql`
        select
          count(*) filter (where attempts < ${maxAttempts})::int as pending,
          count(*) filter (where attempts >= ${maxAttempts})::int as dead,
          extract(epoch from now() - min(created_at) filter (where attempts < ${maxAttempts}))::float8 as oldest
        from ${outbox} where processed_at is null`);
      const row = result.rows[0]!;
      return { pending: row.pending, deadLetters: row.dead, oldestPendingSeconds: row.oldest === null ? null : Number(row.oldest) };
    },

    /** Gives dead-lettered rows a fresh set of attempts (after the cause was fixed). */
    async retryDeadLetters({ maxAttempts }: { maxAttempts: number }): Promise<number> {
      const rows = await db
        .update(outbox)
        .set({ attempts: 0, availableAt: sql`now()` })
        .where(and(sql`${outbox.processedAt} is null`, sql`${outbox.attempts} >= ${maxAttempts}`))
        .returning({ seq: outbox.seq });
      return rows.length;
    },

    /** Removes rows processed more than `days` ago: the outbox is a queue, not a history. */
    async purgeProcessedOutbox({ days }: { days: number }): Promise<number> {
      const rows = await db
        .delete(outbox)
        .where(sql`${outbox.processedAt} < now() - make_interval(days => ${days})`)
        .returning({ seq: outbox.seq });
      return rows.length;
    },
  };
}
