import t from 'tap';
import { computeImpact, type ImpactFollowUp, type ImpactPlacement } from '../../src/reports/impact.js';
import { factorBand, wilsonInterval, type PlacementMatch } from '../../src/reports/lasting.js';

/* "Wat voorspelt een blijvende plaatsing?" (issue 16.4): retention at 6 months per group, with known answers. */

t.test('Wilson 95 % intervals: known values', async (t) => {
  t.same(wilsonInterval(0, 10), { low: 0, high: 0.2775 }, 'the textbook 0 of 10');
  t.same(wilsonInterval(8, 10), { low: 0.4902, high: 0.9433 });
  t.same(wilsonInterval(10, 12), { low: 0.552, high: 0.953 });
  t.same(wilsonInterval(1, 2), { low: 0.0945, high: 0.9055 });
  t.equal(wilsonInterval(0, 0), null);
});

t.test('factor bands come from the run: contribution / (weight × 100)', async (t) => {
  const match: PlacementMatch = {
    placementId: 'x',
    weights: { motivation: 0.25, hours: 0.1, potential: 0 },
    contributions: { motivation: 22.5, hours: 6, potential: 0 },
    conditional: false,
  };
  t.equal(factorBand(match, 'motivation'), 'high', '22.5 / 25 = 0.9');
  t.equal(factorBand(match, 'hours'), 'middle', '6 / 10 = 0.6');
  t.equal(factorBand({ ...match, contributions: { ...match.contributions, hours: 4.99 } }, 'hours'), 'low');
  t.equal(factorBand(match, 'potential'), 'unknown', 'a factor that weighed nothing');
  t.equal(factorBand(undefined, 'travel'), 'unknown', 'no run on record');
});

const placement = (id: string, overrides: Partial<ImpactPlacement> = {}): ImpactPlacement => ({
  id,
  startDate: '2026-01-05',
  hoursPerWeek: 32,
  contractMonths: 12,
  endedOn: null,
  instrumentsUsed: [],
  sector: 'logistics',
  ...overrides,
});
const six = (placementId: string, outcome: string | null, dueOn = '2026-07-05'): ImpactFollowUp => ({
  placementId,
  monthMark: 6,
  dueOn,
  outcome,
  dropoutReason: outcome === 'dropped_out' ? 'health' : null,
});
const early = (placementId: string, monthMark: number, reason: string): ImpactFollowUp => ({
  placementId,
  monthMark,
  dueOn: '2026-02-05',
  outcome: 'dropped_out',
  dropoutReason: reason,
});
const weights = { competencies: 0.2, motivation: 0.25, potential: 0, shifts: 0.12, hours: 0.1, travel: 0.1, workWishes: 0.08, education: 0.15 };
const run = (placementId: string, motivationScore: number, conditional = false): PlacementMatch => ({
  placementId,
  weights,
  contributions: { competencies: 16, motivation: motivationScore * 25, potential: 0, shifts: 12, hours: 5, travel: 3, workWishes: 4, education: 0 },
  conditional,
});

