import type { Shift, WeekGrid } from '../schemas/schedule.js';
import {
  assessmentScore,
  competencyScore,
  educationScore,
  evidenceWeight,
  hoursScore,
  IMPORTANCE_WEIGHT,
  CREDIT_FACTOR,
  shiftsScore,
  toTotal,
  travelScore,
  weightedSum,
  workWishesScore,
} from './factors.js';
import { conditionText, exclusionText, fitText, improvementText, reasonText } from './matcher.messages.js';
import type {
  CreditKind,
  EvidenceKind,
  Exclusion,
  Factor,
  FactorResult,
  Lang,
  MatchCandidate,
  MatchResult,
  MatchVacancy,
  MatchWeights,
  SkillGraph,
  SkillRelation,
} from './matcher.types.js';
import { FACTORS } from './matcher.types.js';
import { competencyStems, coveredLicences, normaliseLicence, normaliseText, titleWords, wordsMeet } from './normalise.js';
import { publicTransportRuns, travelForShift, type ShiftTravel } from './travel.js';
import { DEFAULT_WEIGHTS } from './weights.js';

/*
 * The reference matcher: one vacancy, one candidate, a score with its reasons. It reads like the
 * specification on purpose; the columnar ranker (ranker.ts) must give exactly the same totals and
 * is tested against it. Pure: no I/O, no clock, no randomness, and it reads only the fields of the
 * contract, so nothing outside it (age, name, postcode …) can influence a result (REQUIREMENTS F1).
 */

export type MatchOptions = {
  /** Tenant weights (sum 1); default DEFAULT_WEIGHTS. */
  weights?: MatchWeights;
  /** Related skills from the taxonomy; default: none. */
  skills?: SkillGraph;
  /** Language of the explanations; default Dutch. */
  lang?: Lang;
};

/** A skill graph without relations, for callers that have no taxonomy at hand. */
export const NO_RELATED_SKILLS: SkillGraph = { related: () => [] };

const MAX_REASONS = 6;
/** A journey this short is "close by", not a number of minutes. */
const NEARBY_MINUTES = 3;
const MAX_COMPETENCY_IMPROVEMENTS = 3;
const MAX_PAIR_REASONS = 2;

/** The shifts a candidate must be able to do: every shift of a rotation, otherwise the required ones. */
export function requiredShifts(vacancy: MatchVacancy): Shift[] {
  return vacancy.rotating ? vacancy.shifts : vacancy.shifts.filter((shift) => shift.required);
}

