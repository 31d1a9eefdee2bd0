import { and, eq, sql } from 'drizzle-orm';
import t from 'tap';
import { waitFor } from '../support/wait.js';
import { candidates, outbox } from '../../db/schema/index.js';
import { OUTBOX_MAX_ATTEMPTS } from '../../src/search/search.outbox-drain.js';
import { tenantIndexName } from '../../search/search-documents.js';
import { createCandidateBodySchema } from '../../src/candidates/candidates.schemas.js';
import { createCandidateService } from '../../src/candidates/candidates.service.js';
import { startJobQueue } from '../../src/jobs/queue.js';
import { searchRepository } from '../../src/search/search.repository.js';
import { bearer, buildTenant, createCandidate } from '../support/factories.js';
import { createTestDatabase, testLogger } from '../support/harness.js';
import { jobseeker, searchWorld } from './fixtures.js';
import { buildSearchApp, capturingLogger, get } from './search-app.js';

/*
 * The transactional outbox (REQUIREMENTS R2, R7): a change and its index update commit or roll back
 * together; the drain is idempotent, ordered and batched; failures are retried with backoff and
 * dead-lettered with an alert.
 */

const pendingRows = (db: Parameters<typeof searchRepository>[0], tenantId: string) =>
  db
    .select()
    .from(outbox)
    .where(and(eq(outbox.tenantId, tenantId), sql`${outbox.processedAt} is null`));

/** The drain works on the whole outbox of a database: each test has a database of its own. */
const isolatedSearchApp = async (t: Parameters<typeof buildSearchApp>[0]) => buildSearchApp(t, { database: await createTestDatabase(t, { isolated: true }) });

t.test('a rolled-back change leaves no outbox row; a committed one always does (R2)', async (t) => {
  const { app, database } = await isolatedSearchApp(t);
  const world = await buildTenant(database.db);
  const service = createCandidateService({ db: database.db, clock: { now: () => new Date() } });
  const body = createCandidateBodySchema.parse({ contact: { givenName: 'Rolf', familyName: 'Terug' }, postcode: '5038' });

  await t.rejects(
    database.db.transaction(async (tx) => {
      await service.create(tx, world.accountManager.principal, body);
      throw new Error('something later in the transaction failed');
    }),
  );
  t.equal((await database.db.select().from(outbox).where(eq(outbox.tenantId, world.tenantId))).length, 0, 'no outbox row');
  t.equal((await database.db.select().from(candidates).where(eq(candidates.tenantId, world.tenantId))).length, 0, 'no candidate');

  const refused = await app.inject({
    method: 'POST',
    url: '/v1/candidates',
    headers: { authorization: `Bearer ${world.accountManager.token}` },
    payload: { contact: { givenName: 'Onbekend', familyName: 'Gebied' }, postcode: '9999' },
  });
  t.equal(refused.statusCode, 400, 'a failed request');
  t.equal((await database.db.select().from(outbox).where(eq(outbox.tenantId, world.tenantId))).length, 0, 'leaves no outbox row either');

  const created = await createCandidate(app, world.accountManager);
  const rows = await pendingRows(database.db, world.tenantId);
  t.match(rows, [{ topic: 'search.candidate', entityId: created.id, operation: 'upsert', attempts: 0 }], 'a 2xx leaves its row');
});

