import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { access } from '../auth/roles.js';
import { withProblems } from '../http/responses.js';
import { langOf } from '../http/language.js';
import type { RouteDeps } from '../services.js';
import { principalOf } from '../auth/auth.plugin.js';
import { idempotencyHeadersSchema, replyWith, runIdempotent } from '../http/idempotency.js';
import { idParamsSchema } from '../schemas/common.js';
import {
  checkInSchema,
  createPlacementBodySchema,
  followUpSchema,
  listPlacementsQuerySchema,
  placementPageSchema,
  placementSchema,
  recordCheckInBodySchema,
  recordFollowUpBodySchema,
  staffPlacementSchema,
} from './placements.schemas.js';

const tags = ['placements'];

export async function placementRoutes(app: FastifyInstance, { db, services }: RouteDeps) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const placements = services.placements;

  r.get(
    '/v1/placements',
    {
      config: { access: access.anyone },
      schema: {
        tags,
        summary: 'Placements, newest first (an employer user sees only its own)',
        querystring: listPlacementsQuerySchema,
        response: withProblems({ 200: placementPageSchema }),
      },
    },
    async (request) => placements.list(principalOf(request), request.query),
  );

  r.post(
    '/v1/placements',
    {
      config: { access: access.staff },
      schema: {
        tags,
        summary: 'Record a placement: follow-ups at 1, 3 and 6 months are scheduled and the candidate is marked placed',
        headers: idempotencyHeadersSchema,
        body: createPlacementBodySchema,
        response: withProblems({ 201: staffPlacementSchema }, [404, 409, 413, 415, 422]),
      },
    },
    async (request, reply) =>
      replyWith(
        reply,
        await runIdempotent(db, request, async (tx) => ({
          statusCode: 201,
          body: await placements.create({ tx, principal: principalOf(request), body: request.body, lang: langOf(request) }),
        })),
      ),
  );

  r.get(
    '/v1/placements/:id',
    {
      config: { access: access.anyone },
      schema: {
        tags,
        summary: 'One placement: for staff with follow-ups and the savings estimate; for the employer the work agreed',
        params: idParamsSchema,
        response: withProblems({ 200: placementSchema }, [404]),
      },
    },
    async (request) => placements.get(principalOf(request), request.params.id, langOf(request)),
  );

  r.get(
    '/v1/placements/:id/follow-ups',
    {
      config: { access: access.staff },
      schema: {
        tags,
        summary: 'The follow-ups of a placement (1, 3 and 6 months), with what is due',
        params: idParamsSchema,
        response: withProblems({ 200: z.object({ items: z.array(followUpSchema) }) }, [404]),
      },
    },
    async (request) => ({ items: await placements.listFollowUps(principalOf(request), request.params.id) }),
  );

  r.post(
    '/v1/placements/:id/follow-ups',
    {
      config: { access: access.staff },
      schema: {
        tags,
        summary: 'Record the outcome of a follow-up; a dropout needs its reason and ends the placement',
        params: idParamsSchema,
        headers: idempotencyHeadersSchema,
        body: recordFollowUpBodySchema,
        response: withProblems({ 200: followUpSchema }, [404, 409, 413, 415, 422]),
      },
    },
    async (request, reply) =>
      replyWith(
        reply,
        await runIdempotent(db, request, async (tx) => ({
          statusCode: 200,
          body: await placements.recordFollowUp({ tx, principal: principalOf(request), id: request.params.id, body: request.body }),
        })),
      ),
  );
  r.post(
    '/v1/placements/:id/check-ins',
    {
      config: { access: access.employerOnly },
      schema: {
        tags,
        summary: 'The employer’s check-in on its hire at 1, 3 or 6 months: "gaat het goed?" and "is er iets nodig?"; it reaches the klantmanager',
        params: idParamsSchema,
        headers: idempotencyHeadersSchema,
        body: recordCheckInBodySchema,
        response: withProblems({ 201: checkInSchema }, [404, 409, 413, 415, 422]),
      },
    },
    async (request, reply) =>
      replyWith(
        reply,
        await runIdempotent(db, request, async (tx) => ({
          statusCode: 201,
          body: await placements.recordCheckIn({ tx, principal: principalOf(request), id: request.params.id, body: request.body }),
        })),
      ),
  );
}
