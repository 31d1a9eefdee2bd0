import t from 'tap';
import { buildApp } from '../../src/app.js';
import { STAFF_ROLES } from '../../src/auth/roles.js';
import { bearer, buildTenant } from '../support/factories.js';
import { buildTestApp, createTestDatabase, defaultTestConfig, testLogger, testSearch } from '../support/harness.js';
import { form, sessionCookieFor } from '../support/pages.js';
import { fillPath } from '../support/routes.js';

t.test('every route declares who may call it (A5)', async (t) => {
  const { app } = await buildTestApp(t);
  t.ok(app.routeTable.length > 15, 'the route table is populated');
  for (const route of app.routeTable) {
    t.ok(route.access !== undefined, `${route.method} ${route.url} declares access`);
  }
});

t.test('a route without a declared access stops the app from starting (A5)', async (t) => {
  const database = await createTestDatabase(t);
  const app = await buildApp({ database, search: testSearch().client, clock: { now: () => new Date() }, logger: testLogger }, defaultTestConfig);
  t.teardown(() => app.close());
  t.throws(() => app.get('/v1/undeclared', async () => ({ ok: true })), /declares no access/);
});

t.test('employer tokens get 403 on staff-only and admin routes; account managers on admin routes (A5)', async (t) => {
  const { app, database } = await buildTestApp(t);
  const world = await buildTenant(database.db);
  let checked = 0;
  for (const route of app.routeTable) {
    // Pages sign in by session, not by token: checked with sessions in the next test.
    if (route.access === 'public' || route.access === undefined || route.page) continue;
    const url = fillPath(route.url, () => '01a21417-0000-7000-8000-00000000abcd');
    const callers = [
      { name: 'employer', account: world.employerA.user, role: 'employer' as const },
      { name: 'account_manager', account: world.accountManager, role: 'account_manager' as const },
      { name: 'employer_relations', account: world.employerRelations, role: 'employer_relations' as const },
    ];
    for (const caller of callers) {
      if (route.access.includes(caller.role)) continue;
      const response = await app.inject({ method: route.method as 'GET', url, headers: bearer(caller.account), payload: route.hasBody ? {} : undefined });
      t.equal(response.statusCode, 403, `${caller.name} on ${route.method} ${route.url} → 403`);
      t.equal(response.json().code, 'request.forbidden');
      checked += 1;
    }
  }
  t.ok(checked > 5, `checked ${checked} forbidden combinations`);
  t.ok(STAFF_ROLES.length === 3);
});

t.test('pages: a session of a role the page does not declare gets a Dutch 403 page; no session is sent to sign-in (A5)', async (t) => {
  const { app, database } = await buildTestApp(t);
  const world = await buildTenant(database.db);
  const sessions = {
    employer: await sessionCookieFor(app, world.employerA.user),
    account_manager: await sessionCookieFor(app, world.accountManager),
    employer_relations: await sessionCookieFor(app, world.employerRelations),
    admin: await sessionCookieFor(app, world.admin),
  };
  let checked = 0;
  for (const route of app.routeTable) {
    if (!route.page || route.access === 'public' || route.access === undefined) continue;
    const url = fillPath(route.url, () => '01a21417-0000-7000-8000-00000000abcd');
    for (const [role, session] of Object.entries(sessions)) {
      if (route.access.includes(role as keyof typeof sessions)) continue;
      const body = route.method === 'GET' ? undefined : form({ _csrf: session.csrf });
      const response = await app.inject({ method: route.method as 'GET', url, headers: { ...body?.headers, cookie: session.cookie }, payload: body?.payload });
      t.equal(response.statusCode, 403, `${role} on page ${route.method} ${route.url} → 403`);
      t.match(response.body, /Geen toegang/);
      checked += 1;
    }
    if (route.method === 'GET') {
      const anonymous = await app.inject({ method: 'GET', url });
      t.equal(anonymous.statusCode, 303, `no session on page ${route.url} → to sign-in`);
      t.match(anonymous.headers.location, /^\/inloggen\?terug=/);
    }
  }
  t.ok(checked >= 1, `checked ${checked} forbidden page combinations`);
});

