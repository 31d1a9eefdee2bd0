import { and, eq } from 'drizzle-orm';
import t from 'tap';
import { auditLog, outbox } from '../../db/schema/index.js';
import { bearer } from '../support/factories.js';
import { searchWorld } from './fixtures.js';
import { buildSearchApp, get } from './search-app.js';

/*
 * Staff search on a real Meilisearch with realistic data: typos, Dutch compounds and synonyms,
 * facets and filters, tenant isolation, the access check against Postgres and bulk searches.
 */

type Hit = { id: string; title?: string; name?: string; highlights: Record<string, string[]> };
const titles = (body: { items: Hit[] }) => body.items.map((item) => item.title);
const names = (body: { items: Hit[] }) => body.items.map((item) => item.name);

t.test('typos, compound parts and synonyms find vacancies', async (t) => {
  const { app, database, drain } = await buildSearchApp(t);
  const { world } = await searchWorld(app, database.db);
  t.match(await drain(), { unavailable: false, failed: 0 });
  const staff = world.accountManager;
  const search = async (q: string) => (await get(app, staff, `/v1/search/vacancies?q=${encodeURIComponent(q)}`)).body;

  t.equal(titles(await search('heftrukchauffeur'))[0], 'Heftruckchauffeur', 'one typo in a long compound');
  t.equal(titles(await search('magazijnmedewerkr'))[0], 'Magazijnmedewerker', 'a letter missing');
  t.equal(titles(await search('schoonmaker'))[0], 'Schoonmaker kantoren');

  const chauffeur = titles(await search('chauffeur'));
  t.ok(chauffeur.includes('Heftruckchauffeur'), '"chauffeur" finds heftruckchauffeur (compound part)');
  t.ok(chauffeur.includes('Vrachtwagenchauffeur CE'), '"chauffeur" finds vrachtwagenchauffeur');
  t.ok(chauffeur.includes('Reachtruckchauffeur nachtdienst'), '"chauffeur" finds reachtruckchauffeur');
  t.notOk(chauffeur.includes('Kok'));
  t.same(titles(await search('magazijn')), ['Magazijnmedewerker'], '"magazijn" finds magazijnmedewerker');

  const synonym = titles(await search('vorkheftruckbestuurder'));
  t.equal(synonym[0], 'Heftruckchauffeur', 'a Dutch synonym from the taxonomy finds the title');
  t.ok(synonym.includes('Reachtruckchauffeur nachtdienst'), 'a title without an occupation is found through the synonyms setting');

  const split = await search('magazijnmedewerker tilburg');
  t.equal(split.searchedFor, 'magazijn medewerker magazijnmedewerker tilburg', 'the compound is searched with its parts');
  t.equal(titles(split)[0], 'Magazijnmedewerker');

  const highlighted = await search('kok');
  t.same(highlighted.items[0].highlights.title, ['<mark>Kok</mark>']);
});

t.test('candidates are found by name, wish, compound part and competency, never by contact data', async (t) => {
  const { app, database, drain } = await buildSearchApp(t);
  const { world, candidates } = await searchWorld(app, database.db);
  await drain();
  const staff = world.accountManager;
  const search = async (q: string) => (await get(app, staff, `/v1/search/candidates?q=${encodeURIComponent(q)}`)).body;

  t.same(names(await search('Fatima')), ['Fatima Yilmaz'], 'by name');
  t.same(names(await search('yilmas')), ['Fatima Yilmaz'], 'by name with a typo');
  t.equal(names(await search('heftruck'))[0], 'Fatima Yilmaz', 'by a part of a wished title');
  t.ok(names(await search('chauffeur')).includes('Mohamed El Amrani'), 'vrachtwagenchauffeur by "chauffeur"');
  t.same(names(await search('vloeren reinigen')), ['Sanne Bakker'], 'by competency');
  t.ok(names(await search('schoonmaker')).includes('Sanne Bakker'), 'wish "schoonmaakster" found by its occupation "schoonmaker"');
  const byReference = await get(app, staff, `/v1/search/candidates?q=${candidates.joost.reference}`);
  t.equal(byReference.body.items[0].id, candidates.joost.id, 'by reference');
  t.same((await search('voorbeeld.example')).items, [], 'e-mail addresses are not in the index');
  t.same((await search('Stationsstraat')).items, [], 'addresses are not in the index');
  t.same((await search('schuldhulpverlening')).items, [], 'agreed actions on barriers are not in the index');

  const hit = (await search('Fatima')).items[0];
  t.match(hit, {
    reference: candidates.fatima.reference,
    status: 'active',
    accountManager: { id: world.accountManager.userId },
    municipality: 'Tilburg',
    wishTitles: ['heftruckchauffeur'],
    wishOccupations: ['heftruckchauffeur'],
    dayParts: ['early', 'day', 'late', 'night'],
    nights: true,
    weekends: true,
    hoursTarget: 36,
    drivingLicences: ['B'],
  });
  t.same(hit.highlights.name, ['<mark>Fatima</mark> Yilmaz']);
});

