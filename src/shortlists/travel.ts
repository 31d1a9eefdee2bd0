import type { ProfileCompetency, ProfileMobility } from '../../db/schema/index.js';
import { matchCandidate } from '../matching/matcher.js';
import type { TravelMode } from '../matching/matcher.types.js';
import { toMatchCandidate, toMatchVacancy, type VacancyInputRow } from '../matching/matching.inputs.js';
import type { WeekGrid } from '../schemas/schedule.js';

/*
 * The travel time an employer sees comes from the matcher itself (matchCandidate's `travel`), so
 * that it is the same figure staff saw in the ranking, through the same input mapping
 * (matching.inputs.ts). Barriers are not read here (no open actions): the employer sees how the
 * person travels now.
 */

export type TravelVacancy = Omit<VacancyInputRow, 'kind' | 'latitude' | 'longitude'> & { location: { latitude: number; longitude: number } };

export type TravelCandidate = {
  id: string;
  home: { latitude: number; longitude: number } | null;
  profile: {
    mobility: ProfileMobility | null;
    availability: WeekGrid | null;
    hoursNow: number | null;
    hoursTarget: number | null;
    competencies: ProfileCompetency[] | null;
    certificates: string[] | null;
  };
};

/** Best travel option to the vacancy's location at its shifts' hours; null when it cannot be known. */
export function travelToVacancy(vacancy: TravelVacancy, candidate: TravelCandidate): { mode: TravelMode; minutes: number } | null {
  if (!candidate.home || !candidate.profile.mobility) return null;
  const { location, ...rest } = vacancy;
  const matchVacancy = toMatchVacancy({ ...rest, kind: 'vacancy', latitude: location.latitude, longitude: location.longitude });
  const matchInput = toMatchCandidate({
    id: candidate.id,
    homeLatitude: candidate.home.latitude,
    homeLongitude: candidate.home.longitude,
    ...candidate.profile,
    workWishes: null,
    educationLevel: null,
    motivation: null,
    potential: null,
    openActions: [],
  });
  return matchCandidate(matchVacancy, matchInput).travel;
}
