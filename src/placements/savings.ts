import { calculateIncome, monthStart, type Household, type HoursStep } from '../rekentool/rekentool.calculate.js';
import type { RuleSet, VersionedRuleSet } from '../rekentool/rekentool.rules.js';
import type { HoursPlanSource } from '../rekentool/rekentool.schemas.js';
import type { Lang } from '../schemas/messages.js';
import { wholeMonthsBetween } from './calendar.js';

/*
 * What a placement saves, as an estimate with its assumptions said out loud. Pure arithmetic:
 *
 *   avoided benefit = benefit months avoided × monthly benefit × min(hours / 36, 1)
 *   subsidies       = Σ monthly amount × months (the instrument's own, or the months avoided) + one-off amounts
 *   net savings     = avoided benefit − subsidies
 *
 * The hours share is there because bijstand is reduced in proportion to earnings: a part-time job
 * saves part of the benefit. 36 hours counts as full time.
 */

export const FULL_TIME_HOURS = 36;
/** The estimate looks one year ahead at most. */
export const SAVINGS_HORIZON_MONTHS = 12;

export type InstrumentCost = { code: string; monthlyAmount?: number | undefined; months?: number | undefined; oneOffAmount?: number | undefined };

/** Months without benefit: the contract's length up to the horizon, or up to the end date once the placement has ended. */
export function benefitMonthsAvoided({
  startDate,
  contractMonths,
  endedOn,
}: {
  startDate: string;
  contractMonths: number | null;
  endedOn: string | null;
}): number {
  const planned = Math.min(contractMonths ?? SAVINGS_HORIZON_MONTHS, SAVINGS_HORIZON_MONTHS);
  return endedOn ? Math.min(wholeMonthsBetween(startDate, endedOn), planned) : planned;
}

export type SavingsEstimate = {
  benefitMonthsAvoided: number;
  benefitMonthlyAmount: number;
  /** 0–1: the part of the benefit that stops, from the hours worked. */
  hoursShare: number;
  avoidedBenefit: number;
  subsidyCosts: number;
  netSavings: number;
  currency: 'EUR';
  assumptions: string[];
};

const cents = (value: number) => Math.round(value * 100) / 100;

function euro(value: number, lang: Lang): string {
  return new Intl.NumberFormat(lang === 'nl' ? 'nl-NL' : 'en-GB', { style: 'currency', currency: 'EUR' }).format(value);
}

/** The savings estimate of one placement, with the assumptions in plain language. */
export function estimateSavings(
  input: { benefitMonthlyAmount: number; hoursPerWeek: number; months: number; instruments: readonly InstrumentCost[]; ended: boolean },
  lang: Lang = 'nl',
): SavingsEstimate {
  const hoursShare = Math.min(Math.max(input.hoursPerWeek, 0) / FULL_TIME_HOURS, 1);
  const avoidedBenefit = cents(input.months * input.benefitMonthlyAmount * hoursShare);
  const subsidyCosts = cents(
    input.instruments.reduce(
      (sum, instrument) => sum + (instrument.monthlyAmount ?? 0) * (instrument.months ?? input.months) + (instrument.oneOffAmount ?? 0),
      0,
    ),
  );
  const percentage = Math.round(hoursShare * 100);
  const amount = euro(input.benefitMonthlyAmount, lang);
  const assumptions =
    lang === 'nl'
      ? [
          input.ended
            ? `We tellen ${input.months} maanden zonder bijstand: van de start tot het einde van de plaatsing.`
            : `We tellen ${input.months} maanden zonder bijstand: de duur van het contract, en nooit meer dan ${SAVINGS_HORIZON_MONTHS} maanden.`,
          `Een maand bijstand kost gemiddeld ${amount}. Dat bedrag staat in de instellingen van dit Werkplein.`,
          `De bijstand gaat omlaag naar wat iemand verdient. ${input.hoursPerWeek} uur per week van ${FULL_TIME_HOURS} uur is ${percentage}% (nooit meer dan 100%).`,
          'De kosten van regelingen gaan eraf: het bedrag per maand keer het aantal maanden, plus eenmalige bedragen.',
          'Dit is een schatting. Toeslagen, belastingen en de kosten van begeleiding zijn niet meegerekend.',
        ]
      : [
          input.ended
            ? `We count ${input.months} months without social assistance: from the start to the end of the placement.`
            : `We count ${input.months} months without social assistance: the contract's length, never more than ${SAVINGS_HORIZON_MONTHS} months.`,
          `A month of social assistance costs ${amount} on average. That amount is in this Werkplein's settings.`,
          `Social assistance is reduced in proportion to earnings. ${input.hoursPerWeek} hours a week out of ${FULL_TIME_HOURS} is ${percentage}% (never more than 100%).`,
          'The cost of instruments is subtracted: the monthly amount times the number of months, plus one-off amounts.',
          'This is an estimate. Allowances, taxes and the cost of support are not included.',
        ];
  return {
    benefitMonthsAvoided: input.months,
    benefitMonthlyAmount: input.benefitMonthlyAmount,
    hoursShare: Math.round(hoursShare * 10000) / 10000,
    avoidedBenefit,
    subsidyCosts,
    netSavings: cents(avoidedBenefit - subsidyCosts),
    currency: 'EUR',
    assumptions,
  };
}

