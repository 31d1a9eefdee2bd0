/*
 * The shared page foundation: server-rendered pages for staff (werkplek), employer contacts and,
 * later, jobseekers, on the same fastify app and the same services as the JSON API.
 *
 * HOW TO ADD PAGES (an "area", e.g. src/werkgever/werkgever.pages.tsx)
 *   export function employerPages(deps): PageArea {
 *     return { prefix: '/werkgever', roles: ['employer'], views: { shortlist: (id) => `/werkgever/shortlists/${id}` },
 *       routes: async (app) => {
 *         app.get('/', pageRoute({ access: access.employerSide }), async (request, reply) => {
 *           const ctx = pageOf(request);                      // who, CSRF token, tenant theme
 *           const data = await deps.services.x.y(deps.db, apiPrincipalOf(request), …);   // same services as the API
 *           return reply.html(<Layout ctx={ctx} title="…" nav={…}>…</Layout>);
 *         });
 *       } };
 *   }
 *   and add it to `areas` where src/app.ts registers pagesPlugin.
 * - Access: `pageRoute({ access, querystring?, body?, params? })` declares who may open the page,
 *   exactly like an API route's `config.access` (the route table and its tests cover pages, marked
 *   `page: true`; pages are hidden from /openapi.json). Not signed in → redirected to /inloggen and
 *   back after sign-in; signed in with another role → a Dutch 403 page. Services do the tenant and
 *   employer scoping, redaction and audit, as for the API: never re-check or bypass them here.
 * - Forms: `<PostForm ctx={ctx} action="…">` carries the CSRF token; a POST without it is refused
 *   (403). Bodies are application/x-www-form-urlencoded, validated with zod like API bodies; answer
 *   a successful POST with `reply.redirect(url, 303)` (post/redirect/get).
 * - Layout and components: src/pages/components.tsx (NL Design System classes, tenant theme). JSX is
 *   our own runtime (src/pages/jsx.ts): every string is escaped; `raw()` only for trusted HTML. No
 *   `style` or `on*` attributes (the CSP forbids inline style and script; the runtime refuses them).
 * - Errors: throw a ProblemError (or let a service throw one): the page shows a Dutch error page
 *   with the problem's detail; 5xx never show internals.
 * - A new kind of principal (e.g. 'jobseeker'): implement `SignInKind` (sessions.service.ts) and call
 *   `sessions.registerSignInKind(kind)` before the app is ready: sign-in by link, sessions, CSRF and
 *   access checks then work for it; its pages declare `access: ['jobseeker']`.
 * - Browser tests: test/support/browser.ts (one Chromium per test file, `signInAs`, axe on every page,
 *   320 px and keyboard helpers, screenshots in test-artifacts/).
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { randomBytes } from 'node:crypto';
import { isDatabaseUnavailable } from '../../db/client.js';
import { ProblemError, renderProblem } from '../http/problems.js';
import { userRepository } from '../users/users.repository.js';
import { assetRoutes, defaultTheme, storedThemeSchema, type TenantTheme } from './assets.js';
import type { PageContext } from './components.js';
import { roleRefusal } from './labels.js';
import { ErrorPage, errorText } from './error-page.js';
import { clearCookie, PAGE_CSP, parseCookies, parseForm, setCookie } from './http.js';
import { renderDocument, type Html } from './jsx.js';
import { COOKIE, pageOf, pageRoute, type PagesOptions } from './page-routes.js';
import { signInRoutes } from './sign-in.routes.js';

// The route helpers and types that page areas use live in page-routes.ts (sign-in and OIDC routes
// need them too, without a circle); re-exported here, the place areas import them from.
export { apiPrincipalOf, COOKIE, pageOf, pageRoute, type PageArea, type PagesOptions } from './page-routes.js';

/** Pages, sign-in and their security: sessions, CSRF, CSP, HTML errors. Registered once in src/app.ts. */
export async function pagesPlugin(app: FastifyInstance, options: PagesOptions) {
  const secure = options.publicUrl.startsWith('https:');
  // On https the __Host- prefix pins the cookie to this host and path /, with Secure.
  const name = (base: string) => (secure ? `__Host-${base}` : base);
  const cookieOptions = { secure };
  const themes = new Map<string, { theme: TenantTheme; at: number }>();

  async function loadTheme(tenantId: string): Promise<TenantTheme | undefined> {
    const cached = themes.get(tenantId);
    if (cached && Date.now() - cached.at < 60_000) return cached.theme;
    const tenant = await userRepository(options.db).tenant(tenantId);
    if (!tenant) return undefined;
    const stored = storedThemeSchema.safeParse((tenant.settings as { pageTheme?: unknown }).pageTheme ?? {});
    const theme: TenantTheme = {
      tenantId,
      name: tenant.name,
      colour: (stored.success ? stored.data.colour : undefined) ?? defaultTheme.colour,
      logoSvg: (stored.success ? stored.data.logoSvg : undefined) ?? null,
    };
    themes.set(tenantId, { theme, at: Date.now() });
    return theme;
  }

  await app.register(assetRoutes, { loadTheme });

  await app.register(async (pages) => {
    pages.decorateRequest('page', null);
    pages.decorateReply('html', function (this: FastifyReply, root: Html, status = 200) {
      return this.code(status).type('text/html; charset=utf-8').send(renderDocument(root));
    });
    // Forms post url-encoded bodies; only page routes accept them (the JSON API's parsers are unchanged).
    pages.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_request, body, done) => {
      done(null, parseForm(String(body)));
    });

    const anonymousContext = (request: FastifyRequest): PageContext => ({ principal: null, csrfToken: '', theme: defaultTheme, path: request.url });

    pages.addHook('onRequest', async (request, reply) => {
      const cookies = parseCookies(request.headers.cookie);
      const sessionCookie = cookies[name(COOKIE.session)];
      const session = await options.sessions.resolve(sessionCookie);
      if (sessionCookie && !session) clearCookie(reply, name(COOKIE.session), cookieOptions);
      let binding: string;
      if (session) {
        binding = `s:${session.sessionId}`;
      } else {
        let anonymous = cookies[name(COOKIE.anonymous)];
        if (!anonymous || !/^[A-Za-z0-9_-]{43}$/.test(anonymous)) {
          anonymous = randomBytes(32).toString('base64url');
          setCookie(reply, name(COOKIE.anonymous), anonymous, cookieOptions);
        }
        binding = `a:${anonymous}`;
      }
      request.page = {
        principal: session?.principal ?? null,
        csrfToken: options.sessions.csrfToken(binding),
        theme: (session ? await loadTheme(session.tenantId) : undefined) ?? defaultTheme,
        path: request.url,
      };
      request.principal = session?.principal.api ?? null;

      const declared = request.routeOptions.config?.access;
      if (declared === undefined || declared === 'public') return;
      if (!session) {
        if (request.method === 'GET' || request.method === 'HEAD') {
          return reply.redirect(`/inloggen?terug=${encodeURIComponent(request.url)}`, 303);
        }
        return reply.html(errorPage(request, 401), 401);
      }
      if (!declared.includes(session.principal.role)) {
        request.log.info({ role: session.principal.role }, 'page refused: role not allowed');
        return reply.html(errorPage(request, 403, roleRefusal(declared, session.principal.role)), 403);
      }
    });

    // Every state-changing request carries the form's CSRF token (REQUIREMENTS A8); cross-site posts never pass.
    pages.addHook('preValidation', async (request, reply) => {
      if (request.method === 'GET' || request.method === 'HEAD') return;
      const token = (request.body as Record<string, unknown> | undefined)?._csrf;
      const ctx = pageOf(request);
      const crossSite = request.headers['sec-fetch-site'] === 'cross-site';
      if (crossSite || typeof token !== 'string' || token !== ctx.csrfToken) {
        request.log.info({ crossSite, hasToken: typeof token === 'string' }, 'page form refused: CSRF token missing or wrong');
        return reply.html(errorPage(request, 403, FORM_EXPIRED), 403);
      }
    });

    pages.addHook('onSend', async (request, reply, payload) => {
      const type = String(reply.getHeader('content-type') ?? '');
      if (type.startsWith('text/html')) {
        reply.header('content-security-policy', PAGE_CSP);
        // Pages show personal data: never kept in a shared or browser cache.
        reply.header('cache-control', 'no-store');
      }
      return payload;
    });

    /** A form whose CSRF token is missing or from another session (e.g. signed in again in another tab). */
    const FORM_EXPIRED = 'Het formulier is verlopen. Ga terug, laad de pagina opnieuw en probeer het nog eens.';

    function errorPage(request: FastifyRequest, status: number, detail?: string): Html {
      const ctx = request.page ?? anonymousContext(request);
      return ErrorPage({ ctx, status, detail, reference: status >= 500 ? request.id : undefined });
    }

    pages.setErrorHandler((error, request, reply) => {
      let status = 500;
      let detail: string | undefined;
      if (error instanceof ProblemError) {
        status = error.spec.status;
        detail = renderProblem(error.spec, 'nl', { values: error.values }).detail;
        for (const [header, value] of Object.entries(error.headers ?? {})) reply.header(header, value);
      } else if (hasZodFastifySchemaValidationErrors(error)) {
        status = 400;
      } else if (isDatabaseUnavailable(error)) {
        // The database is away (issue 11.1): "even niet beschikbaar", as the API's 503.
        status = 503;
        reply.header('retry-after', '5');
      } else if (typeof (error as { statusCode?: number }).statusCode === 'number' && (error as { statusCode: number }).statusCode < 500) {
        status = (error as { statusCode: number }).statusCode;
      }
      if (status === 503) request.log.warn({ status }, 'page unavailable: the database cannot be reached');
      else if (status >= 500) request.log.error({ err: error }, 'page failed');
      else request.log.info({ status, reason: error instanceof Error ? error.message : String(error) }, 'page request rejected');
      return reply.html(errorPage(request, status, status >= 500 ? undefined : detail), status);
    });

    const notFound = (request: FastifyRequest, reply: FastifyReply) => reply.html(errorPage(request, 404), 404);

    await pages.register(signInRoutes, { ...options, cookieName: name, cookieOptions });

    // "Bekijk" links in mails and reports: /bekijk/<subject>/<id> opens the page of that subject in
    // the area that serves the reader (after sign-in when needed).
    pages.get(
      '/bekijk/:subject/:id',
      pageRoute({ access: ['account_manager', 'employer_relations', 'admin', 'employer', 'jobseeker'] }),
      async (request, reply) => {
        const { subject, id } = request.params as { subject: string; id: string };
        const principal = pageOf(request).principal!;
        const area = options.areas.find((candidate) => candidate.roles.includes(principal.role) && candidate.views?.[subject]);
        const target = area?.views?.[subject]?.(id);
        if (!target || !/^[0-9a-f-]{36}$/.test(id)) return notFound(request, reply);
        return reply.redirect(target, 303);
      },
    );

    for (const area of options.areas) {
      await pages.register(
        async (scope) => {
          scope.setNotFoundHandler(notFound);
          await scope.register(area.routes);
        },
        { prefix: area.prefix },
      );
    }
  });
}

export { errorText };
