import { SECTORS } from '../employers/employers.schemas.js';
import { sectorName } from '../matching/matcher.messages.js';
import type { DayPart, Shift, ShiftPattern, Weekday } from '../schemas/schedule.js';
import { CONTRACT_TYPES } from '../vacancies/vacancies.schemas.js';
import type { ImportKind } from './csv-import.repository.js';

/*
 * The column mapping of the CSV import (docs/csv-import.md is its description for people): which
 * columns a case system's export may have, under which Dutch names, and how a cell becomes a field
 * of the API's request body. The bodies are then checked with the API's own zod schemas.
 */

export type ColumnSpec = {
  /** The name in docs/csv-import.md; headers match it ignoring case, accents, spaces, "-" and "_". */
  name: string;
  aliases?: string[];
  required: boolean;
  /** What to write, for people (B1). */
  format: string;
  /** Said instead of zod's general words when the value has the wrong form. */
  invalid?: string;
};

const DATE_FORMAT = 'datum: dd-mm-jjjj (of jjjj-mm-dd)';

export const COLUMNS: Record<ImportKind, ColumnSpec[]> = {
  employers: [
    {
      name: 'werkgeversnummer',
      aliases: ['relatienummer', 'werkgever_id', 'bronsleutel'],
      required: true,
      format: 'het nummer van de werkgever in het zaaksysteem (tekst, hoogstens 100 tekens)',
    },
    { name: 'naam', aliases: ['bedrijfsnaam', 'werkgever', 'organisatie'], required: true, format: 'tekst' },
    {
      name: 'kvk_nummer',
      aliases: ['kvk'],
      required: false,
      format: '8 cijfers',
      invalid: 'Een KvK-nummer heeft 8 cijfers. Staat er een 0 vooraan die de spreadsheet heeft weggehaald?',
    },
    { name: 'sector', aliases: ['branche'], required: true, format: `een van: ${SECTORS.map((code) => sectorName(code, 'nl')).join(', ')}` },
    { name: 'omschrijving', required: false, format: 'tekst' },
    { name: 'website', required: false, format: 'webadres met https://' },
    { name: 'contactpersoon', required: false, format: 'naam' },
    { name: 'contact_functie', required: false, format: 'tekst' },
    { name: 'contact_email', aliases: ['email', 'e_mail'], required: false, format: 'e-mailadres' },
    {
      name: 'contact_telefoon',
      aliases: ['telefoon', 'telefoonnummer'],
      required: false,
      format: 'telefoonnummer',
      invalid: 'Dit is geen geldig telefoonnummer (bijvoorbeeld 013 123 45 67).',
    },
    ...locationColumns(),
  ],
  vacancies: [
    {
      name: 'vacaturenummer',
      aliases: ['vacature_id', 'bronsleutel'],
      required: true,
      format: 'het nummer van de vacature in het zaaksysteem (tekst, hoogstens 100 tekens)',
    },
    { name: 'werkgeversnummer', aliases: ['relatienummer', 'werkgever_id'], required: true, format: 'het werkgeversnummer uit de import van werkgevers' },
    { name: 'titel', aliases: ['functie', 'functienaam'], required: true, format: 'tekst' },
    { name: 'omschrijving', required: false, format: 'tekst' },
    { name: 'uren_min', aliases: ['uren_minimaal', 'minimaal_uren'], required: true, format: 'heel getal 1–48 (32 of 32,0)' },
    { name: 'uren_max', aliases: ['uren_maximaal', 'maximaal_uren'], required: true, format: 'heel getal 1–48' },
    { name: 'opbouw_vanaf_uren', required: false, format: 'heel getal, lager dan uren_min' },
    { name: 'diensten', required: true, format: 'een of meer van: vroeg, dag, laat, nacht (gescheiden door | of spatie)' },
    { name: 'werkdagen', required: false, format: 'ma-vr (standaard), ma-za, ma-zo of dagen als ma|di|wo' },
    { name: 'contractvorm', aliases: ['contract', 'dienstverband'], required: true, format: 'vast, tijdelijk, uitzend, oproep of leerwerk' },
    { name: 'startdatum', aliases: ['begindatum'], required: false, format: DATE_FORMAT },
    { name: 'aantal', aliases: ['aantal_plaatsen', 'plaatsen'], required: false, format: 'heel getal 1–500 (standaard 1)' },
    { name: 'status', required: false, format: 'concept (standaard) of open; alleen bij de eerste import' },
    {
      name: 'beroep',
      aliases: ['beroep_uri', 'esco_beroep'],
      required: false,
      format: 'ESCO-beroep (URI)',
      invalid: 'Dit is geen ESCO-beroep (http://data.europa.eu/esco/occupation/…).',
    },
    { name: 'competenties', aliases: ['vaardigheden'], required: false, format: 'vaardigheden in eigen woorden, gescheiden door |' },
    ...locationColumns(),
  ],
  candidates: [
    {
      name: 'klantnummer',
      aliases: ['clientnummer', 'relatienummer', 'bronsleutel'],
      required: true,
      format: 'het klantnummer in het zaaksysteem, nooit het BSN (tekst, hoogstens 100 tekens)',
    },
    { name: 'voornaam', aliases: ['roepnaam', 'voornamen'], required: true, format: 'tekst' },
    { name: 'tussenvoegsel', aliases: ['voorvoegsel'], required: false, format: 'tekst, bijvoorbeeld van der' },
    { name: 'achternaam', aliases: ['geslachtsnaam'], required: true, format: 'tekst' },
    { name: 'postcode', required: true, format: '1234 AB of 1234' },
    { name: 'straat', aliases: ['straatnaam'], required: false, format: 'tekst' },
    { name: 'huisnummer', required: false, format: 'tekst, bijvoorbeeld 12' },
    { name: 'huisnummertoevoeging', aliases: ['toevoeging'], required: false, format: 'tekst, bijvoorbeeld A' },
    { name: 'plaats', aliases: ['woonplaats'], required: false, format: 'tekst' },
    { name: 'email', aliases: ['e_mail', 'emailadres'], required: false, format: 'e-mailadres' },
    {
      name: 'telefoon',
      aliases: ['telefoonnummer', 'mobiel'],
      required: false,
      format: 'telefoonnummer',
      invalid: 'Dit is geen geldig telefoonnummer (bijvoorbeeld 06 12 34 56 78).',
    },
    { name: 'geboortedatum', required: false, format: DATE_FORMAT },
    { name: 'klantmanager', aliases: ['klantmanager_email', 'consulent'], required: false, format: 'e-mailadres van een klantmanager van dit Werkplein' },
  ],
};

