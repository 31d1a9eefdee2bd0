import type { z } from 'zod';
import { pgErrorOf, type Db, type Executor } from '../../db/client.js';
import { access, type Principal } from '../auth/roles.js';
import { scopeOf } from '../auth/scope.js';
import { candidateRepository } from '../candidates/candidates.repository.js';
import { createCandidateBodySchema, updateContactBodySchema, type UpdateCandidateBody } from '../candidates/candidates.schemas.js';
import { employerRepository } from '../employers/employers.repository.js';
import { createEmployerBodySchema, createLocationBodySchema, updateEmployerBodySchema, type CreateLocationBody } from '../employers/employers.schemas.js';
import { toEmployerView } from '../employers/employers.views.js';
import { ProblemError } from '../http/problems.js';
import { dutchValidationMessage, ruleMessage } from '../schemas/messages.js';
import { findControlCharacters } from '../schemas/text.js';
import type { Services } from '../services.js';
import { tenantRepository } from '../tenants/tenants.repository.js';
import { userRepository } from '../users/users.repository.js';
import { vacancyRepository } from '../vacancies/vacancies.repository.js';
import { createVacancyBodySchema, updateVacancyBodySchema, type CreateVacancyBody, type UpdateVacancyBody } from '../vacancies/vacancies.schemas.js';
import { toVacancyView } from '../vacancies/vacancies.views.js';
import { parseCsv, CsvSyntaxError, type CsvRecord } from './csv.js';
import {
  COLUMNS,
  columnOf,
  isNeverRead,
  looksLikeBsn,
  parseContract,
  parseDate,
  parseDecimal,
  parseSector,
  parseShifts,
  parseVacancyStatus,
  parseWeekdays,
  parseWholeNumber,
  type ColumnSpec,
  type Parsed,
} from './csv-import.columns.js';
import { importRepository, type ImportKind } from './csv-import.repository.js';

/*
 * The CSV import of a municipality's case-system export (issue 19.4). Every row goes through the
 * API's zod schemas and the services' own create and update (so the same checks, history, audit
 * rows and search-index outbox as through the API). All or nothing: the whole file is one
 * transaction, each row a savepoint; when any row has a problem, or on a dry run, the transaction
 * is rolled back at the end, after every row was tried, so that the report names every problem.
 * Idempotent: a row whose source key (werkgeversnummer, vacaturenummer, klantnummer) was imported
 * before updates that record, or leaves it alone when nothing changed.
 */

export const IMPORT_KINDS = ['employers', 'vacancies', 'candidates'] as const satisfies readonly ImportKind[];

/** Who may import what: the same roles as the API's routes that create these records. */
const IMPORT_ROLES: Record<ImportKind, readonly string[]> = {
  employers: access.employerStaff,
  vacancies: access.employerStaff,
  candidates: access.caseworkers,
};

/**
 * What a person reads about one row: its row as a spreadsheet shows it (the header is row 1), its
 * line in the file (later than the row when an earlier field holds a line break), the column, and
 * what is wrong (B1).
 */
export type RowProblem = { row: number; line: number; column: string | null; message: string };
export type RowOutcome = 'created' | 'updated' | 'unchanged';

export type ImportReport = {
  kind: ImportKind;
  dryRun: boolean;
  /** True when the rows were written (not a dry run, no problems). */
  committed: boolean;
  rows: number;
  counts: Record<RowOutcome, number>;
  problems: RowProblem[];
  /** Things to know that are not problems: columns left out, rows not updated on purpose. */
  notices: string[];
};

/** The file cannot be imported at all (unknown Werkplein or user, no header, a required column missing). */
export class ImportSetupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ImportSetupError';
  }
}

/** The history line of a person registered by the import. */
export const IMPORTED_CANDIDATE_SUMMARY = 'Geïmporteerd uit het zaaksysteem. De intake moet nog gebeuren; pas daarna doet de persoon mee in het matchen.';

