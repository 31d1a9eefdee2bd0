import { createHash } from 'node:crypto';
import type { Graph, JobPosting } from 'schema-dts';
import type { VacancySalary } from '../../db/schema/index.js';
import { escapeHtml } from '../pages/jsx.js';
import { escoOccupationUri } from '../schemas/common.js';
import { summariseShiftPattern, type ShiftPattern } from '../schemas/schedule.js';
import { DAY_PART_LABELS, DAY_PART_TIMES, ROTATION_LABELS, WEEKDAY_SHORT } from '../werkgever/werkgever.labels.js';
import { DEFAULT_VALID_DAYS, type CONTRACT_TYPES } from './vacancies.schemas.js';

/*
 * schema.org JobPosting, both ways (issue 19.3): an open public vacancy as the JSON-LD that job
 * boards read, and a JobPosting from a file as the fields of a draft vacancy. No I/O here; the feed
 * (vacancies.service.ts) and the import (vacancies.import.ts) do the reading and writing.
 */

type ContractType = (typeof CONTRACT_TYPES)[number];

/** An open public vacancy with what the feed shows of its employer and location: nothing about people. */
export type PublicVacancyRow = {
  id: string;
  title: string;
  description: string | null;
  occupationUri: string | null;
  hoursMin: number;
  hoursMax: number;
  shiftPattern: unknown;
  contractType: string;
  startDate: string | null;
  positions: number;
  validThrough: string | null;
  salary: VacancySalary | null;
  openedAt: Date | null;
  updatedAt: Date;
  employerName: string;
  employerWebsite: string | null;
  locationStreet: string | null;
  locationHouseNumber: string | null;
  locationPostcode4: string;
  locationPostcodeLetters: string | null;
  locationCity: string;
  locationLatitude: number;
  locationLongitude: number;
};

/** The feed document: one JSON-LD graph of JobPostings. */
export type JobPostingFeed = Graph & { '@graph': JobPosting[] };

/** "24–32 uur per week" (or "32 uur per week"): what the import reads back as the hours. */
export function hoursText(min: number, max: number): string {
  return min === max ? `${min} uur per week` : `${min}–${max} uur per week`;
}

/** workHours: the hours per week, then the shifts in plain Dutch ("vroege dienst 06:00–14:00 (ma, di)"). */
export function workHoursText(row: Pick<PublicVacancyRow, 'hoursMin' | 'hoursMax' | 'shiftPattern'>): string {
  const pattern = row.shiftPattern as ShiftPattern;
  const shifts = pattern.shifts.map(
    (shift) => `${DAY_PART_LABELS[shift.dayPart]} ${shift.start}–${shift.end} (${shift.weekdays.map((day) => WEEKDAY_SHORT[day]).join(', ')})`,
  );
  const summary = summariseShiftPattern(pattern);
  const extra = [
    pattern.kind === 'rotating' && pattern.rotation ? `in ${ROTATION_LABELS[pattern.rotation.system] ?? 'ploegen'}` : '',
    summary.weekendWork ? 'ook in het weekend' : '',
  ]
    .filter(Boolean)
    .join(', ');
  return [hoursText(row.hoursMin, row.hoursMax), shifts.join('; '), extra].filter(Boolean).join('; ');
}

/** Plain text as simple HTML: blank lines make paragraphs, single newlines line breaks (job boards show HTML). */
export function textToHtml(text: string): string {
  return text
    .trim()
    .split(/\n\s*\n/)
    .map((paragraph) => `<p>${escapeHtml(paragraph.trim()).replaceAll('\n', '<br>')}</p>`)
    .join('');
}

const NAMED_ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
  rsquo: '’',
  lsquo: '‘',
  ldquo: '“',
  rdquo: '”',
  ndash: '–',
  mdash: '—',
  euro: '€',
  pound: '£',
  hellip: '…',
};

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
    if (name.startsWith('#x') || name.startsWith('#X')) return String.fromCodePoint(Number.parseInt(name.slice(2), 16));
    if (name.startsWith('#')) return String.fromCodePoint(Number.parseInt(name.slice(1), 10));
    return NAMED_ENTITIES[name.toLowerCase()] ?? whole;
  });
}

/**
 * A JobPosting description (HTML, sometimes escaped twice as in the NHS file) as plain text:
 * paragraphs and list items on lines of their own, tags dropped, entities decoded.
 */
