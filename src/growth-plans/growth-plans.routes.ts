import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { access } from '../auth/roles.js';
import { withProblems } from '../http/responses.js';
import type { RouteDeps } from '../services.js';
import { principalOf } from '../auth/auth.plugin.js';
import { idempotencyHeadersSchema, replyWith, runIdempotent } from '../http/idempotency.js';
import { idParamsSchema } from '../schemas/common.js';
import { createGrowthPlanBodySchema, draftVacanciesResultSchema, growthPlanSchema, updateGrowthPlanBodySchema } from './growth-plans.schemas.js';

const tags = ['growth plans'];

export async function growthPlanRoutes(app: FastifyInstance, { db, services }: RouteDeps) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const growthPlans = services.growthPlans;

  r.get(
    '/v1/employers/:id/growth-plans',
    {
      config: { access: access.employerSideRead },
      schema: {
        tags,
        summary: 'The employer’s growth plans, with the pipeline per role',
        params: idParamsSchema,
        response: withProblems({ 200: z.object({ items: z.array(growthPlanSchema) }) }, [404]),
      },
    },
    async (request) => ({ items: await growthPlans.listForEmployer(principalOf(request), request.params.id) }),
  );

  r.post(
    '/v1/employers/:id/growth-plans',
    {
      config: { access: access.employerSide },
      schema: {
        tags,
        summary: 'State future demand: roles, headcount, when, shifts, competencies, training lead time',
        params: idParamsSchema,
        headers: idempotencyHeadersSchema,
        body: createGrowthPlanBodySchema,
        response: withProblems({ 201: growthPlanSchema }, [404, 409, 413, 415, 422]),
      },
    },
    async (request, reply) =>
      replyWith(
        reply,
        await runIdempotent(db, request, async (tx) => ({
          statusCode: 201,
          body: await growthPlans.create({ tx, principal: principalOf(request), employerId: request.params.id, body: request.body }),
        })),
      ),
  );

  r.get(
    '/v1/growth-plans/:id',
    {
      config: { access: access.employerSideRead },
      schema: { tags, summary: 'One growth plan', params: idParamsSchema, response: withProblems({ 200: growthPlanSchema }, [404]) },
    },
    async (request) => growthPlans.get(principalOf(request), request.params.id),
  );

  r.patch(
    '/v1/growth-plans/:id',
    {
      config: { access: access.employerSide },
      schema: {
        tags,
        summary: 'Change a growth plan',
        params: idParamsSchema,
        body: updateGrowthPlanBodySchema,
        response: withProblems({ 200: growthPlanSchema }, [404, 413, 415]),
      },
    },
    async (request) => db.transaction((tx) => growthPlans.update({ tx, principal: principalOf(request), id: request.params.id, body: request.body })),
  );

  r.post(
    '/v1/growth-plans/:id/draft-vacancies',
    {
      config: { access: access.employerSide },
      schema: {
        tags,
        summary: 'Draft a vacancy for every role that has none yet',
        params: idParamsSchema,
        headers: idempotencyHeadersSchema,
        response: withProblems({ 200: draftVacanciesResultSchema }, [404, 409, 422]),
      },
    },
    async (request, reply) =>
      replyWith(
        reply,
        await runIdempotent(db, request, async (tx) => ({
          statusCode: 200,
          body: await growthPlans.draftVacancies(tx, principalOf(request), request.params.id),
        })),
      ),
  );
}
