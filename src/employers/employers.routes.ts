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
  createEmployerBodySchema,
  createLocationBodySchema,
  employerLocationParamsSchema,
  employerPageSchema,
  employerSchema,
  listEmployersQuerySchema,
  locationSchema,
  updateEmployerBodySchema,
  updateLocationBodySchema,
} from './employers.schemas.js';

const tags = ['employers'];

export async function employerRoutes(app: FastifyInstance, { db, services }: RouteDeps) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const employers = services.employers;

  r.get(
    '/v1/employers',
    {
      config: { access: access.employerSideRead },
      schema: {
        tags,
        summary: 'List employers (an employer user sees only its own)',
        querystring: listEmployersQuerySchema,
        response: withProblems({ 200: employerPageSchema }),
      },
    },
    async (request) => employers.list(principalOf(request), request.query),
  );

  r.post(
    '/v1/employers',
    {
      config: { access: access.employerStaff },
      schema: {
        tags,
        summary: 'Register an employer',
        headers: idempotencyHeadersSchema,
        body: createEmployerBodySchema,
        response: withProblems({ 201: employerSchema }, [409, 413, 415, 422]),
      },
    },
    async (request, reply) =>
      replyWith(
        reply,
        await runIdempotent(db, request, async (tx) => ({
          statusCode: 201,
          body: await employers.create(tx, principalOf(request), request.body),
        })),
      ),
  );

  r.get(
    '/v1/employers/:id',
    {
      config: { access: access.employerSideRead },
      schema: { tags, summary: 'One employer', params: idParamsSchema, response: withProblems({ 200: employerSchema }, [404]) },
    },
    async (request) => employers.get(principalOf(request), request.params.id),
  );

  r.patch(
    '/v1/employers/:id',
    {
      config: { access: access.employerSide },
      schema: {
        tags,
        summary: 'Change company details',
        params: idParamsSchema,
        body: updateEmployerBodySchema,
        response: withProblems({ 200: employerSchema }, [404, 409, 413, 415]),
      },
    },
    async (request) => db.transaction((tx) => employers.update({ tx, principal: principalOf(request), id: request.params.id, body: request.body })),
  );

  r.get(
    '/v1/employers/:id/locations',
    {
      config: { access: access.employerSideRead },
      schema: {
        tags,
        summary: 'The employer’s locations',
        params: idParamsSchema,
        response: withProblems({ 200: z.object({ items: z.array(locationSchema) }) }, [404]),
      },
    },
    async (request) => ({ items: await employers.listLocations(principalOf(request), request.params.id) }),
  );

  r.post(
    '/v1/employers/:id/locations',
    {
      config: { access: access.employerSide },
      schema: {
        tags,
        summary: 'Add a location (coordinates are looked up from the postcode when left out)',
        params: idParamsSchema,
        headers: idempotencyHeadersSchema,
        body: createLocationBodySchema,
        response: withProblems({ 201: locationSchema }, [404, 409, 413, 415, 422]),
      },
    },
    async (request, reply) =>
      replyWith(
        reply,
        await runIdempotent(db, request, async (tx) => ({
          statusCode: 201,
          body: await employers.createLocation({ tx, principal: principalOf(request), employerId: request.params.id, body: request.body }),
        })),
      ),
  );

  r.get(
    '/v1/employers/:id/locations/:locationId',
    {
      config: { access: access.employerSideRead },
      schema: { tags, summary: 'One location', params: employerLocationParamsSchema, response: withProblems({ 200: locationSchema }, [404]) },
    },
    async (request) => employers.getLocation(principalOf(request), request.params.id, request.params.locationId),
  );

  r.patch(
    '/v1/employers/:id/locations/:locationId',
    {
      config: { access: access.employerSide },
      schema: {
        tags,
        summary: 'Change a location',
        params: employerLocationParamsSchema,
        body: updateLocationBodySchema,
        response: withProblems({ 200: locationSchema }, [404, 413, 415]),
      },
    },
    async (request) =>
      db.transaction((tx) =>
        employers.updateLocation({
          tx,
          principal: principalOf(request),
          employerId: request.params.id,
          locationId: request.params.locationId,
          body: request.body,
        }),
      ),
  );

  r.delete(
    '/v1/employers/:id/locations/:locationId',
    {
      config: { access: access.employerSide },
      schema: {
        tags,
        summary: 'Remove a location that no vacancy or growth plan uses',
        params: employerLocationParamsSchema,
        response: withProblems({ 204: z.null().describe('Removed') }, [404, 409]),
      },
    },
    async (request, reply) => {
      await db.transaction((tx) =>
        employers.deleteLocation({ tx, principal: principalOf(request), employerId: request.params.id, locationId: request.params.locationId }),
      );
      return reply.status(204).send(null);
    },
  );
}
