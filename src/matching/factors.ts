import { DAY_PARTS, WEEKDAYS, type DayPart, type Weekday } from '../schemas/schedule.js';
import type { EvidenceKind, MatchVacancy, MatchWeights } from './matcher.types.js';

/*
 * The scoring formulas, as scalar functions. The reference matcher and the columnar ranker both call
 * these, so they compute the very same floating-point numbers and their totals are identical.
 */

/** How much a vacancy competency weighs inside the competency factor. */
export const IMPORTANCE_WEIGHT: Readonly<Record<MatchVacancy['competencies'][number]['importance'], number>> = {
  must: 3,
  should: 1.5,
  trainable: 0.5,
};

/** How strongly a kind of evidence shows a competency: shown in practice counts more than said. */
export const EVIDENCE_STRENGTH: Readonly<Record<EvidenceKind, number>> = {
  certificate: 1,
  work_experience: 1,
  observed: 0.9,
  volunteer_work: 0.85,
  self_reported: 0.6,
};

/** Level 1 (beginner) to 4 (expert); from level 3 on someone can do the work independently. */
export const LEVEL_FACTOR: Readonly<Record<1 | 2 | 3 | 4, number>> = { 1: 0.7, 2: 0.85, 3: 1, 4: 1 };

/**
 * Partial credit when the concepts differ (docs/matcher-weights.md): a broader or narrower concept in
 * the skills hierarchy is nearly the same skill; a skill–skill relation ("needs", "goes with") and
 * the same skill group say less; shared Dutch words where one side has no concept are weak evidence.
 */
export const CREDIT_FACTOR = { same: 1, hierarchy: 0.75, related: 0.5, group: 0.4, words: 0.35 } as const;

/** A related skill (through the taxonomy's skill–skill relations) is partial evidence. */
export const RELATED_SKILL_FACTOR = CREDIT_FACTOR.related;

/** Score when a vacancy lists no competencies: neither a plus nor a minus. */
export const NO_COMPETENCIES_SCORE = 0.7;

/** Score for an assessment that has not been done yet: below average, so that assessing pays off. */
export const NOT_ASSESSED_SCORE = 0.4;

/** Evidence of one candidate competency, 0..1. */
export function evidenceWeight(evidence: EvidenceKind, level: 1 | 2 | 3 | 4): number {
  return EVIDENCE_STRENGTH[evidence] * (LEVEL_FACTOR[level] ?? 1);
}

/**
 * Competency factor from Σ importance × evidence and Σ importance over the vacancy's competencies.
 * The unary plus is for the ranker's loop, where this is inlined: without it the constant reaches
 * the optimized code as a tagged value, and every quotient is boxed to meet it (a heap number per
 * candidate with evidence, 0.5 MB per ranking at 100k, and minor GCs of 4–6 ms in the p95).
 */
export function competencyScore(weightedEvidence: number, totalImportance: number): number {
  return totalImportance > 0 ? weightedEvidence / totalImportance : +NO_COMPETENCIES_SCORE;
}

/** Motivation or potential, assessed 1–5, as 0..1; not assessed gives NOT_ASSESSED_SCORE. */
export function assessmentScore(assessment: number | null): number {
  if (assessment === null) return NOT_ASSESSED_SCORE;
  return Math.min(1, Math.max(0, (assessment - 1) / 4));
}

/**
 * Share of the required weekday × day-part slots someone can work (90 %), plus a bonus for the optional
 * slots (10 %). Without optional slots the required share is the whole score; without any shifts 1.
 */
export function shiftsScore(requiredCovered: number, requiredTotal: number, optionalCovered: number, optionalTotal: number): number {
  if (requiredTotal === 0 && optionalTotal === 0) return 1;
  if (requiredTotal === 0) return optionalCovered / optionalTotal;
  if (optionalTotal === 0) return requiredCovered / requiredTotal;
  return 0.9 * (requiredCovered / requiredTotal) + 0.1 * (optionalCovered / optionalTotal);
}

/** Ramp-up starts are normal after bijstand: starting on a ramp-up costs only a little. */
export const RAMP_UP_START_SCORE = 0.9;

/**
 * Hours fit: half "can start" (hours now against the minimum, or against the ramp-up start), half
 * "wants this much" (target hours against the vacancy's range). A ramp-up start only counts when the
 * person's own target reaches the minimum: building up to hours someone does not want is no start.
 */
export function hoursScore(now: number, target: number, hoursMin: number, hoursMax: number, rampUpFromHours: number | null): number {
  let start: number;
  if (now >= hoursMin) start = 1;
  else if (rampUpFromHours !== null && now >= rampUpFromHours && target >= hoursMin) start = RAMP_UP_START_SCORE;
  else start = hoursMin > 0 ? Math.max(0, now) / hoursMin : 0;
  let goal: number;
  if (target > hoursMax) goal = hoursMax / target;
  else if (target < hoursMin) goal = hoursMin > 0 ? Math.max(0, target) / hoursMin : 0;
  else goal = 1;
  return 0.5 * start + 0.5 * goal;
}

/** Travel factor: 1 at the door, 0 at the candidate's own maximum (or beyond, or without transport). */
export function travelScore(minutes: number, maxTravelMinutes: number): number {
  if (!(minutes <= maxTravelMinutes)) return 0;
  if (maxTravelMinutes <= 0) return 1;
  return 1 - minutes / maxTravelMinutes;
}

export const WISH_SCORES = { occupation: 1, sector: 0.7, title: 0.6, none: 0.5, other: 0.2 } as const;

/** Work wishes: the strongest kind of match counts; no wishes at all is neutral. */
export function workWishesScore(hasWishes: boolean, occupationMatch: boolean, sectorMatch: boolean, titleMatch: boolean): number {
  if (!hasWishes) return WISH_SCORES.none;
  if (occupationMatch) return WISH_SCORES.occupation;
  if (sectorMatch) return WISH_SCORES.sector;
  if (titleMatch) return WISH_SCORES.title;
  return WISH_SCORES.other;
}

/** Education level 0 (none) to 4 (higher education) as 0..1. */
export function educationScore(level: number): number {
  return Math.min(1, Math.max(0, level / 4));
}

/** Σ weight × score in FACTORS order; one expression, so both matchers add in the same order. */
export function weightedSum(
  weights: MatchWeights,
  competencies: number,
  motivation: number,
  potential: number,
  shifts: number,
  hours: number,
  travel: number,
  workWishes: number,
  education: number,
): number {
  return (
    weights.competencies * competencies +
    weights.motivation * motivation +
    weights.potential * potential +
    weights.shifts * shifts +
    weights.hours * hours +
    weights.travel * travel +
    weights.workWishes * workWishes +
    weights.education * education
  );
}

/**
 * 0–100 rounded to 0.1 (halves up). floor(x + 0.5) rather than Math.round: the same rounding for
 * every total that can occur, and several times cheaper in the ranker's loop over all candidates.
 */
export function toTotal(weighted: number): number {
  return Math.floor(weighted * 1000 + 0.5) / 10;
}

/** Bit of a (weekday, day part) slot in a 28-bit week mask: weekday × 4 + day part. */
export function slotBit(day: Weekday, part: DayPart): number {
  return 1 << (WEEKDAYS.indexOf(day) * DAY_PARTS.length + DAY_PARTS.indexOf(part));
}

/** Number of set bits in a 32-bit integer. */
export function popcount(value: number): number {
  let x = value - ((value >>> 1) & 0x55555555);
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return (Math.imul((x + (x >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24) | 0;
}
