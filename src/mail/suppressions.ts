import { and, eq, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { emailSuppressions, users } from '../../db/schema/index.js';
import { emailHash } from './addresses.js';

export type SuppressionReason = 'hard_bounce' | 'complaint' | 'manual';

/** Addresses that are never mailed again: hard bounces, complaints, manual blocks. */
export function suppressionRepository(db: Executor) {
  return {
    async isSuppressed({ tenantId, email }: { tenantId: string; email: string }): Promise<boolean> {
      const [row] = await db
        .select({ hash: emailSuppressions.emailHash })
        .from(emailSuppressions)
        .where(and(eq(emailSuppressions.tenantId, tenantId), eq(emailSuppressions.emailHash, emailHash(email))))
        .limit(1);
      return row !== undefined;
    },

    /** Suppresses an address in a tenant; suppressing it again keeps the first reason and time. */
    async suppress({
      tenantId,
      email,
      reason,
      at,
    }: {
      tenantId: string;
      email: string;
      reason: SuppressionReason;
      at: Date;
    }): Promise<{ emailHash: string; created: boolean }> {
      const hash = emailHash(email);
      const inserted = await db
        .insert(emailSuppressions)
        .values({ tenantId, emailHash: hash, reason, at })
        .onConflictDoNothing()
        .returning({ hash: emailSuppressions.emailHash });
      return { emailHash: hash, created: inserted.length > 0 };
    },
  };
}

/**
 * For a bounce webhook (the mail provider calls it without knowing our tenants): a hard bounce
 * or complaint is a property of the address, so it is suppressed in every tenant where a user has
 * that address. Returns the tenants it was suppressed in.
 */
export async function recordBounce(
  db: Executor,
  { email, reason = 'hard_bounce', at }: { email: string; reason?: SuppressionReason; at: Date },
): Promise<{ tenantIds: string[] }> {
  const rows = await db
    .selectDistinct({ tenantId: users.tenantId })
    .from(users)
    .where(sql`lower(${users.email}) = lower(${email.trim()})`);
  const repository = suppressionRepository(db);
  for (const row of rows) await repository.suppress({ tenantId: row.tenantId, email, reason, at });
  return { tenantIds: rows.map((row) => row.tenantId) };
}
