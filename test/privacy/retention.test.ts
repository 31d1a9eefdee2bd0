import { mkdtemp, readdir, rm, utimes } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { and, eq, sql } from 'drizzle-orm';
import t from 'tap';
import { auditLog, candidates, erasureLedger, idempotencyKeys, mailLog, matchInputs, matchRunInputs, matchRuns } from '../../db/schema/index.js';
import type { MatchCandidate } from '../../src/matching/matcher.types.js';
import type { StoredVacancyInput } from '../../src/matching/matching.inputs.js';
import { matchingRepository } from '../../src/matching/matching.repository.js';
import { recordRun } from '../../src/matching/matching.runs.js';
import { DEFAULT_WEIGHTS } from '../../src/matching/weights.js';
import { createBoss } from '../../src/jobs/queue.js';
import { newId } from '../../src/ids.js';
import { createFileMailer } from '../../src/mail/mailer.js';
import { PRIVACY_QUEUES, registerPrivacyJobs } from '../../src/privacy/privacy.jobs.js';
import { SYSTEM_ACTOR_ID } from '../../src/audit/audit.js';
import { eraseInTransaction } from '../../src/privacy/erasure.js';
import { CLOSED_STATUSES, runRetention } from '../../src/privacy/retention.js';
import { bearer, buildTenant, createCandidate } from '../support/factories.js';
import { testLogger } from '../support/harness.js';
import { buildSearchApp } from '../search/search-app.js';

/*
 * REQUIREMENTS P7: data past its term (per tenant, settings.retentionDays) is purged by a daily job.
 * Expired records are seeded (timestamps moved back), the job's function runs, and they are gone;
 * what is within its term stays, and the run is on record.
 */

const DAY = 86_400_000;

