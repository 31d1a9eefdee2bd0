import { sql } from 'drizzle-orm';
import t from 'tap';
import type { Role } from '../../src/auth/roles.js';
import { createCandidateService } from '../../src/candidates/candidates.service.js';
import { createJobseekerService } from '../../src/jobseeker/jobseeker.service.js';
import { bearer, buildTenant, type Account, createCandidate, intakeV2, vacancyBody } from '../support/factories.js';
import { buildSearchApp } from '../search/search-app.js';
import { sessionCookieFor } from '../support/pages.js';
import { fillPath } from '../support/routes.js';
import { sampleBody } from '../support/sample-bodies.js';

/*
 * REQUIREMENTS R11, issue 12.1: a GET never writes. Every GET operation of /openapi.json (and every
 * GET page of the werkplek and the employer pages) is called by every role it allows, with its ids
 * filled from real rows of a tenant that has one of everything; after each call every table of the
 * database must hold the same rows as before (row count and an md5 of the rows' contents).
 *
 * Writes on a GET that are there by design, each limited as narrowly as it can be:
 * - audit_log grows: a read of special-category data or an export is logged (P2, A6); the log is
 *   append-only and the new rows must be read actions (READ_AUDIT_ACTIONS below).
 * - api_tokens.last_used_at and page_sessions.last_seen_at are left out of the fingerprint: the
 *   token's last use (so that admins can see and revoke stale tokens) and the session's idle
 *   timeout (A8) are bookkeeping of the caller's credential, not of the data read.
 * - Rankings a person is shown are ranking runs (F2: every ranking run is logged): match_runs,
 *   match_run_inputs, match_inputs and matching_populations may grow on the routes that show a ranking, and only
 *   there. The digest preview is not one of them: only a delivered digest records its run.
 */

const RANKING_ROUTES = new Set([
  'GET /v1/vacancies/:id/matches',
  'GET /v1/vacancies/:id/matches/:candidateId',
  'GET /v1/candidates/:id/matches',
  // Pages that show a ranking: the vacancy with its ranked candidates, the candidate with the
  // vacancies that fit, Mijn werk's strong matches, and a growth plan's roles with who fits them.
  'GET /vacatures/:id',
  'GET /kandidaten/:id',
  'GET /werkplek',
  'GET /werkplek/vacatures/:id',
  'GET /werkplek/kandidaten/:id',
  // A growth plan with the candidates who fit each role (the role's or its vacancy's ranking).
  'GET /werkplek/groeiplannen/:id',
]);
const RUN_TABLES = new Set(['public.match_runs', 'public.match_run_inputs', 'public.match_inputs', 'public.matching_populations']);
const LEFT_OUT_COLUMNS: Record<string, string[]> = { 'public.api_tokens': ['last_used_at'], 'public.page_sessions': ['last_seen_at'] };
/** Audit actions that log a read (P2, A6): special-category fields, an export, a bulk search, the fairness report's audit attributes, income from household data. */
const READ_AUDIT_ACTIONS = new Set(['special_category.read', 'candidate.export', 'search.bulk', 'report.fairness', 'rekentool.calculate']);