t.test('the drain is idempotent, batched and follows Postgres: gone → deleted, delete → deleted', async (t) => {
  const { app, database, drain, client, prefix } = await isolatedSearchApp(t);
  const world = await buildTenant(database.db);
  const people = [];
  for (let i = 0; i < 7; i += 1)
    people.push(await createCandidate(app, world.accountManager, { contact: { givenName: `Persoon${i}`, familyName: 'Proef' }, postcode: '5038' }));
  const index = client.index(tenantIndexName(prefix, 'candidates', world.tenantId));

  const first = await drain({ limit: 3 });
  t.match(first, { claimed: 7, processed: 7, failed: 0, batches: 3 }, 'three batches of at most three');
  const before = (await index.getDocuments({ limit: 100 })).results;
  t.equal(before.length, 7);

  // At-least-once: the same rows again (a worker died before marking them) change nothing.
  await database.db
    .update(outbox)
    .set({ processedAt: null, availableAt: sql`now()` })
    .where(eq(outbox.tenantId, world.tenantId));
  t.match(await drain(), { claimed: 7, processed: 7 });
  const again = (await index.getDocuments({ limit: 100 })).results;
  t.same(again.map((doc) => [doc.id, doc.contentHash]).sort(), before.map((doc) => [doc.id, doc.contentHash]).sort(), 'the same documents, the same hashes');

  // A row whose entity no longer exists deletes its document.
  const gone = people[0]!;
  await database.db.delete(candidates).where(and(eq(candidates.tenantId, world.tenantId), eq(candidates.id, gone.id)));
  await database.db.insert(outbox).values({ tenantId: world.tenantId, topic: 'search.candidate', entityId: gone.id, operation: 'upsert' });
  // An explicit delete (erasure) deletes, even when the upsert of the same entity came first.
  const erased = people[1]!;
  await database.db.insert(outbox).values({ tenantId: world.tenantId, topic: 'search.candidate', entityId: erased.id, operation: 'upsert' });
  await database.db.insert(outbox).values({ tenantId: world.tenantId, topic: 'search.candidate', entityId: erased.id, operation: 'delete' });
  t.match(await drain(), { processed: 3, failed: 0 });
  const ids = (await index.getDocuments({ limit: 100 })).results.map((doc) => doc.id);
  t.notOk(ids.includes(gone.id), 'gone from Postgres → gone from the index');
  t.notOk(ids.includes(erased.id), 'deleted');
  t.equal(ids.length, 5);
  t.equal((await pendingRows(database.db, world.tenantId)).length, 0, 'every row processed');
});

t.test('failures are retried with backoff, then dead-lettered with an alert (R7)', async (t) => {
  const { app, database, drain, client, prefix } = await isolatedSearchApp(t);
  const world = await buildTenant(database.db);
  const { logger, lines } = capturingLogger();
  const entityId = '01a21417-0000-7000-8000-00000000beef';
  await database.db.insert(outbox).values({ tenantId: world.tenantId, topic: 'search.unknown', entityId, operation: 'upsert' });
  const row = async () => (await database.db.select().from(outbox).where(eq(outbox.entityId, entityId)))[0]!;
  const delaySeconds = async () => {
    const result = await database.db.execute<{ delay: number }>(
      sql`select extract(epoch from available_at - now())::float8 as delay from outbox where entity_id = ${entityId}`,
    );
    return Number(result.rows[0]!.delay);
  };
  const due = () =>
    database.db
      .update(outbox)
      .set({ availableAt: sql`now()` })
      .where(eq(outbox.entityId, entityId));

  t.match(await drain({ logger }), { failed: 1, deadLettered: 0 });
  t.match(await row(), { attempts: 1, processedAt: null, lastError: /unknown outbox topic "search.unknown"/ });
  t.ok(Math.abs((await delaySeconds()) - 5) < 2, 'retried after about 5 s');
  t.match(await drain({ logger }), { claimed: 0 }, 'not before it is due');
  await due();
  await drain({ logger });
  t.equal((await row()).attempts, 2);
  t.ok(Math.abs((await delaySeconds()) - 10) < 2, 'then after about 10 s: exponential');

  for (let attempt = 3; attempt <= OUTBOX_MAX_ATTEMPTS; attempt += 1) {
    await due();
    await drain({ logger });
  }
  t.match(await row(), { attempts: OUTBOX_MAX_ATTEMPTS, processedAt: null }, 'dead-lettered: never processed');
  const alerts = lines.filter((line) => line.alert === 'search.outbox.dead_letter');
  t.equal(alerts.length, 1, 'one alert');
  t.match(alerts[0], { level: 50, seq: (await row()).seq, topic: 'search.unknown', attempts: OUTBOX_MAX_ATTEMPTS });
  await due();
  t.match(await drain({ logger }), { claimed: 0 }, 'no more retries');
  const repository = searchRepository(database.db);
  t.match(await repository.outboxStats({ maxAttempts: OUTBOX_MAX_ATTEMPTS }), { deadLetters: 1 });
  t.equal(await repository.retryDeadLetters({ maxAttempts: OUTBOX_MAX_ATTEMPTS }), 1, 'an operator can retry them');
  t.equal((await row()).attempts, 0);
  await database.db.delete(outbox).where(eq(outbox.entityId, entityId));

  // A Meilisearch error that is no outage counts as an attempt too: an index with the wrong primary key.
  const name = tenantIndexName(prefix, 'candidates', world.tenantId);
  await client.createIndex(name, { primaryKey: 'reference' }).waitTask();
  const person = await createCandidate(app, world.accountManager);
  const personRow = async () => (await database.db.select().from(outbox).where(eq(outbox.entityId, person.id)))[0]!;
  const broken = await drain({ logger });
  t.match(broken, { failed: 1, unavailable: false });
  t.match(await personRow(), { attempts: 1, processedAt: null, lastError: /primary key|primary_key/i });
  await client.deleteIndex(name).waitTask();
  await database.db
    .update(outbox)
    .set({ availableAt: sql`now()` })
    .where(eq(outbox.entityId, person.id));
  t.match(await drain({ logger }), { processed: 1, failed: 0 }, 'repaired: the missing index is rebuilt from Postgres');
  t.equal((await client.index(name).getDocuments()).results[0]?.id, person.id);
});

