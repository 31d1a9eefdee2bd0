import { existsSync } from 'node:fs';
import { mkdtemp, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { createGunzip } from 'node:zlib';
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { sql } from 'drizzle-orm';
import type { JobPosting } from 'schema-dts';
import t from 'tap';
import { runCli } from '../support/cli.js';
import { bearer, buildTenant, createCandidate, vacancyBody, type TenantWorld } from '../support/factories.js';
import { buildTestApp, createTestDatabase, fixedClock, testWorkDir } from '../support/harness.js';
import type { Db } from '../../db/client.js';
import type { ImportLineResult } from '../../src/vacancies/vacancies.import.js';
import { jobPostingFeedSchema } from '../../src/vacancies/vacancies.schemas.js';

/*
 * Issue 19.3: open vacancies an employer marked public, as schema.org JobPostings in a public,
 * cacheable feed per Werkplein; and `npm run vacancies:import` reading JobPostings into an
 * employer's drafts, through the vacancy service.
 */

const NHS_FILE = path.resolve('..', 'shared', 'data', 'vacancies', 'nhs_schemaorg_jobpostings.jsonl.gz');

async function slugOf(db: Db, tenantId: string): Promise<string> {
  const rows = await db.execute<{ slug: string }>(sql`select slug from tenants where id = ${tenantId}`);
  return rows.rows[0]!.slug;
}

/** The fields job boards require of a JobPosting (Google for Jobs, Indeed), and that we promise. */
function missingRequired(posting: Record<string, unknown>): string[] {
  const get = (dotted: string) => dotted.split('.').reduce<unknown>((value, key) => (value as Record<string, unknown> | undefined)?.[key], posting);
  const required = [
    'title',
    'description',
    'datePosted',
    'validThrough',
    'employmentType',
    'hiringOrganization.name',
    'jobLocation.address.addressLocality',
    'jobLocation.address.postalCode',
    'jobLocation.address.addressCountry',
    'workHours',
  ];
  return required.filter((field) => {
    const value = get(field);
    return value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0);
  });
}

/*
 * The JSON-LD is typed with schema-dts (src/vacancies/vacancies.jobposting.ts): tsc refuses a property
 * that schema.org's JobPosting does not have, or a wrong kind of value. `npm run typecheck` fails
 * when these lines stop being errors.
 */
export const notAJobPosting: JobPosting[] = [
  // @ts-expect-error salaryHidden is no JobPosting property
  { '@type': 'JobPosting', title: 'x', salaryHidden: true },
  // @ts-expect-error a hiringOrganization is an Organization, not a Place
  { '@type': 'JobPosting', title: 'x', hiringOrganization: { '@type': 'Place', name: 'x' } },
];

async function post(app: import('fastify').FastifyInstance, world: TenantWorld, who: 'employerA' | 'employerB', body: Record<string, unknown>) {
  const employer = world[who];
  const response = await app.inject({
    method: 'POST',
    url: '/v1/vacancies',
    headers: bearer(employer.user),
    payload: vacancyBody({ locationId: employer.location.id, ...body }),
  });
  if (response.statusCode !== 201) throw new Error(`vacancy fixture failed: ${response.statusCode} ${response.body}`);
  return response.json<{ id: string; public: boolean }>();
}

