import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { and, eq, sql } from 'drizzle-orm';
import t from 'tap';
import { outbox } from '../../db/schema/index.js';
import { createSearchClient } from '../../search/client.js';
import { startMeilisearch, type MeilisearchHandle } from '../../src/embedded/meilisearch-server.js';
import { testLogger, testWorkDir } from '../support/harness.js';
import { jobseeker, searchWorld } from './fixtures.js';
import { buildSearchApp, get } from './search-app.js';

/*
 * REQUIREMENTS R4: with Meilisearch down, writes still succeed and search answers 503 (never 500);
 * after it returns the backlog drains and drift is 0. This file stops a Meilisearch, so it starts
 * its own (the shared test server stays up for the other files).
 */

t.test('Meilisearch down: writes succeed, search is 503, the backlog drains after it returns', async (t) => {
  const dataDir = path.join(testWorkDir(), `meili-outage-${randomBytes(4).toString('hex')}`);
  const masterKey = randomBytes(24).toString('hex');
  let server: MeilisearchHandle = await startMeilisearch({ dataDir, masterKey, logger: testLogger });
  t.teardown(() => server.stop());
  const port = Number(new URL(server.url).port);
  const client = createSearchClient({ url: server.url, masterKey });
  const { app, database, drain, drift } = await buildSearchApp(t, { search: client });
  const { world } = await searchWorld(app, database.db);
  await drain();
  t.equal((await get(app, world.accountManager, '/v1/search/candidates?q=Fatima')).body.total, 1, 'search works');

  await server.stop();

  const during = await jobseeker(app, world, {
    givenName: 'Tijdens',
    familyName: 'Storing',
    postcode: '5038',
    titles: ['heftruckchauffeur'],
    competencies: ['heftruck rijden'],
    week: { mon: ['early'] },
  });
  t.ok(during.id, 'a candidate is registered (2xx) while Meilisearch is down');
  const renamed = await app.inject({
    method: 'PATCH',
    url: `/v1/vacancies/${(await get(app, world.admin, '/v1/vacancies?status=open')).body.items[0].id}`,
    headers: { authorization: `Bearer ${world.admin.token}` },
    payload: { title: 'Heftruckchauffeur dagdienst' },
  });
  t.equal(renamed.statusCode, 200, 'a vacancy is changed (2xx) while Meilisearch is down');

  for (const url of ['/v1/search/candidates?q=heftruck', '/v1/search/vacancies?q=heftruck&nightWork=true']) {
    const response = await app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${world.accountManager.token}` } });
    t.equal(response.statusCode, 503, `${url} → 503`);
    t.match(response.headers['content-type'], /application\/problem\+json/);
    t.equal(response.headers['retry-after'], '5');
    t.match(response.json(), { code: 'request.unavailable', title: 'Tijdelijk niet beschikbaar' });
  }

  const paused = await drain();
  t.match(paused, { unavailable: true, processed: 0 }, 'the drain waits');
  const pending = await database.db
    .select()
    .from(outbox)
    .where(and(eq(outbox.tenantId, world.tenantId), sql`${outbox.processedAt} is null`));
  t.ok(pending.length >= 2, `${pending.length} changes wait in the outbox`);
  t.ok(
    pending.every((row) => row.attempts === 0),
    'an outage uses up no attempts, so no change is dead-lettered however long it lasts',
  );

  server = await startMeilisearch({ dataDir, masterKey, logger: testLogger, port });
  const drained = await drain();
  t.match(drained, { unavailable: false, failed: 0 });
  t.equal(drained.processed, pending.length, 'the backlog drains');
  const report = await drift(world.tenantId, false);
  t.equal(report.drift, 0, 'drift 0');
  const found = (await get(app, world.accountManager, '/v1/search/candidates?q=Tijdens%20Storing')).body;
  t.equal(found.items[0]?.id, during.id, 'the candidate written during the outage is found');
  const vacancy = (await get(app, world.accountManager, '/v1/search/vacancies?q=dagdienst')).body;
  t.equal(vacancy.items[0]?.title, 'Heftruckchauffeur dagdienst');
});