t.test('facets count, filters narrow, sorting orders', async (t) => {
  const { app, database, drain } = await buildSearchApp(t);
  const { world } = await searchWorld(app, database.db);
  await drain();
  const staff = world.accountManager;

  const all = (await get(app, staff, '/v1/search/vacancies')).body;
  t.equal(all.total, 6);
  const facet = (body: { facets: Record<string, Array<{ value: string; count: number; label?: string }>> }, name: string) =>
    Object.fromEntries(body.facets[name]!.map((entry) => [entry.value, entry.count]));
  t.same(facet(all, 'nightWork'), { false: 4, true: 2 });
  t.same(facet(all, 'municipality'), { Tilburg: 3, Waalwijk: 3 });
  t.equal(facet(all, 'dayParts').night, 2);
  t.same(all.facets.employerId.map((entry: { label: string }) => entry.label).sort(), ['Werkgever A B.V.', 'Werkgever B B.V.'], 'employer facet with names');

  const nights = (await get(app, staff, '/v1/search/vacancies?nightWork=true')).body;
  t.same(titles(nights).sort(), ['Heftruckchauffeur', 'Reachtruckchauffeur nachtdienst']);
  const earlyAndLate = (await get(app, staff, '/v1/search/vacancies?dayParts=early,late')).body;
  t.same(titles(earlyAndLate), ['Heftruckchauffeur'], 'dayParts: every one listed');
  const waalwijkChauffeurs = (await get(app, staff, '/v1/search/vacancies?q=chauffeur&municipality=Waalwijk')).body;
  t.same(titles(waalwijkChauffeurs).sort(), ['Reachtruckchauffeur nachtdienst', 'Vrachtwagenchauffeur CE']);
  const fewHours = (await get(app, staff, '/v1/search/vacancies?hoursAtMost=16&sort=title:asc')).body;
  t.same(titles(fewHours), ['Kok', 'Schoonmaker kantoren']);
  const permanent = (await get(app, staff, '/v1/search/vacancies?contractType=permanent')).body;
  t.same(titles(permanent), ['Schoonmaker kantoren']);

  const people = (await get(app, staff, '/v1/search/candidates')).body;
  t.equal(people.total, 4);
  t.same(facet(people, 'nights'), { false: 3, true: 1 });
  t.same(facet(people, 'municipality'), { Waalwijk: 2, Goirle: 1, Tilburg: 1 });
  t.same(people.facets.accountManagerId, [{ value: world.accountManager.userId, label: 'Test klantmanager', count: 4 }]);
  t.equal(facet(people, 'drivingLicence').CE, 1);
  t.same(names((await get(app, staff, '/v1/search/candidates?dayParts=early&mobility=car')).body).sort(), ['Fatima Yilmaz', 'Mohamed El Amrani']);
  t.same(names((await get(app, staff, '/v1/search/candidates?slots=mon:late,thu:late')).body), ['Sanne Bakker']);
  t.same(names((await get(app, staff, '/v1/search/candidates?weekends=true')).body), ['Fatima Yilmaz']);
  t.same(names((await get(app, staff, '/v1/search/candidates?hoursTargetMin=33&sort=name:asc')).body), ['Fatima Yilmaz', 'Mohamed El Amrani']);
  t.same(names((await get(app, staff, '/v1/search/candidates?hours=0-16')).body), ['Sanne Bakker']);
  t.same(names((await get(app, staff, '/v1/search/candidates?competencies=orders%20verzamelen')).body), ['Joost de Vries']);
  t.equal((await get(app, staff, '/v1/search/candidates?accountManagerId=me')).body.total, 4, '"me": my own caseload');
  t.equal((await get(app, world.admin, '/v1/search/candidates?accountManagerId=me')).body.total, 0, 'the admin has no caseload');
  const paged = (await get(app, staff, '/v1/search/candidates?sort=name:asc&limit=2&offset=2')).body;
  t.same(names(paged), ['Mohamed El Amrani', 'Sanne Bakker']);
});

