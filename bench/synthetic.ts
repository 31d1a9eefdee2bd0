import { DAY_PARTS, WEEKDAYS, type DayPart, type Shift, type Weekday, type WeekGrid } from '../src/schemas/schedule.js';
import type { EvidenceKind, GeoPoint, LifeDomain, MatchCandidate, MatchVacancy, SkillGraph, TravelMode } from '../src/matching/matcher.types.js';
import { haversineKm } from '../src/matching/travel.js';
import { createRandom } from '../src/demo/random.js';
import { SKILL_BY_LABEL, SYNTHETIC_OCCUPATIONS, SYNTHETIC_RELATED, SYNTHETIC_SKILLS, type SyntheticOccupation } from './synthetic.vocabulary.js';

/*
 * Synthetic populations for tests and benchmarks: realistic in shape, reproducible from a seed, and
 * free of personal data. Every distribution is written next to the code that draws it.
 */

type Random = () => number;

function pick<T>(random: Random, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)]!;
}

/** Picks by relative weights: [[value, weight], …]. */
function weighted<T>(random: Random, table: ReadonlyArray<readonly [T, number]>): T {
  const total = table.reduce((sum, [, weight]) => sum + weight, 0);
  let roll = random() * total;
  for (const [value, weight] of table) {
    roll -= weight;
    if (roll < 0) return value;
  }
  return table.at(-1)![0];
}

function gaussian(random: Random): number {
  // Box–Muller; 1 - random() avoids log(0).
  return Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
}

/** The region: Tilburg and the towns around it, with a share of the population and a spread in km. */
export const REGION_CENTRE: GeoPoint = { latitude: 51.5606, longitude: 5.0919 };
const REGION_RADIUS_KM = 25;
const TOWNS: ReadonlyArray<readonly [{ latitude: number; longitude: number; sigmaKm: number }, number]> = [
  [{ latitude: 51.5606, longitude: 5.0919, sigmaKm: 2.5 }, 50], // Tilburg
  [{ latitude: 51.6826, longitude: 5.0705, sigmaKm: 1.5 }, 9], // Waalwijk
  [{ latitude: 51.6269, longitude: 4.9389, sigmaKm: 1.2 }, 7], // Dongen
  [{ latitude: 51.658, longitude: 5.044, sigmaKm: 1.2 }, 6], // Kaatsheuvel
  [{ latitude: 51.5797, longitude: 5.1886, sigmaKm: 1.2 }, 6], // Oisterwijk
  [{ latitude: 51.5206, longitude: 5.067, sigmaKm: 1 }, 6], // Goirle
  [{ latitude: 51.5908, longitude: 5.3292, sigmaKm: 1.2 }, 6], // Boxtel
  [{ latitude: 51.5903, longitude: 4.9196, sigmaKm: 1.2 }, 5], // Rijen
  [{ latitude: 51.4858, longitude: 5.1372, sigmaKm: 1 }, 5], // Hilvarenbeek
];

/** A point around one of the towns (Tilburg half of all), always within 25 km of Tilburg. */
function regionPoint(random: Random): GeoPoint {
  for (;;) {
    const town = weighted(random, TOWNS);
    const north = gaussian(random) * town.sigmaKm;
    const east = gaussian(random) * town.sigmaKm;
    const point = {
      latitude: town.latitude + north / 111.32,
      longitude: town.longitude + east / (111.32 * Math.cos((town.latitude * Math.PI) / 180)),
    };
    if (haversineKm(REGION_CENTRE, point) <= REGION_RADIUS_KM) return point;
  }
}

/*
 * Real profiles hold the centre of the person's PC4 area, not an address: a region like this has
 * roughly a hundred of them. The synthetic region's PC4 centres are fixed (their own seed), with
 * more areas where more people live, so every population shares the same geography.
 */
const PC4_CENTRES: readonly GeoPoint[] = (() => {
  const random = createRandom(5038);
  return Array.from({ length: 110 }, () => regionPoint(random));
})();

export type HomePoints = 'pc4' | 'distinct';

/** A home: a PC4 centre (as in real data), or with `distinct` a point of its own (the ranker's worst case). */
function homePoint(random: Random, homes: HomePoints): GeoPoint {
  if (homes === 'distinct') return regionPoint(random);
  // The nearest PC4 centre to a point drawn from the population density.
  const point = regionPoint(random);
  let nearest = PC4_CENTRES[0]!;
  let nearestKm = Infinity;
  for (const centre of PC4_CENTRES) {
    const km = haversineKm(point, centre);
    if (km < nearestKm) {
      nearest = centre;
      nearestKm = km;
    }
  }
  return nearest;
}