t.test('the public feed has exactly the open public vacancies of the Werkplein, as JobPostings job boards accept, and no people', async (t) => {
  const clock = fixedClock(new Date('2026-11-25T09:00:00Z'));
  const { app, database } = await buildTestApp(t, { clock });
  const world = await buildTenant(database.db, { clock });
  const other = await buildTenant(database.db, { clock });
  const slug = await slugOf(database.db, world.tenantId);
  const candidate = await createCandidate(app, world.accountManager, {
    contact: { givenName: 'Zwaantje', familyName: 'Geheimnaam', email: 'zwaantje@test.example', phone: '06 1111 2222' },
  });
  t.ok(candidate.id);

  const published = await post(app, world, 'employerA', {
    status: 'open',
    public: true,
    title: 'Orderpicker vriesvak',
    description: 'Je pakt bestellingen in het vriesvak.\n\nJe werkt in een klein team & krijgt een jas <warm>.',
    salary: { min: 14.5, max: 16.25, period: 'HOUR' },
    validThrough: '2027-01-31',
    startDate: '2027-01-05',
  });
  t.equal(published.public, true, 'the API stores and shows the mark');
  const noEndDate = await post(app, world, 'employerB', {
    status: 'open',
    public: true,
    title: 'Heftruckchauffeur',
    contractType: 'permanent',
    hoursPerWeek: { min: 36, max: 40 },
    rampUpFromHours: null,
  });
  const notPublic = await post(app, world, 'employerA', { status: 'open', title: 'Niet openbaar' });
  const draft = await post(app, world, 'employerA', { public: true, title: 'Concept' });
  const expired = await post(app, world, 'employerA', { status: 'open', public: true, title: 'Verlopen', validThrough: '2026-11-01' });
  const elsewhere = await post(app, other, 'employerA', { status: 'open', public: true, title: 'Ander Werkplein' });

  const response = await app.inject({ method: 'GET', url: `/v1/public/${slug}/jobpostings` });
  t.equal(response.statusCode, 200, 'no token needed');
  t.match(response.headers['content-type'], /^application\/ld\+json/);
  t.match(response.headers['cache-control'], /public, max-age=\d+/);
  t.equal(response.headers['access-control-allow-origin'], '*');
  t.ok(response.headers.etag, 'an ETag');
  const feed = response.json();
  t.ok(jobPostingFeedSchema.safeParse(feed).success, 'the feed matches the schema of the OpenAPI document');
  t.equal(feed['@context'], 'https://schema.org');
  const postings = feed['@graph'] as Array<JobPosting & Record<string, unknown>>;
  const ids = postings.map((posting) => (posting.identifier as { value: string }).value);
  t.same(ids.sort(), [published.id, noEndDate.id].sort(), 'only open, public, not expired, this Werkplein');
  for (const leftOut of [notPublic, draft, expired, elsewhere]) t.notOk(ids.includes(leftOut.id));

  for (const posting of postings) {
    t.same(missingRequired(posting), [], `${posting.title as string}: every required field`);
    t.equal(posting['@type'], 'JobPosting');
  }
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- JSON-LD read field by field, as the assertions below do
  const first = postings.find((posting) => (posting.identifier as { value: string }).value === published.id)! as Record<string, any>;
  t.equal(first.title, 'Orderpicker vriesvak');
  t.equal(
    first.description,
    '<p>Je pakt bestellingen in het vriesvak.</p><p>Je werkt in een klein team &amp; krijgt een jas &lt;warm&gt;.</p>',
    'HTML, escaped',
  );
  t.equal(first.datePosted, '2026-11-25T09:00:00.000Z');
  t.equal(first.validThrough, '2027-01-31');
  t.same(first.employmentType, ['PART_TIME', 'CONTRACTOR'], 'agency work, 24–32 hours');
  t.same(first.hiringOrganization, { '@type': 'Organization', name: 'Werkgever A B.V.' });
  t.equal(first.jobLocation.address.addressLocality, 'Tilburg');
  t.equal(first.jobLocation.address.postalCode, '5047 AB');
  t.equal(first.jobLocation.address.addressCountry, 'NL');
  t.same(
    first.baseSalary,
    { '@type': 'MonetaryAmount', currency: 'EUR', value: { '@type': 'QuantitativeValue', minValue: 14.5, maxValue: 16.25, unitText: 'HOUR' } },
    'baseSalary when known',
  );
  t.match(first.workHours, /^24–32 uur per week; vroege dienst 06:00–14:00 \(ma, di, wo, do, vr\);.*; in drie ploegen/);
  t.equal(first.jobStartDate, '2027-01-05');
  t.equal(first.totalJobOpenings, 3);
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- JSON-LD read field by field, as the assertions below do
  const second = postings.find((posting) => (posting.identifier as { value: string }).value === noEndDate.id)! as Record<string, any>;
  t.equal(second.validThrough, '2026-12-25', 'no end date: 30 days on, renewed while open');
  t.same(second.employmentType, ['FULL_TIME']);
  t.notOk('baseSalary' in second, 'no baseSalary when the employer gave none');

  for (const secret of ['Zwaantje', 'Geheimnaam', 'zwaantje@test.example', 'Contact Werkgever', candidate.id, candidate.reference]) {
    t.notOk(response.body.includes(secret), `nothing about people in the feed: ${secret}`);
  }

  const again = await app.inject({ method: 'GET', url: `/v1/public/${slug}/jobpostings`, headers: { 'if-none-match': response.headers.etag as string } });
  t.equal(again.statusCode, 304, 'unchanged: 304');
  t.equal(again.body, '');

  // The employer takes the mark off: the vacancy leaves the feed, and the ETag changes.
  const patched = await app.inject({
    method: 'PATCH',
    url: `/v1/vacancies/${published.id}`,
    headers: bearer(world.employerA.user),
    payload: { public: false },
  });
  t.equal(patched.statusCode, 200);
  const after = await app.inject({ method: 'GET', url: `/v1/public/${slug}/jobpostings`, headers: { 'if-none-match': response.headers.etag as string } });
  t.equal(after.statusCode, 200);
  t.not(after.headers.etag, response.headers.etag);
  t.same(
    after.json()['@graph'].map((posting: { identifier: { value: string } }) => posting.identifier.value),
    [noEndDate.id],
  );

  const unknown = await app.inject({ method: 'GET', url: '/v1/public/bestaat-niet/jobpostings' });
  t.equal(unknown.statusCode, 404);
  t.match(unknown.headers['content-type'], /application\/problem\+json/);
  t.equal(unknown.json().code, 'vacancy.feed_not_found');
  await database.db.execute(sql`update tenants set disabled_at = now() where id = ${world.tenantId}`);
  const disabled = await app.inject({ method: 'GET', url: `/v1/public/${slug}/jobpostings` });
  t.equal(disabled.statusCode, 404, 'a disabled Werkplein publishes nothing (same answer as unknown)');
});

