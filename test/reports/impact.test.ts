import t from 'tap';
import { computeImpact, periodKeys, type ImpactFollowUp, type ImpactPlacement } from '../../src/reports/impact.js';
import { estimateSavings } from '../../src/placements/savings.js';

/* The impact report's arithmetic, with known answers. */

const placement = (id: string, overrides: Partial<ImpactPlacement> = {}): ImpactPlacement => ({
  id,
  startDate: '2026-01-05',
  hoursPerWeek: 36,
  contractMonths: 6,
  endedOn: null,
  instrumentsUsed: [],
  sector: 'logistics',
  ...overrides,
});

const followUp = (
  placementId: string,
  monthMark: number,
  dueOn: string,
  outcome: string | null = null,
  dropoutReason: string | null = null,
): ImpactFollowUp => ({
  placementId,
  monthMark,
  dueOn,
  outcome,
  dropoutReason,
});

t.test('periods: every month or quarter in the range, also empty ones', async (t) => {
  t.same(periodKeys('2025-11-15', '2026-02-01', 'month'), ['2025-11', '2025-12', '2026-01', '2026-02']);
  t.same(periodKeys('2025-11-15', '2026-04-01', 'quarter'), ['2025-Q4', '2026-Q1', '2026-Q2']);
  t.same(periodKeys('2026-03-01', '2026-03-31', 'month'), ['2026-03']);
});

t.test('placements, people in work at 1/3/6 months, drop-out reasons and savings, in total, per period and per sector', async (t) => {
  const placements = [
    // a: still working at 1, 3 and 6 months.
    placement('a', { startDate: '2026-01-05' }),
    // b: dropped out at 3 months (childcare); the 6-month check was never filled in: counts as not in work.
    placement('b', { startDate: '2026-01-20', endedOn: '2026-04-10', hoursPerWeek: 18, sector: 'care', contractMonths: 12 }),
    // c: working at 1 month; the 3-month check is due but not filled in; 6 months not yet due.
    placement('c', { startDate: '2026-02-02', instrumentsUsed: [{ code: 'loonkostensubsidie', monthlyAmount: 500 }] }),
    // d: outside the period.
    placement('d', { startDate: '2025-12-31' }),
  ];
  const followUps = [
    followUp('a', 1, '2026-02-05', 'working'),
    followUp('a', 3, '2026-04-05', 'working_fewer_hours'),
    followUp('a', 6, '2026-07-05', 'working_elsewhere'),
    followUp('b', 1, '2026-02-20', 'working'),
    followUp('b', 3, '2026-04-20', 'dropped_out', 'childcare'),
    followUp('b', 6, '2026-07-20'),
    followUp('c', 1, '2026-03-02', 'working'),
    followUp('c', 3, '2026-05-02'),
    followUp('c', 6, '2026-08-02'),
    followUp('d', 1, '2026-01-31', 'dropped_out', 'travel'),
  ];
  const figures = computeImpact({
    placements,
    followUps,
    from: '2026-01-01',
    to: '2026-03-31',
    groupBy: 'month',
    today: '2026-07-25',
    benefitMonthlyAmount: 1450,
    erasedPlacements: 2,
  });

  t.equal(figures.totals.placements, 3, 'd started before the period');
  t.match(figures.totals.retention, [
    { mark: 1, inWork: 3, notInWork: 0, unknown: 0, notYetDue: 0, rate: 1 },
    { mark: 3, inWork: 1, notInWork: 1, unknown: 1, notYetDue: 0, rate: 0.5 },
    { mark: 6, inWork: 1, notInWork: 1, unknown: 0, notYetDue: 1, rate: 0.5 },
  ]);
  t.same(figures.dropoutReasons, [{ reason: 'childcare', label: 'Kinderopvang', count: 1 }]);

  // Savings reuse the placement arithmetic: a 6 × 1450 × 1 = 8700; b ended after 2 whole months: 2 × 1450 × 0.5 = 1450;
  // c 6 × 1450 − 500 × 6 = 5700.
  const expected = [
    estimateSavings({ benefitMonthlyAmount: 1450, hoursPerWeek: 36, months: 6, instruments: [], ended: false }),
    estimateSavings({ benefitMonthlyAmount: 1450, hoursPerWeek: 18, months: 2, instruments: [], ended: true }),
    estimateSavings({
      benefitMonthlyAmount: 1450,
      hoursPerWeek: 36,
      months: 6,
      instruments: [{ code: 'loonkostensubsidie', monthlyAmount: 500 }],
      ended: false,
    }),
  ];
  t.same(
    expected.map((estimate) => estimate.netSavings),
    [8700, 1450, 5700],
  );
  t.same(figures.totals.savings, { avoidedBenefit: 18850, subsidyCosts: 3000, netSavings: 15850, currency: 'EUR' });

  t.same(
    figures.byPeriod.map((slice) => [slice.key, slice.label, slice.placements, slice.savings.netSavings]),
    [
      ['2026-01', 'jan 2026', 2, 10150],
      ['2026-02', 'feb 2026', 1, 5700],
      ['2026-03', 'mrt 2026', 0, 0],
    ],
  );
  t.same(
    figures.bySector.map((slice) => [slice.key, slice.label, slice.placements]),
    [
      ['logistics', 'Logistiek', 2],
      ['care', 'Zorg', 1],
    ],
  );
  t.equal(figures.erasedPlacements, 2);
  t.ok(
    figures.assumptions.some((line) => /1\.450,00/.test(line)),
    'the assumptions name the benefit amount',
  );
  t.ok(figures.definitions.length >= 4);

  const quarters = computeImpact({
    placements,
    followUps,
    from: '2026-01-01',
    to: '2026-03-31',
    groupBy: 'quarter',
    today: '2026-07-25',
    benefitMonthlyAmount: 1450,
    lang: 'en',
  });
  t.same(
    quarters.byPeriod.map((slice) => [slice.key, slice.label, slice.placements]),
    [['2026-Q1', 'Q1 2026', 3]],
  );
  t.equal(quarters.dropoutReasons[0]!.label, 'Childcare');
});

