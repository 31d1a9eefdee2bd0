import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import t from 'tap';
import type { Db } from '../../db/client.js';
import { bearer, buildTenant, type TenantWorld } from '../support/factories.js';
import { runCli } from '../support/cli.js';
import { buildTestApp, createTestDatabase, testWorkDir } from '../support/harness.js';

/*
 * Issue 19.4: the CSV import of a case system's export, through the CLI as an operator runs it,
 * on real PostgreSQL: a dry run writes nothing and reports per row, a re-import never duplicates,
 * one bad row keeps the whole file out, and imported people wait for their intake (never ranked).
 */

type World = TenantWorld & { slug: string; adminEmail: string; managerEmail: string };

async function world(db: Db): Promise<World> {
  const built = await buildTenant(db);
  const emails = await db.execute<{ id: string; email: string; slug: string }>(
    sql`select u.id, u.email, t.slug from users u join tenants t on t.id = u.tenant_id where u.tenant_id = ${built.tenantId}`,
  );
  const email = (id: string) => emails.rows.find((row) => row.id === id)!.email;
  return { ...built, slug: emails.rows[0]!.slug, adminEmail: email(built.admin.userId), managerEmail: email(built.accountManager.userId) };
}

async function csvFile(content: string): Promise<string> {
  const file = path.join(testWorkDir(), `import-${randomBytes(4).toString('hex')}.csv`);
  await writeFile(file, content, 'utf8');
  return file;
}

function importCsv(databaseUrl: string, w: World, kind: string, file: string, extra: string[] = [], as = w.adminEmail) {
  return runCli({ script: 'import-csv', databaseUrl, args: ['--kind', kind, '--file', file, '--tenant', w.slug, '--as', as, ...extra] });
}

async function count(db: Db, query: ReturnType<typeof sql>): Promise<number> {
  const result = await db.execute<{ n: number }>(query);
  return result.rows[0]!.n;
}

const imported = (db: Db, table: 'employers' | 'vacancies' | 'candidates', tenantId: string) =>
  count(db, sql`select count(*)::int as n from ${sql.identifier(table)} where tenant_id = ${tenantId} and source_key is not null`);
const auditRows = (db: Db, tenantId: string) => count(db, sql`select count(*)::int as n from audit_log where tenant_id = ${tenantId}`);

// As a case system writes it: UTF-8 with a byte-order mark, ";" between fields, a quoted field
// holding a ";" and a line break, a BSN column, and decimal commas.
const EMPLOYERS = [
  '\uFEFFWerkgeversnummer;Bedrijfsnaam;KvK-nummer;Sector;Omschrijving;BSN;Postcode;Huisnummer;Breedtegraad;Lengtegraad',
  'WG-001;De Hoge Wal B.V.;12345678;logistiek;"Opslag; transport en ""cross-dock""\nin Tilburg";;5047 AB;12;51,5944;5,0719',
  'WG-002;Groen & Co;;groenonderhoud;;123456782;5011;;;',
].join('\r\n');

