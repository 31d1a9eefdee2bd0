import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { and, eq, isNull, sql } from 'drizzle-orm';
import { simpleParser } from 'mailparser';
import t from 'tap';
import { auditLog, candidateContacts, candidates, erasureLedger, mailLog, matchInputs, matchRunInputs, matchRuns, outbox } from '../../db/schema/index.js';
import { tenantIndexName } from '../../search/search-documents.js';
import { candidateHash, readLedger, replayErasures } from '../../src/privacy/erasure.js';
import { ledgerFromFile, ledgerToFile } from '../../src/privacy/ledger-file.js';
import { bearer } from '../support/factories.js';
import { testLogger } from '../support/harness.js';
import { privacyWorld, tablesMentioning } from './fixtures.js';

/*
 * REQUIREMENTS P5: erasure reaches Postgres, the search index, job payloads and the mail log. After
 * it, the person is not found, not searchable, no row in any table of any schema mentions their id
 * (except the append-only ranking and audit logs and the ledger, by design) or their name or
 * address, no job payload names them, and the mail log keeps a hashed tombstone only.
 */

/** Where the pseudonymous id may stay: append-only logs and the ledger (see src/privacy/erasure.ts). */
const ALLOWED = ['public.match_runs', 'public.audit_log', 'public.erasure_ledger'];

