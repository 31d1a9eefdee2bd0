import { and, asc, desc, eq, inArray, isNotNull, isNull, max, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Executor } from '../../db/client.js';
import {
  candidateConsents,
  candidateContacts,
  candidateProfiles,
  candidates,
  employerFeedback,
  employerLocations,
  employers,
  matchRuns,
  shortlistCandidates,
  shortlists,
  users,
  vacancies,
} from '../../db/schema/index.js';
import type { Scope } from '../auth/scope.js';

export type ShortlistRow = typeof shortlists.$inferSelect;
export type ShortlistInsert = typeof shortlists.$inferInsert;
export type EntryRow = typeof shortlistCandidates.$inferSelect;
export type EntryInsert = typeof shortlistCandidates.$inferInsert;
export type FeedbackRow = typeof employerFeedback.$inferSelect;

/** An active consent for a purpose at `now`: given, not withdrawn, not expired. */
function consentActive(purpose: string, now: Date): SQL<boolean> {
  return sql<boolean>`exists (select 1 from ${candidateConsents} c
    where c.tenant_id = ${shortlistCandidates.tenantId} and c.candidate_id = ${shortlistCandidates.candidateId}
      and c.purpose = ${purpose} and c.withdrawn_at is null and (c.expires_at is null or c.expires_at > ${now.toISOString()}))`;
}

/**
 * Staff see every shortlist of their tenant; employer users only their own employer's shortlists
 * that were sent. Everything else is "not found".
 */
function shortlistScope(scope: Scope): SQL {
  return and(
    eq(shortlists.tenantId, scope.tenantId),
    scope.employerId ? eq(shortlists.employerId, scope.employerId) : undefined,
    scope.employerId ? isNotNull(shortlists.sentAt) : undefined,
  )!;
}

/** Entries an employer may see: shared, still on the list, and the person's consent to share still active. */
function visibleToEmployer(now: Date): SQL {
  return and(
    isNotNull(shortlistCandidates.sharedAt),
    isNull(shortlistCandidates.removedAt),
    isNotNull(shortlistCandidates.employerView),
    consentActive('share_with_employers', now),
  )!;
}