t.test('retention at 6 months by factor band, condition, instrument and drop-out reason, with intervals and notes', async (t) => {
  const ids = Array.from({ length: 14 }, (_, index) => `p${index + 1}`);
  const placements = ids.map((id) =>
    placement(id, {
      ...(id === 'p13' ? { startDate: '2026-03-01' } : {}),
      instrumentsUsed:
        id === 'p1'
          ? [{ code: 'jobcoach', oneOffAmount: 1500 }]
          : id === 'p2'
            ? [{ code: 'jobcoach', oneOffAmount: 1500 }, { code: 'proefplaatsing' }]
            : id === 'p10'
              ? [{ code: 'proefplaatsing' }]
              : [],
    }),
  );
  const followUps = [
    // p1–p9 work at 6 months.
    ...ids.slice(0, 9).map((id) => six(id, 'working')),
    // p10 dropped out at 3 months (travel): not in work at 6 months.
    early('p10', 3, 'travel'),
    six('p10', null),
    // p11 dropped out at 1 month (childcare), and works elsewhere at 6 months.
    early('p11', 1, 'childcare'),
    six('p11', 'working_elsewhere'),
    // p12 dropped out at 6 months (health).
    six('p12', 'dropped_out'),
    // p13: 6 months not due yet; p14: due, nothing recorded. Neither counts.
    six('p13', null, '2026-09-01'),
    six('p14', null),
  ];
  const matches = [...ids.slice(0, 8).map((id, index) => run(id, 0.9, index < 3)), run('p9', 0.4), run('p10', 0.4), run('p13', 0.9)];
  const figures = computeImpact({
    placements,
    followUps,
    from: '2026-01-01',
    to: '2026-03-31',
    groupBy: 'quarter',
    today: '2026-08-01',
    benefitMonthlyAmount: 1450,
    matches,
  });
  const lasting = figures.lasting;
  t.match(lasting, { mark: 6, placements: 12, inWork: 10, rate: 0.8333, interval: { low: 0.552, high: 0.953 }, withRanking: 10, minGroupSize: 10, note: null });

  const groupsOf = (dimension: string) =>
    lasting.dimensions
      .find((item) => item.dimension === dimension)!
      .groups.map((group) => [group.group, group.placements, group.inWork, group.rate, group.interval, group.tooSmall]);
  t.same(groupsOf('factor:motivation'), [
    ['low', 2, 1, 0.5, { low: 0.0945, high: 0.9055 }, true],
    ['middle', 0, 0, null, null, true],
    ['high', 8, 8, 1, { low: 0.6756, high: 1 }, true],
    ['unknown', 2, 1, 0.5, { low: 0.0945, high: 0.9055 }, true],
  ]);
  t.same(
    groupsOf('factor:potential').map((group) => group.slice(0, 3)),
    [
      ['low', 0, 0],
      ['middle', 0, 0],
      ['high', 0, 0],
      ['unknown', 12, 10],
    ],
    'potential weighed nothing in these runs',
  );
  t.same(groupsOf('factor:shifts').map((group) => group.slice(0, 3))[2], ['high', 10, 9], 'shifts 12 / 12: high');
  t.same(groupsOf('conditional'), [
    ['conditional', 3, 3, 1, { low: 0.4385, high: 1 }, true],
    ['unconditional', 7, 6, 0.8571, { low: 0.4869, high: 0.9743 }, true],
    ['unknown', 2, 1, 0.5, { low: 0.0945, high: 0.9055 }, true],
  ]);
  t.same(groupsOf('instrument'), [
    ['jobcoach', 2, 2, 1, { low: 0.3424, high: 1 }, true],
    ['proefplaatsing', 2, 1, 0.5, { low: 0.0945, high: 0.9055 }, true],
    ['none', 9, 8, 0.8889, { low: 0.565, high: 0.9801 }, true],
  ]);
  t.same(groupsOf('dropout_reason'), [
    ['none', 9, 9, 1, { low: 0.7009, high: 1 }, true],
    ['health', 1, 0, 0, { low: 0, high: 0.7935 }, true],
    ['childcare', 1, 1, 1, { low: 0.2065, high: 1 }, true],
    ['travel', 1, 0, 0, { low: 0, high: 0.7935 }, true],
  ]);
  const instrumentLabels = lasting.dimensions.find((item) => item.dimension === 'instrument')!.groups.map((group) => group.label);
  t.same(instrumentLabels, ['Jobcoach', 'Proefplaatsing', 'Geen regeling']);
  const motivationLow = lasting.dimensions.find((item) => item.dimension === 'factor:motivation')!.groups[0]!;
  t.equal(motivationLow.note, 'Te weinig plaatsingen (2) om hier iets uit te concluderen. Het echte percentage kan overal tussen 9% en 91% liggen.');
  t.equal(lasting.dimensions.length, 9, 'six factors, condition, instrument, drop-out reason');
});

t.test('too few outcomes: a plain-Dutch note for the whole section', async (t) => {
  const figures = computeImpact({
    placements: [placement('a'), placement('b')],
    followUps: [six('a', 'working'), six('b', 'dropped_out')],
    from: '2026-01-01',
    to: '2026-03-31',
    groupBy: 'month',
    today: '2026-08-01',
    benefitMonthlyAmount: 1450,
  });
  t.match(figures.lasting, { placements: 2, inWork: 1, withRanking: 0 });
  t.equal(
    figures.lasting.note,
    'Nog maar 2 plaatsingen met een uitkomst na 6 maanden. Dat is te weinig om te zeggen wat een plaatsing blijvend maakt. Lees de cijfers als een eerste beeld, niet als bewijs.',
  );
  const english = computeImpact({
    placements: [placement('a')],
    followUps: [six('a', 'working')],
    from: '2026-01-01',
    to: '2026-03-31',
    groupBy: 'month',
    today: '2026-08-01',
    benefitMonthlyAmount: 1450,
    lang: 'en',
  });
  t.match(english.lasting.note, /^Only 1 placement with an outcome at 6 months/);
});
