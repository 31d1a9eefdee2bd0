import { sql } from 'drizzle-orm';
import t from 'tap';
import { ensureSearchIndexes, reindexTenant } from '../../src/search/search.sync.js';
import { deleteIndexes } from '../search/search-app.js';
import { bearer, buildTenant, createCandidate, dayVacancy, intakeV2 } from '../support/factories.js';
import { testLogger } from '../support/harness.js';
import { buildPageApp, sessionCookieFor } from '../support/pages.js';

/*
 * "Waarom staat iemand er niet bij?" on the vacancy page, asked by a name that fits more than one
 * person: the page lets the klantmanager choose, and explains the one chosen; a full name or a
 * reference that fits exactly one person is explained at once. (Before, the first search hit was
 * explained, whoever that was.) And someone with an intake whose home area is unknown: the vacancy
 * page, the candidate page and the API each say so (matching.candidate_no_home had no test).
 */
t.test('why (not)? by a name that two people share: a choice first, then the one chosen', async (t) => {
  const { app, database, search } = await buildPageApp(t, { listen: false });
  t.teardown(() => deleteIndexes(search.client, search.indexPrefix).catch(() => undefined));
  const world = await buildTenant(database.db, { name: 'Werkplein Waarom' });
  const person = (givenName: string, familyName: string) =>
    createCandidate(app, world.accountManager, { contact: { givenName, familyName, email: 'persoon@test.example', phone: '06 1234 5678' } });
  const anna = await person('Anna', 'de Vries');
  const bram = await person('Bram', 'de Vries');
  await person('Cor', 'Bakker');
  // Someone with an intake whose home area is not known (a postcode missing from the reference data):
  // not ranked, and the pages say why instead of showing nothing.
  const eva = await person('Eva', 'Smit');
  const intake = await app.inject({ method: 'POST', url: `/v1/candidates/${eva.id}/intakes`, headers: bearer(world.accountManager), payload: intakeV2() });
  t.equal(intake.statusCode, 201, 'intake done');
  await database.db.execute(sql`update candidates set home_latitude = null, home_longitude = null, updated_at = now() where id = ${eva.id}`);
  const vacancy = await dayVacancy(app, world);
  await ensureSearchIndexes({ db: database.db, search: search.client, prefix: search.indexPrefix, logger: testLogger });
  await reindexTenant({ db: database.db, search: search.client, prefix: search.indexPrefix, tenantId: world.tenantId });
  const { cookie } = await sessionCookieFor(app, world.accountManager);
  const ask = (query: Record<string, string>) =>
    app.inject({ method: 'GET', url: `/werkplek/vacatures/${vacancy.id}?${new URLSearchParams(query).toString()}`, headers: { cookie } });
  const explained = (body: string) => /<div class="kansrijk-stack" id="uitleg">\s*<h3[^>]*>([^<]*)/.exec(body)?.[1]?.trim() ?? '';

  const shared = await ask({ waarom: 'de Vries' });
  t.equal(shared.statusCode, 200);
  t.match(shared.body, /2 kandidaten passen bij &quot;de Vries&quot;. Over wie gaat het\?/, 'a choice, not the first hit explained');
  for (const { id, reference } of [anna, bram]) {
    t.match(shared.body, `?waarom=de+Vries&amp;kandidaat=${id}#uitleg`, `a link to explain ${reference}`);
  }
  t.notMatch(shared.body, /Cor Bakker/, 'only who fits the name');
  t.equal(explained(shared.body), '', 'nobody explained yet');

  const chosen = await ask({ waarom: 'de Vries', kandidaat: bram.id });
  t.equal(chosen.statusCode, 200);
  t.match(explained(chosen.body), /^Bram de Vries: /, 'the one chosen is explained');

  t.match(explained((await ask({ waarom: 'Anna de Vries' })).body), /^Anna de Vries: /, 'a full name that fits one person: explained at once');
  t.match(explained((await ask({ waarom: anna.reference })).body), /^Anna de Vries: /, 'and so is a reference');
  t.match(explained((await ask({ waarom: 'Eva Smit' })).body), /^Eva Smit: woonplaats onbekend$/, 'no home area: said on the vacancy page');
  const evaPage = await app.inject({ method: 'GET', url: `/werkplek/kandidaten/${eva.id}`, headers: { cookie } });
  t.equal(evaPage.statusCode, 200);
  t.match(evaPage.body, /We weten niet in welk gebied Eva Smit woont\. Vul een bekende postcode in/, 'and on the candidate page, instead of vacancies');
  const api = await app.inject({ method: 'GET', url: `/v1/candidates/${eva.id}/matches`, headers: bearer(world.accountManager) });
  t.equal(api.statusCode, 409);
  t.match(api.json(), { title: 'Woonplaats onbekend' }, 'the API says the same');
  const elsewhere = await ask({ waarom: 'de Vries', kandidaat: '01a21417-0000-7000-8000-00000000abcd' });
  t.match(elsewhere.body, /Geen kandidaat gevonden voor &quot;de Vries&quot;/, 'someone not among the people found is not explained');
});
