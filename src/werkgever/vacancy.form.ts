import type { z } from 'zod';
import { DAY_PARTS, ROTATION_SYSTEMS, WEEKDAYS, type DayPart, type ShiftPattern, type Weekday } from '../schemas/schedule.js';
import {
  COMPETENCY_IMPORTANCE,
  CONTRACT_TYPES,
  SUPPORT_KINDS,
  createVacancyBodySchema,
  type CreateVacancyBody,
  type VacancyView,
} from '../vacancies/vacancies.schemas.js';
import { fieldErrors } from '../werkplek/werkplek.forms.js';
import { DAY_PART_TIMES } from './werkgever.labels.js';

/*
 * The employer's vacancy form (issue 15.3) as plain form fields, and back: the shift-pattern builder
 * is a grid of weekday × day-part checkboxes with a time per day part, a rotation choice and a
 * ramp-up start. The form becomes the API's create body and is checked by the API's own zod schema
 * (createVacancyBodySchema); its errors come back on the form fields they are about.
 */

/** The raw fields of a posted form: one value, or several for checkbox groups. */
export type RawForm = Record<string, string | string[] | undefined>;

/** What the form shows: every field as text, lists as lists; a round trip keeps what was typed. */
export type VacancyFormValues = {
  titel: string;
  beroep: string;
  omschrijving: string;
  locatie: string;
  contract: string;
  plaatsen: string;
  start: string;
  urenMin: string;
  urenMax: string;
  opbouw: boolean;
  opbouwUren: string;
  rooster: 'fixed' | 'rotating';
  ploegen: string;
  cyclus: string;
  /** Checked cells of the grid, as "mon:early". */
  diensten: string[];
  tijden: Record<DayPart, { start: string; end: string }>;
  /** Competency rows: suggested or saved, with the importance chosen ('' = not asked). */
  vaardigheden: Array<{ uri: string; label: string; belang: string }>;
  eigenLabel: string;
  eigenBelang: string;
  steun: string[];
  opleiding: string;
  /** The employer lets the Werkplein publish the open vacancy on job sites (schema.org JobPosting feed). */
  openbaar: boolean;
};

const one = (form: RawForm, name: string): string => {
  const value = form[name];
  return (Array.isArray(value) ? value[0] : value)?.trim() ?? '';
};
const many = (form: RawForm, name: string): string[] => {
  const value = form[name];
  return value === undefined ? [] : Array.isArray(value) ? value : [value];
};

/** Empty form with the usual defaults: a fixed week, the usual times of each day part. */
export function emptyVacancyForm(): VacancyFormValues {
  return {
    titel: '',
    beroep: '',
    omschrijving: '',
    locatie: '',
    contract: 'fixed_term',
    plaatsen: '1',
    start: '',
    urenMin: '',
    urenMax: '',
    opbouw: false,
    opbouwUren: '',
    rooster: 'fixed',
    ploegen: '3-shift',
    cyclus: '3',
    diensten: [],
    tijden: structuredClone(DAY_PART_TIMES),
    vaardigheden: [],
    eigenLabel: '',
    eigenBelang: '',
    steun: [],
    opleiding: '',
    openbaar: false,
  };
}

/** The posted fields as form values (nothing is checked here; see bodyOf). */
export function readVacancyForm(form: RawForm): VacancyFormValues {
  const count = Math.min(Number.parseInt(one(form, 'vaardigheden'), 10) || 0, 60);
  const vaardigheden = Array.from({ length: count }, (_, index) => ({
    uri: one(form, `v${index}-uri`),
    label: one(form, `v${index}-label`),
    belang: one(form, `v${index}-belang`),
  })).filter((row) => row.label !== '');
  return {
    titel: one(form, 'titel'),
    beroep: one(form, 'beroep'),
    omschrijving: one(form, 'omschrijving'),
    locatie: one(form, 'locatie'),
    contract: one(form, 'contract'),
    plaatsen: one(form, 'plaatsen'),
    start: one(form, 'start'),
    urenMin: one(form, 'urenMin'),
    urenMax: one(form, 'urenMax'),
    opbouw: one(form, 'opbouw') === 'ja',
    opbouwUren: one(form, 'opbouwUren'),
    rooster: one(form, 'rooster') === 'rotating' ? 'rotating' : 'fixed',
    ploegen: one(form, 'ploegen'),
    cyclus: one(form, 'cyclus'),
    diensten: many(form, 'dienst').filter((cell) => /^[a-z]{3}:[a-z]{3,5}$/.test(cell)),
    tijden: Object.fromEntries(
      DAY_PARTS.map((part) => [
        part,
        { start: one(form, `${part}-start`) || DAY_PART_TIMES[part].start, end: one(form, `${part}-eind`) || DAY_PART_TIMES[part].end },
      ]),
    ) as VacancyFormValues['tijden'],
    vaardigheden,
    eigenLabel: one(form, 'eigenLabel'),
    eigenBelang: one(form, 'eigenBelang'),
    steun: many(form, 'steun'),
    opleiding: one(form, 'opleiding'),
    openbaar: one(form, 'openbaar') === 'ja',
  };
}

