import { and, asc, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import {
  candidateConsents,
  candidateContacts,
  candidates,
  employers,
  placementCheckIns,
  placementFollowUpEntries,
  placementFollowUps,
  placements,
  shortlistCandidates,
  users,
  vacancies,
} from '../../db/schema/index.js';
import type { Scope } from '../auth/scope.js';

export type PlacementRow = typeof placements.$inferSelect;
export type PlacementInsert = typeof placements.$inferInsert;
export type FollowUpRow = typeof placementFollowUps.$inferSelect;
export type FollowUpEntryRow = typeof placementFollowUpEntries.$inferSelect;
export type CheckInRow = typeof placementCheckIns.$inferSelect;

/** Staff see every placement of their tenant; employer users only their own employer's. */
function placementScope(scope: Scope): SQL {
  return and(eq(placements.tenantId, scope.tenantId), scope.employerId ? eq(placements.employerId, scope.employerId) : undefined)!;
}

export function placementRepository(db: Executor) {
  const withContext = () =>
    db
      .select({
        placement: placements,
        vacancyTitle: vacancies.title,
        employerName: employers.name,
        reference: candidates.reference,
        givenName: candidateContacts.givenName,
        familyName: candidateContacts.familyName,
        shortlistId: shortlistCandidates.shortlistId,
      })
      .from(placements)
      .innerJoin(vacancies, and(eq(vacancies.tenantId, placements.tenantId), eq(vacancies.id, placements.vacancyId)))
      .innerJoin(employers, and(eq(employers.tenantId, placements.tenantId), eq(employers.id, placements.employerId)))
      .innerJoin(candidates, and(eq(candidates.tenantId, placements.tenantId), eq(candidates.id, placements.candidateId)))
      .innerJoin(candidateContacts, and(eq(candidateContacts.tenantId, placements.tenantId), eq(candidateContacts.candidateId, placements.candidateId)))
      .leftJoin(shortlistCandidates, and(eq(shortlistCandidates.tenantId, placements.tenantId), eq(shortlistCandidates.id, placements.shortlistCandidateId)));

  return {
    async find({ scope, id, forUpdate = false }: { scope: Scope; id: string; forUpdate?: boolean }) {
      const query = withContext()
        .where(and(placementScope(scope), eq(placements.id, id)))
        .limit(1);
      const [row] = forUpdate ? await query.for('update', { of: placements }) : await query;
      return row;
    },

    async list({
      scope,
      candidateId,
      vacancyId,
      status,
      beforeId,
      limit,
    }: {
      scope: Scope;
      candidateId?: string;
      vacancyId?: string;
      status?: string;
      beforeId?: string;
      limit: number;
    }) {
      return db
        .select({ placement: placements, vacancyTitle: vacancies.title, employerName: employers.name })
        .from(placements)
        .innerJoin(vacancies, and(eq(vacancies.tenantId, placements.tenantId), eq(vacancies.id, placements.vacancyId)))
        .innerJoin(employers, and(eq(employers.tenantId, placements.tenantId), eq(employers.id, placements.employerId)))
        .where(
          and(
            placementScope(scope),
            candidateId ? eq(placements.candidateId, candidateId) : undefined,
            vacancyId ? eq(placements.vacancyId, vacancyId) : undefined,
            status ? eq(placements.status, status) : undefined,
            beforeId ? sql`${placements.id} < ${beforeId}` : undefined,
          ),
        )
        .orderBy(desc(placements.id))
        .limit(limit);
    },

    async activeFor({ tenantId, candidateId, vacancyId }: { tenantId: string; candidateId: string; vacancyId: string }) {
      const [row] = await db
        .select({ id: placements.id })
        .from(placements)
        .where(
          and(eq(placements.tenantId, tenantId), eq(placements.candidateId, candidateId), eq(placements.vacancyId, vacancyId), eq(placements.status, 'active')),
        )
        .limit(1);
      return row;
    },

    /** Whether the person still works in another placement that runs. */
    async otherActive({ tenantId, candidateId, exceptId }: { tenantId: string; candidateId: string; exceptId: string }) {
      const [row] = await db
        .select({ id: placements.id })
        .from(placements)
        .where(
          and(
            eq(placements.tenantId, tenantId),
            eq(placements.candidateId, candidateId),
            eq(placements.status, 'active'),
            sql`${placements.id} <> ${exceptId}`,
          ),
        )
        .limit(1);
      return row;
    },

    async insert(values: PlacementInsert): Promise<PlacementRow> {
      const [row] = await db.insert(placements).values(values).returning();
      return row!;
    },

    async update({ tenantId, id, values }: { tenantId: string; id: string; values: Partial<PlacementInsert> }) {
      await db
        .update(placements)
        .set(values)
        .where(and(eq(placements.tenantId, tenantId), eq(placements.id, id)));
    },

    async insertFollowUps(values: Array<typeof placementFollowUps.$inferInsert>) {
      await db.insert(placementFollowUps).values(values);
    },

    async followUps({ tenantId, placementId }: { tenantId: string; placementId: string }) {
      return db
        .select({ followUp: placementFollowUps, recorderName: users.name })
        .from(placementFollowUps)
        .leftJoin(users, and(eq(users.tenantId, placementFollowUps.tenantId), eq(users.id, placementFollowUps.recordedBy)))
        .where(and(eq(placementFollowUps.tenantId, tenantId), eq(placementFollowUps.placementId, placementId)))
        .orderBy(asc(placementFollowUps.monthMark));
    },

    async updateFollowUp({
      tenantId,
      placementId,
      monthMark,
      values,
    }: {
      tenantId: string;
      placementId: string;
      monthMark: number;
      values: Partial<typeof placementFollowUps.$inferInsert>;
    }) {
      const [row] = await db
        .update(placementFollowUps)
        .set(values)
        .where(and(eq(placementFollowUps.tenantId, tenantId), eq(placementFollowUps.placementId, placementId), eq(placementFollowUps.monthMark, monthMark)))
        .returning();
      return row;
    },

    async insertEntry(values: typeof placementFollowUpEntries.$inferInsert) {
      await db.insert(placementFollowUpEntries).values(values);
    },

    /** Every recorded outcome of a placement's follow-ups, oldest first, with the recorder's name. */
    async entries({ tenantId, placementId }: { tenantId: string; placementId: string }) {
      return db
        .select({ entry: placementFollowUpEntries, recorderName: users.name })
        .from(placementFollowUpEntries)
        .leftJoin(users, and(eq(users.tenantId, placementFollowUpEntries.tenantId), eq(users.id, placementFollowUpEntries.recordedBy)))
        .where(and(eq(placementFollowUpEntries.tenantId, tenantId), eq(placementFollowUpEntries.placementId, placementId)))
        .orderBy(asc(placementFollowUpEntries.recordedAt), asc(placementFollowUpEntries.id));
    },
    /**
     * The employer's hires (issue 15.5), newest first: the work agreed and the name only while the
     * person's consent to disclose it is active, as on the employer's shortlists (REQUIREMENTS A3).
     */
    async employerHires({ tenantId, employerId, id, now, limit }: { tenantId: string; employerId: string; id?: string; now: Date; limit: number }) {
      const identity = sql<boolean>`exists (select 1 from ${candidateConsents} c
        where c.tenant_id = ${placements.tenantId} and c.candidate_id = ${placements.candidateId}
          and c.purpose = 'disclose_identity' and c.withdrawn_at is null and (c.expires_at is null or c.expires_at > ${now.toISOString()}))`;
      return db
        .select({ placement: placements, vacancyTitle: vacancies.title, givenName: candidateContacts.givenName, familyName: candidateContacts.familyName })
        .from(placements)
        .innerJoin(vacancies, and(eq(vacancies.tenantId, placements.tenantId), eq(vacancies.id, placements.vacancyId)))
        .leftJoin(
          candidateContacts,
          and(eq(candidateContacts.tenantId, placements.tenantId), eq(candidateContacts.candidateId, placements.candidateId), identity),
        )
        .where(and(eq(placements.tenantId, tenantId), eq(placements.employerId, employerId), id ? eq(placements.id, id) : undefined))
        .orderBy(desc(placements.id))
        .limit(limit);
    },

    /** The follow-up moments of these placements (their dates; the outcomes are staff's). */
    async followUpDates({ tenantId, placementIds }: { tenantId: string; placementIds: string[] }) {
      if (placementIds.length === 0) return [];
      return db
        .select({ placementId: placementFollowUps.placementId, monthMark: placementFollowUps.monthMark, dueOn: placementFollowUps.dueOn })
        .from(placementFollowUps)
        .where(and(eq(placementFollowUps.tenantId, tenantId), inArray(placementFollowUps.placementId, placementIds)))
        .orderBy(asc(placementFollowUps.monthMark));
    },

    async checkIns({ tenantId, placementIds }: { tenantId: string; placementIds: string[] }): Promise<CheckInRow[]> {
      if (placementIds.length === 0) return [];
      return db
        .select()
        .from(placementCheckIns)
        .where(and(eq(placementCheckIns.tenantId, tenantId), inArray(placementCheckIns.placementId, placementIds)))
        .orderBy(asc(placementCheckIns.monthMark));
    },

    /** Inserts a check-in; nothing (undefined) when this month's check-in was given already. */
    async insertCheckIn(values: typeof placementCheckIns.$inferInsert): Promise<CheckInRow | undefined> {
      const [row] = await db.insert(placementCheckIns).values(values).onConflictDoNothing().returning();
      return row;
    },
  };
}
