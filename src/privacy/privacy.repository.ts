import { and, asc, desc, eq, inArray, or, sql } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';
import type { Executor } from '../../db/client.js';
import {
  auditLog,
  candidateAssessments,
  candidateAuditAttributes,
  candidateBarriers,
  candidateConsents,
  candidateContacts,
  candidateHistory,
  candidateHouseholds,
  discussedVacancies,
  profileChangeProposals,
  candidateProfiles,
  candidates,
  employerFeedback,
  employers,
  intakeDrafts,
  intakes,
  mailLog,
  matchRuns,
  placementCheckIns,
  placementFollowUps,
  placements,
  shortlistCandidates,
  shortlists,
  vacancies,
} from '../../db/schema/index.js';
import { emailHash } from '../mail/addresses.js';
import { runInputsWithStored } from '../matching/matching.repository.js';

export type AuditAttributesRow = typeof candidateAuditAttributes.$inferSelect;

/** Everything stored about one person, for the access request (P6) and for audit attributes. */
export function privacyRepository(db: Executor) {
  const ofCandidate = (table: { tenantId: PgColumn; candidateId: PgColumn }, tenantId: string, candidateId: string) =>
    and(eq(table.tenantId, tenantId), eq(table.candidateId, candidateId));

  return {
    async candidate({ tenantId, id, forUpdate = false }: { tenantId: string; id: string; forUpdate?: boolean }) {
      const query = db
        .select()
        .from(candidates)
        .where(and(eq(candidates.tenantId, tenantId), eq(candidates.id, id)));
      const [row] = forUpdate ? await query.for('update') : await query;
      return row;
    },

    /** One query after the other: `db` may be a transaction, which runs one query at a time. */
    async personalData({ tenantId, candidateId }: { tenantId: string; candidateId: string }) {
      const [contact] = await db
        .select()
        .from(candidateContacts)
        .where(ofCandidate(candidateContacts, tenantId, candidateId));
      const [profile] = await db
        .select()
        .from(candidateProfiles)
        .where(ofCandidate(candidateProfiles, tenantId, candidateId));
      const intakeRows = await db
        .select()
        .from(intakes)
        .where(ofCandidate(intakes, tenantId, candidateId))
        .orderBy(asc(intakes.submittedAt), asc(intakes.id));
      // The intake in progress on the werkplek (issue 14): answers as given so far, barriers included.
      const [intakeDraft] = await db
        .select()
        .from(intakeDrafts)
        .where(ofCandidate(intakeDrafts, tenantId, candidateId));
      const assessments = await db
        .select()
        .from(candidateAssessments)
        .where(ofCandidate(candidateAssessments, tenantId, candidateId))
        .orderBy(asc(candidateAssessments.assessedAt), asc(candidateAssessments.id));
      const barriers = await db
        .select()
        .from(candidateBarriers)
        .where(ofCandidate(candidateBarriers, tenantId, candidateId))
        .orderBy(asc(candidateBarriers.domain));
      const consents = await db
        .select()
        .from(candidateConsents)
        .where(ofCandidate(candidateConsents, tenantId, candidateId))
        .orderBy(asc(candidateConsents.givenAt));
      const history = await db
        .select()
        .from(candidateHistory)
        .where(ofCandidate(candidateHistory, tenantId, candidateId))
        .orderBy(asc(candidateHistory.at), asc(candidateHistory.id));
      const [auditAttributes] = await db
        .select()
        .from(candidateAuditAttributes)
        .where(ofCandidate(candidateAuditAttributes, tenantId, candidateId));
      const [household] = await db
        .select()
        .from(candidateHouseholds)
        .where(ofCandidate(candidateHouseholds, tenantId, candidateId));
      const discussed = await db
        .select()
        .from(discussedVacancies)
        .where(ofCandidate(discussedVacancies, tenantId, candidateId))
        .orderBy(asc(discussedVacancies.discussedAt));
      const proposals = await db
        .select()
        .from(profileChangeProposals)
        .where(ofCandidate(profileChangeProposals, tenantId, candidateId))
        .orderBy(asc(profileChangeProposals.createdAt));
      return { contact, profile, intakes: intakeRows, intakeDraft, assessments, barriers, consents, history, auditAttributes, household, discussed, proposals };
    },

    /** Ranking runs the person appears in: ranked for a vacancy (an entry in the results), or the subject of a run. */
    async rankingRuns({ tenantId, candidateId }: { tenantId: string; candidateId: string }) {
      // A vacancy run's entries name the ranked person `candidateId` (src/matching/matching.schemas.ts).
      const asCandidateId = JSON.stringify([{ candidateId }]);
      return db
        .select({ run: matchRuns, vacancyTitle: vacancies.title })
        .from(matchRuns)
        .leftJoin(vacancies, and(eq(matchRuns.kind, 'vacancy'), eq(vacancies.tenantId, matchRuns.tenantId), eq(vacancies.id, matchRuns.subjectId)))
        .where(
          and(
            eq(matchRuns.tenantId, tenantId),
            or(
              and(eq(matchRuns.kind, 'candidate'), eq(matchRuns.subjectId, candidateId)),
              and(eq(matchRuns.kind, 'vacancy'), sql`${matchRuns.results} @> ${asCandidateId}::jsonb`),
            ),
          ),
        )
        .orderBy(asc(matchRuns.at), asc(matchRuns.id));
    },

    async rankingInputs({ tenantId, candidateId }: { tenantId: string; candidateId: string }) {
      const result = await db.execute<{ runId: string; input: Record<string, unknown> }>(
        sql`select i.run_id as "runId", m.input from ${runInputsWithStored} where i.tenant_id = ${tenantId} and i.subject_id = ${candidateId} order by i.run_id`,
      );
      return result.rows;
    },

    async shortlistEntries({ tenantId, candidateId }: { tenantId: string; candidateId: string }) {
      const entries = await db
        .select({ entry: shortlistCandidates, shortlist: shortlists, vacancyTitle: vacancies.title, employerName: employers.name })
        .from(shortlistCandidates)
        .innerJoin(shortlists, and(eq(shortlists.tenantId, shortlistCandidates.tenantId), eq(shortlists.id, shortlistCandidates.shortlistId)))
        .innerJoin(vacancies, and(eq(vacancies.tenantId, shortlists.tenantId), eq(vacancies.id, shortlists.vacancyId)))
        .innerJoin(employers, and(eq(employers.tenantId, shortlists.tenantId), eq(employers.id, shortlists.employerId)))
        .where(ofCandidate(shortlistCandidates, tenantId, candidateId))
        .orderBy(asc(shortlistCandidates.createdAt));
      const ids = entries.map((row) => row.entry.id);
      const feedback =
        ids.length === 0
          ? []
          : await db
              .select()
              .from(employerFeedback)
              .where(and(eq(employerFeedback.tenantId, tenantId), inArray(employerFeedback.shortlistCandidateId, ids)))
              .orderBy(asc(employerFeedback.givenAt));
      return { entries, feedback };
    },

    async placements({ tenantId, candidateId }: { tenantId: string; candidateId: string }) {
      const rows = await db
        .select({ placement: placements, vacancyTitle: vacancies.title, employerName: employers.name })
        .from(placements)
        .innerJoin(vacancies, and(eq(vacancies.tenantId, placements.tenantId), eq(vacancies.id, placements.vacancyId)))
        .innerJoin(employers, and(eq(employers.tenantId, placements.tenantId), eq(employers.id, placements.employerId)))
        .where(ofCandidate(placements, tenantId, candidateId))
        .orderBy(asc(placements.startDate));
      const ids = rows.map((row) => row.placement.id);
      const followUps =
        ids.length === 0
          ? []
          : await db
              .select()
              .from(placementFollowUps)
              .where(and(eq(placementFollowUps.tenantId, tenantId), inArray(placementFollowUps.placementId, ids)))
              .orderBy(asc(placementFollowUps.monthMark));
      // The employer's check-ins on the person's work (issue 15.5): what it wrote is about them.
      const checkIns =
        ids.length === 0
          ? []
          : await db
              .select()
              .from(placementCheckIns)
              .where(and(eq(placementCheckIns.tenantId, tenantId), inArray(placementCheckIns.placementId, ids)))
              .orderBy(asc(placementCheckIns.monthMark));
      return { rows, followUps, checkIns };
    },

    /** Mails about the person (their id in candidate_ids) and mails to them (their address's hash). */
    async mails({ tenantId, candidateId, email }: { tenantId: string; candidateId: string; email: string | null }) {
      return db
        .select()
        .from(mailLog)
        .where(
          and(
            eq(mailLog.tenantId, tenantId),
            or(sql`${candidateId}::uuid = any(${mailLog.candidateIds})`, email ? eq(mailLog.recipientHash, emailHash(email)) : undefined),
          ),
        )
        .orderBy(asc(mailLog.sentAt), asc(mailLog.id));
    },

    async accessLog({ tenantId, candidateId }: { tenantId: string; candidateId: string }) {
      return db
        .select({
          id: auditLog.id,
          at: auditLog.at,
          actorUserId: auditLog.actorUserId,
          action: auditLog.action,
          reason: auditLog.reason,
          details: auditLog.details,
        })
        .from(auditLog)
        .where(and(eq(auditLog.tenantId, tenantId), eq(auditLog.subjectType, 'candidate'), eq(auditLog.subjectId, candidateId)))
        .orderBy(desc(auditLog.id));
    },

    async upsertAuditAttributes(values: typeof candidateAuditAttributes.$inferInsert): Promise<AuditAttributesRow> {
      const [row] = await db
        .insert(candidateAuditAttributes)
        .values(values)
        .onConflictDoUpdate({
          target: [candidateAuditAttributes.tenantId, candidateAuditAttributes.candidateId],
          set: {
            gender: values.gender,
            ageBand: values.ageBand,
            migrationBackground: values.migrationBackground,
            disability: values.disability,
            recordedAt: values.recordedAt,
            recordedBy: values.recordedBy,
          },
        })
        .returning();
      return row!;
    },
  };
}
