import t from 'tap';
import type { Role } from '../../src/auth/roles.js';
import { createCandidateService } from '../../src/candidates/candidates.service.js';
import { createJobseekerService } from '../../src/jobseeker/jobseeker.service.js';
import { bearer, buildTenant, type Account, createCandidate, intakeV2, vacancyBody, type TenantWorld } from '../support/factories.js';
import { buildTestApp, createTestDatabase } from '../support/harness.js';
import { sampleBody } from '../support/sample-bodies.js';
import { form, sessionCookieFor } from '../support/pages.js';
import { fillPath } from '../support/routes.js';
import { buildTenantWithCli } from '../support/tenants.js';

/*
 * REQUIREMENTS A1, generated over the route table: for every route with an id, another tenant's id
 * (for every role allowed on the route) and another employer's id (for employer users) give 404.
 * A new route with an id fails here until its resource is known to `idsOf` below.
 */

type Objects = {
  employers: string;
  locations: string;
  vacancies: string;
  'growth-plans': string;
  users: string;
  tokens: string;
  candidates: string;
  barriers: string;
  intakes: string;
  consents: string;
  shortlists: string;
  placements: string;
  'digest-subscriptions': string;
  'match-runs': string;
  proposals: string;
};

t.test('objects of another tenant or another employer are not found (A1)', async (t) => {
  const database = await createTestDatabase(t);
  const { app } = await buildTestApp(t, { database });
  const home = await buildTenant(database.db, { name: 'Werkplein Thuis' });
  // The other Werkplein is made as an operator makes one (npm run tenant:create), then filled through the API.
  const other = await buildTenantWithCli(app, { databaseUrl: database.url, name: 'Werkplein Elders' });

  async function objectsOf(world: TenantWorld, side: 'employerA' | 'employerB'): Promise<Objects> {
    const owner = world[side];
    const vacancy = await app.inject({
      method: 'POST',
      url: '/v1/vacancies',
      headers: bearer(world.employerRelations),
      payload: vacancyBody({ employerId: owner.employer.id, locationId: owner.location.id }),
    });
    t.equal(vacancy.statusCode, 201, 'fixture vacancy');
    const plan = await app.inject({
      method: 'POST',
      url: `/v1/employers/${owner.employer.id}/growth-plans`,
      headers: bearer(world.employerRelations),
      payload: sampleBody('POST', '/v1/employers/:id/growth-plans', { locationId: owner.location.id }),
    });
    t.equal(plan.statusCode, 201, 'fixture growth plan');
    const candidate = await createCandidate(app, world.accountManager);
    const intake = await app.inject({
      method: 'POST',
      url: `/v1/candidates/${candidate.id}/intakes`,
      headers: bearer(world.accountManager),
      payload: intakeV2(),
    });
    const consent = await app.inject({
      method: 'POST',
      url: `/v1/candidates/${candidate.id}/consents`,
      headers: bearer(world.accountManager),
      payload: { purpose: 'share_with_employers', textVersion: '2026-1' },
    });
    t.equal(consent.statusCode, 201, 'fixture consent');
    // A shortlist sent to the employer with this candidate on it, and the placement that followed.
    const shortlist = await app.inject({
      method: 'POST',
      url: `/v1/vacancies/${vacancy.json().id}/shortlists`,
      headers: bearer(world.accountManager),
      payload: sampleBody('POST', '/v1/vacancies/:id/shortlists', {}),
    });
    t.equal(shortlist.statusCode, 201, 'fixture shortlist');
    const shortlistId = shortlist.json().id;
    const entry = await app.inject({
      method: 'POST',
      url: `/v1/shortlists/${shortlistId}/candidates`,
      headers: bearer(world.accountManager),
      payload: { candidateId: candidate.id, pitch: { strengths: 'Betrouwbaar en leert snel' } },
    });
    t.equal(entry.statusCode, 201, 'fixture shortlist entry');
    const approval = await app.inject({
      method: 'POST',
      url: `/v1/shortlists/${shortlistId}/candidates/${candidate.id}/approve`,
      headers: bearer(world.accountManager),
    });
    t.equal(approval.statusCode, 200, 'fixture approval');
    const sent = await app.inject({ method: 'POST', url: `/v1/shortlists/${shortlistId}/send`, headers: bearer(world.accountManager) });
    t.equal(sent.statusCode, 200, 'fixture send');
    const placement = await app.inject({
      method: 'POST',
      url: '/v1/placements',
      headers: bearer(world.accountManager),
      payload: {
        candidateId: candidate.id,
        vacancyId: vacancy.json().id,
        shortlistId,
        startDate: '2027-01-04',
        hoursPerWeek: 24,
        contractType: 'fixed_term',
        contractMonths: 6,
      },
    });
    t.equal(placement.statusCode, 201, 'fixture placement');
    // The employer user's digest, set up by employer relations staff.
    const digest = await app.inject({
      method: 'POST',
      url: '/v1/digest-subscriptions',
      headers: bearer(world.employerRelations),
      payload: { ...sampleBody('POST', '/v1/digest-subscriptions', {}), userId: owner.user.userId },
    });
    t.equal(digest.statusCode, 201, 'fixture digest subscription');
    const ranked = await app.inject({ method: 'GET', url: `/v1/vacancies/${vacancy.json().id}/matches`, headers: bearer(world.accountManager) });
    // A correction the person proposed on their own page (issue 17).
    const clock = { now: () => new Date() };
    const jobseeker = createJobseekerService({ db: database.db, clock, candidates: createCandidateService({ db: database.db, clock }) });
    const proposal = await jobseeker.propose(database.db, { tenantId: world.tenantId, candidateId: candidate.id }, { changes: { hoursTarget: 24 } });
    t.equal(ranked.statusCode, 200, 'fixture ranking run');
    return {
      'match-runs': ranked.json().runId,
      proposals: proposal.id,
      shortlists: shortlistId,
      placements: placement.json().id,
      'digest-subscriptions': digest.json().id,
      candidates: candidate.id,
      barriers: intake.json().profile.barriers[0].id,
      intakes: intake.json().intakeId,
      consents: consent.json().id,
      employers: owner.employer.id,
      locations: owner.location.id,
      vacancies: vacancy.json().id,
      'growth-plans': plan.json().id,
      users: owner.user.userId,
      tokens: owner.user.principal.tokenId,
    };
  }

  const foreignTenant = await objectsOf(other, 'employerA');
  const otherEmployer = await objectsOf(home, 'employerB');
  const ownEmployer = await objectsOf(home, 'employerA');

  const callers: Array<{ role: Role; token: Account }> = [
    { role: 'admin', token: home.admin },
    { role: 'account_manager', token: home.accountManager },
    { role: 'employer_relations', token: home.employerRelations },
    { role: 'employer', token: home.employerA.user },
  ];

  // Reference data shared by every tenant (the ESCO taxonomy) has no owner to isolate.
  const sharedReference = (url: string) => url.startsWith('/v1/taxonomy/');
  let routesWithIds = 0;
  // Pages are covered like API routes, signed in by session instead of token; their paths are Dutch.
  const pageResources: Record<string, keyof Objects> = {
    kandidaten: 'candidates',
    vacatures: 'vacancies',
    plaatsingen: 'placements',
    medewerkers: 'placements',
    werkgevers: 'employers',
    groeiplannen: 'growth-plans',
    gebruikers: 'users',
    locaties: 'locations',
  };
  const sessions = new Map<Role, { cookie: string; csrf: string }>();
  const sessionOf = async (role: Role, account: Account) => {
    if (!sessions.has(role)) sessions.set(role, await sessionCookieFor(app, account));
    return sessions.get(role)!;
  };
  // "Bekijk" links only redirect to a page (which is itself checked here): nothing to read.
  const redirectOnly = (url: string) => url.startsWith('/bekijk/');
  for (const route of app.routeTable) {
    if (!route.url.includes(':') || route.access === 'public' || route.access === undefined || sharedReference(route.url) || redirectOnly(route.url)) continue;
    routesWithIds += 1;
    const resourceOf = (resource: string) => {
      const known = route.page ? (pageResources[resource] ?? resource) : resource;
      t.ok(known in foreignTenant, `${route.method} ${route.url}: resource "${resource}" is known to the isolation test`);
      return known as keyof Objects;
    };
    const cases: Array<{ label: string; ids: Objects; partial?: boolean; roles: Role[] }> = [
      { label: 'another tenant’s id', ids: foreignTenant, roles: ['admin', 'account_manager', 'employer_relations', 'employer'] },
      { label: 'another employer’s id', ids: otherEmployer, roles: ['employer'] },
    ];
    for (const scenario of cases) {
      for (const caller of callers) {
        if (!scenario.roles.includes(caller.role) || !route.access.includes(caller.role)) continue;
        // ":step" is the number of a step of the intake form, not a record: the first will do.
        const url = fillPath(route.url, (param, resource) => (param === 'step' ? '1' : scenario.ids[resourceOf(resource)]));
        const session = route.page ? await sessionOf(caller.role, caller.token) : undefined;
        const response = session
          ? await app.inject({
              method: route.method as 'GET',
              url,
              headers: { cookie: session.cookie, ...(route.method === 'GET' ? {} : form({}).headers) },
              payload: route.method === 'GET' ? undefined : form({ _csrf: session.csrf }).payload,
            })
          : await app.inject({
              method: route.method as 'GET',
              url,
              headers: bearer(caller.token),
              payload: route.hasBody ? sampleBody(route.method, route.url, { locationId: ownEmployer.locations }) : undefined,
            });
        t.equal(response.statusCode, 404, `${caller.role}: ${route.method} ${route.url} with ${scenario.label} → 404`);
      }
    }
    // Nested ids: the employer's own parent with another employer's child is not found either.
    if (route.url.includes(':locationId') && route.access.includes('employer')) {
      const url = fillPath(route.url, (param) => (param === 'id' ? ownEmployer.employers : otherEmployer.locations));
      const response = await app.inject({
        method: route.method as 'GET',
        url,
        headers: bearer(home.employerA.user),
        payload: route.hasBody ? sampleBody(route.method, route.url, {}) : undefined,
      });
      t.equal(response.statusCode, 404, `employer: ${route.method} ${route.url} with own employer and another’s location → 404`);
    }
  }
  t.ok(routesWithIds >= 10, `${routesWithIds} routes with ids checked`);

  // And the other way round: the owners themselves do get their objects.
  const own = await app.inject({ method: 'GET', url: `/v1/vacancies/${ownEmployer.vacancies}`, headers: bearer(home.employerA.user) });
  t.equal(own.statusCode, 200);
});