/*
 * Savings that follow the rules (issue 16.6): month by month for the first year, from the rekentool's
 * own calculation (src/rekentool/rekentool.calculate.ts, the tenant's rule sets): the hours plan as
 * it builds up, the net wage after payroll tax with the tax credits, the income allowance
 * (inkomstenvrijlating) with its share, cap and term, and the household's norm. Per month:
 *
 *   benefit without work = max(0, norm − partner income)
 *   benefit with work    = the rekentool's bijstand of that month (with the allowance)
 *   avoided benefit      = benefit without work − benefit with work
 *   subsidies            = the instruments' monthly amounts while they run (their own months, or
 *                          while the person works), one-off amounts in the first month
 *   net savings          = avoided benefit − subsidies
 *
 * A placement that ended saves nothing in the months after its last working month.
 */

export type MonthlySavings = {
  month: string;
  index: number;
  hoursPerWeek: number;
  netWage: number;
  incomeAllowance: number;
  benefitWithoutWork: number;
  benefitWithWork: number;
  avoidedBenefit: number;
  subsidyCosts: number;
  netSavings: number;
};

export type SourcedAssumption = { text: string; source: { title: string; url: string } | null };

export type RuledSavings = {
  months: MonthlySavings[];
  totals: { avoidedBenefit: number; subsidyCosts: number; netSavings: number };
  hoursPlan: HoursStep[];
  hoursPlanSource: HoursPlanSource;
  rulesVersions: Array<{ id: string; version: number; validFrom: string }>;
  assumptions: SourcedAssumption[];
};

const SITUATIONS: Record<Household['situation'], Record<Lang, string>> = {
  single: { nl: 'alleenstaand', en: 'single' },
  single_parent: { nl: 'alleenstaande ouder', en: 'single parent' },
  partners: { nl: 'met partner', en: 'with a partner' },
};

const PLAN_SOURCES: Record<HoursPlanSource, Record<Lang, string>> = {
  placement: { nl: 'de uren van de plaatsing', en: 'the hours of the placement' },
  vacancy: { nl: 'de opstart van de vacature, tot de uren van de plaatsing', en: 'the vacancy’s ramp-up, up to the hours of the placement' },
  candidate_and_vacancy: {
    nl: 'het opbouwplan uit de intake, binnen de uren van de vacature en de plaatsing',
    en: 'the ramp-up plan from the intake, within the hours of the vacancy and the placement',
  },
  query: { nl: 'de uren die u opgaf', en: 'the hours you gave' },
};

function ruledAssumptions({
  household,
  plan,
  planSource,
  rules,
  instruments,
  ended,
  lang,
}: {
  household: Household;
  plan: readonly HoursStep[];
  planSource: HoursPlanSource;
  rules: RuleSet;
  instruments: readonly InstrumentCost[];
  ended: boolean;
  lang: Lang;
}): SourcedAssumption[] {
  const nl = lang === 'nl';
  const money = (value: number) => euro(value, lang);
  const steps = plan
    .map((step) => (nl ? `vanaf maand ${step.fromMonth} ${step.hoursPerWeek} uur` : `from month ${step.fromMonth} ${step.hoursPerWeek} hours`))
    .join(', ');
  const source = (value: { title: string; url: string }) => ({ title: value.title, url: value.url });
  const age = household.ageGroup === '21_to_26' ? (nl ? '21 tot 27 jaar' : 'aged 21 to 26') : nl ? '27 jaar of ouder' : 'aged 27 or older';
  const list: SourcedAssumption[] = [
    {
      text: nl ? `Uren per week: ${steps} (bron: ${PLAN_SOURCES[planSource].nl}).` : `Hours a week: ${steps} (from ${PLAN_SOURCES[planSource].en}).`,
      source: null,
    },
    {
      text: nl
        ? `Huishouden: ${SITUATIONS[household.situation].nl}, ${age}${household.costSharers > 0 ? `, ${household.costSharers} medebewoner(s)` : ''}, zoals de klantmanager het vastlegde. De bijstandsnorm voor alleenstaanden is ${money(rules.bijstand.normSingle)} per maand.`
        : `Household: ${SITUATIONS[household.situation].en}, ${age}${household.costSharers > 0 ? `, ${household.costSharers} cost-sharer(s)` : ''}, as the account manager recorded it. The assistance norm for a single person is ${money(rules.bijstand.normSingle)} a month.`,
      source: source(rules.bijstand.source),
    },
    {
      text: nl
        ? `Loon: het wettelijk minimumloon van ${money(rules.minimumWage.hourly)} per uur, plus ${Math.round(rules.minimumWage.holidayPayShare * 100)}% vakantiegeld.`
        : `Wage: the statutory minimum wage of ${money(rules.minimumWage.hourly)} an hour, plus ${Math.round(rules.minimumWage.holidayPayShare * 100)}% holiday pay.`,
      source: source(rules.minimumWage.source),
    },
    {
      text: nl
        ? `Netto loon: na loonheffing ${rules.payrollTax.year}, met de algemene heffingskorting en de arbeidskorting.`
        : `Net wage: after payroll tax ${rules.payrollTax.year}, with the general and labour tax credits.`,
      source: source(rules.payrollTax.sources[0]!),
    },
    {
      text: nl
        ? `Inkomstenvrijlating: ${Math.round(rules.incomeAllowance.share * 100)}% van het netto loon blijft buiten de bijstand, hooguit ${money(rules.incomeAllowance.monthlyCap)} per maand en ${rules.incomeAllowance.months} maanden. Zolang die loopt, betaalt de gemeente nog een deel van de bijstand.`
        : `Income allowance: ${Math.round(rules.incomeAllowance.share * 100)}% of net wage is not counted against assistance, at most ${money(rules.incomeAllowance.monthlyCap)} a month for ${rules.incomeAllowance.months} months. While it runs, the municipality still pays part of the assistance.`,
      source: source(rules.incomeAllowance.source),
    },
    {
      text: nl
        ? `Besparing per maand: de bijstand zonder werk min de bijstand met werk.${instruments.length > 0 ? ' De kosten van regelingen gaan eraf in de maanden dat ze lopen; eenmalige bedragen in de eerste maand.' : ''}${ended ? ' Na de laatste werkmaand is er geen besparing meer.' : ''}`
        : `Savings per month: assistance without work minus assistance with work.${instruments.length > 0 ? ' The cost of instruments is subtracted in the months they run; one-off amounts in the first month.' : ''}${ended ? ' After the last month of work there are no savings.' : ''}`,
      source: null,
    },
    {
      text: nl
        ? 'Dit is een schatting. Toeslagen en de kosten van begeleiding zijn niet meegerekend.'
        : 'This is an estimate. Allowances and the cost of support are not included.',
      source: null,
    },
  ];
  return list;
}