t.test('a later follow-up overrides an earlier drop-out; nothing known gives no rate', async (t) => {
  const figures = computeImpact({
    placements: [placement('x'), placement('y', { startDate: '2026-06-01' })],
    followUps: [followUp('x', 1, '2026-02-05', 'dropped_out', 'health'), followUp('x', 3, '2026-04-05', 'working'), followUp('y', 1, '2026-07-01')],
    from: '2026-01-01',
    to: '2026-06-30',
    groupBy: 'month',
    today: '2026-06-15',
    benefitMonthlyAmount: 1000,
  });
  t.match(figures.totals.retention[0], { inWork: 0, notInWork: 1, notYetDue: 1, rate: 0 });
  t.match(figures.totals.retention[1], { inWork: 1, notInWork: 0, rate: 1 });
  t.match(figures.totals.retention[2], { inWork: 0, notInWork: 0, unknown: 0, notYetDue: 2, rate: null }, 'no 6-month rows yet');
});

t.test('16.6 a placement whose household is recorded counts with its savings by the rules; the others with the average', async (t) => {
  const figures = computeImpact({
    placements: [placement('a'), placement('b')],
    followUps: [],
    from: '2026-01-01',
    to: '2026-03-31',
    groupBy: 'month',
    today: '2026-01-10',
    benefitMonthlyAmount: 1450,
    ruledSavings: new Map([['a', { avoidedBenefit: 13503.7, subsidyCosts: 4500, netSavings: 9003.7 }]]),
  });
  // b: 6 months × 1.450 × 36/36 = 8.700 (the average); a: its months by the rules.
  t.same(figures.totals.savings, { avoidedBenefit: 22203.7, subsidyCosts: 4500, netSavings: 17703.7, currency: 'EUR' });
  t.match(figures.assumptions.at(-1), /^Voor 1 van de 2 plaatsingen is het huishouden vastgelegd/);
});
