import type { Lang } from '../schemas/messages.js';
import { FACTOR_NAME } from '../matching/matcher.messages.js';
import { DROPOUT_REASONS, type DropoutReason } from '../placements/placements.schemas.js';
import { instrumentName } from '../shortlists/instruments.js';

/*
 * "Wat voorspelt een blijvende plaatsing?" (issue 16.4). Pure: placements with their outcome at six
 * months in, retention per group out, each with a Wilson 95 % interval.
 *
 * Definitions:
 *   - the placements counted are those with a known outcome at 6 months (in work or not, per the
 *     impact report's rule: a drop-out counts as not in work later unless a later follow-up says
 *     otherwise); retention = in work at 6 months / counted;
 *   - factor bands: the score of a factor (0–1) in the stored ranking run that put the person on the
 *     shortlist of the vacancy (the entry's matchRunId): contribution / (weight × 100). Low below
 *     0.5, middle 0.5 to 0.8, high 0.8 and up. "Unknown" when the person was added by hand (no run)
 *     or the factor weighed 0 in that run;
 *   - conditional: the run said the match held under a condition (e.g. a bike for the journey);
 *   - instrument: every instrument used in the placement counts in its own group; "none" without;
 *   - drop-out reason: the first drop-out up to 6 months; its retention is who was back in work at
 *     6 months. "No drop-out" are those who never dropped out;
 *   - groups of fewer than MIN_OUTCOME_GROUP placements are shown with their interval, and a note that
 *     they are too small to draw a conclusion from.
 */

/** The factors the section shows (the six the issue names; work wishes and education are left out). */
export const LASTING_FACTORS = ['competencies', 'motivation', 'potential', 'shifts', 'hours', 'travel'] as const;
export type LastingFactor = (typeof LASTING_FACTORS)[number];
export const FACTOR_BANDS = ['low', 'middle', 'high', 'unknown'] as const;
export type FactorBand = (typeof FACTOR_BANDS)[number];
/** A group smaller than this is too small to draw a conclusion from. */
export const MIN_OUTCOME_GROUP = 10;
/** z for a two-sided 95 % interval. */
const Z95 = 1.959963984540054;

/** What the ranking run behind a placement said about the person. */
export type PlacementMatch = { placementId: string; weights: Record<string, number>; contributions: Record<string, number>; conditional: boolean };

/** One placement with a known 6-month outcome. */
export type LastingInput = {
  placementId: string;
  inWorkAt6: boolean;
  instruments: readonly string[];
  /** The first drop-out up to 6 months, if any. */
  dropoutReason: DropoutReason | null;
};

export type Interval = { low: number; high: number };

export type LastingGroup = {
  group: string;
  label: string;
  placements: number;
  inWork: number;
  rate: number | null;
  /** Wilson 95 % interval of the rate; null for an empty group. */
  interval: Interval | null;
  tooSmall: boolean;
  note: string | null;
};

export type LastingDimension = { dimension: string; label: string; groups: LastingGroup[] };

export type LastingFigures = {
  mark: 6;
  placements: number;
  inWork: number;
  rate: number | null;
  interval: Interval | null;
  /** Placements whose ranking run is on record (with factor scores). */
  withRanking: number;
  minGroupSize: number;
  dimensions: LastingDimension[];
  /** A plain-language note when the whole set is too small to say much. */
  note: string | null;
  definitions: string[];
};

const round4 = (value: number) => Math.round(value * 10000) / 10000;

/** The Wilson score interval for `successes` out of `n` (95 % unless another z is given). */
export function wilsonInterval(successes: number, n: number, z = Z95): Interval | null {
  if (n === 0) return null;
  const p = successes / n;
  const z2 = z * z;
  const centre = (p + z2 / (2 * n)) / (1 + z2 / n);
  const half = (z / (1 + z2 / n)) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  return { low: round4(Math.max(0, centre - half)), high: round4(Math.min(1, centre + half)) };
}

/** The band of a factor score (0–1) in a run, or unknown. */
export function factorBand(match: PlacementMatch | undefined, factor: LastingFactor): FactorBand {
  const weight = match?.weights[factor];
  const contribution = match?.contributions[factor];
  if (!match || typeof weight !== 'number' || weight <= 0 || typeof contribution !== 'number') return 'unknown';
  const score = contribution / (weight * 100);
  return score < 0.5 ? 'low' : score < 0.8 ? 'middle' : 'high';
}