class RowFailed extends Error {
  constructor(readonly problems: Array<{ column: string | null; message: string }>) {
    super('row failed');
  }
}

class Rollback extends Error {}

type Cells = {
  line: number;
  /** The trimmed cell; undefined when the file has no such column or the cell is empty. */
  get: (name: string) => string | undefined;
  /** True when the file has the column (an empty cell then clears an optional field on re-import). */
  has: (name: string) => boolean;
};

type Problems = Array<{ column: string | null; message: string }>;

function messageOf(issue: z.core.$ZodIssue, column: ColumnSpec | undefined): string {
  const params = (issue as { params?: { key?: string; values?: Record<string, string | number> } }).params;
  if (issue.code === 'custom' && params?.key) return ruleMessage(params.key, params.values ?? {}, 'nl') ?? issue.message;
  if (issue.code === 'invalid_format' && column?.invalid) return column.invalid;
  return dutchValidationMessage(issue);
}

/** Checks a body with the API's schema; problems are named by the column that the field came from. */
function check<S extends z.ZodType>(
  schema: S,
  body: unknown,
  columnFor: (path: PropertyKey[]) => string | null,
  kind: ImportKind,
  problems: Problems,
): z.output<S> | undefined {
  for (const path of findControlCharacters(body)) {
    problems.push({ column: columnFor(path), message: ruleMessage('text.control_character', {}, 'nl')! });
  }
  const result = schema.safeParse(body);
  if (result.success) return problems.length === 0 ? result.data : undefined;
  // A column whose cell could not be read is reported once, in the reader's words.
  const reported = new Set(problems.map((problem) => problem.column));
  for (const issue of result.error.issues) {
    const column = columnFor(issue.path);
    if (column !== null && reported.has(column)) continue;
    problems.push({ column, message: messageOf(issue, column ? COLUMNS[kind].find((spec) => spec.name === column) : undefined) });
  }
  return undefined;
}

/** Reads a cell with a parser; a wrong value becomes a problem of that column. */
function read<T>(cells: Cells, name: string, parse: (cell: string) => Parsed<T>, problems: Problems): T | undefined {
  const cell = cells.get(name);
  if (cell === undefined) return undefined;
  const parsed = parse(cell);
  if (parsed.ok) return parsed.value;
  problems.push({ column: name, message: parsed.error });
  return undefined;
}

function sourceKeyOf(cells: Cells, name: string, kind: ImportKind, problems: Problems): string | undefined {
  const key = cells.get(name);
  if (key === undefined) {
    problems.push({ column: name, message: 'Dit veld is verplicht: zonder dit nummer kunnen we de rij later niet terugvinden.' });
    return undefined;
  }
  if (key.length > 100) {
    problems.push({ column: name, message: 'Dit nummer mag hoogstens 100 tekens lang zijn.' });
    return undefined;
  }
  if (kind === 'candidates' && looksLikeBsn(key)) {
    // Never repeat the value: it may be a citizen service number.
    problems.push({ column: name, message: 'Dit nummer lijkt op een BSN. Een BSN nemen we niet over: gebruik het klantnummer uit het zaaksysteem.' });
    return undefined;
  }
  return key;
}

const optional = (cells: Cells, name: string) => (cells.has(name) ? (cells.get(name) ?? null) : undefined);

/** The fields of `next` (undefined: leave alone) that differ from `current`. */
function changed<T extends Record<string, unknown>>(current: Record<string, unknown>, next: T): Partial<T> {
  const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
  return Object.fromEntries(Object.entries(next).filter(([key, value]) => value !== undefined && !same(current[key], value))) as Partial<T>;
}

const LOCATION_COLUMNS: Record<string, string> = {
  name: 'vestiging',
  street: 'straat',
  houseNumber: 'huisnummer',
  postcode: 'postcode',
  city: 'plaats',
  coordinates: 'breedtegraad',
};