/** Scores one candidate for one vacancy, with hard-constraint verdicts and plain-language reasons. */
export function matchCandidate(vacancy: MatchVacancy, candidate: MatchCandidate, options: MatchOptions = {}): MatchResult {
  const weights = options.weights ?? DEFAULT_WEIGHTS;
  const skills = options.skills ?? NO_RELATED_SKILLS;
  const lang = options.lang ?? 'nl';
  const required = requiredShifts(vacancy);

  // Hard constraints.
  const credentials = checkCredentials(vacancy, candidate, lang);
  const dayParts = checkDayParts(required, candidate.availability, lang);
  const travel = checkTravel(vacancy, candidate, required, lang);
  const exclusions = [...credentials.exclusions, ...dayParts.exclusions, ...travel.exclusions];
  const eligible = exclusions.length === 0;

  // Scored factors.
  const competencies = scoreCompetencies(vacancy, candidate, skills);
  const shifts = scoreShifts(vacancy, candidate.availability);
  const wishes = scoreWorkWishes(vacancy, candidate);
  const scores: Record<Factor, number> = {
    competencies: competencyScore(competencies.weightedEvidence, competencies.totalImportance),
    motivation: assessmentScore(candidate.motivation),
    potential: assessmentScore(candidate.potential),
    shifts: shifts.score,
    hours: hoursScore(candidate.hours.now, candidate.hours.target, vacancy.hoursMin, vacancy.hoursMax, vacancy.rampUpFromHours),
    travel: travelScore(travel.scoredMinutes, candidate.mobility.maxTravelMinutes),
    workWishes: wishes.score,
    education: educationScore(candidate.educationLevel),
  };
  const weighted = weightedSum(
    weights,
    scores.competencies,
    scores.motivation,
    scores.potential,
    scores.shifts,
    scores.hours,
    scores.travel,
    scores.workWishes,
    scores.education,
  );
  const factors: FactorResult[] = FACTORS.map((factor) => ({
    factor,
    score: scores[factor],
    weight: weights[factor],
    contribution: Math.round(weights[factor] * scores[factor] * 10000) / 100,
  }));

  // Solvable barriers and credentials to obtain in time: conditional, never excluded, and the score
  // stays what it is.
  const conditions: MatchResult['conditions'] = eligible
    ? [...candidate.openConditions.map(({ domain, action }) => ({ domain, action })), ...travel.conditions, ...credentials.conditions]
    : [];

  const reasons = explainReasons({ vacancy, candidate, factors, competencies, shifts, wishes, travel: travel.binding, lang });
  const improvements = [
    ...credentials.improvements,
    ...dayParts.improvements,
    ...travel.improvements,
    ...conditions.filter((condition) => condition.domain !== 'credentials').map((condition) => improvementText.completeAction[lang](condition.action)),
    ...explainImprovements({ vacancy, candidate, competencies, shifts, lang }),
  ];

  return {
    candidateId: candidate.id,
    vacancyId: vacancy.id,
    eligible,
    exclusions,
    conditional: eligible && conditions.length > 0,
    conditions,
    total: eligible ? toTotal(weighted) : 0,
    factors,
    travel: travel.binding.reachable ? travel.binding.best : null,
    pendingTravel: travel.binding.pending ? { mode: travel.binding.pending.mode, minutes: travel.binding.pending.minutes } : null,
    competencyPairs: competencies.fits.map((fit) => ({
      wanted: fit.label,
      importance: fit.importance,
      have: fit.have,
      evidence: fit.haveEvidence,
      kind: fit.kind,
      credit: Math.round(fit.credit * 1000) / 1000,
    })),
    reasons,
    improvements: [...new Set(improvements)],
  };
}

/** Orders match results best first; equal totals by candidate id, so every run gives the same order. */
export function compareMatches(a: Pick<MatchResult, 'total' | 'candidateId'>, b: Pick<MatchResult, 'total' | 'candidateId'>): number {
  if (a.total !== b.total) return b.total - a.total;
  return a.candidateId < b.candidateId ? -1 : a.candidateId > b.candidateId ? 1 : 0;
}

type Verdict = { exclusions: Exclusion[]; improvements: string[] };
type CredentialVerdict = Verdict & { conditions: Array<{ domain: 'credentials'; action: string }> };

/**
 * A legally required licence or certificate that is missing excludes, unless it can be obtained
 * before the start: then the match is conditional on getting it.
 */
function checkCredentials(vacancy: MatchVacancy, candidate: MatchCandidate, lang: Lang): CredentialVerdict {
  const verdict: CredentialVerdict = { exclusions: [], improvements: [], conditions: [] };
  if (vacancy.requiredCredentials.length === 0) return verdict;
  const licences = coveredLicences(candidate.drivingLicences);
  const certificates = new Set(candidate.certificates.map(normaliseText));
  for (const credential of vacancy.requiredCredentials) {
    if (credential.type === 'driving_licence') {
      const category = normaliseLicence(credential.category);
      if (licences.has(category)) continue;
      if (credential.obtainable) {
        verdict.conditions.push({ domain: 'credentials', action: conditionText.licence[lang](category) });
        verdict.improvements.push(improvementText.beforeStart[lang](conditionText.licence[lang](category)));
        continue;
      }
      verdict.exclusions.push({ code: 'credential_missing', reason: exclusionText.licence[lang](category) });
      verdict.improvements.push(improvementText.getLicence[lang](category));
    } else {
      if (certificates.has(normaliseText(credential.name))) continue;
      if (credential.obtainable) {
        verdict.conditions.push({ domain: 'credentials', action: conditionText.certificate[lang](credential.name) });
        verdict.improvements.push(improvementText.beforeStart[lang](conditionText.certificate[lang](credential.name)));
        continue;
      }
      verdict.exclusions.push({ code: 'credential_missing', reason: exclusionText.certificate[lang](credential.name) });
      verdict.improvements.push(improvementText.getCertificate[lang](credential.name));
    }
  }
  return verdict;
}

