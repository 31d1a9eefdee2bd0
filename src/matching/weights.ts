import { FACTORS, type MatchWeights } from './matcher.types.js';

/**
 * The matcher's version, recorded with every ranking run (REQUIREMENTS F2). Raise it whenever a
 * change could change a score or an order: a formula, a constant, a default weight, a text rule.
 */
export const MATCHER_VERSION = '2.1.0';

/**
 * Default weights (sum 1). A tenant may configure its own; these are the starting point and are
 * explained for non-engineers in docs/matcher-weights.md.
 */
export const DEFAULT_WEIGHTS: Readonly<MatchWeights> = Object.freeze({
  // What the work asks, weighted must > should > trainable inside the factor, with partial credit
  // for related skills through the taxonomy. Evidenced (work experience, observation, certificates),
  // yet deliberately lighter than motivation: the Werkplein's rule is that "70 % kunnen en 100 %
  // willen is beter dan andersom", and skills can be learned on the job.
  competencies: 0.2,
  // Motivation predicts staying in work best for people returning after years out. It is an
  // evidenced assessment (who, when, on what), not a self-rating, which is why it may weigh the most:
  // more than competencies (the seeds' rule, kept as a property test and warned about on change).
  motivation: 0.25,
  // Learning ability, assessed by staff: it is what makes "trainable on the job" competencies real.
  potential: 0.15,
  // Shift fit beyond the hard constraint: how many of the required weekday × day-part slots someone can
  // work. Matters to employers with rosters, but a partial fit can often be arranged.
  shifts: 0.12,
  // Hours fit including a ramp-up start (e.g. start at 16 and grow to 32); ramp-up is normal for people
  // coming from bijstand, so a good ramp-up plan scores nearly as well as a full fit.
  hours: 0.1,
  // Shorter journeys mean fewer drop-outs; the hard limit is already enforced, so this only orders
  // candidates within their own reach.
  travel: 0.1,
  // What the person wants to do; it helps retention, but wishes are often narrow at intake and should
  // not hide a good match in another sector.
  workWishes: 0.08,
  // Diplomas weigh nothing by default: the law's requirements are hard constraints (certificates,
  // licences), and everything else is better measured by competencies and potential.
  education: 0,
});

/** A problem with a set of weights, as a code with its values: the caller words it (Dutch or English). */
export type WeightProblem = { code: 'not_a_weight'; factor: string } | { code: 'unknown_factor'; factor: string } | { code: 'sum_not_one'; sum: number };

/** Problems with a set of weights (empty when usable): every factor present, finite, ≥ 0, summing to 1. */
export function findWeightProblems(weights: Partial<Record<string, unknown>>): WeightProblem[] {
  const problems: WeightProblem[] = [];
  let sum = 0;
  for (const factor of FACTORS) {
    const weight = weights[factor];
    if (typeof weight !== 'number' || !Number.isFinite(weight) || weight < 0) {
      problems.push({ code: 'not_a_weight', factor });
    } else {
      sum += weight;
    }
  }
  for (const key of Object.keys(weights)) {
    if (!(FACTORS as readonly string[]).includes(key)) problems.push({ code: 'unknown_factor', factor: key });
  }
  if (problems.length === 0 && Math.abs(sum - 1) > 1e-9) problems.push({ code: 'sum_not_one', sum: Math.round(sum * 1000) / 1000 });
  return problems;
}

/**
 * The seeds' rule, "70 % kunnen en 100 % willen is beter dan andersom": between two people who
 * differ only in that one has the other's competency fit and motivation swapped, the more motivated
 * one ranks higher exactly when motivation weighs more than competencies. Weights that break it
 * are allowed (a tenant decides), but the change is warned about in the answer and the audit row.
 */
export function breaksSeedsRule(weights: MatchWeights): boolean {
  return !(weights.motivation > weights.competencies);
}
