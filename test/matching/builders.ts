import type { MatchCandidate, MatchVacancy } from '../../src/matching/matcher.types.js';
import { WEEKDAYS, type DayPart, type Weekday, type WeekGrid } from '../../src/schemas/schedule.js';

/*
 * Builders for the matcher's tests: one plain, reasonable vacancy and candidate, changed per test
 * by overrides, so that every test states only what it is about.
 */

export const WORKDAYS: Weekday[] = ['mon', 'tue', 'wed', 'thu', 'fri'];

export const SKILLS = {
  orderPicking: 'urn:test:skill:orderpicken',
  lifting: 'urn:test:skill:veilig-tillen',
  accuracy: 'urn:test:skill:nauwkeurig-werken',
  reachTruck: 'urn:test:skill:reachtruck-rijden',
  forklift: 'urn:test:skill:heftruck-rijden',
} as const;

export const OCCUPATION = 'urn:test:occupation:orderpicker';

/** A week grid with the given day parts on the given days. */
export function week(days: readonly Weekday[], parts: readonly DayPart[]): WeekGrid {
  return Object.fromEntries(WEEKDAYS.map((day) => [day, days.includes(day) ? [...parts] : []])) as WeekGrid;
}

/** Tilburg, near the station. */
export const WORKPLACE = { latitude: 51.5606, longitude: 5.0834 };

/** A point `km` kilometres due north of the workplace. */
export function northOfWorkplace(km: number): { latitude: number; longitude: number } {
  return { latitude: WORKPLACE.latitude + km / 111.195, longitude: WORKPLACE.longitude };
}

export function buildVacancy(overrides: Partial<MatchVacancy> = {}): MatchVacancy {
  return {
    id: 'vacancy-1',
    kind: 'vacancy',
    title: 'Orderpicker distributiecentrum',
    occupationUri: OCCUPATION,
    sector: 'logistiek',
    location: WORKPLACE,
    hoursMin: 24,
    hoursMax: 32,
    rampUpFromHours: 16,
    rotating: false,
    shifts: [{ dayPart: 'day', start: '08:00', end: '16:30', weekdays: WORKDAYS, required: true }],
    competencies: [
      { skillUri: SKILLS.orderPicking, label: 'Orderpicken met scanner', importance: 'must' },
      { skillUri: SKILLS.lifting, label: 'Veilig tillen', importance: 'must' },
      { skillUri: SKILLS.accuracy, label: 'Nauwkeurig werken', importance: 'should' },
      { skillUri: SKILLS.reachTruck, label: 'Reachtruck rijden', importance: 'trainable' },
    ],
    requiredCredentials: [],
    ...overrides,
  };
}

export function buildCandidate(overrides: Partial<MatchCandidate> = {}): MatchCandidate {
  return {
    id: 'candidate-1',
    home: northOfWorkplace(3),
    mobility: { modes: ['bike'], maxTravelMinutes: 30, pendingModes: [] },
    drivingLicences: [],
    certificates: [],
    availability: week(WORKDAYS, ['day']),
    hours: { now: 24, target: 32 },
    competencies: [
      { skillUri: SKILLS.orderPicking, label: 'Orderpicken met scanner', level: 3, evidence: 'work_experience' },
      { skillUri: SKILLS.lifting, label: 'Veilig tillen', level: 3, evidence: 'observed' },
      { skillUri: SKILLS.accuracy, label: 'Nauwkeurig werken', level: 2, evidence: 'self_reported' },
      { skillUri: SKILLS.reachTruck, label: 'Reachtruck rijden', level: 2, evidence: 'volunteer_work' },
    ],
    motivation: 4,
    potential: 4,
    workWishes: { occupationUris: [OCCUPATION], sectors: [], titles: [] },
    openConditions: [],
    educationLevel: 1,
    ...overrides,
  };
}
