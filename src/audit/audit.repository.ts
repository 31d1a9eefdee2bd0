import { and, desc, eq, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { auditLog, users } from '../../db/schema/index.js';

/** A bound of a period: a moment, or a calendar day in Europe/Amsterdam. */
export type Moment = { kind: 'instant'; value: string } | { kind: 'day'; value: string };

function lowerBound(moment: Moment): SQL {
  return moment.kind === 'day'
    ? sql`${auditLog.at} >= (${moment.value}::date)::timestamp at time zone 'Europe/Amsterdam'`
    : sql`${auditLog.at} >= ${moment.value}::timestamptz`;
}

function upperBound(moment: Moment): SQL {
  // A day as upper bound includes the whole day.
  return moment.kind === 'day'
    ? sql`${auditLog.at} < (${moment.value}::date + 1)::timestamp at time zone 'Europe/Amsterdam'`
    : sql`${auditLog.at} <= ${moment.value}::timestamptz`;
}

/** Reads the append-only audit log; every query is filtered on the tenant. Writing is src/audit/audit.ts. */
export function auditRepository(db: Executor) {
  return {
    /** Newest first; ids are time-ordered (UUIDv7), so `beforeId` pages through stably. */
    async list(filter: {
      tenantId: string;
      action?: string | undefined;
      subjectType?: string | undefined;
      subjectId?: string | undefined;
      actorUserId?: string | undefined;
      from?: Moment | undefined;
      to?: Moment | undefined;
      beforeId?: string | undefined;
      limit: number;
    }) {
      return db
        .select({ entry: auditLog, actorName: users.name })
        .from(auditLog)
        .leftJoin(users, and(eq(users.tenantId, auditLog.tenantId), eq(users.id, auditLog.actorUserId)))
        .where(
          and(
            eq(auditLog.tenantId, filter.tenantId),
            filter.action ? eq(auditLog.action, filter.action) : undefined,
            filter.subjectType ? eq(auditLog.subjectType, filter.subjectType) : undefined,
            filter.subjectId ? eq(auditLog.subjectId, filter.subjectId) : undefined,
            filter.actorUserId ? eq(auditLog.actorUserId, filter.actorUserId) : undefined,
            filter.from ? lowerBound(filter.from) : undefined,
            filter.to ? upperBound(filter.to) : undefined,
            filter.beforeId ? sql`${auditLog.id} < ${filter.beforeId}` : undefined,
          ),
        )
        .orderBy(desc(auditLog.id))
        .limit(filter.limit);
    },
  };
}
