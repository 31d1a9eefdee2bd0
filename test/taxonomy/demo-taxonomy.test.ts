import path from 'node:path';
import t from 'tap';
import { DEMO_EMPLOYERS } from '../../src/demo/demo-employers.js';
import { DEMO_COMPETENCY_CONCEPTS, DEMO_OCCUPATION_URIS, DEMO_OCCUPATIONS, DEMO_SKILLS, seedDemoTaxonomy } from '../../src/demo/demo-taxonomy.js';
import { readCsvFile } from '../../src/taxonomy/csv.js';
import { taxonomyRepository } from '../../src/taxonomy/taxonomy.repository.js';
import { DEMO_TAXONOMY_BASE, escoOccupationUri, escoSkillUri } from '../../src/schemas/common.js';
import { bearer, buildTenant } from '../support/factories.js';
import { buildTaxonomyApp, ESCO_DIR, unreachableSearch } from './taxonomy-app.js';

/*
 * The demo taxonomy: what the demo runs on when ESCO has not been imported. Its search, detail and
 * suggestions go through the same code as ESCO's.
 */

const FORKLIFT = DEMO_OCCUPATIONS['forklift-operator'].uri.split('/').pop()!;

t.test('every occupation key of the demo employers has a URI of the demo taxonomy', async (t) => {
  const used = new Set(DEMO_EMPLOYERS.flatMap((employer) => employer.vacancies.map((vacancy) => vacancy.occupation)).filter((key) => key !== undefined));
  t.ok(used.size >= 25, `${used.size} occupation keys in use`);
  for (const key of used) t.ok(DEMO_OCCUPATION_URIS[key], `${key} has a URI`);
  for (const uri of Object.values(DEMO_OCCUPATION_URIS)) t.ok(escoOccupationUri.safeParse(uri).success, uri);
  for (const skill of Object.values(DEMO_SKILLS)) t.ok(escoSkillUri.safeParse(skill.uri).success, skill.uri);
  t.ok(Object.keys(DEMO_OCCUPATIONS).length >= 30, `${Object.keys(DEMO_OCCUPATIONS).length} occupations`);
  t.ok(Object.keys(DEMO_SKILLS).length >= 60, `${Object.keys(DEMO_SKILLS).length} skills`);
});

t.test('the demo taxonomy is the project’s own: its own namespace, no ESCO identifiers (checked against the shared ESCO files)', async (t) => {
  const all = [...Object.values(DEMO_OCCUPATIONS), ...Object.values(DEMO_SKILLS)].map((concept) => concept.uri);
  t.ok(
    all.every((uri) => uri.startsWith(DEMO_TAXONOMY_BASE)),
    'every URI in the demo namespace',
  );
  t.equal(new Set(all).size, all.length, 'every URI once');
  const ids = new Set(all.map((uri) => uri.slice(uri.lastIndexOf('/') + 1)));
  let shared = 0;
  for await (const row of readCsvFile(path.join(ESCO_DIR, 'nl', 'occupations_nl.csv')))
    if (ids.has(row.conceptUri!.slice(row.conceptUri!.lastIndexOf('/') + 1))) shared += 1;
  for await (const row of readCsvFile(path.join(ESCO_DIR, 'en-v1.1.1', 'skills_en.csv')))
    if (ids.has(row.conceptUri!.slice(row.conceptUri!.lastIndexOf('/') + 1))) shared += 1;
  t.equal(shared, 0, 'no ESCO concept id copied');
});

