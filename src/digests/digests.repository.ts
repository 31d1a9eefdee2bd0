import { and, asc, desc, eq, inArray, ne, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { digestDeliveries, digestSubscriptions, mailLog, users } from '../../db/schema/index.js';

export type SubscriptionRow = typeof digestSubscriptions.$inferSelect;
export type SubscriptionInsert = typeof digestSubscriptions.$inferInsert;
export type DeliveryRow = typeof digestDeliveries.$inferSelect;
export type DeliveryStatus = 'reserved' | 'sent' | 'failed' | 'skipped';

/** Whose subscriptions a caller may see: everyone's (admins), employer users' and their own (employer relations), or their own. */
export type SubscriptionVisibility = { tenantId: string; userId: string; sees: 'all' | 'employer_users' | 'own' };

function visibleTo(visibility: SubscriptionVisibility): SQL {
  const own = eq(digestSubscriptions.userId, visibility.userId);
  const scope = visibility.sees === 'all' ? undefined : visibility.sees === 'own' ? own : sql`(${own} or ${users.role} = 'employer')`;
  return and(eq(digestSubscriptions.tenantId, visibility.tenantId), scope)!;
}

const lastSentAt = sql<Date | null>`(select max(d.sent_at) from digest_deliveries d
  where d.tenant_id = ${digestSubscriptions.tenantId} and d.subscription_id = ${digestSubscriptions.id} and d.status = 'sent')`.mapWith(
  (value: string | Date | null) => (value === null ? null : new Date(value)),
);

export function digestRepository(db: Executor) {
  const withRecipient = () =>
    db
      .select({
        subscription: digestSubscriptions,
        userName: users.name,
        userRole: users.role,
        userEmail: users.email,
        userActive: users.active,
        employerId: users.employerId,
        lastSentAt,
      })
      .from(digestSubscriptions)
      .innerJoin(users, and(eq(users.tenantId, digestSubscriptions.tenantId), eq(users.id, digestSubscriptions.userId)));

  return {
    async find({ visibility, id }: { visibility: SubscriptionVisibility; id: string }) {
      const [row] = await withRecipient()
        .where(and(visibleTo(visibility), eq(digestSubscriptions.id, id)))
        .limit(1);
      return row;
    },

    /** A subscription with its recipient, for the sender (no caller). `lock` holds off a concurrent unsubscribe while the digest is composed and marked in flight. */
    async findForDelivery({ tenantId, id, lock = false }: { tenantId: string; id: string; lock?: boolean }) {
      const query = withRecipient()
        .where(and(eq(digestSubscriptions.tenantId, tenantId), eq(digestSubscriptions.id, id)))
        .limit(1);
      const [row] = lock ? await query.for('share', { of: digestSubscriptions }) : await query;
      return row;
    },

    async list({ visibility, userId, beforeId, limit }: { visibility: SubscriptionVisibility; userId?: string; beforeId?: string; limit: number }) {
      return withRecipient()
        .where(
          and(
            visibleTo(visibility),
            userId ? eq(digestSubscriptions.userId, userId) : undefined,
            beforeId ? sql`${digestSubscriptions.id} < ${beforeId}` : undefined,
          ),
        )
        .orderBy(desc(digestSubscriptions.id))
        .limit(limit);
    },

    /** Active subscriptions of a tenant with an active recipient: what the scheduler looks at. */
    async activeSchedules(tenantId: string) {
      return db
        .select({
          id: digestSubscriptions.id,
          frequency: digestSubscriptions.frequency,
          weekday: digestSubscriptions.weekday,
          hour: digestSubscriptions.hour,
          timezone: digestSubscriptions.timezone,
          createdAt: digestSubscriptions.createdAt,
        })
        .from(digestSubscriptions)
        .innerJoin(users, and(eq(users.tenantId, digestSubscriptions.tenantId), eq(users.id, digestSubscriptions.userId)))
        .where(and(eq(digestSubscriptions.tenantId, tenantId), eq(digestSubscriptions.active, true), eq(users.active, true)));
    },

    /** Whether a user has a subscription, holding the user's row until the transaction ends (so that two creates cannot both pass). */
    async lockRecipientAndCount({ tenantId, userId }: { tenantId: string; userId: string }): Promise<number> {
      await db
        .select({ id: users.id })
        .from(users)
        .where(and(eq(users.tenantId, tenantId), eq(users.id, userId)))
        .for('update');
      const [row] = await db
        .select({ count: sql<number>`count(*)::int` })
        .from(digestSubscriptions)
        .where(and(eq(digestSubscriptions.tenantId, tenantId), eq(digestSubscriptions.userId, userId)));
      return row?.count ?? 0;
    },

    async insert(values: SubscriptionInsert): Promise<SubscriptionRow> {
      const [row] = await db.insert(digestSubscriptions).values(values).returning();
      return row!;
    },

    async update({ tenantId, id, values }: { tenantId: string; id: string; values: Partial<SubscriptionInsert> }) {
      const [row] = await db
        .update(digestSubscriptions)
        .set(values)
        .where(and(eq(digestSubscriptions.tenantId, tenantId), eq(digestSubscriptions.id, id)))
        .returning();
      return row;
    },

    async remove({ tenantId, id }: { tenantId: string; id: string }) {
      await db.delete(digestSubscriptions).where(and(eq(digestSubscriptions.tenantId, tenantId), eq(digestSubscriptions.id, id)));
    },

    /** Turns a subscription off; true when it was on. Waits for a send being prepared (it holds the row FOR SHARE). */
    async deactivate({ tenantId, id, now }: { tenantId: string; id: string; now: Date }): Promise<boolean> {
      const rows = await db
        .update(digestSubscriptions)
        .set({ active: false, unsubscribedAt: now, updatedAt: now })
        .where(and(eq(digestSubscriptions.tenantId, tenantId), eq(digestSubscriptions.id, id), eq(digestSubscriptions.active, true)))
        .returning({ id: digestSubscriptions.id });
      return rows.length > 0;
    },

    // Deliveries: one row per (subscription, period), the exactly-once key.

    /** Reserves (subscription, period); undefined when a row exists already (someone else reserved it, or it is done). */
    async reserve(values: typeof digestDeliveries.$inferInsert): Promise<DeliveryRow | undefined> {
      const [row] = await db.insert(digestDeliveries).values(values).onConflictDoNothing().returning();
      return row;
    },

    async delivery({ tenantId, subscriptionId, periodKey }: { tenantId: string; subscriptionId: string; periodKey: string }) {
      const [row] = await db
        .select()
        .from(digestDeliveries)
        .where(and(eq(digestDeliveries.tenantId, tenantId), eq(digestDeliveries.subscriptionId, subscriptionId), eq(digestDeliveries.periodKey, periodKey)))
        .limit(1);
      return row;
    },

    async updateDelivery({ tenantId, id, values }: { tenantId: string; id: string; values: Partial<typeof digestDeliveries.$inferInsert> }) {
      await db
        .update(digestDeliveries)
        .set(values)
        .where(and(eq(digestDeliveries.tenantId, tenantId), eq(digestDeliveries.id, id)));
    },

    /** Where the next digest starts: what the last one sent covered (another period than `exceptPeriod`). */
    async lastCoveredUntil({
      tenantId,
      subscriptionId,
      exceptPeriod,
    }: {
      tenantId: string;
      subscriptionId: string;
      exceptPeriod?: string;
    }): Promise<Date | undefined> {
      const [row] = await db
        .select({ coveredUntil: digestDeliveries.coveredUntil })
        .from(digestDeliveries)
        .where(
          and(
            eq(digestDeliveries.tenantId, tenantId),
            eq(digestDeliveries.subscriptionId, subscriptionId),
            eq(digestDeliveries.status, 'sent'),
            exceptPeriod ? ne(digestDeliveries.periodKey, exceptPeriod) : undefined,
          ),
        )
        .orderBy(desc(digestDeliveries.coveredUntil))
        .limit(1);
      return row?.coveredUntil;
    },

    /** The first period this subscription was ever owed (any status): where it starts when nothing was sent yet. */
    async earliestDelivery({ tenantId, subscriptionId }: { tenantId: string; subscriptionId: string }) {
      const [row] = await db
        .select({ periodKey: digestDeliveries.periodKey, coveredUntil: digestDeliveries.coveredUntil })
        .from(digestDeliveries)
        .where(and(eq(digestDeliveries.tenantId, tenantId), eq(digestDeliveries.subscriptionId, subscriptionId)))
        .orderBy(asc(digestDeliveries.coveredUntil))
        .limit(1);
      return row;
    },

    /** Status of the deliveries of these (subscription, period) pairs in one tenant. */
    async deliveryStates({ tenantId, pairs }: { tenantId: string; pairs: Array<{ subscriptionId: string; periodKey: string }> }) {
      if (pairs.length === 0) return new Map<string, DeliveryStatus>();
      const rows = await db
        .select({ subscriptionId: digestDeliveries.subscriptionId, periodKey: digestDeliveries.periodKey, status: digestDeliveries.status })
        .from(digestDeliveries)
        .where(
          and(
            eq(digestDeliveries.tenantId, tenantId),
            inArray(digestDeliveries.subscriptionId, [...new Set(pairs.map((pair) => pair.subscriptionId))]),
            // Few distinct keys (today, this week): this keeps the history of earlier periods out.
            inArray(digestDeliveries.periodKey, [...new Set(pairs.map((pair) => pair.periodKey))]),
          ),
        );
      const wanted = new Set(pairs.map((pair) => `${pair.subscriptionId}/${pair.periodKey}`));
      return new Map(
        rows
          .filter((row) => wanted.has(`${row.subscriptionId}/${row.periodKey}`))
          .map((row) => [`${row.subscriptionId}/${row.periodKey}`, row.status as DeliveryStatus]),
      );
    },

    async mailLogged({ tenantId, messageId }: { tenantId: string; messageId: string }): Promise<boolean> {
      const [row] = await db
        .select({ id: mailLog.id })
        .from(mailLog)
        .where(and(eq(mailLog.tenantId, tenantId), eq(mailLog.messageId, messageId)))
        .limit(1);
      return row !== undefined;
    },

    async logMail(values: typeof mailLog.$inferInsert) {
      await db.insert(mailLog).values(values);
    },
  };
}
