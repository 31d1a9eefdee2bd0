import { and, asc, eq, max, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { candidateHouseholds, candidateProfiles, employers, incomeRuleSets, placements, users, vacancies } from '../../db/schema/index.js';

export type RuleSetRow = typeof incomeRuleSets.$inferSelect & { createdByName: string | null };
export type HouseholdRow = typeof candidateHouseholds.$inferSelect;

/** The rekentool's own tables, and the offer data it reads; every query is filtered on the tenant. */
export function rekentoolRepository(db: Executor) {
  return {
    /** Every stored version of every period of a tenant, oldest first. */
    async listRuleSets(tenantId: string): Promise<RuleSetRow[]> {
      return db
        .select({
          tenantId: incomeRuleSets.tenantId,
          id: incomeRuleSets.id,
          validFrom: incomeRuleSets.validFrom,
          version: incomeRuleSets.version,
          rules: incomeRuleSets.rules,
          reason: incomeRuleSets.reason,
          createdBy: incomeRuleSets.createdBy,
          createdAt: incomeRuleSets.createdAt,
          createdByName: users.name,
        })
        .from(incomeRuleSets)
        .leftJoin(users, and(eq(users.tenantId, incomeRuleSets.tenantId), eq(users.id, incomeRuleSets.createdBy)))
        .where(eq(incomeRuleSets.tenantId, tenantId))
        .orderBy(asc(incomeRuleSets.validFrom), asc(incomeRuleSets.version));
    },

    /** The highest stored version of a period (0 when none). Call under the tenant's advisory lock. */
    async latestVersion(tenantId: string, validFrom: string): Promise<number> {
      const [row] = await db
        .select({ version: max(incomeRuleSets.version) })
        .from(incomeRuleSets)
        .where(and(eq(incomeRuleSets.tenantId, tenantId), eq(incomeRuleSets.validFrom, validFrom)));
      return row?.version ?? 0;
    },

    async insertRuleSet(row: typeof incomeRuleSets.$inferInsert) {
      const [inserted] = await db.insert(incomeRuleSets).values(row).returning();
      return inserted!;
    },

    async findHousehold(tenantId: string, candidateId: string): Promise<HouseholdRow | undefined> {
      const [row] = await db
        .select()
        .from(candidateHouseholds)
        .where(and(eq(candidateHouseholds.tenantId, tenantId), eq(candidateHouseholds.candidateId, candidateId)))
        .limit(1);
      return row;
    },

    async upsertHousehold(row: HouseholdRow): Promise<HouseholdRow> {
      const { tenantId: _tenantId, candidateId: _candidateId, ...changes } = row;
      const [saved] = await db
        .insert(candidateHouseholds)
        .values(row)
        .onConflictDoUpdate({ target: [candidateHouseholds.tenantId, candidateHouseholds.candidateId], set: changes })
        .returning();
      return saved!;
    },

    async deleteHousehold(tenantId: string, candidateId: string): Promise<boolean> {
      const deleted = await db
        .delete(candidateHouseholds)
        .where(and(eq(candidateHouseholds.tenantId, tenantId), eq(candidateHouseholds.candidateId, candidateId)))
        .returning({ candidateId: candidateHouseholds.candidateId });
      return deleted.length > 0;
    },

    /** A vacancy with its employer's name: what the offer is. */
    async findVacancyOffer(tenantId: string, vacancyId: string) {
      const [row] = await db
        .select({
          id: vacancies.id,
          title: vacancies.title,
          employerName: employers.name,
          hoursMin: vacancies.hoursMin,
          hoursMax: vacancies.hoursMax,
          rampUpFromHours: vacancies.rampUpFromHours,
          startDate: vacancies.startDate,
        })
        .from(vacancies)
        .innerJoin(employers, and(eq(employers.tenantId, vacancies.tenantId), eq(employers.id, vacancies.employerId)))
        .where(and(eq(vacancies.tenantId, tenantId), eq(vacancies.id, vacancyId)))
        .limit(1);
      return row;
    },

    /** A placement with its vacancy title and employer's name. */
    async findPlacementOffer(tenantId: string, placementId: string) {
      const [row] = await db
        .select({
          id: placements.id,
          candidateId: placements.candidateId,
          title: vacancies.title,
          employerName: employers.name,
          startDate: placements.startDate,
          hoursPerWeek: placements.hoursPerWeek,
          contractMonths: placements.contractMonths,
          endedOn: placements.endedOn,
        })
        .from(placements)
        .innerJoin(vacancies, and(eq(vacancies.tenantId, placements.tenantId), eq(vacancies.id, placements.vacancyId)))
        .innerJoin(employers, and(eq(employers.tenantId, placements.tenantId), eq(employers.id, placements.employerId)))
        .where(and(eq(placements.tenantId, tenantId), eq(placements.id, placementId)))
        .limit(1);
      return row;
    },

    /** People of a tenant without a household situation yet, with what the demo draws theirs from. */
    async peopleWithoutHousehold(tenantId: string) {
      const result = await db.execute<{ id: string; givenName: string; familyName: string; domains: string[] }>(sql`
        select c.id, k.given_name as "givenName", k.family_name as "familyName",
               coalesce((select array_agg(b.domain order by b.domain) from candidate_barriers b where b.tenant_id = c.tenant_id and b.candidate_id = c.id), '{}') as domains
          from candidates c
          join candidate_contacts k on k.tenant_id = c.tenant_id and k.candidate_id = c.id
         where c.tenant_id = ${tenantId}
           and not exists (select 1 from candidate_households h where h.tenant_id = c.tenant_id and h.candidate_id = c.id)
         order by c.id`);
      return result.rows;
    },

    async insertHouseholds(rows: HouseholdRow[]) {
      for (let index = 0; index < rows.length; index += 500)
        await db
          .insert(candidateHouseholds)
          .values(rows.slice(index, index + 500))
          .onConflictDoNothing();
    },

    /** The person's own ramp-up plan (hours per week, step by step), if the intake recorded one. */
    async findRampUpPlan(tenantId: string, candidateId: string): Promise<number[]> {
      const [row] = await db
        .select({ rampUpPlan: candidateProfiles.rampUpPlan })
        .from(candidateProfiles)
        .where(and(eq(candidateProfiles.tenantId, tenantId), eq(candidateProfiles.candidateId, candidateId)))
        .limit(1);
      return row?.rampUpPlan ?? [];
    },
  };
}
