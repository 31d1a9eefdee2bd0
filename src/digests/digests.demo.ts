import { and, eq, inArray } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { digestSubscriptions, users } from '../../db/schema/index.js';
import { newId } from '../ids.js';
import { DIGEST_TIMEZONE } from './digests.schemas.js';

/**
 * Gives the demo Werkplein's users the digests people there would choose: account managers on
 * Monday at 07:00 (before the week's first appointments), employer relations staff on Monday at
 * 08:00, employer contacts on Tuesday at 09:00 (after the Monday planning meetings). Users who have a subscription already
 * are left alone, so it can run on every start. Returns how many were created.
 */
export async function seedDemoSubscriptions(db: Executor, tenantId: string, now: Date = new Date()): Promise<number> {
  const people = await db
    .select({ id: users.id, role: users.role })
    .from(users)
    .where(and(eq(users.tenantId, tenantId), eq(users.active, true), inArray(users.role, ['account_manager', 'employer_relations', 'employer'])))
    .orderBy(users.id);
  const existing = new Set(
    (await db.select({ userId: digestSubscriptions.userId }).from(digestSubscriptions).where(eq(digestSubscriptions.tenantId, tenantId))).map(
      (row) => row.userId,
    ),
  );
  const values: Array<typeof digestSubscriptions.$inferInsert> = [];
  for (const person of people) {
    if (existing.has(person.id)) continue;
    const schedule =
      person.role === 'account_manager'
        ? { frequency: 'weekly', weekday: 1, hour: 7 }
        : person.role === 'employer_relations'
          ? { frequency: 'weekly', weekday: 1, hour: 8 }
          : { frequency: 'weekly', weekday: 2, hour: 9 };
    values.push({
      tenantId,
      id: newId(now.getTime()),
      userId: person.id,
      ...schedule,
      timezone: DIGEST_TIMEZONE,
      scope: {},
      lang: 'nl',
      active: true,
      createdAt: now,
      updatedAt: now,
    });
  }
  if (values.length > 0) await db.insert(digestSubscriptions).values(values);
  return values.length;
}