/** The savings of a placement month by month for the first year, by the tenant's benefit rules. */
export function estimateSavingsByMonth(input: {
  household: Household;
  startDate: string;
  contractMonths: number | null;
  endedOn: string | null;
  hoursPlan: HoursStep[];
  hoursPlanSource: HoursPlanSource;
  instruments: readonly InstrumentCost[];
  rulesFor: (monthStart: string) => VersionedRuleSet;
  lang?: Lang;
}): RuledSavings {
  const lang = input.lang ?? 'nl';
  const income = calculateIncome({
    household: input.household,
    offer: { startDate: input.startDate, hoursPlan: input.hoursPlan, hourlyWage: null, contractMonths: input.contractMonths, monthlyWorkCosts: 0 },
    rulesFor: input.rulesFor,
    lang,
  });
  const lastMonth = input.endedOn?.slice(0, 7) ?? null;
  const months = income.months.map((month): MonthlySavings => {
    const benefitWithoutWork = cents(Math.max(0, month.norm - month.partnerIncome));
    const working = month.workedShare > 0 && (lastMonth === null || month.month <= lastMonth);
    const benefitWithWork = working ? month.bijstand : benefitWithoutWork;
    const avoidedBenefit = cents(benefitWithoutWork - benefitWithWork);
    const subsidyCosts = cents(
      input.instruments.reduce(
        (sum, instrument) =>
          sum +
          (working && month.index <= (instrument.months ?? SAVINGS_HORIZON_MONTHS) ? (instrument.monthlyAmount ?? 0) : 0) +
          (month.index === 1 ? (instrument.oneOffAmount ?? 0) : 0),
        0,
      ),
    );
    return {
      month: month.month,
      index: month.index,
      hoursPerWeek: working ? month.hoursPerWeek : 0,
      netWage: working ? month.netWage : 0,
      incomeAllowance: working ? month.incomeAllowance : 0,
      benefitWithoutWork,
      benefitWithWork,
      avoidedBenefit,
      subsidyCosts,
      netSavings: cents(avoidedBenefit - subsidyCosts),
    };
  });
  const sum = (key: 'avoidedBenefit' | 'subsidyCosts' | 'netSavings') => cents(months.reduce((total, month) => total + month[key], 0));
  return {
    months,
    totals: { avoidedBenefit: sum('avoidedBenefit'), subsidyCosts: sum('subsidyCosts'), netSavings: sum('netSavings') },
    hoursPlan: input.hoursPlan,
    hoursPlanSource: input.hoursPlanSource,
    rulesVersions: income.rulesVersions,
    assumptions: ruledAssumptions({
      household: input.household,
      plan: input.hoursPlan,
      planSource: input.hoursPlanSource,
      rules: input.rulesFor(monthStart(input.startDate, 0)).rules,
      instruments: input.instruments,
      ended: input.endedOn !== null,
      lang,
    }),
  };
}