/** Every required shift needs the candidate on its day part on at least one of its weekdays. */
function checkDayParts(required: Shift[], availability: WeekGrid, lang: Lang): Verdict {
  const verdict: Verdict = { exclusions: [], improvements: [] };
  for (const shift of required) {
    const available = shift.weekdays.some((day) => (availability[day] ?? []).includes(shift.dayPart));
    if (available) continue;
    const reason = exclusionText.dayPart[lang](shift.dayPart, shift.weekdays);
    if (verdict.exclusions.some((exclusion) => exclusion.reason === reason)) continue;
    verdict.exclusions.push({ code: 'day_part_unavailable', reason });
    verdict.improvements.push(improvementText.becomeAvailable[lang](shift.dayPart));
  }
  return verdict;
}

type TravelLeg = { shift: Shift | null; travel: ShiftTravel };
type TravelVerdict = Verdict & {
  binding: ShiftTravel;
  conditions: Array<{ domain: 'mobility'; action: string }>;
  /** The journey the travel factor scores: today's, or the one a pending mode brings when only that is within reach. */
  scoredMinutes: number;
};

const legMinutes = (leg: TravelLeg) => leg.travel.best?.minutes ?? Infinity;

/** The longest of the journeys (the one that decides), the first one on a tie. */
function longestLeg(legs: TravelLeg[]): TravelLeg {
  return legs.reduce((longest, leg) => (legMinutes(leg) > legMinutes(longest) ? leg : longest));
}

/**
 * Every required shift must be reachable within the candidate's maximum with the modes that run at
 * its hours; when only a pending mode makes it so, the match is conditional on that action instead.
 * Without required shifts the journey is judged at daytime hours.
 */
function checkTravel(vacancy: MatchVacancy, candidate: MatchCandidate, required: Shift[], lang: Lang): TravelVerdict {
  const shifts: Array<Shift | null> = required.length > 0 ? required : [null];
  const legs: TravelLeg[] = shifts.map((shift) => ({
    shift,
    travel: travelForShift({ from: candidate.home, to: vacancy.location, shift, mobility: candidate.mobility }),
  }));
  const binding = longestLeg(legs);
  // While a pending mode is needed for some shift, every journey is scored as it will be once the
  // action is done: with that mode too (the faster of the two on each journey), the longest deciding.
  const conditional = legs.some((leg) => leg.travel.reachableWithPending);
  const scoredMinutes = conditional
    ? Math.max(...legs.map((leg) => Math.min(leg.travel.best?.minutes ?? Infinity, leg.travel.pending?.minutes ?? Infinity)))
    : (binding.travel.best?.minutes ?? Infinity);
  const verdict: TravelVerdict = { exclusions: [], improvements: [], binding: binding.travel, conditions: [], scoredMinutes };
  const max = candidate.mobility.maxTravelMinutes;

  const failing = legs.filter((leg) => !leg.travel.reachable && !leg.travel.reachableWithPending);
  if (failing.length > 0) {
    const worst = longestLeg(failing);
    const best = worst.travel.best;
    const reason =
      best !== null
        ? exclusionText.tooFar[lang](best.minutes, best.mode, max)
        : worst.shift !== null && !publicTransportRuns(worst.shift) && candidate.mobility.modes.includes('public_transport')
          ? exclusionText.noTransportAtHours[lang](worst.shift.dayPart)
          : exclusionText.noTransport[lang]();
    verdict.exclusions.push({ code: 'travel_too_far', reason });
    verdict.improvements.push(improvementText.fasterTransport[lang](max));
    return verdict;
  }

  for (const leg of legs) {
    const pending = leg.travel.pending;
    if (leg.travel.reachableWithPending && pending && !verdict.conditions.some((condition) => condition.action === pending.action)) {
      verdict.conditions.push({ domain: 'mobility', action: pending.action });
    }
  }
  if (binding.travel.pending) {
    verdict.improvements.push(improvementText.pendingMode[lang](binding.travel.pending.mode, binding.travel.pending.minutes));
  }
  return verdict;
}

type CompetencyFit = {
  label: string;
  importance: MatchVacancy['competencies'][number]['importance'];
  /** Best full evidence (the same concept or label). */
  direct: number;
  directEvidence: EvidenceKind | null;
  /** Best partial evidence (taxonomy or words). */
  partial: number;
  /** The candidate competency behind the best credit, and how it credits. */
  have: string | null;
  haveEvidence: EvidenceKind | null;
  kind: CreditKind | null;
  credit: number;
};
type CompetencyScoring = { weightedEvidence: number; totalImportance: number; fits: CompetencyFit[] };