t.test('round trip: the feed of one Werkplein, imported into another employer’s drafts, keeps what a JobPosting can say', async (t) => {
  const clock = fixedClock(new Date('2026-11-25T09:00:00Z'));
  const database = await createTestDatabase(t);
  const { app } = await buildTestApp(t, { clock, database });
  const from = await buildTenant(database.db, { clock });
  const into = await buildTenant(database.db, { clock });
  const slug = await slugOf(database.db, from.tenantId);
  const intoSlug = await slugOf(database.db, into.tenantId);
  const sources = [
    await post(app, from, 'employerA', {
      status: 'open',
      public: true,
      title: 'Medewerker spoelkeuken',
      description: 'Je spoelt af in de keuken van een zorghuis.\nVanaf 7 uur.\n\nFijn team.',
      hoursPerWeek: { min: 20, max: 28 },
      rampUpFromHours: null,
      contractType: 'fixed_term',
      salary: { min: 2400, max: 2700, period: 'MONTH' },
      validThrough: '2027-02-28',
      startDate: '2027-01-04',
      positions: 2,
    }),
    await post(app, from, 'employerB', {
      status: 'open',
      public: true,
      title: 'Heftruckchauffeur',
      hoursPerWeek: { min: 38, max: 38 },
      rampUpFromHours: null,
      contractType: 'permanent',
    }),
  ];
  const feed = await app.inject({ method: 'GET', url: `/v1/public/${slug}/jobpostings` });
  const postings = feed.json()['@graph'] as unknown[];
  t.equal(postings.length, 2);
  const dir = await mkdtemp(path.join(testWorkDir(), 'jobpostings-'));
  const file = path.join(dir, 'feed.jsonl');
  await writeFile(file, `${postings.map((posting) => JSON.stringify(posting)).join('\n')}\n`);
  const target = into.employerB.employer.id;
  const count = async () =>
    (await database.db.execute<{ n: number }>(sql`select count(*)::int as n from vacancies where tenant_id = ${into.tenantId} and employer_id = ${target}`))
      .rows[0]!.n;

  const dry = await runCli({
    script: 'vacancies-import',
    args: ['--file', file, '--employer', target, '--tenant', intoSlug, '--dry-run'],
    databaseUrl: database.url,
  });
  t.equal(dry.code, 0, dry.stderr);
  t.match(dry.stdout, /Proefrun klaar, er is niets opgeslagen: 2 regels; 2 kunnen worden ingelezen, 0 al eerder ingelezen, 0 met fouten\./);
  t.equal(await count(), 0, 'a dry run stores nothing');

  const run = await runCli({ script: 'vacancies-import', args: ['--file', file, '--employer', target, '--tenant', intoSlug], databaseUrl: database.url });
  t.equal(run.code, 0, run.stderr);
  t.match(run.stdout, /Klaar: 2 regels; 2 ingelezen als concept, 0 al eerder ingelezen, 0 met fouten\./);
  t.match(run.stdout, /let op: Rooster onbekend: dagdienst op werkdagen aangenomen\./, 'what it assumed is said per line');
  t.equal(await count(), 2);

  const list = await app.inject({ method: 'GET', url: `/v1/vacancies?employerId=${target}`, headers: bearer(into.admin) });
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- JSON-LD read field by field, as the assertions below do
  const imported = list.json().items as Array<Record<string, any>>;
  const byTitle = new Map(imported.map((vacancy) => [vacancy.title, vacancy]));
  const kitchen = byTitle.get('Medewerker spoelkeuken')!;
  t.ok(kitchen, 'title kept');
  t.equal(kitchen.status, 'draft', 'imported as a draft');
  t.equal(kitchen.public, false, 'not public until the employer says so');
  t.equal(kitchen.employerId, target);
  t.equal(kitchen.description, 'Je spoelt af in de keuken van een zorghuis.\nVanaf 7 uur.\n\nFijn team.', 'description kept, line breaks and all');
  t.same(kitchen.hoursPerWeek, { min: 20, max: 28 });
  t.equal(kitchen.contractType, 'fixed_term');
  t.same(kitchen.salary, { min: 2400, max: 2700, period: 'MONTH' });
  t.equal(kitchen.validThrough, '2027-02-28');
  t.equal(kitchen.startDate, '2027-01-04');
  t.equal(kitchen.positions, 2);
  t.equal(kitchen.locationId, into.employerB.location.id, 'location: the employer’s own with the same postcode');
  t.equal(kitchen.location.city, 'Tilburg');
  const driver = byTitle.get('Heftruckchauffeur')!;
  t.same(driver.hoursPerWeek, { min: 38, max: 38 });
  t.equal(driver.contractType, 'permanent');
  t.equal(driver.salary, null);
  t.equal(sources.length, 2);

  const audit = await database.db.execute<{ n: number }>(
    sql`select count(*)::int as n from audit_log where tenant_id = ${into.tenantId} and action = 'vacancy.change' and details->>'source' = 'import'`,
  );
  t.equal(audit.rows[0]!.n, 2, 'each import is in the audit log, as a change through the service');

  const twice = await runCli({ script: 'vacancies-import', args: ['--file', file, '--employer', target, '--tenant', intoSlug], databaseUrl: database.url });
  t.equal(twice.code, 0);
  t.match(twice.stdout, /2 regels; 0 ingelezen als concept, 2 al eerder ingelezen, 0 met fouten/, 'importing again adds nothing');
  t.equal(await count(), 2);
});

