import { randomBytes } from 'node:crypto';
import cors from '@fastify/cors';
import rateLimit from '@fastify/rate-limit';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Meilisearch } from 'meilisearch';
import type { Logger } from 'pino';
import type { Database } from '../db/client.js';
import { auditRoutes } from './audit/audit.routes.js';
import { authPlugin } from './auth/auth.plugin.js';
import type { Access } from './auth/roles.js';
import { candidateRoutes } from './candidates/candidates.routes.js';
import type { Clock } from './clock.js';
import type { Config } from './config.js';
import { digestRoutes } from './digests/digests.routes.js';
import { employerRoutes } from './employers/employers.routes.js';
import { growthPlanRoutes } from './growth-plans/growth-plans.routes.js';
import { healthRoutes } from './health/health.routes.js';
import { jobseekerRoutes } from './jobseeker/jobseeker.routes.js';
import { openApiPlugin } from './http/openapi.js';
import { securityHeadersPlugin } from './http/security-headers.js';
import { serializerCompiler } from './http/serialization.js';
import { clientErrorHandler, commonProblems, frameworkErrorHandler, ProblemError, problemsPlugin } from './http/problems.js';
import { validatorCompiler } from './http/validation.js';
import type { Mailer } from './mail/mailer.js';
import { matchingRoutes } from './matching/matching.routes.js';
import { withErrorSerializers } from './logging.js';
import { metricsPlugin } from './metrics/metrics.routes.js';
import { pagesPlugin } from './pages/pages.plugin.js';
import { mijnPages } from './mijn/mijn.pages.js';
import { jobseekerSignInKind } from './mijn/mijn.sign-in.js';
import { defaultSessionSettings } from './pages/sessions.service.js';
import { userSignInKind } from './pages/user-sign-in.js';
import { placementRoutes } from './placements/placements.routes.js';
import { inboxRoutes } from './inbox/inbox.js';
import { privacyRoutes } from './privacy/privacy.routes.js';
import { rekentoolRoutes } from './rekentool/rekentool.routes.js';
import { reportRoutes } from './reports/reports.routes.js';
import { searchRoutes } from './search/search.routes.js';
import { createServices, type ServiceDeps, type Services } from './services.js';
import { settingsRoutes } from './settings/settings.routes.js';
import { shortlistRoutes } from './shortlists/shortlists.routes.js';
import { taxonomyRoutes } from './taxonomy/taxonomy.routes.js';
import { userRoutes } from './users/users.routes.js';
import { vacancyRoutes } from './vacancies/vacancies.routes.js';
import { werkgeverPages } from './werkgever/werkgever.pages.js';
import { werkplekPages } from './werkplek/werkplek.pages.js';

/** One entry per route, as declared: the source for the access, isolation and OpenAPI tests. */
export type RouteInfo = { method: string; url: string; access: Access | undefined; hasBody: boolean; hidden: boolean; page: boolean };

declare module 'fastify' {
  interface FastifyInstance {
    routeTable: RouteInfo[];
    /** Every service, built once (src/services.ts): the server warms, checks and makes demo sign-in links through them. */
    services: Services;
  }
}

/**
 * What the app talks to; passed in so that tests and the embedded default use the same wiring.
 * The defaults suit tests and benchmarks; src/server.ts passes every one of them.
 */
export type AppDeps = {
  database: Database;
  search: Meilisearch | null;
  /** Prefix of the search indexes, so that tests keep theirs apart; default ''. */
  searchPrefix?: string;
  clock: Clock;
  logger: Logger;
  /** HMAC secret for unsubscribe links; default: a random one per app (links then only work within it). */
  secretKey?: string;
  /** Base URL of links in e-mails (PUBLIC_URL); default http://127.0.0.1:3000. */
  publicUrl?: string;
  /** Mail for sign-in links; without it the pages cannot mail links (they log an error instead). */
  mailer?: Mailer | null;
};

export type AppConfig = Pick<Config, 'CORS_ORIGINS' | 'RATE_LIMIT_PER_MINUTE' | 'AUTH_FAILURES_PER_MINUTE' | 'BODY_LIMIT_BYTES' | 'TOKEN_TTL_DAYS'> &
  // Pages: the defaults of src/config.ts apply when left out.
  Partial<
    Pick<
      Config,
      | 'TRUST_PROXY'
      | 'METRICS_TOKEN'
      | 'METRICS_ALLOW'
      | 'SESSION_IDLE_MINUTES'
      | 'SESSION_MAX_HOURS'
      | 'SIGN_IN_LINK_MINUTES'
      | 'OIDC_ISSUER'
      | 'OIDC_CLIENT_ID'
      | 'OIDC_CLIENT_SECRET'
      | 'OIDC_TENANT'
    >
  >;