function grid(days: readonly Weekday[], parts: readonly DayPart[]): WeekGrid {
  return Object.fromEntries(WEEKDAYS.map((day) => [day, days.includes(day) ? [...parts] : []])) as WeekGrid;
}

const WORKDAYS: Weekday[] = ['mon', 'tue', 'wed', 'thu', 'fri'];

/**
 * Availability patterns and their shares: day work on weekdays 30 %, parents working school hours on
 * 3–5 weekdays 15 %, evenings 10 %, early and late (two shifts) 15 %, full flexibility including
 * nights and weekends 15 %, weekends only 5 %, and an irregular grid (each slot 35 %) 10 %. Then
 * each available weekday is dropped with 10 % (an appointment, a course day).
 */
function availability(random: Random): WeekGrid {
  const pattern = weighted(random, [
    ['day', 30],
    ['parent', 15],
    ['evening', 10],
    ['twoShift', 15],
    ['flexible', 15],
    ['weekend', 5],
    ['irregular', 10],
  ] as const);
  let week: WeekGrid;
  switch (pattern) {
    case 'day':
      week = grid(WORKDAYS, random() < 0.5 ? ['early', 'day'] : ['day']);
      break;
    case 'parent':
      week = grid(
        WORKDAYS.filter(() => random() < 0.8),
        ['day'],
      );
      break;
    case 'evening':
      week = grid([...WORKDAYS, 'sat'], ['late']);
      break;
    case 'twoShift':
      week = grid(WORKDAYS, ['early', 'day', 'late']);
      if (random() < 0.5) week.sat = ['day'];
      break;
    case 'flexible':
      week = grid(WEEKDAYS, DAY_PARTS);
      break;
    case 'weekend':
      week = grid(['sat', 'sun'], ['day', 'late']);
      break;
    case 'irregular':
      week = Object.fromEntries(WEEKDAYS.map((day) => [day, DAY_PARTS.filter(() => random() < 0.35)])) as WeekGrid;
      break;
  }
  for (const day of WEEKDAYS) if (random() < 0.1) week[day] = [];
  return week;
}

/** Zipf-like skill frequency (weight 1 / rank) over the vocabulary in a fixed shuffled order. */
function zipfSampler(random: Random): () => (typeof SYNTHETIC_SKILLS)[number] {
  const order = [...SYNTHETIC_SKILLS];
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  const cumulative: number[] = [];
  let sum = 0;
  order.forEach((_, rank) => {
    sum += 1 / (rank + 1);
    cumulative.push(sum);
  });
  return () => {
    const roll = random() * sum;
    let low = 0;
    let high = cumulative.length - 1;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (cumulative[middle]! < roll) low = middle + 1;
      else high = middle;
    }
    return order[low]!;
  };
}

const ACTIONS: Record<LifeDomain, string> = {
  health: 'Afspraak met de casemanager afronden',
  finances: 'Schuldhulptraject starten',
  childcare: 'Kinderopvang regelen',
  housing: 'Woonsituatie regelen',
  language: 'Taalcursus Nederlands volgen',
  digital_skills: 'Cursus digitale vaardigheden volgen',
  mobility: 'Reisplan maken met de klantmanager',
  care_duties: 'Mantelzorg overdragen in de ochtend',
};

/** Certificates are written as people write them (capitals, extra spaces), to exercise normalisation. */
const CERTIFICATES: ReadonlyArray<readonly [string[], number]> = [
  [['VCA Basis', 'vca basis', 'VCA  basis'], 18],
  [['Heftruckcertificaat', 'heftruckcertificaat'], 10],
  [['HACCP'], 8],
  [['BHV', 'bhv'], 9],
  [['EHBO'], 6],
  [['Reachtruckcertificaat'], 4],
  [['Diploma Beveiliger 2'], 2],
];

export type PopulationOptions = {
  size: number;
  seed?: number;
  /** 'pc4' (default): homes are PC4 centres, as in real profiles; 'distinct': every home a point of its own. */
  homes?: HomePoints;
};