const NO_LINKS: ReadonlyMap<string, SkillRelation> = new Map();

/*
 * A graph's links per skill, remembered for as long as the graph lives: an explanation of a page of
 * people asks for the same few wanted skills once per person.
 */
const linksByGraph = new WeakMap<SkillGraph, Map<string, ReadonlyMap<string, SkillRelation>>>();

/** The taxonomy links of a skill with their credit factor; a plain URI is a skill–skill relation. */
function linksOf(skills: SkillGraph, uri: string): ReadonlyMap<string, SkillRelation> {
  let known = linksByGraph.get(skills);
  if (known === undefined) linksByGraph.set(skills, (known = new Map<string, ReadonlyMap<string, SkillRelation>>()));
  let links = known.get(uri);
  if (links === undefined) {
    const found = new Map<string, SkillRelation>();
    for (const link of skills.related(uri)) {
      const [to, relation] = typeof link === 'string' ? [link, 'related' as const] : [link.uri, link.relation];
      const before = found.get(to);
      if (before === undefined || CREDIT_FACTOR[relation] > CREDIT_FACTOR[before]) found.set(to, relation);
    }
    known.set(uri, (links = found));
  }
  return links;
}

/**
 * Per vacancy competency the best evidence the candidate has for it: the same skill (by URI or by
 * normalised label) counts fully; a concept related through the taxonomy partly (broader/narrower,
 * a skill–skill relation, the same group); where one side has no concept, shared Dutch words weakly.
 * Weighted by importance (must > should > trainable).
 */
function scoreCompetencies(vacancy: MatchVacancy, candidate: MatchCandidate, skills: SkillGraph): CompetencyScoring {
  const own = candidate.competencies.map((competency) => ({
    uri: competency.skillUri || null,
    label: normaliseText(competency.label),
    text: competency.label,
    stems: competencyStems(competency.label),
    evidence: competency.evidence,
    weight: evidenceWeight(competency.evidence, competency.level),
  }));
  let weightedEvidence = 0;
  let totalImportance = 0;
  const fits: CompetencyFit[] = [];
  for (const wanted of vacancy.competencies) {
    const wantedUri = wanted.skillUri || null;
    const wantedLabel = normaliseText(wanted.label);
    const wantedStems = competencyStems(wanted.label);
    const links = wantedUri ? linksOf(skills, wantedUri) : NO_LINKS;
    const fit: CompetencyFit = {
      label: wanted.label,
      importance: wanted.importance,
      direct: 0,
      directEvidence: null,
      partial: 0,
      have: null,
      haveEvidence: null,
      kind: null,
      credit: 0,
    };
    const consider = (value: number, kind: CreditKind, have: (typeof own)[number]) => {
      if (value > Math.max(fit.direct, fit.partial)) {
        fit.have = have.text;
        fit.haveEvidence = have.evidence;
        fit.kind = kind;
      }
    };
    for (const have of own) {
      const sameSkill = (wantedUri !== null && have.uri === wantedUri) || (wantedLabel !== '' && have.label === wantedLabel);
      if (sameSkill) {
        consider(have.weight, 'same', have);
        if (have.weight > fit.direct) {
          fit.direct = have.weight;
          fit.directEvidence = have.evidence;
        }
        continue;
      }
      const relation = have.uri !== null ? links.get(have.uri) : undefined;
      if (relation !== undefined) {
        const value = CREDIT_FACTOR[relation] * have.weight;
        consider(value, relation, have);
        fit.partial = Math.max(fit.partial, value);
      } else if ((wantedUri === null || have.uri === null) && wordsMeet(wantedStems, have.stems)) {
        const value = CREDIT_FACTOR.words * have.weight;
        consider(value, 'words', have);
        fit.partial = Math.max(fit.partial, value);
      }
    }
    fit.credit = Math.max(fit.direct, fit.partial);
    const importance = IMPORTANCE_WEIGHT[wanted.importance];
    weightedEvidence += importance * fit.credit;
    totalImportance += importance;
    fits.push(fit);
  }
  return { weightedEvidence, totalImportance, fits };
}

type ShiftScoring = { score: number; requiredCovered: number; requiredTotal: number; optionalCovered: number; optionalTotal: number };