t.test('a run purges what is past its term, keeps the rest, and is on record (P7)', async (t) => {
  const { app, db, drain, client, prefix } = await buildSearchApp(t);
  const world = await buildTenant(db);
  const other = await buildTenant(db);
  const patch = await app.inject({
    method: 'PATCH',
    url: '/v1/settings',
    headers: bearer(world.admin),
    payload: { retentionDays: { closedCandidates: 60, matchRunInputs: 90, mailLog: 30, idempotencyKeys: 2 } },
  });
  t.equal(patch.statusCode, 200);
  const now = new Date();
  const daysAgo = (days: number) => new Date(now.getTime() - days * DAY);

  async function person(tenant: typeof world, status: string, untouchedDays: number) {
    const candidate = await createCandidate(app, tenant.accountManager);
    await db
      .update(candidates)
      .set({ status, updatedAt: daysAgo(untouchedDays) })
      .where(eq(candidates.id, candidate.id));
    return candidate.id;
  }
  const placedLongAgo = await person(world, 'placed', 61);
  const routeLongAgo = await person(world, 'participation_route', 400);
  const placedRecently = await person(world, 'placed', 59);
  const activeLongAgo = await person(world, 'active', 1000);
  const otherTenantPlaced = await person(other, 'placed', 400); // the default term there is 730 days

  // Runs recorded as the service records them: each input stored once and named by digest. The
  // old run (91 days, past the 90-day term) shows two people; the newer run (89 days) shows one of
  // them again, unchanged, so that person's stored input is still named and must stay.
  const vacancyId = newId();
  const vacancyInput = { vacancy: { id: vacancyId, title: 'Orderpicker' }, relatedSkills: [] } as unknown as StoredVacancyInput;
  const run = async (at: Date, shown: Array<{ id: string }>) => {
    const id = newId(at.getTime());
    await recordRun(db, {
      tenantId: world.tenantId,
      id,
      subjectId: vacancyId,
      actorUserId: world.admin.userId,
      at,
      weights: { version: 0, weights: DEFAULT_WEIGHTS },
      inputs: { kind: 'vacancy', subject: vacancyInput, shown: shown as unknown as MatchCandidate[] },
      rankedHash: 'x',
      population: shown.length,
      eligible: shown.length,
      results: shown.map((candidate, at) => ({ rank: at + 1, candidateId: candidate.id, total: 50, eligible: true, conditional: false, contributions: {} })),
    });
    return id;
  };
  const oldRun = await run(daysAgo(91), [{ id: activeLongAgo }, { id: placedRecently }]);
  const newRun = await run(daysAgo(89), [{ id: activeLongAgo }]);
  t.equal(
    (await db.select().from(matchInputs).where(eq(matchInputs.tenantId, world.tenantId))).length,
    3,
    'the vacancy and the person shown twice are stored once',
  );

  const mail = (sentAt: Date) => ({
    tenantId: world.tenantId,
    id: newId(),
    kind: 'digest',
    recipient: 'km@test.example',
    recipientHash: 'h',
    subject: 'Overzicht',
    sentAt,
  });
  const oldMail = mail(daysAgo(31));
  const newMail = mail(daysAgo(29));
  await db.insert(mailLog).values([oldMail, newMail]);
  const key = (name: string, createdAt: Date) => ({
    tenantId: world.tenantId,
    userId: world.admin.userId,
    key: name,
    method: 'POST',
    path: '/v1/x',
    requestHash: 'h',
    statusCode: 201,
    createdAt,
  });
  await db.insert(idempotencyKeys).values([key('oude-sleutel', daysAgo(3)), key('nieuwe-sleutel', daysAgo(1))]);
  await drain();

  const deps = { db, search: client, searchPrefix: prefix, clock: { now: () => now }, logger: testLogger };
  const summaries = await runRetention(deps);
  t.match(
    summaries.find((summary) => summary.tenantId === world.tenantId),
    { candidatesErased: 2, matchRunInputs: 3, matchInputs: 1, mailLog: 1, idempotencyKeys: 1 },
  );
  t.match(
    summaries.find((summary) => summary.tenantId === other.tenantId),
    { candidatesErased: 0, matchRunInputs: 0, matchInputs: 0, mailLog: 0, idempotencyKeys: 0 },
  );

  const remaining = new Set((await db.select({ id: candidates.id }).from(candidates)).map((row) => row.id));
  t.notOk(remaining.has(placedLongAgo), 'placed and untouched past the term: erased');
  t.notOk(remaining.has(routeLongAgo), 'participation route past the term: erased');
  t.ok(remaining.has(placedRecently), 'placed within the term: kept');
  t.ok(remaining.has(activeLongAgo), 'still in the caseload: kept, however long untouched');
  t.ok(remaining.has(otherTenantPlaced), 'another tenant’s own term applies');
  const ledger = await db.select().from(erasureLedger).where(eq(erasureLedger.tenantId, world.tenantId));
  t.same(
    ledger.map((row) => row.reason),
    ['retention', 'retention'],
    'in the ledger, with the reason',
  );
  const indexed = (await client.index(`${prefix}candidates_${world.tenantId}`).search('', { limit: 100 })).hits.map((hit) => hit.id as string);
  t.same(indexed.sort(), [placedRecently, activeLongAgo].sort(), 'and out of the search index');

  t.same([...new Set((await db.select({ runId: matchRunInputs.runId }).from(matchRunInputs)).map((row) => row.runId))], [newRun], 'old run inputs purged');
  t.same(
    (await db.select({ subjectId: matchInputs.subjectId }).from(matchInputs).where(eq(matchInputs.tenantId, world.tenantId)))
      .map((row) => row.subjectId)
      .sort(),
    [vacancyId, activeLongAgo].sort(),
    'a stored input only the old run named is purged; one the newer run names too stays',
  );
  const kept = await matchingRepository(db).runInputs({ tenantId: world.tenantId, runId: newRun });
  t.same([...kept.keys()].sort(), [vacancyId, activeLongAgo].sort(), 'the newer run can still be replayed');
  t.same(kept.get(activeLongAgo), { id: activeLongAgo });
  t.equal((await db.select().from(matchRuns).where(eq(matchRuns.id, oldRun))).length, 1, 'the run itself stays (append-only)');
  t.same(
    (await db.select({ id: mailLog.id }).from(mailLog)).map((row) => row.id),
    [newMail.id],
    'old mail log rows purged',
  );
  t.same(
    (await db.select({ key: idempotencyKeys.key }).from(idempotencyKeys).where(eq(idempotencyKeys.tenantId, world.tenantId))).map((row) => row.key),
    ['nieuwe-sleutel'],
  );

  const [record] = await db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.tenantId, world.tenantId), eq(auditLog.action, 'retention.purge')));
  t.match(record, {
    actorUserId: null,
    subjectType: 'tenant',
    details: { candidatesErased: 2, matchRunInputs: 3, matchInputs: 1, mailLog: 1, idempotencyKeys: 1, terms: { closedCandidates: 60 } },
  });
  const erasures = await db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.action, 'candidate.erase'), eq(auditLog.reason, 'retention')));
  t.equal(erasures.length, 2, 'each erasure is audited, by the system');

  // Idempotent: a second run the same day finds nothing more.
  t.match(
    (await runRetention(deps)).find((summary) => summary.tenantId === world.tenantId),
    { candidatesErased: 0, matchRunInputs: 0, matchInputs: 0, mailLog: 0, idempotencyKeys: 0 },
  );
});