/**
 * A synthetic candidate population around Tilburg. Distributions:
 * - home: the centre of one of ~110 PC4 areas around the region's towns (Tilburg half of all), within
 *   25 km of Tilburg; or, with homes 'distinct', a point of its own;
 * - modes: bike 55 %, public transport 25 %, car 35 % (only with licence B, held by 45 %), e-bike 10 %,
 *   moped 6 %, walking 40 % (80 % of those with nothing else), so about 47 % walk and 4 % have no
 *   transport at all;
 * - pending modes: 8 % a bike to be arranged, 3 % an e-bike, 2 % a public transport pass;
 * - maximum travel time: 20 min 10 %, 30 min 35 %, 45 min 35 %, 60 min 20 %;
 * - licences: B 45 %; of those 6 % also a truck licence (two thirds CE, else C) and 2 % D; AM for 10 % of
 *   those without B; T 3 %; 70 % of CE drivers hold Code 95;
 * - availability: see availability();
 * - hours: target 16–40 (32 most common), now equal to the target for half, else lower (8–24);
 * - competencies: 2–9, 60 % from a background occupation, the rest Zipf-like over ~150 skills; level
 *   mostly 2–3; evidence self-reported 40 %, work experience 25 %, observed 15 %, volunteer work 10 %,
 *   certificate 10 %; 10 % label only (no URI), some labels with other capitals;
 * - motivation and potential: 15 % not assessed, else 1–5 weighted 5/12/33/35/15 %;
 * - open conditions: 20 % one or two, from the life domains;
 * - work wishes: 15 % state none; the others occupations 70 %, sectors 45 %, a title 25 % (so about a
 *   quarter end up without any wish);
 * - education level 0–4, weighted 15/30/35/15/5 %.
 * Ids are "cand-000123" in a shuffled order, so that id order and list order differ.
 */
export function generateCandidates({ size, seed = 1, homes = 'pc4' }: PopulationOptions): MatchCandidate[] {
  const random = createRandom(seed);
  const zipf = zipfSampler(random);
  const ids = Array.from({ length: size }, (_, i) => i);
  for (let i = ids.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [ids[i], ids[j]] = [ids[j]!, ids[i]!];
  }
  const width = Math.max(6, String(size).length);
  return ids.map((idNumber) => generateCandidate({ random, zipf, id: `cand-${String(idNumber).padStart(width, '0')}`, homes }));
}

function assessment(random: Random): number | null {
  if (random() < 0.15) return null;
  return weighted(random, [
    [1, 5],
    [2, 12],
    [3, 33],
    [4, 35],
    [5, 15],
  ]);
}

