import t from 'tap';
import { ensureSearchIndexes } from '../../src/search/search.sync.js';
import { DEMO_TENANT_SLUG } from '../../src/demo/seed.js';
import { searchRepository } from '../../src/search/search.repository.js';
import { createTestDatabase, demoSeed } from '../support/harness.js';
import { buildSearchApp } from './search-app.js';

/*
 * The demo: what `npm start` does on a fresh machine (seed, then make sure the search indexes hold
 * what Postgres holds) leaves the demo Werkplein searchable at once.
 */

t.test('a demo start indexes the seeded candidates and vacancies', async (t) => {
  const { db, client, prefix, indexName, drain, drift } = await buildSearchApp(t, { database: await createTestDatabase(t, { demo: true }) });
  const seeded = await demoSeed();
  t.ok(seeded.created);
  const tenant = await searchRepository(db).tenantBySlug(DEMO_TENANT_SLUG);
  t.equal(tenant?.id, seeded.tenantId);

  const report = await ensureSearchIndexes({ db, search: client, prefix });
  t.same(report, [
    { index: indexName('candidates', seeded.tenantId), action: 'rebuilt', documents: 260 },
    { index: indexName('vacancies', seeded.tenantId), action: 'rebuilt', documents: 65 },
  ]);
  // The seed also queued its changes; draining them changes nothing.
  t.match(await drain(), { failed: 0, unavailable: false });
  t.equal((await drift(seeded.tenantId, false)).drift, 0);

  const vacancies = await client.index(indexName('vacancies', seeded.tenantId)).search('chauffeur', { limit: 100 });
  t.ok(vacancies.hits.length > 0, `${vacancies.hits.length} demo vacancies for "chauffeur"`);
  const people = await client.index(indexName('candidates', seeded.tenantId)).search('magazijn', { limit: 5, filter: ['nights = true'] });
  t.ok(people.estimatedTotalHits > 0, 'demo jobseekers for "magazijn" who work nights');
});