t.test('the import reports per line, in plain Dutch, what is wrong; good lines still become drafts', async (t) => {
  const clock = fixedClock(new Date('2026-11-25T09:00:00Z'));
  const { app, database } = await buildTestApp(t, { clock });
  const world = await buildTenant(database.db, { clock });
  // A second location elsewhere: a posting must now match one by postcode or place.
  const second = await app.services.employers.createLocation({
    tx: database.db,
    principal: world.admin.principal,
    employerId: world.employerA.employer.id,
    body: { name: 'Tweede vestiging', postcode: { pc4: '5038', letters: 'AB' } },
  });
  const target = await app.services.vacancyImport.target({ employerId: world.employerA.employer.id });
  if (typeof target === 'string') throw new Error(target);
  const good = {
    '@context': 'https://schema.org',
    '@type': 'JobPosting',
    title: 'Schoonmaker',
    description: '<p>Schoonmaken &amp; opruimen</p>',
    employmentType: 'PART_TIME',
    workHours: '16-24 uur',
    jobLocation: { '@type': 'Place', address: { postalCode: '5038 AB', addressLocality: 'Tilburg', addressCountry: 'NL' } },
    url: 'https://vacatures.example/1',
  };
  const lines = [
    JSON.stringify(good),
    '{"title": ',
    JSON.stringify({ '@type': 'Person', name: 'x' }),
    JSON.stringify({ ...good, title: undefined, url: 'https://vacatures.example/3' }),
    JSON.stringify({ ...good, employmentType: 'VOLUNTEER', url: 'https://vacatures.example/4' }),
    JSON.stringify({ ...good, workHours: undefined, url: 'https://vacatures.example/5' }),
    JSON.stringify({ ...good, title: 'x'.repeat(201), url: 'https://vacatures.example/6' }),
    JSON.stringify({
      ...good,
      jobLocation: { address: { postalCode: 'SG15 6SN', addressLocality: 'ARLESEY', addressCountry: 'GB' } },
      url: 'https://vacatures.example/7',
    }),
    '',
    JSON.stringify({ ...good, workHours: '50 uur per week', url: 'https://vacatures.example/9' }),
    JSON.stringify(good),
  ];
  const results: ImportLineResult[] = [];
  const summary = await app.services.vacancyImport.importLines({ target, lines, dryRun: false, onResult: (result) => results.push(result) });
  t.same(summary, { lines: 10, imported: 1, alreadyImported: 1, errors: 8, dryRun: false });
  const at = (line: number) => results.find((result) => result.line === line)!;
  t.match(at(1), { outcome: 'imported', title: 'Schoonmaker' });
  t.match(at(2), { outcome: 'error', errors: ['Deze regel is geen geldige JSON.'] });
  t.match(at(3), { outcome: 'error', errors: [/geen JobPosting/] });
  t.match(at(4), { outcome: 'error', errors: ['De titel (title) ontbreekt.'] });
  t.match(at(5), { outcome: 'error', errors: [/vrijwilligerswerk/] });
  t.match(at(6), { outcome: 'error', errors: [/aantal uren per week ontbreekt/] });
  t.match(at(7), { outcome: 'error', errors: ['Titel (title): Deze tekst mag hoogstens 200 tekens lang zijn.'] });
  t.match(at(8), { outcome: 'error', errors: [/Geen vestiging van deze werkgever past bij de plaats van de vacature \(ARLESEY, SG15 6SN\)/] });
  t.notOk(
    results.some((result) => result.line === 9),
    'blank lines are skipped, and still counted in the numbering',
  );
  t.match(at(10), { outcome: 'error', errors: ['Uren per week (workHours): Dit getal mag hoogstens 48 zijn.'] });
  t.match(at(11), { outcome: 'already_imported' }, 'the same posting twice in one file: once');
  const vacancy = await app.services.vacancies.get(world.admin.principal, (at(1) as { vacancyId: string }).vacancyId);
  t.equal(vacancy.locationId, second.id, 'matched on postcode');
  t.equal(vacancy.description, 'Schoonmaken & opruimen');
  t.same(vacancy.hoursPerWeek, { min: 16, max: 24 });
  t.equal(vacancy.contractType, 'permanent');

  // With --location, the UK posting lands on the named location.
  const withLocation: ImportLineResult[] = [];
  await app.services.vacancyImport.importLines({
    target,
    lines: [lines[7]!],
    dryRun: true,
    locationId: world.employerA.location.id,
    onResult: (result) => withLocation.push(result),
  });
  t.match(withLocation[0], { outcome: 'imported' });
});

