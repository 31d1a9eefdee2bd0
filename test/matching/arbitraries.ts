import fc from 'fast-check';
import {
  EVIDENCE_KINDS,
  FACTORS,
  TRAVEL_MODES,
  type MatchCandidate,
  type MatchVacancy,
  type MatchWeights,
  type SkillGraph,
} from '../../src/matching/matcher.types.js';
import { DAY_PARTS, WEEKDAYS, type Shift, type WeekGrid } from '../../src/schemas/schedule.js';

/*
 * Arbitrary matcher inputs for property tests (ranker-property, ranker-patch): odd inputs that a
 * synthetic population never produces: fractional hours and assessments, label-only and empty
 * labels, spelling variants, unknown licence categories, shared and distinct homes, shifts around
 * the public-transport limits, skewed weights.
 */

const URIS = ['urn:s:a', 'urn:s:b', 'urn:s:c', 'urn:s:d'];
const LABELS = ['Heftruck rijden', 'heftruck  RIJDEN', 'Kassa', 'Café werk', 'cafe werk', '', 'vorkheftruck besturen', 'orders verzamelen', 'Orderpicken'];
// Every kind of taxonomy link, and one URI linked twice (the better credit counts).
export const skills: SkillGraph = {
  related: (uri) =>
    uri === 'urn:s:a'
      ? ['urn:s:b', { uri: 'urn:s:c', relation: 'hierarchy' }, { uri: 'urn:s:d', relation: 'group' }, { uri: 'urn:s:d', relation: 'related' }]
      : uri === 'urn:s:b'
        ? ['urn:s:a', { uri: 'urn:s:c', relation: 'group' }]
        : [],
};

const point = fc.oneof(
  fc.constantFrom({ latitude: 51.56, longitude: 5.09 }, { latitude: 51.6, longitude: 5.0 }, { latitude: 51.5, longitude: 5.2 }),
  fc.record({ latitude: fc.double({ min: 51.35, max: 51.75, noNaN: true }), longitude: fc.double({ min: 4.85, max: 5.35, noNaN: true }) }),
);
const week: fc.Arbitrary<WeekGrid> = fc.record(
  Object.fromEntries(WEEKDAYS.map((day) => [day, fc.subarray([...DAY_PARTS])])) as Record<keyof WeekGrid, fc.Arbitrary<WeekGrid['mon']>>,
);
const assessment = fc.oneof(fc.constant(null), fc.integer({ min: 1, max: 5 }), fc.double({ min: 1, max: 5, noNaN: true }));
const hours = fc.oneof(fc.integer({ min: 0, max: 40 }), fc.double({ min: 0, max: 48, noNaN: true }));

export const candidate = (id: string): fc.Arbitrary<MatchCandidate> =>
  fc.record({
    id: fc.constant(id),
    home: point,
    mobility: fc.record({
      modes: fc.subarray([...TRAVEL_MODES]),
      maxTravelMinutes: fc.oneof(fc.integer({ min: 0, max: 90 }), fc.double({ min: 0, max: 90, noNaN: true })),
      pendingModes: fc.subarray([...TRAVEL_MODES]).map((modes) => modes.map((mode) => ({ mode, action: `${mode} regelen` }))),
    }),
    drivingLicences: fc.subarray(['B', 'be', 'CE', 'C', 'AM', 'D', 'X1']),
    certificates: fc.subarray(['VCA Basis', ' vca   basis', 'HACCP', 'Café diploma']),
    availability: week,
    hours: fc.record({ now: hours, target: hours }),
    competencies: fc.array(
      fc.record({
        skillUri: fc.option(fc.constantFrom(...URIS), { nil: undefined }),
        label: fc.constantFrom(...LABELS),
        level: fc.constantFrom(1 as const, 2 as const, 3 as const, 4 as const),
        evidence: fc.constantFrom(...EVIDENCE_KINDS),
      }),
      { maxLength: 6 },
    ),
    motivation: assessment,
    potential: assessment,
    workWishes: fc.record({
      occupationUris: fc.subarray(['urn:o:1', 'urn:o:2']),
      sectors: fc.subarray(['Logistiek', 'logistiek ', 'Zorg']),
      titles: fc.subarray(['heftruck chauffeur', 'kassamedewerker', 'medewerker']),
    }),
    openConditions: fc.constant([]),
    educationLevel: fc.oneof(fc.integer({ min: 0, max: 4 }), fc.double({ min: 0, max: 4, noNaN: true })),
  });