t.test('every route is in the OpenAPI 3.1 document, and docs are served (A7)', async (t) => {
  const { app } = await buildTestApp(t);
  const response = await app.inject({ method: 'GET', url: '/openapi.json' });
  t.equal(response.statusCode, 200);
  const document = response.json<{ openapi: string; paths: Record<string, Record<string, unknown>> }>();
  t.equal(document.openapi, '3.1.0');
  for (const route of app.routeTable) {
    if (route.hidden) continue;
    const path = route.url.replace(/:([A-Za-z]+)/g, '{$1}');
    t.ok(document.paths[path]?.[route.method.toLowerCase()], `${route.method} ${route.url} is documented`);
  }
  const docs = await app.inject({ method: 'GET', url: '/docs/' });
  t.equal(docs.statusCode, 200);
  t.match(docs.headers['content-type'], /text\/html/);
});

t.test('safe defaults: security headers, CORS allow-list, problem+json without internals (A7)', async (t) => {
  const { app, database } = await buildTestApp(t);
  const world = await buildTenant(database.db);
  const response = await app.inject({ method: 'GET', url: '/v1/employers', headers: bearer(world.admin) });
  t.equal(response.statusCode, 200);
  t.equal(response.headers['x-content-type-options'], 'nosniff');
  t.match(String(response.headers['content-security-policy']), /default-src 'none'/);
  t.match(String(response.headers['strict-transport-security']), /max-age=/);
  t.equal(response.headers['x-frame-options'], 'SAMEORIGIN');
  t.equal(response.headers['x-powered-by'], undefined);

  const allowed = await app.inject({
    method: 'OPTIONS',
    url: '/v1/employers',
    headers: { origin: 'https://portaal.werkgever.example', 'access-control-request-method': 'GET' },
  });
  t.equal(allowed.headers['access-control-allow-origin'], 'https://portaal.werkgever.example');
  const refused = await app.inject({
    method: 'OPTIONS',
    url: '/v1/employers',
    headers: { origin: 'https://evil.example', 'access-control-request-method': 'GET' },
  });
  t.equal(refused.headers['access-control-allow-origin'], undefined, 'an origin outside the allow-list gets no CORS grant');

  const missing = await app.inject({ method: 'GET', url: '/v1/nothing-here', headers: bearer(world.admin) });
  t.equal(missing.statusCode, 404);
  t.match(missing.headers['content-type'], /application\/problem\+json/);
  t.match(missing.json(), { status: 404, code: 'request.not_found', title: 'Niet gevonden' });

  // A database failure must not leak internals: break this app's pool and ask for data.
  await database.pool.query(`select pg_terminate_backend(pid) from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()`);
  await database.close();
  const broken = await app.inject({ method: 'GET', url: '/v1/vacancies', headers: bearer(world.admin) });
  t.ok(broken.statusCode >= 500, 'a broken database gives a 5xx');
  const body = broken.json();
  t.match(broken.headers['content-type'], /application\/problem\+json/);
  t.notOk(JSON.stringify(body).includes(' at '), 'no stack trace');
  t.notOk(JSON.stringify(body).toLowerCase().includes('pool'), 'no driver message');
  t.ok(body.instance, 'a request id to quote');
});

t.test('answers are Dutch by default and English on request', async (t) => {
  const { app } = await buildTestApp(t);
  const dutch = await app.inject({ method: 'GET', url: '/v1/employers' });
  t.equal(dutch.json().title, 'Niet ingelogd');
  const english = await app.inject({ method: 'GET', url: '/v1/employers', headers: { 'accept-language': 'en-GB,en;q=0.9,nl;q=0.5' } });
  t.equal(english.json().title, 'Not authenticated');
});
