import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import client from 'prom-client';
import type { Database } from '../../db/client.js';
import { access } from '../auth/roles.js';
import { commonProblems, ProblemError } from '../http/problems.js';
import { appMetricsRegistry, instruments, processRegistry } from './metrics.js';

export type MetricsAccess = {
  /** Bearer token of the operator's scraper (METRICS_TOKEN); none: no token opens it. */
  token?: string | undefined;
  /** Addresses that may scrape without a token (METRICS_ALLOW), as the app sees them (see TRUST_PROXY). */
  addresses?: readonly string[] | undefined;
};

const digest = (value: string) => createHash('sha256').update(value).digest();

/** Whether the request may read /metrics: the operator's token, or a configured address. Nothing else. */
export function metricsAllowed(request: FastifyRequest, allowed: MetricsAccess): boolean {
  if (allowed.addresses?.includes(request.ip)) return true;
  const header = request.headers.authorization;
  if (!allowed.token || !header?.startsWith('Bearer ')) return false;
  return timingSafeEqual(digest(header.slice('Bearer '.length)), digest(allowed.token));
}

/**
 * GET /metrics in Prometheus' text format, for the operator only: tenants' staff and employers never
 * see it (it is not a tenant's resource), and without METRICS_TOKEN or METRICS_ALLOW it answers 404
 * to everyone. Every request's duration is observed by route pattern, never by URL (no values of
 * people in label values).
 */
export const metricsPlugin = fp(
  async function metricsRoutes(app: FastifyInstance, options: { database: Database; access: MetricsAccess }) {
    const registry = client.Registry.merge([processRegistry, appMetricsRegistry(options.database)]);

    app.addHook('onResponse', async (request, reply) => {
      instruments.httpDuration.observe(
        { method: request.method, route: request.routeOptions.url ?? 'unmatched', status: String(reply.statusCode) },
        reply.elapsedTime / 1000,
      );
    });

    app.get('/metrics', { config: { access: access.public, rateLimit: false }, schema: { hide: true } }, async (request, reply) => {
      // Not found rather than forbidden: who may not scrape need not know it is there.
      if (!metricsAllowed(request, options.access)) throw new ProblemError(commonProblems.not_found);
      reply.header('content-type', registry.contentType);
      reply.header('cache-control', 'no-store');
      return registry.metrics();
    });
  },
  { name: 'kansrijk-metrics' },
);