const pct = (value: number, lang: Lang) =>
  new Intl.NumberFormat(lang === 'nl' ? 'nl-NL' : 'en-GB', { style: 'percent', maximumFractionDigits: 0 }).format(value);

function smallNote(n: number, interval: Interval | null, lang: Lang): string {
  if (n === 0) return lang === 'nl' ? 'Geen plaatsingen in deze groep.' : 'No placements in this group.';
  const range = interval
    ? lang === 'nl'
      ? ` Het echte percentage kan overal tussen ${pct(interval.low, lang)} en ${pct(interval.high, lang)} liggen.`
      : ` The true rate could be anywhere between ${pct(interval.low, lang)} and ${pct(interval.high, lang)}.`
    : '';
  return lang === 'nl'
    ? `Te weinig plaatsingen (${n}) om hier iets uit te concluderen.${range}`
    : `Too few placements (${n}) to draw a conclusion from.${range}`;
}

function group(key: string, label: string, members: readonly LastingInput[], lang: Lang): LastingGroup {
  const inWork = members.filter((member) => member.inWorkAt6).length;
  const interval = wilsonInterval(inWork, members.length);
  const tooSmall = members.length < MIN_OUTCOME_GROUP;
  return {
    group: key,
    label,
    placements: members.length,
    inWork,
    rate: members.length > 0 ? round4(inWork / members.length) : null,
    interval,
    tooSmall,
    note: tooSmall ? smallNote(members.length, interval, lang) : null,
  };
}

const BAND_LABELS: Record<FactorBand, Record<Lang, string>> = {
  low: { nl: 'Laag (score onder 50%)', en: 'Low (score below 50%)' },
  middle: { nl: 'Midden (50% tot 80%)', en: 'Middle (50% to 80%)' },
  high: { nl: 'Hoog (80% of meer)', en: 'High (80% or more)' },
  unknown: { nl: 'Onbekend (geen ranking bewaard)', en: 'Unknown (no ranking on record)' },
};

const DROPOUT_LABELS: Record<DropoutReason | 'none', Record<Lang, string>> = {
  none: { nl: 'Niet uitgevallen', en: 'No drop-out' },
  health: { nl: 'Gezondheid', en: 'Health' },
  childcare: { nl: 'Kinderopvang', en: 'Childcare' },
  conflict_at_work: { nl: 'Conflict op het werk', en: 'Conflict at work' },
  travel: { nl: 'Reizen', en: 'Travel' },
  contract_ended: { nl: 'Contract afgelopen', en: 'Contract ended' },
  mismatch_tasks: { nl: 'Werk paste niet', en: 'Tasks did not fit' },
  personal_circumstances: { nl: 'Persoonlijke omstandigheden', en: 'Personal circumstances' },
  other: { nl: 'Anders', en: 'Other' },
};

export function dropoutLabel(reason: DropoutReason, lang: Lang): string {
  return DROPOUT_LABELS[reason][lang];
}

function definitions(lang: Lang): string[] {
  return lang === 'nl'
    ? [
        'We kijken alleen naar plaatsingen waarvan bekend is of iemand na 6 maanden nog werkt. Blijvend = na 6 maanden aan het werk.',
        'Het interval (95%) laat zien hoe zeker een percentage is: bij weinig plaatsingen is het breed (Wilson-methode).',
        'Score per onderdeel: uit de ranking waarmee iemand op de shortlist kwam. Laag is onder 50%, midden 50% tot 80%, hoog 80% of meer. Onbekend: met de hand toegevoegd, of het onderdeel telde niet mee.',
        'Met voorwaarde: de match gold alleen als er iets geregeld werd (bijvoorbeeld vervoer).',
        'Regeling: een plaatsing met twee regelingen telt in beide groepen.',
        'Reden van uitval: de eerste uitval in de eerste 6 maanden. Het percentage zegt hoeveel van hen na 6 maanden toch (weer) werkten.',
        `Groepen met minder dan ${MIN_OUTCOME_GROUP} plaatsingen zijn te klein om conclusies uit te trekken. Ze staan er wel, met een opmerking.`,
      ]
    : [
        'Only placements with a known outcome at 6 months count. Lasting = in work at 6 months.',
        'The interval (95 %) shows how certain a rate is: with few placements it is wide (Wilson method).',
        'Score per factor: from the ranking that put the person on the shortlist. Low is below 50 %, middle 50 % to 80 %, high 80 % or more. Unknown: added by hand, or the factor weighed nothing.',
        'Conditional: the match held only if something was arranged (e.g. transport).',
        'Instrument: a placement with two instruments counts in both groups.',
        'Drop-out reason: the first drop-out within 6 months. The rate says how many of them were (back) in work at 6 months.',
        `Groups of fewer than ${MIN_OUTCOME_GROUP} placements are too small to draw conclusions from. They are shown, with a note.`,
      ];
}