/** A saved vacancy as form values (for editing). */
export function vacancyFormOf(vacancy: VacancyView): VacancyFormValues {
  const pattern = vacancy.shiftPattern as ShiftPattern;
  const tijden = structuredClone(DAY_PART_TIMES);
  for (const shift of pattern.shifts) tijden[shift.dayPart] = { start: shift.start, end: shift.end };
  return {
    ...emptyVacancyForm(),
    titel: vacancy.title,
    beroep: vacancy.occupationUri ?? '',
    omschrijving: vacancy.description ?? '',
    locatie: vacancy.locationId,
    contract: vacancy.contractType,
    plaatsen: String(vacancy.positions),
    start: vacancy.startDate ?? '',
    urenMin: String(vacancy.hoursPerWeek.min),
    urenMax: String(vacancy.hoursPerWeek.max),
    opbouw: vacancy.rampUpFromHours !== null,
    opbouwUren: vacancy.rampUpFromHours === null ? '' : String(vacancy.rampUpFromHours),
    rooster: pattern.kind,
    ploegen: pattern.rotation?.system ?? '3-shift',
    cyclus: String(pattern.rotation?.cycleWeeks ?? 3),
    diensten: pattern.shifts.flatMap((shift) => shift.weekdays.map((day) => `${day}:${shift.dayPart}`)),
    tijden,
    vaardigheden: vacancy.competencies.map((competency) => ({ uri: competency.skillUri ?? '', label: competency.label, belang: competency.importance })),
    steun: [...vacancy.supportOffered],
    opleiding: vacancy.trainingOffered[0]?.title ?? '',
    openbaar: vacancy.public,
  };
}

/** Competency rows to show: what the form (or vacancy) has, then the occupation's suggestions not yet among them. */
export function mergeSuggestions(
  rows: VacancyFormValues['vaardigheden'],
  suggestions: Array<{ skillUri?: string | undefined; label: string }>,
): VacancyFormValues['vaardigheden'] {
  const seen = new Set(rows.map((row) => row.uri || row.label.toLowerCase()));
  const added = suggestions
    .filter((suggestion) => !seen.has(suggestion.skillUri ?? suggestion.label.toLowerCase()))
    .map((suggestion) => ({ uri: suggestion.skillUri ?? '', label: suggestion.label, belang: '' }));
  return [...rows, ...added];
}

/** The shifts of the grid: one shift per day part that has any weekday checked, in day-part order. */
export function shiftsOf(values: VacancyFormValues): Array<{ dayPart: DayPart; start: string; end: string; weekdays: Weekday[]; required: boolean }> {
  return DAY_PARTS.flatMap((part) => {
    const weekdays = WEEKDAYS.filter((day) => values.diensten.includes(`${day}:${part}`));
    if (weekdays.length === 0) return [];
    return [{ dayPart: part, start: values.tijden[part].start, end: values.tijden[part].end, weekdays, required: true }];
  });
}

