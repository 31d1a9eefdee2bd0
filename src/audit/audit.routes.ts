import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Db } from '../../db/client.js';
import { access } from '../auth/roles.js';
import { afterIdFrom, pageCursor, withProblems } from '../http/responses.js';
import { principalOf } from '../auth/auth.plugin.js';
import { auditRepository, type Moment } from './audit.repository.js';
import { auditPageSchema, auditQuerySchema } from './audit.schemas.js';

const toMoment = (value: string | undefined): Moment | undefined =>
  value === undefined ? undefined : /^\d{4}-\d{2}-\d{2}$/.test(value) ? { kind: 'day', value } : { kind: 'instant', value };

/**
 * The audit log for admins: reads of special-category data, exports, erasures, weight and settings
 * changes, sends. Read-only here; the database refuses update and delete (trigger).
 */
export async function auditRoutes(app: FastifyInstance, { db }: { db: Db }) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/v1/audit',
    {
      config: { access: access.admin },
      schema: {
        tags: ['audit'],
        summary: 'The audit log, newest first (admins)',
        querystring: auditQuerySchema,
        response: withProblems({ 200: auditPageSchema }),
      },
    },
    async (request) => {
      const principal = principalOf(request);
      const { limit, cursor, from, to, ...filter } = request.query;
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
  );
}
