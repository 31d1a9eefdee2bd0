import { and, eq, sql } from 'drizzle-orm';
import t from 'tap';
import { auditLog, incomeRuleSets, users } from '../../db/schema/index.js';
import { seedDemoHouseholds } from '../../src/rekentool/rekentool.demo.js';
import { createUserService } from '../../src/users/users.service.js';
import { DEFAULT_RULE_SETS } from '../../src/rekentool/rekentool.defaults.js';
import { pgFailure } from '../support/assert.js';
import { bearer, buildTenant, createCandidate, intakeV2, vacancyBody, type TenantWorld } from '../support/factories.js';
import { buildTestApp, createTestDatabase, demoSeed, fixedClock } from '../support/harness.js';

/*
 * Issue 17 through the API: the household situation (asked for the rekentool only, audited), the
 * calculation for a vacancy and for a placement (JSON, Dutch or English, naming the rules it used),
 * and the rules as versioned data per period that admins change.
 */

type App = Awaited<ReturnType<typeof buildTestApp>>['app'];

const rules2026 = DEFAULT_RULE_SETS[0]!;

async function vacancy(app: App, world: TenantWorld, overrides: Record<string, unknown> = {}) {
  const response = await app.inject({
    method: 'POST',
    url: '/v1/vacancies',
    headers: bearer(world.employerRelations),
    payload: vacancyBody({ employerId: world.employerA.employer.id, locationId: world.employerA.location.id, status: 'open', ...overrides } as never),
  });
  if (response.statusCode !== 201) throw new Error(`vacancy fixture: ${response.body}`);
  return response.json<{ id: string; title: string }>();
}

async function personWithIntake(app: App, world: TenantWorld) {
  const person = await createCandidate(app, world.accountManager);
  const intake = await app.inject({ method: 'POST', url: `/v1/candidates/${person.id}/intakes`, headers: bearer(world.accountManager), payload: intakeV2() });
  if (intake.statusCode !== 201) throw new Error(`intake fixture: ${intake.body}`);
  return person;
}

const putHousehold = (app: App, account: { token: string }, candidateId: string, payload: Record<string, unknown>) =>
  app.inject({ method: 'PUT', url: `/v1/candidates/${candidateId}/household`, headers: bearer(account), payload });

t.test('the household situation: recorded, read, validated, forgotten, and every change audited', async (t) => {
  const { app, database } = await buildTestApp(t);
  const world = await buildTenant(database.db);
  const person = await createCandidate(app, world.accountManager);

  const none = await app.inject({ method: 'GET', url: `/v1/candidates/${person.id}/household`, headers: bearer(world.accountManager) });
  t.equal(none.statusCode, 404);
  t.equal(none.json().code, 'rekentool.household_not_found');

  const saved = await putHousehold(app, world.accountManager, person.id, {
    situation: 'partners',
    costSharers: 1,
    ageGroup: '27_to_pension_age',
    partnerNetMonthlyIncome: 450.25,
  });
  t.equal(saved.statusCode, 200, saved.body);
  t.match(saved.json(), { situation: 'partners', costSharers: 1, ageGroup: '27_to_pension_age', partnerNetMonthlyIncome: 450.25 });
  const read = await app.inject({ method: 'GET', url: `/v1/candidates/${person.id}/household`, headers: bearer(world.admin) });
  t.match(read.json(), { situation: 'partners', partnerNetMonthlyIncome: 450.25 });

  const wrong = await putHousehold(app, world.accountManager, person.id, { situation: 'single', ageGroup: '27_to_pension_age', partnerNetMonthlyIncome: 100 });
  t.equal(wrong.statusCode, 400);
  t.match(wrong.json(), { errors: [{ pointer: '/partnerNetMonthlyIncome' }] });
  t.match(wrong.json().errors[0].detail, /partners/);
  const unknownAge = await putHousehold(app, world.accountManager, person.id, { situation: 'single', ageGroup: '18_to_20' });
  t.equal(unknownAge.statusCode, 400, 'age groups without modelled norms are refused');

  const forbidden = await putHousehold(app, world.employerRelations, person.id, { situation: 'single', ageGroup: '27_to_pension_age' });
  t.equal(forbidden.statusCode, 403, 'employer relations staff do not see household data');

  const removed = await app.inject({ method: 'DELETE', url: `/v1/candidates/${person.id}/household`, headers: bearer(world.accountManager) });
  t.equal(removed.statusCode, 204);
  t.equal((await app.inject({ method: 'GET', url: `/v1/candidates/${person.id}/household`, headers: bearer(world.accountManager) })).statusCode, 404);

  const rows = await database.db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.tenantId, world.tenantId), eq(auditLog.action, 'rekentool.household_change')));
  t.equal(rows.length, 2, 'the change and the removal are audited');
  t.notOk(JSON.stringify(rows).includes('450'), 'the audit log names fields, not the amounts');
});

