import type { Lang } from '../schemas/messages.js';

/*
 * Audit attributes: entered only to check that the ranking and the steps after it treat groups
 * fairly (REQUIREMENTS F6). They live apart (candidate_audit_attributes), are never shown with a
 * profile, never in the search index, and never read by the matcher (a test scans src/matching).
 * Every attribute is optional: a person may decline to say, which is stored as null ("onbekend").
 */

export const GENDERS = ['female', 'male', 'other'] as const;
/** Bands rather than ages: enough for fairness checks, and the age itself is never stored here. */
export const AGE_BANDS = ['18-26', '27-44', '45-54', '55-67'] as const;
/** As CBS counts origin since 2022: born (or a parent born) in the Netherlands, elsewhere in Europe, or outside Europe. */
export const MIGRATION_BACKGROUNDS = ['none', 'europe', 'outside_europe'] as const;
/** An occupational disability (arbeidsbeperking), as the person states it. */
export const DISABILITY_VALUES = ['no', 'yes'] as const;

export const AUDIT_DIMENSIONS = ['gender', 'ageBand', 'migrationBackground', 'disability'] as const;
export type AuditDimension = (typeof AUDIT_DIMENSIONS)[number];

export const AUDIT_VALUES: Record<AuditDimension, readonly string[]> = {
  gender: GENDERS,
  ageBand: AGE_BANDS,
  migrationBackground: MIGRATION_BACKGROUNDS,
  disability: DISABILITY_VALUES,
};

export type AuditAttributes = Record<AuditDimension, string | null>;

/** The value of a person who did not say (or has no row). */
export const UNKNOWN_GROUP = 'unknown';

const DIMENSION_LABELS: Record<AuditDimension, Record<Lang, string>> = {
  gender: { nl: 'Gender', en: 'Gender' },
  ageBand: { nl: 'Leeftijdsgroep', en: 'Age band' },
  migrationBackground: { nl: 'Herkomst', en: 'Migration background' },
  disability: { nl: 'Arbeidsbeperking', en: 'Occupational disability' },
};

const VALUE_LABELS: Record<string, Record<Lang, string>> = {
  female: { nl: 'vrouw', en: 'woman' },
  male: { nl: 'man', en: 'man' },
  other: { nl: 'anders', en: 'other' },
  '18-26': { nl: '18–26 jaar', en: '18–26 years' },
  '27-44': { nl: '27–44 jaar', en: '27–44 years' },
  '45-54': { nl: '45–54 jaar', en: '45–54 years' },
  '55-67': { nl: '55–67 jaar', en: '55–67 years' },
  none: { nl: 'Nederland', en: 'the Netherlands' },
  europe: { nl: 'Europa (buiten Nederland)', en: 'Europe (outside the Netherlands)' },
  outside_europe: { nl: 'buiten Europa', en: 'outside Europe' },
  no: { nl: 'nee', en: 'no' },
  yes: { nl: 'ja', en: 'yes' },
  [UNKNOWN_GROUP]: { nl: 'onbekend', en: 'unknown' },
};

export function dimensionLabel(dimension: AuditDimension, lang: Lang): string {
  return DIMENSION_LABELS[dimension][lang];
}

export function groupLabel(value: string, lang: Lang): string {
  return VALUE_LABELS[value]?.[lang] ?? value;
}

/** Shown wherever audit attributes are entered: what they are for, and what they are never for. */
export const AUDIT_ATTRIBUTES_NOTE: Record<Lang, string> = {
  nl:
    'Deze gegevens zijn alleen voor de controle op eerlijkheid: krijgen alle groepen even goede kansen? ' +
    'Ze staan apart, u ziet ze niet bij het profiel, en ze tellen nooit mee bij het zoeken of rangschikken. ' +
    'Iemand hoeft ze niet te geven: leeg laten mag altijd.',
  en:
    'These details are only for the fairness check: do all groups get equally good chances? ' +
    'They are kept apart, are never shown with the profile, and never count in search or ranking. ' +
    'Nobody has to give them: leaving them empty is always allowed.',
};