t.test(
  'the NHS JobPostings (a real publisher’s file) go through a dry run with a report per line',
  { skip: !existsSync(NHS_FILE) && 'shared NHS file not present' },
  async (t) => {
    const { app, database } = await buildTestApp(t);
    const world = await buildTenant(database.db);
    const target = await app.services.vacancyImport.target({ employerId: world.employerA.employer.id });
    if (typeof target === 'string') throw new Error(target);
    const lines: string[] = [];
    for await (const line of createInterface({ input: createReadStream(NHS_FILE).pipe(createGunzip()), crlfDelay: Infinity })) {
      lines.push(line);
      if (lines.length === 200) break;
    }
    const results: ImportLineResult[] = [];
    const summary = await app.services.vacancyImport.importLines({ target, lines, dryRun: true, onResult: (result) => results.push(result) });
    t.equal(summary.lines, 200);
    t.equal(summary.imported + summary.errors + summary.alreadyImported, 200);
    // The NHS file says FULL_TIME, TEMPORARY … but never the hours: only full-time ones get an assumption.
    const errors = results.flatMap((result) => (result.outcome === 'error' ? result.errors : []));
    t.ok(
      errors.length > 0 && errors.every((error) => /aantal uren per week ontbreekt|vrijwilligerswerk|te lang|hoogstens/.test(error)),
      'errors say what is missing, in Dutch',
    );
    t.ok(
      results.some((result) => result.outcome === 'imported' && result.notes.some((note) => /Salaris in GBP: niet overgenomen/.test(note))),
      'what is not taken over is said',
    );
    const withHours: ImportLineResult[] = [];
    const second = await app.services.vacancyImport.importLines({
      target,
      lines,
      dryRun: true,
      defaultHours: { min: 24, max: 36 },
      onResult: (result) => withHours.push(result),
    });
    t.ok(second.imported >= 190, `with --hours nearly all can be read (${second.imported}/200)`);
    t.comment(`NHS, first 200 lines: ${summary.imported} without --hours, ${second.imported} with --hours 24-36`);
    const rows = await database.db.execute<{ n: number }>(sql`select count(*)::int as n from vacancies where tenant_id = ${world.tenantId}`);
    t.equal(rows.rows[0]!.n, 0, 'the dry run stored nothing');
  },
);