t.test('a calculation for a vacancy: the person’s ramp-up within the vacancy, B1 Dutch, the rules version recorded', async (t) => {
  const { app, database } = await buildTestApp(t, { clock: fixedClock(new Date('2026-01-10T09:00:00Z')) });
  const world = await buildTenant(database.db);
  const job = await vacancy(app, world, { startDate: '2026-02-02' });
  const person = await personWithIntake(app, world);
  const url = `/v1/candidates/${person.id}/vacancies/${job.id}/income`;

  const missing = await app.inject({ method: 'GET', url, headers: bearer(world.accountManager) });
  t.equal(missing.statusCode, 409);
  t.equal(missing.json().code, 'rekentool.household_missing');
  t.match(missing.json().detail, /alleen voor de rekentool/);

  t.equal((await putHousehold(app, world.accountManager, person.id, { situation: 'single', ageGroup: '27_to_pension_age' })).statusCode, 200);
  const response = await app.inject({ method: 'GET', url, headers: bearer(world.accountManager) });
  t.equal(response.statusCode, 200, response.body);
  const body = response.json();
  // intakeV2's plan is 16 → 24 → 32 hours; the vacancy allows a start at 16 and 24–32 hours.
  t.match(body.offer, {
    kind: 'vacancy',
    id: job.id,
    title: 'Orderpicker',
    employerName: 'Werkgever A B.V.',
    startDate: '2026-02-02',
    hoursPlanSource: 'candidate_and_vacancy',
    hourlyWage: null,
  });
  t.same(body.offer.hoursPlan, [
    { fromMonth: 1, hoursPerWeek: 16 },
    { fromMonth: 3, hoursPerWeek: 24 },
    { fromMonth: 5, hoursPerWeek: 32 },
  ]);
  t.equal(body.months.length, 12);
  t.equal(body.months[0].month, '2026-02');
  t.equal(body.months[0].norm, 1401.5);
  t.equal(body.conclusion.length, 3);
  // February to June at the norm per 1 January 2026 (€ 1.401,50), July to January at the norm per 1 July 2026 (€ 1.419,46).
  t.equal(body.months[5].norm, 1419.46, 'from July the norm per 1 July 2026');
  t.match(body.conclusion[0], /^Met dit werk heeft u in 12 maanden samen € [\d.]+,\d\d te besteden, met alleen bijstand € 16\.943,72\.$/);
  t.ok(body.notIncluded.some((text: string) => text.startsWith('Huurtoeslag')));
  t.match(body.rulesVersions, [
    { id: 'builtin:2026-01-01', version: 0, validFrom: '2026-01-01' },
    { id: 'builtin:2026-07-01', version: 0, validFrom: '2026-07-01' },
  ]);
  t.ok(body.rulesVersions[0].sources.some((source: { url: string }) => source.url.startsWith('https://wetten.overheid.nl/BWBR0015703/2026-01-01')));

  const [row] = await database.db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.tenantId, world.tenantId), eq(auditLog.action, 'rekentool.calculate')));
  t.match(row, { subjectType: 'candidate', subjectId: person.id, actorUserId: world.accountManager.userId });
  t.same(
    row!.details,
    {
      offer: { kind: 'vacancy', id: job.id },
      rulesVersions: [
        { id: 'builtin:2026-01-01', version: 0, validFrom: '2026-01-01' },
        { id: 'builtin:2026-07-01', version: 0, validFrom: '2026-07-01' },
      ],
    },
    'the audit log records the rules versions used',
  );

  const english = await app.inject({ method: 'GET', url, headers: { ...bearer(world.accountManager), 'accept-language': 'en' } });
  t.match(english.json().conclusion[0], /^With this work you have/);

  // Overrides: a wage, a fixed number of hours, work costs, a contract length.
  const what = await app.inject({
    method: 'GET',
    url: `${url}?hoursPerWeek=16&hourlyWage=16.50&monthlyWorkCosts=45&contractMonths=6&startDate=2026-03-01`,
    headers: bearer(world.accountManager),
  });
  t.equal(what.statusCode, 200, what.body);
  t.match(what.json().offer, { hoursPlanSource: 'query', hourlyWage: 16.5, contractMonths: 6, monthlyWorkCosts: 45, startDate: '2026-03-01' });
  t.ok(what.json().months[6].flags.includes('contract_ended'));
  const plan = await app.inject({ method: 'GET', url: `${url}?hoursPlan=8,16,24&stepMonths=3`, headers: bearer(world.accountManager) });
  t.same(
    plan.json().offer.hoursPlan.map((step: { fromMonth: number }) => step.fromMonth),
    [1, 4, 7],
  );
  const bad = await app.inject({ method: 'GET', url: `${url}?hoursPlan=8,99`, headers: bearer(world.accountManager) });
  t.equal(bad.statusCode, 400);
  const noRules = await app.inject({ method: 'GET', url: `${url}?startDate=2025-06-01`, headers: bearer(world.accountManager) });
  t.equal(noRules.statusCode, 409);
  t.equal(noRules.json().code, 'rekentool.no_rules');

  const employer = await app.inject({ method: 'GET', url, headers: bearer(world.employerA.user) });
  t.equal(employer.statusCode, 403, 'employers never see it');
  const otherVacancy = await app.inject({
    method: 'GET',
    url: `/v1/candidates/${person.id}/vacancies/01a21417-0000-7000-8000-00000000beef/income`,
    headers: bearer(world.accountManager),
  });
  t.equal(otherVacancy.statusCode, 404);
});

