import type { Db } from '../../db/client.js';
import type { Principal } from '../auth/roles.js';
import { afterIdFrom, pageCursor } from '../http/responses.js';
import { auditRepository, type Moment } from './audit.repository.js';
import type { AuditQuery } from './audit.schemas.js';

const toMoment = (value: string | undefined): Moment | undefined =>
  value === undefined ? undefined : /^\d{4}-\d{2}-\d{2}$/.test(value) ? { kind: 'day', value } : { kind: 'instant', value };

/** Reading the audit log (admins): the API's GET /v1/audit and the werkplek's Beheer page. */
export function createAuditService({ db }: { db: Db }) {
  return {
    /** One page of the tenant's audit log, newest first, filtered; `nextCursor` continues it. */
    async list(principal: Principal, query: AuditQuery) {
      const { limit, cursor, from, to, ...filter } = query;
      const rows = await auditRepository(db).list({
        tenantId: principal.tenantId,
        ...filter,
        from: toMoment(from),
        to: toMoment(to),
        beforeId: afterIdFrom(cursor),
        limit: limit + 1,
      });
      const page = pageCursor(
        rows.map((row) => ({ ...row, id: row.entry.id })),
        limit,
      );
      return {
        items: page.rows.map(({ entry, actorName }) => ({
          id: entry.id,
          at: entry.at.toISOString(),
          actor: entry.actorUserId ? { id: entry.actorUserId, name: actorName } : null,
          action: entry.action,
          subjectType: entry.subjectType,
          subjectId: entry.subjectId,
          reason: entry.reason,
          details: entry.details,
        })),
        nextCursor: page.nextCursor,
      };
    },
  };
}