function locationColumns(): ColumnSpec[] {
  return [
    { name: 'vestiging', aliases: ['locatie', 'locatienaam'], required: false, format: 'naam van de vestiging (standaard de bedrijfsnaam)' },
    { name: 'straat', aliases: ['straatnaam'], required: false, format: 'tekst' },
    { name: 'huisnummer', required: false, format: 'tekst, bijvoorbeeld 12a' },
    { name: 'postcode', required: false, format: '1234 AB of 1234' },
    { name: 'plaats', aliases: ['vestigingsplaats'], required: false, format: 'tekst (standaard uit de postcode)' },
    { name: 'breedtegraad', aliases: ['latitude'], required: false, format: 'kommagetal, bijvoorbeeld 51,5606 (standaard uit de postcode)' },
    { name: 'lengtegraad', aliases: ['longitude'], required: false, format: 'kommagetal, bijvoorbeeld 5,0919' },
  ];
}

/** Columns with a citizen service number: never read, never stored, never repeated in a report. */
export const NEVER_READ = ['bsn', 'burgerservicenummer', 'sofinummer', 'sofi_nummer', 'bsn_nummer'];

/** "Cliëntnummer", "KvK-nummer", "kvk_nummer " → "clientnummer", "kvknummer", "kvknummer". */
export function normaliseHeader(header: string): string {
  return header
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
}

export function isNeverRead(header: string): boolean {
  return NEVER_READ.some((name) => normaliseHeader(name) === normaliseHeader(header));
}

/** The column a header stands for, if any. */
export function columnOf(kind: ImportKind, header: string): ColumnSpec | undefined {
  const key = normaliseHeader(header);
  return COLUMNS[kind].find((column) => [column.name, ...(column.aliases ?? [])].some((name) => normaliseHeader(name) === key));
}

