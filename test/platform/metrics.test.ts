import { readFile } from 'node:fs/promises';
import { sql } from 'drizzle-orm';
import t from 'tap';
import { createBoss } from '../../src/jobs/queue.js';
import { drainOutbox } from '../../src/search/search.outbox-drain.js';
import { bearer, buildTenant, createCandidate, intakeV2, vacancyBody } from '../support/factories.js';
import { buildTestApp, createTestDatabase, testLogger } from '../support/harness.js';
import { parsePrometheusText, samplesOf, type Family } from '../support/prometheus.js';

/*
 * Issue 19.2: /metrics in Prometheus' text format, for the operator only, read as a scraper reads
 * it (strictly: test/support/prometheus.ts) after real work went through the app: a ranking, a
 * search, jobs in a queue, the search outbox before and after its drain.
 */

const OPERATOR_TOKEN = 'metrics-operator-token-0123456789abcdef';
const SCRAPER_ADDRESS = '10.20.30.40';

t.test('/metrics: the operator scrapes what the app did; nobody else sees it', async (t) => {
  const database = await createTestDatabase(t);
  const { app, search } = await buildTestApp(t, { database, config: { METRICS_TOKEN: OPERATOR_TOKEN, METRICS_ALLOW: [SCRAPER_ADDRESS] } });
  const world = await buildTenant(database.db);
  const scrape = () => app.inject({ method: 'GET', url: '/metrics', headers: { authorization: `Bearer ${OPERATOR_TOKEN}` } });
  const value = (families: Map<string, Family>, name: string, labels: Record<string, string> = {}, suffix = '') =>
    samplesOf(families.get(name), labels, suffix).reduce((sum, sample) => sum + sample.value, 0);

  // Work to be measured: a vacancy ranked for two people, a search, jobs waiting in a queue.
  for (const name of ['Sanne', 'Joost']) {
    const person = await createCandidate(app, world.accountManager, { contact: { givenName: name, familyName: 'Meting', email: 'persoon@test.example' } });
    const intake = await app.inject({ method: 'POST', url: `/v1/candidates/${person.id}/intakes`, headers: bearer(world.accountManager), payload: intakeV2() });
    t.equal(intake.statusCode, 201);
  }
  const vacancy = await app.inject({
    method: 'POST',
    url: '/v1/vacancies',
    headers: bearer(world.employerRelations),
    payload: vacancyBody({ employerId: world.employerA.employer.id, locationId: world.employerA.location.id, status: 'open', title: 'Medewerker magazijn' }),
  });
  t.equal(vacancy.statusCode, 201);
  const vacancyId = vacancy.json<{ id: string }>().id;
  t.equal((await app.inject({ method: 'GET', url: `/v1/vacancies/${vacancyId}/matches`, headers: bearer(world.accountManager) })).statusCode, 200);

  // The outbox as it stands (no worker runs in this test), then drained as the worker would, and searched.
  const pending = await database.db.execute<{ n: number }>(sql`select count(*)::int as n from outbox where processed_at is null`);
  t.ok(pending.rows[0]!.n > 0, 'the people and the vacancy wait in the outbox');
  const beforeDrain = parsePrometheusText((await scrape()).body);
  // The app was built without an index prefix: the worker drains into the same indexes.
  await drainOutbox({ db: database.db, search: search.client });
  t.equal((await app.inject({ method: 'GET', url: '/v1/search/candidates?q=Sanne', headers: bearer(world.accountManager) })).statusCode, 200);

  const boss = createBoss({ url: database.url, logger: testLogger });
  await boss.start();
  t.teardown(() => boss.stop({ graceful: false }));
  await boss.createQueue('metrics.test');
  await boss.send('metrics.test', { n: 1 });
  await boss.send('metrics.test', { n: 2 });

  t.test('refused to anyone but the operator: no token, a tenant admin token, a wrong token', async (t) => {
    for (const headers of [{}, bearer(world.admin), { authorization: `Bearer ${OPERATOR_TOKEN.slice(0, -1)}x` }]) {
      const refused = await app.inject({ method: 'GET', url: '/metrics', headers, remoteAddress: '10.20.30.41' });
      t.equal(refused.statusCode, 404);
      t.match(refused.headers['content-type'], /application\/problem\+json/);
      t.notMatch(refused.body, /kansrijk_/);
    }
  });

  t.test('open to the configured address without a token', async (t) => {
    const scraped = await app.inject({ method: 'GET', url: '/metrics', remoteAddress: SCRAPER_ADDRESS });
    t.equal(scraped.statusCode, 200);
    t.match(scraped.body, /^# HELP kansrijk_/m);
  });

  const scraped = await scrape();
  t.equal(scraped.statusCode, 200);
  t.match(scraped.headers['content-type'], /^text\/plain; version=0\.0\.4/);
  t.equal(scraped.headers['cache-control'], 'no-store');
  const families = parsePrometheusText(scraped.body);

  t.test('request durations by route pattern and status, never by URL', async (t) => {
    t.equal(families.get('kansrijk_http_request_duration_seconds')?.type, 'histogram');
    t.ok(value(families, 'kansrijk_http_request_duration_seconds', { method: 'GET', route: '/v1/vacancies/:id/matches', status: '200' }, '_count') >= 1);
    t.ok(value(families, 'kansrijk_http_request_duration_seconds', { method: 'POST', route: '/v1/candidates', status: '201' }, '_count') >= 2);
    const labels = families.get('kansrijk_http_request_duration_seconds')!.samples.flatMap((sample) => Object.values(sample.labels));
    t.notOk(
      labels.some((label) => label.includes(vacancyId) || label.includes('Sanne')),
      'no id or search term in a label',
    );
  });

  t.test('ranking, population refresh and search calls', async (t) => {
    t.ok(value(families, 'kansrijk_ranking_duration_seconds', { list: 'ranked' }, '_count') >= 1);
    t.ok(value(families, 'kansrijk_run_storage_seconds', {}, '_count') >= 1, 'the ranking’s run was stored, and how long that took observed');
    t.ok(value(families, 'kansrijk_population_refresh_seconds', {}, '_count') >= 1);
    t.ok(value(families, 'kansrijk_population_rows_read_total') >= 2, 'both people were read into the population');
    t.ok(value(families, 'kansrijk_search_duration_seconds', { index: 'candidates', outcome: 'ok' }, '_count') >= 1);
  });

  t.test('pool, outbox and queues are read from the app’s own database', async (t) => {
    t.same(new Set(samplesOf(families.get('kansrijk_db_pool_connections')).map((sample) => sample.labels.state)), new Set(['total', 'idle', 'waiting']));
    t.ok(value(families, 'kansrijk_db_pool_connections', { state: 'total' }) >= 1);
    t.equal(value(beforeDrain, 'kansrijk_search_outbox_pending'), pending.rows[0]!.n);
    t.ok(value(beforeDrain, 'kansrijk_search_outbox_lag_seconds') > 0);
    t.equal(value(families, 'kansrijk_search_outbox_pending'), 0, 'drained');
    t.equal(value(families, 'kansrijk_search_outbox_lag_seconds'), 0);
    t.equal(value(families, 'kansrijk_queue_jobs', { queue: 'metrics.test', state: 'created' }), 2);
  });

  t.test('every metric the Grafana dashboard (docs/grafana-dashboard.json) queries is scraped', async (t) => {
    const dashboard = await readFile(new URL('../../docs/grafana-dashboard.json', import.meta.url), 'utf8');
    const queried = new Set([...dashboard.matchAll(/kansrijk_[a-z0-9_]+/g)].map((match) => match[0].replace(/_(bucket|count|sum)$/, '')));
    t.ok(queried.size >= 10);
    for (const name of queried) t.ok(families.has(name), name);
  });

  t.test('process metrics', async (t) => {
    t.ok(value(families, 'kansrijk_process_cpu_user_seconds_total') > 0);
    t.ok(families.has('kansrijk_nodejs_eventloop_lag_seconds'));
  });
});

t.test('the reader refuses what Prometheus would refuse', async (t) => {
  t.throws(() => parsePrometheusText('kansrijk_x 1\n'), /undeclared/);
  t.throws(() => parsePrometheusText('# TYPE kansrijk_x gauge\nkansrijk_x{a="1" 1\n'), /not a sample|bad labels/);
  t.throws(() => parsePrometheusText('# TYPE kansrijk_x gauge\nkansrijk_x one\n'), /not a number/);
  t.throws(() => parsePrometheusText('# TYPE h histogram\nh_bucket{le="1"} 3\nh_bucket{le="+Inf"} 2\nh_sum 1\nh_count 2\n'), /not cumulative/);
});
