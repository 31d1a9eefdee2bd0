import t from 'tap';
import { addMonths, amsterdamDate, followUpDueDates, wholeMonthsBetween } from '../../src/placements/calendar.js';
import { benefitMonthsAvoided, estimateSavings, estimateSavingsByMonth } from '../../src/placements/savings.js';
import { DEFAULT_VERSIONED_RULE_SETS } from '../../src/rekentool/rekentool.defaults.js';

t.test('savings arithmetic (table)', async (t) => {
  const cases: Array<{ name: string; input: Parameters<typeof estimateSavings>[0]; avoided: number; subsidies: number; net: number; share: number }> = [
    {
      name: 'full time, no instruments',
      input: { benefitMonthlyAmount: 1450, hoursPerWeek: 36, months: 12, instruments: [], ended: false },
      avoided: 17400,
      subsidies: 0,
      net: 17400,
      share: 1,
    },
    {
      name: 'more than 36 hours still saves the whole benefit, not more',
      input: { benefitMonthlyAmount: 1450, hoursPerWeek: 40, months: 12, instruments: [], ended: false },
      avoided: 17400,
      subsidies: 0,
      net: 17400,
      share: 1,
    },
    {
      name: 'part time: in proportion to the hours',
      input: { benefitMonthlyAmount: 1450, hoursPerWeek: 18, months: 12, instruments: [], ended: false },
      avoided: 8700,
      subsidies: 0,
      net: 8700,
      share: 0.5,
    },
    {
      name: '24 of 36 hours, six months',
      input: { benefitMonthlyAmount: 1500, hoursPerWeek: 24, months: 6, instruments: [], ended: false },
      avoided: 6000,
      subsidies: 0,
      net: 6000,
      share: 0.6667,
    },
    {
      name: 'a subsidy for as many months as saved',
      input: { benefitMonthlyAmount: 1450, hoursPerWeek: 36, months: 12, instruments: [{ code: 'loonkostensubsidie', monthlyAmount: 600 }], ended: false },
      avoided: 17400,
      subsidies: 7200,
      net: 10200,
      share: 1,
    },
    {
      name: 'a subsidy with its own months, plus a one-off amount',
      input: {
        benefitMonthlyAmount: 1450,
        hoursPerWeek: 32,
        months: 12,
        instruments: [
          { code: 'loonkostensubsidie', monthlyAmount: 500, months: 6 },
          { code: 'jobcoach', oneOffAmount: 2500 },
        ],
        ended: false,
      },
      avoided: 15466.67,
      subsidies: 5500,
      net: 9966.67,
      share: 0.8889,
    },
    {
      name: 'subsidies can outweigh the savings: a negative estimate is shown as it is',
      input: { benefitMonthlyAmount: 1000, hoursPerWeek: 12, months: 3, instruments: [{ code: 'loonkostensubsidie', monthlyAmount: 900 }], ended: true },
      avoided: 1000,
      subsidies: 2700,
      net: -1700,
      share: 0.3333,
    },
    {
      name: 'no months, no savings',
      input: { benefitMonthlyAmount: 1450, hoursPerWeek: 36, months: 0, instruments: [], ended: true },
      avoided: 0,
      subsidies: 0,
      net: 0,
      share: 1,
    },
  ];
  for (const { name, input, avoided, subsidies, net, share } of cases) {
    const estimate = estimateSavings(input);
    t.same(
      { avoided: estimate.avoidedBenefit, subsidies: estimate.subsidyCosts, net: estimate.netSavings, share: estimate.hoursShare },
      { avoided, subsidies, net, share },
      name,
    );
  }
});

t.test('benefit months avoided (table)', async (t) => {
  const cases: Array<{ name: string; input: Parameters<typeof benefitMonthsAvoided>[0]; months: number }> = [
    { name: 'no contract length: one year', input: { startDate: '2027-01-04', contractMonths: null, endedOn: null }, months: 12 },
    { name: 'a six-month contract', input: { startDate: '2027-01-04', contractMonths: 6, endedOn: null }, months: 6 },
    { name: 'a two-year contract counts one year', input: { startDate: '2027-01-04', contractMonths: 24, endedOn: null }, months: 12 },
    { name: 'ended after two and a half months', input: { startDate: '2027-01-04', contractMonths: null, endedOn: '2027-03-20' }, months: 2 },
    { name: 'ended before a month', input: { startDate: '2027-01-04', contractMonths: 6, endedOn: '2027-01-20' }, months: 0 },
    { name: 'ended after the contract: the contract counts', input: { startDate: '2027-01-04', contractMonths: 3, endedOn: '2027-09-01' }, months: 3 },
  ];
  for (const { name, input, months } of cases) t.equal(benefitMonthsAvoided(input), months, name);
});

t.test('the assumptions are stated in plain Dutch, English on request', async (t) => {
  const dutch = estimateSavings({ benefitMonthlyAmount: 1450, hoursPerWeek: 24, months: 12, instruments: [], ended: false });
  t.equal(dutch.assumptions.length, 5);
  t.match(dutch.assumptions.join(' '), /12 maanden.*1\.450,00.*24 uur per week van 36 uur is 67%.*schatting/s);
  const english = estimateSavings({ benefitMonthlyAmount: 1450, hoursPerWeek: 24, months: 2, instruments: [], ended: true }, 'en');
  t.match(english.assumptions[0], /2 months .* end of the placement/);
  t.match(english.assumptions[1], /€1,450\.00/);
});

