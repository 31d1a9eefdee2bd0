import { and, eq, getTableColumns, gt, isNotNull, isNull, lt, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { pageSessions, signInLinks, tenants } from '../../db/schema/index.js';

/** The only place with queries on page sessions and sign-in links; every query is filtered on the tenant. */
export function sessionsRepository(db: Executor) {
  return {
    async insertSession(row: typeof pageSessions.$inferInsert) {
      await db.insert(pageSessions).values(row);
    },

    /** The session, unless its tenant is disabled (npm run tenant:disable ends every session at once). */
    async findSession({ tenantId, id }: { tenantId: string; id: string }) {
      const [row] = await db
        .select(getTableColumns(pageSessions))
        .from(pageSessions)
        .innerJoin(tenants, and(eq(tenants.id, pageSessions.tenantId), isNull(tenants.disabledAt)))
        .where(and(eq(pageSessions.tenantId, tenantId), eq(pageSessions.id, id)))
        .limit(1);
      return row;
    },

    /** Whether the tenant may sign people in (it exists and is not disabled). */
    async tenantActive(tenantId: string) {
      const [row] = await db
        .select({ id: tenants.id })
        .from(tenants)
        .where(and(eq(tenants.id, tenantId), isNull(tenants.disabledAt)))
        .limit(1);
      return row !== undefined;
    },

    /** Moves last_seen_at forward, at most once a minute (the idle timeout counts from it). */
    async touchSession({ tenantId, id, now }: { tenantId: string; id: string; now: Date }) {
      await db
        .update(pageSessions)
        .set({ lastSeenAt: now })
        .where(and(eq(pageSessions.tenantId, tenantId), eq(pageSessions.id, id), lt(pageSessions.lastSeenAt, new Date(now.getTime() - 60_000))));
    },

    async deleteSession({ tenantId, id }: { tenantId: string; id: string }) {
      await db.delete(pageSessions).where(and(eq(pageSessions.tenantId, tenantId), eq(pageSessions.id, id)));
    },

    /** Ends every session of one subject (e.g. a deactivated user, an erased person). */
    async deleteSessionsOf({ tenantId, kind, subjectId }: { tenantId: string; kind: string; subjectId: string }) {
      await db.delete(pageSessions).where(and(eq(pageSessions.tenantId, tenantId), eq(pageSessions.kind, kind), eq(pageSessions.subjectId, subjectId)));
    },

    async insertLink(row: typeof signInLinks.$inferInsert) {
      await db.insert(signInLinks).values(row);
    },

    /** Links asked for one subject since a moment: the per-person limit on sign-in mails. */
    async countLinksSince({ tenantId, kind, subjectId, since }: { tenantId: string; kind: string; subjectId: string; since: Date }) {
      const [row] = await db
        .select({ count: sql<number>`count(*)::int` })
        .from(signInLinks)
        .where(and(eq(signInLinks.tenantId, tenantId), eq(signInLinks.kind, kind), eq(signInLinks.subjectId, subjectId), gt(signInLinks.createdAt, since)));
      return row?.count ?? 0;
    },

    async findLink({ tenantId, id }: { tenantId: string; id: string }) {
      const [row] = await db
        .select()
        .from(signInLinks)
        .where(and(eq(signInLinks.tenantId, tenantId), eq(signInLinks.id, id)))
        .limit(1);
      return row;
    },

    /** Marks a link used; answers the row only for the one caller that used it (single use under concurrency). */
    async useLink({ tenantId, id, now }: { tenantId: string; id: string; now: Date }) {
      const [row] = await db
        .update(signInLinks)
        .set({ usedAt: now })
        .where(and(eq(signInLinks.tenantId, tenantId), eq(signInLinks.id, id), isNull(signInLinks.usedAt), gt(signInLinks.expiresAt, now)))
        .returning();
      return row;
    },

    /**
     * Uses a sign-in code: the one unused, unexpired row with this hash, for the one caller that gets
     * it. The only look-up not filtered on a tenant: a typed code carries none; its hash is unique.
     */
    async useCode({ codeHash, now }: { codeHash: string; now: Date }) {
      const [row] = await db
        .update(signInLinks)
        .set({ usedAt: now })
        .where(and(eq(signInLinks.codeHash, codeHash), isNull(signInLinks.usedAt), gt(signInLinks.expiresAt, now)))
        .returning();
      return row;
    },

    /** A new code replaces the subject's earlier unused ones. */
    async dropUnusedCodes({ tenantId, kind, subjectId }: { tenantId: string; kind: string; subjectId: string }) {
      await db
        .delete(signInLinks)
        .where(
          and(
            eq(signInLinks.tenantId, tenantId),
            eq(signInLinks.kind, kind),
            eq(signInLinks.subjectId, subjectId),
            isNotNull(signInLinks.codeHash),
            isNull(signInLinks.usedAt),
          ),
        );
    },

    /** Removes sessions and links past their end (called from sign-in, so the tables stay small). */
    async purgeExpired({ now }: { now: Date }) {
      await db.delete(pageSessions).where(lt(pageSessions.expiresAt, now));
      await db.delete(signInLinks).where(lt(signInLinks.expiresAt, new Date(now.getTime() - 24 * 3600_000)));
    },
  };
}
