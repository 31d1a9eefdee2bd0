import fc from 'fast-check';
import t from 'tap';
import { compareMatches, matchCandidate } from '../../src/matching/matcher.js';
import {
  EVIDENCE_KINDS,
  FACTORS,
  TRAVEL_MODES,
  type MatchCandidate,
  type MatchVacancy,
  type MatchWeights,
  type SkillGraph,
} from '../../src/matching/matcher.types.js';
import { compileCandidates, compileVacancy, EXCLUDED_BY, listExcluded, rankOf, rankTopK, scoreAll } from '../../src/matching/ranker.js';
import { DAY_PARTS, WEEKDAYS, type Shift, type WeekGrid } from '../../src/schemas/schedule.js';

/*
 * The ranker against the reference on odd inputs that a synthetic population never produces:
 * fractional hours and assessments, label-only and empty labels, spelling variants, unknown licence
 * categories, shared and distinct homes, shifts around the public-transport limits, skewed weights.
 */

const URIS = ['urn:s:a', 'urn:s:b', 'urn:s:c', 'urn:s:d'];
const LABELS = ['Heftruck rijden', 'heftruck  RIJDEN', 'Kassa', 'Café werk', 'cafe werk', '', 'vorkheftruck besturen', 'orders verzamelen', 'Orderpicken'];
// Every kind of taxonomy link, and one URI linked twice (the better credit counts).
const skills: SkillGraph = {
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

const candidate = (id: string): fc.Arbitrary<MatchCandidate> =>
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

const vacancy: fc.Arbitrary<MatchVacancy> = fc
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
  .map(
    (v): MatchVacancy => ({
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
    }),
  );

const weights: fc.Arbitrary<MatchWeights> = fc
  .array(fc.integer({ min: 0, max: 100 }), { minLength: FACTORS.length, maxLength: FACTORS.length })
  .filter((parts) => parts.some((part) => part > 0))
  .map((parts) => {
    const sum = parts.reduce((total, part) => total + part, 0);
    return Object.fromEntries(FACTORS.map((factor, index) => [factor, parts[index]! / sum])) as MatchWeights;
  });

const population = fc.integer({ min: 1, max: 25 }).chain((size) => fc.tuple(...Array.from({ length: size }, (_, i) => candidate(`c${(i * 7) % 25}-${i}`))));

t.test('ranker totals, eligibility and order equal the reference on arbitrary inputs', async (t) => {
  let eligibleSeen = 0;
  let excludedSeen = 0;
  fc.assert(
    fc.property(population, vacancy, weights, (candidates, wanted, weighting) => {
      const columns = compileCandidates(candidates);
      const compiled = compileVacancy(wanted, skills, columns.intern);
      const all = scoreAll(compiled, columns, weighting);
      const reference = candidates.map((one) => matchCandidate(wanted, one, { weights: weighting, skills }));
      reference.forEach((result, i) => {
        if (result.total !== all.totals[i]) throw new Error(`${result.candidateId}: reference ${result.total}, ranker ${all.totals[i]}`);
        if ((result.eligible ? 1 : 0) !== all.eligible[i]) throw new Error(`${result.candidateId}: eligibility differs`);
        if (result.eligible) eligibleSeen += 1;
        else excludedSeen += 1;
      });
      const expected = reference.filter((result) => result.eligible).sort(compareMatches);
      const top = rankTopK(compiled, columns, weighting, 5, 2);
      const got = top.items.map((item) => `${item.candidateId}:${item.total}`).join(' ');
      const want = expected
        .slice(2, 7)
        .map((result) => `${result.candidateId}:${result.total}`)
        .join(' ');
      if (got !== want) throw new Error(`order: ${got} ≠ ${want}`);
      return top.eligible === expected.length;
    }),
    { numRuns: 1500, seed: 20260401 },
  );
  t.ok(eligibleSeen > 500, `eligible cases compared: ${eligibleSeen}`);
  t.ok(excludedSeen > 500, `excluded cases compared: ${excludedSeen}`);
});

t.test('the excluded list and one person’s place agree with the reference', async (t) => {
  let excludedSeen = 0;
  fc.assert(
    fc.property(population, vacancy, weights, (candidates, wanted, weighting) => {
      const columns = compileCandidates(candidates);
      const compiled = compileVacancy(wanted, skills, columns.intern);
      const reference = candidates.map((one) => matchCandidate(wanted, one, { weights: weighting, skills }));
      const listed = listExcluded(compiled, columns, 1000);
      const excluded = reference.filter((result) => !result.eligible);
      if (listed.excluded !== excluded.length) throw new Error(`excluded ${listed.excluded} ≠ ${excluded.length}`);
      for (const item of listed.items) {
        const codes = new Set(reference[item.index]!.exclusions.map((exclusion) => exclusion.code));
        const bits =
          (codes.has('credential_missing') ? EXCLUDED_BY.credential : 0) | (codes.has('day_part_unavailable') ? EXCLUDED_BY.dayPart : 0) | (codes.has('travel_too_far') ? EXCLUDED_BY.travel : 0);
        if (bits !== item.reasons) throw new Error(`${item.candidateId}: reasons ${item.reasons} ≠ ${bits}`);
        excludedSeen += 1;
      }
      const order = reference.filter((result) => result.eligible).sort(compareMatches);
      reference.forEach((result, index) => {
        const place = rankOf(compiled, columns, weighting, index);
        const expected = result.eligible ? order.indexOf(result) + 1 : null;
        if (place.rank !== expected) throw new Error(`${result.candidateId}: rank ${place.rank} ≠ ${expected}`);
      });
      return true;
    }),
    { numRuns: 400, seed: 20261205 },
  );
  t.ok(excludedSeen > 200, `excluded compared: ${excludedSeen}`);
});