t.test('a calculation for a placement uses its start date, hours and contract length', async (t) => {
  const { app, database } = await buildTestApp(t);
  const world = await buildTenant(database.db);
  const job = await vacancy(app, world);
  const person = await personWithIntake(app, world);
  await app.inject({
    method: 'POST',
    url: `/v1/candidates/${person.id}/consents`,
    headers: bearer(world.accountManager),
    payload: { purpose: 'share_with_employers', textVersion: '2026-1' },
  });
  const placement = await app.inject({
    method: 'POST',
    url: '/v1/placements',
    headers: bearer(world.accountManager),
    payload: { candidateId: person.id, vacancyId: job.id, startDate: '2026-04-15', hoursPerWeek: 20, contractType: 'fixed_term', contractMonths: 7 },
  });
  t.equal(placement.statusCode, 201, placement.body);
  t.equal((await putHousehold(app, world.accountManager, person.id, { situation: 'single_parent', ageGroup: '27_to_pension_age' })).statusCode, 200);

  const response = await app.inject({ method: 'GET', url: `/v1/placements/${placement.json().id}/income`, headers: bearer(world.admin) });
  t.equal(response.statusCode, 200, response.body);
  const body = response.json();
  t.equal(body.candidateId, person.id);
  t.match(body.offer, {
    kind: 'placement',
    startDate: '2026-04-15',
    contractMonths: 7,
    hoursPlanSource: 'placement',
    hoursPlan: [{ fromMonth: 1, hoursPerWeek: 20 }],
  });
  t.equal(body.months[0].workedShare, Math.round((16 / 30) * 10000) / 10000, 'April from the 15th');
  t.ok(
    body.months[8].flags.includes('contract_ended') && !body.months[7].flags.includes('contract_ended'),
    'the contract ends on 14 November: December is the first month without it',
  );
  t.equal(body.household.situation, 'single_parent');
});

