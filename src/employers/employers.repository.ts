import { and, asc, eq, ilike, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { employerLocations, employers, growthPlans, vacancies } from '../../db/schema/index.js';
import type { Scope } from '../auth/scope.js';

type EmployerInsert = typeof employers.$inferInsert;
type LocationInsert = typeof employerLocations.$inferInsert;
export type EmployerRow = typeof employers.$inferSelect;
export type LocationRow = typeof employerLocations.$inferSelect;

function employerScope(scope: Scope): SQL {
  return and(eq(employers.tenantId, scope.tenantId), scope.employerId ? eq(employers.id, scope.employerId) : undefined)!;
}

/** Escapes % and _ for ILIKE. */
export function likePattern(words: string): string {
  return `%${words.replace(/[\\%_]/g, (match) => `\\${match}`)}%`;
}

export function employerRepository(db: Executor) {
  return {
    async list({ scope, sector, q, afterId, limit }: { scope: Scope; sector?: string; q?: string; afterId?: string; limit: number }) {
      return db
        .select()
        .from(employers)
        .where(
          and(
            employerScope(scope),
            sector ? eq(employers.sector, sector) : undefined,
            q ? ilike(employers.name, likePattern(q)) : undefined,
            afterId ? sql`${employers.id} > ${afterId}` : undefined,
          ),
        )
        .orderBy(asc(employers.id))
        .limit(limit);
    },
    async find({ scope, id }: { scope: Scope; id: string }): Promise<EmployerRow | undefined> {
      const [row] = await db
        .select()
        .from(employers)
        .where(and(employerScope(scope), eq(employers.id, id)))
        .limit(1);
      return row;
    },
    async insert(values: EmployerInsert): Promise<EmployerRow> {
      const [row] = await db.insert(employers).values(values).returning();
      return row!;
    },
    async update({ scope, id, values }: { scope: Scope; id: string; values: Partial<EmployerInsert> }) {
      const [row] = await db
        .update(employers)
        .set(values)
        .where(and(employerScope(scope), eq(employers.id, id)))
        .returning();
      return row;
    },

    async listLocations({ tenantId, employerId }: { tenantId: string; employerId: string }) {
      return db
        .select()
        .from(employerLocations)
        .where(and(eq(employerLocations.tenantId, tenantId), eq(employerLocations.employerId, employerId)))
        .orderBy(asc(employerLocations.id));
    },
    async findLocation({ tenantId, employerId, id }: { tenantId: string; employerId: string; id: string }) {
      const [row] = await db
        .select()
        .from(employerLocations)
        .where(and(eq(employerLocations.tenantId, tenantId), eq(employerLocations.employerId, employerId), eq(employerLocations.id, id)))
        .limit(1);
      return row;
    },
    async insertLocation(values: LocationInsert): Promise<LocationRow> {
      const [row] = await db.insert(employerLocations).values(values).returning();
      return row!;
    },
    async updateLocation({ tenantId, employerId, id, values }: { tenantId: string; employerId: string; id: string; values: Partial<LocationInsert> }) {
      const [row] = await db
        .update(employerLocations)
        .set(values)
        .where(and(eq(employerLocations.tenantId, tenantId), eq(employerLocations.employerId, employerId), eq(employerLocations.id, id)))
        .returning();
      return row;
    },
    async locationInUse({ tenantId, id }: { tenantId: string; id: string }): Promise<boolean> {
      const [row] = await db
        .execute<{ used: boolean }>(
          sql`
        select exists (select 1 from ${vacancies} where ${vacancies.tenantId} = ${tenantId} and ${vacancies.locationId} = ${id})
            or exists (select 1 from ${growthPlans} where ${growthPlans.tenantId} = ${tenantId} and ${growthPlans.locationId} = ${id}) as used
      `,
        )
        .then((result) => result.rows);
      return Boolean(row?.used);
    },
    async deleteLocation({ tenantId, employerId, id }: { tenantId: string; employerId: string; id: string }) {
      const rows = await db
        .delete(employerLocations)
        .where(and(eq(employerLocations.tenantId, tenantId), eq(employerLocations.employerId, employerId), eq(employerLocations.id, id)))
        .returning({ id: employerLocations.id });
      return rows.length > 0;
    },
  };
}