/** Share of the required weekday × day-part slots the candidate can work, plus a bonus for optional ones. */
function scoreShifts(vacancy: MatchVacancy, availability: WeekGrid): ShiftScoring {
  // Each weekday × day-part slot once, with whether the candidate can work it; required when any
  // shift in it is (every shift of a rotation is).
  const slots = new Map<string, { required: boolean; canWork: boolean }>();
  for (const shift of vacancy.shifts) {
    const required = vacancy.rotating || shift.required;
    for (const day of shift.weekdays) {
      const slot = slots.get(`${day}:${shift.dayPart}`);
      if (slot) slot.required ||= required;
      else slots.set(`${day}:${shift.dayPart}`, { required, canWork: (availability[day] ?? []).includes(shift.dayPart) });
    }
  }
  let requiredTotal = 0;
  let requiredCovered = 0;
  let optionalTotal = 0;
  let optionalCovered = 0;
  for (const { required, canWork } of slots.values()) {
    if (required) {
      requiredTotal += 1;
      if (canWork) requiredCovered += 1;
    } else {
      optionalTotal += 1;
      if (canWork) optionalCovered += 1;
    }
  }
  return { score: shiftsScore(requiredCovered, requiredTotal, optionalCovered, optionalTotal), requiredCovered, requiredTotal, optionalCovered, optionalTotal };
}

type WishScoring = { score: number; occupation: boolean; sector: boolean; title: string | null };

/** Wished occupation, else wished sector, else a shared word with a wished title. */
function scoreWorkWishes(vacancy: MatchVacancy, candidate: MatchCandidate): WishScoring {
  const wishes = candidate.workWishes;
  const hasWishes = wishes.occupationUris.length > 0 || wishes.sectors.length > 0 || wishes.titles.length > 0;
  const occupation = vacancy.occupationUri !== null && wishes.occupationUris.includes(vacancy.occupationUri);
  const sector = wishes.sectors.some((sector) => normaliseText(sector) === normaliseText(vacancy.sector));
  const vacancyWords = titleWords(vacancy.title);
  const title = wishes.titles.find((wish) => titleWords(wish).some((word) => vacancyWords.includes(word))) ?? null;
  return { score: workWishesScore(hasWishes, occupation, sector, title !== null), occupation, sector, title };
}

