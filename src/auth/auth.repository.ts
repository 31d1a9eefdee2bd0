import { and, eq, isNull, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { preparedPerDatabase } from '../../db/prepared.js';
import { apiTokens, tenants, users } from '../../db/schema/index.js';
import type { Role } from './roles.js';

/** The live token with this hash and its user (a prepared statement: every API request runs it). */
const activeTokenQuery = preparedPerDatabase((db) =>
  db
    .select({
      tokenId: apiTokens.id,
      tenantId: apiTokens.tenantId,
      userId: users.id,
      role: users.role,
      employerId: users.employerId,
      expiresAt: apiTokens.expiresAt,
      lastUsedAt: apiTokens.lastUsedAt,
    })
    .from(apiTokens)
    .innerJoin(users, and(eq(users.tenantId, apiTokens.tenantId), eq(users.id, apiTokens.userId)))
    // A disabled Werkplein (npm run tenant:disable) refuses every token from the next request on.
    .innerJoin(tenants, and(eq(tenants.id, apiTokens.tenantId), isNull(tenants.disabledAt)))
    .where(
      and(
        eq(apiTokens.tokenHash, sql.placeholder('tokenHash')),
        isNull(apiTokens.revokedAt),
        sql`${apiTokens.expiresAt} > ${sql.placeholder('now')}::timestamptz`,
        eq(users.active, true),
      ),
    )
    .limit(1)
    .prepare('auth_find_active_token'),
);

export function authRepository(db: Executor) {
  return {
    /** The live token with this hash and its user; undefined when unknown, revoked, expired, the user is inactive or the tenant disabled. */
    async findActiveToken({ tokenHash, now }: { tokenHash: string; now: Date }) {
      const [row] = await activeTokenQuery(db).execute({ tokenHash, now: now.toISOString() });
      return row ? { ...row, role: row.role as Role } : undefined;
    },

    /** Records use at most once a minute per token, to keep reads cheap. */
    async touchToken({ tenantId, tokenId, now }: { tenantId: string; tokenId: string; now: Date }) {
      await db
        .update(apiTokens)
        .set({ lastUsedAt: now })
        .where(
          and(
            eq(apiTokens.tenantId, tenantId),
            eq(apiTokens.id, tokenId),
            sql`(${apiTokens.lastUsedAt} is null or ${apiTokens.lastUsedAt} < ${new Date(now.getTime() - 60_000).toISOString()})`,
          ),
        );
    },
  };
}
