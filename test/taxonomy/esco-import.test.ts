import { spawn } from 'node:child_process';
import path from 'node:path';
import t from 'tap';
import { sql } from 'drizzle-orm';
import { readEscoFolder, writeEscoSet } from '../../src/taxonomy/esco-import.js';
import { taxonomyRepository } from '../../src/taxonomy/taxonomy.repository.js';
import { DEMO_OCCUPATIONS, seedDemoTaxonomy } from '../../src/demo/demo-taxonomy.js';
import { matchingRepository as createMatchingRepository } from '../../src/matching/matching.repository.js';
import { bearer, buildTenant, createCandidate, intakeV2, vacancyBody } from '../support/factories.js';
import { createTestDatabase, testSearch, testWorkDir } from '../support/harness.js';
import { buildTaxonomyApp, ESCO_DIR } from './taxonomy-app.js';

/*
 * The full ESCO import (../shared/data/esco: Dutch v1.2 and English v1.1.1), once for this file,
 * and the look-ups through the API against it.
 */

const FORKLIFT = 'eeac6251-1974-42f5-91ed-513c6c883755';
const TRUCK_DRIVER = '45037d43-a8f5-4f46-b332-b2935bc305f4';
const clock = { now: () => new Date('2026-11-25T09:00:00Z') };

const world = await (async () => {
  const setup = await buildTaxonomyApp(t);
  const started = Date.now();
  const set = await readEscoFolder(ESCO_DIR);
  const summary = await writeEscoSet({ db: setup.database.db, set, clock });
  const indexed = await setup.taxonomy.reindex();
  const seconds = (Date.now() - started) / 1000;
  const tenant = await buildTenant(setup.database.db);
  return { ...setup, set, summary, indexed, seconds, tenant };
})();
const { app, database, tenant } = world;

async function get(url: string, account: { token: string } = tenant.accountManager) {
  return app.inject({ method: 'GET', url, headers: bearer(account) });
}

t.test('the full ESCO set is imported with plausible counts, well within two minutes', async (t) => {
  t.ok(world.seconds < 120, `imported and indexed in ${world.seconds.toFixed(1)} s`);
  const counts = await taxonomyRepository(database.db).counts();
  t.ok(counts.occupations >= 3_039 && counts.occupations <= 3_100, `${counts.occupations} occupations (3,039 Dutch + a few English-only)`);
  t.ok(counts.skills >= 13_896 && counts.skills <= 14_100, `${counts.skills} skills`);
  t.equal(counts.occupationSkills, 123_855, 'every occupation–skill relation');
  t.ok(counts.skillRelations >= 5_800, `${counts.skillRelations} skill–skill relations`);
  t.equal(counts.iscoGroups, 619);
  t.equal(world.summary.skills.withDutchLabel, 2_367, 'Dutch labels for the skills in the Dutch collections');
  t.equal(world.indexed.occupations, counts.occupations, 'every occupation is in the search index');
  t.equal(world.indexed.skills, counts.skills, 'every skill too');
  t.equal(world.indexed.iscoGroups, counts.lookupGroups, 'and the ISCO unit groups that hold occupations');
  t.ok(counts.lookupGroups > 400 && counts.lookupGroups < counts.iscoGroups, `${counts.lookupGroups} unit groups`);

  const [forklift] = await database.db
    .execute<{ label_nl: string; alt_labels_nl: string[]; label_en: string; code: string; isco_group: string }>(
      sql`select label_nl, alt_labels_nl, label_en, code, isco_group from taxonomy_occupations where uri = ${`http://data.europa.eu/esco/occupation/${FORKLIFT}`}`,
    )
    .then((result) => result.rows);
  t.equal(forklift?.label_nl, 'heftruckchauffeur');
  t.ok(forklift?.alt_labels_nl.includes('vorkheftruckbestuurder'), 'alternative labels split from the quoted, newline-separated field');
  t.ok(forklift?.alt_labels_nl.includes('reachtruckchauffeur'));
  t.equal(forklift?.label_en, 'forklift operator');
  t.equal(forklift?.isco_group, '8344');
});

