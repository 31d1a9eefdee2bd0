import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { growthPlanRoles, growthPlans, vacancies } from '../../db/schema/index.js';
import type { Scope } from '../auth/scope.js';

export type GrowthPlanRow = typeof growthPlans.$inferSelect;
export type GrowthPlanRoleRow = typeof growthPlanRoles.$inferSelect;

export function growthPlanRepository(db: Executor) {
  const planScope = (scope: Scope) =>
    and(eq(growthPlans.tenantId, scope.tenantId), scope.employerId ? eq(growthPlans.employerId, scope.employerId) : undefined);

  return {
    async find({ scope, id }: { scope: Scope; id: string }) {
      const [row] = await db.select().from(growthPlans).where(and(planScope(scope), eq(growthPlans.id, id))).limit(1);
      return row;
    },
    async listForEmployer({ tenantId, employerId }: { tenantId: string; employerId: string }) {
      return db
        .select()
        .from(growthPlans)
        .where(and(eq(growthPlans.tenantId, tenantId), eq(growthPlans.employerId, employerId)))
        .orderBy(asc(growthPlans.id));
    },
    /** Roles of these plans, each with the vacancy drafted from it (if any). */
    async rolesOf({ tenantId, planIds }: { tenantId: string; planIds: string[] }) {
      if (planIds.length === 0) return [];
      return db
        .select({ role: growthPlanRoles, vacancyId: vacancies.id })
        .from(growthPlanRoles)
        .leftJoin(vacancies, and(eq(vacancies.tenantId, growthPlanRoles.tenantId), eq(vacancies.growthPlanRoleId, growthPlanRoles.id)))
        .where(and(eq(growthPlanRoles.tenantId, tenantId), inArray(growthPlanRoles.growthPlanId, planIds)))
        .orderBy(asc(growthPlanRoles.id));
    },
    async insertPlan(values: typeof growthPlans.$inferInsert) {
      const [row] = await db.insert(growthPlans).values(values).returning();
      return row!;
    },
    async insertRoles(values: Array<typeof growthPlanRoles.$inferInsert>) {
      if (values.length > 0) await db.insert(growthPlanRoles).values(values);
    },
    async updatePlan({ scope, id, values }: { scope: Scope; id: string; values: Partial<typeof growthPlans.$inferInsert> }) {
      const [row] = await db.update(growthPlans).set(values).where(and(planScope(scope), eq(growthPlans.id, id))).returning();
      return row;
    },
  };
}
