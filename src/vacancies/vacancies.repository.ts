import { and, asc, desc, eq, gte, ilike, isNull, or, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { preparedPerDatabase } from '../../db/prepared.js';
import { employerLocations, employers, vacancies } from '../../db/schema/index.js';
import type { Scope } from '../auth/scope.js';
import { likePattern } from '../employers/employers.repository.js';
import type { PublicVacancyRow } from './vacancies.jobposting.js';

export type VacancyInsert = typeof vacancies.$inferInsert;
export type VacancyRow = typeof vacancies.$inferSelect;
export type VacancyWithContext = VacancyRow & {
  employerName: string;
  locationName: string;
  locationCity: string;
  locationPostcode4: string;
};

function vacancyScope(scope: Scope): SQL {
  return and(eq(vacancies.tenantId, scope.tenantId), scope.employerId ? eq(vacancies.employerId, scope.employerId) : undefined)!;
}

/** A vacancy with its employer's and location's names: the select of every read. */
function withContext(db: Executor) {
  return db
    .select({
      vacancy: vacancies,
      employerName: employers.name,
      locationName: employerLocations.name,
      locationCity: employerLocations.city,
      locationPostcode4: employerLocations.postcode4,
    })
    .from(vacancies)
    .innerJoin(employers, and(eq(employers.tenantId, vacancies.tenantId), eq(employers.id, vacancies.employerId)))
    .innerJoin(employerLocations, and(eq(employerLocations.tenantId, vacancies.tenantId), eq(employerLocations.id, vacancies.locationId)));
}

function flatten(row: {
  vacancy: VacancyRow;
  employerName: string;
  locationName: string;
  locationCity: string;
  locationPostcode4: string;
}): VacancyWithContext {
  return {
    ...row.vacancy,
    employerName: row.employerName,
    locationName: row.locationName,
    locationCity: row.locationCity,
    locationPostcode4: row.locationPostcode4,
  };
}

/** The scope as placeholders: the tenant always, the employer for employer users (variant 'employer'). */
function scopeCondition(employerScoped: boolean): SQL {
  return and(eq(vacancies.tenantId, sql.placeholder('tenantId')), employerScoped ? eq(vacancies.employerId, sql.placeholder('scopeEmployerId')) : undefined)!;
}

const scopeValues = (scope: Scope) => ({ tenantId: scope.tenantId, scopeEmployerId: scope.employerId });

/** One vacancy in scope, as a prepared statement (GET /v1/vacancies/:id and every check that a vacancy is visible). */
const findQuery = preparedPerDatabase((db, variant) =>
  withContext(db)
    .where(and(scopeCondition(variant === 'employer'), eq(vacancies.id, sql.placeholder('id'))))
    .limit(1)
    .prepare(`vacancy_find_${variant}`),
);

/** The list filters a page may use; each combination is a prepared statement of its own. */
const LIST_FILTERS = ['employer', 'status', 'employerId', 'dayPart', 'q', 'beforeId'] as const;
type ListFilter = (typeof LIST_FILTERS)[number];

const listQuery = preparedPerDatabase((db, variant) => {
  const has = new Set(variant.split(',')) as Set<ListFilter | ''>;
  return withContext(db)
    .where(
      and(
        scopeCondition(has.has('employer')),
        has.has('status') ? eq(vacancies.status, sql.placeholder('status')) : undefined,
        has.has('employerId') ? eq(vacancies.employerId, sql.placeholder('employerId')) : undefined,
        has.has('dayPart') ? sql`${vacancies.dayParts} @> array[${sql.placeholder('dayPart')}]::text[]` : undefined,
        has.has('q') ? ilike(vacancies.title, sql.placeholder('q')) : undefined,
        has.has('beforeId') ? sql`${vacancies.id} < ${sql.placeholder('beforeId')}` : undefined,
      ),
    )
    .orderBy(desc(vacancies.id))
    .limit(sql.placeholder('limit'))
    .prepare(`vacancy_list_${variant.replaceAll(',', '_')}`);
});

export function vacancyRepository(db: Executor) {
  return {
    async find({ scope, id, forUpdate = false }: { scope: Scope; id: string; forUpdate?: boolean }) {
      if (forUpdate) {
        const [row] = await withContext(db)
          .where(and(vacancyScope(scope), eq(vacancies.id, id)))
          .limit(1)
          .for('update', { of: vacancies });
        return row ? flatten(row) : undefined;
      }
      const [row] = await findQuery(db, scope.employerId ? 'employer' : 'tenant').execute({ ...scopeValues(scope), id });
      return row ? flatten(row) : undefined;
    },
    async list({
      scope,
      status,
      employerId,
      dayPart,
      q,
      beforeId,
      limit,
    }: {
      scope: Scope;
      status?: string;
      employerId?: string;
      dayPart?: string;
      q?: string;
      beforeId?: string;
      limit: number;
    }) {
      const values = { status, employerId, dayPart, q: q ? likePattern(q) : undefined, beforeId };
      const present = { employer: scope.employerId ? true : undefined, ...values };
      const variant = LIST_FILTERS.filter((filter) => present[filter]).join(',');
      const rows = await listQuery(db, variant).execute({ ...scopeValues(scope), ...values, limit });
      return rows.map(flatten);
    },
    /**
     * The public feed of a tenant: open vacancies their employer marked public, whose last day has
     * not passed, oldest first. Only vacancy, employer and location columns: nothing about people.
     */
    async listPublic({ tenantId, today }: { tenantId: string; today: string }): Promise<PublicVacancyRow[]> {
      return db
        .select({
          id: vacancies.id,
          title: vacancies.title,
          description: vacancies.description,
          occupationUri: vacancies.occupationUri,
          hoursMin: vacancies.hoursMin,
          hoursMax: vacancies.hoursMax,
          shiftPattern: vacancies.shiftPattern,
          contractType: vacancies.contractType,
          startDate: vacancies.startDate,
          positions: vacancies.positions,
          validThrough: vacancies.validThrough,
          salary: vacancies.salary,
          openedAt: vacancies.openedAt,
          updatedAt: vacancies.updatedAt,
          employerName: employers.name,
          employerWebsite: employers.website,
          locationStreet: employerLocations.street,
          locationHouseNumber: employerLocations.houseNumber,
          locationPostcode4: employerLocations.postcode4,
          locationPostcodeLetters: employerLocations.postcodeLetters,
          locationCity: employerLocations.city,
          locationLatitude: employerLocations.latitude,
          locationLongitude: employerLocations.longitude,
        })
        .from(vacancies)
        .innerJoin(employers, and(eq(employers.tenantId, vacancies.tenantId), eq(employers.id, vacancies.employerId)))
        .innerJoin(employerLocations, and(eq(employerLocations.tenantId, vacancies.tenantId), eq(employerLocations.id, vacancies.locationId)))
        .where(
          and(
            eq(vacancies.tenantId, tenantId),
            eq(vacancies.public, true),
            eq(vacancies.status, 'open'),
            or(isNull(vacancies.validThrough), gte(vacancies.validThrough, today)),
          ),
        )
        .orderBy(asc(vacancies.id));
    },
    /** The vacancy an earlier import of the same JobPosting made for this employer, if any. */
    async findBySourceKey({ tenantId, employerId, sourceKey }: { tenantId: string; employerId: string; sourceKey: string }) {
      const [row] = await db
        .select({ id: vacancies.id })
        .from(vacancies)
        .where(and(eq(vacancies.tenantId, tenantId), eq(vacancies.employerId, employerId), eq(vacancies.sourceKey, sourceKey)))
        .limit(1);
      return row;
    },
    async insert(values: VacancyInsert): Promise<VacancyRow> {
      const [row] = await db.insert(vacancies).values(values).returning();
      return row!;
    },
    async update({ scope, id, values }: { scope: Scope; id: string; values: Partial<VacancyInsert> }) {
      const [row] = await db
        .update(vacancies)
        .set(values)
        .where(and(vacancyScope(scope), eq(vacancies.id, id)))
        .returning();
      return row;
    },
  };
}
