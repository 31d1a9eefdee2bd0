import type { z } from 'zod';

/** Languages people can read answers in: Dutch (B1) by default, English on request. */
export type Lang = 'nl' | 'en';

type Values = Record<string, string | number>;
type Message = { nl: (v: Values) => string; en: (v: Values) => string };

/**
 * Validation messages of our own rules, by key. Zod's built-in messages come from its nl/en
 * locales; these cover the domain rules that zod cannot phrase.
 */
export const validationMessages = {
  'shift.zero_length': {
    nl: () => 'Een dienst moet langer dan 0 minuten duren.',
    en: () => 'A shift must last longer than 0 minutes.',
  },
  'shift.start_mismatch': {
    nl: (v) => `De begintijd ${v.start} past niet bij een ${v.dayPart}-dienst.`,
    en: (v) => `Start time ${v.start} does not fit a ${v.dayPart} shift.`,
  },
  'list.duplicates': {
    nl: () => 'Noem elke waarde maar één keer.',
    en: () => 'List each value only once.',
  },
  'rotation.missing': {
    nl: () => 'Een ploegendienst heeft een rooster nodig (rotation).',
    en: () => 'A rotating pattern needs its rotation.',
  },
  'rotation.unexpected': {
    nl: () => 'Een vast rooster heeft geen rotatie.',
    en: () => 'A fixed pattern has no rotation.',
  },
  'rotation.shifts_missing': {
    nl: (v) => `Een ${v.system}-rooster heeft ook deze diensten nodig: ${v.missing}.`,
    en: (v) => `A ${v.system} pattern also needs these shifts: ${v.missing}.`,
  },
  'hours.min_above_max': {
    nl: () => 'Het minimum aantal uren is hoger dan het maximum.',
    en: () => 'The minimum hours are higher than the maximum.',
  },
  'hours.ramp_up_not_below_min': {
    nl: () => 'Opbouwen kan alleen vanaf minder uren dan het minimum.',
    en: () => 'A ramp-up start must begin below the minimum hours.',
  },
  'postcode.invalid': {
    nl: () => 'Dit is geen geldige Nederlandse postcode (bijvoorbeeld 5038 of 5038 AB).',
    en: () => 'This is not a valid Dutch postcode (for example 5038 or 5038 AB).',
  },
  'coordinates.outside_nl': {
    nl: () => 'Deze coördinaten liggen niet in Nederland.',
    en: () => 'These coordinates are not in the Netherlands.',
  },
  'reference.location_unknown': {
    nl: () => 'Deze locatie hoort niet bij de werkgever.',
    en: () => 'This location does not belong to the employer.',
  },
  'ramp_up.not_ascending': {
    nl: () => 'De stappen van het opbouwplan moeten steeds hoger worden, bijvoorbeeld 8, 16, 24.',
    en: () => 'The steps of the ramp-up plan must go up, for example 8, 16, 24.',
  },
  'hours.target_below_now': {
    nl: () => 'Het doel in uren is lager dan wat nu al kan.',
    en: () => 'The target hours are lower than the hours possible now.',
  },
  'barrier.action_required': {
    nl: () => 'Bij een oplosbare belemmering hoort een afgesproken actie.',
    en: () => 'A solvable barrier needs an agreed action.',
  },
  'reference.account_manager_unknown': {
    nl: () => 'Deze klantmanager bestaat niet (of is niet actief) bij dit Werkplein.',
    en: () => 'This account manager does not exist (or is inactive) at this Werkplein.',
  },
} satisfies Record<string, Message>;

export type ValidationMessageKey = keyof typeof validationMessages;

/** Adds a localisable custom issue in a zod refinement. */
export function addRuleIssue(
  ctx: { addIssue: (issue: z.core.$ZodRawIssue) => void },
  path: PropertyKey[],
  key: ValidationMessageKey,
  values: Values = {},
): void {
  ctx.addIssue({
    code: 'custom',
    path,
    message: validationMessages[key].nl(values),
    params: { key, values },
    input: undefined,
  });
}

export function ruleMessage(key: string, values: Values, lang: Lang): string | undefined {
  const message = (validationMessages as Record<string, Message>)[key];
  return message ? message[lang](values) : undefined;
}
