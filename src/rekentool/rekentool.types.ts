/* The rekentool's inputs and results (rekentool.calculate.ts computes them, rekentool.messages.ts words them). */

export const HOUSEHOLD_SITUATIONS = ['single', 'single_parent', 'partners'] as const;
export type HouseholdSituation = (typeof HOUSEHOLD_SITUATIONS)[number];
/** Only the age groups whose norms the rules hold: 21 up to pension age, split at 27 (income allowance). */
export const AGE_GROUPS = ['21_to_26', '27_to_pension_age'] as const;
export type AgeGroup = (typeof AGE_GROUPS)[number];

/** What the calculation needs to know about the household; asked for it only (issue 17, point 3). */
export type Household = {
  situation: HouseholdSituation;
  /** Housemates of 27 or older who are not the partner and pay no commercial rent: they make the cost-sharers' norm apply. */
  costSharers: number;
  ageGroup: AgeGroup;
  /** Net monthly income of the partner, counted against the partners' norm. */
  partnerNetMonthlyIncome: number;
};

/** One step of the hours plan: from this month (1-based) on, this many hours a week. */
export type HoursStep = { fromMonth: number; hoursPerWeek: number };

export type Offer = {
  startDate: string;
  hoursPlan: readonly HoursStep[];
  /** Gross hourly wage; null: the statutory minimum wage of each month's rules. */
  hourlyWage: number | null;
  /** Contract length in months; null: open-ended (or longer than the horizon). */
  contractMonths: number | null;
  /** Costs of going to work per month (travel, childcare) that the employer does not pay back. */
  monthlyWorkCosts: number;
};

export const MONTH_FLAGS = ['armoedeval', 'no_gain', 'allowance_last_month', 'allowance_ended', 'bijstand_ends', 'contract_ended', 'rules_outdated'] as const;
export type MonthFlag = (typeof MONTH_FLAGS)[number];

export type MonthResult = {
  /** Calendar month, YYYY-MM. */
  month: string;
  index: number;
  hoursPerWeek: number;
  /** Part of the month worked (0–1): the first month from the start date, the last to the contract's end. */
  workedShare: number;
  hourlyWage: number;
  grossWage: number;
  holidayPay: number;
  payrollTax: number;
  netWage: number;
  norm: number;
  /** Income allowance applied this month (0 when none). */
  incomeAllowance: number;
  /** Which allowance month this is (1 … 6), or null. */
  allowanceMonth: number | null;
  bijstand: number;
  partnerIncome: number;
  incomeWithWork: number;
  workCosts: number;
  incomeWithoutWork: number;
  difference: number;
  flags: MonthFlag[];
  rulesVersionId: string;
};

export type Remedy =
  | { kind: 'more_hours'; hoursPerWeek: number; text: string }
  | { kind: 'higher_wage'; hourlyWage: number; text: string }
  | { kind: 'work_costs_paid'; amount: number; text: string }
  | { kind: 'not_reachable'; text: string };

export type CalculationResult = {
  household: Household;
  offer: {
    startDate: string;
    hoursPlan: HoursStep[];
    hourlyWage: number | null;
    contractMonths: number | null;
    monthlyWorkCosts: number;
    incomeAllowanceMonthsUsed: number;
  };
  months: MonthResult[];
  totals: { netWage: number; bijstand: number; incomeWithWork: number; workCosts: number; incomeWithoutWork: number; difference: number };
  povertyTrap: { months: string[]; remedies: Remedy[] };
  conclusion: [string, string, string];
  assumptions: string[];
  notIncluded: string[];
  rulesVersions: Array<{ id: string; version: number; validFrom: string }>;
};