function generateCandidate({
  random,
  zipf,
  id,
  homes,
}: {
  random: Random;
  zipf: () => (typeof SYNTHETIC_SKILLS)[number];
  id: string;
  homes: HomePoints;
}): MatchCandidate {
  const background = pick(random, SYNTHETIC_OCCUPATIONS);

  const licences: string[] = [];
  if (random() < 0.45) {
    licences.push('B');
    if (random() < 0.06) licences.push(random() < 0.65 ? 'CE' : 'C');
    if (random() < 0.02) licences.push('D');
  } else if (random() < 0.1) {
    licences.push('AM');
  }
  if (random() < 0.03) licences.push('T');

  const modes: TravelMode[] = [];
  if (random() < 0.55) modes.push('bike');
  if (random() < 0.25) modes.push('public_transport');
  if (licences.includes('B') && random() < 0.78) modes.push('car');
  if (random() < 0.1) modes.push('ebike');
  if (random() < 0.06) modes.push('moped');
  if (random() < (modes.length === 0 ? 0.8 : 0.4)) modes.push('walk');
  const pendingModes: MatchCandidate['mobility']['pendingModes'] = [];
  if (!modes.includes('bike') && random() < 0.08) pendingModes.push({ mode: 'bike', action: 'Fiets regelen via de gemeente' });
  if (random() < 0.03) pendingModes.push({ mode: 'ebike', action: 'E-bike lenen via het Werkplein' });
  if (!modes.includes('public_transport') && random() < 0.02) {
    pendingModes.push({ mode: 'public_transport', action: 'OV-abonnement aanvragen' });
  }

  const target = weighted(random, [
    [16, 8],
    [20, 10],
    [24, 18],
    [28, 14],
    [32, 26],
    [36, 10],
    [40, 14],
  ]);
  const now = random() < 0.5 ? target : Math.min(target, pick(random, [8, 12, 16, 20, 24]));

  const competencies: MatchCandidate['competencies'] = [];
  const skillCount = 2 + Math.floor(random() * 8);
  const seen = new Set<string>();
  for (let n = 0; n < skillCount; n++) {
    const skill = random() < 0.6 ? SKILL_BY_LABEL.get(pick(random, background.skills))! : zipf();
    if (seen.has(skill.uri)) continue;
    seen.add(skill.uri);
    const labelOnly = random() < 0.1;
    const label = random() < 0.1 ? skill.label.toUpperCase() : skill.label;
    competencies.push({
      ...(labelOnly ? {} : { skillUri: skill.uri }),
      label,
      level: weighted(random, [
        [1, 15],
        [2, 35],
        [3, 35],
        [4, 15],
      ] as const),
      evidence: weighted<EvidenceKind>(random, [
        ['self_reported', 40],
        ['work_experience', 25],
        ['observed', 15],
        ['volunteer_work', 10],
        ['certificate', 10],
      ]),
    });
  }

  const certificates: string[] = [];
  for (const [spellings, percent] of CERTIFICATES) if (random() * 100 < percent) certificates.push(pick(random, spellings));
  if (licences.includes('CE') && random() < 0.7) certificates.push('Code 95');

  const openConditions: MatchCandidate['openConditions'] = [];
  if (random() < 0.2) {
    const domains = Object.keys(ACTIONS) as LifeDomain[];
    const count = random() < 0.7 ? 1 : 2;
    for (let n = 0; n < count; n++) {
      const domain = pick(random, domains);
      if (!openConditions.some((condition) => condition.domain === domain)) openConditions.push({ domain, action: ACTIONS[domain] });
    }
  }

  const workWishes: MatchCandidate['workWishes'] = { occupationUris: [], sectors: [], titles: [] };
  if (random() >= 0.15) {
    const wished = (): SyntheticOccupation => (random() < 0.6 ? background : pick(random, SYNTHETIC_OCCUPATIONS));
    if (random() < 0.7) workWishes.occupationUris = [...new Set([wished().uri, ...(random() < 0.4 ? [wished().uri] : [])])];
    if (random() < 0.45) workWishes.sectors = [...new Set([wished().sector, ...(random() < 0.3 ? [wished().sector] : [])])];
    if (random() < 0.25) workWishes.titles = [wished().title.toLowerCase()];
  }

  return {
    id,
    home: homePoint(random, homes),
    mobility: {
      modes,
      maxTravelMinutes: weighted(random, [
        [20, 10],
        [30, 35],
        [45, 35],
        [60, 20],
      ]),
      pendingModes,
    },
    drivingLicences: licences,
    certificates,
    availability: availability(random),
    hours: { now, target },
    competencies,
    motivation: assessment(random),
    potential: assessment(random),
    workWishes,
    openConditions,
    educationLevel: weighted(random, [
      [0, 15],
      [1, 30],
      [2, 35],
      [3, 15],
      [4, 5],
    ]),
  };
}

/** The synthetic taxonomy's related skills (cluster neighbours). */
export const syntheticSkillGraph: SkillGraph = { related: (uri) => SYNTHETIC_RELATED.get(uri) ?? [] };

/**
 * The same people with unlimited travel time (and walking for those without transport), so that a
 * vacancy without required shifts or credentials excludes nobody: the worst case for the ranker.
 */
export function withUnlimitedTravel(candidates: readonly MatchCandidate[]): MatchCandidate[] {
  return candidates.map((candidate) => ({
    ...candidate,
    mobility: {
      ...candidate.mobility,
      modes: candidate.mobility.modes.length > 0 ? candidate.mobility.modes : ['walk'],
      maxTravelMinutes: 24 * 60,
    },
  }));
}

function competenciesOf(occupation: SyntheticOccupation): MatchVacancy['competencies'] {
  return occupation.skills.map((label, index) => ({
    skillUri: SKILL_BY_LABEL.get(label)!.uri,
    label,
    importance: index < 2 ? 'must' : index < 4 ? 'should' : 'trainable',
  }));
}

const occupationByTitle = (title: string) => SYNTHETIC_OCCUPATIONS.find((occupation) => occupation.title === title)!;

const shift = (dayPart: DayPart, start: string, end: string, weekdays: Weekday[], required = true): Shift => ({
  dayPart,
  start,
  end,
  weekdays,
  required,
});

/**
 * A realistic vacancy: order pickers for a distribution centre in Tilburg-Noord, early shift on
 * weekdays (starts 06:00, so no public transport) required, late shift optional, 24–32 hours with a
 * ramp-up start from 16.
 */
