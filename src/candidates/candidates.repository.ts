import { and, asc, desc, eq, ilike, inArray, isNull, notInArray, or, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import {
  candidateAssessments,
  candidateBarriers,
  candidateConsents,
  candidateContacts,
  candidateHistory,
  candidateProfiles,
  candidates,
  intakeDrafts,
  intakes,
  users,
} from '../../db/schema/index.js';
import { likePattern } from '../employers/employers.repository.js';

export type CandidateRow = typeof candidates.$inferSelect;
export type ContactRow = typeof candidateContacts.$inferSelect;
export type ProfileRow = typeof candidateProfiles.$inferSelect;
export type AssessmentRow = typeof candidateAssessments.$inferSelect;
export type BarrierRow = typeof candidateBarriers.$inferSelect;
export type ConsentRow = typeof candidateConsents.$inferSelect;
export type IntakeRow = typeof intakes.$inferSelect;

/** A candidate with its display name, account manager's name and the profile parts for completeness. */
export type CandidateListRow = {
  candidate: CandidateRow;
  givenName: string;
  familyName: string;
  accountManagerName: string | null;
  profile: ProfileRow | null;
  hasMotivation: boolean;
  hasPotential: boolean;
};

/**
 * Whether the listed candidate has an assessment of this kind. A scalar subquery with `limit 1`, not
 * `exists`: PostgreSQL may run an `exists` in the select list as a hashed subplan, which reads every
 * assessment of every candidate first (twice 85,000 rows at 100k candidates, 250 ms for a page of
 * 100, issue 14); this one is an index look-up per row shown.
 */
const assessed = (kind: 'motivation' | 'potential') =>
  sql<boolean>`coalesce((select true from ${candidateAssessments} a where a.tenant_id = ${candidates.tenantId} and a.candidate_id = ${candidates.id} and a.kind = ${kind} limit 1), false)`;

/** Candidates are tenant data, read by staff only; every query is filtered on the tenant. */
export function candidateRepository(db: Executor) {
  const listSelect = () =>
    db
      .select({
        candidate: candidates,
        givenName: candidateContacts.givenName,
        familyName: candidateContacts.familyName,
        accountManagerName: users.name,
        profile: candidateProfiles,
        hasMotivation: assessed('motivation'),
        hasPotential: assessed('potential'),
      })
      .from(candidates)
      .innerJoin(candidateContacts, and(eq(candidateContacts.tenantId, candidates.tenantId), eq(candidateContacts.candidateId, candidates.id)))
      .leftJoin(users, and(eq(users.tenantId, candidates.tenantId), eq(users.id, candidates.accountManagerId)))
      .leftJoin(candidateProfiles, and(eq(candidateProfiles.tenantId, candidates.tenantId), eq(candidateProfiles.candidateId, candidates.id)));

  return {
    async find({ tenantId, id, forUpdate = false }: { tenantId: string; id: string; forUpdate?: boolean }) {
      const query = db
        .select()
        .from(candidates)
        .where(and(eq(candidates.tenantId, tenantId), eq(candidates.id, id)))
        .limit(1);
      const [row] = forUpdate ? await query.for('update') : await query;
      return row;
    },
    async findWithContext({ tenantId, id }: { tenantId: string; id: string }): Promise<CandidateListRow | undefined> {
      const [row] = await listSelect()
        .where(and(eq(candidates.tenantId, tenantId), eq(candidates.id, id)))
        .limit(1);
      return row;
    },
    async list({
      tenantId,
      status,
      accountManagerId,
      q,
      afterId,
      limit,
    }: {
      tenantId: string;
      status?: string;
      accountManagerId?: string;
      q?: string;
      afterId?: string;
      limit: number;
    }): Promise<CandidateListRow[]> {
      const search: SQL | undefined = q
        ? or(
            ilike(candidates.reference, likePattern(q)),
            sql`(${candidateContacts.givenName} || ' ' || ${candidateContacts.familyName}) ilike ${likePattern(q)}`,
          )
        : undefined;
      return listSelect()
        .where(
          and(
            eq(candidates.tenantId, tenantId),
            status ? eq(candidates.status, status) : undefined,
            accountManagerId ? eq(candidates.accountManagerId, accountManagerId) : undefined,
            search,
            afterId ? sql`${candidates.id} > ${afterId}` : undefined,
          ),
        )
        .orderBy(asc(candidates.id))
        .limit(limit);
    },
    async insert(values: typeof candidates.$inferInsert, contact: Omit<typeof candidateContacts.$inferInsert, 'tenantId' | 'candidateId'>) {
      const [row] = await db.insert(candidates).values(values).returning();
      await db.insert(candidateContacts).values({ ...contact, tenantId: values.tenantId, candidateId: values.id });
      await db.insert(candidateProfiles).values({ tenantId: values.tenantId, candidateId: values.id, version: 1 });
      return row!;
    },
    async update({ tenantId, id, values }: { tenantId: string; id: string; values: Partial<typeof candidates.$inferInsert> }) {
      const [row] = await db
        .update(candidates)
        .set(values)
        .where(and(eq(candidates.tenantId, tenantId), eq(candidates.id, id)))
        .returning();
      return row;
    },
    async referenceTaken({ tenantId, reference }: { tenantId: string; reference: string }) {
      const [row] = await db
        .select({ id: candidates.id })
        .from(candidates)
        .where(and(eq(candidates.tenantId, tenantId), eq(candidates.reference, reference)))
        .limit(1);
      return Boolean(row);
    },

    async contact({ tenantId, candidateId }: { tenantId: string; candidateId: string }) {
      const [row] = await db
        .select()
        .from(candidateContacts)
        .where(and(eq(candidateContacts.tenantId, tenantId), eq(candidateContacts.candidateId, candidateId)))
        .limit(1);
      return row;
    },
    async updateContact({ tenantId, candidateId, values }: { tenantId: string; candidateId: string; values: Partial<typeof candidateContacts.$inferInsert> }) {
      const [row] = await db
        .update(candidateContacts)
        .set(values)
        .where(and(eq(candidateContacts.tenantId, tenantId), eq(candidateContacts.candidateId, candidateId)))
        .returning();
      return row;
    },

    async profile({ tenantId, candidateId }: { tenantId: string; candidateId: string }) {
      const [row] = await db
        .select()
        .from(candidateProfiles)
        .where(and(eq(candidateProfiles.tenantId, tenantId), eq(candidateProfiles.candidateId, candidateId)))
        .limit(1);
      return row;
    },
    /** Writes profile fields and bumps the version. */
    async updateProfile({ tenantId, candidateId, values }: { tenantId: string; candidateId: string; values: Partial<typeof candidateProfiles.$inferInsert> }) {
      const [row] = await db
        .update(candidateProfiles)
        .set({ ...values, version: sql`${candidateProfiles.version} + 1` })
        .where(and(eq(candidateProfiles.tenantId, tenantId), eq(candidateProfiles.candidateId, candidateId)))
        .returning();
      return row!;
    },

    async assessments({ tenantId, candidateId }: { tenantId: string; candidateId: string }) {
      return db
        .select({ assessment: candidateAssessments, assessorName: users.name })
        .from(candidateAssessments)
        .innerJoin(users, and(eq(users.tenantId, candidateAssessments.tenantId), eq(users.id, candidateAssessments.assessedBy)))
        .where(and(eq(candidateAssessments.tenantId, tenantId), eq(candidateAssessments.candidateId, candidateId)))
        .orderBy(desc(candidateAssessments.assessedAt), desc(candidateAssessments.id));
    },
    async insertAssessment(values: typeof candidateAssessments.$inferInsert) {
      await db.insert(candidateAssessments).values(values);
    },

    async barriers({ tenantId, candidateId }: { tenantId: string; candidateId: string }) {
      return db
        .select()
        .from(candidateBarriers)
        .where(and(eq(candidateBarriers.tenantId, tenantId), eq(candidateBarriers.candidateId, candidateId)))
        .orderBy(asc(candidateBarriers.domain));
    },
    async openConditionCount({ tenantId, candidateId }: { tenantId: string; candidateId: string }) {
      const [row] = await db
        .select({ n: sql<number>`count(*)::int` })
        .from(candidateBarriers)
        .where(
          and(
            eq(candidateBarriers.tenantId, tenantId),
            eq(candidateBarriers.candidateId, candidateId),
            eq(candidateBarriers.solvable, true),
            eq(candidateBarriers.actionStatus, 'open'),
          ),
        );
      return row?.n ?? 0;
    },
    /** Replaces the barriers found in an intake: one per domain; domains no longer named are removed. */
    async replaceBarriers({
      tenantId,
      candidateId,
      barriers,
    }: {
      tenantId: string;
      candidateId: string;
      barriers: Array<typeof candidateBarriers.$inferInsert>;
    }) {
      const domains = barriers.map((barrier) => barrier.domain);
      await db
        .delete(candidateBarriers)
        .where(
          and(
            eq(candidateBarriers.tenantId, tenantId),
            eq(candidateBarriers.candidateId, candidateId),
            domains.length > 0 ? notInArray(candidateBarriers.domain, domains) : undefined,
          ),
        );
      for (const barrier of barriers) {
        await db
          .insert(candidateBarriers)
          .values(barrier)
          .onConflictDoUpdate({
            target: [candidateBarriers.tenantId, candidateBarriers.candidateId, candidateBarriers.domain],
            set: {
              severity: barrier.severity,
              solvable: barrier.solvable,
              description: barrier.description,
              action: barrier.action,
              actionOwner: barrier.actionOwner,
              actionStatus: barrier.actionStatus,
              actionDoneAt: barrier.actionDoneAt,
              unlocksMode: barrier.unlocksMode,
              updatedAt: barrier.updatedAt,
            },
          });
      }
    },
    async findBarrier({ tenantId, candidateId, id }: { tenantId: string; candidateId: string; id: string }) {
      const [row] = await db
        .select()
        .from(candidateBarriers)
        .where(and(eq(candidateBarriers.tenantId, tenantId), eq(candidateBarriers.candidateId, candidateId), eq(candidateBarriers.id, id)))
        .limit(1);
      return row;
    },
    async updateBarrier({ tenantId, id, values }: { tenantId: string; id: string; values: Partial<typeof candidateBarriers.$inferInsert> }) {
      const [row] = await db
        .update(candidateBarriers)
        .set(values)
        .where(and(eq(candidateBarriers.tenantId, tenantId), eq(candidateBarriers.id, id)))
        .returning();
      return row!;
    },

    async intakeDraft({ tenantId, candidateId }: { tenantId: string; candidateId: string }) {
      const [row] = await db
        .select()
        .from(intakeDrafts)
        .where(and(eq(intakeDrafts.tenantId, tenantId), eq(intakeDrafts.candidateId, candidateId)));
      return row ?? null;
    },
    async saveIntakeDraft(values: typeof intakeDrafts.$inferInsert) {
      await db
        .insert(intakeDrafts)
        .values(values)
        .onConflictDoUpdate({
          target: [intakeDrafts.tenantId, intakeDrafts.candidateId],
          set: { questionnaireVersion: values.questionnaireVersion, answers: values.answers, updatedBy: values.updatedBy, updatedAt: values.updatedAt },
        });
    },
    async deleteIntakeDraft({ tenantId, candidateId }: { tenantId: string; candidateId: string }) {
      await db.delete(intakeDrafts).where(and(eq(intakeDrafts.tenantId, tenantId), eq(intakeDrafts.candidateId, candidateId)));
    },
    async insertIntake(values: typeof intakes.$inferInsert) {
      await db.insert(intakes).values(values);
    },
    async intakes({ tenantId, candidateId }: { tenantId: string; candidateId: string }) {
      return db
        .select({ intake: intakes, submitterName: users.name })
        .from(intakes)
        .innerJoin(users, and(eq(users.tenantId, intakes.tenantId), eq(users.id, intakes.submittedBy)))
        .where(and(eq(intakes.tenantId, tenantId), eq(intakes.candidateId, candidateId)))
        .orderBy(desc(intakes.submittedAt), desc(intakes.id));
    },
    async intake({ tenantId, candidateId, id }: { tenantId: string; candidateId: string; id: string }) {
      const [row] = await db
        .select({ intake: intakes, submitterName: users.name })
        .from(intakes)
        .innerJoin(users, and(eq(users.tenantId, intakes.tenantId), eq(users.id, intakes.submittedBy)))
        .where(and(eq(intakes.tenantId, tenantId), eq(intakes.candidateId, candidateId), eq(intakes.id, id)))
        .limit(1);
      return row;
    },
    async hasIntake({ tenantId, candidateId }: { tenantId: string; candidateId: string }) {
      const [row] = await db
        .select({ id: intakes.id })
        .from(intakes)
        .where(and(eq(intakes.tenantId, tenantId), eq(intakes.candidateId, candidateId)))
        .limit(1);
      return Boolean(row);
    },

    async consents({ tenantId, candidateId }: { tenantId: string; candidateId: string }) {
      return db
        .select()
        .from(candidateConsents)
        .where(and(eq(candidateConsents.tenantId, tenantId), eq(candidateConsents.candidateId, candidateId)))
        .orderBy(desc(candidateConsents.givenAt));
    },
    async activeConsent({ tenantId, candidateId, purpose }: { tenantId: string; candidateId: string; purpose: string }) {
      const [row] = await db
        .select()
        .from(candidateConsents)
        .where(
          and(
            eq(candidateConsents.tenantId, tenantId),
            eq(candidateConsents.candidateId, candidateId),
            eq(candidateConsents.purpose, purpose),
            isNull(candidateConsents.withdrawnAt),
          ),
        )
        .limit(1);
      return row;
    },
    async insertConsent(values: typeof candidateConsents.$inferInsert) {
      const [row] = await db.insert(candidateConsents).values(values).returning();
      return row!;
    },
    /** `by` is the staff user, or null when the person withdrew it themselves on their own page. */
    async withdrawConsent({ tenantId, candidateId, id, at, by }: { tenantId: string; candidateId: string; id: string; at: Date; by: string | null }) {
      const [row] = await db
        .update(candidateConsents)
        .set({ withdrawnAt: at, withdrawnBy: by })
        .where(
          and(
            eq(candidateConsents.tenantId, tenantId),
            eq(candidateConsents.candidateId, candidateId),
            eq(candidateConsents.id, id),
            isNull(candidateConsents.withdrawnAt),
          ),
        )
        .returning();
      return row;
    },
    async findConsent({ tenantId, candidateId, id }: { tenantId: string; candidateId: string; id: string }) {
      const [row] = await db
        .select()
        .from(candidateConsents)
        .where(and(eq(candidateConsents.tenantId, tenantId), eq(candidateConsents.candidateId, candidateId), eq(candidateConsents.id, id)))
        .limit(1);
      return row;
    },

    async addHistory(values: typeof candidateHistory.$inferInsert) {
      await db.insert(candidateHistory).values(values);
    },
    async history({ tenantId, candidateId }: { tenantId: string; candidateId: string }) {
      return db
        .select({ entry: candidateHistory, actorName: users.name })
        .from(candidateHistory)
        .leftJoin(users, and(eq(users.tenantId, candidateHistory.tenantId), eq(users.id, candidateHistory.actorUserId)))
        .where(and(eq(candidateHistory.tenantId, tenantId), eq(candidateHistory.candidateId, candidateId)))
        .orderBy(desc(candidateHistory.at), desc(candidateHistory.id));
    },

    async staffUser({ tenantId, id }: { tenantId: string; id: string }) {
      const [row] = await db
        .select()
        .from(users)
        .where(and(eq(users.tenantId, tenantId), eq(users.id, id), inArray(users.role, ['account_manager', 'admin']), eq(users.active, true)))
        .limit(1);
      return row;
    },
  };
}
