import { and, desc, eq } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { discussedVacancies, employers, profileChangeProposals, users, vacancies } from '../../db/schema/index.js';

export type ProposalRow = typeof profileChangeProposals.$inferSelect;

/** The jobseeker domain's tables; every query is filtered on the tenant and the person. */
export function jobseekerRepository(db: Executor) {
  return {
    async discussed(tenantId: string, candidateId: string) {
      return db
        .select({
          vacancyId: discussedVacancies.vacancyId,
          discussedAt: discussedVacancies.discussedAt,
          discussedById: discussedVacancies.discussedBy,
          discussedByName: users.name,
          title: vacancies.title,
          status: vacancies.status,
          employerName: employers.name,
        })
        .from(discussedVacancies)
        .innerJoin(vacancies, and(eq(vacancies.tenantId, discussedVacancies.tenantId), eq(vacancies.id, discussedVacancies.vacancyId)))
        .innerJoin(employers, and(eq(employers.tenantId, vacancies.tenantId), eq(employers.id, vacancies.employerId)))
        .leftJoin(users, and(eq(users.tenantId, discussedVacancies.tenantId), eq(users.id, discussedVacancies.discussedBy)))
        .where(and(eq(discussedVacancies.tenantId, tenantId), eq(discussedVacancies.candidateId, candidateId)))
        .orderBy(desc(discussedVacancies.discussedAt));
    },

    async markDiscussed(row: typeof discussedVacancies.$inferInsert) {
      await db
        .insert(discussedVacancies)
        .values(row)
        .onConflictDoUpdate({ target: [discussedVacancies.tenantId, discussedVacancies.candidateId, discussedVacancies.vacancyId], set: { discussedAt: row.discussedAt, discussedBy: row.discussedBy } });
    },

    async unmarkDiscussed(tenantId: string, candidateId: string, vacancyId: string): Promise<boolean> {
      const deleted = await db
        .delete(discussedVacancies)
        .where(and(eq(discussedVacancies.tenantId, tenantId), eq(discussedVacancies.candidateId, candidateId), eq(discussedVacancies.vacancyId, vacancyId)))
        .returning({ vacancyId: discussedVacancies.vacancyId });
      return deleted.length > 0;
    },

    async isDiscussed(tenantId: string, candidateId: string, vacancyId: string): Promise<boolean> {
      const [row] = await db
        .select({ vacancyId: discussedVacancies.vacancyId })
        .from(discussedVacancies)
        .where(and(eq(discussedVacancies.tenantId, tenantId), eq(discussedVacancies.candidateId, candidateId), eq(discussedVacancies.vacancyId, vacancyId)))
        .limit(1);
      return row !== undefined;
    },

    async proposals(tenantId: string, candidateId: string, status?: string) {
      return db
        .select({ proposal: profileChangeProposals, decidedByName: users.name })
        .from(profileChangeProposals)
        .leftJoin(users, and(eq(users.tenantId, profileChangeProposals.tenantId), eq(users.id, profileChangeProposals.decidedBy)))
        .where(
          and(
            eq(profileChangeProposals.tenantId, tenantId),
            eq(profileChangeProposals.candidateId, candidateId),
            status ? eq(profileChangeProposals.status, status) : undefined,
          ),
        )
        .orderBy(desc(profileChangeProposals.createdAt), desc(profileChangeProposals.id));
    },

    async findProposal({ tenantId, candidateId, id, forUpdate = false }: { tenantId: string; candidateId: string; id: string; forUpdate?: boolean }): Promise<ProposalRow | undefined> {
      const query = db
        .select()
        .from(profileChangeProposals)
        .where(and(eq(profileChangeProposals.tenantId, tenantId), eq(profileChangeProposals.candidateId, candidateId), eq(profileChangeProposals.id, id)))
        .limit(1);
      const [row] = forUpdate ? await query.for('update') : await query;
      return row;
    },

    async insertProposal(row: typeof profileChangeProposals.$inferInsert): Promise<ProposalRow> {
      const [inserted] = await db.insert(profileChangeProposals).values(row).returning();
      return inserted!;
    },

    async decideProposal({ tenantId, id, status, decidedAt, decidedBy, decisionNote }: { tenantId: string; id: string; status: 'accepted' | 'rejected'; decidedAt: Date; decidedBy: string; decisionNote: string | null }) {
      const [row] = await db
        .update(profileChangeProposals)
        .set({ status, decidedAt, decidedBy, decisionNote })
        .where(and(eq(profileChangeProposals.tenantId, tenantId), eq(profileChangeProposals.id, id), eq(profileChangeProposals.status, 'pending')))
        .returning();
      return row;
    },
  };
}