const shift: fc.Arbitrary<Shift> = fc
  .record({
    hours: fc.constantFrom<Pick<Shift, 'dayPart' | 'start' | 'end'>>(
      { dayPart: 'early', start: '06:00', end: '14:00' },
      { dayPart: 'early', start: '06:30', end: '14:30' },
      { dayPart: 'day', start: '08:00', end: '16:30' },
      { dayPart: 'late', start: '16:00', end: '00:30' },
      { dayPart: 'late', start: '17:00', end: '01:00' },
      { dayPart: 'night', start: '22:00', end: '06:00' },
    ),
    weekdays: fc.subarray([...WEEKDAYS], { minLength: 1 }),
    required: fc.boolean(),
  })
  .map(({ hours: times, weekdays, required }): Shift => ({ ...times, weekdays, required }));

export const vacancy: fc.Arbitrary<MatchVacancy> = fc
  .record({
    location: point,
    hoursMin: fc.integer({ min: 1, max: 32 }),
    spread: fc.integer({ min: 0, max: 16 }),
    rampUp: fc.option(fc.integer({ min: 1, max: 20 }), { nil: null }),
    rotating: fc.boolean(),
    shifts: fc.array(shift, { maxLength: 3 }),
    competencies: fc.array(
      fc.record({
        skillUri: fc.option(fc.constantFrom(...URIS, 'urn:s:nobody'), { nil: undefined }),
        label: fc.constantFrom(...LABELS, 'Niemand kan dit'),
        importance: fc.constantFrom('must' as const, 'should' as const, 'trainable' as const),
      }),
      { maxLength: 5 },
    ),
    credentials: fc.subarray([
      { type: 'driving_licence' as const, category: 'B' },
      { type: 'driving_licence' as const, category: 'ce' },
      { type: 'certificate' as const, name: 'VCA basis' },
      { type: 'certificate' as const, name: 'Cafe diploma' },
      // Obtainable before the start: conditional, never excluded (an unknown category too).
      { type: 'certificate' as const, name: 'HACCP', obtainable: true },
      { type: 'driving_licence' as const, category: 'C', obtainable: true },
      { type: 'driving_licence' as const, category: 'X9', obtainable: true },
    ]),
    occupationUri: fc.constantFrom('urn:o:1', 'urn:o:3', null),
    sector: fc.constantFrom('logistiek', 'Zorg', 'bouw'),
    title: fc.constantFrom('Heftruckchauffeur', 'Medewerker kassa', 'Kassamedewerker'),
  })
  .map((v): MatchVacancy => ({
    id: 'v',
    kind: 'vacancy',
    title: v.title,
    occupationUri: v.occupationUri,
    sector: v.sector,
    location: v.location,
    hoursMin: v.hoursMin,
    hoursMax: v.hoursMin + v.spread,
    rampUpFromHours: v.rampUp !== null && v.rampUp < v.hoursMin ? v.rampUp : null,
    rotating: v.rotating,
    shifts: v.shifts,
    competencies: v.competencies,
    requiredCredentials: v.credentials,
  }));

export const weights: fc.Arbitrary<MatchWeights> = fc
  .array(fc.integer({ min: 0, max: 100 }), { minLength: FACTORS.length, maxLength: FACTORS.length })
  .filter((parts) => parts.some((part) => part > 0))
  .map((parts) => {
    const sum = parts.reduce((total, part) => total + part, 0);
    return Object.fromEntries(FACTORS.map((factor, index) => [factor, parts[index]! / sum])) as MatchWeights;
  });