t.test('rules as versioned data: defaults with sources, an admin’s new version is used and recorded, old versions stay', async (t) => {
  const { app, database } = await buildTestApp(t);
  const world = await buildTenant(database.db);
  const other = await buildTenant(database.db, { name: 'Werkplein Elders' });
  const job = await vacancy(app, world);
  const person = await personWithIntake(app, world);
  await putHousehold(app, world.accountManager, person.id, { situation: 'single', ageGroup: '27_to_pension_age' });
  const calculate = () =>
    app.inject({
      method: 'GET',
      url: `/v1/candidates/${person.id}/vacancies/${job.id}/income?startDate=2026-01-01&hoursPerWeek=0`,
      headers: bearer(world.accountManager),
    });

  const listed = await app.inject({ method: 'GET', url: '/v1/income-rules', headers: bearer(world.accountManager) });
  t.equal(listed.statusCode, 200);
  t.match(listed.json().periods, [
    { validFrom: '2026-01-01', current: { id: 'builtin:2026-01-01', version: 0, reason: null, createdBy: null }, history: [{ version: 0 }] },
  ]);
  t.equal(listed.json().periods[0].current.rules.bijstand.normSingle, 1401.5);

  const change = { rules: { ...rules2026, bijstand: { ...rules2026.bijstand, normSingle: 1410 } }, reason: 'Correctie normenbrief' };
  const refused = await app.inject({ method: 'POST', url: '/v1/income-rules', headers: bearer(world.accountManager), payload: change });
  t.equal(refused.statusCode, 403, 'only admins change the rules');
  const first = await app.inject({ method: 'POST', url: '/v1/income-rules', headers: bearer(world.admin), payload: change });
  t.equal(first.statusCode, 201, first.body);
  t.match(
    first.json(),
    { validFrom: '2026-01-01', version: 1, reason: 'Correctie normenbrief', createdBy: { id: world.admin.userId } },
    'version 1 of the period',
  );
  const second = await app.inject({
    method: 'POST',
    url: '/v1/income-rules',
    headers: bearer(world.admin),
    payload: { ...change, rules: { ...change.rules, bijstand: { ...change.rules.bijstand, normSingle: 1415 } }, reason: 'Tweede correctie' },
  });
  t.equal(second.json().version, 2);

  const used = (await calculate()).json();
  t.equal(used.months[0].norm, 1415, 'the newest version is used');
  t.match(used.rulesVersions, [{ id: second.json().id, version: 2, validFrom: '2026-01-01' }]);
  const history = (await app.inject({ method: 'GET', url: '/v1/income-rules?validFrom=2026-01-01', headers: bearer(world.admin) })).json().periods[0].history;
  t.same(
    history.map((entry: { version: number }) => entry.version),
    [2, 1, 0],
    'every version, newest first',
  );
  t.equal(history[1].rules.bijstand.normSingle, 1410, 'an older version keeps its figures');

  // A new period from 1 July: months from July use it.
  const july = await app.inject({
    method: 'POST',
    url: '/v1/income-rules',
    headers: bearer(world.admin),
    payload: { rules: { ...rules2026, validFrom: '2026-07-01', bijstand: { ...rules2026.bijstand, normSingle: 1425 } }, reason: 'Normen per 1 juli 2026' },
  });
  t.equal(july.json().version, 1);
  const split = (await calculate()).json();
  t.same(split.months.map((month: { norm: number }) => month.norm).slice(5, 7), [1415, 1425]);
  t.same(
    split.rulesVersions.map((entry: { version: number; validFrom: string }) => `${entry.validFrom}/${entry.version}`),
    ['2026-01-01/2', '2026-07-01/1'],
  );

  const changes = await database.db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.tenantId, world.tenantId), eq(auditLog.action, 'rekentool.rules_change')));
  t.equal(changes.length, 3, 'every change is audited');
  t.ok(changes.some((row) => row.reason === 'Tweede correctie'));

  const otherList = await app.inject({ method: 'GET', url: '/v1/income-rules', headers: bearer(other.admin) });
  t.match(otherList.json().periods, [{ validFrom: '2026-01-01', current: { version: 0 } }], 'another Werkplein keeps its own rules');

  const notAPeriod = await app.inject({
    method: 'POST',
    url: '/v1/income-rules',
    headers: bearer(world.admin),
    payload: { ...change, rules: { ...change.rules, validFrom: '2026-03-01' } },
  });
  t.equal(notAPeriod.statusCode, 400);
  const disordered = await app.inject({
    method: 'POST',
    url: '/v1/income-rules',
    headers: bearer(world.admin),
    payload: {
      ...change,
      rules: {
        ...change.rules,
        payrollTax: {
          ...change.rules.payrollTax,
          brackets: [
            { upTo: null, rate: 0.4 },
            { upTo: 50000, rate: 0.3 },
          ],
        },
      },
    },
  });
  t.equal(disordered.statusCode, 422);
  t.match(disordered.json(), { code: 'rekentool.rules_invalid', errors: [{ pointer: '/rules/payrollTax/brackets' }] });

  const error = await pgFailure(database.db.execute(sql`update income_rule_sets set reason = 'anders' where tenant_id = ${world.tenantId}`));
  t.match(error.message, /append-only/, 'a stored version cannot be changed');
  const rows = await database.db.select().from(incomeRuleSets).where(eq(incomeRuleSets.tenantId, world.tenantId));
  t.equal(rows.length, 3);
});

