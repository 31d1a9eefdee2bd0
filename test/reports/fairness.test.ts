import t from 'tap';
import type { AuditAttributes } from '../../src/privacy/audit-attributes.js';
import { computeFairness, FAIRNESS_STAGES, type FairnessStage, type FairnessSubject } from '../../src/reports/fairness.js';

/*
 * REQUIREMENTS F6 with known answers: fixture populations whose selection rates and impact ratios
 * are worked out by hand. A group spec [pool, topK, shortlisted, invited, hired] makes `pool` people
 * of whom the first `topK` reach the top k, the first `shortlisted` of those a shortlist, and so on.
 */

type Spec = Record<string, readonly [number, number, number, number, number]>;

function population(spec: Spec, dimension: keyof AuditAttributes = 'gender'): FairnessSubject[] {
  const subjects: FairnessSubject[] = [];
  for (const [group, counts] of Object.entries(spec)) {
    const [pool, ...reached] = counts;
    for (let i = 0; i < pool; i += 1) {
      const attributes: AuditAttributes = { gender: null, ageBand: null, migrationBackground: null, disability: null };
      attributes[dimension] = group === 'unknown' ? null : group;
      const flags = Object.fromEntries(FAIRNESS_STAGES.map((stage, index) => [stage, i < reached[index]!])) as Record<FairnessStage, boolean>;
      subjects.push({ attributes, reached: flags });
    }
  }
  return subjects;
}

type Expected = {
  group: string;
  pool: number;
  selected: number;
  rate: number | null;
  impactRatio: number | null;
  flagged: boolean;
  tooSmall?: boolean;
  reference?: boolean;
};

const cases: Array<{ name: string; spec: Spec; stage: FairnessStage; expected: Expected[]; flags: number }> = [
  {
    name: 'top-k: women 40 of 100, men 60 of 100 → 0.4 / 0.6 = 0.667, flagged',
    spec: { female: [100, 40, 20, 10, 5], male: [100, 60, 30, 15, 9] },
    stage: 'ranked_top_k',
    expected: [
      { group: 'female', pool: 100, selected: 40, rate: 0.4, impactRatio: 0.6667, flagged: true },
      { group: 'male', pool: 100, selected: 60, rate: 0.6, impactRatio: 1, flagged: false, reference: true },
    ],
    flags: 1,
  },
  {
    name: 'shortlisted: the pool is the previous stage’s selected (40 and 60), both 50 % → 1.0',
    spec: { female: [100, 40, 20, 10, 5], male: [100, 60, 30, 15, 9] },
    stage: 'shortlisted',
    expected: [
      { group: 'female', pool: 40, selected: 20, rate: 0.5, impactRatio: 1, flagged: false, reference: true },
      { group: 'male', pool: 60, selected: 30, rate: 0.5, impactRatio: 1, flagged: false },
    ],
    flags: 1,
  },
  {
    name: 'hired: 5 of 10 against 9 of 15 → 0.5 / 0.6 = 0.833, not flagged',
    spec: { female: [100, 40, 20, 10, 5], male: [100, 60, 30, 15, 9] },
    stage: 'hired',
    expected: [
      { group: 'female', pool: 10, selected: 5, rate: 0.5, impactRatio: 0.8333, flagged: false },
      { group: 'male', pool: 15, selected: 9, rate: 0.6, impactRatio: 1, flagged: false, reference: true },
    ],
    flags: 1,
  },
  {
    name: 'exactly 0.8 is not below 0.8: 40 of 50 against 50 of 50',
    spec: { female: [50, 40, 0, 0, 0], male: [50, 50, 0, 0, 0] },
    stage: 'ranked_top_k',
    expected: [
      { group: 'female', pool: 50, selected: 40, rate: 0.8, impactRatio: 0.8, flagged: false },
      { group: 'male', pool: 50, selected: 50, rate: 1, impactRatio: 1, flagged: false, reference: true },
    ],
    flags: 0,
  },
  {
    name: 'just below: 39 of 50 against 50 of 50 → 0.78, flagged',
    spec: { female: [50, 39, 0, 0, 0], male: [50, 50, 0, 0, 0] },
    stage: 'ranked_top_k',
    expected: [
      { group: 'female', pool: 50, selected: 39, rate: 0.78, impactRatio: 0.78, flagged: true },
      { group: 'male', pool: 50, selected: 50, rate: 1, impactRatio: 1, flagged: false, reference: true },
    ],
    flags: 1,
  },
  {
    name: 'rounding never decides: 13 of 23 against 80 of 113 is 0.798, flagged although it rounds to 0.80',
    spec: { europe: [23, 13, 0, 0, 0], none: [113, 80, 0, 0, 0] },
    stage: 'ranked_top_k',
    expected: [
      { group: 'none', pool: 113, selected: 80, rate: 0.708, impactRatio: 1, flagged: false, reference: true },
      { group: 'europe', pool: 23, selected: 13, rate: 0.5652, impactRatio: 0.7984, flagged: true },
    ],
    flags: 1,
  },
  {
    name: 'a group under 10 is shown, never flagged and never the reference, even with the best rate',
    spec: { female: [20, 10, 0, 0, 0], male: [20, 12, 0, 0, 0], other: [5, 5, 0, 0, 0] },
    stage: 'ranked_top_k',
    expected: [
      { group: 'female', pool: 20, selected: 10, rate: 0.5, impactRatio: 0.8333, flagged: false },
      { group: 'male', pool: 20, selected: 12, rate: 0.6, impactRatio: 1, flagged: false, reference: true },
      { group: 'other', pool: 5, selected: 5, rate: 1, impactRatio: 1.6667, flagged: false, tooSmall: true },
    ],
    flags: 0,
  },
  {
    name: 'a small group with a low rate is not flagged either',
    spec: { female: [20, 10, 0, 0, 0], male: [20, 12, 0, 0, 0], other: [5, 1, 0, 0, 0] },
    stage: 'ranked_top_k',
    expected: [{ group: 'other', pool: 5, selected: 1, rate: 0.2, impactRatio: 0.3333, flagged: false, tooSmall: true }],
    flags: 0,
  },
  {
    name: 'people who did not say are "unknown": counted, never compared',
    spec: { female: [20, 10, 0, 0, 0], male: [20, 10, 0, 0, 0], unknown: [30, 3, 0, 0, 0] },
    stage: 'ranked_top_k',
    expected: [{ group: 'unknown', pool: 30, selected: 3, rate: 0.1, impactRatio: null, flagged: false }],
    flags: 0,
  },
  {
    name: 'nobody selected: no reference, no ratios, no flags',
    spec: { female: [20, 0, 0, 0, 0], male: [20, 0, 0, 0, 0] },
    stage: 'ranked_top_k',
    expected: [
      { group: 'female', pool: 20, selected: 0, rate: 0, impactRatio: null, flagged: false },
      { group: 'male', pool: 20, selected: 0, rate: 0, impactRatio: null, flagged: false },
    ],
    flags: 0,
  },
  {
    name: 'a group nobody of which reached the stage has an empty pool and no rate',
    spec: { female: [20, 0, 0, 0, 0], male: [20, 10, 5, 0, 0] },
    stage: 'shortlisted',
    expected: [
      { group: 'female', pool: 0, selected: 0, rate: null, impactRatio: null, flagged: false, tooSmall: true },
      { group: 'male', pool: 10, selected: 5, rate: 0.5, impactRatio: 1, flagged: false, reference: true },
    ],
    flags: 1, // the top-k stage: 0 of 20 against 10 of 20
  },
];

