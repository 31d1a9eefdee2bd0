import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { access } from '../auth/roles.js';
import { withProblems } from '../http/responses.js';
import { principalOf } from '../auth/auth.plugin.js';
import type { RouteDeps } from '../services.js';
import { auditPageSchema, auditQuerySchema } from './audit.schemas.js';

/**
 * The audit log for admins: reads of special-category data, exports, erasures, weight and settings
 * changes, sends. Read-only here; the database refuses update and delete (trigger).
 */
export async function auditRoutes(app: FastifyInstance, { services }: RouteDeps) {
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
    async (request) => services.audit.list(principalOf(request), request.query),
  );
}
