import type { Lang } from '../schemas/messages.js';
import { assumptionsFor, conclusionFor, notIncludedFor } from './rekentool.messages.js';
import type { RuleSet, VersionedRuleSet } from './rekentool.rules.js';
import type { CalculationResult, Household, HoursStep, MonthFlag, MonthResult, Offer, Remedy } from './rekentool.types.js';

// The shapes live in rekentool.types.ts (rekentool.messages.ts needs them too, without a circle).
export * from './rekentool.types.js';

/*
 * The rekentool itself: a pure function of a household, an offer and the rules in force per month.
 * No I/O, no clock: the months are counted from the offer's start date. Issue 17, point 1.
 *
 * Per month m (1 … 12, calendar months from the month of the start date):
 *   gross        = hourly wage × hours per week × 52 / 12 × the part of the month worked
 *   holiday pay  = gross × 8 %, counted in the month it is earned (not paid out once in May)
 *   payroll tax  = tax on (gross + holiday pay) × 12, minus the general and labour tax credits, / 12
 *   net wage     = gross + holiday pay − payroll tax
 *   allowance    = min(25 % × net wage, € 285) in the first six months with earnings and assistance
 *   bijstand     = max(0, norm − (partner income + net wage − allowance))
 *   with work    = net wage + bijstand + partner income;  without work = max(norm, partner income)
 *   difference   = with work − work costs − without work;  < 0 is a poverty trap (armoedeval)
 * Every amount is rounded half up to whole cents per month, in this order.
 */

export const HORIZON_MONTHS = 12;
const WEEKS_PER_MONTH = 52 / 12;
const MAX_HOURS = 48;

/** Rounds half up to whole cents (toFixed first, so that 1001.065 is not seen as 1001.06499…). */
export function cents(amount: number): number {
  const scaled = Math.round(Number((Math.abs(amount) * 100).toFixed(6)));
  return (Math.sign(amount) * scaled) / 100 || 0;
}

/** Gross wage of a whole month: hourly wage × hours per week × 52 / 12 weeks. */
export function monthlyGross({ hourlyWage, hoursPerWeek }: { hourlyWage: number; hoursPerWeek: number }): number {
  return cents(hourlyWage * hoursPerWeek * WEEKS_PER_MONTH);
}

/** Annual tax before credits, over the brackets. */
function taxBeforeCredits(annualWage: number, brackets: RuleSet['payrollTax']['brackets']): number {
  let tax = 0;
  let lower = 0;
  for (const { upTo, rate } of brackets) {
    const top = upTo ?? Number.POSITIVE_INFINITY;
    if (annualWage > lower) tax += (Math.min(annualWage, top) - lower) * rate;
    lower = top;
  }
  return tax;
}

/** The general tax credit (algemene heffingskorting) for an annual income. */
export function generalTaxCredit(annualIncome: number, credit: RuleSet['payrollTax']['generalCredit']): number {
  return Math.max(0, credit.max - Math.max(0, annualIncome - credit.phaseOutFrom) * credit.phaseOutRate);
}

/** The labour tax credit (arbeidskorting) for an annual income from work. */
export function labourTaxCredit(annualWage: number, pieces: RuleSet['payrollTax']['labourCredit']): number {
  const piece = pieces.find((p) => annualWage >= p.from && (p.upTo === null || annualWage < p.upTo)) ?? pieces[pieces.length - 1]!;
  return Math.max(0, piece.base + (annualWage - piece.from) * piece.rate);
}

/** Annual payroll tax after both credits; the credits never make it negative. */
export function annualPayrollTax(
  annualWage: number,
  tax: RuleSet['payrollTax'],
): { beforeCredits: number; generalCredit: number; labourCredit: number; payrollTax: number } {
  const beforeCredits = taxBeforeCredits(annualWage, tax.brackets);
  const generalCredit = generalTaxCredit(annualWage, tax.generalCredit);
  const labourCredit = labourTaxCredit(annualWage, tax.labourCredit);
  return { beforeCredits, generalCredit, labourCredit, payrollTax: Math.max(0, beforeCredits - generalCredit - labourCredit) };
}

/**
 * Net wage of one month: the month's gross plus holiday pay, taxed as if it were earned every
 * month of the year (which is how the monthly payroll tables work), with the credits applied.
 */
export function netWageForMonth(grossWage: number, rules: RuleSet): { holidayPay: number; payrollTax: number; netWage: number } {
  const holidayPay = cents(grossWage * rules.minimumWage.holidayPayShare);
  const monthly = grossWage + holidayPay;
  const payrollTax = cents(annualPayrollTax(monthly * 12, rules.payrollTax).payrollTax / 12);
  return { holidayPay, payrollTax, netWage: cents(monthly - payrollTax) };
}

