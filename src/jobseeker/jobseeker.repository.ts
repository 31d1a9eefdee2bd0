import { and, asc, desc, eq, isNull, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { candidateContacts, candidates, discussedVacancies, employers, profileChangeProposals, tenants, users, vacancies } from '../../db/schema/index.js';

export type ProposalRow = typeof profileChangeProposals.$inferSelect;

/** The jobseeker domain's tables; every query is filtered on the tenant and the person. */
export function jobseekerRepository(db: Executor) {
  return {
    /** Jobseekers with this contact address, in every Werkplein that is not disabled (sign-in by link). */
    async accountsByEmail(email: string) {
      return db
        .select({
          tenantId: candidateContacts.tenantId,
          candidateId: candidateContacts.candidateId,
          givenName: candidateContacts.givenName,
          familyName: candidateContacts.familyName,
          tenantName: tenants.name,
        })
        .from(candidateContacts)
        .innerJoin(tenants, eq(tenants.id, candidateContacts.tenantId))
        .where(and(sql`lower(${candidateContacts.email}) = lower(${email})`, isNull(tenants.disabledAt)))
        .limit(10);
    },

    /** The demo's jobseeker for the sign-in link `npm start` prints: the first person by reference. */
    async firstByReference(tenantId: string) {
      const [row] = await db
        .select({ candidateId: candidates.id, givenName: candidateContacts.givenName, familyName: candidateContacts.familyName })
        .from(candidates)
        .innerJoin(candidateContacts, and(eq(candidateContacts.tenantId, candidates.tenantId), eq(candidateContacts.candidateId, candidates.id)))
        .where(eq(candidates.tenantId, tenantId))
        .orderBy(asc(candidates.reference))
        .limit(1);
      return row;
    },

    /** Who a signed-in jobseeker is: name and address; undefined once the person is erased. */
    async signedIn(tenantId: string, candidateId: string) {
      const [row] = await db
        .select({ givenName: candidateContacts.givenName, familyName: candidateContacts.familyName, email: candidateContacts.email })
        .from(candidateContacts)
        .where(and(eq(candidateContacts.tenantId, tenantId), eq(candidateContacts.candidateId, candidateId)))
        .limit(1);
      return row;
    },

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
        .onConflictDoUpdate({
          target: [discussedVacancies.tenantId, discussedVacancies.candidateId, discussedVacancies.vacancyId],
          set: { discussedAt: row.discussedAt, discussedBy: row.discussedBy },
        });
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

    async findProposal({
      tenantId,
      candidateId,
      id,
      forUpdate = false,
    }: {
      tenantId: string;
      candidateId: string;
      id: string;
      forUpdate?: boolean;
    }): Promise<ProposalRow | undefined> {
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

    async decideProposal({
      tenantId,
      id,
      status,
      decidedAt,
      decidedBy,
      decisionNote,
    }: {
      tenantId: string;
      id: string;
      status: 'accepted' | 'rejected';
      decidedAt: Date;
      decidedBy: string;
      decisionNote: string | null;
    }) {
      const [row] = await db
        .update(profileChangeProposals)
        .set({ status, decidedAt, decidedBy, decisionNote })
        .where(and(eq(profileChangeProposals.tenantId, tenantId), eq(profileChangeProposals.id, id), eq(profileChangeProposals.status, 'pending')))
        .returning();
      return row;
    },
  };
}
