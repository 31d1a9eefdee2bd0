import t from 'tap';
import { createCandidateService } from '../../src/candidates/candidates.service.js';
import { createJobseekerService } from '../../src/jobseeker/jobseeker.service.js';
import { bearer, buildTenant, createCandidate, intakeV2, vacancyBody, type TenantWorld } from '../support/factories.js';
import { buildTestApp } from '../support/harness.js';

/*
 * Issue 17, point 6, staff side: the vacancies a klantmanager discussed with a person (which their
 * own page shows, each with the rekentool), and the corrections the person proposes to their wishes
 * and availability, which change nothing until the klantmanager accepts them.
 */

type App = Awaited<ReturnType<typeof buildTestApp>>['app'];

async function scene(t: Parameters<typeof buildTestApp>[0]) {
  const { app, database } = await buildTestApp(t);
  const world = await buildTenant(database.db);
  const vacancy = await app.inject({
    method: 'POST',
    url: '/v1/vacancies',
    headers: bearer(world.employerRelations),
    payload: vacancyBody({ employerId: world.employerA.employer.id, locationId: world.employerA.location.id, status: 'open' }),
  });
  const person = await createCandidate(app, world.accountManager);
  await app.inject({ method: 'POST', url: `/v1/candidates/${person.id}/intakes`, headers: bearer(world.accountManager), payload: intakeV2() });
  const clock = { now: () => new Date() };
  const jobseeker = createJobseekerService({ db: database.db, clock, candidates: createCandidateService({ db: database.db, clock }) });
  return { app, database, world, vacancyId: vacancy.json().id as string, person, jobseeker };
}

const profile = async (app: App, world: TenantWorld, id: string) =>
  (await app.inject({ method: 'GET', url: `/v1/candidates/${id}/profile`, headers: bearer(world.admin) })).json();

t.test('vacancies discussed with a person: recorded, listed, taken off again', async (t) => {
  const { app, world, vacancyId, person } = await scene(t);
  const url = `/v1/candidates/${person.id}/discussed-vacancies`;
  t.same((await app.inject({ method: 'GET', url, headers: bearer(world.accountManager) })).json(), { items: [] });

  const marked = await app.inject({ method: 'PUT', url: `${url}/${vacancyId}`, headers: bearer(world.accountManager) });
  t.equal(marked.statusCode, 200, marked.body);
  t.match(marked.json(), { vacancyId, title: 'Orderpicker', employerName: 'Werkgever A B.V.', discussedBy: { id: world.accountManager.userId } });
  t.equal((await app.inject({ method: 'PUT', url: `${url}/${vacancyId}`, headers: bearer(world.accountManager) })).statusCode, 200, 'again: the date moves');
  const listed = (await app.inject({ method: 'GET', url, headers: bearer(world.admin) })).json().items;
  t.equal(listed.length, 1);

  const unknown = await app.inject({ method: 'PUT', url: `${url}/01a21417-0000-7000-8000-00000000beef`, headers: bearer(world.accountManager) });
  t.equal(unknown.statusCode, 404);
  t.equal(
    (await app.inject({ method: 'PUT', url: `${url}/${vacancyId}`, headers: bearer(world.employerA.user) })).statusCode,
    403,
    'employers have no say in it',
  );

  t.equal((await app.inject({ method: 'DELETE', url: `${url}/${vacancyId}`, headers: bearer(world.accountManager) })).statusCode, 204);
  const again = await app.inject({ method: 'DELETE', url: `${url}/${vacancyId}`, headers: bearer(world.accountManager) });
  t.equal(again.statusCode, 404);
  t.equal(again.json().code, 'jobseeker.not_discussed');
});