export function shortlistRepository(db: Executor) {
  const withContext = () =>
    db
      .select({ shortlist: shortlists, vacancyTitle: vacancies.title, vacancyStatus: vacancies.status, employerName: employers.name })
      .from(shortlists)
      .innerJoin(vacancies, and(eq(vacancies.tenantId, shortlists.tenantId), eq(vacancies.id, shortlists.vacancyId)))
      .innerJoin(employers, and(eq(employers.tenantId, shortlists.tenantId), eq(employers.id, shortlists.employerId)));

  return {
    async find({ scope, id, forUpdate = false }: { scope: Scope; id: string; forUpdate?: boolean }) {
      const query = withContext()
        .where(and(shortlistScope(scope), eq(shortlists.id, id)))
        .limit(1);
      const [row] = forUpdate ? await query.for('update', { of: shortlists }) : await query;
      return row;
    },

    async list({
      scope,
      vacancyId,
      status,
      beforeId,
      limit,
      now,
    }: {
      scope: Scope;
      vacancyId?: string;
      status?: string;
      beforeId?: string;
      limit: number;
      now: Date;
    }) {
      // Employers count what they can see; staff count who is still on the list.
      const counted = scope.employerId ? visibleToEmployer(now) : isNull(shortlistCandidates.removedAt);
      return db
        .select({
          shortlist: shortlists,
          vacancyTitle: vacancies.title,
          candidates: sql<number>`(select count(*)::int from ${shortlistCandidates}
            where ${shortlistCandidates.tenantId} = ${shortlists.tenantId} and ${shortlistCandidates.shortlistId} = ${shortlists.id} and ${counted})`,
        })
        .from(shortlists)
        .innerJoin(vacancies, and(eq(vacancies.tenantId, shortlists.tenantId), eq(vacancies.id, shortlists.vacancyId)))
        .where(
          and(
            shortlistScope(scope),
            vacancyId ? eq(shortlists.vacancyId, vacancyId) : undefined,
            status ? eq(shortlists.status, status) : undefined,
            beforeId ? sql`${shortlists.id} < ${beforeId}` : undefined,
          ),
        )
        .orderBy(desc(shortlists.id))
        .limit(limit);
    },

    /**
     * Vacancies of an employer with a shortlist that staff are still putting together (a draft,
     * not sent): the employer may know one is coming, not who is on it.
     */
    async vacanciesPreparing({ tenantId, employerId }: { tenantId: string; employerId: string }): Promise<string[]> {
      const rows = await db
        .selectDistinct({ vacancyId: shortlists.vacancyId })
        .from(shortlists)
        .where(and(eq(shortlists.tenantId, tenantId), eq(shortlists.employerId, employerId), eq(shortlists.status, 'draft'), isNull(shortlists.sentAt)));
      return rows.map((row) => row.vacancyId);
    },

    async insert(values: ShortlistInsert): Promise<ShortlistRow> {
      const [row] = await db.insert(shortlists).values(values).returning();
      return row!;
    },

    async update({ tenantId, id, values }: { tenantId: string; id: string; values: Partial<ShortlistInsert> }) {
      await db
        .update(shortlists)
        .set(values)
        .where(and(eq(shortlists.tenantId, tenantId), eq(shortlists.id, id)));
    },

    /** The vacancy with what instruments and travel need: its location's point and the employer's sector. */
    async vacancyContext({ tenantId, id }: { tenantId: string; id: string }) {
      const [row] = await db
        .select({ vacancy: vacancies, latitude: employerLocations.latitude, longitude: employerLocations.longitude, sector: employers.sector })
        .from(vacancies)
        .innerJoin(employerLocations, and(eq(employerLocations.tenantId, vacancies.tenantId), eq(employerLocations.id, vacancies.locationId)))
        .innerJoin(employers, and(eq(employers.tenantId, vacancies.tenantId), eq(employers.id, vacancies.employerId)))
        .where(and(eq(vacancies.tenantId, tenantId), eq(vacancies.id, id)))
        .limit(1);
      return row;
    },

    /** Every entry with what staff need to curate it; `candidateId` narrows to one. */
    async staffEntries({ tenantId, shortlistId, candidateId, now }: { tenantId: string; shortlistId: string; candidateId?: string; now: Date }) {
      const approver = alias(users, 'approver');
      const overrider = alias(users, 'overrider');
      return db
        .select({
          entry: shortlistCandidates,
          reference: candidates.reference,
          candidateStatus: candidates.status,
          givenName: candidateContacts.givenName,
          familyName: candidateContacts.familyName,
          approverName: approver.name,
          overriderName: overrider.name,
          shareConsent: consentActive('share_with_employers', now),
          identityConsent: consentActive('disclose_identity', now),
          instrumentConsent: consentActive('share_instrument_eligibility', now),
        })
        .from(shortlistCandidates)
        .innerJoin(candidates, and(eq(candidates.tenantId, shortlistCandidates.tenantId), eq(candidates.id, shortlistCandidates.candidateId)))
        .innerJoin(
          candidateContacts,
          and(eq(candidateContacts.tenantId, shortlistCandidates.tenantId), eq(candidateContacts.candidateId, shortlistCandidates.candidateId)),
        )
        .leftJoin(approver, and(eq(approver.tenantId, shortlistCandidates.tenantId), eq(approver.id, shortlistCandidates.approvedBy)))
        .leftJoin(overrider, and(eq(overrider.tenantId, shortlistCandidates.tenantId), eq(overrider.id, shortlistCandidates.pitchOverrideBy)))
        .where(
          and(
            eq(shortlistCandidates.tenantId, tenantId),
            eq(shortlistCandidates.shortlistId, shortlistId),
            candidateId ? eq(shortlistCandidates.candidateId, candidateId) : undefined,
          ),
        )
        .orderBy(asc(shortlistCandidates.position), asc(shortlistCandidates.id));
    },

    /**
     * What the employer may see. Name and phone are joined only while the person's consent to
     * disclose them is active, so contact data does not even leave the database otherwise.
     */
    async employerEntries({ tenantId, shortlistId, now }: { tenantId: string; shortlistId: string; now: Date }) {
      const identity = consentActive('disclose_identity', now);
      return db
        .select({
          entry: shortlistCandidates,
          givenName: candidateContacts.givenName,
          familyName: candidateContacts.familyName,
          phone: candidateContacts.phone,
          // Issue 11.11: instruments that disclose a protected fact are shown only with this consent.
          instrumentConsent: consentActive('share_instrument_eligibility', now),
        })
        .from(shortlistCandidates)
        .leftJoin(
          candidateContacts,
          and(eq(candidateContacts.tenantId, shortlistCandidates.tenantId), eq(candidateContacts.candidateId, shortlistCandidates.candidateId), identity),
        )
        .where(and(eq(shortlistCandidates.tenantId, tenantId), eq(shortlistCandidates.shortlistId, shortlistId), visibleToEmployer(now)))
        .orderBy(asc(shortlistCandidates.position), asc(shortlistCandidates.id));
    },

    async findEntry({
      tenantId,
      shortlistId,
      candidateId,
      forUpdate = false,
    }: {
      tenantId: string;
      shortlistId: string;
      candidateId: string;
      forUpdate?: boolean;
    }) {
      const query = db
        .select()
        .from(shortlistCandidates)
        .where(
          and(eq(shortlistCandidates.tenantId, tenantId), eq(shortlistCandidates.shortlistId, shortlistId), eq(shortlistCandidates.candidateId, candidateId)),
        )
        .limit(1);
      const [row] = forUpdate ? await query.for('update') : await query;
      return row;
    },

    /** One entry as the employer may see it, or nothing. */
    async findEmployerEntry({ tenantId, shortlistId, candidateId, now }: { tenantId: string; shortlistId: string; candidateId: string; now: Date }) {
      const [row] = await db
        .select()
        .from(shortlistCandidates)
        .where(
          and(
            eq(shortlistCandidates.tenantId, tenantId),
            eq(shortlistCandidates.shortlistId, shortlistId),
            eq(shortlistCandidates.candidateId, candidateId),
            visibleToEmployer(now),
          ),
        )
        .limit(1);
      return row;
    },

    async lastPosition({ tenantId, shortlistId }: { tenantId: string; shortlistId: string }): Promise<number> {
      const [row] = await db
        .select({ last: max(shortlistCandidates.position) })
        .from(shortlistCandidates)
        .where(and(eq(shortlistCandidates.tenantId, tenantId), eq(shortlistCandidates.shortlistId, shortlistId)));
      return row?.last ?? 0;
    },

    async insertEntry(values: EntryInsert): Promise<EntryRow> {
      const [row] = await db.insert(shortlistCandidates).values(values).returning();
      return row!;
    },

    async updateEntry({ tenantId, id, values }: { tenantId: string; id: string; values: Partial<EntryInsert> }) {
      await db
        .update(shortlistCandidates)
        .set(values)
        .where(and(eq(shortlistCandidates.tenantId, tenantId), eq(shortlistCandidates.id, id)));
    },

    /** What the instruments and the employer view are built from. Only the date of birth of the contact record. */
    async candidateFacts({ tenantId, candidateId }: { tenantId: string; candidateId: string }) {
      const [row] = await db
        .select({
          candidate: candidates,
          profile: candidateProfiles,
          dateOfBirth: candidateContacts.dateOfBirth,
        })
        .from(candidates)
        .innerJoin(candidateContacts, and(eq(candidateContacts.tenantId, candidates.tenantId), eq(candidateContacts.candidateId, candidates.id)))
        .leftJoin(candidateProfiles, and(eq(candidateProfiles.tenantId, candidates.tenantId), eq(candidateProfiles.candidateId, candidates.id)))
        .where(and(eq(candidates.tenantId, tenantId), eq(candidates.id, candidateId)))
        .limit(1);
      return row;
    },

    async matchRun({ tenantId, id }: { tenantId: string; id: string }) {
      const [row] = await db
        .select({ kind: matchRuns.kind, subjectId: matchRuns.subjectId, results: matchRuns.results })
        .from(matchRuns)
        .where(and(eq(matchRuns.tenantId, tenantId), eq(matchRuns.id, id)))
        .limit(1);
      return row;
    },

    async insertFeedback(values: typeof employerFeedback.$inferInsert): Promise<FeedbackRow> {
      const [row] = await db.insert(employerFeedback).values(values).returning();
      return row!;
    },

    /** The latest feedback per entry, with who gave it. */
    async latestFeedback({ tenantId, entryIds }: { tenantId: string; entryIds: string[] }) {
      if (entryIds.length === 0) return [];
      return db
        .selectDistinctOn([employerFeedback.shortlistCandidateId], { feedback: employerFeedback, giverName: users.name })
        .from(employerFeedback)
        .innerJoin(users, and(eq(users.tenantId, employerFeedback.tenantId), eq(users.id, employerFeedback.givenBy)))
        .where(and(eq(employerFeedback.tenantId, tenantId), inArray(employerFeedback.shortlistCandidateId, entryIds)))
        .orderBy(employerFeedback.shortlistCandidateId, desc(employerFeedback.givenAt), desc(employerFeedback.id));
    },

    async flaggedFeedback({ tenantId, beforeId, limit }: { tenantId: string; beforeId?: string; limit: number }) {
      return db
        .select({
          feedback: employerFeedback,
          shortlistId: shortlists.id,
          vacancyId: vacancies.id,
          vacancyTitle: vacancies.title,
          employerId: employers.id,
          employerName: employers.name,
          candidateId: candidates.id,
          reference: candidates.reference,
          giverName: users.name,
        })
        .from(employerFeedback)
        .innerJoin(
          shortlistCandidates,
          and(eq(shortlistCandidates.tenantId, employerFeedback.tenantId), eq(shortlistCandidates.id, employerFeedback.shortlistCandidateId)),
        )
        .innerJoin(shortlists, and(eq(shortlists.tenantId, shortlistCandidates.tenantId), eq(shortlists.id, shortlistCandidates.shortlistId)))
        .innerJoin(vacancies, and(eq(vacancies.tenantId, shortlists.tenantId), eq(vacancies.id, shortlists.vacancyId)))
        .innerJoin(employers, and(eq(employers.tenantId, shortlists.tenantId), eq(employers.id, shortlists.employerId)))
        .innerJoin(candidates, and(eq(candidates.tenantId, shortlistCandidates.tenantId), eq(candidates.id, shortlistCandidates.candidateId)))
        .innerJoin(users, and(eq(users.tenantId, employerFeedback.tenantId), eq(users.id, employerFeedback.givenBy)))
        .where(
          and(
            eq(employerFeedback.tenantId, tenantId),
            eq(employerFeedback.protectedGroundFlag, true),
            beforeId ? sql`${employerFeedback.id} < ${beforeId}` : undefined,
          ),
        )
        .orderBy(desc(employerFeedback.id))
        .limit(limit);
    },
  };
}
