import type { CONTRACT_TYPES } from '../vacancies/vacancies.schemas.js';
import type { GrowthPlanRoleRow, GrowthPlanRow } from './growth-plans.repository.js';
import type { GrowthPlanView } from './growth-plans.schemas.js';

/* Presenters: stored rows → the shapes of the API. No I/O. */

/** The day a cohort should start preparing: the expected date minus the training lead time. */
export function prepareFrom(expectedDate: string, leadTimeWeeks: number): string {
  const date = new Date(`${expectedDate}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() - leadTimeWeeks * 7);
  return date.toISOString().slice(0, 10);
}

export function toGrowthPlanView(plan: GrowthPlanRow, roles: Array<{ role: GrowthPlanRoleRow; vacancyId: string | null }>): GrowthPlanView {
  return {
    id: plan.id,
    employerId: plan.employerId,
    locationId: plan.locationId,
    name: plan.name,
    description: plan.description,
    status: plan.status as GrowthPlanView['status'],
    totalHeadcount: roles.reduce((sum, { role }) => sum + role.headcount, 0),
    roles: roles.map(({ role, vacancyId }) => ({
      id: role.id,
      title: role.title,
      occupationUri: role.occupationUri,
      headcount: role.headcount,
      expectedDate: role.expectedDate,
      prepareFrom: prepareFrom(role.expectedDate, role.trainingLeadTimeWeeks),
      hoursPerWeek: { min: role.hoursMin, max: role.hoursMax },
      shiftPattern: role.shiftPattern,
      competencies: role.competencies,
      trainingLeadTimeWeeks: role.trainingLeadTimeWeeks,
      contractType: role.contractType as (typeof CONTRACT_TYPES)[number],
      vacancyId,
    })),
    createdAt: plan.createdAt.toISOString(),
    updatedAt: plan.updatedAt.toISOString(),
  };
}