/** The elfproef of a BSN: 9 digits whose weighted sum (9 … 2, −1) is a multiple of 11. */
export function looksLikeBsn(value: string): boolean {
  const digits = value.replace(/[\s.-]/g, '');
  if (!/^[0-9]{8,9}$/.test(digits)) return false;
  const nine = digits.padStart(9, '0');
  let sum = 0;
  for (let i = 0; i < 8; i += 1) sum += Number(nine[i]) * (9 - i);
  sum -= Number(nine[8]);
  return sum % 11 === 0 && Number(nine) > 0;
}

/* ---- Cells → values. Each returns the value, or a Dutch sentence saying what is wrong. ---- */

export type Parsed<T> = { ok: true; value: T } | { ok: false; error: string };
const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
const wrong = (error: string): Parsed<never> => ({ ok: false, error });

/** A whole number, also written with a decimal comma or point ("32", "32,0", "32.0"). */
export function parseWholeNumber(cell: string): Parsed<number> {
  // "32,0" and "32.00" are whole; "1.000" is not read as 1 (a thousands point).
  const match = /^(-?[0-9]+)(?:[.,]0{1,2})?$/.exec(cell.trim());
  if (!match)
    return wrong(/^-?[0-9]+[.,][0-9]+$/.test(cell.trim()) ? 'Vul een heel getal in, zonder cijfers achter de komma.' : 'Vul een getal in, bijvoorbeeld 32.');
  return ok(Number(match[1]));
}

/** A number with a decimal comma (Dutch) or point: "51,5606", "51.5606". */
export function parseDecimal(cell: string): Parsed<number> {
  const value = cell.trim();
  if (!/^-?[0-9]+(?:[.,][0-9]+)?$/.test(value)) return wrong('Vul een getal in, bijvoorbeeld 51,5606.');
  return ok(Number(value.replace(',', '.')));
}

/** A date as dd-mm-jjjj, d-m-jjjj, dd/mm/jjjj, dd.mm.jjjj or jjjj-mm-dd → YYYY-MM-DD. */
export function parseDate(cell: string): Parsed<string> {
  const value = cell.trim();
  const dutch = /^([0-9]{1,2})[-/.]([0-9]{1,2})[-/.]([0-9]{4})$/.exec(value);
  const iso = /^([0-9]{4})-([0-9]{2})-([0-9]{2})$/.exec(value);
  const [year, month, day] = dutch ? [dutch[3]!, dutch[2]!, dutch[1]!] : iso ? [iso[1]!, iso[2]!, iso[3]!] : [];
  const text = year ? `${year}-${month!.padStart(2, '0')}-${day!.padStart(2, '0')}` : '';
  const date = new Date(`${text}T00:00:00Z`);
  if (!year || Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== text) {
    return wrong('Schrijf de datum als dd-mm-jjjj, bijvoorbeeld 01-03-2027.');
  }
  return ok(text);
}

function lookup<T>(words: Record<string, T>, cell: string, hint: string): Parsed<T> {
  const found = words[normaliseHeader(cell)];
  return found === undefined ? wrong(`Deze waarde kennen we niet. Kies een van: ${hint}.`) : ok(found);
}

const SECTOR_WORDS: Record<string, (typeof SECTORS)[number]> = {
  ...Object.fromEntries(
    SECTORS.flatMap((code) => [
      [normaliseHeader(code), code],
      [normaliseHeader(sectorName(code, 'nl')), code],
    ]),
  ),
  groen: 'green_maintenance',
  groenvoorziening: 'green_maintenance',
  overig: 'other',
  winkel: 'retail',
  retail: 'retail',
  schoonmaakbranche: 'cleaning',
};

export function parseSector(cell: string) {
  return lookup(SECTOR_WORDS, cell, SECTORS.map((code) => sectorName(code, 'nl')).join(', '));
}

const CONTRACT_WORDS: Record<string, (typeof CONTRACT_TYPES)[number]> = {
  ...Object.fromEntries(CONTRACT_TYPES.map((code) => [normaliseHeader(code), code])),
  vast: 'permanent',
  onbepaaldetijd: 'permanent',
  tijdelijk: 'fixed_term',
  bepaaldetijd: 'fixed_term',
  uitzend: 'agency',
  uitzendwerk: 'agency',
  uitzendbureau: 'agency',
  oproep: 'on_call',
  oproepcontract: 'on_call',
  leerwerk: 'work_learning',
  leerwerkbaan: 'work_learning',
  bbl: 'work_learning',
};

