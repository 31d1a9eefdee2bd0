import { asc, eq, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { pageSessions, tenants } from '../../db/schema/index.js';

export type TenantRow = typeof tenants.$inferSelect;

/** Queries on the tenants table itself (operator commands); everything else filters on a tenant. */
export function tenantRepository(db: Executor) {
  return {
    async bySlug(slug: string) {
      const [row] = await db.select().from(tenants).where(eq(tenants.slug, slug)).limit(1);
      return row;
    },

    async insert(values: typeof tenants.$inferInsert) {
      const [row] = await db.insert(tenants).values(values).onConflictDoNothing({ target: tenants.slug }).returning();
      return row;
    },

    /** Every tenant with a few counts, for `tenant:list` (the subqueries name "tenants"."id": drizzle leaves it unqualified). */
    async listWithCounts() {
      return db
        .select({
          id: tenants.id,
          slug: tenants.slug,
          name: tenants.name,
          createdAt: tenants.createdAt,
          disabledAt: tenants.disabledAt,
          users: sql<number>`(select count(*)::int from users u where u.tenant_id = "tenants"."id")`,
          employers: sql<number>`(select count(*)::int from employers e where e.tenant_id = "tenants"."id")`,
          candidates: sql<number>`(select count(*)::int from candidates c where c.tenant_id = "tenants"."id")`,
        })
        .from(tenants)
        .orderBy(asc(tenants.slug));
    },

    async setDisabled({ id, disabledAt }: { id: string; disabledAt: Date | null }) {
      const [row] = await db.update(tenants).set({ disabledAt }).where(eq(tenants.id, id)).returning();
      return row;
    },

    /** Ends every page session of a tenant at once (a disabled Werkplein signs everyone out). */
    async deleteSessions(tenantId: string) {
      const deleted = await db.delete(pageSessions).where(eq(pageSessions.tenantId, tenantId)).returning({ id: pageSessions.id });
      return deleted.length;
    },
  };
}