function locationOf(cells: Cells, defaultName: string | undefined, kind: ImportKind, problems: Problems): CreateLocationBody | undefined {
  if (!cells.get('postcode')) return undefined;
  const latitude = read(cells, 'breedtegraad', parseDecimal, problems);
  const longitude = read(cells, 'lengtegraad', parseDecimal, problems);
  if ((latitude === undefined) !== (longitude === undefined) && !problems.some((p) => p.column === 'breedtegraad' || p.column === 'lengtegraad')) {
    problems.push({ column: latitude === undefined ? 'breedtegraad' : 'lengtegraad', message: 'Vul breedtegraad en lengtegraad allebei in, of allebei niet.' });
  }
  const body = {
    name: cells.get('vestiging') ?? defaultName,
    street: cells.get('straat'),
    houseNumber: cells.get('huisnummer'),
    postcode: cells.get('postcode'),
    city: cells.get('plaats'),
    coordinates: latitude !== undefined && longitude !== undefined ? { latitude, longitude } : undefined,
  };
  return check(createLocationBodySchema, body, (path) => LOCATION_COLUMNS[String(path[0])] ?? null, kind, problems);
}

function problemOf(error: ProblemError): { column: string | null; message: string } {
  const column = error.spec.code.endsWith('postcode_unknown') ? 'postcode' : error.spec.code.endsWith('account_manager_unknown') ? 'klantmanager' : null;
  return { column, message: error.spec.detail?.nl(error.values) ?? error.spec.title.nl };
}

/** A valid id that stands in for the employer and location until the row is applied (they are looked up then). */
const PENDING_ID = '00000000-0000-4000-8000-000000000000';
const VACANCY_COLUMNS: Record<string, string> = {
  title: 'titel',
  description: 'omschrijving',
  occupationUri: 'beroep',
  hoursPerWeek: 'uren_min',
  rampUpFromHours: 'opbouw_vanaf_uren',
  shiftPattern: 'diensten',
  contractType: 'contractvorm',
  startDate: 'startdatum',
  positions: 'aantal',
  competencies: 'competenties',
  status: 'status',
};
const CONTACT_COLUMNS: Record<string, string> = {
  givenName: 'voornaam',
  familyName: 'achternaam',
  email: 'email',
  phone: 'telefoon',
  street: 'straat',
  houseNumber: 'huisnummer',
  city: 'plaats',
  dateOfBirth: 'geboortedatum',
};

function prepareEmployer(cells: Cells, problems: Problems) {
  const sourceKey = sourceKeyOf(cells, 'werkgeversnummer', 'employers', problems);
  const sector = read(cells, 'sector', parseSector, problems);
  const kvk = cells.get('kvk_nummer');
  if (kvk !== undefined && !/^[0-9]{8}$/.test(kvk))
    problems.push({ column: 'kvk_nummer', message: COLUMNS.employers.find((c) => c.name === 'kvk_nummer')!.invalid! });
  const contactName = cells.get('contactpersoon');
  const contact = contactName
    ? { name: contactName, role: cells.get('contact_functie'), email: cells.get('contact_email'), phone: cells.get('contact_telefoon') }
    : undefined;
  const columns: Record<string, string> = { name: 'naam', kvkNumber: 'kvk_nummer', sector: 'sector', description: 'omschrijving', website: 'website' };
  const contactColumns: Record<string, string> = { name: 'contactpersoon', role: 'contact_functie', email: 'contact_email', phone: 'contact_telefoon' };
  const body = check(
    createEmployerBodySchema,
    {
      name: cells.get('naam'),
      kvkNumber: kvk,
      sector,
      description: cells.get('omschrijving'),
      website: cells.get('website'),
      contacts: contact ? [contact] : [],
    },
    (path) => (path[0] === 'contacts' ? (contactColumns[String(path[2])] ?? 'contactpersoon') : (columns[String(path[0])] ?? null)),
    'employers',
    problems,
  );
  const location = locationOf(cells, cells.get('vestiging') ?? cells.get('naam'), 'employers', problems);
  if (!sourceKey || !body || problems.length > 0) return undefined;
  return { sourceKey, body, location, cells };
}
type EmployerRow = NonNullable<ReturnType<typeof prepareEmployer>>;

