import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { and, eq } from 'drizzle-orm';
import t from 'tap';
import { auditLog, candidateAuditAttributes } from '../../db/schema/index.js';
import { tenantIndexName } from '../../search/search-documents.js';
import { demoAuditAttributes, seedDemoAuditAttributes } from '../../src/privacy/demo-audit-attributes.js';
import { bearer, buildTenant, createCandidate, intakeV2 } from '../support/factories.js';
import { buildSearchApp } from '../search/search-app.js';

/*
 * Audit attributes (REQUIREMENTS F6): entered by the assigned account manager or an admin, with an
 * explicit confirmation that they serve only the fairness check; kept apart; never returned with a
 * profile, a candidate or a search document; never read by the matcher.
 */

const body = { gender: 'female', ageBand: '55-67', migrationBackground: 'europe', disability: 'yes', enteredOnlyForAudit: true };
const FIELD = /gender|ageBand|age_band|migrationBackground|migration_background|disability/;

t.test('who may record them, and what the answer says', async (t) => {
  const { app, db } = await buildSearchApp(t);
  const world = await buildTenant(db);
  const candidate = await createCandidate(app, world.accountManager);
  const url = `/v1/candidates/${candidate.id}/audit-attributes`;
  const put = (as: { token: string }, payload: unknown) => app.inject({ method: 'PUT', url, headers: bearer(as), payload: payload as object });

  const ok = await put(world.accountManager, body);
  t.equal(ok.statusCode, 200, 'the assigned account manager');
  t.match(ok.json(), { candidateId: candidate.id, gender: 'female', ageBand: '55-67', migrationBackground: 'europe', disability: 'yes' });
  t.match(ok.json().note, /alleen voor de controle op eerlijkheid/);
  t.match((await put(world.admin, { ...body, gender: null })).json(), { gender: null }, 'an admin; null means not stated');

  const otherManager = (
    await app.inject({
      method: 'POST',
      url: '/v1/users',
      headers: bearer(world.admin),
      payload: { email: 'km2@test.example', name: 'Andere KM', role: 'account_manager' },
    })
  ).json();
  const token = (
    await app.inject({ method: 'POST', url: `/v1/users/${otherManager.id}/tokens`, headers: bearer(world.admin), payload: { label: 'test' } })
  ).json().token;
  t.equal((await put({ token }, body)).statusCode, 403, 'another account manager may not');
  t.equal((await put(world.employerRelations, body)).statusCode, 403, 'employer relations may not');
  t.equal((await put(world.accountManager, { ...body, enteredOnlyForAudit: undefined })).statusCode, 400, 'the confirmation is required');
  t.equal((await put(world.accountManager, { ...body, nationality: 'NL' })).statusCode, 400, 'unknown fields are refused');
  t.equal((await put(world.accountManager, { ...body, ageBand: '30' })).statusCode, 400, 'bands only');

  const [row] = await db.select().from(candidateAuditAttributes).where(eq(candidateAuditAttributes.candidateId, candidate.id));
  t.match(row, { gender: null, ageBand: '55-67', recordedBy: world.admin.userId });
  const audits = await db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.action, 'audit_attributes.write'), eq(auditLog.subjectId, candidate.id)));
  t.equal(audits.length, 2, 'every write is audited');
  t.notOk(JSON.stringify(audits.map((audit) => audit.details)).includes('europe'), 'without the values');
});