/** The monthly norm for a household, with the cost-sharers' norm when others of 27+ share the home. */
export function bijstandNorm(household: Household, rules: RuleSet): number {
  const { bijstand } = rules;
  if (household.costSharers > 0) {
    const adults = household.costSharers + 1 + (household.situation === 'partners' ? 1 : 0);
    const perPerson = ((bijstand.costSharing.basePercent + bijstand.costSharing.perPersonPercent * adults) / (100 * adults)) * bijstand.normPartners;
    return cents(perPerson * (household.situation === 'partners' ? 2 : 1));
  }
  if (household.situation === 'partners') return bijstand.normPartners;
  return household.situation === 'single_parent' ? bijstand.normSingleParent : bijstand.normSingle;
}

/**
 * The assistance still paid in a month with earnings. The allowance only counts while assistance
 * is paid: when earnings minus the allowance reach the norm, no assistance and no allowance.
 */
export function bijstandForMonth({
  norm,
  otherIncome,
  netEarnings,
  allowance,
}: {
  norm: number;
  otherIncome: number;
  netEarnings: number;
  /** The allowance rule, or null when it does not apply this month (used up, too young, no earnings). */
  allowance: { share: number; monthlyCap: number } | null;
}): { incomeAllowance: number; bijstand: number } {
  const incomeAllowance = allowance && netEarnings > 0 ? Math.min(cents(netEarnings * allowance.share), allowance.monthlyCap) : 0;
  const bijstand = cents(Math.max(0, norm - (otherIncome + netEarnings - incomeAllowance)));
  return bijstand > 0 ? { incomeAllowance, bijstand } : { incomeAllowance: 0, bijstand: 0 };
}

const pad = (n: number) => String(n).padStart(2, '0');
const daysInMonth = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();

/** YYYY-MM-01 of the month `offset` months after the month of `date`. */
export function monthStart(date: string, offset: number): string {
  const [year, month] = date.split('-').map(Number) as [number, number];
  const index = year * 12 + (month - 1) + offset;
  return `${Math.floor(index / 12)}-${pad((index % 12) + 1)}-01`;
}

/** The last day of the contract: start + contract months − 1 day (a contract from 15 March for 2 months ends 14 May). */
export function contractEnd(startDate: string, contractMonths: number): string {
  const [year, month, day] = startDate.split('-').map(Number) as [number, number, number];
  const end = new Date(Date.UTC(year, month - 1 + contractMonths, day));
  end.setUTCDate(end.getUTCDate() - 1);
  return end.toISOString().slice(0, 10);
}

/** Part of a calendar month worked between start and end (inclusive, by calendar days). */
function workedShare(month: string, startDate: string, endDate: string | null): number {
  const [year, monthNumber] = month.split('-').map(Number) as [number, number];
  const days = daysInMonth(year, monthNumber);
  const first = `${month.slice(0, 7)}-01`;
  const last = `${month.slice(0, 7)}-${pad(days)}`;
  const from = startDate > first ? startDate : first;
  const to = endDate !== null && endDate < last ? endDate : last;
  if (to < from) return 0;
  const worked = Number(to.slice(8, 10)) - Number(from.slice(8, 10)) + 1;
  return worked / days;
}

/** Hours per week in month `index` (1-based) from the plan. */
export function hoursInMonth(plan: readonly HoursStep[], index: number): number {
  let hours = 0;
  for (const step of [...plan].sort((a, b) => a.fromMonth - b.fromMonth)) if (step.fromMonth <= index) hours = step.hoursPerWeek;
  return hours;
}

type MonthContext = {
  index: number;
  month: string;
  share: number;
  hoursPerWeek: number;
  hourlyWage: number;
  versioned: VersionedRuleSet;
  allowanceOpen: boolean;
};

