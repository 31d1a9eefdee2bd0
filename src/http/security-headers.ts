import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import helmet, { type HelmetOptions } from 'helmet';

/**
 * helmet's security headers on every answer. The middleware is made once, when the app is built:
 * @fastify/helmet made it anew for every request (it parses the CSP directives each time), a fifth
 * of the CPU an answer to /healthz took (issue 19.6). Same package, same options, same headers.
 */
export const securityHeadersPlugin = fp(
  async (app: FastifyInstance, options: HelmetOptions) => {
    const setHeaders = helmet(options);
    app.addHook('onRequest', (request, reply, done) => setHeaders(request.raw, reply.raw, (error) => done(error as Error | undefined)));
  },
  { name: 'security-headers' },
);
