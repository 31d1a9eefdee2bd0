import type { z } from 'zod';

/** Languages people can read answers in: Dutch (B1) by default, English on request. */
export type Lang = 'nl' | 'en';

type Values = Record<string, string | number>;

/** Day parts and shift systems in Dutch words (the codes in the API are English). */
const DAY_PART_NL: Record<string, string> = { early: 'vroege dienst', day: 'dagdienst', late: 'late dienst', night: 'nachtdienst' };
const ROTATION_NL: Record<string, string> = { '2-shift': 'twee ploegen', '3-shift': 'drie ploegen', '5-shift': 'vijf ploegen' };
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
    nl: (v) => `De begintijd ${v.start} past niet bij een ${DAY_PART_NL[String(v.dayPart)] ?? v.dayPart}.`,
    en: (v) => `Start time ${v.start} does not fit a ${v.dayPart} shift.`,
  },
  'rekentool.partner_income_without_partner': {
    nl: () => 'Vul alleen een inkomen van een partner in als de situatie "partners" is.',
    en: () => 'Give a partner’s income only when the situation is "partners".',
  },
  'list.duplicates': {
    nl: () => 'Noem elke waarde maar één keer.',
    en: () => 'List each value only once.',
  },
  'rotation.missing': {
    nl: () => 'Een ploegendienst heeft een rooster nodig: geef aan hoe de diensten wisselen.',
    en: () => 'A rotating pattern needs its rotation.',
  },
  'rotation.unexpected': {
    nl: () => 'Een vast rooster heeft geen rotatie.',
    en: () => 'A fixed pattern has no rotation.',
  },
  'rotation.shifts_missing': {
    nl: (v) =>
      `Een rooster in ${ROTATION_NL[String(v.system)] ?? v.system} heeft ook deze diensten nodig: ${String(v.missing)
        .split(', ')
        .map((part) => DAY_PART_NL[part] ?? part)
        .join(', ')}.`,
    en: (v) => `A ${v.system} pattern also needs these shifts: ${v.missing}.`,
  },
  'hours.min_above_max': {
    nl: () => 'Het minimum aantal uren is hoger dan het maximum.',
    en: () => 'The minimum hours are higher than the maximum.',
  },
  'salary.min_above_max': {
    nl: () => 'Het laagste salaris is hoger dan het hoogste.',
    en: () => 'The lowest pay is higher than the highest.',
  },
  'hours.ramp_up_not_below_min': {
    nl: () => 'Opbouwen kan alleen vanaf minder uren dan het minimum.',
    en: () => 'A ramp-up start must begin below the minimum hours.',
  },
  'patch.empty': {
    nl: () => 'Er staat niets in om te wijzigen. Stuur minstens één veld.',
    en: () => 'There is nothing to change. Send at least one field.',
  },
  'text.control_character': {
    nl: () => 'Hier staat een onzichtbaar stuurteken in (bijvoorbeeld U+0000). Alleen gewone tekst, regeleinden en tabs mogen.',
    en: () => 'This contains an invisible control character (for example U+0000). Only plain text, line breaks and tabs are allowed.',
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
  'reference.role_unknown': {
    nl: () => 'Deze functie hoort niet bij het groeiplan.',
    en: () => 'This role does not belong to the growth plan.',
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

/** What zod passes on about an issue (fastify-type-provider-zod's params), as far as the words need it. */
type ZodIssueLike = {
  code?: unknown;
  origin?: unknown;
  expected?: unknown;
  input?: unknown;
  maximum?: unknown;
  minimum?: unknown;
  inclusive?: unknown;
  format?: unknown;
  values?: unknown;
  keys?: unknown;
};

const TYPE_NL: Record<string, string> = {
  number: 'een getal',
  int: 'een geheel getal',
  string: 'tekst',
  boolean: 'ja of nee (true of false)',
  array: 'een lijst',
  object: 'een object',
  date: 'een datum',
};

/** "geen geldig …", with the adjective as the noun wants it (het e-mailadres, de datum). */
const FORMAT_NL: Record<string, string> = {
  email: 'geldig e-mailadres',
  uuid: 'geldig id',
  guid: 'geldig id',
  url: 'geldig webadres',
  date: 'geldige datum (JJJJ-MM-DD)',
  datetime: 'geldige datum en tijd',
  time: 'geldige tijd (UU:MM)',
  regex: 'geldige waarde',
};

/**
 * Zod's own issues in plain Dutch (B1). Zod's Dutch locale mixes in English words ("verwacht dat
 * number <= 100 is"): people read these, so they get sentences of their own.
 */
export function dutchValidationMessage(issue: ZodIssueLike): string {
  const count = (value: unknown) => String(value);
  switch (issue.code) {
    case 'invalid_type':
      if (issue.input === undefined) return 'Dit veld ontbreekt.';
      return `Verwacht ${TYPE_NL[String(issue.expected)] ?? 'een andere soort waarde'}.`;
    case 'too_big': {
      const atMost = issue.inclusive === false ? 'minder dan' : 'hoogstens';
      if (issue.origin === 'string') return `Deze tekst mag ${atMost} ${count(issue.maximum)} tekens lang zijn.`;
      if (issue.origin === 'array' || issue.origin === 'set') return `Deze lijst mag ${atMost} ${count(issue.maximum)} onderdelen hebben.`;
      if (issue.origin === 'date') return 'Deze datum ligt te laat.';
      return `Dit getal mag ${atMost} ${count(issue.maximum)} zijn.`;
    }
    case 'too_small': {
      const atLeast = issue.inclusive === false ? 'meer dan' : 'minstens';
      if (issue.origin === 'string')
        return Number(issue.minimum) <= 1 ? 'Vul dit veld in.' : `Deze tekst moet ${atLeast} ${count(issue.minimum)} tekens lang zijn.`;
      if (issue.origin === 'array' || issue.origin === 'set') return `Deze lijst moet ${atLeast} ${count(issue.minimum)} onderdelen hebben.`;
      if (issue.origin === 'date') return 'Deze datum ligt te vroeg.';
      return `Dit getal moet ${atLeast} ${count(issue.minimum)} zijn.`;
    }
    case 'invalid_format':
      return `Dit is geen ${FORMAT_NL[String(issue.format)] ?? 'geldige waarde'}.`;
    case 'invalid_value':
      return Array.isArray(issue.values) && issue.values.length > 0
        ? `Kies een van deze waarden: ${issue.values.map((value) => `"${String(value)}"`).join(', ')}.`
        : 'Deze waarde kan niet.';
    case 'unrecognized_keys':
      return Array.isArray(issue.keys) && issue.keys.length > 1
        ? `Deze velden bestaan niet: ${issue.keys.map(String).join(', ')}.`
        : `Dit veld bestaat niet: ${Array.isArray(issue.keys) ? issue.keys.map(String).join(', ') : ''}.`;
    case 'not_multiple_of':
      return 'Dit getal past niet in de stappen die kunnen.';
    default:
      return 'Deze waarde klopt niet.';
  }
}