for (const testCase of cases) {
  t.test(testCase.name, async (t) => {
    const figures = computeFairness(population(testCase.spec, testCase.spec.europe ? 'migrationBackground' : 'gender'));
    const dimension = figures.dimensions.find((item) => item.dimension === (testCase.spec.europe ? 'migrationBackground' : 'gender'))!;
    const stage = dimension.stages.find((item) => item.stage === testCase.stage)!;
    for (const expected of testCase.expected) {
      const group = stage.groups.find((item) => item.group === expected.group)!;
      t.match(group, { ...expected, tooSmall: expected.tooSmall ?? false, reference: expected.reference ?? false }, expected.group);
    }
    t.equal(figures.flags.length, testCase.flags, 'flags over every stage');
  });
}

t.test('a person shortlisted without being in the top k is outside the funnel from step 2 on', async (t) => {
  const subjects = population({ female: [10, 10, 0, 0, 0], male: [10, 10, 0, 0, 0] });
  // Manually shortlisted without a top-k place: not in the pool of the shortlisted stage.
  subjects.push({
    attributes: { gender: 'female', ageBand: null, migrationBackground: null, disability: null },
    reached: { ranked_top_k: false, shortlisted: true, invited: true, hired: true },
  });
  const gender = computeFairness(subjects).dimensions.find((item) => item.dimension === 'gender')!;
  t.match(
    gender.stages[0]!.groups.find((group) => group.group === 'female'),
    { pool: 11, selected: 10 },
  );
  t.match(
    gender.stages[1]!.groups.find((group) => group.group === 'female'),
    { pool: 10, selected: 0 },
  );
  t.equal(gender.stages[3]!.selected, 0);
});

t.test('every dimension is reported on its own, with groups in a fixed order and the unknown last', async (t) => {
  const subjects: FairnessSubject[] = [
    {
      attributes: { gender: 'male', ageBand: '55-67', migrationBackground: 'outside_europe', disability: 'yes' },
      reached: { ranked_top_k: true, shortlisted: false, invited: false, hired: false },
    },
    {
      attributes: { gender: null, ageBand: null, migrationBackground: null, disability: null },
      reached: { ranked_top_k: false, shortlisted: false, invited: false, hired: false },
    },
  ];
  const figures = computeFairness(subjects, { lang: 'en' });
  t.same(
    figures.dimensions.map((dimension) => dimension.dimension),
    ['gender', 'ageBand', 'migrationBackground', 'disability'],
  );
  t.same(
    figures.dimensions[1]!.stages[0]!.groups.map((group) => group.group),
    ['18-26', '27-44', '45-54', '55-67', 'unknown'],
  );
  t.equal(figures.people, 2);
  t.equal(figures.withAttributes, 1);
  t.equal(figures.dimensions[2]!.stages[0]!.groups[2]!.label, 'outside Europe');
  t.ok(figures.definitions.some((line) => line.includes('four-fifths')));
  t.ok(
    computeFairness(subjects).definitions.some((line) => line.includes('vier-vijfde')),
    'Dutch by default',
  );
});
