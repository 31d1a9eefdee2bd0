import { fixtureJson } from '../support/assert.js';
import { sql } from 'drizzle-orm';
import fc from 'fast-check';
import t from 'tap';
import type { Role } from '../../src/auth/roles.js';
import { createCandidateService } from '../../src/candidates/candidates.service.js';
import { createJobseekerService } from '../../src/jobseeker/jobseeker.service.js';
import { buildSearchApp } from '../search/search-app.js';
import { bearer, buildTenant, createCandidate, intakeV2, vacancyBody, type Account } from '../support/factories.js';
import { fillPath } from '../support/routes.js';
import { hasSampleBody, sampleBody } from '../support/sample-bodies.js';
import { PLAIN_TEXT_PATTERN } from '../../src/schemas/text.js';
import { schemaArbitrary, type JsonSchema } from '../support/schema-arbitrary.js';

/*
 * Issue 11.7: every operation of /openapi.json, called with requests generated from its own schemas
 * (path, query, header parameters and body; valid ones and ones with deliberately wrong values) by
 * every role it allows (admin, account manager, employer relations, employer): no 5xx, and every
 * 4xx is application/problem+json with a `code`.
 *
 * Bounded: FUZZ_RUNS requests per operation (default 12), the first up to four fixed edge requests
 * (edgeRequests: an empty body, texts with a NUL), from a fixed seed (FUZZ_SEED; operation i
 * uses seed + i). A failure prints the seed, the operation and the request; replay it with
 *   FUZZ_SEED=<seed> FUZZ_ONLY='<METHOD> <path>' npm test -- --disable-coverage test/http/fuzz.test.ts
 * (the database is shared by all runs, so a replay reaches the same request, not always the same rows).
 */
/**
 * Operations that are pages a person opens from an e-mail: they answer errors as a page of their
 * own (text/html, as their summary says), not problem+json. Still never a 5xx.
 */
const HTML_PAGES = new Set(['GET /v1/unsubscribe']);
const SEED = Number(process.env.FUZZ_SEED ?? 20_261_205);
const RUNS = Number(process.env.FUZZ_RUNS ?? 12);
const ONLY = process.env.FUZZ_ONLY;

type Parameter = { in: 'path' | 'query' | 'header' | 'cookie'; name: string; required?: boolean; schema: JsonSchema };
type Operation = { parameters?: Parameter[]; requestBody?: { required?: boolean; content: Record<string, { schema: JsonSchema }> }; security?: unknown[] };
type Document = { paths: Record<string, Record<string, Operation>>; components?: { schemas?: Record<string, JsonSchema> } };
type Request = { caller: Role | null; path: Record<string, string>; query: Record<string, unknown>; headers: Record<string, string>; body: unknown };

const { app, db, drain } = await buildSearchApp(t);
const world = await buildTenant(db, { name: 'Werkplein Fuzz' });

