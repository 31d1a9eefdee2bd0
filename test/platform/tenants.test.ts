import t from 'tap';
import { sql } from 'drizzle-orm';
import { bearer, buildTenant } from '../support/factories.js';
import { runCli, TEST_SECRET_KEY } from '../support/cli.js';
import { buildTestApp, createTestDatabase } from '../support/harness.js';
import { cookieHeaderOf, csrfOf } from '../support/pages.js';
import { createTenantWithCli } from '../support/tenants.js';

/*
 * Issue 19.1: Werkpleinen are made by the operator on the command line, never through the API;
 * a disabled Werkplein's tokens and sessions stop working at once.
 */

t.test('tenant:create makes a Werkplein that its first admin can use, by link and by token; tenant:disable stops both', async (t) => {
  const database = await createTestDatabase(t);
  const { app } = await buildTestApp(t, { database, secretKey: TEST_SECRET_KEY });
  const neighbour = await buildTenant(database.db, { name: 'Werkplein Buren' });
  const created = await createTenantWithCli({ databaseUrl: database.url, name: 'Werkplein Noord-Oost' });
  t.match(created.output, /SIGN_IN_LINK=http:\/\/127\.0\.0\.1:3000\/inloggen\/link\?token=/, 'prints a one-time sign-in link');

  // The token works and sees its own, new Werkplein only.
  const me = await app.inject({ method: 'GET', url: '/v1/me', headers: bearer(created.admin) });
  t.equal(me.statusCode, 200);
  t.equal(me.json().tenant.slug, created.slug);
  t.equal(me.json().user.role, 'admin');
  const users = await app.inject({ method: 'GET', url: '/v1/users', headers: bearer(created.admin) });
  t.same(
    users.json().items.map((user: { email: string }) => user.email),
    [created.adminEmail],
    'nothing of another Werkplein',
  );
  const employers = await app.inject({ method: 'GET', url: '/v1/employers', headers: bearer(created.admin) });
  t.same(employers.json().items, [], 'an empty Werkplein');

  // The link signs the admin in on the pages, once.
  const token = new URL(created.signInLink).searchParams.get('token')!;
  const linkPage = await app.inject({ method: 'GET', url: `/inloggen/link?token=${encodeURIComponent(token)}` });
  t.equal(linkPage.statusCode, 200);
  const signIn = () =>
    app.inject({
      method: 'POST',
      url: '/inloggen/link',
      headers: { cookie: cookieHeaderOf(linkPage.headers['set-cookie']), 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ _csrf: csrfOf(linkPage.body), token }).toString(),
    });
  const signedIn = await signIn();
  t.equal(signedIn.statusCode, 303, 'the link signs in');
  const cookie = cookieHeaderOf(signedIn.headers['set-cookie']);
  const home = await app.inject({ method: 'GET', url: '/werkplek', headers: { cookie } });
  t.equal(home.statusCode, 200, 'the werkplek opens');
  t.match(home.body, 'Werkplein Noord-Oost');
  t.not((await signIn()).statusCode, 303, 'the link works once');

  // Listed next to the others, with its counts.
  const listed = await runCli({ script: 'tenant', args: ['list'], databaseUrl: database.url });
  t.equal(listed.code, 0, listed.stderr);
  t.match(listed.stdout, new RegExp(`^${created.slug}\\s+active\\s+1\\s+0\\s+0\\s`, 'm'));
  await t.rejects(
    app.services.tenants.create({ input: { slug: created.slug, name: 'Dubbel', admin: { email: 'a@b.example', name: 'A' } } }),
    { message: 'tenant.slug_taken' },
    'a slug is taken once',
  );
  await t.rejects(
    app.services.tenants.create({ input: { slug: 'Geen Slug', name: 'X Y Z', admin: { email: 'geen-adres', name: 'A' } } }),
    { name: 'ZodError' },
    'slug and e-mail address are checked',
  );

  // Disabled: token refused, session ended, no sign-in by link; the neighbour works on.
  const disabled = await runCli({ script: 'tenant', args: ['disable', '--slug', created.slug], databaseUrl: database.url });
  t.equal(disabled.code, 0, disabled.stderr);
  t.match(disabled.stdout, /Disabled: .* 1 page session\(s\) ended/);
  t.equal((await app.inject({ method: 'GET', url: '/v1/me', headers: bearer(created.admin) })).statusCode, 401, 'the token is refused');
  const afterDisable = await app.inject({ method: 'GET', url: '/werkplek', headers: { cookie } });
  t.equal(afterDisable.statusCode, 303, 'the session has ended');
  t.match(afterDisable.headers.location, /^\/inloggen/);
  const freshLink = await app.services.sessions.createLink({ tenantId: created.tenantId, kind: 'user', subjectId: created.admin.userId, limited: false });
  const refused = await app.services.sessions.signInWithLink({ token: freshLink!.token });
  t.equal(refused.status, 'invalid', 'a disabled Werkplein starts no session');
  t.same(await app.services.sessions.accountsFor(created.adminEmail), [], 'no sign-in mail for its accounts');
  t.equal((await app.inject({ method: 'GET', url: '/v1/me', headers: bearer(neighbour.admin) })).statusCode, 200, 'other Werkpleinen are untouched');

  t.same(await app.services.tenants.enable(created.slug), { slug: created.slug, wasDisabled: true });
  t.equal((await app.inject({ method: 'GET', url: '/v1/me', headers: bearer(created.admin) })).statusCode, 200, 'enabled again: the token works');
});

t.test('no route lets anyone create, list or see tenants', async (t) => {
  const { app, database } = await buildTestApp(t);
  const world = await buildTenant(database.db);
  // (The only per-tenant public paths are a tenant's page theme and logo, by id, and its public
  // JobPosting feed by slug, which lists vacancies, never the tenant: test/vacancies/jobposting.test.ts.)
  const tenantCount = async () => (await database.db.execute<{ n: number }>(sql`select count(*)::int as n from tenants`)).rows[0]!.n;
  const before = await tenantCount();
  const tenantRoutes = app.routeTable.filter(
    (route) => /tenant|werkplein/i.test(route.url) && !route.url.startsWith('/assets/thema/') && route.url !== '/v1/public/:tenantSlug/jobpostings',
  );
  t.same(tenantRoutes, [], 'the route table has no tenant routes');
  for (const url of ['/v1/tenants', '/v1/admin/tenants']) {
    const response = await app.inject({ method: 'POST', url, headers: bearer(world.admin), payload: { slug: 'nieuw', name: 'Nieuw' } });
    t.equal(response.statusCode, 404, `POST ${url} does not exist`);
  }
  t.equal(await tenantCount(), before, 'no Werkplein was made');
});
