import { createHash } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { access } from '../auth/roles.js';
import { withProblems } from '../http/responses.js';
import type { RouteDeps } from '../services.js';
import { principalOf } from '../auth/auth.plugin.js';
import { idempotencyHeadersSchema, replyWith, runIdempotent } from '../http/idempotency.js';
import { idParamsSchema } from '../schemas/common.js';
import {
  createVacancyBodySchema,
  jobPostingFeedParamsSchema,
  jobPostingFeedSchema,
  listVacanciesQuerySchema,
  updateVacancyBodySchema,
  vacancyPageSchema,
  vacancySchema,
} from './vacancies.schemas.js';

const tags = ['vacancies'];

export async function vacancyRoutes(app: FastifyInstance, { db, services }: RouteDeps) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const vacancies = services.vacancies;

  r.get(
    '/v1/vacancies',
    {
      config: { access: access.employerSideRead },
      schema: {
        tags,
        summary: 'List vacancies, newest first (an employer user sees only its own)',
        querystring: listVacanciesQuerySchema,
        response: withProblems({ 200: vacancyPageSchema }),
      },
    },
    async (request) => vacancies.list(principalOf(request), request.query),
  );

  r.post(
    '/v1/vacancies',
    {
      config: { access: access.employerSide },
      schema: {
        tags,
        summary: 'Post a vacancy with its shift pattern, hours and competencies',
        headers: idempotencyHeadersSchema,
        body: createVacancyBodySchema,
        response: withProblems({ 201: vacancySchema }, [404, 409, 413, 415, 422]),
      },
    },
    async (request, reply) =>
      replyWith(
        reply,
        await runIdempotent(db, request, async (tx) => ({
          statusCode: 201,
          body: await vacancies.create(tx, principalOf(request), request.body),
        })),
      ),
  );

  r.get(
    '/v1/vacancies/:id',
    {
      config: { access: access.employerSideRead },
      schema: { tags, summary: 'One vacancy', params: idParamsSchema, response: withProblems({ 200: vacancySchema }, [404]) },
    },
    async (request) => vacancies.get(principalOf(request), request.params.id),
  );

  r.patch(
    '/v1/vacancies/:id',
    {
      config: { access: access.employerSide },
      schema: {
        tags,
        summary: 'Change a vacancy, or move its status (draft → open → filled | closed)',
        params: idParamsSchema,
        body: updateVacancyBodySchema,
        response: withProblems({ 200: vacancySchema }, [404, 409, 413, 415]),
      },
    },
    async (request) => db.transaction((tx) => vacancies.update({ tx, principal: principalOf(request), id: request.params.id, body: request.body })),
  );

  // The public JobPosting feed (issue 19.3): no token; only open vacancies their employer marked
  // public, of an active Werkplein; cacheable (ETag, max-age), and readable from any site.
  r.get(
    '/v1/public/:tenantSlug/jobpostings',
    {
      config: { access: access.public },
      schema: {
        tags,
        summary: 'The Werkplein’s open public vacancies as schema.org JobPostings (JSON-LD), for job boards',
        description:
          'A JSON-LD graph of JobPostings (application/ld+json): the open vacancies whose employer marked them public. Never anything about candidates. Send If-None-Match with the ETag to get 304 when nothing changed.',
        security: [],
        params: jobPostingFeedParamsSchema,
        response: withProblems({ 200: jobPostingFeedSchema, 304: z.null().describe('Not modified: the feed is the same as your copy (ETag)') }, [404]),
      },
    },
    async (request, reply) => {
      const body = JSON.stringify(await vacancies.publicFeed(request.params.tenantSlug));
      const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;
      reply
        .header('etag', etag)
        .header('cache-control', 'public, max-age=300')
        .header('access-control-allow-origin', '*')
        .header('cross-origin-resource-policy', 'cross-origin')
        .header('vary', 'accept-encoding');
      const seen = request.headers['if-none-match']?.split(',').map((tag) => tag.trim().replace(/^W\//, ''));
      if (seen?.includes(etag) || seen?.includes('*')) return reply.status(304).send(null);
      // Sent as made (the ETag is of these bytes); the schema above documents it.
      return reply.status(200).type('application/ld+json; charset=utf-8').send(body);
    },
  );
}
