import type { SubmitIntakeBody } from '../intake/intake.answers.js';
import { createRandom } from './random.js';
import type { DayPart, Weekday, WeekGrid } from '../schemas/schedule.js';
import { DEMO_EMPLOYERS, type DemoEmployer } from './demo-employers.js';
import { DEMO_POSTCODE_AREAS } from './demo-places.js';
import { withDemoConcept } from './demo-taxonomy.js';

/*
 * The demo Werkplein's jobseekers: clearly synthetic people (family name "Demo-001" …) whose
 * profiles fit the demo vacancies in realistic proportions. Every figure below is a choice made to
 * resemble a regional bijstand caseload, not data about anyone.
 */

type Random = () => number;
const pick = <T>(random: Random, items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
function weighted<T>(random: Random, table: ReadonlyArray<readonly [T, number]>): T {
  const total = table.reduce((sum, [, weight]) => sum + weight, 0);
  let roll = random() * total;
  for (const [value, weight] of table) {
    roll -= weight;
    if (roll < 0) return value;
  }
  return table.at(-1)![0];
}

/** Invented given names, shared with the benchmarks' synthetic jobseekers (bench/synthetic-candidates.ts). */
export const GIVEN_NAMES = [
  'Anna',
  'Mohamed',
  'Sanne',
  'Ahmet',
  'Priya',
  'Joost',
  'Fatima',
  'Kevin',
  'Nadia',
  'Bram',
  'Yusuf',
  'Lotte',
  'Samira',
  'Dennis',
  'Aylin',
  'Ricardo',
  'Marloes',
  'Tariq',
  'Eva',
  'Kofi',
  'Iris',
  'Mehmet',
  'Shanti',
  'Ruud',
  'Hanna',
  'Abdi',
  'Chantal',
  'Piotr',
  'Elif',
  'Sven',
  'Noor',
  'Ivan',
  'Ingrid',
  'Omar',
  'Monique',
  'Tomasz',
  'Zeynep',
  'Patrick',
  'Aisha',
  'Wim',
];

/** Share of the caseload whose work wishes lie in each sector (logistics is the region's largest). */
const SECTOR_WISHES: ReadonlyArray<readonly [DemoEmployer['sector'], number]> = [
  ['logistics', 30],
  ['production', 15],
  ['cleaning', 14],
  ['hospitality', 12],
  ['care', 12],
  ['retail', 11],
  ['green_maintenance', 6],
];

const WORKWEEK: Weekday[] = ['mon', 'tue', 'wed', 'thu', 'fri'];
const ALL_DAYS: Weekday[] = [...WORKWEEK, 'sat', 'sun'];

/** Availability patterns and their shares: parents of school children, day workers, shift workers … */
const AVAILABILITY: ReadonlyArray<readonly [{ days: Weekday[]; parts: DayPart[]; label: string }, number]> = [
  [{ days: WORKWEEK, parts: ['day'], label: 'weekdays, daytime' }, 30],
  [{ days: WORKWEEK, parts: ['early', 'day'], label: 'weekday mornings' }, 15],
  [{ days: ['mon', 'tue', 'thu'], parts: ['day'], label: 'school hours, three days' }, 8],
  [{ days: ALL_DAYS, parts: ['early', 'day', 'late'], label: 'flexible, no nights' }, 22],
  [{ days: ALL_DAYS, parts: ['early', 'day', 'late', 'night'], label: 'any shift' }, 10],
  [{ days: ['thu', 'fri', 'sat', 'sun'], parts: ['day', 'late'], label: 'evenings and weekends' }, 10],
  [{ days: WORKWEEK, parts: ['early', 'late'], label: 'two-shift' }, 5],
];

const DOMAIN_SHARES = [
  ['finances', 25],
  ['childcare', 15],
  ['mobility', 15],
  ['language', 15],
  ['health', 10],
  ['housing', 8],
  ['digital_skills', 7],
  ['care_duties', 5],
] as const;

const ACTIONS: Record<string, { action: string; owner: 'candidate' | 'account_manager' | 'partner'; unlocksMode?: 'bike' }> = {
  finances: { action: 'aanmelden bij schuldhulpverlening', owner: 'partner' },
  childcare: { action: 'kinderopvang regelen voor de werkdagen', owner: 'candidate' },
  mobility: { action: 'fiets regelen via de fietsenbank', owner: 'account_manager', unlocksMode: 'bike' },
  language: { action: 'taalcursus Nederlands op de werkvloer', owner: 'partner' },
  health: { action: 'afspraak met de bedrijfsarts over belastbaarheid', owner: 'partner' },
  housing: { action: 'urgentieaanvraag woning begeleiden', owner: 'account_manager' },
  digital_skills: { action: 'cursus digitale vaardigheden in de bibliotheek', owner: 'partner' },
  care_duties: { action: 'respijtzorg regelen voor twee dagdelen', owner: 'account_manager' },
};

const EXPERIENCE: Record<DemoEmployer['sector'], Array<{ kind: 'paid' | 'volunteer' | 'informal' | 'care'; title: string }>> = {
  logistics: [
    { kind: 'paid', title: 'Magazijnmedewerker via uitzendbureau' },
    { kind: 'volunteer', title: 'Voedselbank: pakketten inpakken' },
  ],
  production: [
    { kind: 'paid', title: 'Inpakker in een fabriek' },
    { kind: 'informal', title: 'Fietsen repareren voor buren' },
  ],
  cleaning: [
    { kind: 'paid', title: 'Schoonmaker in een kantoor' },
    { kind: 'care', title: 'Huishouden en zorg voor vader' },
  ],
  hospitality: [
    { kind: 'paid', title: 'Afwasser in een restaurant' },
    { kind: 'volunteer', title: 'Koken in het buurthuis' },
  ],
  care: [
    { kind: 'care', title: 'Mantelzorg voor moeder' },
    { kind: 'volunteer', title: 'Gastvrouw in het verzorgingshuis' },
  ],
  retail: [
    { kind: 'paid', title: 'Vakkenvuller in een supermarkt' },
    { kind: 'volunteer', title: 'Kringloopwinkel: kassa en uitstalling' },
  ],
  green_maintenance: [
    { kind: 'volunteer', title: 'Buurttuin onderhouden' },
    { kind: 'paid', title: 'Seizoenswerk in de kwekerij' },
  ],
};

const CERTIFICATES: ReadonlyArray<readonly [string, number, DemoEmployer['sector'] | null]> = [
  ['VCA Basis', 0.1, null],
  ['Certificaat heftruckchauffeur', 0.25, 'logistics'],
  ['Hygiënecode (HACCP)', 0.3, 'hospitality'],
  ['Verklaring Omtrent het Gedrag (VOG)', 0.5, 'care'],
];

function competencyLabels(sector: DemoEmployer['sector']): string[] {
  const labels = new Set<string>();
  for (const employer of DEMO_EMPLOYERS) {
    if (employer.sector !== sector) continue;
    for (const vacancy of employer.vacancies) for (const competency of vacancy.competencies) labels.add(competency.label);
  }
  return [...labels];
}

/**
 * A person's barriers as the demo draws them (none for 45 %, one for 35 %, two for 20 %; three in
 * four solvable, with the agreed action for their domain, "fiets regelen" only for who has no bike).
 * Also used by the matching benchmark, so that its population has open actions as a Werkplein's has.
 */
export function demoBarriers(random: Random, hasBike: boolean) {
  const barrierCount = weighted(random, [
    [0, 45],
    [1, 35],
    [2, 20],
  ] as const);
  const domains = new Set<(typeof DOMAIN_SHARES)[number][0]>();
  while (domains.size < barrierCount) domains.add(weighted(random, DOMAIN_SHARES));
  return [...domains].map((domain) => {
    const solvable = random() < 0.75;
    const action = ACTIONS[domain]!;
    return {
      domain,
      severity: weighted(random, [
        ['light', 40],
        ['moderate', 45],
        ['severe', 15],
      ] as const),
      solvable,
      ...(solvable ? { action: action.action, actionOwner: action.owner, ...(action.unlocksMode && !hasBike ? { unlocksMode: action.unlocksMode } : {}) } : {}),
    };
  });
}

export type DemoCandidate = {
  givenName: string;
  familyName: string;
  postcode: string;
  accountManagerIndex: number;
  status: 'active' | 'paused';
  consentToShare: boolean;
  intake: SubmitIntakeBody;
};

/** Generates the demo caseload deterministically (same seed, same people). */
export function generateDemoCandidates(count = 260, seed = 2026): DemoCandidate[] {
  const random = createRandom(seed);
  const people: DemoCandidate[] = [];
  for (let index = 0; index < count; index += 1) {
    const sector = weighted(random, SECTOR_WISHES);
    const secondSector = random() < 0.35 ? weighted(random, SECTOR_WISHES) : sector;
    const pattern = weighted(random, AVAILABILITY);
    const grid = Object.fromEntries(ALL_DAYS.map((day) => [day, pattern.days.includes(day) ? [...pattern.parts] : []])) as WeekGrid;
    const hoursNow = weighted(random, [
      [8, 10],
      [12, 10],
      [16, 20],
      [20, 15],
      [24, 20],
      [32, 15],
      [36, 10],
    ] as const);
    const hoursTarget = Math.min(
      40,
      hoursNow +
        weighted(random, [
          [0, 35],
          [8, 30],
          [16, 25],
          [24, 10],
        ] as const),
    );
    const rampUpPlan =
      hoursTarget > hoursNow
        ? [hoursNow, Math.round((hoursNow + hoursTarget) / 2 / 4) * 4, hoursTarget].filter((step, i, all) => i === 0 || step > all[i - 1]!)
        : [];
    const hasCar = random() < 0.3;
    const modes = new Set<'walk' | 'bike' | 'ebike' | 'public_transport' | 'car' | 'moped'>(['walk']);
    if (random() < 0.55) modes.add('bike');
    if (random() < 0.1) modes.add('ebike');
    if (random() < 0.4) modes.add('public_transport');
    if (hasCar) modes.add('car');
    if (random() < 0.05) modes.add('moped');
    const licences: Array<'B' | 'C' | 'CE' | 'T'> = hasCar || random() < 0.1 ? ['B'] : [];
    if (licences.length > 0 && random() < 0.05) licences.push('C', 'CE');
    const labels = [...new Set([...competencyLabels(sector), ...competencyLabels(secondSector)])];
    const competencies = Array.from({ length: 2 + Math.floor(random() * 4) }, () => pick(random, labels))
      .filter((label, i, all) => all.indexOf(label) === i)
      .map((label) =>
        // Staff linked a concept to the person's words where the demo taxonomy has one (issue 13.1).
        withDemoConcept({
          label,
          level: weighted(random, [
            [1, 20],
            [2, 40],
            [3, 30],
            [4, 10],
          ] as const),
          evidence: weighted(random, [
            ['self_reported', 35],
            ['observed', 20],
            ['work_experience', 25],
            ['volunteer_work', 15],
            ['certificate', 5],
          ] as const),
        }),
      );
    const barriers = demoBarriers(random, modes.has('bike'));
    const certificates = CERTIFICATES.filter(([, share, onlyFor]) => (onlyFor === null || onlyFor === sector) && random() < share).map(([name]) => name);
    const motivation = weighted(random, [
      [1, 5],
      [2, 10],
      [3, 30],
      [4, 35],
      [5, 20],
    ] as const);
    const learning = weighted(random, [
      [1, 4],
      [2, 12],
      [3, 34],
      [4, 35],
      [5, 15],
    ] as const);
    const area = weighted(
      random,
      DEMO_POSTCODE_AREAS.map((item) => [item, item.place === 'Tilburg' ? 3 : 1] as const),
    );
    const answers = {
      workWishes: { occupationUris: [], titles: [sectorTitle(sector)], sectors: [...new Set([sector, secondSector])] },
      experience: EXPERIENCE[sector].filter(() => random() < 0.7).map((item) => ({ ...item, months: 6 + Math.floor(random() * 60) })),
      competencies,
      availability: { grid, hoursNow, hoursTarget, rampUpPlan },
      motivation: { score: motivation, evidence: MOTIVATION_EVIDENCE[motivation - 1]! },
      barriers,
      certificates,
      diplomas: {
        educationLevel: weighted(random, [
          [0, 20],
          [1, 35],
          [2, 30],
          [3, 12],
          [4, 3],
        ] as const),
        items: [],
      },
    };
    // One in eight intakes was done on the previous questionnaire (v1: distance in km, no learning ability).
    const legacy = random() < 0.125 && !barriers.some((barrier) => barrier.domain === 'digital_skills');
    const maxTravelMinutes = weighted(random, [
      [20, 15],
      [30, 35],
      [45, 35],
      [60, 15],
    ] as const);
    const intake = (
      legacy
        ? {
            questionnaireVersion: 'v1',
            answers: { ...answers, mobility: { modes: [...modes], drivingLicences: licences, maxTravelKm: Math.round(maxTravelMinutes / 4) } },
          }
        : {
            questionnaireVersion: 'v2',
            answers: {
              ...answers,
              mobility: { modes: [...modes], drivingLicences: licences, maxTravelMinutes },
              learningAbility: { score: learning, evidence: LEARNING_EVIDENCE[learning - 1]! },
            },
          }
    ) as SubmitIntakeBody;
    people.push({
      givenName: pick(random, GIVEN_NAMES),
      familyName: `Demo-${String(index + 1).padStart(3, '0')}`,
      postcode: area.postcode4,
      accountManagerIndex: index % 4,
      status: random() < 0.08 ? 'paused' : 'active',
      consentToShare: random() < 0.65,
      intake,
    });
  }
  return people;
}

function sectorTitle(sector: DemoEmployer['sector']): string {
  return {
    logistics: 'magazijnwerk',
    production: 'productiewerk',
    cleaning: 'schoonmaakwerk',
    hospitality: 'horeca',
    care: 'zorg en welzijn',
    retail: 'winkelwerk',
    green_maintenance: 'buiten werken in het groen',
  }[sector];
}

const MOTIVATION_EVIDENCE = [
  'Twijfelt nog of werk nu haalbaar is; wil eerst rust.',
  'Komt afspraken meestal na, maar zoekt zelf weinig.',
  'Wil graag werken, vooral om meer structuur in de week te hebben.',
  'Zoekt zelf vacatures en vraagt door over het werk.',
  'Komt steeds voorbereid, heeft al met twee werkgevers gebeld.',
];

const LEARNING_EVIDENCE = [
  'Had veel uitleg nodig bij het invullen van formulieren.',
  'Leert in een eigen tempo, met voorbeelden.',
  'Pikte nieuwe taken bij het vrijwilligerswerk goed op.',
  'Leerde het kassasysteem van de kringloopwinkel in één dag.',
  'Legde na één uitleg het scansysteem uit aan anderen.',
];
