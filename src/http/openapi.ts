import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import fp from 'fastify-plugin';
import type { FastifyInstance } from 'fastify';
import { jsonSchemaTransform, jsonSchemaTransformObject } from 'fastify-type-provider-zod';
import { describeRoute, finishDocument } from './openapi-document.js';

export const API_VERSION = '1.0.0';

/** The introduction at the top of /docs, for the integrator who connects a system to Kansrijk. */
const API_DESCRIPTION = [
  'Matching people on social assistance with work, on potential and motivation. One installation serves one or more Werkpleinen; a token belongs to one user of one Werkplein and sees only that Werkplein.',
  '',
  '**Authentication.** Send `Authorization: Bearer krj_…`. An admin issues tokens (`POST /v1/users/{id}/tokens`); the secret is shown once and expires after TOKEN_TTL_DAYS (90 by default). Each operation says who may call it (also as `x-access`): another role gets 403.',
  '',
  '**Errors** are `application/problem+json` (RFC 9457) with a stable `code` (e.g. `vacancy.not_found`) to program against; `title` and `detail` are for people. A 400 lists the fields in `errors[].pointer`. A 5xx carries only a request id in `instance` to quote.',
  '',
  '**Language.** Answers are in Dutch by default; send `Accept-Language: en` for English.',
  '',
  '**Rate limits.** RATE_LIMIT_PER_MINUTE requests per minute per token (600 by default). Every counted answer carries `X-RateLimit-Limit`, `X-RateLimit-Remaining` and `X-RateLimit-Reset`; a 429 carries `Retry-After` (seconds). Failed authentications are counted per address and answered with 429 after AUTH_FAILURES_PER_MINUTE.',
  '',
  '**Retrying writes.** An operation that lists an `idempotency-key` header takes one (8–200 characters of letters, digits and `._:-`): a retry with the same key returns the first answer instead of doing the work twice.',
  '',
  '**Pages of results** come with `nextCursor`: pass it as `cursor` for the next page; `null` on the last. `limit` is 1–100.',
  '',
  '**Bounds.** Every text field, list and number in a request is bounded (see each schema); text may hold newlines and tabs but no other control characters. Bodies are at most BODY_LIMIT_BYTES (256 KiB by default).',
].join('\n');

/** The OpenAPI 3.1 document, generated from the routes' zod schemas, at /openapi.json; docs at /docs. */
export const openApiPlugin = fp(
  async (app: FastifyInstance) => {
    await app.register(fastifySwagger, {
      openapi: {
        openapi: '3.1.0',
        info: {
          title: 'Kansrijk API',
          version: API_VERSION,
          description: API_DESCRIPTION,
          contact: { name: 'The functional administrator (functioneel beheer) of your Werkplein' },
        },
        // Relative: the API is at the address that serves this document (a municipality's own installation).
        servers: [
          { url: '/', description: 'This installation (production, test or a local demo: the server that serves this document)', 'x-internal': true } as never,
        ],
        tags: [],
        components: {
          securitySchemes: { bearer: { type: 'http', scheme: 'bearer', description: 'API token (krj_…)' } },
        },
        security: [{ bearer: [] }],
      },
      transform: (input) => {
        const { schema, url } = jsonSchemaTransform(input);
        return { schema: describeRoute(schema as Record<string, unknown>, input.route), url };
      },
      transformObject: (input) => finishDocument(jsonSchemaTransformObject(input) as Record<string, unknown>) as never,
    });
    await app.register(fastifySwaggerUi, {
      routePrefix: '/docs',
      staticCSP: true,
      uiConfig: { docExpansion: 'list', deepLinking: true },
    });
  },
  { name: 'openapi' },
);