export function parseContract(cell: string) {
  return lookup(CONTRACT_WORDS, cell, 'vast, tijdelijk, uitzend, oproep, leerwerk');
}

export function parseVacancyStatus(cell: string): Parsed<'draft' | 'open'> {
  return lookup<'draft' | 'open'>({ concept: 'draft', draft: 'draft', open: 'open' }, cell, 'concept, open');
}

/** Standard hours of each day part: the import knows day parts only; staff refine the times in the vacancy afterwards. */
export const STANDARD_SHIFT_TIMES: Record<DayPart, { start: string; end: string }> = {
  early: { start: '06:00', end: '14:00' },
  day: { start: '08:30', end: '17:00' },
  late: { start: '14:00', end: '22:00' },
  night: { start: '22:00', end: '06:00' },
};

const DAY_PART_WORDS: Record<string, DayPart> = {
  vroeg: 'early',
  vroegedienst: 'early',
  ochtend: 'early',
  early: 'early',
  dag: 'day',
  dagdienst: 'day',
  day: 'day',
  laat: 'late',
  latedienst: 'late',
  avond: 'late',
  late: 'late',
  nacht: 'night',
  nachtdienst: 'night',
  night: 'night',
};
const WEEKDAY_ORDER: Weekday[] = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
const WEEKDAY_WORDS: Record<string, Weekday> = {
  ma: 'mon',
  maandag: 'mon',
  di: 'tue',
  dinsdag: 'tue',
  wo: 'wed',
  woensdag: 'wed',
  do: 'thu',
  donderdag: 'thu',
  vr: 'fri',
  vrijdag: 'fri',
  za: 'sat',
  zaterdag: 'sat',
  zo: 'sun',
  zondag: 'sun',
};

function listOf(cell: string): string[] {
  return cell
    .split(/[|/,+\s]+/)
    .map((item) => item.trim())
    .filter(Boolean);
}

/** "ma-vr", "ma-zo", "ma|di|wo" → weekdays. */
export function parseWeekdays(cell: string): Parsed<Weekday[]> {
  const range = /^([a-z]+)\s*(?:-|t\/m|tot en met)\s*([a-z]+)$/.exec(cell.trim().toLowerCase());
  if (range) {
    const [from, to] = [WEEKDAY_WORDS[range[1]!], WEEKDAY_WORDS[range[2]!]];
    if (!from || !to || WEEKDAY_ORDER.indexOf(from) > WEEKDAY_ORDER.indexOf(to)) return wrong('Schrijf de werkdagen als ma-vr, ma-zo of ma|di|wo.');
    return ok(WEEKDAY_ORDER.slice(WEEKDAY_ORDER.indexOf(from), WEEKDAY_ORDER.indexOf(to) + 1));
  }
  const days = listOf(cell).map((word) => WEEKDAY_WORDS[normaliseHeader(word)]);
  if (days.length === 0 || days.some((day) => !day)) return wrong('Schrijf de werkdagen als ma-vr, ma-zo of ma|di|wo.');
  return ok(WEEKDAY_ORDER.filter((day) => days.includes(day)));
}

/** "vroeg|laat" with weekdays → a fixed shift pattern at the standard times (STANDARD_SHIFT_TIMES). */
export function parseShifts(cell: string, weekdays: Weekday[]): Parsed<ShiftPattern> {
  const parts = listOf(cell).map((word) => DAY_PART_WORDS[normaliseHeader(word)]);
  if (parts.length === 0 || parts.some((part) => !part)) return wrong('Noem de diensten met vroeg, dag, laat of nacht, bijvoorbeeld vroeg|laat.');
  const unique = [...new Set(parts as DayPart[])];
  const shifts: Shift[] = unique.map((dayPart) => ({ dayPart, ...STANDARD_SHIFT_TIMES[dayPart], weekdays, required: true }));
  return ok({ kind: 'fixed', shifts });
}

export { listOf as splitList };