t.test('the demo taxonomy is seeded once, searched, and read like ESCO', async (t) => {
  const { app, database, taxonomy } = await buildTaxonomyApp(t);
  const world = await buildTenant(database.db);
  const get = (url: string, account: { token: string } = world.accountManager) => app.inject({ method: 'GET', url, headers: bearer(account) });

  const notIndexed = await get('/v1/taxonomy/occupations?q=kok');
  t.equal(notIndexed.statusCode, 503, 'before the index is built');
  t.equal(notIndexed.json().code, 'taxonomy.index_missing');

  const first = await seedDemoTaxonomy(database.db);
  t.equal(first.occupations, Object.keys(DEMO_OCCUPATIONS).length);
  t.equal(first.skills, Object.keys(DEMO_SKILLS).length);
  t.ok(first.links > 60, `${first.links} skill links`);
  t.same(await seedDemoTaxonomy(database.db), { occupations: 0, skills: 0, links: 0 }, 'a second run changes nothing');

  t.equal(await taxonomy.ensureIndexed(), true, 'the index is built when it is missing');
  t.equal(await taxonomy.ensureIndexed(), false, 'and left alone when it holds what Postgres holds');

  const search = async (q: string, limit = 10) => {
    const response = await get(`/v1/taxonomy/occupations?q=${encodeURIComponent(q)}&limit=${limit}`, world.employerA.user);
    t.equal(response.statusCode, 200, q);
    return response.json().items as Array<{ id: string; label: string; source: string }>;
  };
  t.equal((await search('heftruckchauffeur'))[0]?.id, FORKLIFT);
  t.equal((await search('vorkheftruckbestuurder'))[0]?.id, FORKLIFT, 'by an alternative label');
  t.equal((await search('heftruckchaufeur'))[0]?.id, FORKLIFT, 'with a typo');
  t.equal((await search('heftruckchauffeur'))[0]?.source, 'demo');
  const drivers = (await search('chauffeur')).map((item) => item.label);
  t.ok(drivers.includes('heftruckchauffeur') && drivers.includes('vrachtwagenchauffeur'), `chauffeur → ${drivers.join(', ')}`);
  t.equal((await search('schoonmaakster'))[0]?.label, 'schoonmaker');
  t.equal((await search('medewerker groenvoorziening'))[0]?.label, 'medewerker groenvoorziening');
  const listed = await search('', 50);
  t.equal(listed.length, Object.keys(DEMO_OCCUPATIONS).length, 'an empty query lists them all');
  t.same(
    listed.map((item) => item.label),
    [...listed.map((item) => item.label)].sort((a, b) => a.localeCompare(b)),
    'by label',
  );

  const skills = await get('/v1/taxonomy/skills?q=heftruck');
  // Two skills match "heftruck" equally well; their order is Meilisearch's tie-break.
  t.ok(
    skills
      .json()
      .items.slice(0, 2)
      .some((item: { label: string }) => item.label === 'heftruck rijden'),
    'heftruck rijden among the first',
  );

  // Issue 13.1: concepts suggested for competences in people's own words; the words come back as given.
  const suggest = (texts: string[], limit = 3) =>
    app.inject({ method: 'POST', url: '/v1/taxonomy/skills/suggestions', headers: bearer(world.accountManager), payload: { texts, limit } });
  const own = ['heftruck besturen', 'Orders verzamelen bij de voedselbank', 'heftruck besturen'];
  const suggestions = await suggest(own);
  t.equal(suggestions.statusCode, 200);
  const items = suggestions.json().items as Array<{ text: string; suggestions: Array<{ uri: string; labelLanguage: string }> }>;
  t.same(
    items.map((item) => item.text),
    own,
    'one item per text, in order, words as given',
  );
  t.equal(items[0]!.suggestions[0]?.uri, DEMO_SKILLS['operate-forklift'].uri, 'heftruck besturen → heftruck rijden (an alternative label)');
  t.equal(items[1]!.suggestions[0]?.uri, DEMO_SKILLS['pick-orders'].uri, 'orders verzamelen → the order-picking concept');
  t.ok(
    items.every((item) => item.suggestions.length <= 3),
    'at most the limit',
  );
  // Every concept the demo links to its words is one the look-up suggests for those words.
  const demoWords = Object.keys(DEMO_COMPETENCY_CONCEPTS);
  const linked = (await suggest(demoWords, 5)).json().items as typeof items;
  for (const [index, words] of demoWords.entries()) {
    const wanted = DEMO_SKILLS[DEMO_COMPETENCY_CONCEPTS[words]!].uri;
    t.ok(
      linked[index]!.suggestions.some((hit) => hit.uri === wanted),
      `${words} → ${DEMO_COMPETENCY_CONCEPTS[words]}`,
    );
  }
  const empty = await suggest([]);
  t.equal(empty.statusCode, 400, 'no texts');
  t.match(empty.headers['content-type'], /application\/problem\+json/);

  const detail = (await get(`/v1/taxonomy/occupations/${FORKLIFT}`)).json();
  t.equal(detail.source, 'demo');
  t.same(
    detail.essentialSkills.map((skill: { label: string }) => skill.label).sort(),
    DEMO_OCCUPATIONS['forklift-operator'].essential.map((key) => DEMO_SKILLS[key].labelNl).sort(),
  );
  t.ok(detail.essentialSkills.every((skill: { labelLanguage: string }) => skill.labelLanguage === 'nl'));

  const suggested = (await get(`/v1/taxonomy/occupations/${DEMO_OCCUPATIONS.gardener.uri.split('/').pop()}/suggested-competencies`)).json();
  t.same(
    suggested.competencies.map((c: { importance: string }) => c.importance),
    ['should', 'should', 'trainable', 'trainable'],
  );
  t.equal(suggested.omitted, 0);

  // Once ESCO is there, the demo seed writes nothing (the importer has removed the demo concepts).
  const repository = taxonomyRepository(database.db);
  const escoCook = 'http://data.europa.eu/esco/occupation/90f75f67-495d-49fa-ab57-2f320e251d7e';
  await repository.upsertOccupations([
    {
      uri: escoCook,
      code: '5120.1',
      iscoGroup: '5120',
      labelNl: 'kok (ESCO)',
      labelEn: 'cook',
      altLabelsNl: [],
      hiddenLabelsNl: [],
      altLabelsEn: [],
      descriptionNl: null,
      descriptionEn: null,
      regulatedNote: null,
      source: 'esco',
    },
  ]);
  t.equal(
    await repository.removeDemo(),
    Object.keys(DEMO_OCCUPATIONS).length + Object.keys(DEMO_SKILLS).length,
    'the importer’s clean-up removes every demo concept',
  );
  t.same(await seedDemoTaxonomy(database.db), { occupations: 0, skills: 0, links: 0 }, 'and the seed does not bring them back');
  t.equal((await get(`/v1/taxonomy/occupations/${DEMO_OCCUPATIONS.cook.uri.split('/').pop()}`)).statusCode, 404);
  const cook = (await get(`/v1/taxonomy/occupations/${escoCook.split('/').pop()}`)).json();
  t.equal(cook.label, 'kok (ESCO)');
});

