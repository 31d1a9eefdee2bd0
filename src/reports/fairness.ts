import type { Lang } from '../schemas/messages.js';
import {
  AUDIT_DIMENSIONS,
  AUDIT_VALUES,
  dimensionLabel,
  groupLabel,
  UNKNOWN_GROUP,
  type AuditAttributes,
  type AuditDimension,
} from '../privacy/audit-attributes.js';

/*
 * Adverse impact monitoring (REQUIREMENTS F6). Pure: people in, figures out; no I/O, no clock.
 *
 * Definitions (per period, per person, not per vacancy):
 *   - pool of the first stage: the people the matcher ranks from (active, with an intake by the end
 *     of the period, with a home location), together with everyone who appears in the results of a
 *     vacancy ranking run in the period (someone placed since may no longer be active). A run stores
 *     only the page that was asked for, so the pool cannot come from the runs alone;
 *   - ranked top-k: of that pool, those with rank ≤ k (k = 25) and eligible in at least one run;
 *   - shortlisted: of the top-k, those approved by staff on a shortlist in the period;
 *   - invited: of the shortlisted, those an employer invited (or hired straight away) in the period;
 *   - hired: of the invited, those hired (employer feedback or a recorded placement) in the period.
 * The pool of each stage is the previous stage's selected, so every stage measures one decision.
 * Selection rate = selected / pool, per group of one audit attribute at a time. Impact ratio = a
 * group's rate / the highest rate among the groups large enough to judge (the reference group).
 * A ratio below 0.8 (the four-fifths rule) is flagged, compared exactly on the counts
 * (5 · selected · pool_ref < 4 · pool · selected_ref), so that rounding never decides a flag.
 * Groups with a pool below MIN_GROUP_SIZE are shown but never flagged and never the reference: too
 * small to judge. People who did not state an attribute form the group "unknown": shown, never
 * compared.
 */

export const FAIRNESS_STAGES = ['ranked_top_k', 'shortlisted', 'invited', 'hired'] as const;
export type FairnessStage = (typeof FAIRNESS_STAGES)[number];

/** Ranks up to this count as "ranked top-k". */
export const TOP_K = 25;
/** A group with a smaller pool is too small to judge. */
export const MIN_GROUP_SIZE = 10;
/** The four-fifths rule: 4/5. */
export const IMPACT_THRESHOLD = 0.8;

/** One person in the period: their audit attributes and the stages they reached. */
export type FairnessSubject = {
  /** Who (for a what-if that changes who reached a stage); never shown in the figures. */
  candidateId?: string;
  attributes: AuditAttributes;
  reached: Record<FairnessStage, boolean>;
};

export type GroupFigure = {
  group: string;
  label: string;
  pool: number;
  selected: number;
  /** selected / pool; null when the pool is empty. */
  rate: number | null;
  /** rate / reference rate; null without a reference, for "unknown", or for an empty pool. */
  impactRatio: number | null;
  reference: boolean;
  flagged: boolean;
  tooSmall: boolean;
  note: string | null;
};

export type StageFigure = {
  stage: FairnessStage;
  label: string;
  pool: number;
  selected: number;
  referenceGroup: string | null;
  groups: GroupFigure[];
};

export type DimensionFigure = { dimension: AuditDimension; label: string; stages: StageFigure[] };

export type FairnessFigures = {
  people: number;
  withAttributes: number;
  topK: number;
  minGroupSize: number;
  threshold: number;
  dimensions: DimensionFigure[];
  flags: Array<{ dimension: AuditDimension; stage: FairnessStage; group: string; impactRatio: number }>;
  definitions: string[];
};

const STAGE_LABELS: Record<FairnessStage, Record<Lang, string>> = {
  ranked_top_k: { nl: `Bij de beste ${TOP_K} van een rangschikking`, en: `In the top ${TOP_K} of a ranking` },
  shortlisted: { nl: 'Op een shortlist gezet (goedgekeurd)', en: 'Put on a shortlist (approved)' },
  invited: { nl: 'Uitgenodigd door de werkgever', en: 'Invited by the employer' },
  hired: { nl: 'Aangenomen', en: 'Hired' },
};