function prepareVacancy(cells: Cells, problems: Problems) {
  const sourceKey = sourceKeyOf(cells, 'vacaturenummer', 'vacancies', problems);
  const employerKey = cells.get('werkgeversnummer');
  if (!employerKey) problems.push({ column: 'werkgeversnummer', message: 'Dit veld is verplicht: zo weten we bij welke werkgever de vacature hoort.' });
  const min = read(cells, 'uren_min', parseWholeNumber, problems);
  const max = read(cells, 'uren_max', parseWholeNumber, problems);
  const rampUp = read(cells, 'opbouw_vanaf_uren', parseWholeNumber, problems);
  const weekdays = cells.get('werkdagen') ? read(cells, 'werkdagen', parseWeekdays, problems) : (['mon', 'tue', 'wed', 'thu', 'fri'] as const).slice();
  const shiftPattern = weekdays ? read(cells, 'diensten', (cell) => parseShifts(cell, weekdays), problems) : undefined;
  const contractType = read(cells, 'contractvorm', parseContract, problems);
  const startDate = read(cells, 'startdatum', parseDate, problems);
  const positions = read(cells, 'aantal', parseWholeNumber, problems);
  const status = read(cells, 'status', parseVacancyStatus, problems);
  const competencies = cells
    .get('competenties')
    ?.split('|')
    .map((label) => label.trim())
    .filter(Boolean)
    .map((label) => ({ label, importance: 'should' as const }));
  const draft = {
    employerId: PENDING_ID,
    locationId: PENDING_ID,
    title: cells.get('titel'),
    occupationUri: cells.get('beroep'),
    description: cells.get('omschrijving'),
    hoursPerWeek: { min, max },
    rampUpFromHours: rampUp ?? null,
    shiftPattern,
    contractType,
    startDate,
    positions: positions ?? 1,
    competencies: competencies ?? [],
    status: status ?? 'draft',
  };
  const body = check(
    createVacancyBodySchema,
    draft,
    (path) =>
      path[0] === 'hoursPerWeek' && path[1] === 'max'
        ? 'uren_max'
        : path[0] === 'shiftPattern' && weekdays === undefined
          ? 'werkdagen'
          : (VACANCY_COLUMNS[String(path[0])] ?? null),
    'vacancies',
    problems,
  );
  const location = locationOf(cells, cells.get('vestiging'), 'vacancies', problems);
  if (!sourceKey || !employerKey || !body || problems.length > 0) return undefined;
  return { sourceKey, employerKey, body, location, cells };
}
type VacancyRow = NonNullable<ReturnType<typeof prepareVacancy>>;

function prepareCandidate(cells: Cells, problems: Problems) {
  const sourceKey = sourceKeyOf(cells, 'klantnummer', 'candidates', problems);
  const dateOfBirth = read(cells, 'geboortedatum', parseDate, problems);
  const familyName = [cells.get('tussenvoegsel'), cells.get('achternaam')].filter(Boolean).join(' ') || undefined;
  const houseNumber = [cells.get('huisnummer'), cells.get('huisnummertoevoeging')].filter(Boolean).join(' ') || undefined;
  const body = check(
    createCandidateBodySchema,
    {
      contact: {
        givenName: cells.get('voornaam'),
        familyName,
        email: cells.get('email'),
        phone: cells.get('telefoon'),
        street: cells.get('straat'),
        houseNumber,
        city: cells.get('plaats'),
        dateOfBirth,
      },
      postcode: cells.get('postcode'),
      // Imported people are in the caseload with their intake still to do (no intake: never ranked).
      status: 'active',
    },
    (path) => (path[0] === 'contact' ? (CONTACT_COLUMNS[String(path[1])] ?? null) : path[0] === 'postcode' ? 'postcode' : null),
    'candidates',
    problems,
  );
  if (!sourceKey || !body || problems.length > 0) return undefined;
  return { sourceKey, body, cells };
}
type CandidateRow = NonNullable<ReturnType<typeof prepareCandidate>>;