t.test('the demo caseload can try the rekentool: most people have a household situation, some still have to be asked', async (t) => {
  const { app, database } = await buildTestApp(t, { database: await createTestDatabase(t, { demo: true }) });
  const { tenantId } = await demoSeed();
  const counts = await database.db.execute<{ people: number; households: number; parents: number }>(sql`
    select (select count(*)::int from candidates where tenant_id = ${tenantId}) as people,
           (select count(*)::int from candidate_households where tenant_id = ${tenantId}) as households,
           (select count(*)::int from candidate_households where tenant_id = ${tenantId} and situation = 'single_parent') as parents`);
  const { people, households, parents } = counts.rows[0]!;
  t.ok(households > people * 0.6 && households < people * 0.9, `${households} of ${people} people have a household situation`);
  t.ok(parents > 0, 'single parents among them');
  t.equal(await seedDemoHouseholds(database.db, tenantId), 0, 'seeding again changes nothing');

  const [manager] = await database.db
    .select()
    .from(users)
    .where(and(eq(users.tenantId, tenantId), eq(users.role, 'account_manager')))
    .limit(1);
  const issued = await createUserService({ db: database.db, clock: { now: () => new Date() }, tokenTtlDays: 1 }).issueToken(database.db, {
    tenantId,
    userId: manager!.id,
    label: 'test',
  });
  const pair = await database.db.execute<{ candidate: string; vacancy: string }>(sql`
    select (select candidate_id from candidate_households where tenant_id = ${tenantId} order by candidate_id limit 1) as candidate,
           (select id from vacancies where tenant_id = ${tenantId} and status = 'open' order by id limit 1) as vacancy`);
  const { candidate, vacancy: vacancyId } = pair.rows[0]!;
  const response = await app.inject({
    method: 'GET',
    url: `/v1/candidates/${candidate}/vacancies/${vacancyId}/income`,
    headers: bearer({ token: issued.token }),
  });
  t.equal(response.statusCode, 200, response.body);
  t.equal(response.json().conclusion.length, 3);
});