function explainReasons({
  vacancy,
  candidate,
  factors,
  competencies,
  shifts,
  wishes,
  travel,
  lang,
}: {
  vacancy: MatchVacancy;
  candidate: MatchCandidate;
  factors: FactorResult[];
  competencies: CompetencyScoring;
  shifts: ShiftScoring;
  wishes: WishScoring;
  travel: ShiftTravel;
  lang: Lang;
}): string[] {
  const byFactor = new Map(factors.map((factor) => [factor.factor, factor]));
  const scoreOf = (factor: Factor) => byFactor.get(factor)!.score;
  const found: Array<{ factor: Factor; text: string }> = [];

  const matched = competencies.fits.filter((fit) => fit.direct > 0).sort((a, b) => IMPORTANCE_WEIGHT[b.importance] - IMPORTANCE_WEIGHT[a.importance]);
  if (competencies.totalImportance > 0 && scoreOf('competencies') >= 0.5 && matched.length > 0) {
    const musts = competencies.fits.filter((fit) => fit.importance === 'must');
    const allMust = musts.length > 0 && musts.every((fit) => fit.direct > 0);
    const labels = (allMust ? musts : matched).slice(0, 3).map((fit) => fit.label);
    found.push({ factor: 'competencies', text: (allMust ? reasonText.competenciesAllMust : reasonText.competencies)[lang](labels) });
  }
  // Credit through the taxonomy or by words: each pair named, so staff can check it.
  const pairs = competencies.fits
    .filter((fit) => fit.direct === 0 && fit.partial > 0 && fit.have !== null)
    .sort((a, b) => IMPORTANCE_WEIGHT[b.importance] - IMPORTANCE_WEIGHT[a.importance])
    .slice(0, MAX_PAIR_REASONS);
  for (const fit of pairs) found.push({ factor: 'competencies', text: reasonText.pair[lang](fit.have!, fit.haveEvidence!, fit.label) });
  if (candidate.motivation !== null && candidate.motivation >= 4) {
    found.push({ factor: 'motivation', text: reasonText.motivation[lang](candidate.motivation) });
  }
  if (candidate.potential !== null && candidate.potential >= 4) {
    found.push({ factor: 'potential', text: reasonText.potential[lang](candidate.potential) });
  }
  const slotsTotal = shifts.requiredTotal > 0 ? shifts.requiredTotal : shifts.optionalTotal;
  const slotsCovered = shifts.requiredTotal > 0 ? shifts.requiredCovered : shifts.optionalCovered;
  if (slotsTotal > 0 && slotsCovered === slotsTotal) {
    found.push({ factor: 'shifts', text: reasonText.allShifts[lang]() });
  } else if (slotsTotal > 0 && slotsCovered / slotsTotal >= 0.75) {
    found.push({ factor: 'shifts', text: reasonText.mostShifts[lang](slotsCovered, slotsTotal) });
  }
  if (scoreOf('hours') >= 0.9) {
    const goal = Math.min(vacancy.hoursMax, Math.max(vacancy.hoursMin, candidate.hours.target));
    found.push({
      factor: 'hours',
      text: candidate.hours.now >= vacancy.hoursMin ? reasonText.hoursFit[lang](goal) : reasonText.hoursRampUp[lang](candidate.hours.now, goal),
    });
  }
  if (travel.best !== null && travel.reachable && scoreOf('travel') >= 0.3) {
    const nearby = travel.best.minutes <= NEARBY_MINUTES;
    found.push({ factor: 'travel', text: nearby ? reasonText.nearby[lang]() : reasonText.travel[lang](travel.best.minutes, travel.best.mode) });
  }
  if (wishes.occupation) found.push({ factor: 'workWishes', text: reasonText.wishOccupation[lang]() });
  else if (wishes.sector) found.push({ factor: 'workWishes', text: reasonText.wishSector[lang](vacancy.sector) });
  else if (wishes.title !== null) found.push({ factor: 'workWishes', text: reasonText.wishTitle[lang](wishes.title) });

  // Strongest first: by what the factor adds to the total, then in FACTORS order (a stable sort).
  const strengths = found
    .filter((reason) => byFactor.get(reason.factor)!.weight > 0)
    .sort((a, b) => byFactor.get(b.factor)!.contribution - byFactor.get(a.factor)!.contribution)
    .slice(0, MAX_REASONS)
    .map((reason) => reason.text);
  // What holds the score down and cannot be solved by building up: always said.
  const concerns: string[] = [];
  if (candidate.hours.target < vacancy.hoursMin) concerns.push(reasonText.hoursBelowMinimum[lang](candidate.hours.target, vacancy.hoursMin));
  return [...strengths, ...concerns];
}

function explainImprovements({
  vacancy,
  candidate,
  competencies,
  shifts,
  lang,
}: {
  vacancy: MatchVacancy;
  candidate: MatchCandidate;
  competencies: CompetencyScoring;
  shifts: ShiftScoring;
  lang: Lang;
}): string[] {
  const improvements: string[] = [];
  const byImportance = [...competencies.fits].sort((a, b) => IMPORTANCE_WEIGHT[b.importance] - IMPORTANCE_WEIGHT[a.importance]);
  const competencyTexts: string[] = [];
  for (const fit of byImportance) {
    if (fit.direct === 0 && fit.partial > 0) competencyTexts.push(improvementText.onlyRelated[lang](fit.label));
    else if (fit.direct === 0 && fit.importance === 'must') competencyTexts.push(improvementText.missingMust[lang](fit.label));
    else if (fit.direct === 0 && fit.importance === 'should') competencyTexts.push(improvementText.missingShould[lang](fit.label));
    else if (fit.direct === 0) competencyTexts.push(improvementText.missingTrainable[lang](fit.label));
    else if (fit.importance === 'must' && fit.directEvidence === 'self_reported') {
      competencyTexts.push(improvementText.confirmSelfReported[lang](fit.label));
    }
  }
  improvements.push(...competencyTexts.slice(0, MAX_COMPETENCY_IMPROVEMENTS));
  if (candidate.motivation === null) improvements.push(improvementText.assessMotivation[lang]());
  if (candidate.potential === null) improvements.push(improvementText.assessPotential[lang]());
  // Never more hours than the person's own target: below the vacancy's minimum, only fewer hours
  // from the employer would make it fit.
  const { now, target } = candidate.hours;
  const reachesMinimum = target >= vacancy.hoursMin;
  const canStart = now >= vacancy.hoursMin || (vacancy.rampUpFromHours !== null && now >= vacancy.rampUpFromHours && reachesMinimum);
  if (!reachesMinimum) improvements.push(improvementText.fewerHours[lang](target, vacancy.hoursMin));
  else if (!canStart) improvements.push(improvementText.buildUpHours[lang](vacancy.rampUpFromHours ?? vacancy.hoursMin));
  // Without any required slot covered, the day-part exclusion already says what to do.
  if (shifts.requiredCovered > 0 && shifts.requiredCovered < shifts.requiredTotal) {
    improvements.push(improvementText.moreShifts[lang](shifts.requiredCovered, shifts.requiredTotal));
  }
  return improvements;
}