export function createCsvImport({ db, services }: { db: Db; services: Pick<Services, 'employers' | 'vacancies' | 'candidates'> }) {
  /** The employer's location at this address, made when it has none there yet. */
  async function ensureLocation(tx: Executor, principal: Principal, employerId: string, location: CreateLocationBody): Promise<{ id: string; made: boolean }> {
    const locations = await employerRepository(tx).listLocations({ tenantId: principal.tenantId, employerId });
    const same = locations.find(
      (row) =>
        row.postcode4 === location.postcode.pc4 &&
        (row.postcodeLetters ?? null) === location.postcode.letters &&
        (row.houseNumber ?? null) === (location.houseNumber ?? null),
    );
    if (same) return { id: same.id, made: false };
    const made = await services.employers.createLocation({ tx, principal, employerId, body: location });
    return { id: made.id, made: true };
  }

  const employersKind = {
    prepare: prepareEmployer,
    async apply(tx: Executor, principal: Principal, row: EmployerRow): Promise<{ outcome: RowOutcome; notice?: string }> {
      const { sourceKey, body, location, cells } = row;
      let id = await importRepository(tx).idBySourceKey({ tenantId: principal.tenantId, kind: 'employers', sourceKey });
      let outcome: RowOutcome;
      if (!id) {
        id = (await services.employers.create(tx, principal, body, { sourceKey })).id;
        outcome = 'created';
      } else {
        const current = toEmployerView((await employerRepository(tx).find({ scope: scopeOf(principal), id }))!);
        const [first] = body.contacts;
        const next = changed(current, {
          name: body.name,
          sector: body.sector,
          kvkNumber: cells.has('kvk_nummer') ? (body.kvkNumber ?? null) : undefined,
          description: optional(cells, 'omschrijving'),
          website: optional(cells, 'website'),
          // The case system's contact person is the first contact; contacts added here stay.
          contacts: first ? [first, ...current.contacts.slice(1)] : undefined,
        });
        if (Object.keys(next).length > 0) await services.employers.update({ tx, principal, id, body: updateEmployerBodySchema.parse(next) });
        outcome = Object.keys(next).length > 0 ? 'updated' : 'unchanged';
      }
      if (location && (await ensureLocation(tx, principal, id, location)).made && outcome === 'unchanged') outcome = 'updated';
      return { outcome };
    },
  };

  const vacanciesKind = {
    prepare: prepareVacancy,
    async apply(tx: Executor, principal: Principal, row: VacancyRow): Promise<{ outcome: RowOutcome; notice?: string }> {
      const { sourceKey, employerKey, body, location, cells } = row;
      const imports = importRepository(tx);
      const employerId = await imports.idBySourceKey({ tenantId: principal.tenantId, kind: 'employers', sourceKey: employerKey });
      if (!employerId)
        throw new RowFailed([{ column: 'werkgeversnummer', message: 'Deze werkgever is nog niet geïmporteerd. Importeer eerst de werkgevers.' }]);
      let locationId: string;
      if (location) {
        locationId = (await ensureLocation(tx, principal, employerId, location)).id;
      } else {
        const locations = await employerRepository(tx).listLocations({ tenantId: principal.tenantId, employerId });
        if (locations.length !== 1) {
          throw new RowFailed([
            {
              column: 'postcode',
              message:
                locations.length === 0
                  ? 'De werkgever heeft nog geen vestiging. Vul de postcode van de werkplek in.'
                  : 'De werkgever heeft meer vestigingen. Vul de postcode van de werkplek in.',
            },
          ]);
        }
        locationId = locations[0]!.id;
      }
      const id = await imports.idBySourceKey({ tenantId: principal.tenantId, kind: 'vacancies', sourceKey });
      if (!id) {
        const create: CreateVacancyBody = createVacancyBodySchema.parse({ ...body, employerId, locationId });
        await services.vacancies.create(tx, principal, create, { sourceKey });
        return { outcome: 'created' };
      }
      const current = toVacancyView((await vacancyRepository(tx).find({ scope: scopeOf(principal), id }))!);
      if (current.employerId !== employerId)
        throw new RowFailed([
          {
            column: 'werkgeversnummer',
            message: 'Deze vacature hoort bij een andere werkgever dan bij de vorige import. Een vacature verhuist niet naar een andere werkgever.',
          },
        ]);
      const shape = (shifts: Array<{ dayPart: string; weekdays: string[] }>) => JSON.stringify(shifts.map((s) => [s.dayPart, s.weekdays]).sort());
      const next = changed(current as unknown as Record<string, unknown>, {
        locationId,
        title: body.title,
        description: optional(cells, 'omschrijving'),
        occupationUri: optional(cells, 'beroep'),
        hoursPerWeek: body.hoursPerWeek,
        rampUpFromHours: cells.has('opbouw_vanaf_uren') ? body.rampUpFromHours : undefined,
        // Times refined here stay: only other day parts or weekdays replace the pattern.
        shiftPattern: shape(body.shiftPattern.shifts) === shape((current.shiftPattern as typeof body.shiftPattern).shifts) ? undefined : body.shiftPattern,
        contractType: body.contractType,
        startDate: cells.has('startdatum') ? (body.startDate ?? null) : undefined,
        positions: cells.has('aantal') ? body.positions : undefined,
        // Competencies linked to a concept here stay: only other words replace the list.
        competencies:
          cells.has('competenties') && JSON.stringify(body.competencies.map((c) => c.label)) !== JSON.stringify(current.competencies.map((c) => c.label))
            ? body.competencies
            : undefined,
      } satisfies UpdateVacancyBody);
      if (Object.keys(next).length === 0) return { outcome: 'unchanged' };
      if (current.status === 'filled' || current.status === 'closed') {
        return {
          outcome: 'unchanged',
          notice: `de vacature is ${current.status === 'filled' ? 'vervuld' : 'gesloten'}; de wijzigingen zijn niet overgenomen.`,
        };
      }
      await services.vacancies.update({ tx, principal, id, body: updateVacancyBodySchema.parse(next) });
      return { outcome: 'updated' };
    },
  };

  const candidatesKind = {
    prepare: prepareCandidate,
    async apply(tx: Executor, principal: Principal, row: CandidateRow): Promise<{ outcome: RowOutcome; notice?: string }> {
      const { sourceKey, body, cells } = row;
      let accountManagerId: string | undefined;
      const managerEmail = cells.get('klantmanager');
      if (managerEmail) {
        const user = await userRepository(tx).findByEmail({ tenantId: principal.tenantId, email: managerEmail });
        if (!user || !user.active || user.role !== 'account_manager') {
          throw new RowFailed([{ column: 'klantmanager', message: 'Er is geen actieve klantmanager met dit e-mailadres bij dit Werkplein.' }]);
        }
        accountManagerId = user.id;
      }
      const id = await importRepository(tx).idBySourceKey({ tenantId: principal.tenantId, kind: 'candidates', sourceKey });
      if (!id) {
        // Without a klantmanager column the service's default holds: an importing account manager takes them on, an admin leaves them unassigned.
        await services.candidates.create(tx, principal, { ...body, accountManagerId }, { sourceKey, summary: IMPORTED_CANDIDATE_SUMMARY });
        return { outcome: 'created' };
      }
      const repository = candidateRepository(tx);
      const contact = (await repository.contact({ tenantId: principal.tenantId, candidateId: id }))!;
      const person = (await repository.find({ tenantId: principal.tenantId, id }))!;
      const contactChanges = changed(contact, {
        givenName: body.contact.givenName,
        familyName: body.contact.familyName,
        email: optional(cells, 'email'),
        phone: optional(cells, 'telefoon'),
        street: optional(cells, 'straat'),
        houseNumber: cells.has('huisnummer') ? (body.contact.houseNumber ?? null) : undefined,
        city: optional(cells, 'plaats'),
        dateOfBirth: cells.has('geboortedatum') ? (body.contact.dateOfBirth ?? null) : undefined,
      });
      // Status is never imported: a re-import does not bring back someone paused or placed.
      const recordChanges: UpdateCandidateBody = {
        ...(person.postcode4 !== body.postcode.pc4 ? { postcode: body.postcode } : {}),
        ...(accountManagerId && accountManagerId !== person.accountManagerId ? { accountManagerId } : {}),
      };
      if (Object.keys(contactChanges).length > 0) {
        await services.candidates.updateContact({ tx, principal, id, body: updateContactBodySchema.parse(contactChanges) });
      }
      if (Object.keys(recordChanges).length > 0) await services.candidates.update({ tx, principal, id, body: recordChanges });
      return { outcome: Object.keys(contactChanges).length + Object.keys(recordChanges).length > 0 ? 'updated' : 'unchanged' };
    },
  };

  const KINDS = { employers: employersKind, vacancies: vacanciesKind, candidates: candidatesKind };
  const SOURCE_KEY: Record<ImportKind, string> = { employers: 'werkgeversnummer', vacancies: 'vacaturenummer', candidates: 'klantnummer' };

  return {
    /**
     * Imports one file. Throws ImportSetupError when the file cannot be read at all; otherwise
     * returns the report, with `committed` true only when every row went in.
     */
    async run({
      tenantSlug,
      actorEmail,
      kind,
      text,
      dryRun,
      onProgress,
    }: {
      tenantSlug: string;
      actorEmail: string;
      kind: ImportKind;
      text: string;
      dryRun: boolean;
      onProgress?: (done: number, total: number) => void;
    }): Promise<ImportReport> {
      const tenant = await tenantRepository(db).bySlug(tenantSlug);
      if (!tenant) throw new ImportSetupError(`Er is geen Werkplein met de naam "${tenantSlug}" (zie npm run tenant:list).`);
      if (tenant.disabledAt) throw new ImportSetupError(`Het Werkplein "${tenantSlug}" staat uit; er kan niets in worden geïmporteerd.`);
      const user = await userRepository(db).findByEmail({ tenantId: tenant.id, email: actorEmail });
      if (!user || !user.active) throw new ImportSetupError(`Er is geen actieve gebruiker ${actorEmail} bij het Werkplein "${tenantSlug}".`);
      if (!IMPORT_ROLES[kind].includes(user.role)) {
        throw new ImportSetupError(
          `${actorEmail} mag geen ${kind === 'candidates' ? 'kandidaten' : kind === 'employers' ? 'werkgevers' : 'vacatures'} importeren (rol ${user.role}); dat mag: ${IMPORT_ROLES[kind].join(', ')}.`,
        );
      }
      const principal: Principal = {
        tenantId: tenant.id,
        userId: user.id,
        tokenId: 'csv-import',
        role: user.role as Principal['role'],
        employerId: user.employerId,
      };

      let file;
      try {
        file = parseCsv(text);
      } catch (error) {
        if (error instanceof CsvSyntaxError) throw new ImportSetupError(`Regel ${error.line}: ${error.message}`);
        throw error;
      }
      const notices: string[] = [];
      const columns = file.header.map((header) => {
        if (isNeverRead(header)) {
          notices.push(`Kolom "${header}" is overgeslagen: een BSN lezen en bewaren we nooit.`);
          return undefined;
        }
        const spec = columnOf(kind, header);
        if (!spec && header.trim() !== '') notices.push(`Kolom "${header}" kennen we niet; die is overgeslagen.`);
        return spec;
      });
      const seen = new Set<string>();
      for (const spec of columns) {
        if (!spec) continue;
        if (seen.has(spec.name))
          throw new ImportSetupError(`De kolom ${spec.name} staat twee keer in de kopregel (ook onder een andere naam). Laat er één staan.`);
        seen.add(spec.name);
      }
      const missing = COLUMNS[kind].filter((spec) => spec.required && !seen.has(spec.name)).map((spec) => spec.name);
      if (missing.length > 0) {
        throw new ImportSetupError(`Deze verplichte kolommen ontbreken in de kopregel: ${missing.join(', ')}. Zie docs/csv-import.md.`);
      }

      const handler = KINDS[kind] as {
        prepare: (cells: Cells, problems: Problems) => unknown;
        apply: (tx: Executor, principal: Principal, row: never) => Promise<{ outcome: RowOutcome; notice?: string }>;
      };
      const problems: RowProblem[] = [];
      const counts: Record<RowOutcome, number> = { created: 0, updated: 0, unchanged: 0 };
      const keys = new Map<string, number>();
      const total = file.records.length;
      const cellsOf = (record: CsvRecord): Cells => {
        const values = new Map<string, string>();
        columns.forEach((spec, index) => {
          if (spec) values.set(spec.name, (record.cells[index] ?? '').trim());
        });
        return { line: record.line, get: (name) => values.get(name) || undefined, has: (name) => values.has(name) };
      };

      const work = async (tx: Executor) => {
        for (const [index, record] of file.records.entries()) {
          const rowProblems: Problems = [];
          if (record.cells.length !== file.header.length) {
            rowProblems.push({
              column: null,
              message: `Deze rij heeft ${record.cells.length} velden en de kopregel ${file.header.length}. Staat er een ${file.delimiter} in een veld zonder aanhalingstekens?`,
            });
          } else {
            const cells = cellsOf(record);
            const key = cells.get(SOURCE_KEY[kind]);
            const earlier = key === undefined ? undefined : keys.get(key);
            if (earlier !== undefined)
              rowProblems.push({
                column: SOURCE_KEY[kind],
                message: `Dit nummer staat ook op rij ${earlier}. Elk nummer mag maar één keer in het bestand staan.`,
              });
            else if (key !== undefined) keys.set(key, index + 2);
            const prepared = handler.prepare(cells, rowProblems);
            if (prepared && rowProblems.length === 0) {
              try {
                // A savepoint per row: a row that fails leaves the others' work intact for the report.
                const result = await (tx as Db).transaction((savepoint) => handler.apply(savepoint, principal, prepared as never));
                counts[result.outcome] += 1;
                if (result.notice) notices.push(`Rij ${index + 2}: ${result.notice}`);
              } catch (error) {
                if (error instanceof RowFailed) rowProblems.push(...error.problems);
                else if (error instanceof ProblemError) rowProblems.push(problemOf(error));
                else if (pgErrorOf(error)?.code === '23505' && pgErrorOf(error)?.constraint?.endsWith('_source_key')) {
                  // Another import of the same number committed while this one ran.
                  rowProblems.push({
                    column: SOURCE_KEY[kind],
                    message: 'Dit nummer is net door een andere import toegevoegd. Importeer het bestand opnieuw: dan wordt het bijgewerkt.',
                  });
                } else throw error;
              }
            }
          }
          problems.push(...rowProblems.map((problem) => ({ row: index + 2, line: record.line, ...problem })));
          onProgress?.(index + 1, total);
        }
        if (dryRun || problems.length > 0) throw new Rollback();
      };

      let committed = false;
      try {
        await db.transaction(work);
        committed = true;
      } catch (error) {
        if (!(error instanceof Rollback)) throw error;
      }
      return { kind, dryRun, committed, rows: total, counts, problems, notices };
    },
  };
}

export type CsvImport = ReturnType<typeof createCsvImport>;
