import t from 'tap';
import { preparedPerDatabase } from '../../db/prepared.js';
import { scopeOf } from '../../src/auth/scope.js';
import { createVacancyBodySchema } from '../../src/vacancies/vacancies.schemas.js';
import { vacancyRepository } from '../../src/vacancies/vacancies.repository.js';
import { createVacancyService } from '../../src/vacancies/vacancies.service.js';
import { systemClock } from '../../src/clock.js';
import { buildTenant, vacancyBody } from '../support/factories.js';
import { createTestDatabase } from '../support/harness.js';

/*
 * Vacancy reads and the token look-up are prepared statements built once per pool (issue 19.6).
 * What must not change: a transaction reads through its own connection, and the scope (tenant,
 * employer) is in every variant.
 */

t.test('a prepared query is built once per pool and anew for each transaction', async (t) => {
  const { db } = await createTestDatabase(t);
  let builds = 0;
  const query = preparedPerDatabase((_db, variant) => ({ variant, build: ++builds }));
  t.equal(query(db, 'a'), query(db, 'a'), 'the pool-bound handle gets the one it built');
  t.not(query(db, 'a'), query(db, 'b'), 'each variant its own');
  await db.transaction(async (tx) => {
    t.not(query(tx, 'a'), query(tx, 'a'), 'a transaction gets one bound to its own connection, every time');
  });
});

t.test('vacancy reads in a transaction see its own writes; the scope holds in every variant', async (t) => {
  const { db } = await createTestDatabase(t);
  const world = await buildTenant(db);
  const service = createVacancyService({ db, clock: systemClock });
  const admin = world.admin.principal;
  const body = (employer: typeof world.employerA, status: 'open' | 'draft', title: string) =>
    createVacancyBodySchema.parse(vacancyBody({ employerId: employer.employer.id, locationId: employer.location.id, status, title }));
  const a = await service.create(db, admin, body(world.employerA, 'open', 'Orderpicker A'));
  const b = await service.create(db, admin, body(world.employerB, 'open', 'Orderpicker B'));
  await service.create(db, admin, body(world.employerB, 'draft', 'Heftruckchauffeur B'));

  const staffScope = scopeOf(admin);
  const employerAScope = scopeOf(world.employerA.user.principal);
  const repository = vacancyRepository(db);
  t.equal((await repository.find({ scope: staffScope, id: b.id }))?.id, b.id, 'staff read any vacancy of their tenant');
  t.equal(await repository.find({ scope: employerAScope, id: b.id }), undefined, 'an employer never reads another employer’s vacancy');
  t.equal(
    await repository.find({ scope: { tenantId: (await buildTenant(db)).tenantId, employerId: null }, id: a.id }),
    undefined,
    'another tenant never reads it',
  );

  const titles = async (scope: typeof staffScope, filters: Record<string, string | undefined>) =>
    (await repository.list({ scope, limit: 10, ...filters })).map((row) => row.title).sort();
  t.same(await titles(staffScope, {}), ['Heftruckchauffeur B', 'Orderpicker A', 'Orderpicker B']);
  t.same(await titles(staffScope, { status: 'open' }), ['Orderpicker A', 'Orderpicker B']);
  t.same(await titles(staffScope, { status: 'open', employerId: world.employerB.employer.id }), ['Orderpicker B']);
  t.same(await titles(staffScope, { q: 'heftruck' }), ['Heftruckchauffeur B']);
  t.same(await titles(staffScope, { dayPart: 'night', status: 'draft' }), ['Heftruckchauffeur B']);
  t.same(await titles(employerAScope, {}), ['Orderpicker A'], 'an employer lists only its own');
  t.same(await titles(employerAScope, { employerId: world.employerB.employer.id }), [], 'also when it names another employer');
  t.same(await titles(employerAScope, { status: 'open', q: 'orderpicker' }), ['Orderpicker A']);

  await db
    .transaction(async (tx) => {
      const inside = await service.create(tx, admin, body(world.employerA, 'draft', 'Nog niet vastgelegd'));
      t.equal((await vacancyRepository(tx).find({ scope: staffScope, id: inside.id }))?.title, 'Nog niet vastgelegd', 'the transaction reads its own insert');
      t.same((await vacancyRepository(tx).list({ scope: employerAScope, limit: 10 })).map((row) => row.title).sort(), ['Nog niet vastgelegd', 'Orderpicker A']);
      t.equal(await vacancyRepository(db).find({ scope: staffScope, id: inside.id }), undefined, 'the pool does not see it before the commit');
      throw new Error('roll back');
    })
    .catch((error: unknown) => t.match(String(error), /roll back/));
});