t.test('with Meilisearch down, searches answer 503 problem+json; details still work', async (t) => {
  const { app, database } = await buildTaxonomyApp(t, { search: unreachableSearch() });
  const world = await buildTenant(database.db);
  await seedDemoTaxonomy(database.db);
  const requests = [
    { method: 'GET' as const, url: '/v1/taxonomy/occupations?q=kok' },
    { method: 'GET' as const, url: '/v1/taxonomy/skills?q=koken' },
    { method: 'POST' as const, url: '/v1/taxonomy/skills/suggestions', payload: { texts: ['koken'] } },
  ];
  for (const { method, url, payload } of requests) {
    const response = await app.inject({ method, url, payload, headers: bearer(world.accountManager) });
    t.equal(response.statusCode, 503, url);
    t.match(response.headers['content-type'], /application\/problem\+json/);
    t.equal(response.json().code, 'request.unavailable');
    t.ok(response.headers['retry-after']);
  }
  const detail = await app.inject({ method: 'GET', url: `/v1/taxonomy/occupations/${FORKLIFT}`, headers: bearer(world.accountManager) });
  t.equal(detail.statusCode, 200, 'the detail comes from Postgres');

  const { app: withoutSearch, database: other } = await buildTaxonomyApp(t, { search: null });
  const otherWorld = await buildTenant(other.db);
  const response = await withoutSearch.inject({ method: 'GET', url: '/v1/taxonomy/occupations?q=kok', headers: bearer(otherWorld.accountManager) });
  t.equal(response.statusCode, 503, 'no search configured');
  t.equal(response.json().code, 'request.unavailable');
});

t.test('a demo concept that the demo no longer defines is removed when the demo seed runs', async (t) => {
  const { database } = await buildTaxonomyApp(t);
  const repository = taxonomyRepository(database.db);
  const old = 'http://data.europa.eu/esco/occupation/cd94def5-3442-4c2e-ae3d-0761a3008bcb';
  await repository.upsertOccupations([
    {
      uri: old,
      code: null,
      iscoGroup: '9333',
      labelNl: 'orderpicker (oude demo)',
      labelEn: 'order picker',
      altLabelsNl: [],
      hiddenLabelsNl: [],
      altLabelsEn: [],
      descriptionNl: null,
      descriptionEn: null,
      regulatedNote: null,
      source: 'demo',
    },
  ]);
  await seedDemoTaxonomy(database.db);
  t.notOk(await repository.findOccupation(old), 'the old demo concept is gone');
  t.ok(await repository.findOccupation(DEMO_OCCUPATIONS['order-picker'].uri), 'the current one is there');
});