t.test('the pg-boss drain job keeps the index in step while the app runs', async (t) => {
  const { app, database, client, prefix } = await isolatedSearchApp(t);
  const world = await buildTenant(database.db);
  const jobs = await startJobQueue({
    url: database.url,
    deps: { db: database.db, search: client, searchPrefix: prefix, clock: { now: () => new Date() }, logger: testLogger },
    runWorkers: true,
  });
  t.teardown(() => jobs.stop());
  await jobseeker(app, world, {
    givenName: 'Jobbe',
    familyName: 'Wachter',
    postcode: '5038',
    titles: ['orderpicker'],
    competencies: [],
    week: { mon: ['day'] },
  });
  const found = await waitFor(
    async () => {
      const response = await get(app, world.accountManager, '/v1/search/candidates?q=Jobbe');
      const names: string[] = response.status === 200 ? response.body.items.map((item: { name: string }) => item.name) : [];
      return names.length > 0 && names;
    },
    { what: 'the new jobseeker in the search index', intervalMs: 250 },
  );
  t.same(found, ['Jobbe Wachter'], 'found without a drain call');
});

t.test('a new name reaches the index; a new phone number makes no outbox row', async (t) => {
  const { app, database, drain } = await isolatedSearchApp(t);
  const { world, candidates: people } = await searchWorld(app, database.db);
  await drain();
  const rows = async () =>
    (
      await database.db
        .select()
        .from(outbox)
        .where(and(eq(outbox.tenantId, world.tenantId), eq(outbox.entityId, people.joost.id)))
    ).length;
  const before = await rows();
  const phone = await app.inject({
    method: 'PATCH',
    url: `/v1/candidates/${people.joost.id}/contact`,
    headers: bearer(world.accountManager),
    payload: { phone: '06 5555 4444' },
  });
  t.equal(phone.statusCode, 200, phone.body);
  t.equal(await rows(), before, 'contact data is not in the index, so nothing to sync');
  const renamed = await app.inject({
    method: 'PATCH',
    url: `/v1/candidates/${people.joost.id}/contact`,
    headers: bearer(world.accountManager),
    payload: { givenName: 'Johannes' },
  });
  t.equal(renamed.statusCode, 200, renamed.body);
  t.equal(await rows(), before + 1);
  await drain();
  const found = (await get(app, world.accountManager, '/v1/search/candidates?q=Johannes')).body.items;
  t.same(
    found.map((item: { id: string }) => item.id),
    [people.joost.id],
    'found by the new name',
  );
});