export function stageLabel(stage: FairnessStage, lang: Lang): string {
  return STAGE_LABELS[stage][lang];
}

export function fairnessDefinitions(lang: Lang, topK = TOP_K, minGroupSize = MIN_GROUP_SIZE): string[] {
  return lang === 'nl'
    ? [
        'Startgroep: iedereen uit wie de matcher kiest (actief, met een intake vóór het einde van de periode, met een bekende woonplaats), plus iedereen die in de periode in een rangschikking voor een vacature stond.',
        `Stap 1: van de startgroep, wie bij de beste ${topK} stond (en geschikt was) in minstens één rangschikking.`,
        'Stap 2: van stap 1, wie een medewerker op een shortlist zette en goedkeurde.',
        'Stap 3: van stap 2, wie een werkgever uitnodigde (of meteen aannam).',
        'Stap 4: van stap 3, wie werd aangenomen (reactie van de werkgever of een vastgelegde plaatsing).',
        'Kans (selectiepercentage) = wie de stap haalde, gedeeld door wie eraan begon. Dat rekenen we per groep uit.',
        'Verhouding = de kans van een groep, gedeeld door de hoogste kans van een groep. Onder 0,8 (de vier-vijfde-regel) krijgt de groep een waarschuwing.',
        `Een groep met minder dan ${minGroupSize} mensen is te klein om iets over te zeggen: die krijgt nooit een waarschuwing.`,
        'Mensen die een gegeven niet wilden geven, staan bij "onbekend". Die groep tellen we wel, maar vergelijken we niet.',
        'Wie verwijderd is (op verzoek of na de bewaartermijn), telt niet meer mee.',
      ]
    : [
        'Starting group: everyone the matcher ranks from (active, with an intake by the end of the period, with a known home area), plus everyone who appeared in a vacancy ranking in the period.',
        `Step 1: of the starting group, who was in the top ${topK} (and eligible) of at least one ranking.`,
        'Step 2: of step 1, who staff put on a shortlist and approved.',
        'Step 3: of step 2, who an employer invited (or hired straight away).',
        'Step 4: of step 3, who was hired (employer feedback or a recorded placement).',
        'Selection rate = who passed the step, divided by who entered it, per group.',
        'Impact ratio = a group’s rate divided by the highest rate of any group. Below 0.8 (the four-fifths rule) the group is flagged.',
        `A group with fewer than ${minGroupSize} people is too small to judge: it is never flagged.`,
        'People who did not state a detail are in "unknown": counted, but not compared.',
        'People who were erased (on request or after the retention term) no longer count.',
      ];
}

const round = (value: number, digits = 4) => Math.round(value * 10 ** digits) / 10 ** digits;

/** The groups of a dimension in a fixed order: its values, then "unknown". */
function groupsOf(dimension: AuditDimension): string[] {
  return [...AUDIT_VALUES[dimension], UNKNOWN_GROUP];
}