/** Field ids of the form, by the first segment(s) of a body path. */
export function fieldOf(path: string, parts: DayPart[]): string {
  const segments = path.split('.');
  switch (segments[0]) {
    case 'title':
      return 'titel';
    case 'occupationUri':
      return 'beroep';
    case 'description':
      return 'omschrijving';
    case 'locationId':
      return 'locatie';
    case 'contractType':
      return 'contract';
    case 'positions':
      return 'plaatsen';
    case 'startDate':
      return 'start';
    case 'hoursPerWeek':
      return 'uren';
    case 'rampUpFromHours':
      return 'opbouwUren';
    case 'shiftPattern': {
      if (segments[1] === 'rotation') return 'ploegen';
      if (segments[1] === 'shifts' && segments[2] !== undefined && (segments[3] === 'start' || segments[3] === 'end')) {
        const part = parts[Number(segments[2])];
        if (part) return `tijd-${part}`;
      }
      return 'diensten';
    }
    case 'competencies':
      return 'vaardigheden';
    case 'supportOffered':
      return 'steun';
    case 'trainingOffered':
      return 'opleiding';
    case 'public':
      return 'openbaar';
    default:
      return 'formulier';
  }
}

const WHOLE_NUMBER = 'Vul een heel getal in.';

/** Reads whole numbers of a form; what is missing or not a number is noted in `errors` on `field`. */
export function intReader(errors: Record<string, string>) {
  return (field: string, value: string, optional = false): number | undefined => {
    if (value === '') {
      if (!optional) errors[field] ??= 'Vul dit in.';
      return undefined;
    }
    if (!/^\d{1,4}$/.test(value)) {
      errors[field] ??= WHOLE_NUMBER;
      return undefined;
    }
    return Number(value);
  };
}

/** The shift pattern of the builder's fields (checked by the schema of the body it goes into). */
export function shiftPatternOf(values: VacancyFormValues, cycle: number | undefined) {
  return {
    kind: values.rooster,
    shifts: shiftsOf(values),
    ...(values.rooster === 'rotating' ? { rotation: { system: values.ploegen, cycleWeeks: cycle } } : {}),
  };
}

/**
 * The form as the API's create body, checked by the API's schema; or the errors per form field
 * (in plain Dutch) when something is missing or wrong.
 */
export function bodyOf(values: VacancyFormValues, status: 'draft' | 'open'): { body: CreateVacancyBody } | { errors: Record<string, string> } {
  const errors: Record<string, string> = {};
  const int = intReader(errors);
  const min = int('uren', values.urenMin);
  const max = int('uren', values.urenMax);
  const positions = int('plaatsen', values.plaatsen);
  const rampUp = values.opbouw ? int('opbouwUren', values.opbouwUren) : undefined;
  const cycle = values.rooster === 'rotating' ? int('ploegen', values.cyclus) : undefined;
  const shifts = shiftsOf(values);
  if (shifts.length === 0) errors.diensten = 'Kies minstens één dienst in het rooster.';
  const competencies = values.vaardigheden
    .filter((row) => row.belang !== '')
    .map((row) => ({ ...(row.uri ? { skillUri: row.uri } : {}), label: row.label, importance: row.belang }));
  if (values.eigenLabel) {
    competencies.push({ label: values.eigenLabel, importance: values.eigenBelang || 'must' });
  }
  const candidate = {
    title: values.titel,
    ...(values.beroep ? { occupationUri: values.beroep } : {}),
    ...(values.omschrijving ? { description: values.omschrijving } : {}),
    locationId: values.locatie,
    hoursPerWeek: { min, max },
    rampUpFromHours: rampUp ?? null,
    shiftPattern: shiftPatternOf(values, cycle),
    contractType: values.contract,
    ...(values.start ? { startDate: values.start } : {}),
    positions,
    competencies,
    trainingOffered: values.opleiding ? [{ title: values.opleiding }] : [],
    supportOffered: values.steun,
    public: values.openbaar,
    status,
  };
  const parsed = createVacancyBodySchema.safeParse(candidate);
  if (!parsed.success) {
    const parts = shifts.map((shift) => shift.dayPart);
    for (const [path, message] of Object.entries(fieldErrors(parsed.error as z.ZodError))) {
      const field = fieldOf(path, parts);
      // A number that was not a number already says so; an empty list of shifts too.
      errors[field] ??= message;
    }
  }
  if (Object.keys(errors).length > 0 || !parsed.success) return { errors };
  return { body: parsed.data };
}

/** Codes the form offers, for its selects and checkboxes. */
export const FORM_CODES = { CONTRACT_TYPES, SUPPORT_KINDS, ROTATION_SYSTEMS, COMPETENCY_IMPORTANCE } as const;