t.test('a proposed correction changes nothing until the klantmanager accepts it; then it is in the profile with its history', async (t) => {
  const { app, database, world, person, jobseeker } = await scene(t);
  const identity = { tenantId: world.tenantId, candidateId: person.id };
  const before = await profile(app, world, person.id);
  t.equal(before.hours.target, 32);

  const first = await jobseeker.propose(database.db, identity, {
    changes: { hoursTarget: 24, rampUpPlan: [16, 24] },
    note: 'Met de kinderen lukt 32 uur niet',
  });
  t.match(first, { status: 'pending', changes: { hoursTarget: 24, rampUpPlan: [16, 24] }, note: 'Met de kinderen lukt 32 uur niet' });
  t.equal((await profile(app, world, person.id)).hours.target, 32, 'nothing changed yet');

  const pending = await app.inject({ method: 'GET', url: `/v1/candidates/${person.id}/proposals?status=pending`, headers: bearer(world.accountManager) });
  t.match(pending.json().items, [{ id: first.id, status: 'pending' }]);

  const decision = (proposalId: string, payload: Record<string, unknown>, account: { token: string } = world.accountManager) =>
    app.inject({ method: 'POST', url: `/v1/candidates/${person.id}/proposals/${proposalId}/decision`, headers: bearer(account), payload });

  const rejected = await decision(first.id, { decision: 'reject', note: 'Eerst bespreken we de kinderopvang' });
  t.equal(rejected.statusCode, 200, rejected.body);
  t.match(rejected.json(), { status: 'rejected', decisionNote: 'Eerst bespreken we de kinderopvang', decidedBy: { id: world.accountManager.userId } });
  t.equal((await profile(app, world, person.id)).hours.target, 32, 'a rejection changes nothing');
  const twice = await decision(first.id, { decision: 'accept' });
  t.equal(twice.statusCode, 409);
  t.equal(twice.json().code, 'jobseeker.proposal_decided');

  const second = await jobseeker.propose(database.db, identity, {
    changes: { hoursTarget: 24, workWishes: { titles: ['schoonmaker'], sectors: ['cleaning'], occupationUris: [] } },
  });
  const colleague = await app.inject({
    method: 'POST',
    url: '/v1/users',
    headers: bearer(world.admin),
    payload: { email: 'collega@test.example', name: 'Collega', role: 'account_manager' },
  });
  const token = await app.inject({ method: 'POST', url: `/v1/users/${colleague.json().id}/tokens`, headers: bearer(world.admin), payload: { label: 'test' } });
  const notAssigned = await decision(second.id, { decision: 'accept' }, { token: token.json().token });
  t.equal(notAssigned.statusCode, 403, 'only the assigned klantmanager (or an admin) accepts');
  const accepted = await decision(second.id, { decision: 'accept' });
  t.equal(accepted.statusCode, 200, accepted.body);
  t.equal(accepted.json().status, 'accepted');
  const after = await profile(app, world, person.id);
  t.equal(after.hours.target, 24);
  t.same(after.workWishes.titles, ['schoonmaker']);
  const history = (await app.inject({ method: 'GET', url: `/v1/candidates/${person.id}/history`, headers: bearer(world.accountManager) })).json().items;
  t.ok(
    history.some((entry: { fields: string[] }) => entry.fields.includes('hoursTarget') && entry.fields.includes('workWishes')),
    'the change is in the history',
  );

  t.same(
    (await app.inject({ method: 'GET', url: `/v1/candidates/${person.id}/proposals`, headers: bearer(world.accountManager) }))
      .json()
      .items.map((item: { status: string }) => item.status),
    ['accepted', 'rejected'],
  );
  const unknown = await decision('01a21417-0000-7000-8000-00000000abcd', { decision: 'accept' });
  t.equal(unknown.statusCode, 404);
});