/** Retention at 6 months by factor band, conditional or not, instrument and drop-out reason. */
export function computeLasting(inputs: readonly LastingInput[], matches: ReadonlyMap<string, PlacementMatch>, lang: Lang = 'nl'): LastingFigures {
  const nl = lang === 'nl';
  const dimensions: LastingDimension[] = [];

  for (const factor of LASTING_FACTORS) {
    const name = FACTOR_NAME[factor][lang];
    dimensions.push({
      dimension: `factor:${factor}`,
      label: nl ? `Score op ${name}` : `Score on ${name}`,
      groups: FACTOR_BANDS.map((band) =>
        group(
          band,
          BAND_LABELS[band][lang],
          inputs.filter((input) => factorBand(matches.get(input.placementId), factor) === band),
          lang,
        ),
      ),
    });
  }

  const conditionalOf = (input: LastingInput) => {
    const match = matches.get(input.placementId);
    return match ? (match.conditional ? 'conditional' : 'unconditional') : 'unknown';
  };
  dimensions.push({
    dimension: 'conditional',
    label: nl ? 'Match met of zonder voorwaarde' : 'Match with or without a condition',
    groups: [
      group(
        'conditional',
        nl ? 'Met voorwaarde' : 'Conditional',
        inputs.filter((input) => conditionalOf(input) === 'conditional'),
        lang,
      ),
      group(
        'unconditional',
        nl ? 'Zonder voorwaarde' : 'Unconditional',
        inputs.filter((input) => conditionalOf(input) === 'unconditional'),
        lang,
      ),
      group(
        'unknown',
        BAND_LABELS.unknown[lang],
        inputs.filter((input) => conditionalOf(input) === 'unknown'),
        lang,
      ),
    ],
  });

  const codes = [...new Set(inputs.flatMap((input) => input.instruments))].sort();
  dimensions.push({
    dimension: 'instrument',
    label: nl ? 'Regeling' : 'Instrument',
    groups: [
      ...codes.map((code) =>
        group(
          code,
          instrumentName(code, lang),
          inputs.filter((input) => input.instruments.includes(code)),
          lang,
        ),
      ),
      group(
        'none',
        nl ? 'Geen regeling' : 'No instrument',
        inputs.filter((input) => input.instruments.length === 0),
        lang,
      ),
    ],
  });

  dimensions.push({
    dimension: 'dropout_reason',
    label: nl ? 'Reden van uitval' : 'Drop-out reason',
    groups: [
      group(
        'none',
        DROPOUT_LABELS.none[lang],
        inputs.filter((input) => input.dropoutReason === null),
        lang,
      ),
      ...DROPOUT_REASONS.filter((reason) => inputs.some((input) => input.dropoutReason === reason)).map((reason) =>
        group(
          reason,
          DROPOUT_LABELS[reason][lang],
          inputs.filter((input) => input.dropoutReason === reason),
          lang,
        ),
      ),
    ],
  });

  const inWork = inputs.filter((input) => input.inWorkAt6).length;
  const note =
    inputs.length < MIN_OUTCOME_GROUP
      ? nl
        ? `Nog maar ${inputs.length} ${inputs.length === 1 ? 'plaatsing' : 'plaatsingen'} met een uitkomst na 6 maanden. Dat is te weinig om te zeggen wat een plaatsing blijvend maakt. Lees de cijfers als een eerste beeld, niet als bewijs.`
        : `Only ${inputs.length} ${inputs.length === 1 ? 'placement' : 'placements'} with an outcome at 6 months. That is too few to say what makes a placement last. Read the figures as a first impression, not as evidence.`
      : null;
  return {
    mark: 6,
    placements: inputs.length,
    inWork,
    rate: inputs.length > 0 ? round4(inWork / inputs.length) : null,
    interval: wilsonInterval(inWork, inputs.length),
    withRanking: inputs.filter((input) => matches.has(input.placementId)).length,
    minGroupSize: MIN_OUTCOME_GROUP,
    dimensions,
    note,
    definitions: definitions(lang),
  };
}