t.test('erasure removes the person from every store and returns a receipt (P5)', async (t) => {
  const scene = await privacyWorld(t);
  const { app, db, world, person, bystander, client, prefix } = scene;
  const index = client.index(tenantIndexName(prefix, 'candidates', world.tenantId));
  t.equal((await index.getDocument(person.id)).id, person.id, 'indexed before');
  t.ok(Object.keys(await tablesMentioning(scene.database.pool, person.id)).length > 10, 'the person is in many tables before');
  t.ok(
    (await tablesMentioning(scene.database.pool, person.id))['pgboss.job'] ?? (await tablesMentioning(scene.database.pool, person.id))['pgboss.job_common'],
    'and in a job payload',
  );

  const refused = await app.inject({
    method: 'POST',
    url: `/v1/candidates/${person.id}/erase`,
    headers: bearer(world.accountManager),
    payload: { reason: 'verzoek' },
  });
  t.equal(refused.statusCode, 403, 'account managers cannot erase');
  const noReason = await app.inject({ method: 'POST', url: `/v1/candidates/${person.id}/erase`, headers: bearer(world.admin), payload: {} });
  t.equal(noReason.statusCode, 400, 'a reason is required');

  const response = await app.inject({
    method: 'POST',
    url: `/v1/candidates/${person.id}/erase`,
    headers: bearer(world.admin),
    payload: { reason: 'Verzoek van de persoon (AVG art. 17), brief van 12 november' },
  });
  t.equal(response.statusCode, 200, 'erased');
  const receipt = response.json();
  t.match(receipt, {
    candidateId: person.id,
    alreadyErased: false,
    candidateHash: candidateHash(world.tenantId, person.id),
    searchIndex: 'removed',
    counts: {
      postgres: {
        candidates: 1,
        candidate_contacts: 1,
        candidate_profiles: 1,
        intakes: 2,
        intake_drafts: 1,
        candidate_consents: 1,
        candidate_audit_attributes: 1,
        candidate_households: 1,
        discussed_vacancies: 1,
        profile_change_proposals: 1,
        shortlist_candidates: 1,
        employer_feedback: 2,
        placements: 1,
        placement_follow_ups: 3,
        placement_check_ins: 1,
        match_run_inputs: 2,
        match_inputs: 2,
        idempotency_keys: 1,
      },
      mailLog: { tombstoned: 2, recipientsRemoved: 2 },
      jobs: { pgboss: 1 },
      searchIndex: { deleteQueued: true },
    },
  });
  t.ok(receipt.counts.postgres.candidate_history >= 3, 'history');
  t.ok(receipt.counts.postgres.candidate_assessments >= 2, 'assessments');
  t.ok(receipt.counts.postgres.candidate_barriers >= 1, 'barriers');
  t.ok(receipt.kept.length >= 3, 'says what is kept, and why');
  t.notOk(response.body.includes(person.familyName), 'the receipt names no one');

  // The API: not found anywhere.
  for (const url of [`/v1/candidates/${person.id}`, `/v1/candidates/${person.id}/profile`, `/v1/candidates/${person.id}/export`]) {
    const gone = await app.inject({ method: 'GET', url, headers: bearer(world.admin) });
    t.equal(gone.statusCode, 404, `GET ${url} → 404`);
  }
  // Search: by name through the API, and in the index itself (the API would hide a stale hit).
  const search = await app.inject({ method: 'GET', url: `/v1/search/candidates?q=${person.familyName}`, headers: bearer(world.admin) });
  t.equal(search.statusCode, 200);
  t.same(search.json().items, [], 'search by name finds nothing');
  t.equal((await index.search(person.familyName)).hits.length, 0, 'the index has no hit');
  await t.rejects(index.getDocument(person.id), 'the document is gone');
  t.equal((await index.getDocument(bystander.id)).id, bystander.id, 'the bystander is still indexed');

  // Every table of every schema (public, pgboss, drizzle): the id only where it may stay.
  const mentioning = await tablesMentioning(scene.database.pool, person.id);
  t.same(
    Object.keys(mentioning).filter((table) => !ALLOWED.includes(table)),
    [],
    `only ${ALLOWED.join(', ')} mention the id: ${JSON.stringify(mentioning)}`,
  );
  for (const needle of [person.familyName, person.email, person.reference]) {
    t.same(await tablesMentioning(scene.database.pool, needle), {}, `nothing anywhere mentions ${needle}`);
  }

  // Mail log: the mails stay, the person becomes a hashed tombstone; their own address is gone.
  const mails = await db.select().from(mailLog).where(eq(mailLog.tenantId, world.tenantId));
  const byId = new Map(mails.map((row) => [row.id, row]));
  const hash = candidateHash(world.tenantId, person.id);
  t.match(byId.get(scene.mails.toPerson.id), { recipient: null, recipientHash: hash, candidateIds: [], tombstoneHashes: [hash] });
  t.match(byId.get(scene.mails.addressedOnly.id), { recipient: null, recipientHash: hash, candidateIds: [], subject: 'Welkom bij het Werkplein' });
  t.match(byId.get(scene.mails.digest.id), {
    recipient: 'klantmanager@test.example',
    candidateIds: [bystander.id],
    tombstoneHashes: [hash],
    subject: 'Nieuwe match voor [verwijderd] ([verwijderd])',
  });
  t.match(byId.get(scene.mails.bystanderOnly.id), { candidateIds: [bystander.id], tombstoneHashes: [] });

  // The written mail copies (.eml, issue 11.13): the person's own mail is gone; in the digest their
  // line is redacted (subject, text, HTML, decoded and raw), the bystander's line and the rest stay.
  const files = await readdir(scene.mailDir);
  t.equal(files.filter((name) => name.endsWith('.eml')).length, 2, 'the mail to the person is deleted, the other two stay');
  for (const name of files) {
    const raw = await readFile(path.join(scene.mailDir, name));
    const parsed = await simpleParser(raw);
    const decoded = [parsed.subject, parsed.text, parsed.html, raw.toString('utf8')].join('\n');
    for (const needle of [person.familyName, person.reference, person.email, person.id]) {
      t.notOk(decoded.includes(needle), `${name} does not mention ${needle}`);
    }
    t.ok(decoded.includes(bystander.familyName), `${name} still names the bystander`);
  }
  const digestFile = files.find((name) => name.includes(scene.files.digest.messageId.replace(/[^A-Za-z0-9.@-]/g, '_')))!;
  const digest = await simpleParser(await readFile(path.join(scene.mailDir, digestFile)));
  t.equal(digest.subject, 'Nieuwe match voor [verwijderd] ([verwijderd])');
  t.match(digest.text, /Nieuwe matches voor u:\n\[verwijderd\]\n- Bram /, 'the person’s line is replaced, with the vacancy next to it');
  t.equal(digest.messageId, scene.files.digest.messageId, 'the message keeps its id');
  t.same(
    digest.headerLines.filter((header) => header.key === 'list-unsubscribe').map((header) => header.line),
    ['List-Unsubscribe: <https://kansrijk.example/afmelden>'],
    'and its other headers',
  );
  // The touched tables were vacuumed after the commit (a plain VACUUM, outside the transaction).
  const vacuumed = await db.execute<{ relname: string; last_vacuum: Date | null }>(
    sql`select relname, last_vacuum from pg_stat_user_tables where relname in ('candidates', 'candidate_contacts', 'mail_log')`,
  );
  t.equal(vacuumed.rows.length, 3);
  for (const row of vacuumed.rows) t.ok(row.last_vacuum, `${row.relname} vacuumed`);

  // Ranking runs stay (append-only) with an id that points at no one; the person's inputs are gone.

  const [run] = await db
    .select()
    .from(matchRuns)
    .where(and(eq(matchRuns.tenantId, world.tenantId), eq(matchRuns.id, scene.vacancyRunId)));
  t.equal(run!.results.length, 2, 'the run is unchanged');
  const inputs = await db.select({ subjectId: matchRunInputs.subjectId }).from(matchRunInputs).where(eq(matchRunInputs.runId, scene.vacancyRunId));
  t.same(inputs.map((row) => row.subjectId).sort(), [bystander.id, scene.vacancy.id].sort());
  const stored = await db.select({ subjectId: matchInputs.subjectId }).from(matchInputs).where(eq(matchInputs.tenantId, world.tenantId));
  t.same(stored.map((row) => row.subjectId).sort(), [bystander.id, scene.vacancy.id].sort(), 'both of the person’s stored inputs are gone, the others stay');

  // The bystander came through untouched.
  const bystanderView = await app.inject({ method: 'GET', url: `/v1/candidates/${bystander.id}/profile`, headers: bearer(world.admin) });
  t.equal(bystanderView.statusCode, 200);
  const bystanderHousehold = await app.inject({ method: 'GET', url: `/v1/candidates/${bystander.id}/household`, headers: bearer(world.admin) });
  t.match(bystanderHousehold.json(), { situation: 'single', costSharers: 1 }, 'the bystander’s household situation stays');
  const household = await app.inject({ method: 'GET', url: `/v1/candidates/${person.id}/household`, headers: bearer(world.admin) });
  t.equal(household.statusCode, 404, 'the person’s household situation is gone');
  t.ok(
    (await tablesMentioning(scene.database.pool, bystander.id))['pgboss.job'] ??
      (await tablesMentioning(scene.database.pool, bystander.id))['pgboss.job_common'],
    'the bystander’s job stays',
  );

  // On record: the ledger and the audit log; no outbox row is left for the person.
  const [ledger] = await db.select().from(erasureLedger).where(eq(erasureLedger.candidateId, person.id));
  t.match(ledger, {
    tenantId: world.tenantId,
    candidateHash: hash,
    erasedBy: world.admin.userId,
    reason: 'Verzoek van de persoon (AVG art. 17), brief van 12 november',
  });
  const [row] = await db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.action, 'candidate.erase'), eq(auditLog.subjectId, person.id)));
  t.match(row, { actorUserId: world.admin.userId, subjectType: 'candidate' });
  t.equal((await db.select().from(outbox).where(eq(outbox.entityId, person.id))).length, 0);

  // Asking again gives the first receipt; another tenant's admin finds nothing.
  const again = await app.inject({
    method: 'POST',
    url: `/v1/candidates/${person.id}/erase`,
    headers: bearer(world.admin),
    payload: { reason: 'nog een keer' },
  });
  t.equal(again.statusCode, 200);
  t.match(again.json(), { alreadyErased: true, erasedAt: receipt.erasedAt, reason: receipt.reason, counts: receipt.counts });
});

