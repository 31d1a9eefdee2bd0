import { and, eq } from 'drizzle-orm';
import type { z } from 'zod';
import type { Db } from '../../db/client.js';
import { employers, tenants } from '../../db/schema/index.js';
import { SYSTEM_ACTOR_ID } from '../audit/audit.js';
import type { Principal } from '../auth/roles.js';
import { employerRepository } from '../employers/employers.repository.js';
import { ProblemError } from '../http/problems.js';
import { dutchValidationMessage } from '../schemas/messages.js';
import { draftFromJobPosting, type PostingPlace } from './vacancies.jobposting.js';
import { vacancyRepository } from './vacancies.repository.js';
import { createVacancyBodySchema } from './vacancies.schemas.js';
import type { createVacancyService } from './vacancies.service.js';

/*
 * `npm run vacancies:import` (issue 19.3): schema.org JobPostings, one JSON object per line, become
 * drafts of one employer. Every line goes through the API's own body schema and the vacancy
 * service's create (same checks, audit row, search outbox), each in a transaction of its own; a
 * dry run does the same and rolls each one back. A line already imported for this employer (same
 * identifier, url or content) is left alone.
 */

/** What became of one line; the messages are in plain Dutch (B1), for the person who runs the import. */
export type ImportLineResult =
  | { line: number; outcome: 'imported'; vacancyId: string; title: string; notes: string[] }
  | { line: number; outcome: 'already_imported'; vacancyId: string }
  | { line: number; outcome: 'error'; errors: string[] };

export type ImportTarget = { tenantId: string; tenantSlug: string; employerId: string; employerName: string };

export type ImportSummary = { lines: number; imported: number; alreadyImported: number; errors: number; dryRun: boolean };

/** The names people know the fields of a vacancy by, for the error report. */
const FIELD_NL: Record<string, string> = {
  title: 'Titel (title)',
  description: 'Omschrijving (description)',
  occupationUri: 'Beroep (occupationalCategory)',
  hoursPerWeek: 'Uren per week (workHours)',
  contractType: 'Soort contract (employmentType)',
  startDate: 'Startdatum (jobStartDate)',
  positions: 'Aantal plaatsen (totalJobOpenings)',
  validThrough: 'Sluitingsdatum (validThrough)',
  salary: 'Salaris (baseSalary)',
};

function schemaErrors(error: z.ZodError): string[] {
  return error.issues.map((issue) => {
    const field = FIELD_NL[String(issue.path[0])] ?? issue.path.join('.');
    const message = issue.code === 'custom' && issue.message ? issue.message : dutchValidationMessage(issue);
    return `${field}: ${message}`;
  });
}

/** Rolls a dry run's transaction back after the work is done. */
class DryRunRollback extends Error {}