export function htmlToText(html: string): string {
  let text = html;
  // Escaped HTML ("&lt;p&gt;"): decode once to get the tags back.
  if (!/<[a-z/][^>]*>/i.test(text) && /&lt;\/?[a-z]/i.test(text)) text = decodeEntities(text);
  text = text
    .replace(/<\s*br\s*\/?>/gi, '\n')
    .replace(/<\s*li[^>]*>/gi, '\n- ')
    .replace(/<\/\s*(p|div|h[1-6]|ul|ol|li|tr)\s*>/gi, '\n\n')
    .replace(/<[^>]*>/g, '');
  text = decodeEntities(text).replaceAll('\u00a0', ' ');
  return text
    .split('\n')
    .map((line) => line.replace(/[ \t]+/g, ' ').trim())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** employmentType for a contract: full or part time by the hours, and what kind of contract it is. */
export function employmentTypesOf(contractType: string, hoursMax: number): string[] {
  const time = hoursMax >= 36 ? 'FULL_TIME' : 'PART_TIME';
  const kind: Record<ContractType, string | null> = {
    permanent: null,
    fixed_term: 'TEMPORARY',
    agency: 'CONTRACTOR',
    on_call: 'PER_DIEM',
    work_learning: 'INTERN',
  };
  const extra = kind[contractType as ContractType];
  return extra ? [time, extra] : [time];
}

function addDays(date: Date, days: number): string {
  return new Date(date.getTime() + days * 86_400_000).toISOString().slice(0, 10);
}

/** One open public vacancy as a schema.org JobPosting (typed by schema-dts, so tsc checks every property). */
export function toJobPosting(row: PublicVacancyRow, { tenantSlug, now }: { tenantSlug: string; now: Date }): JobPosting {
  const street = [row.locationStreet, row.locationHouseNumber].filter(Boolean).join(' ');
  const posting: JobPosting = {
    '@type': 'JobPosting',
    identifier: { '@type': 'PropertyValue', propertyID: `kansrijk:${tenantSlug}`, value: row.id },
    title: row.title,
    description: textToHtml(row.description?.trim() ? row.description : `${row.title} bij ${row.employerName} in ${row.locationCity}.`),
    datePosted: (row.openedAt ?? row.updatedAt).toISOString(),
    validThrough: row.validThrough ?? addDays(now, DEFAULT_VALID_DAYS),
    employmentType: employmentTypesOf(row.contractType, row.hoursMax),
    hiringOrganization: {
      '@type': 'Organization',
      name: row.employerName,
      ...(row.employerWebsite ? { url: row.employerWebsite } : {}),
    },
    jobLocation: {
      '@type': 'Place',
      address: {
        '@type': 'PostalAddress',
        ...(street ? { streetAddress: street } : {}),
        postalCode: row.locationPostcodeLetters ? `${row.locationPostcode4} ${row.locationPostcodeLetters}` : row.locationPostcode4,
        addressLocality: row.locationCity,
        addressCountry: 'NL',
      },
      geo: { '@type': 'GeoCoordinates', latitude: row.locationLatitude, longitude: row.locationLongitude },
    },
    workHours: workHoursText(row),
    totalJobOpenings: row.positions,
    ...(row.startDate ? { jobStartDate: row.startDate } : {}),
    ...(row.occupationUri ? { occupationalCategory: row.occupationUri } : {}),
    ...(row.salary
      ? {
          baseSalary: {
            '@type': 'MonetaryAmount',
            currency: 'EUR',
            value: { '@type': 'QuantitativeValue', minValue: row.salary.min, maxValue: row.salary.max, unitText: row.salary.period },
          },
        }
      : {}),
  };
  return posting;
}

export function toJobPostingFeed(rows: PublicVacancyRow[], options: { tenantSlug: string; now: Date }): JobPostingFeed {
  return { '@context': 'https://schema.org', '@graph': rows.map((row) => toJobPosting(row, options)) };
}

/* ---- Reading a JobPosting from a file (any publisher: lenient, and saying what it assumed) ---- */

type Json = unknown;
const isRecord = (value: Json): value is Record<string, Json> => typeof value === 'object' && value !== null && !Array.isArray(value);
const first = (value: Json): Json => (Array.isArray(value) ? value[0] : value);

/** A text value: a string, a number, or an object's @value / name. */
function textOf(value: Json): string | undefined {
  const one = first(value);
  if (typeof one === 'string') return one.trim() || undefined;
  if (typeof one === 'number') return String(one);
  if (isRecord(one)) return textOf(one['@value'] ?? one.name);
  return undefined;
}

function numberOf(value: Json): number | undefined {
  const one = first(value);
  if (typeof one === 'number') return Number.isFinite(one) ? one : undefined;
  if (typeof one === 'string' && /^-?\d+([.,]\d+)?$/.test(one.trim())) return Number(one.trim().replace(',', '.'));
  return undefined;
}

/** The date part of an ISO 8601 date or date-time. */
function dateOf(value: Json): string | undefined {
  const text = textOf(value);
  const match = text ? /^(\d{4}-\d{2}-\d{2})/.exec(text) : null;
  return match?.[1];
}

/** Hours per week from a text like "24–32 uur per week", "32 uur", "37.5 hours per week". */
export function hoursFromText(text: string): { min: number; max: number } | undefined {
  const match = /(\d{1,3}(?:[.,]\d+)?)\s*(?:(?:–|-|—|tot|to)\s*(\d{1,3}(?:[.,]\d+)?)\s*)?(?:uur|u\b|hours?|hrs?\b)/i.exec(text);
  if (!match) return undefined;
  const low = Number(match[1]!.replace(',', '.'));
  const high = match[2] ? Number(match[2].replace(',', '.')) : low;
  return { min: Math.floor(Math.min(low, high)), max: Math.ceil(Math.max(low, high)) };
}

/** Where the JobPosting says the work is: to pick one of the employer's locations. */
export type PostingPlace = { postcode4?: string; city?: string; label: string };

/** What a JobPosting becomes: the fields of a draft (checked later by the API's own schema), or why not. */
export type PostingDraft =
  { ok: true; sourceKey: string; place: PostingPlace; fields: Record<string, unknown>; notes: string[] } | { ok: false; errors: string[] };

/** The day shift on weekdays: what a draft gets when a JobPosting says nothing about shifts (schema.org has no such field). */
const WEEKDAY_DAY_SHIFT = {
  kind: 'fixed',
  shifts: [{ dayPart: 'day', ...DAY_PART_TIMES.day, weekdays: ['mon', 'tue', 'wed', 'thu', 'fri'], required: true }],
};

function contractOf(types: string[]): { contractType?: ContractType; note?: string; error?: string } {
  const has = (type: string) => types.includes(type);
  if (has('INTERN')) return { contractType: 'work_learning' };
  if (has('PER_DIEM')) return { contractType: 'on_call' };
  if (has('CONTRACTOR')) return { contractType: 'agency' };
  if (has('TEMPORARY')) return { contractType: 'fixed_term' };
  if (has('FULL_TIME') || has('PART_TIME')) return { contractType: 'permanent' };
  if (has('VOLUNTEER')) return { error: 'Dit is vrijwilligerswerk (employmentType VOLUNTEER). Kansrijk neemt alleen betaald werk over.' };
  return { contractType: 'fixed_term', note: 'Soort contract onbekend: tijdelijk contract aangenomen.' };
}

function salaryOf(value: Json, notes: string[]): VacancySalary | undefined {
  if (!isRecord(value)) return undefined;
  const currency = textOf(value.currency)?.toUpperCase();
  const amount = isRecord(value.value) ? value.value : { value: value.value };
  const min = numberOf(amount.minValue) ?? numberOf(amount.value);
  const max = numberOf(amount.maxValue) ?? numberOf(amount.value) ?? min;
  const unit = textOf(amount.unitText)?.toUpperCase();
  if (min === undefined || max === undefined) {
    notes.push('Salaris zonder bedrag: niet overgenomen.');
    return undefined;
  }
  if (currency !== 'EUR') {
    notes.push(`Salaris in ${currency ?? 'een onbekende munt'}: niet overgenomen (alleen euro’s).`);
    return undefined;
  }
  if (unit !== 'HOUR' && unit !== 'MONTH' && unit !== 'YEAR') {
    notes.push(`Salaris per ${unit ?? '?'}: niet overgenomen (alleen per uur, maand of jaar).`);
    return undefined;
  }
  return { min, max, period: unit };
}

/** Where a JobPosting came from, so that reading it again adds nothing: its identifier, else its url, else its content. */
function sourceKeyOf(posting: Record<string, Json>, line: string): string {
  const identifier = first(posting.identifier);
  if (isRecord(identifier)) {
    const value = textOf(identifier.value);
    if (value) return `${textOf(identifier.propertyID) ?? textOf(identifier.name) ?? 'id'}:${value}`;
  }
  const plain = typeof identifier === 'string' ? identifier.trim() : undefined;
  if (plain) return `id:${plain}`;
  const url = textOf(posting.url);
  if (url) return `url:${url}`;
  return `sha256:${createHash('sha256').update(line.trim()).digest('hex')}`;
}

/**
 * A JobPosting as the fields of a draft vacancy. What schema.org cannot say (the shift pattern;
 * the hours when workHours gives none) is assumed and noted, so that the employer checks the draft.
 */
export function draftFromJobPosting(input: Json, line: string, { defaultHours }: { defaultHours?: { min: number; max: number } }): PostingDraft {
  if (!isRecord(input)) return { ok: false, errors: ['Deze regel is geen JSON-object.'] };
  const type = first(input['@type']);
  if (type !== 'JobPosting') return { ok: false, errors: ['Dit is geen JobPosting: @type moet "JobPosting" zijn.'] };
  const errors: string[] = [];
  const notes: string[] = [];

  const title = textOf(input.title);
  if (!title) errors.push('De titel (title) ontbreekt.');
  const descriptionHtml = textOf(input.description);
  const description = descriptionHtml ? htmlToText(descriptionHtml) : undefined;

  const types = [input.employmentType]
    .flat()
    .flatMap((value) => (typeof value === 'string' ? value.split(/[,\s]+/) : []))
    .map((value) => value.trim().toUpperCase())
    .filter(Boolean);
  const contract = contractOf(types);
  if (contract.error) errors.push(contract.error);
  if (contract.note) notes.push(contract.note);

  const workHours = textOf(input.workHours);
  let hours = workHours ? hoursFromText(workHours) : undefined;
  if (!hours && defaultHours) {
    hours = defaultHours;
    notes.push(`Uren per week onbekend: ${hoursText(defaultHours.min, defaultHours.max)} aangenomen (--hours).`);
  }
  if (!hours && types.includes('FULL_TIME')) {
    hours = { min: 36, max: 40 };
    notes.push('Uren per week onbekend: 36–40 uur aangenomen (voltijd).');
  }
  if (!hours) errors.push('Het aantal uren per week ontbreekt. Zet het in workHours, bijvoorbeeld "24–32 uur per week", of geef --hours mee.');

  const location = first(input.jobLocation);
  const address = isRecord(location) ? first(location.address) : undefined;
  const postalCode = isRecord(address) ? textOf(address.postalCode) : undefined;
  const country = isRecord(address) ? textOf(address.addressCountry)?.toUpperCase() : undefined;
  const city = isRecord(address) ? textOf(address.addressLocality) : undefined;
  const pc4 = postalCode && (!country || country === 'NL' || country === 'NEDERLAND') ? /^\s*([1-9]\d{3})\b/.exec(postalCode)?.[1] : undefined;
  const place: PostingPlace = {
    ...(pc4 ? { postcode4: pc4 } : {}),
    ...(city ? { city } : {}),
    label: [city, postalCode].filter(Boolean).join(', ') || 'geen plaats',
  };

  const salary = input.baseSalary === undefined ? undefined : salaryOf(first(input.baseSalary), notes);
  const validThrough = dateOf(input.validThrough);
  const startDate = dateOf(input.jobStartDate);
  const positions = numberOf(input.totalJobOpenings);
  const occupation = textOf(input.occupationalCategory);
  notes.push('Rooster onbekend: dagdienst op werkdagen aangenomen.');

  if (errors.length > 0) return { ok: false, errors };
  return {
    ok: true,
    sourceKey: sourceKeyOf(input, line),
    place,
    notes,
    fields: {
      title,
      ...(description ? { description } : {}),
      ...(occupation && escoOccupationUri.safeParse(occupation).success ? { occupationUri: occupation } : {}),
      hoursPerWeek: hours,
      rampUpFromHours: null,
      shiftPattern: structuredClone(WEEKDAY_DAY_SHIFT),
      contractType: contract.contractType,
      ...(startDate ? { startDate } : {}),
      ...(positions !== undefined ? { positions } : {}),
      ...(validThrough ? { validThrough } : {}),
      ...(salary ? { salary } : {}),
      status: 'draft',
    },
  };
}