t.test('no GET writes a row (R11)', async (t) => {
  // With search indexes of its own (the search routes answer, not 503) and the demo taxonomy.
  const { app, db, drain } = await buildSearchApp(t);
  const world = await buildTenant(db, { name: 'Werkplein Alleen Lezen' });
  const staff = world.accountManager;

  // One of everything, made through the API as people make it.
  const owner = world.employerA;
  const vacancy = await app.inject({
    method: 'POST',
    url: '/v1/vacancies',
    headers: bearer(world.employerRelations),
    // Early shifts on weekdays, 16–32 hours: the intake's candidate fits (a strong match in the digest).
    payload: vacancyBody({
      employerId: owner.employer.id,
      locationId: owner.location.id,
      hoursPerWeek: { min: 16, max: 32 },
      rampUpFromHours: undefined,
      status: 'open',
      // Public: the JobPosting feed (GET /v1/public/:tenantSlug/jobpostings) has it to show.
      public: true,
      shiftPattern: {
        kind: 'fixed',
        shifts: [{ dayPart: 'early', start: '06:00', end: '14:00', weekdays: ['mon', 'tue', 'wed', 'thu', 'fri'], required: true }],
      },
    }),
  });
  t.equal(vacancy.statusCode, 201, `fixture vacancy ${vacancy.body}`);
  const vacancyId = vacancy.json().id;
  const plan = await app.inject({
    method: 'POST',
    url: `/v1/employers/${owner.employer.id}/growth-plans`,
    headers: bearer(world.employerRelations),
    payload: sampleBody('POST', '/v1/employers/:id/growth-plans', { locationId: owner.location.id }),
  });
  t.equal(plan.statusCode, 201, 'fixture growth plan');
  const candidate = await createCandidate(app, staff);
  const intake = await app.inject({ method: 'POST', url: `/v1/candidates/${candidate.id}/intakes`, headers: bearer(staff), payload: intakeV2() });
  t.equal(intake.statusCode, 201, 'fixture intake');
  const consent = await app.inject({
    method: 'POST',
    url: `/v1/candidates/${candidate.id}/consents`,
    headers: bearer(staff),
    payload: { purpose: 'share_with_employers', textVersion: '2026-1' },
  });
  t.equal(consent.statusCode, 201, 'fixture consent');
  // Someone else is shortlisted, sent and placed (a placed person is no longer ranked).
  const placed = await createCandidate(app, staff);
  t.equal(
    (await app.inject({ method: 'POST', url: `/v1/candidates/${placed.id}/intakes`, headers: bearer(staff), payload: intakeV2() })).statusCode,
    201,
    'fixture intake (placed)',
  );
  t.equal(
    (
      await app.inject({
        method: 'POST',
        url: `/v1/candidates/${placed.id}/consents`,
        headers: bearer(staff),
        payload: { purpose: 'share_with_employers', textVersion: '2026-1' },
      })
    ).statusCode,
    201,
    'fixture consent (placed)',
  );
  for (const person of [candidate, placed]) {
    const household = await app.inject({
      method: 'PUT',
      url: `/v1/candidates/${person.id}/household`,
      headers: bearer(staff),
      payload: sampleBody('PUT', '/v1/candidates/:id/household', {}),
    });
    t.ok(household.statusCode < 300, 'fixture household');
  }
  const shortlist = await app.inject({
    method: 'POST',
    url: `/v1/vacancies/${vacancyId}/shortlists`,
    headers: bearer(staff),
    payload: sampleBody('POST', '/v1/vacancies/:id/shortlists', {}),
  });
  t.equal(shortlist.statusCode, 201, 'fixture shortlist');
  const shortlistId = shortlist.json().id;
  const entry = await app.inject({
    method: 'POST',
    url: `/v1/shortlists/${shortlistId}/candidates`,
    headers: bearer(staff),
    payload: { candidateId: placed.id, pitch: { strengths: 'Betrouwbaar en leert snel' } },
  });
  t.equal(entry.statusCode, 201, 'fixture shortlist entry');
  t.equal(
    (await app.inject({ method: 'POST', url: `/v1/shortlists/${shortlistId}/candidates/${placed.id}/approve`, headers: bearer(staff) })).statusCode,
    200,
    'fixture approval',
  );
  t.equal((await app.inject({ method: 'POST', url: `/v1/shortlists/${shortlistId}/send`, headers: bearer(staff) })).statusCode, 200, 'fixture send');
  const placement = await app.inject({
    method: 'POST',
    url: '/v1/placements',
    headers: bearer(staff),
    payload: { candidateId: placed.id, vacancyId, shortlistId, startDate: '2027-01-04', hoursPerWeek: 24, contractType: 'fixed_term', contractMonths: 6 },
  });
  t.equal(placement.statusCode, 201, 'fixture placement');
  // The account manager's own digest, with a low bar so that the new vacancy is a strong match.
  const digest = await app.inject({
    method: 'POST',
    url: '/v1/digest-subscriptions',
    headers: bearer(staff),
    payload: { frequency: 'daily', hour: 7, scope: { minMatchScore: 50 } },
  });
  t.equal(digest.statusCode, 201, 'fixture digest subscription');
  const ranked = await app.inject({ method: 'GET', url: `/v1/vacancies/${vacancyId}/matches`, headers: bearer(staff) });
  t.equal(ranked.statusCode, 200, 'fixture ranking run');
  const clock = { now: () => new Date() };
  const jobseeker = createJobseekerService({ db, clock, candidates: createCandidateService({ db, clock }) });
  const proposal = await jobseeker.propose(db, { tenantId: world.tenantId, candidateId: candidate.id }, { changes: { hoursTarget: 24 } });
  const occupation = await db.execute<{ id: string }>(
    sql`select substring(uri from '[0-9a-f-]{36}$') as id from taxonomy_occupations where uri ~ '[0-9a-f-]{36}$' limit 1`,
  );
  const skill = await db.execute<{ id: string }>(
    sql`select substring(uri from '[0-9a-f-]{36}$') as id from taxonomy_skills where uri ~ '[0-9a-f-]{36}$' limit 1`,
  );

  await drain();
  await app.services.taxonomy.reindex();
  const previewed = await app.inject({ method: 'GET', url: `/v1/digest-subscriptions/${digest.json().id}/preview`, headers: bearer(staff) });
  const unsubscribeToken = /\/v1\/unsubscribe\?token=([\w.-]+)/.exec(previewed.json().text)?.[1];
  t.ok(unsubscribeToken, 'an unsubscribe link to follow');
  // Query strings an operation needs to reach its handler.
  const queries: Record<string, string> = {
    '/v1/unsubscribe': `?token=${unsubscribeToken}`,
    '/v1/search/candidates': '?q=orderpicker',
    '/v1/search/vacancies': '?q=orderpicker',
  };

  const tenantSlug = (await db.execute<{ slug: string }>(sql`select slug from tenants where id = ${world.tenantId}`)).rows[0]?.slug;
  const ids: Record<string, string | undefined> = {
    tenantSlug,
    candidates: candidate.id,
    vacancies: vacancyId,
    employers: owner.employer.id,
    locations: owner.location.id,
    'growth-plans': plan.json().id,
    users: owner.user.userId,
    tokens: owner.user.principal.tokenId,
    intakes: intake.json().intakeId,
    barriers: intake.json().profile.barriers[0].id,
    consents: consent.json().id,
    shortlists: shortlistId,
    placements: placement.json().id,
    'digest-subscriptions': digest.json().id,
    'match-runs': ranked.json().runId,
    proposals: proposal.id,
    occupations: occupation.rows[0]?.id,
    skills: skill.rows[0]?.id,
    // Pages name their resources in Dutch.
    kandidaten: candidate.id,
    vacatures: vacancyId,
    plaatsingen: placement.json().id,
    medewerkers: placement.json().id,
    werkgevers: owner.employer.id,
    groeiplannen: plan.json().id,
    gebruikers: owner.user.userId,
    locaties: owner.location.id,
  };

  // Every table in every schema but the catalogues: row count and an md5 over the rows.
  const tables = (
    await db.execute<{ name: string }>(sql`select table_schema || '.' || table_name as name from information_schema.tables
      where table_type = 'BASE TABLE' and table_schema not in ('pg_catalog', 'information_schema') order by 1`)
  ).rows.map((row) => row.name);
  t.ok(tables.includes('public.match_runs') && tables.includes('public.audit_log') && tables.includes('public.api_tokens'), `${tables.length} tables watched`);
  const quote = (name: string) =>
    name
      .split('.')
      .map((part) => `"${part.replaceAll('"', '""')}"`)
      .join('.');
  const fingerprintSql = tables
    .map((name) => {
      const leftOut = (LEFT_OUT_COLUMNS[name] ?? []).map((column) => ` - '${column}'`).join('');
      return `select '${name}' as name, count(*)::int as rows, coalesce(md5(string_agg((to_jsonb(x)${leftOut})::text, ',' order by (to_jsonb(x)${leftOut})::text)), '') as hash from ${quote(name)} x`;
    })
    .join(' union all ');
  const fingerprint = async () => {
    const result = await db.execute<{ name: string; rows: number; hash: string }>(sql.raw(fingerprintSql));
    return new Map(result.rows.map((row) => [row.name, row]));
  };
  const auditActionsSince = async (count: number) =>
    (await db.execute<{ action: string }>(sql`select action from audit_log order by id offset ${count}`)).rows.map((row) => row.action);

  const callers: Array<{ role: Role; account: Account }> = [
    { role: 'admin', account: world.admin },
    { role: 'account_manager', account: staff },
    { role: 'employer_relations', account: world.employerRelations },
    { role: 'employer', account: owner.user },
  ];
  const sessions = new Map<Role, string>();
  for (const caller of callers) sessions.set(caller.role, (await sessionCookieFor(app, caller.account)).cookie);

  // Only this test writes to its database: what one call left is what the next one starts from.
  let last: Awaited<ReturnType<typeof fingerprint>> | undefined;
  async function expectNoWrites(label: string, routeKey: string, call: () => Promise<{ statusCode: number }>) {
    const before = last ?? (await fingerprint());
    const response = await call();
    const after = await fingerprint();
    last = after;
    const changed: string[] = [];
    for (const [name, now] of after) {
      const was = before.get(name);
      if (was && was.rows === now.rows && was.hash === now.hash) continue;
      if (name === 'public.audit_log' && was && now.rows > was.rows) {
        const actions = await auditActionsSince(was.rows);
        const notReads = actions.filter((action) => !READ_AUDIT_ACTIONS.has(action));
        if (notReads.length === 0) continue;
        changed.push(`${name} (${notReads.join(', ')})`);
        continue;
      }
      if (RUN_TABLES.has(name) && RANKING_ROUTES.has(routeKey) && was && now.rows >= was.rows) continue;
      changed.push(`${name} (${was?.rows ?? 0} → ${now.rows} rows${was && was.rows === now.rows ? ', contents changed' : ''})`);
    }
    t.same(changed, [], `${label} → ${response.statusCode} writes nothing`);
    t.ok(response.statusCode < 500, `${label} → ${response.statusCode}, no 5xx`);
    return response.statusCode;
  }

  // The API: every GET operation of the published document, for every role it allows.
  const document = (await app.inject({ method: 'GET', url: '/openapi.json' })).json<{ paths: Record<string, Record<string, unknown>> }>();
  const routeOf = new Map(app.routeTable.map((route) => [`${route.method} ${route.url}`, route]));
  let operations = 0;
  const answered = new Map<string, number[]>();
  for (const [openApiPath, methods] of Object.entries(document.paths)) {
    if (!('get' in methods)) continue;
    const pattern = openApiPath.replace(/\{([^}]+)\}/g, ':$1');
    const route = routeOf.get(`GET ${pattern}`);
    t.ok(route, `GET ${pattern} is in the route table`);
    if (!route) continue;
    operations += 1;
    const url = fillPath(pattern, (_param, resource) => ids[resource] ?? `unknown-${resource}`) + (queries[pattern] ?? '');
    const roles = route.access === 'public' || route.access === undefined ? (['public'] as const) : route.access;
    for (const role of roles) {
      const caller = callers.find((entry) => entry.role === role);
      const status = await expectNoWrites(`${role}: GET ${pattern}`, `GET ${pattern}`, () =>
        app.inject({ method: 'GET', url, headers: caller ? bearer(caller.account) : {} }),
      );
      answered.set(pattern, [...(answered.get(pattern) ?? []), status]);
    }
  }
  t.ok(operations >= 50, `${operations} GET operations of /openapi.json crawled`);
  const apiRoutes = app.routeTable.filter((route) => route.method === 'GET' && !route.page && !route.hidden && route.url.startsWith('/v1/'));
  t.same(
    apiRoutes.filter((route) => !(route.url.replace(/:(\w+)/g, '{$1}') in document.paths)).map((route) => route.url),
    [],
    'every GET API route is in /openapi.json, so the crawl reaches it',
  );
  // A crawl that only met 404s would prove nothing: every operation answers 200 to some role.
  t.ok(ids.occupations, 'an occupation to read');
  const neverOk = [...answered].filter(([, statuses]) => !statuses.some((status) => status < 300));
  t.same(
    neverOk.map(([pattern, statuses]) => `${pattern}: ${statuses.join(',')}`),
    [],
    'every GET operation reached its handler for some role',
  );

  // The preview composes the digest with the caseload ranking but records no run (issue 12.1).
  const runsBefore = await db.execute<{ n: number }>(sql`select count(*)::int as n from match_runs`);
  const preview = await app.inject({ method: 'GET', url: `/v1/digest-subscriptions/${ids['digest-subscriptions']}/preview`, headers: bearer(staff) });
  t.equal(preview.statusCode, 200);
  t.match(preview.json().text, candidate.reference, 'the preview shows the strong match (so it did rank)');
  const runsAfter = await db.execute<{ n: number }>(sql`select count(*)::int as n from match_runs`);
  t.equal(runsAfter.rows[0]!.n, runsBefore.rows[0]!.n, 'the digest preview records no ranking run');

  last = undefined; // the preview above is checked on its own
  // The pages: every GET page (werkplek, employer pages) for every role it allows, signed in.
  let pages = 0;
  for (const route of app.routeTable) {
    if (route.method !== 'GET' || !route.page || route.access === 'public' || route.access === undefined) continue;
    const url = fillPath(route.url, (_param, resource) => ids[resource] ?? `unknown-${resource}`);
    for (const role of route.access) {
      const cookie = sessions.get(role as Role);
      if (!cookie) continue;
      pages += 1;
      await expectNoWrites(`${role}: page GET ${route.url}`, `GET ${route.url}`, () => app.inject({ method: 'GET', url, headers: { cookie } }));
    }
  }
  t.ok(pages >= 10, `${pages} page calls crawled`);
});