/** One of everything, made through the API, so that generated ids name real rows. */
async function objects() {
  const staff = world.accountManager;
  const post = (url: string, payload: unknown, account: Account = staff) =>
    app.inject({ method: 'POST', url, headers: bearer(account), payload: payload as object });
  const owner = world.employerA;
  const vacancy = await fixtureJson(
    'vacancy',
    post('/v1/vacancies', vacancyBody({ employerId: owner.employer.id, locationId: owner.location.id, status: 'open' }), world.employerRelations),
  );
  const plan = await fixtureJson(
    'growth plan',
    post(
      `/v1/employers/${owner.employer.id}/growth-plans`,
      sampleBody('POST', '/v1/employers/:id/growth-plans', { locationId: owner.location.id }),
      world.employerRelations,
    ),
  );
  const candidates = [];
  for (let i = 0; i < 3; i += 1) {
    const candidate = await createCandidate(app, staff);
    const intake = await fixtureJson('intake', post(`/v1/candidates/${candidate.id}/intakes`, intakeV2()));
    const consent = await fixtureJson('consent', post(`/v1/candidates/${candidate.id}/consents`, { purpose: 'share_with_employers', textVersion: '2026-1' }));
    await fixtureJson(
      'household',
      app.inject({
        method: 'PUT',
        url: `/v1/candidates/${candidate.id}/household`,
        headers: bearer(staff),
        payload: sampleBody('PUT', '/v1/candidates/:id/household', {}) as object,
      }),
    );
    candidates.push({ ...candidate, intake, consent });
  }
  const [first, placed] = candidates as [(typeof candidates)[0], (typeof candidates)[0]];
  const shortlist = await fixtureJson('shortlist', post(`/v1/vacancies/${vacancy.id}/shortlists`, sampleBody('POST', '/v1/vacancies/:id/shortlists', {})));
  await fixtureJson('entry', post(`/v1/shortlists/${shortlist.id}/candidates`, { candidateId: placed.id, pitch: { strengths: 'Betrouwbaar en leert snel' } }));
  await fixtureJson('approval', post(`/v1/shortlists/${shortlist.id}/candidates/${placed.id}/approve`, undefined));
  await fixtureJson('send', post(`/v1/shortlists/${shortlist.id}/send`, undefined));
  const placement = await fixtureJson(
    'placement',
    post('/v1/placements', {
      candidateId: placed.id,
      vacancyId: vacancy.id,
      shortlistId: shortlist.id,
      startDate: '2027-01-04',
      hoursPerWeek: 24,
      contractType: 'fixed_term',
      contractMonths: 6,
    }),
  );
  const digest = await fixtureJson('digest', post('/v1/digest-subscriptions', { frequency: 'daily', hour: 7, scope: { minMatchScore: 50 } }));
  const ranked = await fixtureJson('ranking', app.inject({ method: 'GET', url: `/v1/vacancies/${vacancy.id}/matches`, headers: bearer(staff) }));
  const clock = { now: () => new Date() };
  const jobseeker = createJobseekerService({ db, clock, candidates: createCandidateService({ db, clock }) });
  const proposal = await jobseeker.propose(db, { tenantId: world.tenantId, candidateId: first.id }, { changes: { hoursTarget: 24 } });
  // A user and a token that the fuzzer may change and revoke (never the callers' own).
  const victim = await fixtureJson(
    'user',
    post('/v1/users', { email: 'doelwit@test.example', name: 'Doelwit', role: 'employer', employerId: world.employerB.employer.id }, world.admin),
  );
  const victimToken = await fixtureJson('token', post(`/v1/users/${victim.id}/tokens`, { label: 'fuzz' }, world.admin));
  const occupation = await db.execute<{ id: string }>(
    sql`select substring(uri from '[0-9a-f-]{36}$') as id from taxonomy_occupations where uri ~ '[0-9a-f-]{36}$' limit 1`,
  );
  await drain();
  const byResource: Record<string, string[]> = {
    candidates: candidates.map((candidate) => candidate.id),
    vacancies: [vacancy.id],
    employers: [owner.employer.id, world.employerB.employer.id],
    locations: [owner.location.id, world.employerB.location.id],
    'growth-plans': [plan.id],
    users: [victim.id],
    tokens: [victimToken.id],
    intakes: candidates.map((candidate) => candidate.intake.intakeId),
    barriers: candidates.map((candidate) => candidate.intake.profile.barriers[0].id),
    consents: candidates.map((candidate) => candidate.consent.id),
    shortlists: [shortlist.id],
    placements: [placement.id],
    'digest-subscriptions': [digest.id],
    'match-runs': [ranked.runId],
    proposals: [proposal.id],
    occupations: occupation.rows.map((row) => row.id),
  };
  return byResource;
}

const setupStarted = Date.now();
const ids = await objects();
await app.services.taxonomy.reindex();
if (process.env.FUZZ_DEBUG) process.stderr.write(`setup ${Date.now() - setupStarted} ms\n`);
const allIds = [...new Set(Object.values(ids).flat())];
// eslint-disable-next-line @typescript-eslint/no-unnecessary-type-assertion -- tsc needs it (it fails without; the rule misreads this type)
const callers: Record<Role, Account> = {
  admin: world.admin,
  account_manager: world.accountManager,
  employer_relations: world.employerRelations,
  employer: world.employerA.user,
} as Record<Role, Account>;

const document = (await app.inject({ method: 'GET', url: '/openapi.json' })).json<Document>();
const components = document.components?.schemas ?? {};

