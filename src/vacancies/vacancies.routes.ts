import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { access } from '../auth/roles.js';
import { withProblems } from '../http/responses.js';
import type { RouteDeps } from '../services.js';
import { principalOf } from '../auth/auth.plugin.js';
import { idempotencyHeadersSchema, replyWith, runIdempotent } from '../http/idempotency.js';
import { idParamsSchema } from '../schemas/common.js';
import {
  createVacancyBodySchema,
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
}
