import type { ProfileCompetency, ProfileMobility } from '../../db/schema/index.js';
import { matchCandidate } from '../matching/matcher.js';
import { TRAVEL_MODES, type MatchCandidate, type MatchVacancy, type TravelMode } from '../matching/matcher.types.js';
import { WEEKDAYS, type DayPart, type ShiftPattern, type WeekGrid } from '../shared/schedule.js';

/*
 * The travel time an employer sees comes from the matcher itself (matchCandidate's `travel`), so
 * that it is the same figure staff saw in the ranking. Only the fields the matcher's contract has
 * are filled; barriers are not read here (pending modes and open conditions stay empty): the
 * employer sees how the person travels now.
 */

export type TravelVacancy = {
  id: string;
  title: string;
  occupationUri: string | null;
  sector: string;
  location: { latitude: number; longitude: number };
  hoursMin: number;
  hoursMax: number;
  rampUpFromHours: number | null;
  shiftPattern: ShiftPattern;
  competencies: MatchVacancy['competencies'];
  requiredCredentials: Array<{ type: 'driving_licence'; category: string } | { type: 'certificate'; name: string }>;
};

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

function fullGrid(grid: WeekGrid | null): WeekGrid {
  return Object.fromEntries(WEEKDAYS.map((day) => [day, [...(grid?.[day] ?? [])] as DayPart[]])) as WeekGrid;
}

/** Best travel option to the vacancy's location at its shifts' hours; null when it cannot be known. */
export function travelToVacancy(vacancy: TravelVacancy, candidate: TravelCandidate): { mode: TravelMode; minutes: number } | null {
  const mobility = candidate.profile.mobility;
  if (!candidate.home || !mobility) return null;
  const matchVacancy: MatchVacancy = {
    id: vacancy.id,
    kind: 'vacancy',
    title: vacancy.title,
    occupationUri: vacancy.occupationUri,
    sector: vacancy.sector,
    location: vacancy.location,
    hoursMin: vacancy.hoursMin,
    hoursMax: vacancy.hoursMax,
    rampUpFromHours: vacancy.rampUpFromHours,
    rotating: vacancy.shiftPattern.kind === 'rotating',
    shifts: vacancy.shiftPattern.shifts,
    competencies: vacancy.competencies,
    requiredCredentials: vacancy.requiredCredentials,
  };
  const matchInput: MatchCandidate = {
    id: candidate.id,
    home: candidate.home,
    mobility: {
      modes: mobility.modes.filter((mode): mode is TravelMode => (TRAVEL_MODES as readonly string[]).includes(mode)),
      maxTravelMinutes: mobility.maxTravelMinutes,
      pendingModes: [],
    },
    drivingLicences: mobility.drivingLicences,
    certificates: candidate.profile.certificates ?? [],
    availability: fullGrid(candidate.profile.availability),
    hours: { now: candidate.profile.hoursNow ?? 0, target: candidate.profile.hoursTarget ?? 0 },
    competencies: (candidate.profile.competencies ?? []).map(({ skillUri, label, level, evidence }) => ({ skillUri, label, level, evidence })),
    motivation: null,
    potential: null,
    workWishes: { occupationUris: [], sectors: [], titles: [] },
    openConditions: [],
    educationLevel: 0,
  };
  return matchCandidate(matchVacancy, matchInput).travel;
}