t.test('a dry run reports every wrong row by line and column, in Dutch, and writes nothing', async (t) => {
  const database = await createTestDatabase(t);
  const w = await world(database.db);
  const auditBefore = await auditRows(database.db, w.tenantId);
  const bad = await csvFile(`${EMPLOYERS}\r\nWG-003;Bakkerij Nooit;1234567;bakkerij;;111222333;9999;;;\r\nWG-001;Dubbel;;zorg;;;;;;\r\n`);
  const run = await importCsv(database.url, w, 'employers', bad, ['--dry-run']);
  t.equal(run.code, 1, 'exit code 1: rows with problems');
  t.match(run.stdout, /Rij 4 \(regel 5 in het bestand\), kolom kvk_nummer: Een KvK-nummer heeft 8 cijfers\./);
  t.match(run.stdout, /Rij 4 \(regel 5 in het bestand\), kolom sector: Deze waarde kennen we niet\. Kies een van: logistiek, productie/);
  t.match(
    run.stdout,
    /Rij 5 \(regel 6 in het bestand\), kolom werkgeversnummer: Dit nummer staat ook op rij 2\./,
    'rows as a spreadsheet counts them; the file line too, since row 2 holds a line break',
  );
  t.match(run.stdout, /Let op: Kolom "BSN" is overgeslagen: een BSN lezen en bewaren we nooit\./);
  t.notMatch(run.stdout + run.stderr, /123456782|111222333/, 'a BSN is never repeated');
  t.match(run.stdout, /2 van de 4 rijen hebben een fout\. Er is niets opgeslagen\./);
  t.match(run.stderr, /4 van 4 rijen verwerkt \(100%\)/, 'progress on the terminal');
  t.equal(await imported(database.db, 'employers', w.tenantId), 0);
  t.equal(await auditRows(database.db, w.tenantId), auditBefore, 'no audit rows either');

  // Rows that would fail only in the services (an unknown postcode) are found by a dry run too.
  const unknownPostcode = await csvFile('werkgeversnummer,naam,sector,postcode\nWG-9,Ver Weg,zorg,9999\n');
  const second = await importCsv(database.url, w, 'employers', unknownPostcode, ['--dry-run']);
  t.equal(second.code, 1);
  t.match(second.stdout, /Rij 2, kolom postcode: .*9999/);

  const good = await csvFile(EMPLOYERS);
  const clean = await importCsv(database.url, w, 'employers', good, ['--dry-run']);
  t.equal(clean.code, 0, clean.stderr);
  t.match(clean.stdout, /Proefrun: alle 2 rijen zijn goed \(2 nieuw, 0 bijgewerkt, 0 ongewijzigd\)\. Er is niets opgeslagen/);
  t.equal(await imported(database.db, 'employers', w.tenantId), 0, 'a clean dry run writes nothing');
  t.equal(await auditRows(database.db, w.tenantId), auditBefore);
});

t.test('all or nothing: one row the service refuses keeps the whole file out; fixed, it goes in once, and a re-import never duplicates', async (t) => {
  const database = await createTestDatabase(t);
  const w = await world(database.db);
  const broken = await csvFile(`${EMPLOYERS}\r\nWG-003;Ver Weg;;zorg;;;9999;;;\r\n`);
  const refused = await importCsv(database.url, w, 'employers', broken);
  t.equal(refused.code, 1);
  t.match(refused.stdout, /Rij 4 \(regel 5 in het bestand\), kolom postcode:/);
  t.equal(await imported(database.db, 'employers', w.tenantId), 0, 'the two good rows were not kept either');

  const file = await csvFile(EMPLOYERS);
  const first = await importCsv(database.url, w, 'employers', file);
  t.equal(first.code, 0, first.stderr);
  t.match(first.stdout, /Klaar: 2 werkgevers verwerkt \(2 nieuw, 0 bijgewerkt, 0 ongewijzigd\)/);
  const rows = await database.db.execute<{
    source_key: string;
    name: string;
    description: string | null;
    kvk_number: string | null;
    locations: number;
    lat: number | null;
  }>(sql`
    select e.source_key, e.name, e.description, e.kvk_number,
           (select count(*)::int from employer_locations l where l.tenant_id = e.tenant_id and l.employer_id = e.id) as locations,
           (select l.latitude from employer_locations l where l.tenant_id = e.tenant_id and l.employer_id = e.id limit 1) as lat
      from employers e where e.tenant_id = ${w.tenantId} and e.source_key is not null order by e.source_key`);
  t.same(
    rows.rows.map((row) => [row.source_key, row.name, row.description, row.kvk_number, row.locations]),
    [
      ['WG-001', 'De Hoge Wal B.V.', 'Opslag; transport en "cross-dock"\nin Tilburg', '12345678', 1],
      ['WG-002', 'Groen & Co', null, null, 1],
    ],
  );
  t.equal(rows.rows[0]!.lat, 51.5944, 'decimal comma read');
  const audits = await count(
    database.db,
    sql`select count(*)::int as n from audit_log where tenant_id = ${w.tenantId} and action = 'employer.change' and details->>'source' = 'import' and actor_user_id = ${w.admin.userId}`,
  );
  t.equal(audits, 2, 'audited as the services do, by the user named with --as');

  const again = await importCsv(database.url, w, 'employers', file);
  t.equal(again.code, 0);
  t.match(again.stdout, /\(0 nieuw, 0 bijgewerkt, 2 ongewijzigd\)/);
  const renamed = await csvFile(EMPLOYERS.replace('Groen & Co', 'Groen & Co Tilburg'));
  const update = await importCsv(database.url, w, 'employers', renamed);
  t.match(update.stdout, /\(0 nieuw, 1 bijgewerkt, 1 ongewijzigd\)/);
  t.equal(await imported(database.db, 'employers', w.tenantId), 2, 'never a duplicate');
  t.equal(await count(database.db, sql`select count(*)::int as n from employers where tenant_id = ${w.tenantId} and name = 'Groen & Co Tilburg'`), 1);

  // The source key is the Werkplein's own: another Werkplein may use the same numbers.
  const other = await world(database.db);
  const elsewhere = await importCsv(database.url, other, 'employers', file);
  t.equal(elsewhere.code, 0, elsewhere.stderr);
  t.equal(await imported(database.db, 'employers', other.tenantId), 2);
});

