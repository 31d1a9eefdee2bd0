import t from 'tap';
import { prepareFrom } from '../../src/growth-plans/growth-plans.views.js';
import { bearer, buildTenant } from '../support/factories.js';
import { buildTestApp } from '../support/harness.js';
import { sampleBody } from '../support/sample-bodies.js';

t.test('the pipeline date is the expected date minus the training lead time', async (t) => {
  t.equal(prepareFrom('2027-04-01', 6), '2027-02-18');
  t.equal(prepareFrom('2027-04-01', 0), '2027-04-01');
});

t.test('a growth plan states future demand and drafts vacancies once', async (t) => {
  const { app, database } = await buildTestApp(t);
  const world = await buildTenant(database.db);
  const body = sampleBody('POST', '/v1/employers/:id/growth-plans', { locationId: world.employerA.location.id });
  const created = await app.inject({
    method: 'POST',
    url: `/v1/employers/${world.employerA.employer.id}/growth-plans`,
    headers: bearer(world.employerA.user),
    payload: body,
  });
  t.equal(created.statusCode, 201);
  const plan = created.json();
  t.equal(plan.status, 'planned');
  t.equal(plan.totalHeadcount, 10);
  t.equal(plan.roles[0].prepareFrom, '2027-02-18');
  t.equal(plan.roles[0].vacancyId, null);

  const drafted = await app.inject({ method: 'POST', url: `/v1/growth-plans/${plan.id}/draft-vacancies`, headers: bearer(world.employerA.user) });
  t.equal(drafted.statusCode, 200);
  t.equal(drafted.json().created.length, 1);
  const vacancyId = drafted.json().created[0].vacancyId;
  const vacancy = await app.inject({ method: 'GET', url: `/v1/vacancies/${vacancyId}`, headers: bearer(world.employerA.user) });
  t.match(vacancy.json(), { status: 'draft', positions: 10, startDate: '2027-04-01', growthPlanRoleId: plan.roles[0].id });

  const again = await app.inject({ method: 'POST', url: `/v1/growth-plans/${plan.id}/draft-vacancies`, headers: bearer(world.employerA.user) });
  t.same(again.json().created, [], 'nothing is drafted twice');
  t.equal(again.json().alreadyDrafted.length, 1);
  const reread = await app.inject({ method: 'GET', url: `/v1/growth-plans/${plan.id}`, headers: bearer(world.accountManager) });
  t.equal(reread.json().status, 'in_progress');
  t.equal(reread.json().roles[0].vacancyId, vacancyId);

  const listed = await app.inject({
    method: 'GET',
    url: `/v1/employers/${world.employerA.employer.id}/growth-plans`,
    headers: bearer(world.employerRelations),
  });
  t.equal(listed.json().items.length, 1);
});

t.test('drafting needs a location', async (t) => {
  const { app, database } = await buildTestApp(t);
  const world = await buildTenant(database.db);
  const body = sampleBody('POST', '/v1/employers/:id/growth-plans', {});
  const created = await app.inject({
    method: 'POST',
    url: `/v1/employers/${world.employerA.employer.id}/growth-plans`,
    headers: bearer(world.employerRelations),
    payload: body,
  });
  t.equal(created.statusCode, 201);
  const drafted = await app.inject({ method: 'POST', url: `/v1/growth-plans/${created.json().id}/draft-vacancies`, headers: bearer(world.employerRelations) });
  t.equal(drafted.statusCode, 409);
  t.equal(drafted.json().code, 'growth_plan.location_missing');
  const foreignLocation = await app.inject({
    method: 'PATCH',
    url: `/v1/growth-plans/${created.json().id}`,
    headers: bearer(world.employerRelations),
    payload: { locationId: world.employerB.location.id },
  });
  t.equal(foreignLocation.statusCode, 400, 'another employer’s location is refused');
});

t.test('a plan’s roles change through PATCH (headcount, dates); a role of another plan is refused, nothing changed', async (t) => {
  const { app, database } = await buildTestApp(t);
  const world = await buildTenant(database.db);
  const create = () =>
    app.inject({
      method: 'POST',
      url: `/v1/employers/${world.employerA.employer.id}/growth-plans`,
      headers: bearer(world.employerRelations),
      payload: sampleBody('POST', '/v1/employers/:id/growth-plans', { locationId: world.employerA.location.id }),
    });
  const plan = (await create()).json();
  const otherPlan = (await create()).json();
  const roleId = plan.roles[0].id;

  const changed = await app.inject({
    method: 'PATCH',
    url: `/v1/growth-plans/${plan.id}`,
    headers: bearer(world.employerRelations),
    payload: { roles: [{ id: roleId, headcount: 14, expectedDate: '2027-05-03', trainingLeadTimeWeeks: 2 }] },
  });
  t.equal(changed.statusCode, 200, changed.body);
  t.match(changed.json().roles[0], { id: roleId, title: 'Orderpicker', headcount: 14, expectedDate: '2027-05-03', prepareFrom: '2027-04-19' });
  t.equal(changed.json().totalHeadcount, 14);

  const foreign = await app.inject({
    method: 'PATCH',
    url: `/v1/growth-plans/${plan.id}`,
    headers: bearer(world.employerRelations),
    payload: { name: 'Niet bewaard', roles: [{ id: otherPlan.roles[0].id, headcount: 1 }] },
  });
  t.equal(foreign.statusCode, 400);
  t.equal(foreign.json().code, 'growth_plan.role_unknown');
  t.match(foreign.json().errors, [{ pointer: '/body/roles/0/id' }]);
  const reread = await app.inject({ method: 'GET', url: `/v1/growth-plans/${plan.id}`, headers: bearer(world.employerRelations) });
  t.equal(reread.json().name, 'Uitbreiding', 'the refused change left the plan as it was');
  const other = await app.inject({ method: 'GET', url: `/v1/growth-plans/${otherPlan.id}`, headers: bearer(world.employerRelations) });
  t.equal(other.json().roles[0].headcount, 10, 'and the other plan’s role too');

  const invalid = await app.inject({
    method: 'PATCH',
    url: `/v1/growth-plans/${plan.id}`,
    headers: bearer(world.employerRelations),
    payload: { roles: [{ id: roleId, headcount: 0 }] },
  });
  t.equal(invalid.statusCode, 400, 'a headcount below 1 is refused by the schema');
});
