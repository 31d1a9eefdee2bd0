import { eq } from 'drizzle-orm';
import t from 'tap';
import { users } from '../../db/schema/index.js';
import { insertSyntheticCandidates } from '../../bench/synthetic-candidates.js';
import { ensureSearchIndexes, reindexTenant } from '../../src/search/search.sync.js';
import { jobseeker, searchWorld } from './fixtures.js';
import { buildSearchApp, get } from './search-app.js';

/*
 * REQUIREMENTS R6: drift between Postgres and the index is detected and repaired, and an index is
 * rebuilt by a swap without downtime.
 */

t.test('drift injected in Meilisearch is reported, then repaired to zero', async (t) => {
  const { app, database, drain, drift, client, indexName } = await buildSearchApp(t);
  const { world, candidates, vacancies } = await searchWorld(app, database.db);
  await drain();
  t.equal((await drift(world.tenantId, false)).drift, 0, 'no drift after the drain');

  const people = client.index(indexName('candidates', world.tenantId));
  const jobs = client.index(indexName('vacancies', world.tenantId));
  await people.deleteDocument(candidates.sanne.id).waitTask();
  await people.updateDocuments([{ id: candidates.joost.id, name: 'Iemand Anders' }]).waitTask(); // altered, hash left as it was
  const extraId = '01a21417-0000-7000-8000-0000000000ee';
  const [template] = (await people.getDocuments({ limit: 1 })).results;
  await people.addDocuments([{ ...template, id: extraId, reference: 'KR-EXTRA1' }]).waitTask();
  await jobs.updateDocuments([{ id: vacancies.cook.id, status: 'closed' }]).waitTask();
  // A change made outside the services (no outbox row): a renamed account manager.
  await database.db.update(users).set({ name: 'Klantmanager Nieuw' }).where(eq(users.id, world.accountManager.userId));

  const found = await drift(world.tenantId, false);
  t.same(found.indexes.candidates.missing, [candidates.sanne.id]);
  t.same(found.indexes.candidates.extra, [extraId]);
  t.equal(found.indexes.candidates.stale.length, 3, 'every document with the renamed account manager, and the altered one');
  t.ok(found.indexes.candidates.stale.includes(candidates.joost.id));
  t.same(found.indexes.vacancies.stale, [vacancies.cook.id]);
  t.equal(found.drift, 6);
  t.equal(found.repaired, 0, 'a dry run repairs nothing');

  const repaired = await drift(world.tenantId);
  t.equal(repaired.drift, 6, 'the report describes what was found');
  t.equal(repaired.repaired, 6);
  t.equal((await drift(world.tenantId, false)).drift, 0, 'drift 0 after the repair');
  t.same(
    (await get(app, world.accountManager, '/v1/search/candidates?q=Joost')).body.items.map((item: { name: string }) => item.name),
    ['Joost de Vries'],
  );
  t.equal((await get(app, world.accountManager, '/v1/search/vacancies?status=open')).body.total, 6);

  // A lost index (a fresh Meilisearch) is rebuilt whole.
  await client.deleteIndex(indexName('vacancies', world.tenantId)).waitTask();
  const lost = await drift(world.tenantId);
  t.equal(lost.indexes.vacancies.indexed, null);
  t.equal(lost.indexes.vacancies.missing.length, 6);
  t.equal((await drift(world.tenantId, false)).drift, 0);
});

t.test('a rebuild is swapped in while searches go on, and loses no change made during it', async (t) => {
  const { app, database, drain, drift, client, prefix, db, indexName } = await buildSearchApp(t);
  const { world } = await searchWorld(app, database.db);
  await insertSyntheticCandidates({ db, tenantId: world.tenantId, count: 3_000, accountManagerIds: [world.accountManager.userId] });
  await reindexTenant({ db, search: client, prefix, tenantId: world.tenantId });
  await drain();
  const browse = (await get(app, world.admin, '/v1/search/candidates')).body;
  t.equal(browse.total, 1000, 'Meilisearch counts hits up to 1000');
  const counted = browse.facets.status.reduce((sum: number, entry: { count: number }) => sum + entry.count, 0);
  t.equal(counted, 3_004, 'facet counts are exact beyond that');

  let rebuilding = true;
  const answers: Array<{ status: number; found: boolean }> = [];
  const searches = (async () => {
    while (rebuilding) {
      const response = await get(app, world.accountManager, '/v1/search/candidates?q=Fatima%20Yilmaz&status=active');
      answers.push({ status: response.status, found: response.body.items?.[0]?.name === 'Fatima Yilmaz' });
    }
  })();
  const rebuild = reindexTenant({ db, search: client, prefix, tenantId: world.tenantId });
  // A change while the new index is being built: it goes to the old index, and must reach the new one.
  const late = await jobseeker(app, world, {
    givenName: 'Laatkomer',
    familyName: 'Tijdens',
    postcode: '5038',
    titles: ['kok'],
    competencies: [],
    week: { sat: ['day'] },
  });
  await drain();
  const result = await rebuild;
  rebuilding = false;
  await searches;

  // The late candidate lands in the rebuild's own pages or, when it committed after they were read,
  // through the outbox replay after the swap; either way the swapped-in index holds everyone.
  t.ok(result.candidates === 3_004 || result.candidates === 3_004 + 1, `the rebuild read ${result.candidates} candidates`);
  t.equal((await client.index(indexName('candidates', world.tenantId)).getStats()).numberOfDocuments, 3_004 + 1, 'every candidate indexed');
  t.ok(answers.length > 3, `${answers.length} searches during the rebuild`);
  t.ok(
    answers.every((answer) => answer.status === 200 && answer.found),
    'every search during the rebuild answered, and found the person',
  );
  const { results } = await client.getIndexes({ limit: 1000 });
  t.same(
    // Only this file's indexes: other test files rebuild theirs in the same Meilisearch meanwhile.
    results.filter((index) => index.uid.startsWith(prefix) && index.uid.endsWith('_next')).map((index) => index.uid),
    [],
    'no half-built index left',
  );
  t.ok(
    results.some((index) => index.uid === indexName('candidates', world.tenantId)),
    'the index keeps its name',
  );
  t.equal(
    (await get(app, world.accountManager, '/v1/search/candidates?q=Laatkomer')).body.items[0]?.id,
    late.id,
    'the change made during the rebuild is there',
  );
  t.equal((await drift(world.tenantId, false)).drift, 0);
});

t.test('start-up rebuilds an empty or missing index and keeps settings current', async (t) => {
  const { app, database, drain, client, prefix, db, indexName } = await buildSearchApp(t);
  const { world } = await searchWorld(app, database.db);
  await drain();
  const name = indexName('candidates', world.tenantId);
  await client.index(name).deleteAllDocuments().waitTask();
  await client
    .index(indexName('vacancies', world.tenantId))
    .updateSettings({ filterableAttributes: ['status'] })
    .waitTask();

  const report = await ensureSearchIndexes({ db, search: client, prefix });
  const mine = report.filter((entry) => entry.index.endsWith(world.tenantId));
  t.same(mine, [
    { index: name, action: 'rebuilt', documents: 4 },
    { index: indexName('vacancies', world.tenantId), action: 'updated' },
  ]);
  t.equal((await client.index(name).getStats()).numberOfDocuments, 4);
  t.equal((await get(app, world.accountManager, '/v1/search/vacancies?nightWork=true')).status, 200, 'filters work again');
  const again = await ensureSearchIndexes({ db, search: client, prefix });
  t.same(
    again.filter((entry) => entry.index.endsWith(world.tenantId)).map((entry) => entry.action),
    ['unchanged', 'unchanged'],
  );
});