t.test('vacancies and candidates: imported people are in the caseload with the intake to do, and never ranked', async (t) => {
  const database = await createTestDatabase(t);
  const { app } = await buildTestApp(t, { database });
  const w = await world(database.db);
  t.equal((await importCsv(database.url, w, 'employers', await csvFile(EMPLOYERS))).code, 0);

  const vacancyRows = [
    'vacaturenummer,werkgeversnummer,titel,uren_min,uren_max,diensten,werkdagen,contractvorm,startdatum,status,competenties',
    'V-1,WG-001,Orderpicker,"24,0",32,vroeg|laat,ma-vr,tijdelijk,01-03-2027,open,orderpicken met scanner|heftruck rijden',
    'V-2,WG-404,Chauffeur,32,40,dag,,vast,,,',
    'V-3,WG-002,Hovenier,"24,5",40,dag,ma-za,vast,31-02-2027,,',
  ];
  const vacancies = await csvFile(vacancyRows.join('\n'));
  const refused = await importCsv(database.url, w, 'vacancies', vacancies);
  t.equal(refused.code, 1);
  t.match(refused.stdout, /Rij 3, kolom werkgeversnummer: Deze werkgever is nog niet geïmporteerd\./);
  t.match(refused.stdout, /Rij 4, kolom uren_min: Vul een heel getal in, zonder cijfers achter de komma\./);
  t.match(refused.stdout, /Rij 4, kolom startdatum: Schrijf de datum als dd-mm-jjjj/);
  t.equal(await imported(database.db, 'vacancies', w.tenantId), 0);
  const good = await csvFile(vacancyRows.slice(0, 2).join('\n'));
  const placed = await importCsv(database.url, w, 'vacancies', good, [], w.adminEmail);
  t.equal(placed.code, 0, placed.stdout + placed.stderr);
  const [vacancy] = (
    await database.db.execute<{ id: string; status: string; hours_min: number; day_parts: string[]; start_date: string }>(
      sql`select id, status, hours_min, day_parts, start_date::text from vacancies where tenant_id = ${w.tenantId} and source_key = 'V-1'`,
    )
  ).rows;
  t.match(vacancy, { status: 'open', hours_min: 24, day_parts: ['early', 'late'], start_date: '2027-03-01' });

  const people = await csvFile(
    [
      'Klantnummer;BSN;Voornaam;Tussenvoegsel;Achternaam;Postcode;Huisnummer;Geboortedatum;Telefoon;Klantmanager',
      `K-1001;123456782;Fatima;;El Amrani;5011 AB;3;14-02-1990;06 12345678;${w.managerEmail}`,
      `K-1002;;Jan;van der;Berg;5013;;;;${w.managerEmail}`,
    ].join('\n'),
  );
  const asManager = await importCsv(database.url, w, 'candidates', people, [], w.managerEmail);
  t.equal(asManager.code, 0, asManager.stdout + asManager.stderr);
  t.match(asManager.stdout, /Klaar: 2 kandidaten verwerkt \(2 nieuw/);
  const persons = await database.db.execute<{
    id: string;
    status: string;
    intake_id: string | null;
    family_name: string;
    date_of_birth: string | null;
    summary: string | null;
  }>(sql`
    select c.id, c.status, p.intake_id, k.family_name, k.date_of_birth::text, h.summary
      from candidates c
      join candidate_contacts k on k.tenant_id = c.tenant_id and k.candidate_id = c.id
      left join candidate_profiles p on p.tenant_id = c.tenant_id and p.candidate_id = c.id
      left join candidate_history h on h.tenant_id = c.tenant_id and h.candidate_id = c.id and h.change = 'created'
     where c.tenant_id = ${w.tenantId} order by c.source_key`);
  t.equal(persons.rows.length, 2);
  for (const person of persons.rows) {
    t.equal(person.status, 'active');
    t.equal(person.intake_id ?? null, null, 'no intake: still to do');
    t.match(person.summary, /De intake moet nog gebeuren/);
  }
  t.same(
    persons.rows.map((row) => [row.family_name, row.date_of_birth]),
    [
      ['El Amrani', '1990-02-14'],
      ['van der Berg', null],
    ],
  );
  t.equal(
    await count(database.db, sql`select count(*)::int as n from candidates where tenant_id = ${w.tenantId} and source_key ~ '^[0-9]+$'`),
    0,
    'the BSN is never the key',
  );

  // In the caseload of their klantmanager …
  const caseload = await app.inject({ method: 'GET', url: '/v1/candidates?accountManagerId=me', headers: bearer(w.accountManager) });
  t.same(
    caseload
      .json()
      .items.map((item: { id: string }) => item.id)
      .sort(),
    persons.rows.map((row) => row.id).sort(),
  );
  // … and not in any ranking until the intake is done.
  const matches = await app.inject({ method: 'GET', url: `/v1/vacancies/${vacancy!.id}/matches`, headers: bearer(w.accountManager) });
  t.equal(matches.statusCode, 200, matches.body);
  t.equal(matches.json().population, 0, 'nobody ranked');
  const own = await app.inject({ method: 'GET', url: `/v1/candidates/${persons.rows[0]!.id}/matches`, headers: bearer(w.accountManager) });
  t.equal(own.statusCode, 409);
  t.equal(own.json().code, 'matching.candidate_not_ready');

  // A re-import changes contact data, never the status of someone paused since.
  await database.db.execute(sql`update candidates set status = 'paused' where tenant_id = ${w.tenantId} and source_key = 'K-1002'`);
  const again = await importCsv(database.url, w, 'candidates', await csvFile(''), [], w.managerEmail);
  t.equal(again.code, 2, 'an empty file is refused as a whole');
  const moved = [
    'Klantnummer;Voornaam;Achternaam;Postcode;Klantmanager',
    `K-1001;Fatima;El Amrani;5011 AB;${w.managerEmail}`,
    `K-1002;Jan;Berg;5014;${w.managerEmail}`,
  ].join('\n');
  const reimport = await importCsv(database.url, w, 'candidates', await csvFile(moved), [], w.managerEmail);
  t.equal(reimport.code, 0, reimport.stdout);
  t.match(reimport.stdout, /\(0 nieuw, 1 bijgewerkt, 1 ongewijzigd\)/);
  const jan = await database.db.execute<{ status: string; postcode4: string }>(
    sql`select status, postcode4 from candidates where tenant_id = ${w.tenantId} and source_key = 'K-1002'`,
  );
  t.same(jan.rows[0], { status: 'paused', postcode4: '5014' });
  t.equal(await imported(database.db, 'candidates', w.tenantId), 2);

  // Employer relations staff may not import people (the API's roles).
  const employerRelationsEmail = (
    await database.db.execute<{ email: string }>(sql`select email from users where tenant_id = ${w.tenantId} and id = ${w.employerRelations.userId}`)
  ).rows[0]!.email;
  const notAllowed = await importCsv(database.url, w, 'candidates', await csvFile(moved), [], employerRelationsEmail);
  t.equal(notAllowed.code, 2);
  t.match(notAllowed.stderr, /mag geen kandidaten importeren/);
});