export function realisticVacancy(): MatchVacancy {
  const orderPicker = occupationByTitle('Orderpicker');
  return {
    id: 'vacancy-orderpicker-tilburg-noord',
    kind: 'vacancy',
    title: 'Orderpicker distributiecentrum',
    occupationUri: orderPicker.uri,
    sector: orderPicker.sector,
    location: { latitude: 51.5855, longitude: 5.0634 },
    hoursMin: 24,
    hoursMax: 32,
    rampUpFromHours: 16,
    rotating: false,
    shifts: [shift('early', '06:00', '14:30', WORKDAYS), shift('late', '14:30', '23:00', WORKDAYS, false)],
    competencies: competenciesOf(orderPicker),
    requiredCredentials: [],
  };
}

/** A vacancy that excludes nobody whose travel is unlimited: no required shifts, no credentials. */
export function permissiveVacancy(): MatchVacancy {
  const production = occupationByTitle('Productiemedewerker');
  return {
    id: 'vacancy-permissive',
    kind: 'vacancy',
    title: 'Productiemedewerker',
    occupationUri: production.uri,
    sector: production.sector,
    location: REGION_CENTRE,
    hoursMin: 8,
    hoursMax: 40,
    rampUpFromHours: null,
    rotating: false,
    shifts: [shift('day', '08:00', '16:30', [...WORKDAYS, 'sat'], false), shift('late', '16:00', '23:30', WORKDAYS, false)],
    competencies: competenciesOf(production),
    requiredCredentials: [],
  };
}

const SHIFT_PATTERNS: ReadonlyArray<{ rotating: boolean; shifts: Shift[] }> = [
  { rotating: false, shifts: [shift('day', '08:00', '16:30', WORKDAYS)] },
  { rotating: false, shifts: [shift('early', '06:00', '14:30', WORKDAYS), shift('day', '09:00', '13:00', ['sat'], false)] },
  { rotating: true, shifts: [shift('early', '06:00', '14:00', WORKDAYS), shift('late', '14:00', '22:00', WORKDAYS)] },
  {
    rotating: true,
    shifts: [
      shift('early', '06:00', '14:00', WEEKDAYS.slice()),
      shift('late', '14:00', '22:00', WEEKDAYS.slice()),
      shift('night', '22:00', '06:00', WEEKDAYS.slice()),
    ],
  },
  { rotating: false, shifts: [shift('late', '17:00', '23:30', ['mon', 'tue', 'wed', 'thu', 'fri', 'sat']), shift('late', '17:00', '01:00', ['sat'], false)] },
  { rotating: false, shifts: [shift('day', '09:00', '14:00', ['mon', 'wed', 'fri'])] },
  { rotating: false, shifts: [shift('night', '23:00', '07:00', ['mon', 'tue', 'wed', 'thu'])] },
  { rotating: false, shifts: [shift('day', '10:00', '18:00', ['sat', 'sun'], false)] },
];

/** Varied vacancies across the region: occupations, shift patterns (incl. rotating and nights), credentials. */
export function generateVacancies({ count, seed = 7 }: { count: number; seed?: number }): MatchVacancy[] {
  const random = createRandom(seed);
  return Array.from({ length: count }, (_, index) => {
    const occupation = pick(random, SYNTHETIC_OCCUPATIONS);
    const pattern = pick(random, SHIFT_PATTERNS);
    const hoursMin = pick(random, [8, 16, 20, 24, 32]);
    const hoursMax = Math.min(40, hoursMin + pick(random, [0, 4, 8, 16]));
    const credentials: MatchVacancy['requiredCredentials'] = [];
    if (occupation.licence) credentials.push({ type: 'driving_licence', category: occupation.licence });
    if (occupation.certificate && random() < 0.7) credentials.push({ type: 'certificate', name: occupation.certificate });
    const competencies = competenciesOf(occupation).map((competency) =>
      // Some vacancies name a competency without a URI: matched on the label.
      random() < 0.15 ? { label: competency.label, importance: competency.importance } : competency,
    );
    return {
      id: `vacancy-${String(index).padStart(4, '0')}`,
      kind: random() < 0.8 ? 'vacancy' : 'growth_plan_role',
      title: occupation.title,
      occupationUri: random() < 0.9 ? occupation.uri : null,
      sector: occupation.sector,
      location: regionPoint(random),
      hoursMin,
      hoursMax,
      rampUpFromHours: hoursMin > 8 && random() < 0.5 ? Math.max(4, hoursMin - 8) : null,
      rotating: pattern.rotating,
      shifts: pattern.shifts,
      competencies: random() < 0.05 ? [] : competencies,
      requiredCredentials: credentials,
    };
  });
}
