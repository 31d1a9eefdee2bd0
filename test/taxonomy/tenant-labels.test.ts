import { mkdir, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import t from 'tap';
import { readCsvFile } from '../../src/taxonomy/csv.js';
import { readEscoFolder, writeEscoSet } from '../../src/taxonomy/esco-import.js';
import { bearer, buildTenant } from '../support/factories.js';
import { testWorkDir } from '../support/harness.js';
import { form, sessionCookieFor } from '../support/pages.js';
import { buildTaxonomyApp, ESCO_DIR } from './taxonomy-app.js';

/*
 * Issue 13.3: a Werkplein's own Dutch label and synonyms for a concept. ESCO has Dutch labels for
 * only 2,367 of its ~13,900 skills; "operate forklift" is one without. The test imports a slice of
 * the shared ESCO files (the forklift operator and its skills, written to this run's work folder,
 * never into the project), lets one tenant's admin name the skill in Dutch, and shows that its
 * look-ups, suggestions and occupation pages use those words, that another tenant never sees
 * them, and that a second import keeps them.
 */

const FORKLIFT = 'eeac6251-1974-42f5-91ed-513c6c883755';
const OPERATE_FORKLIFT = '28cb374e-6261-4133-8371-f9a5470145da';
const OPERATE_FORKLIFT_URI = `http://data.europa.eu/esco/skill/${OPERATE_FORKLIFT}`;
const clock = { now: () => new Date() };

/** Writes records as CSV, every field quoted (RFC 4180). */
function csv(header: string[], rows: Array<Record<string, string>>): string {
  const quote = (value: string) => `"${value.replaceAll('"', '""')}"`;
  return [header.map(quote).join(','), ...rows.map((row) => header.map((column) => quote(row[column] ?? '')).join(','))].join('\n') + '\n';
}

/** Copies the rows of an ESCO file that `keep` accepts; none kept, no file. */
async function slice(from: string, to: string, keep: (row: Record<string, string>) => boolean): Promise<number> {
  let header: string[] | null = null;
  const rows: Array<Record<string, string>> = [];
  for await (const row of readCsvFile(from)) {
    header ??= Object.keys(row);
    if (keep(row)) rows.push(row);
  }
  if (header && rows.length > 0) await writeFile(to, csv(header, rows));
  return rows.length;
}

/** The forklift operator and its skills, from both languages of the shared export. */
async function forkliftSlice(dir: string): Promise<void> {
  const occupation = `http://data.europa.eu/esco/occupation/${FORKLIFT}`;
  const skills = new Set<string>();
  const relations = 'occupationSkillRelations.csv';
  await mkdir(path.join(dir, 'en-v1.1.1'), { recursive: true });
  await slice(
    path.join(ESCO_DIR, 'en-v1.1.1', relations),
    path.join(dir, 'en-v1.1.1', relations),
    (row) => row.occupationUri === occupation && skills.add(row.skillUri!) !== undefined,
  );
  for (const language of ['en-v1.1.1', 'nl']) {
    await mkdir(path.join(dir, language), { recursive: true });
    for (const file of await readdir(path.join(ESCO_DIR, language))) {
      const [from, to] = [path.join(ESCO_DIR, language, file), path.join(dir, language, file)];
      if (/^occupations_..\.csv$/.test(file)) await slice(from, to, (row) => row.conceptUri === occupation);
      else if (/^(skills_..|[a-z]+SkillsCollection_..)\.csv$/.test(file)) await slice(from, to, (row) => skills.has(row.conceptUri!));
    }
  }
}

/** The slice as a later ESCO release that renames one skill: the import rewrites its row. */
async function nextRelease(from: string, to: string, rename: { uri: string; label: string }): Promise<void> {
  for (const language of await readdir(from)) {
    await mkdir(path.join(to, language), { recursive: true });
    for (const file of await readdir(path.join(from, language))) {
      await slice(path.join(from, language, file), path.join(to, language, file), (row) => {
        if (file === 'skills_en.csv' && row.conceptUri === rename.uri) row.preferredLabel = rename.label;
        return true;
      });
    }
  }
}

const world = await (async () => {
  const setup = await buildTaxonomyApp(t);
  const dir = path.join(testWorkDir(), 'esco-forklift-slice');
  await forkliftSlice(dir);
  const summary = await writeEscoSet({ db: setup.database.db, set: await readEscoFolder(dir), clock });
  await setup.taxonomy.reindex();
  const home = await buildTenant(setup.database.db, { name: 'Werkplein Thuis' });
  const other = await buildTenant(setup.database.db, { name: 'Werkplein Elders' });
  return { ...setup, dir, summary, home, other };
})();
const { app, database, home, other } = world;

type Hit = { id: string; uri: string; label: string; labelLanguage: string; labelSource: string };
const get = (url: string, account: { token: string }) => app.inject({ method: 'GET', url, headers: bearer(account) });
const putLabels = (id: string, payload: unknown, account: { token: string } = home.admin) =>
  app.inject({ method: 'PUT', url: `/v1/taxonomy/skills/${id}/labels`, headers: bearer(account), payload: payload as object });
const searchSkills = async (q: string, account: { token: string }) => {
  const response = await get(`/v1/taxonomy/skills?q=${encodeURIComponent(q)}&limit=5`, account);
  if (response.statusCode !== 200) throw new Error(`${q}: ${response.statusCode} ${response.body}`);
  return response.json().items as Hit[];
};
const suggest = async (texts: string[], account: { token: string }) => {
  const response = await app.inject({ method: 'POST', url: '/v1/taxonomy/skills/suggestions', headers: bearer(account), payload: { texts, limit: 3 } });
  if (response.statusCode !== 200) throw new Error(`${response.statusCode} ${response.body}`);
  return response.json().items as Array<{ text: string; suggestions: Hit[] }>;
};
const essentialSkill = async (account: { token: string }) => {
  const detail = (await get(`/v1/taxonomy/occupations/${FORKLIFT}`, account)).json<{ essentialSkills: Hit[] }>();
  return detail.essentialSkills.find((skill) => skill.id === OPERATE_FORKLIFT);
};

t.test('the slice holds an English-only skill, shown in English and marked as such', async (t) => {
  t.ok(world.summary.skills.read >= 20, `${world.summary.skills.read} skills of the forklift operator`);
  t.ok(world.summary.skills.withDutchLabel >= 1, `${world.summary.skills.withDutchLabel} of them with a Dutch label`);
  const skill = (await get(`/v1/taxonomy/skills/${OPERATE_FORKLIFT}`, home.accountManager)).json();
  t.match(skill, { label: 'operate forklift', labelLanguage: 'en', labelSource: 'taxonomy', taxonomyLabel: null, tenantLabel: null, tenantSynonyms: [] });
  t.match(await essentialSkill(home.accountManager), { label: 'operate forklift', labelLanguage: 'en', labelSource: 'taxonomy' });
  t.notOk(
    (await searchSkills('heftruck rijden', home.accountManager)).some((hit) => hit.id === OPERATE_FORKLIFT),
    'Dutch words do not find it yet',
  );
});

t.test('an admin gives the skill the Werkplein’s own Dutch label and synonyms (audited)', async (t) => {
  const response = await putLabels(OPERATE_FORKLIFT, {
    label: '  heftruck   rijden ',
    synonyms: ['vorkheftruck besturen', 'Heftruck rijden', 'reachtruck rijden', 'vorkheftruck  besturen'],
  });
  t.equal(response.statusCode, 200, response.body);
  t.match(response.json(), {
    id: OPERATE_FORKLIFT,
    label: 'heftruck rijden',
    labelLanguage: 'nl',
    labelSource: 'tenant',
    tenantLabel: 'heftruck rijden',
    labelEn: 'operate forklift',
    taxonomyLabel: null,
  });
  t.same(response.json().tenantSynonyms, ['vorkheftruck besturen', 'reachtruck rijden'], 'tidied: each once, never the label itself');
  const audited = await database.db.execute<{ action: string; subject_type: string; subject_id: string; details: { synonyms: string[] } }>(
    sql`select action, subject_type, subject_id::text, details from audit_log where tenant_id = ${home.tenantId} and action = 'taxonomy.labels_change'`,
  );
  t.equal(audited.rows.length, 1, 'one audit row');
  t.match(audited.rows[0], {
    subject_type: 'taxonomy_skill',
    subject_id: OPERATE_FORKLIFT,
    details: { synonyms: ['vorkheftruck besturen', 'reachtruck rijden'] },
  });
  t.same(
    (await get(`/v1/taxonomy/skills/${OPERATE_FORKLIFT}`, home.employerA.user)).json().label,
    'heftruck rijden',
    'the detail shows it to anyone of the Werkplein',
  );
});

t.test('the Werkplein’s words find the skill and its label is shown, in look-ups, suggestions and occupations', async (t) => {
  for (const q of ['heftruck rijden', 'vorkheftruck besturen', 'Reachtruck rijden', 'heftr']) {
    const [first] = await searchSkills(q, home.accountManager);
    t.match(first, { id: OPERATE_FORKLIFT, label: 'heftruck rijden', labelLanguage: 'nl', labelSource: 'tenant' }, `"${q}" → the skill, first, in Dutch`);
  }
  const [suggested] = await suggest(['vorkheftruck besturen in het magazijn'], home.accountManager);
  t.match(
    suggested!.suggestions[0],
    { id: OPERATE_FORKLIFT, label: 'heftruck rijden', labelLanguage: 'nl', labelSource: 'tenant' },
    'a suggestion for the person’s own words',
  );
  t.match(await essentialSkill(home.accountManager), { label: 'heftruck rijden', labelLanguage: 'nl', labelSource: 'tenant' }, 'in the occupation’s skills');
  const competencies = (await get(`/v1/taxonomy/occupations/${FORKLIFT}/suggested-competencies`, home.employerA.user)).json().competencies as Array<{
    skillUri: string;
    label: string;
  }>;
  t.equal(competencies.find((competency) => competency.skillUri === OPERATE_FORKLIFT_URI)?.label, 'heftruck rijden', 'a vacancy takes the Werkplein’s label');
  const english = await searchSkills('operate forklift', home.accountManager);
  t.match(english[0], { id: OPERATE_FORKLIFT, label: 'heftruck rijden' }, 'found by its English label too, shown in Dutch');
});

t.test('another Werkplein never sees them', async (t) => {
  for (const q of ['heftruck rijden', 'vorkheftruck besturen', 'reachtruck rijden']) {
    const hits = await searchSkills(q, other.accountManager);
    t.notOk(
      hits.some((hit) => hit.id === OPERATE_FORKLIFT || hit.label === 'heftruck rijden'),
      `"${q}" finds nothing of the other Werkplein's`,
    );
  }
  const [suggested] = await suggest(['vorkheftruck besturen in het magazijn'], other.accountManager);
  t.notOk(
    suggested!.suggestions.some((hit) => hit.labelSource === 'tenant'),
    'no suggestion from the other Werkplein’s words',
  );
  t.match((await searchSkills('operate forklift', other.accountManager))[0], {
    id: OPERATE_FORKLIFT,
    label: 'operate forklift',
    labelLanguage: 'en',
    labelSource: 'taxonomy',
  });
  t.match(await essentialSkill(other.accountManager), { label: 'operate forklift', labelLanguage: 'en' });
  t.match((await get(`/v1/taxonomy/skills/${OPERATE_FORKLIFT}`, other.admin)).json(), { label: 'operate forklift', tenantLabel: null, tenantSynonyms: [] });
});

t.test('suggestions put Dutch-labelled concepts before English-only ones (issue 13.1, kept)', async (t) => {
  const detail = (await get(`/v1/taxonomy/occupations/${FORKLIFT}`, other.accountManager)).json<{ essentialSkills: Hit[]; optionalSkills: Hit[] }>();
  const skills = [...detail.essentialSkills, ...detail.optionalSkills];
  const dutch = skills.find((skill) => skill.labelLanguage === 'nl')!;
  t.ok(dutch, dutch?.label);
  // Its English label finds it (through labelEn) and English-only concepts that share words. A check
  // that the order holds with tenant words in play; in this slice the index already ranks it first.
  const { labelEn } = (await get(`/v1/taxonomy/skills/${dutch.id}`, other.accountManager)).json<{ labelEn: string }>();
  const response = await app.inject({
    method: 'POST',
    url: '/v1/taxonomy/skills/suggestions',
    headers: bearer(other.accountManager),
    payload: { texts: [labelEn], limit: 10 },
  });
  const languages = (response.json().items[0].suggestions as Hit[]).map((hit) => hit.labelLanguage);
  t.ok(languages.includes('nl') && languages.includes('en'), languages.join(', '));
  t.same(
    languages,
    [...languages].sort((a, b) => (a === b ? 0 : a === 'nl' ? -1 : 1)),
    'every Dutch-labelled one first',
  );
});

t.test('the employer’s vacancy form: the Werkplein’s label, or English marked lang="en"', async (t) => {
  const competencyLabel = async (account: typeof home.employerA.user) => {
    const session = await sessionCookieFor(app, account);
    const body = form({ _csrf: session.csrf, titel: 'Heftruckchauffeur', beroep: `http://data.europa.eu/esco/occupation/${FORKLIFT}`, actie: 'beroep' });
    const page = await app.inject({
      method: 'POST',
      url: '/werkgever/vacatures/nieuw',
      headers: { cookie: session.cookie, ...body.headers },
      payload: body.payload,
    });
    t.equal(page.statusCode, 200);
    const index = new RegExp(`name="v(\\d+)-uri" value="${OPERATE_FORKLIFT_URI}"`).exec(page.body)?.[1];
    t.ok(index, 'the skill is offered');
    return new RegExp(`<label class="utrecht-form-label" for="veld-v${index}"[^>]*>[^<]*</label>`).exec(page.body)?.[0];
  };
  const own = await competencyLabel(home.employerA.user);
  t.match(own, /^<label [^>]*>heftruck rijden<\/label>$/, 'this Werkplein’s Dutch label');
  t.notMatch(own, /lang=/, 'in the page’s language');
  t.match(await competencyLabel(other.employerA.user), /^<label [^>]*lang="en"[^>]*>operate forklift<\/label>$/, 'elsewhere the English label, marked');
});

t.test('a second import keeps them, also when ESCO changes the skill', async (t) => {
  const dir = path.join(testWorkDir(), 'esco-forklift-slice-next');
  await nextRelease(world.dir, dir, { uri: OPERATE_FORKLIFT_URI, label: 'operate a forklift truck' });
  const summary = await writeEscoSet({ db: database.db, set: await readEscoFolder(dir), clock });
  t.equal(summary.skills.written, 1, 'the changed skill was rewritten');
  await world.taxonomy.reindex();
  const skill = (await get(`/v1/taxonomy/skills/${OPERATE_FORKLIFT}`, home.accountManager)).json();
  t.match(skill, {
    label: 'heftruck rijden',
    labelSource: 'tenant',
    labelEn: 'operate a forklift truck',
    tenantSynonyms: ['vorkheftruck besturen', 'reachtruck rijden'],
  });
  t.match(
    (await searchSkills('vorkheftruck besturen', home.accountManager))[0],
    { id: OPERATE_FORKLIFT, label: 'heftruck rijden' },
    'still found by the synonym',
  );
  t.match((await get(`/v1/taxonomy/skills/${OPERATE_FORKLIFT}`, other.accountManager)).json(), { label: 'operate a forklift truck', labelLanguage: 'en' });
});

t.test('only synonyms: the taxonomy’s label stays; nothing at all: the Werkplein’s words are gone', async (t) => {
  const synonymsOnly = await putLabels(OPERATE_FORKLIFT, { synonyms: ['heftruck rijden'] });
  t.equal(synonymsOnly.statusCode, 200);
  t.match(synonymsOnly.json(), {
    label: 'operate a forklift truck',
    labelLanguage: 'en',
    labelSource: 'taxonomy',
    tenantLabel: null,
    tenantSynonyms: ['heftruck rijden'],
  });
  t.match(
    (await searchSkills('heftruck rijden', home.accountManager))[0],
    { id: OPERATE_FORKLIFT, labelLanguage: 'en' },
    'found by the synonym, shown in English, marked',
  );
  const cleared = await putLabels(OPERATE_FORKLIFT, { label: null, synonyms: [] });
  t.equal(cleared.statusCode, 200);
  t.match(cleared.json(), { tenantLabel: null, tenantSynonyms: [] });
  t.notOk(
    (await searchSkills('heftruck rijden', home.accountManager)).some((hit) => hit.id === OPERATE_FORKLIFT),
    'no longer found by it',
  );
  const rows = await database.db.execute(sql`select 1 from tenant_concept_labels where tenant_id = ${home.tenantId}`);
  t.equal(rows.rows.length, 0, 'no row left');
});

t.test('bad requests: problem+json; only admins may change the words', async (t) => {
  const staff = await putLabels(OPERATE_FORKLIFT, { label: 'heftruck rijden' }, home.accountManager);
  t.equal(staff.statusCode, 403, 'an account manager may not');
  t.match(staff.headers['content-type'], /application\/problem\+json/);
  const unknown = await putLabels('00000000-0000-4000-8000-000000000000', { label: 'iets' });
  t.equal(unknown.statusCode, 404);
  t.match(unknown.headers['content-type'], /application\/problem\+json/);
  t.equal(unknown.json().code, 'taxonomy.skill_not_found');
  t.equal(unknown.json().title, 'Vaardigheid niet gevonden');
  t.equal((await get('/v1/taxonomy/skills/00000000-0000-4000-8000-000000000000', home.accountManager)).json().code, 'taxonomy.skill_not_found');
  for (const [payload, pointer] of [
    [{ label: '' }, '/body/label'],
    [{ label: 'x'.repeat(201) }, '/body/label'],
    [{ synonyms: Array.from({ length: 21 }, (_, index) => `woord ${index}`) }, '/body/synonyms'],
    [{ synonyms: ['  '] }, '/body/synonyms/0'],
    [{ label: 'heftruck', colour: 'rood' }, '/body'],
  ] as const) {
    const response = await putLabels(OPERATE_FORKLIFT, payload);
    t.equal(response.statusCode, 400, JSON.stringify(payload));
    t.equal(response.json().code, 'request.invalid');
    t.ok(
      response.json().errors.some((error: { pointer: string }) => error.pointer === pointer),
      `${JSON.stringify(response.json().errors)} points at ${pointer}`,
    );
  }
  const bad = await putLabels('heftruck', { label: 'heftruck' });
  t.equal(bad.statusCode, 400, 'an id that is no UUID');
  const audited = await database.db.execute(sql`select 1 from audit_log where tenant_id = ${home.tenantId} and action = 'taxonomy.labels_change'`);
  t.equal(audited.rows.length, 3, 'refused requests are not audited (three changes before)');
});