t.test('the retention job is scheduled daily on pg-boss', async (t) => {
  const { db, database } = await buildSearchApp(t);
  const boss = createBoss({ url: database.url, logger: testLogger });
  await boss.start();
  t.teardown(() => boss.stop({ graceful: false, close: true }));
  await registerPrivacyJobs(boss, { db, search: null, logger: testLogger, clock: { now: () => new Date() }, runWorkers: false });
  const schedules = await db.execute<{ name: string; cron: string; timezone: string }>(sql`select name, cron, timezone from pgboss.schedule`);
  t.match(
    schedules.rows.find((row) => row.name === PRIVACY_QUEUES.retention),
    { cron: '15 3 * * *', timezone: 'Europe/Amsterdam' },
  );
});

t.test('retention re-checks under the row lock: someone reactivated meanwhile is kept', async (t) => {
  const { app, db } = await buildSearchApp(t);
  const world = await buildTenant(db);
  const candidate = await createCandidate(app, world.accountManager);
  const cutOff = new Date(Date.now() - 60 * DAY);
  // Selected as expired a moment ago; since then an account manager took them back into the caseload.
  await db.update(candidates).set({ status: 'active', updatedAt: new Date() }).where(eq(candidates.id, candidate.id));
  const deps = { db, search: null, searchPrefix: '', clock: { now: () => new Date() }, logger: testLogger };
  const result = await eraseInTransaction(deps, {
    tenantId: world.tenantId,
    candidateId: candidate.id,
    actorUserId: null,
    systemActorId: SYSTEM_ACTOR_ID,
    reason: 'retention',
    stillExpired: { statuses: CLOSED_STATUSES, updatedBefore: cutOff },
  });
  t.equal(result.outcome, 'not_found', 'not erased');
  t.equal((await db.select().from(candidates).where(eq(candidates.id, candidate.id))).length, 1, 'still there');
  t.equal((await db.select().from(erasureLedger).where(eq(erasureLedger.candidateId, candidate.id))).length, 0, 'no ledger entry');
});

t.test('written mail copies (.eml) follow the mail term: the shortest of any tenant (issue 11.13)', async (t) => {
  const { app, db } = await buildSearchApp(t);
  const world = await buildTenant(db);
  const patch = await app.inject({ method: 'PATCH', url: '/v1/settings', headers: bearer(world.admin), payload: { retentionDays: { mailLog: 30 } } });
  t.equal(patch.statusCode, 200);
  const dir = await mkdtemp(path.join(tmpdir(), 'kansrijk-retention-mail-'));
  t.teardown(() => rm(dir, { recursive: true, force: true }));
  const mailer = createFileMailer({ dir, from: 'noreply@kansrijk.example' });
  const old = await mailer.send({ to: 'klantmanager@test.example', subject: 'Oud', text: 'oud', html: '<p>oud</p>' });
  const recent = await mailer.send({ to: 'klantmanager@test.example', subject: 'Nieuw', text: 'nieuw', html: '<p>nieuw</p>' });
  const fileOf = async (messageId: string) => (await readdir(dir)).find((name) => name.includes(messageId.replace(/[^A-Za-z0-9.@-]/g, '_')));
  const longAgo = new Date(Date.now() - 31 * DAY);
  await utimes(path.join(dir, (await fileOf(old.messageId))!), longAgo, longAgo);
  await runRetention({ db, search: null, searchPrefix: '', clock: { now: () => new Date() }, logger: testLogger, mailCopies: mailer.copies });
  t.notOk(await fileOf(old.messageId), 'the copy past the term is deleted');
  t.ok(await fileOf(recent.messageId), 'the copy within it stays');
});
