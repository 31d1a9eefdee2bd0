import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import fp from 'fastify-plugin';
import type { FastifyInstance } from 'fastify';
import { jsonSchemaTransform, jsonSchemaTransformObject } from 'fastify-type-provider-zod';
import { finishDocument } from './openapi-document.js';

export const API_VERSION = '1.0.0';

/** The OpenAPI 3.1 document, generated from the routes' zod schemas, at /openapi.json; docs at /docs. */
export const openApiPlugin = fp(
  async (app: FastifyInstance) => {
    await app.register(fastifySwagger, {
      openapi: {
        openapi: '3.1.0',
        info: {
          title: 'Kansrijk API',
          version: API_VERSION,
          description:
            'Matching people on social assistance with work, on potential and motivation. ' +
            'Errors are application/problem+json (RFC 9457) with a stable `code`. ' +
            'Answers are in Dutch by default; send `Accept-Language: en` for English.',
        },
        components: {
          securitySchemes: { bearer: { type: 'http', scheme: 'bearer', description: 'API token (krj_…)' } },
        },
        security: [{ bearer: [] }],
      },
      transform: jsonSchemaTransform,
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