/** The arbitrary of one request to an operation: a caller it allows, parameters and a body. */
function requestArbitrary(method: string, pattern: string, operation: Operation, roles: Role[] | null, wrong: boolean): fc.Arbitrary<Request> {
  const parameters = operation.parameters ?? [];
  const options = { components, ids: allIds, wrong, wrongOneIn: 6 };
  const group = (where: Parameter['in']) => {
    const model: Record<string, fc.Arbitrary<unknown>> = {};
    for (const parameter of parameters.filter((candidate) => candidate.in === where)) {
      if (where === 'path') {
        // The id of the resource the segment names, mostly; else any id or a generated (maybe wrong) value.
        let resource = '';
        fillPath(pattern.replace(/\{(\w+)\}/g, ':$1'), (param, named) => {
          if (param === parameter.name) resource = named;
          return param;
        });
        const own = ids[resource] ?? [];
        const generated = schemaArbitrary(parameter.schema, options).filter((value) => String(value).length <= 190);
        model[parameter.name] = own.length > 0 ? fc.oneof({ arbitrary: fc.constantFrom(...own), weight: 5 }, { arbitrary: generated, weight: 1 }) : generated;
      } else {
        model[parameter.name] = schemaArbitrary(parameter.schema, options);
      }
    }
    const required = parameters.filter((candidate) => candidate.in === where && (candidate.required || where === 'path')).map((candidate) => candidate.name);
    return fc.record(model, { requiredKeys: required });
  };
  const bodySchema = operation.requestBody?.content['application/json']?.schema;
  let body: fc.Arbitrary<unknown> = bodySchema ? schemaArbitrary(bodySchema, options) : fc.constant(undefined);
  const routeUrl = pattern.replace(/\{(\w+)\}/g, ':$1');
  if (bodySchema && hasSampleBody(method, routeUrl)) {
    // Rules the schema cannot say (a Dutch postcode, min ≤ max) stop most generated bodies: the
    // route's realistic sample with some of its fields replaced by generated values gets further.
    const sample = sampleBody(method, routeUrl, { locationId: world.employerA.location.id, employerId: world.employerA.employer.id });
    const partial = schemaArbitrary({ ...bodySchema, required: [], minProperties: 0 }, { ...options, wrong: false }).filter(
      (value): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value),
    );
    body = fc.oneof(
      body,
      partial.map((replaced) => ({ ...sample, ...replaced })),
    );
  }
  return fc.record({
    caller: roles ? fc.constantFrom(...roles) : fc.constant(null),
    path: group('path') as fc.Arbitrary<Record<string, string>>,
    query: group('query'),
    headers: group('header').map((headers) =>
      Object.fromEntries(Object.entries(headers).map(([name, value]) => [name, typeof value === 'string' ? value : JSON.stringify(value)])),
    ),
    body,
  });
}

/**
 * The paths of the free texts in a value (strings whose schema says only "no control characters":
 * names, notes, descriptions; postcodes too, which zod checks itself).
 */
function freeTexts(value: unknown, schema: JsonSchema | undefined, path: string[] = []): string[][] {
  const resolved = resolveRef(schema);
  if (!resolved) return [];
  const members = resolved.anyOf ?? resolved.oneOf;
  if (members) return members.map((member) => freeTexts(value, member, path)).find((found) => found.length > 0) ?? [];
  if (typeof value === 'string') return resolved.pattern === PLAIN_TEXT_PATTERN && !resolved.format && !resolved.enum ? [path] : [];
  if (Array.isArray(value)) return value.flatMap((item, index) => freeTexts(item, resolved.items, [...path, String(index)]));
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([name, item]) => freeTexts(item, resolved.properties?.[name], [...path, name]));
  return [];
}

/** The value with a NUL after the text at `path`: PostgreSQL refuses U+0000 in text, a 500 unless validation stops it. */
function withNulAt(value: unknown, path: string[]): unknown {
  if (path.length === 0) return `${String(value)}\u0000`;
  const [head, ...rest] = path as [string, ...string[]];
  if (Array.isArray(value)) return value.map((item, index) => (String(index) === head ? withNulAt(item, rest) : item));
  return { ...(value as Record<string, unknown>), [head]: withNulAt((value as Record<string, unknown>)[head], rest) };
}

function resolveRef(schema: JsonSchema | undefined): JsonSchema | undefined {
  const name = schema?.$ref ? /^#\/components\/schemas\/(.+)$/.exec(schema.$ref)?.[1] : undefined;
  return name ? resolveRef(components[name]) : schema;
}

/**
 * Requests every operation gets before the generated ones (fast-check's examples), because a
 * random walk may miss them in 12 tries: the empty body (issue 11.4: an empty PATCH was a 500) and
 * the route's sample body with a NUL in one of its texts (issue 11.5). They count in FUZZ_RUNS.
 * Path parameters name real rows.
 */
function edgeRequests(method: string, pattern: string, operation: Operation, roles: Role[] | null): Request[] {
  if (!operation.requestBody?.content['application/json']) return [];
  const path: Record<string, string> = {};
  fillPath(pattern.replace(/\{(\w+)\}/g, ':$1'), (param, resource) => {
    path[param] = ids[resource]?.[0] ?? allIds[0]!;
    return param;
  });
  const base = { caller: roles?.[0] ?? null, path, query: {}, headers: {} };
  const routeUrl = pattern.replace(/\{(\w+)\}/g, ':$1');
  const sample = hasSampleBody(method, routeUrl)
    ? sampleBody(method, routeUrl, { locationId: world.employerA.location.id, employerId: world.employerA.employer.id })
    : undefined;
  // A NUL in one text at a time (the first three), so that the other fields stay valid.
  const texts = sample ? freeTexts(sample, operation.requestBody.content['application/json'].schema).slice(0, 3) : [];
  return [{ ...base, body: {} }, ...texts.map((path) => ({ ...base, body: withNulAt(sample, path) }))];
}