t.test('lists only show the caller’s own tenant and employer', async (t) => {
  const database = await createTestDatabase(t);
  const { app } = await buildTestApp(t, { database });
  const home = await buildTenant(database.db);
  const other = await buildTenantWithCli(app, { databaseUrl: database.url });
  for (const world of [home, other]) {
    for (const side of ['employerA', 'employerB'] as const) {
      const response = await app.inject({
        method: 'POST',
        url: '/v1/vacancies',
        headers: bearer(world.employerRelations),
        payload: vacancyBody({ employerId: world[side].employer.id, locationId: world[side].location.id }),
      });
      t.equal(response.statusCode, 201);
    }
  }
  const staffList = await app.inject({ method: 'GET', url: '/v1/vacancies', headers: bearer(home.accountManager) });
  t.same(
    new Set(staffList.json().items.map((item: { employerId: string }) => item.employerId)),
    new Set([home.employerA.employer.id, home.employerB.employer.id]),
  );
  const employerList = await app.inject({ method: 'GET', url: '/v1/vacancies', headers: bearer(home.employerA.user) });
  t.same(
    employerList.json().items.map((item: { employerId: string }) => item.employerId),
    [home.employerA.employer.id],
  );
  const employers = await app.inject({ method: 'GET', url: '/v1/employers', headers: bearer(home.employerA.user) });
  t.same(
    employers.json().items.map((item: { id: string }) => item.id),
    [home.employerA.employer.id],
  );
  const spoofed = await app.inject({
    method: 'GET',
    url: `/v1/vacancies?employerId=${home.employerB.employer.id}`,
    headers: bearer(home.employerA.user),
  });
  t.same(spoofed.json().items, [], 'filtering on another employer shows nothing');
});