function stageFigure({
  dimension,
  stage,
  pool,
  selected,
  options,
}: {
  dimension: AuditDimension;
  stage: FairnessStage;
  pool: readonly FairnessSubject[];
  selected: (subject: FairnessSubject) => boolean;
  options: { minGroupSize: number; lang: Lang };
}): StageFigure {
  const counts = new Map(groupsOf(dimension).map((group) => [group, { pool: 0, selected: 0 }]));
  for (const subject of pool) {
    const value = subject.attributes[dimension];
    const group = value !== null && counts.has(value) ? value : UNKNOWN_GROUP;
    const count = counts.get(group)!;
    count.pool += 1;
    if (selected(subject)) count.selected += 1;
  }
  // The reference: the highest rate among known groups large enough to judge (ties: the first).
  let reference: { group: string; pool: number; selected: number } | null = null;
  for (const [group, count] of counts) {
    if (group === UNKNOWN_GROUP || count.pool < options.minGroupSize) continue;
    if (!reference || count.selected * reference.pool > reference.selected * count.pool) reference = { group, ...count };
  }
  if (reference && reference.selected === 0) reference = null;

  const lang = options.lang;
  const groups: GroupFigure[] = [...counts].map(([group, count]) => {
    const unknown = group === UNKNOWN_GROUP;
    const tooSmall = count.pool < options.minGroupSize;
    const rate = count.pool > 0 ? round(count.selected / count.pool) : null;
    const comparable = !unknown && reference !== null && count.pool > 0;
    const impactRatio = comparable ? round((count.selected * reference!.pool) / (count.pool * reference!.selected)) : null;
    const flagged = comparable && !tooSmall && 5 * count.selected * reference!.pool < 4 * count.pool * reference!.selected;
    let note: string | null = null;
    if (unknown) note = lang === 'nl' ? 'Niet opgegeven: telt mee, maar wordt niet vergeleken.' : 'Not stated: counted, not compared.';
    else if (count.pool === 0) note = lang === 'nl' ? 'Niemand uit deze groep kwam bij deze stap.' : 'Nobody of this group reached this step.';
    else if (tooSmall)
      note =
        lang === 'nl'
          ? `Te klein om iets over te zeggen (minder dan ${options.minGroupSize} mensen).`
          : `Too small to judge (fewer than ${options.minGroupSize} people).`;
    else if (flagged)
      note = lang === 'nl' ? 'Onder 0,8: kijk waarom deze groep minder vaak doorgaat.' : 'Below 0.8: look into why this group passes less often.';
    return {
      group,
      label: groupLabel(group, lang),
      pool: count.pool,
      selected: count.selected,
      rate,
      impactRatio,
      reference: reference?.group === group,
      flagged,
      tooSmall,
      note,
    };
  });
  return {
    stage,
    label: stageLabel(stage, lang),
    pool: pool.length,
    selected: pool.filter(selected).length,
    referenceGroup: reference?.group ?? null,
    groups,
  };
}

/** Selection rates and impact ratios per audit attribute and stage, with flags below the four-fifths rule. */
export function computeFairness(
  subjects: readonly FairnessSubject[],
  { lang = 'nl', minGroupSize = MIN_GROUP_SIZE, topK = TOP_K }: { lang?: Lang; minGroupSize?: number; topK?: number } = {},
): FairnessFigures {
  const dimensions: DimensionFigure[] = AUDIT_DIMENSIONS.map((dimension) => {
    let pool: readonly FairnessSubject[] = subjects;
    const stages: StageFigure[] = [];
    for (const stage of FAIRNESS_STAGES) {
      const passed = (subject: FairnessSubject) => subject.reached[stage];
      stages.push(stageFigure({ dimension, stage, pool, selected: passed, options: { minGroupSize, lang } }));
      pool = pool.filter(passed);
    }
    return { dimension, label: dimensionLabel(dimension, lang), stages };
  });
  const flags = dimensions.flatMap((dimension) =>
    dimension.stages.flatMap((stage) =>
      stage.groups
        .filter((group) => group.flagged)
        .map((group) => ({ dimension: dimension.dimension, stage: stage.stage, group: group.group, impactRatio: group.impactRatio! })),
    ),
  );
  return {
    people: subjects.length,
    withAttributes: subjects.filter((subject) => AUDIT_DIMENSIONS.some((dimension) => subject.attributes[dimension] !== null)).length,
    topK,
    minGroupSize,
    threshold: IMPACT_THRESHOLD,
    dimensions,
    flags,
    definitions: fairnessDefinitions(lang, topK, minGroupSize),
  };
}