/**
 * The nearest change that would make an excluded candidate fit, in plain language ("Past als de
 * late dienst op zaterdag kan vervallen"), or null when the candidate fits already or nothing
 * single would do. Per hard constraint that fails, one change: a required shift the candidate cannot
 * work becomes optional (the employer's side), a longer journey is agreed, a missing credential is
 * obtained. Each is checked with matchCandidate itself, so the text never promises a fit that is not one.
 */
export function nearestFit(vacancy: MatchVacancy, candidate: MatchCandidate, options: MatchOptions = {}): string | null {
  const lang = options.lang ?? 'nl';
  const fits = (v: MatchVacancy, c: MatchCandidate) => matchCandidate(v, c, { ...options, lang }).eligible;
  if (fits(vacancy, candidate)) return null;

  let changedVacancy = vacancy;
  let changedCandidate = candidate;
  const clauses: string[] = [];

  // Credentials: missing ones obtained.
  const missing = checkCredentials(vacancy, candidate, lang);
  if (missing.exclusions.length > 0) {
    const stillMissing = vacancy.requiredCredentials.filter((credential) =>
      credential.obtainable
        ? false
        : credential.type === 'driving_licence'
          ? !coveredLicences(candidate.drivingLicences).has(normaliseLicence(credential.category))
          : !candidate.certificates.map(normaliseText).includes(normaliseText(credential.name)),
    );
    for (const credential of stillMissing) {
      clauses.push(
        credential.type === 'driving_licence' ? fitText.licence[lang](normaliseLicence(credential.category)) : fitText.certificate[lang](credential.name),
      );
    }
    changedVacancy = { ...changedVacancy, requiredCredentials: vacancy.requiredCredentials.filter((credential) => !stillMissing.includes(credential)) };
  }

  // Day parts: required shifts the candidate cannot work become optional.
  const unworkable = requiredShifts(vacancy).filter((shift) => !shift.weekdays.some((day) => (candidate.availability[day] ?? []).includes(shift.dayPart)));
  if (unworkable.length > 0) {
    for (const shift of unworkable) clauses.push(fitText.dropShift[lang](shift.dayPart, shift.weekdays));
    changedVacancy = {
      ...changedVacancy,
      rotating: false,
      shifts: changedVacancy.shifts.map((shift) => ({ ...shift, required: (vacancy.rotating || shift.required) && !unworkable.includes(shift) })),
    };
  }

  // Travel: the journey as it is, agreed as the new maximum (only when there is transport at all).
  if (!fits(changedVacancy, changedCandidate)) {
    const legs = (requiredShifts(changedVacancy).length > 0 ? requiredShifts(changedVacancy) : [null]).map((shift) =>
      travelForShift({ from: candidate.home, to: vacancy.location, shift, mobility: candidate.mobility }),
    );
    const needed = Math.max(...legs.map((leg) => leg.best?.minutes ?? Infinity));
    if (Number.isFinite(needed) && needed > candidate.mobility.maxTravelMinutes) {
      const longest = legs.find((leg) => leg.best?.minutes === needed)!.best!;
      clauses.push(fitText.longerJourney[lang](needed, longest.mode, candidate.mobility.maxTravelMinutes));
      changedCandidate = { ...changedCandidate, mobility: { ...candidate.mobility, maxTravelMinutes: needed } };
    }
  }
  return clauses.length > 0 && fits(changedVacancy, changedCandidate) ? fitText.fitsIf[lang](clauses) : null;
}