/** What a log line says about a request: method and route pattern (e.g. /v1/unsubscribe/:token), no query, no values. */
export function requestLogView(request: { method?: string; id?: unknown; routeOptions?: { url?: string | undefined } }) {
  return { method: request.method, route: request.routeOptions?.url ?? '(no route)', id: request.id };
}

/** fastify's trustProxy from TRUST_PROXY; a hop count as the function fastify makes of a number (its types lack it). */
function trustProxyOption(value: AppConfig['TRUST_PROXY']): boolean | string[] | ((address: string, hop: number) => boolean) {
  if (typeof value === 'number') return (_address, hop) => hop < value;
  return value ?? false;
}

/** Builds the whole HTTP app; never listens (src/server.ts does). */
export async function buildApp(appDeps: AppDeps, config: AppConfig): Promise<FastifyInstance> {
  // Every log line of the app, its pages and its services serializes errors one way (src/logging.ts):
  // never a query's parameters, never a token (issue 11.5), whatever logger the caller passes.
  const deps: AppDeps = { ...appDeps, logger: withErrorSerializers(appDeps.logger) };
  const app = Fastify({
    // Request logs name the route pattern, never the URL: query strings carry names (?q=) and
    // paths carry tokens (unsubscribe, sign-in links) — issue 11.9. The serializer is set once on
    // the app's logger, which every request's logger inherits (a serializer given per request
    // made pino rebuild its serializers for every request: issue 19.6).
    // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-assertion -- tsc needs it (it fails without; the rule misreads this type)
    loggerInstance: deps.logger.child({}, { serializers: { req: requestLogView } }) as FastifyBaseLogger,
    bodyLimit: config.BODY_LIMIT_BYTES,
    // Off unless the operator names the proxies in front (TRUST_PROXY): request.ip keys the
    // per-address limits and METRICS_ALLOW, so only trusted proxies may set X-Forwarded-For.
    trustProxy: trustProxyOption(config.TRUST_PROXY),
    genReqId: () => crypto.randomUUID(),
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 200 },
    // What fastify's router and node's HTTP parser would answer themselves (414, 431, 400, 408)
    // is problem+json with a code as well (issue 11.6).
    frameworkErrors: frameworkErrorHandler,
    clientErrorHandler,
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  const routeTable: RouteInfo[] = [];
  app.decorate('routeTable', routeTable);
  app.addHook('onRoute', (route) => {
    // Routes that plugins add: the interactive docs, and the CORS preflight answer.
    const pluginRoute = route.url.startsWith('/docs') || (route.method === 'OPTIONS' && route.url === '*');
    if (pluginRoute && route.config?.access === undefined) {
      route.config = { ...route.config, access: 'public' };
    }
    // Every route must say who may call it (REQUIREMENTS A5): a route without a declaration fails at start.
    if (route.config?.access === undefined) {
      throw new Error(`Route ${String(route.method)} ${route.url} declares no access (config.access)`);
    }
    for (const method of [route.method].flat()) {
      if (method === 'HEAD') continue;
      routeTable.push({
        method,
        url: route.url,
        access: route.config?.access,
        hasBody: Boolean(route.schema?.body),
        // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-assertion -- tsc needs it (it fails without; the rule misreads this type)
        hidden: Boolean((route.schema as { hide?: boolean } | undefined)?.hide) || pluginRoute,
        page: route.config?.page === true,
      });
    }
  });

  await app.register(problemsPlugin);
  await app.register(securityHeadersPlugin, {
    // JSON API: nothing to load; the docs pages set their own policy (staticCSP).
    contentSecurityPolicy: { directives: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] } },
    crossOriginResourcePolicy: { policy: 'same-origin' },
  });
  await app.register(cors, { origin: config.CORS_ORIGINS.length > 0 ? config.CORS_ORIGINS : false });
  await app.register(rateLimit, {
    max: config.RATE_LIMIT_PER_MINUTE,
    timeWindow: 60_000,
    // The limiter's hook is a route-level onRequest hook, which runs after the auth plugin's: an
    // authenticated caller is counted per token (its id, never any part of the secret), everyone
    // else per address. A request that fails authentication never gets here: the auth plugin's
    // failure counter answers it.
    keyGenerator: (request) => (request.principal ? `token:${request.principal.tokenId}` : `ip:${request.ip}`),
    errorResponseBuilder: (_request, context) => new ProblemError(commonProblems.rate_limited, { values: { seconds: Math.ceil(context.ttl / 1000) } }),
  });
  await app.register(metricsPlugin, { database: deps.database, access: { token: config.METRICS_TOKEN, addresses: config.METRICS_ALLOW } });
  await app.register(openApiPlugin);
  await app.register(authPlugin, { db: deps.database.db, clock: deps.clock, authFailuresPerMinute: config.AUTH_FAILURES_PER_MINUTE });

  const { db } = deps.database;
  const serviceDeps: ServiceDeps = {
    db,
    search: deps.search,
    searchPrefix: deps.searchPrefix ?? '',
    clock: deps.clock,
    logger: deps.logger,
    mailer: deps.mailer ?? null,
    secretKey: deps.secretKey ?? randomBytes(32).toString('hex'),
    publicUrl: deps.publicUrl ?? 'http://127.0.0.1:3000',
    tokenTtlDays: config.TOKEN_TTL_DAYS,
    sessionSettings: {
      ...defaultSessionSettings,
      idleMinutes: config.SESSION_IDLE_MINUTES ?? defaultSessionSettings.idleMinutes,
      maxHours: config.SESSION_MAX_HOURS ?? defaultSessionSettings.maxHours,
      linkMinutes: config.SIGN_IN_LINK_MINUTES ?? defaultSessionSettings.linkMinutes,
    },
  };
  const services = createServices(serviceDeps);
  app.decorate('services', services);

  await app.register(healthRoutes, { database: deps.database, search: deps.search });
  await app.register(userRoutes, { db, services });
  await app.register(employerRoutes, { db, services });
  await app.register(vacancyRoutes, { db, services });
  await app.register(growthPlanRoutes, { db, services });
  await app.register(taxonomyRoutes, { db, services });
  await app.register(searchRoutes, { db, services });
  await app.register(candidateRoutes, { db, services });
  await app.register(settingsRoutes, { db, services });
  await app.register(shortlistRoutes, { db, services });
  await app.register(placementRoutes, { db, services });
  // A klantmanager's inbox: employers' answers and drop-outs about their caseload (issue 16.3).
  await app.register(inboxRoutes, { db, clock: deps.clock });
  await app.register(matchingRoutes, { db, services });
  // Trust operations: a person's data rights, the audit log, fairness and impact reports.
  await app.register(privacyRoutes, { db, services });
  await app.register(auditRoutes, { db, services });
  await app.register(reportRoutes, { db, services });
  // Digest e-mails: subscriptions, previews, one-click unsubscribe, bounces.
  await app.register(digestRoutes, { db, services });
  // The rekentool: income per offer against assistance alone; the household situation it needs.
  await app.register(rekentoolRoutes, { db, rekentool: services.rekentool });
  // The jobseeker's page, staff side: vacancies discussed with the person, their proposed corrections.
  await app.register(jobseekerRoutes, { db, jobseeker: services.jobseeker });

  // Pages (werkplek, employer pages, the jobseeker's page): the same services, signed in by session.
  services.sessions.registerSignInKind(userSignInKind);
  services.sessions.registerSignInKind(jobseekerSignInKind);
  const oidc =
    config.OIDC_ISSUER && config.OIDC_CLIENT_ID && config.OIDC_CLIENT_SECRET && config.OIDC_TENANT
      ? { issuer: config.OIDC_ISSUER, clientId: config.OIDC_CLIENT_ID, clientSecret: config.OIDC_CLIENT_SECRET, tenantSlug: config.OIDC_TENANT }
      : null;
  await app.register(pagesPlugin, {
    db,
    clock: deps.clock,
    sessions: services.sessions,
    mailer: serviceDeps.mailer,
    publicUrl: serviceDeps.publicUrl,
    oidc,
    areas: [
      werkplekPages({ db, services, clock: deps.clock }),
      werkgeverPages({ db, services, clock: deps.clock }),
      mijnPages({ db, services, clock: deps.clock }),
    ],
  });

  return app;
}
