import { z } from 'zod';

/*
 * The rules of the rekentool as data (issue 17, point 2): one rule set per tenant and period
 * (1 January or 1 July), each part with its legal source and the date it applies from. The
 * calculation (rekentool.calculate.ts) reads nothing else; the savings estimate (issue 16, point 6)
 * is meant to read the same sets through `ruleTimeline` in rekentool.service.ts.
 *
 * Money is in euros with cents; percentages are fractions (0.25 = 25 %).
 */

/** Where a figure comes from: the legal text and the published page it was read from. */
export const ruleSourceSchema = z.strictObject({
  title: z.string().trim().min(1).max(300).describe('What the source is, e.g. "Participatiewet, artikel 21"'),
  url: z.url().max(500).describe('Where the figure is published'),
  publishedOn: z.iso.date().optional().describe('Date of publication of the page or text, when known'),
  note: z.string().trim().max(1000).optional().describe('How the figure was read or derived, and any doubt about it'),
});
export type RuleSource = z.infer<typeof ruleSourceSchema>;

const euro = (max: number) => z.number().min(0).max(max);
const fraction = z.number().min(0).max(1);

/** A period starts on 1 January or 1 July (when norms, minimum wage and tax figures change). */
export const periodStartSchema = z.iso
  .date()
  .refine((value) => /^\d{4}-(01|07)-01$/.test(value), { message: 'A period starts on 1 January or 1 July (YYYY-01-01 or YYYY-07-01)' })
  .describe('First day of the period the rules apply from: YYYY-01-01 or YYYY-07-01');

/** Payroll-tax brackets: each up to an annual income (null: no upper bound), ordered. */
const taxBracketSchema = z.strictObject({
  upTo: z.number().positive().max(10_000_000).nullable().describe('Upper bound of annual taxable wage for this rate; null for the last bracket'),
  rate: fraction.describe('Tax plus national-insurance rate in this bracket'),
});

/** One piece of the labour tax credit: base + rate × (income − from), for income from `from` up to `upTo`. */
const labourCreditPieceSchema = z.strictObject({
  from: euro(10_000_000),
  upTo: z.number().positive().max(10_000_000).nullable(),
  base: euro(100_000).describe('Credit at `from`'),
  rate: z.number().min(-1).max(1).describe('Change of the credit per euro above `from` (negative while it is phased out)'),
});

export const ruleSetSchema = z.strictObject({
  validFrom: periodStartSchema,
  bijstand: z
    .strictObject({
      normSingle: euro(10_000).describe('Monthly norm for a single person aged 21 to pension age without cost-sharers, including holiday allowance'),
      normSingleParent: euro(10_000).describe('Monthly norm for a single parent aged 21 to pension age without cost-sharers, including holiday allowance'),
      normPartners: euro(10_000).describe('Monthly norm for partners both aged 21 to pension age without cost-sharers, including holiday allowance'),
      holidayAllowanceShare: fraction.describe('Part of the paid assistance that is holiday allowance (vakantietoeslag), reserved and paid once a year'),
      costSharing: z
        .strictObject({
          basePercent: z.number().min(0).max(100).describe('The 40 in (40 + 30 × A) / (100 × A)'),
          perPersonPercent: z.number().min(0).max(100).describe('The 30 in (40 + 30 × A) / (100 × A)'),
          minimumAge: z.int().min(18).max(99).describe('Housemates from this age are cost-sharers'),
          source: ruleSourceSchema,
        })
        .describe('Cost-sharers’ norm: (base + perPerson × A) / (100 × A) × the partners’ norm, A = cost-sharers + the person (+ partner)'),
      source: ruleSourceSchema,
    })
    .describe('Social-assistance norms (Participatiewet)'),
  incomeAllowance: z
    .strictObject({
      share: fraction.describe('Part of net earnings from work not counted against the assistance'),
      monthlyCap: euro(10_000).describe('At most this much per month'),
      months: z.int().min(0).max(60).describe('For at most this many months'),
      minimumAge: z.int().min(18).max(99).describe('Does not apply below this age'),
      source: ruleSourceSchema,
    })
    .describe('Income allowance (inkomstenvrijlating)'),
  minimumWage: z
    .strictObject({
      hourly: euro(1000).describe('Statutory minimum wage per hour, 21 and older'),
      holidayPayShare: fraction.describe('Statutory minimum holiday pay (vakantiebijslag) on top of the wage'),
      source: ruleSourceSchema,
    })
    .describe('Minimum wage (Wet minimumloon en minimumvakantiebijslag)'),
  payrollTax: z
    .strictObject({
      year: z.int().min(2000).max(2100),
      brackets: z.array(taxBracketSchema).min(1).max(10),
      generalCredit: z.strictObject({
        max: euro(100_000),
        phaseOutFrom: euro(10_000_000),
        phaseOutRate: fraction,
      }),
      labourCredit: z.array(labourCreditPieceSchema).min(1).max(10),
      sources: z.array(ruleSourceSchema).min(1).max(10),
    })
    .describe('Payroll tax (loonheffing) for people below pension age, with the general and labour tax credits'),
  notes: z
    .array(z.string().trim().min(1).max(1000))
    .max(20)
    .describe('What else a reader of these figures should know (e.g. figures that could not be sourced)'),
});
export type RuleSet = z.infer<typeof ruleSetSchema>;

/** A rule set as used by a calculation: the figures plus which stored version they are. */
export type VersionedRuleSet = {
  /** Stored id, or `builtin:<validFrom>` for the published defaults that ship with Kansrijk. */
  id: string;
  /** 0 for the built-in defaults; 1, 2, … for each change an admin saved for this period. */
  version: number;
  rules: RuleSet;
};

/** Checks the order of brackets and credit pieces; zod checks each value. */
export function ruleSetProblems(rules: RuleSet): string[] {
  const problems: string[] = [];
  const { brackets, labourCredit } = rules.payrollTax;
  brackets.forEach((bracket, index) => {
    const last = index === brackets.length - 1;
    if (last !== (bracket.upTo === null)) problems.push('/payrollTax/brackets: only the last bracket has no upper bound (upTo: null)');
    const previous = brackets[index - 1];
    if (previous?.upTo != null && bracket.upTo !== null && bracket.upTo <= previous.upTo) problems.push('/payrollTax/brackets: upper bounds must increase');
  });
  labourCredit.forEach((piece, index) => {
    const last = index === labourCredit.length - 1;
    if (last !== (piece.upTo === null)) problems.push('/payrollTax/labourCredit: only the last piece has no upper bound (upTo: null)');
    if (index === 0 && piece.from !== 0) problems.push('/payrollTax/labourCredit: the first piece starts at 0');
    const previous = labourCredit[index - 1];
    if (previous && previous.upTo !== piece.from) problems.push('/payrollTax/labourCredit: each piece starts where the previous one ends');
  });
  return [...new Set(problems)];
}
