import type { z } from 'zod';
import { createGrowthPlanBodySchema, type CreateGrowthPlanBody } from '../growth-plans/growth-plans.schemas.js';
import type { DayPart } from '../schemas/schedule.js';
import { fieldErrors } from '../werkplek/werkplek.forms.js';
import { emptyVacancyForm, fieldOf, intReader, readVacancyForm, shiftPatternOf, shiftsOf, type RawForm, type VacancyFormValues } from './vacancy.form.js';

/*
 * The employer's growth-plan form (issue 15.4): "we open a new hall in April and need 40 order
 * pickers in three shifts". A plan with one role, whose work is described with the same fields and
 * shift-pattern builder as a vacancy; the form becomes the API's create body, checked by the API's
 * own schema (createGrowthPlanBodySchema), with its errors on the fields they are about.
 */

export type GrowthPlanFormValues = VacancyFormValues & { naam: string; opleidenWeken: string };

export function emptyGrowthPlanForm(): GrowthPlanFormValues {
  return { ...emptyVacancyForm(), naam: '', opleidenWeken: '0', plaatsen: '' };
}

export function readGrowthPlanForm(form: RawForm): GrowthPlanFormValues {
  const one = (name: string) => {
    const value = form[name];
    return (Array.isArray(value) ? value[0] : value)?.trim() ?? '';
  };
  return { ...readVacancyForm(form), naam: one('naam'), opleidenWeken: one('opleidenWeken') };
}

/** Form fields by the path of the body's error. */
function growthFieldOf(path: string, parts: DayPart[]): string {
  const [first, index, field, ...rest] = path.split('.');
  if (first === 'name') return 'naam';
  if (first === 'description') return 'omschrijving';
  if (first === 'locationId') return 'locatie';
  if (first === 'roles' && index !== undefined && field !== undefined) {
    if (field === 'headcount') return 'plaatsen';
    if (field === 'expectedDate') return 'start';
    if (field === 'trainingLeadTimeWeeks') return 'opleidenWeken';
    return fieldOf([field, ...rest].join('.'), parts);
  }
  return 'formulier';
}

/**
 * The form as the API's create body, or the errors per form field in plain Dutch. A new plan starts
 * today or later (`today`, YYYY-MM-DD in Amsterdam): "het Werkplein zoekt nu mensen" for a start in
 * 2020 would only mislead.
 */
export function growthPlanBodyOf(values: GrowthPlanFormValues, today: string): { body: CreateGrowthPlanBody } | { errors: Record<string, string> } {
  const errors: Record<string, string> = {};
  const int = intReader(errors);
  const min = int('uren', values.urenMin);
  const max = int('uren', values.urenMax);
  const headcount = int('plaatsen', values.plaatsen);
  const weeks = int('opleidenWeken', values.opleidenWeken, true);
  const cycle = values.rooster === 'rotating' ? int('ploegen', values.cyclus) : undefined;
  const shifts = shiftsOf(values);
  if (shifts.length === 0) errors.diensten = 'Kies minstens één dienst in het rooster.';
  if (!values.start) errors.start = 'Vul in wanneer de mensen moeten beginnen.';
  else if (/^\d{4}-\d{2}-\d{2}$/.test(values.start) && values.start < today) errors.start = 'Deze datum is al voorbij. Kies een datum vanaf vandaag.';
  const candidate = {
    name: values.naam,
    ...(values.omschrijving ? { description: values.omschrijving } : {}),
    ...(values.locatie ? { locationId: values.locatie } : {}),
    roles: [
      {
        title: values.titel,
        headcount,
        expectedDate: values.start,
        hoursPerWeek: { min, max },
        shiftPattern: shiftPatternOf(values, cycle),
        trainingLeadTimeWeeks: weeks ?? 0,
        contractType: values.contract,
      },
    ],
  };
  const parsed = createGrowthPlanBodySchema.safeParse(candidate);
  if (!parsed.success) {
    const parts = shifts.map((shift) => shift.dayPart);
    for (const [path, message] of Object.entries(fieldErrors(parsed.error as z.ZodError))) errors[growthFieldOf(path, parts)] ??= message;
  }
  if (Object.keys(errors).length > 0 || !parsed.success) return { errors };
  return { body: parsed.data };
}