t.test('erasure deletes the person’s one document directly: no outbox drain of everyone else inside the request', async (t) => {
  const { app, db, world, person, bystander, client, prefix } = await privacyWorld(t);
  const index = client.index(tenantIndexName(prefix, 'candidates', world.tenantId));
  t.equal((await index.getDocument(person.id)).id, person.id, 'indexed before');
  // Someone else's change waits in the outbox (the drain job has not run yet).
  await db.insert(outbox).values({ tenantId: world.tenantId, topic: 'search.candidate', entityId: bystander.id, operation: 'upsert' });
  const response = await app.inject({ method: 'POST', url: `/v1/candidates/${person.id}/erase`, headers: bearer(world.admin), payload: { reason: 'verzoek' } });
  t.equal(response.statusCode, 200);
  t.equal(response.json().searchIndex, 'removed');
  await t.rejects(index.getDocument(person.id), 'the document is gone at once');
  const waiting = await db
    .select()
    .from(outbox)
    .where(and(eq(outbox.entityId, bystander.id), isNull(outbox.processedAt)));
  t.equal(waiting.length, 1, 'the other change still waits for the drain job: the request drained nothing');
  t.equal((await db.select().from(outbox).where(eq(outbox.entityId, person.id))).length, 0, 'no outbox row of the person is left');
});

