import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { apiTokens, tenants, users } from '../../db/schema/index.js';

export type UserRow = typeof users.$inferSelect;
export type TokenRow = typeof apiTokens.$inferSelect;

export function userRepository(db: Executor) {
  return {
    async find({ tenantId, id }: { tenantId: string; id: string }) {
      const [row] = await db
        .select()
        .from(users)
        .where(and(eq(users.tenantId, tenantId), eq(users.id, id)))
        .limit(1);
      return row;
    },
    async findByEmail({ tenantId, email }: { tenantId: string; email: string }) {
      const [row] = await db
        .select()
        .from(users)
        .where(and(eq(users.tenantId, tenantId), sql`lower(${users.email}) = lower(${email})`))
        .limit(1);
      return row;
    },
    /** Active users with this address in any Werkplein that is not disabled (sign-in by link: the address is all we know). */
    async findActiveInAnyTenant({ email }: { email: string }) {
      return db
        .select({ tenantId: users.tenantId, id: users.id, name: users.name, tenantName: tenants.name })
        .from(users)
        .innerJoin(tenants, eq(tenants.id, users.tenantId))
        .where(and(sql`lower(${users.email}) = lower(${email})`, eq(users.active, true), isNull(tenants.disabledAt)))
        .limit(10);
    },
    async list({ tenantId }: { tenantId: string }) {
      return db.select().from(users).where(eq(users.tenantId, tenantId)).orderBy(asc(users.id));
    },
    async insert(values: typeof users.$inferInsert) {
      const [row] = await db.insert(users).values(values).returning();
      return row!;
    },
    async update({ tenantId, id, values }: { tenantId: string; id: string; values: Partial<typeof users.$inferInsert> }) {
      const [row] = await db
        .update(users)
        .set(values)
        .where(and(eq(users.tenantId, tenantId), eq(users.id, id)))
        .returning();
      return row;
    },
    async tenant(id: string) {
      const [row] = await db.select().from(tenants).where(eq(tenants.id, id)).limit(1);
      return row;
    },
    async tenantBySlug(slug: string) {
      const [row] = await db.select().from(tenants).where(eq(tenants.slug, slug)).limit(1);
      return row;
    },
    async insertToken(values: typeof apiTokens.$inferInsert) {
      const [row] = await db.insert(apiTokens).values(values).returning();
      return row!;
    },
    async findTokenByHash(tokenHash: string) {
      const [row] = await db.select().from(apiTokens).where(eq(apiTokens.tokenHash, tokenHash)).limit(1);
      return row;
    },
    async listTokens({ tenantId, userId }: { tenantId: string; userId: string }) {
      return db
        .select()
        .from(apiTokens)
        .where(and(eq(apiTokens.tenantId, tenantId), eq(apiTokens.userId, userId)))
        .orderBy(asc(apiTokens.id));
    },
    async findToken({ tenantId, id }: { tenantId: string; id: string }) {
      const [row] = await db
        .select()
        .from(apiTokens)
        .where(and(eq(apiTokens.tenantId, tenantId), eq(apiTokens.id, id)))
        .limit(1);
      return row;
    },
    async revokeToken({ tenantId, id, now }: { tenantId: string; id: string; now: Date }) {
      const [row] = await db
        .update(apiTokens)
        .set({ revokedAt: now })
        .where(and(eq(apiTokens.tenantId, tenantId), eq(apiTokens.id, id), sql`${apiTokens.revokedAt} is null`))
        .returning();
      return row;
    },
  };
}