/** One month's money, before flags. */
function monthMoney(ctx: MonthContext, household: Household, workCosts: number) {
  const { rules } = ctx.versioned;
  const grossWage = cents(monthlyGross({ hourlyWage: ctx.hourlyWage, hoursPerWeek: ctx.hoursPerWeek }) * ctx.share);
  const { holidayPay, payrollTax, netWage } = grossWage > 0 ? netWageForMonth(grossWage, rules) : { holidayPay: 0, payrollTax: 0, netWage: 0 };
  const norm = bijstandNorm(household, rules);
  const partnerIncome = household.situation === 'partners' ? household.partnerNetMonthlyIncome : 0;
  const { incomeAllowance, bijstand } = bijstandForMonth({
    norm,
    otherIncome: partnerIncome,
    netEarnings: netWage,
    allowance: ctx.allowanceOpen ? rules.incomeAllowance : null,
  });
  const costs = grossWage > 0 ? workCosts : 0;
  const incomeWithWork = cents(netWage + bijstand + partnerIncome);
  const incomeWithoutWork = cents(Math.max(norm, partnerIncome));
  return {
    grossWage,
    holidayPay,
    payrollTax,
    netWage,
    norm,
    partnerIncome,
    incomeAllowance,
    bijstand,
    incomeWithWork,
    workCosts: costs,
    incomeWithoutWork,
    difference: cents(incomeWithWork - costs - incomeWithoutWork),
  };
}

export type CalculateInput = {
  household: Household;
  offer: Offer;
  /** The rule set in force on a month's first day (YYYY-MM-01). */
  rulesFor: (monthStart: string) => VersionedRuleSet;
  /** Allowance months this person already had (the law allows six in all). */
  incomeAllowanceMonthsUsed?: number;
  lang?: Lang;
};

/** The 12-month comparison of taking the offer against staying on assistance alone. */
export function calculateIncome({ household, offer, rulesFor, incomeAllowanceMonthsUsed = 0, lang = 'nl' }: CalculateInput): CalculationResult {
  const endDate = offer.contractMonths === null ? null : contractEnd(offer.startDate, offer.contractMonths);
  const months: MonthResult[] = [];
  let allowanceUsed = incomeAllowanceMonthsUsed;
  let previousAllowance = false;
  let hadBijstand = false;
  const contexts: MonthContext[] = [];

  for (let offset = 0; offset < HORIZON_MONTHS; offset += 1) {
    const month = monthStart(offer.startDate, offset);
    const versioned = rulesFor(month);
    const { rules } = versioned;
    const share = workedShare(month, offer.startDate, endDate);
    const hoursPerWeek = hoursInMonth(offer.hoursPlan, offset + 1);
    const allowanceRule = rules.incomeAllowance;
    const oldEnough = household.ageGroup === '27_to_pension_age' || allowanceRule.minimumAge <= 21;
    const ctx: MonthContext = {
      index: offset + 1,
      month,
      share,
      hoursPerWeek,
      hourlyWage: offer.hourlyWage ?? rules.minimumWage.hourly,
      versioned,
      allowanceOpen: oldEnough && allowanceUsed < allowanceRule.months,
    };
    contexts.push(ctx);
    const money = monthMoney(ctx, household, offer.monthlyWorkCosts);
    const flags: MonthFlag[] = [];
    let allowanceMonth: number | null = null;
    if (money.incomeAllowance > 0) {
      allowanceUsed += 1;
      allowanceMonth = allowanceUsed;
      if (allowanceUsed === allowanceRule.months) flags.push('allowance_last_month');
    } else if (previousAllowance && money.netWage > 0) {
      flags.push('allowance_ended');
    }
    previousAllowance = money.incomeAllowance > 0;
    if (money.bijstand === 0 && money.netWage > 0 && (hadBijstand || offset === 0)) flags.push('bijstand_ends');
    hadBijstand = money.bijstand > 0;
    if (share === 0 && endDate !== null && month > endDate.slice(0, 7)) flags.push('contract_ended');
    if (money.difference < 0) flags.push('armoedeval');
    else if (money.difference === 0 && hoursPerWeek > 0 && share > 0) flags.push('no_gain');
    if (monthStart(rules.validFrom, 6) <= month) flags.push('rules_outdated');
    months.push({
      month: month.slice(0, 7),
      index: offset + 1,
      hoursPerWeek: share > 0 ? hoursPerWeek : 0,
      workedShare: Math.round(share * 10000) / 10000,
      hourlyWage: ctx.hourlyWage,
      ...money,
      allowanceMonth,
      flags,
      rulesVersionId: versioned.id,
    });
  }
  // A "bijstand ends" flag only marks the first month it ends, not every month after.
  let seenEnd = false;
  for (const month of months) {
    if (!month.flags.includes('bijstand_ends')) continue;
    if (seenEnd) month.flags = month.flags.filter((flag) => flag !== 'bijstand_ends');
    seenEnd = true;
  }

  const sum = (key: keyof Pick<MonthResult, 'netWage' | 'bijstand' | 'incomeWithWork' | 'workCosts' | 'incomeWithoutWork' | 'difference'>) =>
    cents(months.reduce((total, month) => total + month[key], 0));
  const totals = {
    netWage: sum('netWage'),
    bijstand: sum('bijstand'),
    incomeWithWork: sum('incomeWithWork'),
    workCosts: sum('workCosts'),
    incomeWithoutWork: sum('incomeWithoutWork'),
    difference: sum('difference'),
  };
  const trapMonths = months.filter((month) => month.flags.includes('armoedeval'));
  const remedies = trapMonths.length > 0 ? remediesFor({ ctx: contexts[trapMonths[0]!.index - 1]!, household, workCosts: offer.monthlyWorkCosts, lang }) : [];

  const used = new Map<string, { id: string; version: number; validFrom: string }>();
  for (const ctx of contexts) used.set(ctx.versioned.id, { id: ctx.versioned.id, version: ctx.versioned.version, validFrom: ctx.versioned.rules.validFrom });
  const result: Omit<CalculationResult, 'conclusion' | 'assumptions' | 'notIncluded'> = {
    household,
    offer: {
      startDate: offer.startDate,
      hoursPlan: [...offer.hoursPlan],
      hourlyWage: offer.hourlyWage,
      contractMonths: offer.contractMonths,
      monthlyWorkCosts: offer.monthlyWorkCosts,
      incomeAllowanceMonthsUsed,
    },
    months,
    totals,
    povertyTrap: { months: trapMonths.map((month) => month.month), remedies },
    rulesVersions: [...used.values()],
  };
  const latestRules = contexts[contexts.length - 1]!.versioned.rules;
  return {
    ...result,
    conclusion: conclusionFor(result, lang),
    assumptions: assumptionsFor(result, latestRules, lang),
    notIncluded: notIncludedFor(lang),
  };
}