t.test('a second run changes nothing, through the command line as an operator runs it', async (t) => {
  const before = await database.db.execute<{ max: string }>(sql`select max(imported_at)::text as max from taxonomy_occupations`);
  const search = testSearch();
  const output = await new Promise<{ code: number | null; text: string }>((resolve) => {
    const child = spawn(path.resolve('node_modules/.bin/tsx'), ['scripts/taxonomy-import.ts', '--dir', ESCO_DIR, '--index-prefix', world.meili.indexPrefix], {
      env: {
        ...process.env,
        DATABASE_URL: database.url,
        MEILI_URL: search.url,
        MEILI_MASTER_KEY: search.masterKey,
        SECRET_KEY: 'x'.repeat(40),
        VAR_DIR: path.join(testWorkDir(), 'taxonomy-cli'),
        LOG_LEVEL: 'warn',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let text = '';
    child.stdout.on('data', (chunk) => (text += String(chunk)));
    child.stderr.on('data', (chunk) => (text += String(chunk)));
    child.on('exit', (code) => resolve({ code, text }));
  });
  t.equal(output.code, 0, output.code === 0 ? 'the command succeeds' : output.text);
  t.match(output.text, /occupations: 3,0\d\d \(0 written\)/, 'no occupation rewritten');
  t.match(output.text, /skills: 1[34],\d{3} \(0 written/, 'no skill rewritten');
  t.match(output.text, /occupation–skill relations: 123,855 \(0 written, 0 removed\)/);
  t.match(output.text, /read .*occupationSkillRelations\.csv/, 'shows progress per file');
  t.match(output.text, /ESCO import finished in/);
  const after = await database.db.execute<{ max: string }>(sql`select max(imported_at)::text as max from taxonomy_occupations`);
  t.same(after.rows, before.rows, 'imported_at untouched: nothing was written');
  // The index was rebuilt by the run and still answers.
  const response = await get('/v1/taxonomy/occupations?q=heftruckchauffeur');
  t.equal(response.json().items[0]?.id, FORKLIFT);
});

t.test('the demo taxonomy never overwrites ESCO', async (t) => {
  const result = await seedDemoTaxonomy(database.db);
  t.same(result, { occupations: 0, skills: 0, links: 0 }, 'nothing written over ESCO rows');
  const detail = await get(`/v1/taxonomy/occupations/${FORKLIFT}`);
  t.equal(detail.json().source, 'esco');
  t.not(detail.json().altLabels.length, DEMO_OCCUPATIONS['forklift-operator'].altLabelsNl.length, 'ESCO’s own labels stay');
});

t.test('"heftruckchauffeur" finds the forklift driver, also by its alternative labels', async (t) => {
  for (const q of ['heftruckchauffeur', 'vorkheftruckbestuurder', 'reachtruckchauffeur', 'vorkheftruck', 'Heftruck-chauffeur']) {
    const response = await get(`/v1/taxonomy/occupations?q=${encodeURIComponent(q)}&limit=5`);
    t.equal(response.statusCode, 200);
    const [first] = response.json().items;
    t.equal(first?.id, FORKLIFT, `"${q}" → heftruckchauffeur first`);
    t.equal(first?.label, 'heftruckchauffeur');
    t.equal(first?.labelLanguage, 'nl');
    t.equal(first?.uri, `http://data.europa.eu/esco/occupation/${FORKLIFT}`);
  }
});

t.test('more Dutch job titles, a typo and a compound head', async (t) => {
  const labelsFor = async (q: string, limit = 10) => {
    const response = await get(`/v1/taxonomy/occupations?q=${encodeURIComponent(q)}&limit=${limit}`);
    t.equal(response.statusCode, 200, q);
    return (response.json().items as Array<{ label: string }>).map((item) => item.label);
  };
  t.equal((await labelsFor('glazenwasser'))[0], 'glazenwasser');
  t.ok((await labelsFor('vakkenvuller')).includes('schappenvuller'), 'vakkenvuller finds schappenvuller');
  t.equal((await labelsFor('orderpicker'))[0], 'orderpicker');
  t.equal((await labelsFor('schoonmaakmedewerker'))[0], 'schoonmaker gebouwen', 'schoonmaakmedewerker is an alternative label of building cleaner');

  t.equal((await labelsFor('heftruckchaufeur'))[0], 'heftruckchauffeur', 'a typo is tolerated');
  t.equal((await labelsFor('vrachtwagenchaufeur'))[0], 'vrachtwagenchauffeur', 'a typo is tolerated');

  const drivers = await labelsFor('chauffeur', 50);
  t.ok(drivers.includes('heftruckchauffeur'), 'the head noun "chauffeur" finds heftruckchauffeur');
  t.ok(drivers.includes('vrachtwagenchauffeur'), 'and vrachtwagenchauffeur');
  t.ok(drivers.includes('taxichauffeur'), 'and taxichauffeur');

  // A compound the taxonomy never writes: split into parts it knows.
  t.equal((await labelsFor('reachtruckmedewerker'))[0], 'heftruckchauffeur', 'reachtruck + medewerker');
});

/** The look-up's answers for a title: id, kind and label, best first. */
async function lookUp(q: string, limit = 10) {
  const response = await get(`/v1/taxonomy/occupations?q=${encodeURIComponent(q)}&limit=${limit}`);
  if (response.statusCode !== 200) throw new Error(`${q}: ${response.statusCode} ${response.body}`);
  return response.json().items as Array<{ id: string; uri: string; kind: string; label: string; code: string | null }>;
}

t.test('look-up class 1: a title as vacancies write it, with seniority, company, place and hours', async (t) => {
  const [first] = await lookUp('Senior Heftruckchauffeur bij Jansen Transport | Oosterhout (32 uur)');
  t.equal(first?.id, FORKLIFT, 'the occupation words decide, not the company or the place at the end');
  const service = (await lookUp('Medewerker Klantenservice ZZP')).map((item) => item.label);
  t.ok(
    service.slice(0, 3).some((label) => label.includes('klantenservice')),
    `specialisation kept: ${service.slice(0, 3).join(', ')}`,
  );
  const before = (await lookUp('vrachtwagenchauffeur'))[0];
  t.equal((await lookUp('Vrachtwagenchauffeur Regio Tilburg'))[0]?.id, before?.id, 'a region changes nothing');
});

t.test('look-up class 2: a compound with an unknown first part finds its head noun', async (t) => {
  const labels = (await lookUp('Blorkschilder', 5)).map((item) => item.label);
  t.ok(labels.length > 0 && labels.every((label) => label.includes('schilder')), `schilders: ${labels.join(', ')}`);
});

t.test('look-up class 3: ISCO groups are answers too, marked as such, after occupations that match as well', async (t) => {
  const items = await lookUp('bouwelektriciens');
  t.match(items[0], { kind: 'iscoGroup', code: '7411', uri: 'http://data.europa.eu/esco/isco/C7411', id: 'C7411' }, 'the group by its own name');
  const forklift = await lookUp('heftruckchauffeur');
  t.equal(forklift[0]?.kind, 'occupation', 'the occupation before its group');
  t.ok(forklift.every((item) => item.kind === 'occupation' || item.kind === 'iscoGroup'));
  const detail = await get('/v1/taxonomy/occupations/C7411');
  t.equal(detail.statusCode, 400, 'a group has no occupation detail');
});

t.test('look-up class 4: words that never meet: English titles and curated Dutch synonyms', async (t) => {
  t.equal((await lookUp('forklift driver'))[0]?.id, FORKLIFT, 'an English alternative label');
  t.equal((await lookUp('warehouse order picker'))[0]?.label, 'orderpicker');
  t.equal((await lookUp('CE chauffeur'))[0]?.id, TRUCK_DRIVER, 'a licence class names the vehicle');
  t.equal((await lookUp('sjouwer'))[0]?.label, 'verhuizer', 'sjouwer and verhuizer share no word');
});

t.test('look-up class 5: a compound looks for its head noun, not for a false friend of its first part', async (t) => {
  const items = await lookUp('patiëntenvoorlichter', 5);
  t.not(items[0]?.label, 'patiëntenvervoerder', 'not the patient transporter');
  t.ok(
    items.slice(0, 5).some((item) => /voorlicht/.test(item.label)),
    `a voorlichter: ${items.map((item) => item.label).join(', ')}`,
  );
});

t.test('skills are found by their Dutch label, and where ESCO has none by the English one', async (t) => {
  const dutch = await get('/v1/taxonomy/skills?q=afval%20sorteren&limit=5');
  t.equal(dutch.statusCode, 200);
  t.equal(dutch.json().items[0]?.label, 'afval sorteren');
  t.equal(dutch.json().items[0]?.labelLanguage, 'nl');
  const english = await get('/v1/taxonomy/skills?q=operate%20forklift&limit=5');
  t.equal(english.json().items[0]?.label, 'operate forklift');
  t.equal(english.json().items[0]?.labelLanguage, 'en');
  t.equal(english.json().items[0]?.id, '28cb374e-6261-4133-8371-f9a5470145da');
});

t.test('an occupation with its essential and optional skills; English labels marked as such', async (t) => {
  const response = await get(`/v1/taxonomy/occupations/${FORKLIFT}`);
  t.equal(response.statusCode, 200);
  const detail = response.json();
  t.equal(detail.label, 'heftruckchauffeur');
  t.equal(detail.labelEn, 'forklift operator');
  t.equal(detail.code, '8344.1');
  t.same(detail.iscoGroup, { code: '8344', label: detail.iscoGroup.label });
  t.ok(detail.iscoGroup.label, 'ISCO group with its Dutch name');
  t.equal(detail.regulated, false);
  t.equal(detail.descriptionLanguage, 'nl');
  t.ok(detail.altLabels.includes('vorkheftruckbestuurder'));
  t.ok(detail.essentialSkills.length >= 20, `${detail.essentialSkills.length} essential skills`);
  t.ok(detail.optionalSkills.length >= 1, `${detail.optionalSkills.length} optional skills`);
  const operate = detail.essentialSkills.find((skill: { id: string }) => skill.id === '28cb374e-6261-4133-8371-f9a5470145da');
  t.match(operate, { label: 'operate forklift', labelLanguage: 'en', skillType: 'skill/competence' }, 'English fallback, marked');
  const dutch = detail.essentialSkills.find((skill: { labelLanguage: string }) => skill.labelLanguage === 'nl');
  t.ok(dutch, 'skills with a Dutch label come with it');
  t.equal(detail.essentialSkills[0].labelLanguage, 'nl', 'Dutch labels first');

  const truck = await get(`/v1/taxonomy/occupations/${TRUCK_DRIVER.toUpperCase()}`);
  t.equal(truck.statusCode, 200, 'an id in capitals is the same id');
  t.equal(truck.json().label, 'vrachtwagenchauffeur');
});

t.test('suggested competencies: essential → should, optional → trainable, ready for a vacancy', async (t) => {
  const response = await get(`/v1/taxonomy/occupations/${FORKLIFT}/suggested-competencies`, tenant.employerA.user);
  t.equal(response.statusCode, 200, 'an employer user may read the taxonomy');
  const body = response.json();
  t.equal(body.occupationLabel, 'heftruckchauffeur');
  const detail = (await get(`/v1/taxonomy/occupations/${FORKLIFT}`)).json();
  const essential = detail.essentialSkills.length;
  t.ok(body.competencies.length <= 40, 'no more than a vacancy takes');
  t.equal(body.competencies.length + body.omitted, essential + detail.optionalSkills.length);
  t.ok(body.competencies.slice(0, Math.min(essential, 40)).every((c: { importance: string }) => c.importance === 'should'));
  t.ok(body.competencies.slice(essential).every((c: { importance: string }) => c.importance === 'trainable'));
  t.match(body.competencies[0], { skillUri: /^http:\/\/data\.europa\.eu\/esco\/skill\//, label: String });

  // They go into a vacancy as they are.
  const posted = await app.inject({
    method: 'POST',
    url: '/v1/vacancies',
    headers: bearer(tenant.employerA.user),
    payload: vacancyBody({
      locationId: tenant.employerA.location.id,
      title: 'Heftruckchauffeur',
      occupationUri: `http://data.europa.eu/esco/occupation/${FORKLIFT}`,
      competencies: body.competencies,
    }),
  });
  t.equal(posted.statusCode, 201, 'the vacancy takes them as they are');
  t.equal(posted.json().competencies.length, body.competencies.length);
});

t.test('bad input: problem+json 400 for a long query or a bad id, 404 for an unknown occupation', async (t) => {
  const long = await get(`/v1/taxonomy/occupations?q=${'a'.repeat(101)}`);
  t.equal(long.statusCode, 400);
  t.match(long.headers['content-type'], /application\/problem\+json/);
  t.equal(long.json().code, 'request.invalid');
  t.equal(long.json().errors[0].pointer, '/querystring/q');

  const skills = await get(`/v1/taxonomy/skills?q=${'b'.repeat(101)}`);
  t.equal(skills.statusCode, 400);

  const limit = await get('/v1/taxonomy/occupations?q=kok&limit=500');
  t.equal(limit.statusCode, 400);

  const unknown = await get('/v1/taxonomy/occupations/00000000-0000-4000-8000-000000000000');
  t.equal(unknown.statusCode, 404);
  t.match(unknown.headers['content-type'], /application\/problem\+json/);
  t.equal(unknown.json().code, 'taxonomy.occupation_not_found');
  t.equal(unknown.json().title, 'Beroep niet gevonden');

  const unknownSuggestions = await get('/v1/taxonomy/occupations/00000000-0000-4000-8000-000000000000/suggested-competencies');
  t.equal(unknownSuggestions.statusCode, 404);
  t.equal(unknownSuggestions.json().code, 'taxonomy.occupation_not_found');

  const badId = await get('/v1/taxonomy/occupations/heftruckchauffeur');
  t.equal(badId.statusCode, 400);
  t.equal(badId.json().code, 'request.invalid');

  const anonymous = await app.inject({ method: 'GET', url: '/v1/taxonomy/occupations?q=kok' });
  t.equal(anonymous.statusCode, 401, 'the taxonomy is for signed-in users');
});

t.test('a single folder with one language imports on its own', async (t) => {
  const database = await createTestDatabase(t, { isolated: true }); // the taxonomy is shared by all tenants
  const set = await readEscoFolder(path.join(ESCO_DIR, 'nl'));
  t.equal(set.occupations.size, 3_039, 'duplicate rows merged');
  t.equal(set.occupationSkills, null, 'the Dutch folder has no occupation–skill relations');
  const summary = await writeEscoSet({ db: database.db, set, clock });
  t.equal(summary.occupations.written, 3_039);
  t.equal(summary.skills.withDutchLabel, 2_367);
  const counts = await taxonomyRepository(database.db).counts();
  t.equal(counts.occupations, 3_039);
  t.equal(counts.occupationSkills, 0);
  await t.rejects(readEscoFolder(path.join(ESCO_DIR, '..', 'geo')), /No ESCO occupations file/);
});

t.test('the skills hierarchy is kept: broader skills and skill groups, for the matcher’s partial credit', async (t) => {
  t.ok(world.summary.skillBroader !== null && world.summary.skillBroader.read > 19_000, `${world.summary.skillBroader?.read} skill → broader links`);
  const kinds = await database.db.execute<{ kind: string; n: number }>(
    sql`select broader_kind as kind, count(*)::int as n from taxonomy_skill_broader group by 1 order by 1`,
  );
  t.ok(kinds.rows.find((row) => row.kind === 'group')!.n > 13_000, 'skills in their groups');
  t.ok(kinds.rows.find((row) => row.kind === 'skill')!.n > 6_000, 'narrower skills under broader ones');
  const again = await writeEscoSet({ db: database.db, set: world.set, clock });
  t.same(again.skillBroader, { read: world.summary.skillBroader!.read, written: 0, removed: 0 }, 'a second run writes nothing');
});

/*
 * Issue 13's scenario: a vacancy built from suggested-competencies after the ESCO import, and
 * candidates who describe what they can do in their own words or with a neighbouring concept, ranked
 * by competence with every credited pair named.
 */
t.test('a vacancy from suggested competencies ranks candidates described in their own words', async (t) => {
  const suggested = (await get(`/v1/taxonomy/occupations/${FORKLIFT}/suggested-competencies`)).json<{
    competencies: Array<{ skillUri: string; label: string; importance: 'should' | 'trainable' }>;
  }>();
  const competencies = suggested.competencies
    .slice(0, 6)
    .map((competency, index) => ({ ...competency, importance: index < 3 ? ('must' as const) : competency.importance }));
  const created = await app.inject({
    method: 'POST',
    url: '/v1/vacancies',
    headers: bearer(tenant.employerRelations),
    payload: vacancyBody({
      employerId: tenant.employerA.employer.id,
      locationId: tenant.employerA.location.id,
      status: 'open',
      title: 'Heftruckchauffeur',
      competencies,
      shiftPattern: {
        kind: 'fixed',
        shifts: [{ dayPart: 'day', start: '08:30', end: '16:30', weekdays: ['mon', 'tue', 'wed', 'thu', 'fri'], required: true }],
      },
    } as never),
  });
  t.equal(created.statusCode, 201, created.body);
  const vacancyId = created.json().id as string;

  // Own words: the longest word of each must, as a person would say it, without a concept.
  const ownWords = competencies.slice(0, 3).map((competency) => competency.label.split(/\s+/).sort((a, b) => b.length - a.length)[0]!);
  const related = await createMatchingRepository(database.db).relatedSkills(competencies.map((competency) => competency.skillUri));
  const links = competencies.flatMap((competency) => related.get(competency.skillUri) ?? []);
  const neighbour = links.find((link) => link.relation === 'hierarchy');
  // The real taxonomy links these skills every way the matcher credits (the look-up is what feeds it).
  t.ok(neighbour, 'a broader or narrower skill of a wanted one is known');
  t.ok(
    links.some((link) => link.relation === 'group'),
    'skills of the same group are known',
  );
  // A ranking reads them with the vacancy, in the same statement: the same links, in the same order.
  const target = await createMatchingRepository(database.db).vacancyInput({ tenantId: tenant.tenantId, id: vacancyId });
  t.same([...target!.related], [...related], 'the links read with the vacancy are the links of its skills');
  const person = async (name: string, skills: Array<{ label: string; skillUri?: string }>) => {
    const created = await createCandidate(app, tenant.accountManager, {
      contact: { givenName: name, familyName: 'Scenario', dateOfBirth: '1990-01-01', email: 'scenario@test.example' },
    });
    const intake = await app.inject({
      method: 'POST',
      url: `/v1/candidates/${created.id}/intakes`,
      headers: bearer(tenant.accountManager),
      payload: intakeV2({ competencies: skills.map((skill) => ({ ...skill, level: 3, evidence: 'work_experience' })) }),
    });
    t.equal(intake.statusCode, 201, intake.body);
    return created.id;
  };
  const inOwnWords = await person(
    'Eigen',
    ownWords.map((label) => ({ label })),
  );
  const nothingShared = await person('Anders', [{ label: 'kinderen voorlezen' }]);
  const byNeighbour = await person('Buur', [{ label: 'iets verwants', skillUri: neighbour!.uri }]);

  const ranked = (await get(`/v1/vacancies/${vacancyId}/matches?limit=100`)).json<{
    items: Array<{
      candidate: { id: string };
      factors: Array<{ factor: string; score: number }>;
      competencyPairs: Array<{ have: string | null; kind: string | null }>;
      reasons: string[];
    }>;
  }>();
  const item = (id: string) => ranked.items.find((entry) => entry.candidate.id === id)!;
  const competenceOf = (id: string) => item(id).factors.find((factor) => factor.factor === 'competencies')!.score;
  t.ok(competenceOf(inOwnWords) > 0, `own words earn credit (${competenceOf(inOwnWords)})`);
  t.equal(competenceOf(nothingShared), 0, 'unrelated words earn none');
  t.ok(ranked.items.indexOf(item(inOwnWords)) < ranked.items.indexOf(item(nothingShared)), 'ranked by competence');
  t.ok(
    item(inOwnWords).competencyPairs.some((pair) => pair.kind === 'words' && ownWords.includes(pair.have!)),
    'the pairs are named',
  );
  t.ok(
    item(inOwnWords).reasons.some((reason) => /^Heeft '.+' \(werkervaring\); gevraagd: '.+'$/.test(reason)),
    item(inOwnWords).reasons.join(' | '),
  );
  t.ok(
    item(byNeighbour).competencyPairs.some((pair) => pair.kind === 'hierarchy'),
    'a broader or narrower concept earns credit through the hierarchy',
  );
  t.ok(competenceOf(byNeighbour) > 0);
});