t.test('the person’s own overview: what is known, agreed actions, consents, discussed vacancies — no scores, no staff notes', async (t) => {
  const { app, database, world, vacancyId, person, jobseeker } = await scene(t);
  const identity = { tenantId: world.tenantId, candidateId: person.id };
  await app.inject({
    method: 'POST',
    url: `/v1/candidates/${person.id}/consents`,
    headers: bearer(world.accountManager),
    payload: { purpose: 'share_with_employers', textVersion: '2026-1' },
  });
  await app.inject({ method: 'PUT', url: `/v1/candidates/${person.id}/discussed-vacancies/${vacancyId}`, headers: bearer(world.accountManager) });
  await jobseeker.propose(database.db, identity, { changes: { hoursTarget: 24 } });

  const overview = await jobseeker.overview(identity, 'nl');
  t.match(overview, { givenName: 'Test', email: 'persoon@test.example', accountManagerName: 'Test klantmanager' });
  t.same(overview.profile?.workWishes?.titles, ['orderpicker', 'magazijnwerk']);
  t.same(overview.profile?.hours, { now: 16, target: 32, rampUpPlan: [16, 24, 32] });
  t.ok(
    overview.profile?.competencies.some((competency) => competency.label === 'orderpicken' && competency.evidence === 'volunteer_work'),
    'competences with their evidence',
  );
  t.ok(overview.intake, 'what they said at intake');
  t.same(
    Object.keys(overview.intake!.answers).filter((key) => ['motivation', 'learningAbility', 'barriers'].includes(key)),
    [],
    'no assessment scores, no barrier details',
  );
  t.same(overview.actions.map((action) => action.action).sort(), ['aanmelden bij schuldhulpverlening', 'fiets regelen via de fietsenbank']);
  const text = JSON.stringify(overview);
  t.notOk(text.includes('Schulden; traject'), 'the barrier description (a staff note) is not shown');
  t.notOk(/"score"|"total"|"rank"/.test(text), 'no scores or rankings');
  t.match(overview.consents, [{ purpose: 'share_with_employers', active: true }]);
  t.match(overview.discussed, [{ vacancyId, title: 'Orderpicker' }]);
  t.match(overview.proposals, [{ status: 'pending' }]);
  t.ok(await jobseeker.isDiscussed(identity, vacancyId));
});

t.test('the person withdraws a consent themselves: effective at once, in the history as done by the person', async (t) => {
  const { app, database, world, person } = await scene(t);
  const given = await app.inject({
    method: 'POST',
    url: `/v1/candidates/${person.id}/consents`,
    headers: bearer(world.accountManager),
    payload: { purpose: 'share_with_employers', textVersion: '2026-1' },
  });
  const clock = { now: () => new Date() };
  const candidates = createCandidateService({ db: database.db, clock });
  const result = await database.db.transaction((tx) =>
    candidates.withdrawOwnConsent({ tx, tenantId: world.tenantId, candidateId: person.id, consentId: given.json().id, lang: 'nl' }),
  );
  t.match(result.consent, { active: false, purpose: 'share_with_employers' });
  const consents = (await app.inject({ method: 'GET', url: `/v1/candidates/${person.id}/consents`, headers: bearer(world.accountManager) })).json().items;
  t.match(consents, [{ active: false }]);
  const history = (await app.inject({ method: 'GET', url: `/v1/candidates/${person.id}/history`, headers: bearer(world.accountManager) })).json().items;
  t.ok(
    history.some(
      (entry: { summary: string | null; actor: unknown }) => entry.summary === 'Toestemming ingetrokken door de persoon zelf' && entry.actor === null,
    ),
  );
  await t.rejects(
    database.db.transaction((tx) =>
      candidates.withdrawOwnConsent({ tx, tenantId: world.tenantId, candidateId: person.id, consentId: given.json().id, lang: 'nl' }),
    ),
    { message: 'candidate.consent_already_withdrawn' },
  );
});

t.test('the person’s own rekentool for a discussed vacancy: the audit row names no staff member', async (t) => {
  const { app, database, world, vacancyId, person } = await scene(t);
  await app.inject({
    method: 'PUT',
    url: `/v1/candidates/${person.id}/household`,
    headers: bearer(world.accountManager),
    payload: { situation: 'single', ageGroup: '27_to_pension_age' },
  });
  const { createRekentoolService } = await import('../../src/rekentool/rekentool.service.js');
  const rekentool = createRekentoolService({ db: database.db, clock: { now: () => new Date() } });
  const result = await rekentool.calculateForVacancy(
    { tenantId: world.tenantId, userId: null },
    { candidateId: person.id, vacancyId, query: { stepMonths: 2, monthlyWorkCosts: 0, allowanceMonthsUsed: 0, startDate: '2026-02-01' }, lang: 'nl' },
  );
  t.equal(result.months.length, 12);
  const { auditLog } = await import('../../db/schema/index.js');
  const { and, eq } = await import('drizzle-orm');
  const [row] = await database.db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.tenantId, world.tenantId), eq(auditLog.action, 'rekentool.calculate')));
  t.equal(row!.actorUserId, null);
});
