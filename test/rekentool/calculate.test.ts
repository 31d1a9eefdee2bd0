import t from 'tap';
import {
  annualPayrollTax,
  bijstandForMonth,
  bijstandNorm,
  calculateIncome,
  cents,
  contractEnd,
  generalTaxCredit,
  labourTaxCredit,
  monthlyGross,
  netWageForMonth,
  type Household,
  type Offer,
} from '../../src/rekentool/rekentool.calculate.js';
import { DEFAULT_RULE_SETS, DEFAULT_VERSIONED_RULE_SETS } from '../../src/rekentool/rekentool.defaults.js';
import { ruleSetProblems, ruleSetSchema, type VersionedRuleSet } from '../../src/rekentool/rekentool.rules.js';
import { buildRuleTimeline } from '../../src/rekentool/rekentool.service.js';

/*
 * The rekentool's arithmetic against worked examples from published material (issue 17, point 5).
 * Every example names its source; where a source gives a method rather than an answer, the
 * expected values are worked out by hand in the test from the published figures, never by calling
 * the code under test.
 */

const rules2026 = DEFAULT_RULE_SETS[0]!;
const rulesFor = () => DEFAULT_VERSIONED_RULE_SETS[0]!;
const single: Household = { situation: 'single', costSharers: 0, ageGroup: '27_to_pension_age', partnerNetMonthlyIncome: 0 };
const allowance2026 = rules2026.incomeAllowance;
const offer = (overrides: Partial<Offer>): Offer => ({
  startDate: '2026-02-01',
  hoursPlan: [{ fromMonth: 1, hoursPerWeek: 24 }],
  hourlyWage: null,
  contractMonths: null,
  monthlyWorkCosts: 0,
  ...overrides,
});