function urlOf(pattern: string, request: Request): string {
  const path = pattern.replace(/\{(\w+)\}/g, (_match, name: string) => encodeURIComponent(String(request.path[name])));
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(request.query)) {
    for (const item of Array.isArray(value) ? value : [value]) query.append(name, typeof item === 'string' ? item : JSON.stringify(item));
  }
  const search = query.toString();
  return search ? `${path}?${search}` : path;
}

/** Header values must be visible ASCII to be sent at all: a generated one that is not is sent encoded. */
function sendable(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).map(([name, value]) => [name, /^[\x20-\x7e]*$/.test(value) ? value : encodeURIComponent(value)]));
}

const operations = Object.entries(document.paths).flatMap(([pattern, byMethod]) =>
  Object.entries(byMethod).map(([method, operation]) => ({ method: method.toUpperCase(), pattern, operation })),
);

t.test('the document lists the operations to fuzz', async (t) => {
  t.ok(operations.length >= 100, `${operations.length} operations`);
});

let index = -1;
for (const { method, pattern, operation } of operations) {
  index += 1;
  const key = `${method} ${pattern}`;
  if (ONLY && ONLY !== key) continue;
  const seed = SEED + index;
  t.test(`${key}: no 5xx, every 4xx is problem+json with a code`, async (t) => {
    const route = app.routeTable.find((candidate) => candidate.method === method && candidate.url === pattern.replace(/\{(\w+)\}/g, ':$1'));
    t.ok(route, 'the operation is a route');
    const access = route?.access;
    const roles = access === 'public' || access === undefined ? null : (Object.keys(callers) as Role[]).filter((role) => access.includes(role));
    if (roles && roles.length === 0) return;
    const arbitrary = fc.oneof(requestArbitrary(method, pattern, operation, roles, false), requestArbitrary(method, pattern, operation, roles, true));
    const statuses = new Map<number, number>();
    const result = await fc.check(
      fc.asyncProperty(arbitrary, async (request) => {
        const response = await app.inject({
          method: method as 'GET',
          url: urlOf(pattern, request),
          headers: { ...sendable(request.headers), ...(request.caller ? bearer(callers[request.caller]) : {}) },
          ...(request.body === undefined
            ? {}
            : {
                payload: JSON.stringify(request.body),
                headers: { 'content-type': 'application/json', ...sendable(request.headers), ...(request.caller ? bearer(callers[request.caller]) : {}) },
              }),
        });
        statuses.set(response.statusCode, (statuses.get(response.statusCode) ?? 0) + 1);
        if (process.env.FUZZ_DEBUG) process.stderr.write(`${key} ${response.statusCode} ${response.statusCode >= 400 ? response.body.slice(0, 400) : ''}\n`);
        if (response.statusCode >= 500) throw new Error(`${response.statusCode}: ${response.body.slice(0, 500)}`);
        if (response.statusCode >= 400) {
          if (HTML_PAGES.has(key) && /^text\/html/.test(String(response.headers['content-type']))) return;
          if (!/^application\/problem\+json/.test(String(response.headers['content-type']))) {
            throw new Error(`${response.statusCode} as ${String(response.headers['content-type'])}: ${response.body.slice(0, 300)}`);
          }
          const code = response.json<{ code?: unknown }>().code;
          if (typeof code !== 'string' || code === '') throw new Error(`${response.statusCode} without a code: ${response.body.slice(0, 300)}`);
        }
      }),
      { seed, numRuns: RUNS, endOnFailure: true, examples: edgeRequests(method, pattern, operation, roles).map((request) => [request] as [Request]) },
    );
    if (result.failed) {
      t.fail(`${key}: ${result.errorInstance instanceof Error ? result.errorInstance.message : String(result.errorInstance)}`, {
        replay: `FUZZ_SEED=${SEED} FUZZ_ONLY='${key}'`,
        seed,
        request: JSON.stringify(result.counterexample?.[0]).slice(0, 2000),
      });
    } else {
      t.pass(
        `${RUNS} requests: ${[...statuses]
          .sort(([a], [b]) => a - b)
          .map(([status, count]) => `${status}×${count}`)
          .join(' ')}`,
      );
    }
  });
}
