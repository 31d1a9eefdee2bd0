import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { access } from '../auth/roles.js';
import { withProblems } from '../http/responses.js';
import { langOf } from '../http/language.js';
import { principalOf } from '../auth/auth.plugin.js';
import { idParamsSchema } from '../schemas/common.js';
import type { RouteDeps } from '../services.js';
import {
  auditAttributesBodySchema,
  auditAttributesSchema,
  candidateExportSchema,
  eraseBodySchema,
  erasureReceiptSchema,
  exportQuerySchema,
} from './privacy.schemas.js';

const tags = ['privacy'];

/**
 * A person's data rights: access (P6) and erasure (P5), for admins (the privacy officer); and the
 * audit attributes that only feed the fairness report (F6). There is deliberately no route that
 * gives matching data to anyone for another purpose (P1): a test scans the route table for it.
 */
export async function privacyRoutes(app: FastifyInstance, { db, services }: RouteDeps) {
  const { privacy } = services;
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/v1/candidates/:id/export',
    {
      config: { access: access.admin },
      schema: {
        tags,
        summary: 'Access request: everything stored about a person, as JSON (admins; audited)',
        description:
          'For the person’s own access request (GDPR art. 15) only. Includes ranking runs with their entry, the inputs given to the matcher, shortlists, feedback, placements, audit attributes and the e-mails sent about them.',
        params: idParamsSchema,
        querystring: exportQuerySchema,
        response: withProblems({ 200: candidateExportSchema }, [404]),
      },
    },
    async (request, reply) => {
      const body = await privacy.exportCandidate(principalOf(request), request.params.id, { reason: request.query.reason, lang: langOf(request) });
      // A download for the person; never cached on the way.
      reply.header('cache-control', 'no-store');
      reply.header('content-disposition', `attachment; filename="inzage-${request.params.id}.json"`);
      return body;
    },
  );

  r.post(
    '/v1/candidates/:id/erase',
    {
      config: { access: access.admin },
      schema: {
        tags,
        summary: 'Erase a person from Postgres, the search index, job payloads and the mail log; returns a receipt (admins; audited)',
        description:
          'Asking again for a person already erased returns the first receipt. Ranking runs and the audit log keep only the pseudonymous id, which then points at no one.',
        params: idParamsSchema,
        body: eraseBodySchema,
        response: withProblems({ 200: erasureReceiptSchema }, [404, 413, 415]),
      },
    },
    async (request) => privacy.eraseCandidate(principalOf(request), request.params.id, request.body.reason),
  );

  r.put(
    '/v1/candidates/:id/audit-attributes',
    {
      config: { access: access.caseworkers },
      schema: {
        tags,
        summary: 'Record audit attributes, only for the fairness report (assigned account manager or admin; audited)',
        description:
          'Gender, age band, migration background and disability are entered ONLY for the fairness check. They are kept apart, never returned with a profile, never in search, never read by the matcher. Every value may be null (not stated).',
        params: idParamsSchema,
        body: auditAttributesBodySchema,
        response: withProblems({ 200: auditAttributesSchema }, [404, 413, 415]),
      },
    },
    async (request) =>
      db.transaction((tx) =>
        privacy.setAuditAttributes({ tx, principal: principalOf(request), candidateId: request.params.id, body: request.body, lang: langOf(request) }),
      ),
  );
}
