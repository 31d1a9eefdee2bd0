import { summariseShiftPattern } from '../schemas/schedule.js';
import type { VacancyWithContext } from './vacancies.repository.js';
import type { VacancyStatus, VacancyView } from './vacancies.schemas.js';

/* Presenters: stored rows → the shapes of the API. No I/O. */

export function toVacancyView(row: VacancyWithContext): VacancyView {
  const summary = summariseShiftPattern(row.shiftPattern);
  return {
    id: row.id,
    employerId: row.employerId,
    employerName: row.employerName,
    locationId: row.locationId,
    location: { name: row.locationName, city: row.locationCity, postcode4: row.locationPostcode4 },
    title: row.title,
    occupationUri: row.occupationUri,
    description: row.description,
    hoursPerWeek: { min: row.hoursMin, max: row.hoursMax },
    rampUpFromHours: row.rampUpFromHours,
    shiftPattern: row.shiftPattern,
    shiftSummary: { dayParts: summary.dayParts, weekendWork: summary.weekendWork, nightWork: summary.nightWork },
    contractType: row.contractType as VacancyView['contractType'],
    startDate: row.startDate,
    positions: row.positions,
    competencies: row.competencies,
    trainingOffered: row.trainingOffered,
    supportOffered: row.supportOffered as VacancyView['supportOffered'],
    requiredCredentials: row.requiredCredentials as VacancyView['requiredCredentials'],
    status: row.status as VacancyStatus,
    growthPlanRoleId: row.growthPlanRoleId,
    public: row.public,
    validThrough: row.validThrough,
    salary: row.salary,
    openedAt: row.openedAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}