t.test('a restored backup is cleaned again from the ledger, or from an exported ledger file; idempotent', async (t) => {
  const scene = await privacyWorld(t);
  const { app, db, world, person, client, prefix } = scene;
  const deps = { db, search: client, searchPrefix: prefix, clock: { now: () => new Date() }, logger: testLogger };
  const erased = await app.inject({ method: 'POST', url: `/v1/candidates/${person.id}/erase`, headers: bearer(world.admin), payload: { reason: 'verzoek' } });
  t.equal(erased.statusCode, 200);
  const file = ledgerToFile(await readLedger(db), new Date());
  t.same(
    ledgerFromFile(file).map((entry) => entry.candidateId),
    [person.id],
    'the ledger file round-trips',
  );
  t.throws(() => ledgerFromFile('{"format":"iets anders"}'), 'a file that is not a ledger is refused');

  /** What a backup from before the erasure brings back: the person, a mail naming them, their search document. */
  async function restoreBackup() {
    await db.insert(candidates).values({ tenantId: world.tenantId, id: person.id, reference: person.reference, status: 'active', postcode4: '5038' });
    await db
      .insert(candidateContacts)
      .values({ tenantId: world.tenantId, candidateId: person.id, givenName: person.givenName, familyName: person.familyName, email: person.email });
    await db.execute(sql`update mail_log set candidate_ids = array_append(candidate_ids, ${person.id}::uuid) where id = ${scene.mails.digest.id}`);
    await db.insert(outbox).values({ tenantId: world.tenantId, topic: 'search.candidate', entityId: person.id, operation: 'upsert' });
    await scene.drain();
  }
  const index = client.index(tenantIndexName(prefix, 'candidates', world.tenantId));

  // The backup predates the ledger row too: only the exported file knows the person.
  await restoreBackup();
  await db.delete(erasureLedger).where(eq(erasureLedger.candidateId, person.id));
  t.equal((await index.getDocument(person.id)).id, person.id, 'the restored person is searchable again');
  t.match(await replayErasures(deps), { entries: 0, peopleErasedAgain: 0 }, 'the restored ledger does not know them');
  t.match(await replayErasures(deps, ledgerFromFile(file)), { entries: 1, ledgerRowsAdded: 1, peopleErasedAgain: 1, searchIndex: 'removed' });
  t.same(
    Object.keys(await tablesMentioning(scene.database.pool, person.id)).filter((table) => !ALLOWED.includes(table)),
    [],
    'clean again',
  );
  await t.rejects(index.getDocument(person.id), 'out of the index again');
  t.equal((await db.select().from(erasureLedger).where(eq(erasureLedger.candidateId, person.id))).length, 1, 'the ledger knows them again');

  // A backup restored while the ledger row is there: the ledger itself is enough.
  await restoreBackup();
  t.match(await replayErasures(deps), { entries: 1, ledgerRowsAdded: 0, peopleErasedAgain: 1 });
  t.same(
    Object.keys(await tablesMentioning(scene.database.pool, person.id)).filter((table) => !ALLOWED.includes(table)),
    [],
  );
  t.same(await tablesMentioning(scene.database.pool, person.familyName), {});

  // Idempotent: nothing left to do.
  t.match(await replayErasures(deps), { entries: 1, ledgerRowsAdded: 0, peopleErasedAgain: 0, residuesCleared: 0 });
  t.match(await replayErasures(deps, ledgerFromFile(file)), { ledgerRowsAdded: 0, peopleErasedAgain: 0, residuesCleared: 0 });
  const replays = await db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.action, 'candidate.erase'), eq(auditLog.subjectId, person.id)));
  t.equal(replays.length, 3, 'the erasure and both replays that found the person are audited');
});
