import t from 'tap';
import { createSearchClient } from '../../search/client.js';
import { findFreePort } from '../../src/embedded/ports.js';
import { buildTestApp, createTestDatabase } from '../support/harness.js';

t.test('/healthz is alive; /readyz checks Postgres and Meilisearch', async (t) => {
  const { app } = await buildTestApp(t);
  const health = await app.inject({ method: 'GET', url: '/healthz' });
  t.same(health.json(), { status: 'ok' });
  const ready = await app.inject({ method: 'GET', url: '/readyz' });
  t.equal(ready.statusCode, 200);
  t.same(ready.json(), { status: 'ready', checks: { postgres: 'ok', meilisearch: 'ok' } });
});

t.test('/readyz answers 503 when Meilisearch cannot be reached', async (t) => {
  const database = await createTestDatabase(t);
  const closedPort = await findFreePort();
  const { buildApp } = await import('../../src/app.js');
  const { defaultTestConfig, testLogger } = await import('../support/harness.js');
  const app = await buildApp(
    {
      database,
      search: createSearchClient({ url: `http://127.0.0.1:${closedPort}`, masterKey: 'x'.repeat(24) }),
      clock: { now: () => new Date() },
      logger: testLogger,
    },
    defaultTestConfig,
  );
  t.teardown(() => app.close());
  const ready = await app.inject({ method: 'GET', url: '/readyz' });
  t.equal(ready.statusCode, 503);
  t.same(ready.json().checks, { postgres: 'ok', meilisearch: 'unavailable' });
});

t.test('/readyz answers 503 when Postgres cannot be reached', async (t) => {
  const { app, database } = await buildTestApp(t);
  await database.close();
  const ready = await app.inject({ method: 'GET', url: '/readyz' });
  t.equal(ready.statusCode, 503);
  t.same(ready.json().checks, { postgres: 'unavailable', meilisearch: 'ok' });
});
