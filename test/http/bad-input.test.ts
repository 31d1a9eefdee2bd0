import { sql } from 'drizzle-orm';
import pino from 'pino';
import t from 'tap';
import { buildApp } from '../../src/app.js';
import { loggableError } from '../../src/logging.js';
import type { Role } from '../../src/auth/roles.js';
import { bearer, buildTenant, type TenantWorld } from '../support/factories.js';
import { buildTestApp, defaultTestConfig, testSearch } from '../support/harness.js';
import { fillPath } from '../support/routes.js';

/*
 * Bad input on every route (issue 11): what no route may answer with a 5xx or fastify's own JSON.
 * One app and one tenant for the whole file.
 */
const { app, database } = await buildTestApp(t);
const world = await buildTenant(database.db);
const ANY_ID = '01a21417-0000-7000-8000-00000000abcd';

/** A caller the route lets in: admin when allowed, else the first role it names. */
function callerFor(world: TenantWorld, roles: readonly string[]) {
  const byRole: Partial<Record<Role, { token: string }>> = {
    admin: world.admin,
    account_manager: world.accountManager,
    employer_relations: world.employerRelations,
    employer: world.employerA.user,
  };
  const role = (['admin', ...roles] as Role[]).find((candidate) => roles.includes(candidate) && byRole[candidate]);
  return role ? byRole[role] : undefined;
}

t.test('an empty PATCH is a 400 on every PATCH route, never a 500 (issue 11.4)', async (t) => {
  const patchRoutes = app.routeTable.filter((route) => route.method === 'PATCH' && !route.page && route.hasBody);
  t.ok(patchRoutes.length >= 10, `${patchRoutes.length} PATCH routes`);
  t.ok(
    patchRoutes.some((route) => route.url === '/v1/users/:id'),
    'PATCH /v1/users/:id is among them',
  );
  for (const route of patchRoutes) {
    const caller = route.access === 'public' || route.access === undefined ? undefined : callerFor(world, route.access);
    const response = await app.inject({
      method: 'PATCH',
      url: fillPath(route.url, () => ANY_ID),
      headers: caller ? bearer(caller) : {},
      payload: {},
    });
    t.equal(response.statusCode, 400, `PATCH ${route.url} with {} → 400`);
    t.match(response.headers['content-type'], /application\/problem\+json/);
    t.match(response.json(), { code: 'request.invalid', errors: [{ pointer: '/body', detail: /niets in om te wijzigen/ }] }, `PATCH ${route.url} says why`);
  }

  // The case the audit found: a real user, an empty patch.
  const user = await app.inject({ method: 'PATCH', url: `/v1/users/${world.accountManager.userId}`, headers: bearer(world.admin), payload: {} });
  t.equal(user.statusCode, 400);
  const renamed = await app.inject({
    method: 'PATCH',
    url: `/v1/users/${world.accountManager.userId}`,
    headers: bearer(world.admin),
    payload: { name: 'Nieuwe Naam' },
  });
  t.equal(renamed.statusCode, 200, 'a patch with a field still works');

  // The document says so too: every PATCH body needs at least one property.
  const document = (await app.inject({ method: 'GET', url: '/openapi.json' })).json<{
    paths: Record<string, Record<string, { requestBody?: { content: Record<string, { schema: { minProperties?: number; $ref?: string } }> } }>>;
  }>();
  let documented = 0;
  for (const [path, operations] of Object.entries(document.paths)) {
    const patch = operations.patch;
    if (!patch?.requestBody) continue;
    documented += 1;
    t.equal(patch.requestBody.content['application/json']?.schema.minProperties, 1, `PATCH ${path} documents minProperties: 1`);
  }
  t.equal(documented, patchRoutes.length, 'every PATCH route is in the document');
});

t.test('a control character in any text field is a 400 that points at the field, and reaches neither the database nor the log (issue 11.5)', async (t) => {
  const lines: string[] = [];
  const logger = pino({ level: 'info' }, { write: (line: string) => void lines.push(line) });
  const logged = await buildApp({ database, search: testSearch().client, clock: { now: () => new Date() }, logger }, defaultTestConfig);
  t.teardown(() => logged.close());
  const secret = 'Jansen-geheim';
  const cases = [
    {
      method: 'POST',
      url: '/v1/candidates',
      payload: { contact: { givenName: `Fatma\u0000`, familyName: secret }, postcode: '5038' },
      pointer: '/body/contact/givenName',
    },
    { method: 'POST', url: '/v1/employers', payload: { name: `${secret}\u0007 B.V.`, sector: 'retail' }, pointer: '/body/name' },
    { method: 'PATCH', url: `/v1/users/${world.accountManager.userId}`, payload: { name: `${secret}\u001b[31m` }, pointer: '/body/name' },
    {
      method: 'PATCH',
      url: `/v1/employers/${world.employerA.employer.id}`,
      payload: { description: `Eerste regel\rtweede ${secret}` },
      pointer: '/body/description',
    },
    // Query strings in request logs are issue 11.9 (request logging): this one carries no secret.
    { method: 'GET', url: `/v1/search/vacancies?q=${encodeURIComponent('heftruck\u0000')}`, pointer: '/querystring/q' },
  ] as const;
  for (const { method, url, pointer, ...rest } of cases) {
    const response = await logged.inject({ method, url, headers: bearer(world.admin), payload: 'payload' in rest ? rest.payload : undefined });
    t.equal(response.statusCode, 400, `${method} ${url.split('?')[0]} → 400`);
    t.match(response.headers['content-type'], /application\/problem\+json/);
    t.match(response.json(), { code: 'request.invalid', errors: [{ pointer, detail: /stuurteken/ }] }, `points at ${pointer}`);
  }
  const ok = await logged.inject({
    method: 'PATCH',
    url: `/v1/employers/${world.employerA.employer.id}`,
    headers: bearer(world.admin),
    payload: { description: 'Regel een\r\nRegel twee\tmet tab' },
  });
  t.equal(ok.statusCode, 200, 'line breaks (also CRLF) and tabs are text');
  t.notOk(lines.join('\n').includes(secret), 'no submitted value is in the log', { found: lines.filter((line) => line.includes(secret)) });

  // Where a database error does carry values (drizzle puts the parameters in its message and in
  // `params`), the logged form of the error leaves them out.
  const failure = await database.db.execute(sql`select ${`${secret}\u0000`}::text`).then(
    () => undefined,
    (error: unknown) => error,
  );
  t.ok(failure, 'PostgreSQL refuses U+0000');
  t.ok(JSON.stringify(pino.stdSerializers.err(failure as Error)).includes(secret), 'the plain error carries the value');
  const safe = JSON.stringify(loggableError(failure));
  t.notOk(safe.includes(secret), 'the logged error does not');
  t.match(safe, /22021|22P05/, 'but keeps the PostgreSQL code');
});
