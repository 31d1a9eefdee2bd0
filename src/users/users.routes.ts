import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { access } from '../auth/roles.js';
import { withProblems } from '../http/responses.js';
import type { RouteDeps } from '../services.js';
import { principalOf } from '../auth/auth.plugin.js';
import { idempotencyHeadersSchema, replyWith, runIdempotent } from '../http/idempotency.js';
import { idParamsSchema } from '../schemas/common.js';
import { createdTokenSchema, createTokenBodySchema, createUserBodySchema, meSchema, tokenSchema, updateUserBodySchema, userSchema } from './users.schemas.js';

const tags = ['users and tokens'];

export async function userRoutes(app: FastifyInstance, { db, services }: RouteDeps) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const users = services.users;

  r.get(
    '/v1/me',
    {
      config: { access: access.anyone },
      schema: { tags, summary: 'Who am I: the user behind this token and its Werkplein', response: withProblems({ 200: meSchema }) },
    },
    async (request) => users.me(principalOf(request)),
  );

  r.get(
    '/v1/users',
    {
      config: { access: access.admin },
      schema: { tags, summary: 'Users of this Werkplein', response: withProblems({ 200: z.object({ items: z.array(userSchema) }) }) },
    },
    async (request) => ({ items: await users.list(principalOf(request)) }),
  );

  r.post(
    '/v1/users',
    {
      config: { access: access.employerStaff },
      schema: {
        tags,
        summary: 'Create a user (employer relations staff: employer users only)',
        headers: idempotencyHeadersSchema,
        body: createUserBodySchema,
        response: withProblems({ 201: userSchema }, [404, 409, 413, 415, 422]),
      },
    },
    async (request, reply) =>
      replyWith(
        reply,
        await runIdempotent(db, request, async (tx) => ({
          statusCode: 201,
          body: await users.create(tx, principalOf(request), request.body),
        })),
      ),
  );

  r.get(
    '/v1/users/:id',
    {
      config: { access: access.admin },
      schema: { tags, summary: 'One user', params: idParamsSchema, response: withProblems({ 200: userSchema }, [404]) },
    },
    async (request) => users.get(principalOf(request), request.params.id),
  );

  r.patch(
    '/v1/users/:id',
    {
      config: { access: access.admin },
      schema: {
        tags,
        summary: 'Rename, deactivate or give another staff role to a user (not to yourself)',
        params: idParamsSchema,
        body: updateUserBodySchema,
        response: withProblems({ 200: userSchema }, [404, 409, 413, 415]),
      },
    },
    async (request) => db.transaction((tx) => users.update({ tx, principal: principalOf(request), id: request.params.id, body: request.body })),
  );

  r.get(
    '/v1/users/:id/tokens',
    {
      config: { access: access.anyone },
      schema: {
        tags,
        summary: 'A user’s tokens (admins: anyone; others: their own)',
        params: idParamsSchema,
        response: withProblems({ 200: z.object({ items: z.array(tokenSchema) }) }, [404]),
      },
    },
    async (request) => ({ items: await users.listTokens(principalOf(request), request.params.id) }),
  );

  r.post(
    '/v1/users/:id/tokens',
    {
      config: { access: access.anyone },
      schema: {
        tags,
        summary: 'Issue a token; the secret is shown once',
        params: idParamsSchema,
        headers: idempotencyHeadersSchema,
        body: createTokenBodySchema,
        response: withProblems({ 201: createdTokenSchema }, [404, 413, 415, 422]),
      },
    },
    async (request, reply) =>
      replyWith(
        reply,
        await runIdempotent(db, request, async (tx) => ({
          statusCode: 201,
          body: await users.createToken({ tx, principal: principalOf(request), userId: request.params.id, body: request.body }),
        })),
      ),
  );

  r.delete(
    '/v1/tokens/:id',
    {
      config: { access: access.anyone },
      schema: {
        tags,
        summary: 'Revoke a token; it stops working at once',
        params: idParamsSchema,
        response: withProblems({ 200: tokenSchema }, [404]),
      },
    },
    async (request) => db.transaction((tx) => users.revokeToken(tx, principalOf(request), request.params.id)),
  );
}