t.test('never returned with a candidate, a profile, a list or a search document', async (t) => {
  const { app, db, drain, client, prefix } = await buildSearchApp(t);
  const world = await buildTenant(db);
  const candidate = await createCandidate(app, world.accountManager, { contact: { givenName: 'Ilse', familyName: 'Apart' }, postcode: '5038' });
  await app.inject({ method: 'POST', url: `/v1/candidates/${candidate.id}/intakes`, headers: bearer(world.accountManager), payload: intakeV2() });
  t.equal(
    (await app.inject({ method: 'PUT', url: `/v1/candidates/${candidate.id}/audit-attributes`, headers: bearer(world.accountManager), payload: body }))
      .statusCode,
    200,
  );
  await drain();
  for (const url of [`/v1/candidates/${candidate.id}`, `/v1/candidates/${candidate.id}/profile`, '/v1/candidates', `/v1/search/candidates?q=Apart`]) {
    const response = await app.inject({ method: 'GET', url, headers: bearer(world.admin) });
    t.equal(response.statusCode, 200, url);
    t.notMatch(response.body, FIELD, `${url} has no audit attribute`);
  }
  const document = await client.index(tenantIndexName(prefix, 'candidates', world.tenantId)).getDocument(candidate.id);
  t.notMatch(JSON.stringify(document), FIELD, 'nor the search document');
});

async function sourceFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const files = await Promise.all(entries.map(async (entry) => (entry.isDirectory() ? sourceFiles(path.join(dir, entry.name)) : [path.join(dir, entry.name)])));
  return files.flat().filter((file) => file.endsWith('.ts'));
}

t.test('the matcher never imports or references audit attributes (src/matching/**)', async (t) => {
  const files = await sourceFiles(path.resolve('src/matching'));
  t.ok(files.length >= 5, `${files.length} files scanned`);
  for (const file of files) {
    // Comments may say what the matcher never uses; code may not touch it.
    const code = (await readFile(file, 'utf8')).replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:])\/\/.*$/gm, '$1');
    t.notMatch(
      code,
      /candidateAuditAttributes|candidate_audit_attributes|auditAttributes|audit_attributes/,
      `${path.basename(file)}: no audit attribute table`,
    );
    t.notMatch(code, /\b(gender|ageBand|age_band|migrationBackground|migration_background|disability)\b/, `${path.basename(file)}: no audit attribute field`);
    t.notMatch(code, /from '[^']*(privacy|audit-attributes|reports)[^']*'/, `${path.basename(file)}: no import from privacy or reports`);
  }
});

t.test('seedDemoAuditAttributes gives a caseload synthetic attributes: deterministic, leaning on barriers, idempotent', async (t) => {
  const { app, db } = await buildSearchApp(t);
  const world = await buildTenant(db);
  for (let i = 0; i < 12; i += 1) {
    const candidate = await createCandidate(app, world.accountManager, { contact: { givenName: `Demo${i}`, familyName: 'Persoon' }, postcode: '5038' });
    await app.inject({ method: 'POST', url: `/v1/candidates/${candidate.id}/intakes`, headers: bearer(world.accountManager), payload: intakeV2() });
  }
  const written = await seedDemoAuditAttributes(db, world.tenantId);
  t.ok(written >= 9 && written <= 12, `${written} of 12 (about one in twenty declines)`);
  const rows = await db.select().from(candidateAuditAttributes).where(eq(candidateAuditAttributes.tenantId, world.tenantId));
  t.ok(
    rows.every((row) => row.recordedBy === world.admin.userId),
    'recorded by the admin',
  );
  t.equal(await seedDemoAuditAttributes(db, world.tenantId), 0, 'a second call changes nothing');
  t.same(
    demoAuditAttributes({ givenName: 'Demo1', familyName: 'Persoon', postcode4: '5038', barrierDomains: ['finances', 'mobility'] }),
    demoAuditAttributes({ givenName: 'Demo1', familyName: 'Persoon', postcode4: '5038', barrierDomains: ['finances', 'mobility'] }),
    'the same person gets the same attributes',
  );
  let disabled = 0;
  for (let i = 0; i < 400; i += 1) {
    if (demoAuditAttributes({ givenName: `P${i}`, familyName: 'X', postcode4: '5038', barrierDomains: ['health'] })?.disability === 'yes') disabled += 1;
  }
  t.ok(disabled > 160, `a health barrier makes a stated disability likelier (${disabled} of 400)`);
});