/**
 * What would lift the first poverty-trap month: more hours (up to 48), a higher hourly wage, or the
 * employer paying the work costs. Each is searched on that month alone, with its allowance state.
 */
function remediesFor({ ctx, household, workCosts, lang }: { ctx: MonthContext; household: Household; workCosts: number; lang: Lang }): Remedy[] {
  const remedies: Remedy[] = [];
  const differenceWith = (change: Partial<MonthContext>, costs = workCosts) => monthMoney({ ...ctx, ...change }, household, costs).difference;
  for (let hours = ctx.hoursPerWeek + 1; hours <= MAX_HOURS; hours += 1) {
    if (differenceWith({ hoursPerWeek: hours }) >= 0) {
      remedies.push({
        kind: 'more_hours',
        hoursPerWeek: hours,
        text:
          lang === 'nl'
            ? `Met ${hours} uur per week gaat u er in ${ctx.month.slice(0, 7)} niet op achteruit.`
            : `With ${hours} hours a week you are not worse off in ${ctx.month.slice(0, 7)}.`,
      });
      break;
    }
  }
  // The lowest hourly wage (whole cents) at which the month breaks even, if any below € 100.
  let low = Math.round(ctx.hourlyWage * 100);
  let high = 10_000;
  if (ctx.hoursPerWeek > 0 && differenceWith({ hourlyWage: high / 100 }) >= 0) {
    while (low < high) {
      const mid = Math.floor((low + high) / 2);
      if (differenceWith({ hourlyWage: mid / 100 }) >= 0) high = mid;
      else low = mid + 1;
    }
    const wage = high / 100;
    const shown = wage.toFixed(2).replace('.', lang === 'nl' ? ',' : '.');
    remedies.push({
      kind: 'higher_wage',
      hourlyWage: wage,
      text:
        lang === 'nl'
          ? `Met een uurloon van € ${shown} gaat u er in ${ctx.month.slice(0, 7)} niet op achteruit.`
          : `With an hourly wage of € ${shown} you are not worse off in ${ctx.month.slice(0, 7)}.`,
    });
  }
  if (workCosts > 0 && differenceWith({}, 0) >= 0) {
    const shown = workCosts.toFixed(2).replace('.', lang === 'nl' ? ',' : '.');
    remedies.push({
      kind: 'work_costs_paid',
      amount: workCosts,
      text:
        lang === 'nl'
          ? `Als de werkgever de kosten van € ${shown} per maand (bijvoorbeeld reiskosten) vergoedt, gaat u er niet op achteruit.`
          : `If the employer pays the costs of € ${shown} a month (travel, for example), you are not worse off.`,
    });
  }
  if (remedies.length === 0) {
    remedies.push({
      kind: 'not_reachable',
      text:
        lang === 'nl'
          ? 'Met meer uren of een hoger uurloon alleen lukt het niet. Bespreek met uw klantmanager welke regeling kan helpen.'
          : 'More hours or a higher wage alone do not do it. Ask your account manager which scheme could help.',
    });
  }
  return remedies;
}