export function createVacancyImportService({ db, vacancies }: { db: Db; vacancies: Pick<ReturnType<typeof createVacancyService>, 'create'> }) {
  return {
    /** The employer to import into, by id (and the Werkplein's slug when given); null when there is none, or it is disabled. */
    async target({
      employerId,
      tenantSlug,
    }: {
      employerId: string;
      tenantSlug?: string | undefined;
    }): Promise<ImportTarget | 'unknown' | 'ambiguous' | 'disabled'> {
      const rows = await db
        .select({ tenantId: tenants.id, tenantSlug: tenants.slug, disabledAt: tenants.disabledAt, employerId: employers.id, employerName: employers.name })
        .from(employers)
        .innerJoin(tenants, eq(tenants.id, employers.tenantId))
        .where(and(eq(employers.id, employerId), tenantSlug ? eq(tenants.slug, tenantSlug) : undefined));
      if (rows.length === 0) return 'unknown';
      if (rows.length > 1) return 'ambiguous';
      const [row] = rows;
      if (row!.disabledAt) return 'disabled';
      return { tenantId: row!.tenantId, tenantSlug: row!.tenantSlug, employerId: row!.employerId, employerName: row!.employerName };
    },

    /**
     * Imports the lines (numbered from 1), telling `onResult` about each; returns the counts.
     * `locationId`: the location for postings whose place matches none of the employer's.
     */
    async importLines({
      target,
      lines,
      dryRun,
      defaultHours,
      locationId,
      onResult,
    }: {
      target: ImportTarget;
      lines: AsyncIterable<string> | Iterable<string>;
      dryRun: boolean;
      defaultHours?: { min: number; max: number } | undefined;
      locationId?: string | undefined;
      onResult: (result: ImportLineResult) => void;
    }): Promise<ImportSummary> {
      // The import acts as the employer itself: it can reach nothing but that employer's own data.
      const principal: Principal = {
        tenantId: target.tenantId,
        userId: SYSTEM_ACTOR_ID,
        tokenId: SYSTEM_ACTOR_ID,
        role: 'employer',
        employerId: target.employerId,
      };
      const locations = await employerRepository(db).listLocations({ tenantId: target.tenantId, employerId: target.employerId });
      if (locationId && !locations.some((location) => location.id === locationId)) {
        throw new Error(`Location ${locationId} is not one of this employer's locations.`);
      }
      const pickLocation = (place: PostingPlace): string | undefined => {
        const byPostcode = place.postcode4 ? locations.filter((location) => location.postcode4 === place.postcode4) : [];
        if (byPostcode.length >= 1) return byPostcode[0]!.id;
        const city = place.city?.toLocaleLowerCase('nl');
        const byCity = city ? locations.filter((location) => location.city.toLocaleLowerCase('nl') === city) : [];
        if (byCity.length >= 1) return byCity[0]!.id;
        if (locationId) return locationId;
        return locations.length === 1 ? locations[0]!.id : undefined;
      };

      const summary: ImportSummary = { lines: 0, imported: 0, alreadyImported: 0, errors: 0, dryRun };
      let number = 0;
      for await (const raw of lines) {
        number += 1;
        if (raw.trim() === '') continue;
        summary.lines += 1;
        const result = await importOne(number, raw);
        if (result.outcome === 'imported') summary.imported += 1;
        else if (result.outcome === 'already_imported') summary.alreadyImported += 1;
        else summary.errors += 1;
        onResult(result);
      }
      return summary;

      async function importOne(line: number, raw: string): Promise<ImportLineResult> {
        let json: unknown;
        try {
          json = JSON.parse(raw);
        } catch {
          return { line, outcome: 'error', errors: ['Deze regel is geen geldige JSON.'] };
        }
        const draft = draftFromJobPosting(json, raw, { defaultHours });
        if (!draft.ok) return { line, outcome: 'error', errors: draft.errors };
        const earlier = await vacancyRepository(db).findBySourceKey({ tenantId: target.tenantId, employerId: target.employerId, sourceKey: draft.sourceKey });
        if (earlier) return { line, outcome: 'already_imported', vacancyId: earlier.id };
        const location = pickLocation(draft.place);
        if (!location) {
          return {
            line,
            outcome: 'error',
            errors: [
              `Geen vestiging van deze werkgever past bij de plaats van de vacature (${draft.place.label}). Voeg die vestiging eerst toe, of geef er een mee met --location.`,
            ],
          };
        }
        const parsed = createVacancyBodySchema.safeParse({ ...draft.fields, locationId: location });
        if (!parsed.success) return { line, outcome: 'error', errors: schemaErrors(parsed.error) };
        try {
          const created = await db.transaction(async (tx) => {
            const vacancy = await vacancies.create(tx, principal, parsed.data, { sourceKey: draft.sourceKey });
            if (dryRun) throw new DryRunRollback(vacancy.id);
            return vacancy;
          });
          return { line, outcome: 'imported', vacancyId: created.id, title: created.title, notes: draft.notes };
        } catch (error) {
          if (error instanceof DryRunRollback) return { line, outcome: 'imported', vacancyId: error.message, title: parsed.data.title, notes: draft.notes };
          // Another import of the same posting got there first (the unique source key).
          if ((error as { cause?: { code?: string }; code?: string }).code === '23505' || (error as { cause?: { code?: string } }).cause?.code === '23505') {
            const now = await vacancyRepository(db).findBySourceKey({ tenantId: target.tenantId, employerId: target.employerId, sourceKey: draft.sourceKey });
            if (now) return { line, outcome: 'already_imported', vacancyId: now.id };
          }
          if (error instanceof ProblemError) return { line, outcome: 'error', errors: [error.spec.detail?.nl(error.values) ?? error.spec.title.nl] };
          throw error;
        }
      }
    },
  };
}

export type VacancyImportService = ReturnType<typeof createVacancyImportService>;