t.test('the defaults are the published figures per 1 January 2026, each with a source', async (t) => {
  t.equal(rules2026.validFrom, '2026-01-01');
  // Participatiewet art. 21 per 1-1-2026 (wetten.overheid.nl/BWBR0015703/2026-01-01#Artikel21).
  t.equal(rules2026.bijstand.normSingle, 1401.5);
  t.equal(rules2026.bijstand.normPartners, 2002.13);
  // Art. 31.2.n: 25 %, at most € 285,00, six months; art. 31.5: not below 27.
  t.match(allowance2026, { share: 0.25, monthlyCap: 285, months: 6, minimumAge: 27 });
  t.equal(rules2026.minimumWage.hourly, 14.71);
  for (const source of [
    rules2026.bijstand.source,
    rules2026.bijstand.costSharing.source,
    allowance2026.source,
    rules2026.minimumWage.source,
    ...rules2026.payrollTax.sources,
  ]) {
    t.match(source.url, /^https:\/\//, `${source.title} has a URL`);
  }
  t.same(ruleSetProblems(rules2026), []);
});

t.test('per 1 July 2026: the norms of the law text in force that day, the minimum wage of € 14,99; 2027 said to be missing', async (t) => {
  const july = DEFAULT_RULE_SETS.find((rules) => rules.validFrom === '2026-07-01')!;
  t.ok(july, 'a built-in period from 1 July 2026');
  // Participatiewet art. 21 per 1-7-2026 (wetten.overheid.nl/BWBR0015703/2026-07-01#Artikel21).
  t.match(july.bijstand, { normSingle: 1419.46, normSingleParent: 1419.46, normPartners: 2027.79, holidayAllowanceShare: 0.048 });
  t.match(july.bijstand.source.url, /BWBR0015703\/2026-07-01#Artikel21$/);
  // Art. 31.2.n per 1-7-2026: unchanged, 25 %, at most € 285,00, six months.
  t.match(july.incomeAllowance, { share: 0.25, monthlyCap: 285, months: 6, minimumAge: 27 });
  t.equal(july.minimumWage.hourly, 14.99);
  t.match(july.minimumWage.source.note, /niet zelf te lezen/, 'says the minimum wage was read second-hand');
  t.same(july.payrollTax, rules2026.payrollTax, 'tax figures are per calendar year');
  t.ok(
    july.notes.some((note) => note.includes('1 januari 2027')),
    'says which figures could not be found',
  );
  t.same(ruleSetProblems(july), []);
  t.same(
    DEFAULT_RULE_SETS.map((rules) => rules.validFrom),
    ['2026-01-01', '2026-07-01'],
    'nothing for 2027 is made up',
  );

  // A start in May: months from July use the July norm, months from January 2027 are flagged as using older figures.
  const timeline = buildRuleTimeline([]);
  const result = calculateIncome({ household: single, offer: offer({ startDate: '2026-05-01' }), rulesFor: (month) => timeline.rulesFor(month)!, lang: 'nl' });
  t.same(
    result.months.map((month) => month.norm),
    [1401.5, 1401.5, ...Array(10).fill(1419.46)],
  );
  t.same(
    result.rulesVersions.map((used) => used.id),
    ['builtin:2026-01-01', 'builtin:2026-07-01'],
  );
  t.same(
    result.months.map((month) => month.flags.includes('rules_outdated')),
    [...Array(8).fill(false), ...Array(4).fill(true)],
  );
});

t.test(
  'example 1 — MinBZK/regelrecht-mvp, doc/experimenten/test0_rotterdam/bijlage_b_pipeline_algemene_bijstand.md, processtap 7.3 (per 1-1-2026)',
  async (t) => {
    // "alleenstaande 35 jaar, geen kostendelers, parttime inkomen uit arbeid van € 600 netto per maand:
    //  norm € 1.401,50; inkomensvrijlating 25 % × € 600 = € 150; bijstand € 1.401,50 − € 450 = € 951,50."
    const norm = bijstandNorm(single, rules2026);
    t.equal(norm, 1401.5);
    t.same(bijstandForMonth({ norm, otherIncome: 0, netEarnings: 600, allowance: allowance2026 }), { incomeAllowance: 150, bijstand: 951.5 });
  },
);

t.test('example 2 — Gemeente-Delft/Gemeentelijk-Gegevensmodel, Model Inkomsten, definition "Vrijlating inkomsten"', async (t) => {
  // "als u in een maand netto € 500,- verdient met werken, mag u € 125,- houden … in plaats van 500
  //  wordt er (500 – 125) = 375 gekort." (cap then € 224; the 2026 cap of € 285 does not bite either)
  const { incomeAllowance, bijstand } = bijstandForMonth({ norm: 1401.5, otherIncome: 0, netEarnings: 500, allowance: allowance2026 });
  t.equal(incomeAllowance, 125);
  t.equal(cents(500 - incomeAllowance), 375, '€ 375 is counted against the assistance');
  t.equal(bijstand, cents(1401.5 - 375));
});

t.test('example 3 — wage above the norm: Participatiewet art. 31.2.n (cap € 285) and Schulinck, "Inkomstenvrijlating" (werkwijze)', async (t) => {
  // Schulinck: assistance ends only when income minus the allowance reaches the norm. € 1.500 net:
  // 25 % = € 375, capped at € 285; counted € 1.215 < € 1.401,50, so € 186,50 assistance remains.
  t.same(bijstandForMonth({ norm: 1401.5, otherIncome: 0, netEarnings: 1500, allowance: allowance2026 }), { incomeAllowance: 285, bijstand: 186.5 });
  // After the six months (no allowance): € 1.500 ≥ € 1.401,50, so no assistance, and no allowance counted.
  t.same(bijstandForMonth({ norm: 1401.5, otherIncome: 0, netEarnings: 1500, allowance: null }), { incomeAllowance: 0, bijstand: 0 });
  // Far above the norm even with the allowance: no assistance, so the allowance month is not used up.
  t.same(bijstandForMonth({ norm: 1401.5, otherIncome: 0, netEarnings: 2000, allowance: allowance2026 }), { incomeAllowance: 0, bijstand: 0 });
});

t.test('example 4 — kostendelersnorm, Participatiewet art. 22a: (40 + 30 × A) / (100 × A) × the partners’ norm', async (t) => {
  // One cost-sharer with a single person: A = 2 → 100/200 = 50 % of € 2.002,13 = € 1.001,065 → € 1.001,07.
  t.equal(bijstandNorm({ ...single, costSharers: 1 }, rules2026), 1001.07);
  // Two cost-sharers: A = 3 → 130/300 of € 2.002,13 = € 867,59.
  t.equal(bijstandNorm({ ...single, costSharers: 2 }, rules2026), 867.59);
  // Partners with one cost-sharer: A = 3, and the partners' norm is the sum of both (art. 22a.2): 2 × 867,5896 = 1.735,18.
  t.equal(bijstandNorm({ situation: 'partners', costSharers: 1, ageGroup: '27_to_pension_age', partnerNetMonthlyIncome: 0 }, rules2026), 1735.18);
  t.equal(bijstandNorm({ ...single, situation: 'single_parent' }, rules2026), 1401.5);
  t.equal(bijstandNorm({ ...single, situation: 'partners' }, rules2026), 2002.13);
});

t.test('example 5 — tax credits 2026: salure.nl "Arbeidskorting" table and aplusbadviesgroep.nl "Tarieven … 2026"', async (t) => {
  const { labourCredit, generalCredit } = rules2026.payrollTax;
  // Published labour-credit knots: € 996 at € 11.965, € 5.300 at € 25.845, € 5.685 at € 45.592, 0 from € 132.920.
  t.ok(Math.abs(labourTaxCredit(11965, labourCredit) - 996) < 0.05);
  t.ok(Math.abs(labourTaxCredit(25845, labourCredit) - 5300) < 0.1);
  t.ok(Math.abs(labourTaxCredit(45592, labourCredit) - 5685) < 0.1);
  t.ok(labourTaxCredit(132920, labourCredit) < 0.1);
  t.equal(labourTaxCredit(200000, labourCredit), 0);
  // General credit: € 3.115 up to € 29.736, nothing left at the top-rate threshold of € 78.426.
  t.equal(generalTaxCredit(20000, generalCredit), 3115);
  t.equal(generalTaxCredit(29736, generalCredit), 3115);
  t.ok(generalTaxCredit(78426, generalCredit) < 0.5);
  // Brackets: 35,75 % up to € 38.884, 37,56 % up to € 78.426.
  t.ok(Math.abs(annualPayrollTax(38884, rules2026.payrollTax).beforeCredits - 38884 * 0.3575) < 0.01);
  t.ok(Math.abs(annualPayrollTax(50000, rules2026.payrollTax).beforeCredits - (38884 * 0.3575 + (50000 - 38884) * 0.3756)) < 0.01);
  t.equal(annualPayrollTax(6000, rules2026.payrollTax).payrollTax, 0, 'credits never make tax negative');
});

t.test('example 6 — Haarlemmermeer, "Zo berekent u uw netto-inkomsten": € 1.300 per 4 weeks is € 1.408 per month', async (t) => {
  // "€ 1.300 x 13 = € 16.900 … : 12 = € 1.408": the same 52/12 weeks a month as the rekentool.
  // € 1.300 per 4 weeks = € 325 a week = 25 hours at € 13.
  t.equal(Math.round(monthlyGross({ hourlyWage: 13, hoursPerWeek: 25 })), 1408);
});

t.test('example 7 — a part-time start that builds up 8 → 16 → 24 hours (iasz.nl "Parttime werken loont": the first six months 25 % is kept)', async (t) => {
  const result = calculateIncome({
    household: single,
    offer: offer({
      hoursPlan: [
        { fromMonth: 1, hoursPerWeek: 8 },
        { fromMonth: 3, hoursPerWeek: 16 },
        { fromMonth: 5, hoursPerWeek: 24 },
      ],
    }),
    rulesFor,
  });
  const [m1, , m3, , m5, m6, m7] = result.months;
  // Month 1, 8 hours at the minimum wage € 14,71: gross 14,71 × 8 × 52/12 = € 509,95; holiday pay 8 % = € 40,80.
  // Annual (509,95 + 40,80) × 12 = € 6.609: tax 35,75 % = € 2.362,70 < general credit € 3.115 alone, so no payroll tax.
  t.match(m1, { grossWage: 509.95, holidayPay: 40.8, payrollTax: 0, netWage: 550.75 });
  // Allowance 25 % × 550,75 = € 137,69; assistance 1.401,50 − (550,75 − 137,69) = € 988,44.
  t.match(m1, { incomeAllowance: 137.69, bijstand: 988.44, allowanceMonth: 1, incomeWithWork: 1539.19, difference: 137.69 });
  // Month 3, 16 hours: gross € 1.019,89, holiday € 81,59, annual € 13.217,76.
  // Tax 35,75 % = 4.725,35; credits 3.115 + (996 + 31,009 % × 1.252,76 = 1.384,47); 225,88 a year = € 18,82 a month.
  t.match(m3, { grossWage: 1019.89, holidayPay: 81.59, payrollTax: 18.82, netWage: 1082.66, incomeAllowance: 270.67, bijstand: 589.51 });
  // Month 5, 24 hours: net € 1.607,30 is above the norm, but 25 % (€ 401,83) is capped at € 285, so
  // 1.401,50 − (1.607,30 − 285) = € 79,20 assistance remains while the allowance lasts.
  t.match(m5, { grossWage: 1529.84, netWage: 1607.3, incomeAllowance: 285, bijstand: 79.2, allowanceMonth: 5 });
  t.match(m6, { allowanceMonth: 6, bijstand: 79.2 });
  t.ok(m6!.flags.includes('allowance_last_month'), 'the month the allowance ends is marked');
  // Month 7: the allowance has ended; € 1.607,30 ≥ € 1.401,50, so assistance stops.
  t.match(m7, { incomeAllowance: 0, allowanceMonth: null, bijstand: 0, incomeWithWork: 1607.3 });
  t.ok(m7!.flags.includes('allowance_ended') && m7!.flags.includes('bijstand_ends'));
  t.equal(result.months.filter((month) => month.allowanceMonth !== null).length, 6, 'six allowance months, no more');
  t.same(result.povertyTrap.months, []);
  t.equal(result.conclusion.length, 3);
  t.match(result.conclusion[1], /inkomstenvrijlating/);
  t.equal(result.totals.difference, cents(result.months.reduce((sum, month) => sum + month.difference, 0)));
  t.same(result.rulesVersions, [{ id: 'builtin:2026-01-01', version: 0, validFrom: '2026-01-01' }]);
});

t.test('edge: zero hours changes nothing and uses no allowance month', async (t) => {
  const result = calculateIncome({ household: single, offer: offer({ hoursPlan: [{ fromMonth: 1, hoursPerWeek: 0 }] }), rulesFor });
  for (const month of result.months) t.match(month, { grossWage: 0, netWage: 0, incomeAllowance: 0, bijstand: 1401.5, difference: 0, allowanceMonth: null });
  t.ok(result.months.every((month) => !month.flags.includes('no_gain') && !month.flags.includes('armoedeval')));
  t.equal(result.totals.difference, 0);
  t.match(result.conclusion[1], /geen loon/);
});

t.test('edge: the month the allowance ends, with work costs, is a poverty trap — and what would lift it', async (t) => {
  // 16 hours at the minimum wage nets € 1.082,66 (example 7), below the norm: after six months the
  // wage only replaces assistance, and € 60 of travel costs make the month worse than not working.
  const result = calculateIncome({ household: single, offer: offer({ hoursPlan: [{ fromMonth: 1, hoursPerWeek: 16 }], monthlyWorkCosts: 60 }), rulesFor });
  t.same(result.povertyTrap.months, ['2026-08', '2026-09', '2026-10', '2026-11', '2026-12', '2027-01']);
  t.match(result.months[6], { incomeAllowance: 0, difference: -60, flags: ['allowance_ended', 'armoedeval', 'rules_outdated'] });
  t.match(result.months[5], { incomeAllowance: 270.67, difference: cents(270.67 - 60) });
  const [hours, wage, costs] = result.povertyTrap.remedies;
  t.equal(hours?.kind, 'more_hours');
  // With h hours the net wage must exceed the norm by the costs: 1.401,50 + 60 = 1.461,50 — about 22 hours.
  const needed = (hours as { hoursPerWeek: number }).hoursPerWeek;
  const netAt = (h: number) => netWageForMonth(monthlyGross({ hourlyWage: 14.71, hoursPerWeek: h }), rules2026).netWage;
  t.ok(netAt(needed) - 60 >= 1401.5 && netAt(needed - 1) - 60 < 1401.5, `${needed} hours is the least that breaks even`);
  t.equal(wage?.kind, 'higher_wage');
  t.equal(costs?.kind, 'work_costs_paid');
  t.match(result.conclusion[2], /Let op: in 6 maanden vanaf augustus 2026/);
});

t.test('edge: without work costs the same offer is "no gain", never a trap', async (t) => {
  const result = calculateIncome({ household: single, offer: offer({ hoursPlan: [{ fromMonth: 1, hoursPerWeek: 16 }] }), rulesFor });
  t.same(result.povertyTrap.months, []);
  t.ok(result.months.slice(6).every((month) => month.difference === 0 && month.flags.includes('no_gain')));
});

t.test('under 27 the allowance does not apply (Participatiewet art. 31.5)', async (t) => {
  const result = calculateIncome({
    household: { ...single, ageGroup: '21_to_26' },
    offer: offer({ hoursPlan: [{ fromMonth: 1, hoursPerWeek: 8 }] }),
    rulesFor,
  });
  t.ok(result.months.every((month) => month.incomeAllowance === 0 && month.bijstand === cents(1401.5 - 550.75)));
  t.ok(result.assumptions.some((text) => text.includes('jonger dan 27')));
});

t.test('allowance months already used count', async (t) => {
  const result = calculateIncome({
    household: single,
    offer: offer({ hoursPlan: [{ fromMonth: 1, hoursPerWeek: 8 }] }),
    rulesFor,
    incomeAllowanceMonthsUsed: 4,
  });
  t.same(
    result.months.map((month) => month.allowanceMonth),
    [5, 6, null, null, null, null, null, null, null, null, null, null],
  );
  // One month left: the conclusion says "de maand", not "de 1 maanden".
  const lastOne = calculateIncome({
    household: single,
    offer: offer({ hoursPlan: [{ fromMonth: 1, hoursPerWeek: 8 }] }),
    rulesFor,
    incomeAllowanceMonthsUsed: 5,
  });
  t.same(
    lastOne.months.filter((month) => month.allowanceMonth !== null).map((month) => month.allowanceMonth),
    [6],
  );
  t.ok(lastOne.totals.difference > 0, 'working pays');
  t.match(lastOne.conclusion[1], /vooral in de maand dat u een deel van uw loon extra mag houden/, 'one month: "de maand"');
  t.notMatch(lastOne.conclusion[1], /\b1 maanden\b/);
});

t.test('a partial first month, a fixed-term contract and back to full assistance after it', async (t) => {
  t.equal(contractEnd('2026-03-16', 2), '2026-05-15');
  const result = calculateIncome({ household: single, offer: offer({ startDate: '2026-03-16', contractMonths: 2 }), rulesFor });
  const [march, april, may, june] = result.months;
  t.equal(march!.workedShare, Math.round((16 / 31) * 10000) / 10000, 'from the 16th: 16 of 31 days');
  t.equal(march!.grossWage, cents(monthlyGross({ hourlyWage: 14.71, hoursPerWeek: 24 }) * (16 / 31)));
  t.equal(april!.workedShare, 1);
  t.equal(may!.workedShare, Math.round((15 / 31) * 10000) / 10000, 'up to the 15th');
  t.match(june, { workedShare: 0, grossWage: 0, bijstand: 1401.5, difference: 0 });
  t.ok(june!.flags.includes('contract_ended'));
});

t.test('partners: the partner’s income counts against the partners’ norm', async (t) => {
  const household: Household = { situation: 'partners', costSharers: 0, ageGroup: '27_to_pension_age', partnerNetMonthlyIncome: 500 };
  const result = calculateIncome({ household, offer: offer({ hoursPlan: [{ fromMonth: 1, hoursPerWeek: 8 }] }), rulesFor });
  // Without work: € 500 + assistance 2.002,13 − 500 = the norm. With work (8 hours, net 550,75, allowance 137,69):
  // assistance 2.002,13 − (500 + 550,75 − 137,69) = € 1.089,07.
  t.match(result.months[0], { incomeWithoutWork: 2002.13, bijstand: 1089.07, partnerIncome: 500, incomeWithWork: cents(500 + 550.75 + 1089.07) });
});

t.test('rules change on 1 July: later months use the newer version, and the result names both', async (t) => {
  const july: VersionedRuleSet = {
    id: 'stored-july',
    version: 1,
    rules: ruleSetSchema.parse({ ...rules2026, validFrom: '2026-07-01', bijstand: { ...rules2026.bijstand, normSingle: 1420 } }),
  };
  const timeline = (month: string) => (month >= '2026-07-01' ? july : DEFAULT_VERSIONED_RULE_SETS[0]!);
  const result = calculateIncome({ household: single, offer: offer({ hoursPlan: [{ fromMonth: 1, hoursPerWeek: 0 }] }), rulesFor: timeline });
  t.same(
    result.months.map((month) => month.norm),
    [1401.5, 1401.5, 1401.5, 1401.5, 1401.5, 1420, 1420, 1420, 1420, 1420, 1420, 1420],
  );
  t.same(result.months.map((month) => month.rulesVersionId).slice(4, 6), ['builtin:2026-01-01', 'stored-july']);
  t.same(
    result.rulesVersions.map((used) => used.id),
    ['builtin:2026-01-01', 'stored-july'],
  );
  t.same(
    result.months.filter((month) => month.flags.includes('rules_outdated')).map((month) => month.month),
    ['2027-01'],
    'only January 2027 uses figures of an earlier half year',
  );
});

t.test('figures older than the month they are used for are said out loud', async (t) => {
  const result = calculateIncome({ household: single, offer: offer({ startDate: '2026-06-01' }), rulesFor });
  t.notOk(result.months[0]!.flags.includes('rules_outdated'));
  t.ok(result.months[1]!.flags.includes('rules_outdated'));
  t.ok(result.assumptions.some((text) => text.includes('juli 2026 tot en met mei 2027')));
});

t.test('what is not included is named, in Dutch and in English', async (t) => {
  const nl = calculateIncome({ household: single, offer: offer({}), rulesFor });
  t.ok(nl.notIncluded.some((text) => text.startsWith('Huurtoeslag en zorgtoeslag')));
  const en = calculateIncome({ household: single, offer: offer({}), rulesFor, lang: 'en' });
  t.ok(en.notIncluded.some((text) => text.startsWith('Rent benefit')));
  t.match(en.conclusion[0], /^With this work you have/);
  t.equal(en.conclusion.length, 3);
});

t.test('rounding is half up to whole cents', async (t) => {
  t.equal(cents(1001.065), 1001.07);
  t.equal(cents(0.005), 0.01);
  t.equal(cents(-0.005), -0.01);
  t.equal(cents(2.675), 2.68);
});

t.test('rule sets with brackets out of order are refused', async (t) => {
  const broken = ruleSetSchema.parse({
    ...rules2026,
    payrollTax: {
      ...rules2026.payrollTax,
      brackets: [
        { upTo: 78426, rate: 0.3756 },
        { upTo: 38884, rate: 0.3575 },
        { upTo: null, rate: 0.495 },
      ],
    },
  });
  t.match(ruleSetProblems(broken), ['/payrollTax/brackets: upper bounds must increase']);
  t.throws(() => ruleSetSchema.parse({ ...rules2026, validFrom: '2026-03-01' }), /1 January or 1 July/);
});

t.test('the chart: inline SVG without script or style attributes, labelled, a marker on every poverty-trap month', async (t) => {
  const { incomeChartSvg } = await import('../../src/rekentool/rekentool.chart.js');
  const result = calculateIncome({ household: single, offer: offer({ hoursPlan: [{ fromMonth: 1, hoursPerWeek: 16 }], monthlyWorkCosts: 60 }), rulesFor });
  const svg = incomeChartSvg({ months: result.months, lang: 'nl' });
  t.match(svg, /^<svg [^>]*role="img" aria-labelledby="inkomen-title inkomen-desc"/);
  t.notMatch(svg, /<script|style=|\son[a-z]+=/i, 'nothing the strict CSP forbids');
  t.equal(svg.match(/<g class="rekentool-month/g)?.length, 12);
  t.equal(svg.match(/class="rekentool-trap"/g)?.length, 6, 'one marker per poverty-trap month');
  t.match(svg, /In 6 maanden is het inkomen met werk lager dan met alleen bijstand/);
  t.match(svg, /augustus 2026: met werk € 1\.341,50 \(loon € 1\.082,66 min kosten € 60,00/);
  const calm = incomeChartSvg({ months: calculateIncome({ household: single, offer: offer({}), rulesFor, lang: 'en' }).months, lang: 'en', id: 'x' });
  t.notMatch(calm, /rekentool-trap/);
  t.match(calm, /In no month is income with work lower/);
});