t.test('filters are validated and never carry typed text into the filter expression', async (t) => {
  const { app, database, drain } = await buildSearchApp(t);
  const { world } = await searchWorld(app, database.db);
  await drain();
  const staff = world.accountManager;
  for (const query of [
    'municipality=' + encodeURIComponent('Tilburg" OR status = "draft'),
    'municipality=' + encodeURIComponent('Tilburg\\'),
    'competencies=' + encodeURIComponent('x") OR (1 = 1'),
    'dayParts=evening',
    'status=open%20OR%201',
    'hoursAtLeast=12.5',
    'employerId=not-an-id',
    'limit=101',
    'offset=990&limit=20',
    'sort=salary:desc',
    'unknown=1',
  ]) {
    const response = await get(app, staff, `/v1/search/vacancies?${query}`);
    t.equal(response.status, 400, query);
    t.match(response.headers['content-type'], /application\/problem\+json/);
  }
  const quote = await get(app, staff, `/v1/search/vacancies?q=${encodeURIComponent('"chauffeur" OR status = draft')}`);
  t.equal(quote.status, 200, 'quotes in the query text are just words');
  const repeated = await get(app, staff, '/v1/search/vacancies?status=open&status=closed&municipality=Waalwijk');
  t.equal(repeated.status, 200, 'a list may also be given by repeating the parameter');
  t.equal(repeated.body.total, 3);
  const employer = await app.inject({ method: 'GET', url: '/v1/search/candidates?q=fatima', headers: bearer(world.employerA.user) });
  t.equal(employer.statusCode, 403, 'employers never search jobseekers');
});

t.test('two tenants with the same words see only their own documents', async (t) => {
  const { app, database, drain, indexName } = await buildSearchApp(t);
  const north = await searchWorld(app, database.db, { name: 'Werkplein Noord' });
  const south = await searchWorld(app, database.db, { name: 'Werkplein Zuid' });
  await drain();
  t.not(indexName('candidates', north.world.tenantId), indexName('candidates', south.world.tenantId), 'one index per tenant');
  for (const [mine, theirs] of [
    [north, south],
    [south, north],
  ] as const) {
    const vacancies = (await get(app, mine.world.accountManager, '/v1/search/vacancies?q=heftruckchauffeur')).body;
    const ids = vacancies.items.map((item: Hit) => item.id);
    t.equal(ids[0], mine.vacancies.forklift.id, 'my own heftruckchauffeur first');
    t.same(ids.sort(), [mine.vacancies.forklift.id, mine.vacancies.reachtruck.id].sort(), 'and my synonym, nothing of the other tenant');
    const people = (await get(app, mine.world.accountManager, '/v1/search/candidates?q=Fatima%20Yilmaz')).body;
    t.same(
      people.items.map((item: Hit) => item.id),
      [mine.candidates.fatima.id],
    );
    t.equal((await get(app, mine.world.admin, '/v1/search/candidates')).body.total, 4);
    const filtered = (await get(app, mine.world.admin, `/v1/search/vacancies?employerId=${theirs.world.employerA.employer.id}`)).body;
    t.same(filtered.items, [], "another tenant's employer id finds nothing");
  }
});

