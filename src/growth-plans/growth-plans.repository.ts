import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { growthPlanRoles, growthPlans, vacancies } from '../../db/schema/index.js';
import type { Scope } from '../auth/scope.js';

export type GrowthPlanRow = typeof growthPlans.$inferSelect;
export type GrowthPlanRoleRow = typeof growthPlanRoles.$inferSelect;

/** Stages of a growth plan's pipeline, in order. */
export const PIPELINE_STAGES = ['preparing', 'proposed', 'invited', 'hired', 'working'] as const;
export type PipelineStage = (typeof PIPELINE_STAGES)[number];

export function growthPlanRepository(db: Executor) {
  const planScope = (scope: Scope) =>
    and(eq(growthPlans.tenantId, scope.tenantId), scope.employerId ? eq(growthPlans.employerId, scope.employerId) : undefined);

  return {
    async find({ scope, id }: { scope: Scope; id: string }) {
      const [row] = await db
        .select()
        .from(growthPlans)
        .where(and(planScope(scope), eq(growthPlans.id, id)))
        .limit(1);
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
      const [row] = await db
        .update(growthPlans)
        .set(values)
        .where(and(planScope(scope), eq(growthPlans.id, id)))
        .returning();
      return row;
    },
    /**
     * The pipeline of these roles (issue 15.4): per role and stage, how many people, never who. A
     * person counts once per role, in the furthest stage reached (furthestStages below).
     */
    async pipeline({ tenantId, roleIds }: { tenantId: string; roleIds: string[] }) {
      if (roleIds.length === 0) return [];
      const result = await db.execute<{ roleId: string; stage: PipelineStage; count: number }>(sql`
        with ${furthestStages(tenantId, roleIds)}
        select role_id::text as "roleId",
               (array['preparing', 'proposed', 'invited', 'hired', 'working'])[rank] as stage,
               count(*)::int as count
          from furthest where rank > 0
         group by role_id, rank`);
      return result.rows;
    },
    /**
     * The same pipeline person by person, for staff (issue 14, page 6): who stands at which stage of
     * which role, in the order of the candidates' ids. Names are added by the service.
     */
    async pipelinePeople({ tenantId, roleIds }: { tenantId: string; roleIds: string[] }) {
      if (roleIds.length === 0) return [];
      const result = await db.execute<{ roleId: string; candidateId: string; stage: PipelineStage }>(sql`
        with ${furthestStages(tenantId, roleIds)}
        select role_id::text as "roleId", candidate_id::text as "candidateId",
               (array['preparing', 'proposed', 'invited', 'hired', 'working'])[rank] as stage
          from furthest where rank > 0
         order by role_id, rank desc, candidate_id`);
      return result.rows;
    },
    async updateRole({ tenantId, planId, id, values }: { tenantId: string; planId: string; id: string; values: Partial<typeof growthPlanRoles.$inferInsert> }) {
      const [row] = await db
        .update(growthPlanRoles)
        .set(values)
        .where(and(eq(growthPlanRoles.tenantId, tenantId), eq(growthPlanRoles.growthPlanId, planId), eq(growthPlanRoles.id, id)))
        .returning();
      return row;
    },
  };
}

/**
 * The common table expression `furthest (role_id, candidate_id, rank)`: each person once per role,
 * in the furthest stage reached on the shortlists of the vacancy drafted from the role: 1 preparing
 * (on a list, not yet shared), 2 proposed (shared, no answer yet), 3 invited, 4 hired, 5 working (an
 * active placement). Declined people (rank 0) and people taken off a list do not count.
 */
function furthestStages(tenantId: string, roleIds: string[]) {
  return sql`people as (
          select r.id as role_id, sc.candidate_id,
                 case
                   when exists (select 1 from placements p where p.tenant_id = sc.tenant_id and p.vacancy_id = v.id
                                   and p.candidate_id = sc.candidate_id and p.status = 'active') then 5
                   when last.decision = 'hire' then 4
                   when last.decision = 'invite' then 3
                   when last.decision = 'decline' then 0
                   when sc.shared_at is not null then 2
                   else 1
                 end as rank
            from growth_plan_roles r
            join vacancies v on v.tenant_id = r.tenant_id and v.growth_plan_role_id = r.id
            join shortlists s on s.tenant_id = v.tenant_id and s.vacancy_id = v.id
            join shortlist_candidates sc on sc.tenant_id = s.tenant_id and sc.shortlist_id = s.id and sc.removed_at is null
            left join lateral (select f.decision from employer_feedback f
                                where f.tenant_id = sc.tenant_id and f.shortlist_candidate_id = sc.id
                                order by f.given_at desc, f.id desc limit 1) last on true
           where r.tenant_id = ${tenantId} and r.id = any(${`{${roleIds.join(',')}}`}::uuid[])
        ), furthest as (
          select role_id, candidate_id, max(rank) as rank from people group by role_id, candidate_id
        )`;
}
