import type { Db, Executor } from '../../db/client.js';
import { audit } from '../audit/audit.js';
import { isStaff, type Principal } from '../auth/roles.js';
import { scopeOf } from '../auth/scope.js';
import { employerProblems } from '../employers/employers.errors.js';
import { employerRepository } from '../employers/employers.repository.js';
import type { Clock } from '../clock.js';
import { newId } from '../ids.js';
import { ProblemError } from '../http/problems.js';
import { matchingRepository } from '../matching/matching.repository.js';
import type { createVacancyService } from '../vacancies/vacancies.service.js';
import type { CONTRACT_TYPES } from '../vacancies/vacancies.schemas.js';
import { growthPlanProblems } from './growth-plans.errors.js';
import { growthPlanRepository, PIPELINE_STAGES, type GrowthPlanRow, type PipelineStage } from './growth-plans.repository.js';
import type { CreateGrowthPlanBody, GrowthPlanRoleChange, GrowthPlanView, UpdateGrowthPlanBody } from './growth-plans.schemas.js';

/** One person in a role's pipeline, as staff see it. */
export type PipelinePerson = { candidateId: string; reference: string; name: string; stage: PipelineStage };
import { toGrowthPlanView } from './growth-plans.views.js';

/** Growth plans: an employer's future demand, which can be turned into draft vacancies. */
export function createGrowthPlanService({
  db,
  clock,
  vacancies,
}: {
  db: Db;
  clock: Clock;
  vacancies: Pick<ReturnType<typeof createVacancyService>, 'insertVacancy'>;
}) {
  async function view(executor: Executor, tenantId: string, plan: GrowthPlanRow) {
    const roles = await growthPlanRepository(executor).rolesOf({ tenantId, planIds: [plan.id] });
    return toGrowthPlanView(plan, roles);
  }

  async function requirePlan(executor: Executor, principal: Principal, id: string) {
    const plan = await growthPlanRepository(executor).find({ scope: scopeOf(principal), id });
    if (!plan) throw new ProblemError(growthPlanProblems.not_found);
    return plan;
  }

  async function requireLocation({
    executor,
    tenantId,
    employerId,
    locationId,
  }: {
    executor: Executor;
    tenantId: string;
    employerId: string;
    locationId: string;
  }) {
    if (!(await employerRepository(executor).findLocation({ tenantId, employerId, id: locationId }))) {
      throw new ProblemError(growthPlanProblems.location_unknown, { errors: [{ pointer: '/body/locationId', key: 'reference.location_unknown' }] });
    }
  }

  /** Changes existing roles of a plan; a role of another plan (or none) is refused, nothing changed. */
  async function changeRoles({ tx, tenantId, planId, changes }: { tx: Executor; tenantId: string; planId: string; changes: GrowthPlanRoleChange[] }) {
    const repository = growthPlanRepository(tx);
    const own = new Set((await repository.rolesOf({ tenantId, planIds: [planId] })).map(({ role }) => role.id));
    const unknown = changes.findIndex((change) => !own.has(change.id));
    if (unknown >= 0) {
      throw new ProblemError(growthPlanProblems.role_unknown, { errors: [{ pointer: `/body/roles/${unknown}/id`, key: 'reference.role_unknown' }] });
    }
    for (const { id, ...values } of changes) {
      if (Object.keys(values).length > 0) await repository.updateRole({ tenantId, planId, id, values });
    }
  }

  return {
    async listForEmployer(principal: Principal, employerId: string): Promise<GrowthPlanView[]> {
      if (!(await employerRepository(db).find({ scope: scopeOf(principal), id: employerId }))) {
        throw new ProblemError(employerProblems.not_found);
      }
      const repository = growthPlanRepository(db);
      const plans = await repository.listForEmployer({ tenantId: principal.tenantId, employerId });
      const roles = await repository.rolesOf({ tenantId: principal.tenantId, planIds: plans.map((plan) => plan.id) });
      return plans.map((plan) =>
        toGrowthPlanView(
          plan,
          roles.filter(({ role }) => role.growthPlanId === plan.id),
        ),
      );
    },

    /**
     * The pipeline the Werkplein prepares for a plan: per role, counts per stage (no names). The plan
     * is scoped like get: another employer's or tenant's plan is not found.
     */
    async pipeline(principal: Principal, id: string): Promise<Record<string, Record<PipelineStage, number>>> {
      const plan = await requirePlan(db, principal, id);
      const repository = growthPlanRepository(db);
      const roles = await repository.rolesOf({ tenantId: principal.tenantId, planIds: [plan.id] });
      const counts = await repository.pipeline({ tenantId: principal.tenantId, roleIds: roles.map(({ role }) => role.id) });
      return Object.fromEntries(
        roles.map(({ role }) => [
          role.id,
          Object.fromEntries(
            PIPELINE_STAGES.map((stage) => [stage, counts.find((row) => row.roleId === role.id && row.stage === stage)?.count ?? 0]),
          ) as Record<PipelineStage, number>,
        ]),
      );
    },

    /**
     * The pipeline person by person, for staff only (issue 14, page 6): per role the people in their
     * furthest stage, with reference and name (as the werkplek's shortlists show them). Employers see
     * counts only (pipeline above): for them the plan is not found here.
     */
    async pipelinePeople(principal: Principal, id: string): Promise<Record<string, PipelinePerson[]>> {
      if (!isStaff(principal)) throw new ProblemError(growthPlanProblems.not_found);
      const plan = await requirePlan(db, principal, id);
      const repository = growthPlanRepository(db);
      const roles = await repository.rolesOf({ tenantId: principal.tenantId, planIds: [plan.id] });
      const people = await repository.pipelinePeople({ tenantId: principal.tenantId, roleIds: roles.map(({ role }) => role.id) });
      const labels = await matchingRepository(db).candidateLabels({ tenantId: principal.tenantId, ids: [...new Set(people.map((row) => row.candidateId))] });
      return Object.fromEntries(
        roles.map(({ role }) => [
          role.id,
          people.flatMap((row) => {
            const label = row.roleId === role.id ? labels.get(row.candidateId) : undefined;
            return label ? [{ candidateId: row.candidateId, reference: label.reference, name: label.name, stage: row.stage }] : [];
          }),
        ]),
      );
    },

    async get(principal: Principal, id: string): Promise<GrowthPlanView> {
      return view(db, principal.tenantId, await requirePlan(db, principal, id));
    },

    async create({
      tx,
      principal,
      employerId,
      body,
    }: {
      tx: Executor;
      principal: Principal;
      employerId: string;
      body: CreateGrowthPlanBody;
    }): Promise<GrowthPlanView> {
      if (!(await employerRepository(tx).find({ scope: scopeOf(principal), id: employerId }))) {
        throw new ProblemError(employerProblems.not_found);
      }
      if (body.locationId) await requireLocation({ executor: tx, tenantId: principal.tenantId, employerId, locationId: body.locationId });
      const now = clock.now();
      const repository = growthPlanRepository(tx);
      const plan = await repository.insertPlan({
        tenantId: principal.tenantId,
        id: newId(now.getTime()),
        employerId,
        locationId: body.locationId ?? null,
        name: body.name,
        description: body.description ?? null,
        status: 'planned',
        createdAt: now,
        updatedAt: now,
      });
      await repository.insertRoles(
        body.roles.map((role) => ({
          tenantId: principal.tenantId,
          id: newId(now.getTime()),
          growthPlanId: plan.id,
          title: role.title,
          occupationUri: role.occupationUri ?? null,
          headcount: role.headcount,
          expectedDate: role.expectedDate,
          hoursMin: role.hoursPerWeek.min,
          hoursMax: role.hoursPerWeek.max,
          shiftPattern: role.shiftPattern,
          competencies: role.competencies,
          trainingLeadTimeWeeks: role.trainingLeadTimeWeeks,
          contractType: role.contractType,
          createdAt: now,
        })),
      );
      await audit(tx, clock, {
        principal,
        action: 'growth_plan.change',
        subjectType: 'growth_plan',
        subjectId: plan.id,
        details: { change: 'create', employerId },
      });
      return view(tx, principal.tenantId, plan);
    },

    async update({ tx, principal, id, body }: { tx: Executor; principal: Principal; id: string; body: UpdateGrowthPlanBody }): Promise<GrowthPlanView> {
      const plan = await requirePlan(tx, principal, id);
      if (body.locationId) await requireLocation({ executor: tx, tenantId: principal.tenantId, employerId: plan.employerId, locationId: body.locationId });
      const { roles: roleChanges, ...planValues } = body;
      const repository = growthPlanRepository(tx);
      if (roleChanges) await changeRoles({ tx, tenantId: principal.tenantId, planId: plan.id, changes: roleChanges });
      const updated = await repository.updatePlan({
        scope: scopeOf(principal),
        id,
        values: { ...planValues, updatedAt: clock.now() },
      });
      await audit(tx, clock, {
        principal,
        action: 'growth_plan.change',
        subjectType: 'growth_plan',
        subjectId: id,
        details: { change: 'update', fields: Object.keys(body), ...(roleChanges ? { roles: roleChanges.map((change) => change.id) } : {}) },
      });
      return view(tx, principal.tenantId, updated!);
    },

    /** Drafts one vacancy per role that has none yet; calling it again drafts nothing twice. */
    async draftVacancies(tx: Executor, principal: Principal, id: string) {
      const plan = await requirePlan(tx, principal, id);
      if (!plan.locationId) throw new ProblemError(growthPlanProblems.location_missing);
      const roles = await growthPlanRepository(tx).rolesOf({ tenantId: principal.tenantId, planIds: [plan.id] });
      const created: Array<{ roleId: string; vacancyId: string }> = [];
      const alreadyDrafted: Array<{ roleId: string; vacancyId: string }> = [];
      for (const { role, vacancyId } of roles) {
        if (vacancyId) {
          alreadyDrafted.push({ roleId: role.id, vacancyId });
          continue;
        }
        const newVacancyId = await vacancies.insertVacancy(tx, principal.tenantId, {
          employerId: plan.employerId,
          locationId: plan.locationId,
          title: role.title,
          occupationUri: role.occupationUri ?? undefined,
          description: plan.description ?? undefined,
          hoursPerWeek: { min: role.hoursMin, max: role.hoursMax },
          rampUpFromHours: null,
          shiftPattern: role.shiftPattern,
          contractType: role.contractType as (typeof CONTRACT_TYPES)[number],
          startDate: role.expectedDate,
          positions: role.headcount,
          competencies: role.competencies,
          trainingOffered: [],
          supportOffered: [],
          requiredCredentials: [],
          status: 'draft',
          growthPlanRoleId: role.id,
        });
        created.push({ roleId: role.id, vacancyId: newVacancyId });
      }
      if (created.length > 0 && plan.status === 'planned') {
        await growthPlanRepository(tx).updatePlan({ scope: scopeOf(principal), id, values: { status: 'in_progress', updatedAt: clock.now() } });
      }
      await audit(tx, clock, {
        principal,
        action: 'growth_plan.change',
        subjectType: 'growth_plan',
        subjectId: plan.id,
        details: { change: 'draft_vacancies', created: created.map((entry) => entry.vacancyId) },
      });
      return { created, alreadyDrafted };
    },
  };
}
