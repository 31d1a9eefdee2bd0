import { FACTORS, type MatchWeights } from './matcher.types.js';

/**
 * The matcher's version, recorded with every ranking run (REQUIREMENTS F2). Raise it whenever a
 * change could change a score or an order: a formula, a constant, a default weight, a text rule.
 */
export const MATCHER_VERSION = '1.0.0';

/**
 * Default weights (sum 1). A tenant may configure its own; these are the starting point and are
 * explained for non-engineers in docs/matcher-weights.md.
 */
export const DEFAULT_WEIGHTS: Readonly<MatchWeights> = Object.freeze({
  // What the work asks, weighted must > should > trainable inside the factor. The largest single
  // factor because it is evidenced (work experience, observation, certificates), yet not dominant:
  // the Werkplein ranks on what someone can become, not only on what they can do today.
  competencies: 0.25,
  // The Werkplein's aim is potential over diplomas, and motivation is the best predictor of staying
  // in work for people returning after years out. It is an evidenced assessment (who, when, on what),
  // not a self-rating, which is why it may weigh this much.
  motivation: 0.2,
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

/** Problems with a set of weights (empty when usable): every factor present, finite, ≥ 0, summing to 1. */
export function findWeightProblems(weights: Partial<Record<string, unknown>>): string[] {
  const problems: string[] = [];
  let sum = 0;
  for (const factor of FACTORS) {
    const weight = weights[factor];
    if (typeof weight !== 'number' || !Number.isFinite(weight) || weight < 0) {
      problems.push(`${factor}: must be a number ≥ 0`);
    } else {
      sum += weight;
    }
  }
  for (const key of Object.keys(weights)) {
    if (!(FACTORS as readonly string[]).includes(key)) problems.push(`${key}: unknown factor`);
  }
  if (problems.length === 0 && Math.abs(sum - 1) > 1e-9) problems.push(`the weights sum to ${sum}, not 1`);
  return problems;
}