t.test('calendar: follow-ups at +1, +3 and +6 months (table)', async (t) => {
  const cases: Array<{ start: string; due: string[] }> = [
    { start: '2027-01-04', due: ['2027-02-04', '2027-04-04', '2027-07-04'] },
    { start: '2027-01-31', due: ['2027-02-28', '2027-04-30', '2027-07-31'] },
    { start: '2027-08-31', due: ['2027-09-30', '2027-11-30', '2028-02-29'] },
    { start: '2026-11-15', due: ['2026-12-15', '2027-02-15', '2027-05-15'] },
  ];
  for (const { start, due } of cases) {
    t.same(
      followUpDueDates(start),
      [
        { monthMark: 1, dueOn: due[0] },
        { monthMark: 3, dueOn: due[1] },
        { monthMark: 6, dueOn: due[2] },
      ],
      `start ${start}`,
    );
  }
  t.equal(addMonths('2027-12-15', 1), '2028-01-15');
  t.equal(wholeMonthsBetween('2027-01-31', '2027-02-28'), 1);
  t.equal(wholeMonthsBetween('2027-01-15', '2027-02-14'), 0);
  t.equal(amsterdamDate(new Date('2026-11-25T23:30:00Z')), '2026-11-26', 'the Dutch calendar day');
});

t.test('16.6 savings month by month by the benefit rules: the ramp-up and the income allowance (known answers)', async (t) => {
  // The rekentool's example 7 (test/rekentool/calculate.test.ts): single, 27+, minimum wage, 8 → 16 → 24 hours from
  // 1 February 2026 under the rules of 1 January 2026. Its assistance with work per month: 988,44 (8 h),
  // 589,51 (16 h), 79,20 (24 h, the allowance capped at 285) and 0 once the six allowance months are over.
  const input = {
    household: { situation: 'single' as const, costSharers: 0, ageGroup: '27_to_pension_age' as const, partnerNetMonthlyIncome: 0 },
    startDate: '2026-02-01',
    contractMonths: null,
    endedOn: null,
    hoursPlan: [
      { fromMonth: 1, hoursPerWeek: 8 },
      { fromMonth: 3, hoursPerWeek: 16 },
      { fromMonth: 5, hoursPerWeek: 24 },
    ],
    hoursPlanSource: 'candidate_and_vacancy' as const,
    instruments: [
      { code: 'loonkostensubsidie', monthlyAmount: 500, months: 6 },
      { code: 'jobcoach', oneOffAmount: 1500 },
    ],
    rulesFor: () => DEFAULT_VERSIONED_RULE_SETS[0]!,
  };
  const savings = estimateSavingsByMonth(input);
  t.equal(savings.months.length, 12, 'the first year');
  // Avoided per month = norm 1.401,50 − assistance with work.
  t.same(
    savings.months.map((month) => month.avoidedBenefit),
    [413.06, 413.06, 811.99, 811.99, 1322.3, 1322.3, 1401.5, 1401.5, 1401.5, 1401.5, 1401.5, 1401.5],
  );
  t.same(
    savings.months.map((month) => month.incomeAllowance),
    [137.69, 137.69, 270.67, 270.67, 285, 285, 0, 0, 0, 0, 0, 0],
    'the income allowance keeps part of the benefit paid for six months',
  );
  t.same(
    savings.months.map((month) => month.subsidyCosts),
    [2000, 500, 500, 500, 500, 500, 0, 0, 0, 0, 0, 0],
  );
  // 2 × 413,06 + 2 × 811,99 + 2 × 1.322,30 + 6 × 1.401,50 = 13.503,70; subsidies 6 × 500 + 1.500 = 4.500.
  t.same(savings.totals, { avoidedBenefit: 13503.7, subsidyCosts: 4500, netSavings: 9003.7 });
  t.equal(savings.months[0]!.month, '2026-02');
  t.same(savings.rulesVersions, [{ id: 'builtin:2026-01-01', version: 0, validFrom: '2026-01-01' }]);
  const texts = savings.assumptions.map((assumption) => assumption.text).join('\n');
  t.match(texts, /Uren per week: vanaf maand 1 8 uur, vanaf maand 3 16 uur, vanaf maand 5 24 uur/);
  t.match(texts, /Inkomstenvrijlating: 25% van het netto loon blijft buiten de bijstand, hooguit €\s285,00 per maand en 6 maanden/);
  const sourced = savings.assumptions.filter((assumption) => assumption.source !== null);
  t.ok(
    sourced.length >= 4 && sourced.every((assumption) => /^https:\/\//.test(assumption.source!.url)),
    'norm, wage, tax and allowance each name their source',
  );

  // Ended on 20 May: four working months, nothing saved after; the subsidy stops with the work.
  const ended = estimateSavingsByMonth({ ...input, endedOn: '2026-05-20' });
  t.same(
    ended.months.map((month) => month.avoidedBenefit),
    [413.06, 413.06, 811.99, 811.99, 0, 0, 0, 0, 0, 0, 0, 0],
  );
  t.same(ended.totals, { avoidedBenefit: 2450.1, subsidyCosts: 3500, netSavings: -1049.9 });
  // The average estimate of the same placement at 24 hours would say 12 × 1.450 × 24/36 = 11.600 avoided.
  t.equal(estimateSavings({ benefitMonthlyAmount: 1450, hoursPerWeek: 24, months: 12, instruments: [], ended: false }).avoidedBenefit, 11600);
});