t.test('every hit is checked against Postgres; what it lacks is dropped and its deletion queued', async (t) => {
  const { app, database, drain, client, indexName } = await buildSearchApp(t);
  const { world } = await searchWorld(app, database.db);
  await drain();
  const index = client.index(indexName('candidates', world.tenantId));
  const ghostId = '01a21417-0000-7000-8000-0000000000aa';
  const [template] = (await index.getDocuments({ limit: 1 })).results;
  await index.addDocuments([{ ...template, id: ghostId, name: 'Fatima Spook', reference: 'KR-GHOST1' }]).waitTask();

  const found = (await get(app, world.accountManager, '/v1/search/candidates?q=Fatima')).body;
  t.same(names(found), ['Fatima Yilmaz'], 'the document that Postgres does not have is not shown');
  const queued = await database.db
    .select()
    .from(outbox)
    .where(and(eq(outbox.entityId, ghostId), eq(outbox.operation, 'delete')));
  t.equal(queued.length, 1, 'its deletion is queued');
  await drain();
  t.equal((await index.getDocuments({ filter: undefined, limit: 100 })).results.filter((doc) => doc.id === ghostId).length, 0, 'and drained');
});

t.test('large searches need a reason and leave an audit row (A6)', async (t) => {
  const { app, database, drain } = await buildSearchApp(t);
  const { world } = await searchWorld(app, database.db);
  await drain();
  const staff = world.accountManager;

  const refused = await get(app, staff, '/v1/search/candidates?limit=80');
  t.equal(refused.status, 400);
  t.equal(refused.body.code, 'search.reason_required');
  t.match(refused.body.errors, [{ pointer: '/querystring/reason' }]);
  t.equal((await get(app, staff, '/v1/search/candidates?offset=190&limit=20')).body.code, 'search.reason_required', 'deep paging too');

  const normal = await get(app, staff, '/v1/search/candidates?limit=50');
  t.equal(normal.status, 200);
  const none = await database.db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.tenantId, world.tenantId), eq(auditLog.action, 'search.bulk')));
  t.equal(none.length, 0, 'a normal search is not audited');

  const reason = 'Mailing banenmarkt logistiek 12 december';
  const bulk = await get(app, staff, `/v1/search/candidates?limit=100&dayParts=early&reason=${encodeURIComponent(reason)}`);
  t.equal(bulk.status, 200);
  t.equal(bulk.body.items.length, 2);
  const rows = await database.db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.tenantId, world.tenantId), eq(auditLog.action, 'search.bulk')));
  t.equal(rows.length, 1);
  t.match(rows[0], {
    actorUserId: staff.userId,
    subjectType: 'candidate',
    reason,
    details: { search: 'candidates', returned: 2, query: { limit: 100, dayParts: ['early'] } },
  });

  const vacancies = await get(app, world.employerRelations, `/v1/search/vacancies?limit=60&reason=${encodeURIComponent('Overzicht voor het regio-overleg')}`);
  t.equal(vacancies.status, 200);
  t.equal(vacancies.body.total, 6);
});

t.test('an employer rename reaches the vacancy documents through the outbox', async (t) => {
  const { app, database, drain } = await buildSearchApp(t);
  const { world } = await searchWorld(app, database.db);
  await drain();
  const renamed = await app.inject({
    method: 'PATCH',
    url: `/v1/employers/${world.employerA.employer.id}`,
    headers: bearer(world.admin),
    payload: { name: 'Distributiecentrum Hoge Wal' },
  });
  t.equal(renamed.statusCode, 200);
  await drain();
  const found = (await get(app, world.accountManager, '/v1/search/vacancies?q=hoge%20wal')).body;
  t.same(titles(found).sort(), ['Heftruckchauffeur', 'Kok', 'Magazijnmedewerker']);
  t.equal(found.items[0].employer.name, 'Distributiecentrum Hoge Wal');
});
