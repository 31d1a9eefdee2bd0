/*
 * The end-to-end part of `npm run bench:match`: GET /v1/vacancies/:id/matches on the real app
 * (buildApp on loopback, the token of one of three klantmanagers, an embedded PostgreSQL in a
 * temporary folder) over `size` synthetic jobseekers written as if each had done the intake
 * (bench/synthetic-candidates.ts, asIntake), barriers and open agreed actions included. Every request
 * ranks, explains the page, and stores the run with its inputs and the log of the open actions it
 * shows of the klantmanager's own people (F2, P2).
 *
 * Measured: the first request (the population read from Postgres and compiled into columns), the
 * first request after one profile changes (median of 5, minus the sequential p50: the change feed
 * names that row, which alone is read again and patched into the columns; issue 13.10), then
 * p50/p95 sequentially and with 4 concurrent clients. Baseline in the same run, each ranking right
 * after a sequential request (the same load for both on a shared machine): the in-process ranking
 * of the same vacancy over the service's own compiled population (what the endpoint adds is Postgres, the
 * stored run, HTTP and JSON). Where the sequential requests' time goes is read from the app's own
 * histograms (kansrijk_http_request_duration_seconds, _ranking_duration_, _run_storage_) as means:
 * the server's part of the client's time, and in it the ranking and the run's storage. The client
 * (node:http, kept-alive connections) runs in the same process as the server, so its own work counts
 * against the API: the figures are on the safe side. Then the sequential requests once more through
 * fetch, the client of earlier runs (undici's WHATWG streams cost most of a ms more per request), and a
 * second baseline: a durable commit alone, one row inserted and flushed to disk, which storing the
 * run before answering (F2) cannot go below (a run's commit flushes ~15 KB of WAL: its 25 named
 * inputs with their two indexes are most of it). Last, the 4 clients again
 * from a worker thread, which takes their own work off the server's event loop (not off the cores).
 */
import { randomBytes } from 'node:crypto';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import http from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { sql } from 'drizzle-orm';
import pino from 'pino';
import type { Histogram } from 'prom-client';
import { createDatabase } from '../db/client.js';
import { migrateDatabase } from '../db/migrate.js';
import { tenants } from '../db/schema/index.js';
import { insertSyntheticCandidates } from '../bench/synthetic-candidates.js';
import { buildApp } from '../src/app.js';
import type { Principal } from '../src/auth/roles.js';
import { seedDemoTaxonomy } from '../src/demo/demo-taxonomy.js';
import { seedDemoPostcodes } from '../src/demo/seed.js';
import { createEmployerService } from '../src/employers/employers.service.js';
import { startEmbeddedPostgres } from '../src/embedded/embedded-postgres.js';
import { newId } from '../src/ids.js';
import { toMatchVacancy } from '../src/matching/matching.inputs.js';
import { matchingRepository } from '../src/matching/matching.repository.js';
import { rankCandidatesForVacancy } from '../src/matching/ranker.js';
import { DEFAULT_WEIGHTS } from '../src/matching/weights.js';
import { instruments } from '../src/metrics/metrics.js';
import { userRepository } from '../src/users/users.repository.js';
import { createUserService } from '../src/users/users.service.js';
import { createVacancyBodySchema } from '../src/vacancies/vacancies.schemas.js';
import { createVacancyService } from '../src/vacancies/vacancies.service.js';

export type ApiBench = {
  size: number;
  population: number;
  writeSeconds: number;
  firstMs: number;
  refreshMs: number;
  sequential: { p50: number; p95: number; n: number };
  /** The same sequential requests through fetch (undici), the client of earlier runs. */
  sequentialFetch: { p50: number; p95: number; n: number };
  /** One row inserted and committed durably, alone: what storing the run before answering cannot go below. */
  commit: { p50: number; p95: number; n: number };
  concurrent: { p50: number; p95: number; n: number; clients: number };
  /** The same 4 clients from a worker thread: the server's event loop then does only the server's work. */
  concurrentFromWorker: { p50: number; p95: number; n: number; clients: number };
  inProcess: { p50: number; p95: number };
  /**
   * Where a sequential request's time goes, as means in ms: at the client, in the server (from the
   * request read to the answer sent, the app's HTTP histogram), and of that the two parts the app
   * measures itself: ranking the page (during its reads) and storing its run (from its start: the
   * answer is made meanwhile, and sent once the run is stored).
   */
  spent: { clientMs: number; serverMs: number; rankingMs: number; runStorageMs: number };
  runsStored: number;
  /** Reads of open actions (special-category data) logged: the ranking klantmanager's own people shown with one. */
  readsLogged: number;
};

/** Sum and count so far of one of the app's histograms, over the samples with these labels. */
async function observed(histogram: Histogram<string>, labels: Record<string, string> = {}): Promise<{ sum: number; count: number }> {
  const { values } = await histogram.get();
  const total = (suffix: string) =>
    values
      .filter((value) => value.metricName?.endsWith(suffix) && Object.entries(labels).every(([name, label]) => value.labels[name] === label))
      .reduce((sum, value) => sum + value.value, 0);
  return { sum: total('_sum'), count: total('_count') };
}

/** The mean in ms of what a histogram observed between two readings. */
const meanMs = (before: { sum: number; count: number }, after: { sum: number; count: number }) =>
  after.count > before.count ? ((after.sum - before.sum) / (after.count - before.count)) * 1000 : 0;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}
const summary = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return { p50: percentile(sorted, 50), p95: percentile(sorted, 95), n: sorted.length };
};

/** Two open vacancies as employers post them: an early-shift order picker and a day-time cleaner. */
const VACANCIES = [
  {
    title: 'Orderpicker vroege dienst',
    hoursPerWeek: { min: 24, max: 32 },
    rampUpFromHours: 16,
    shiftPattern: {
      kind: 'fixed',
      shifts: [{ dayPart: 'early', start: '06:00', end: '14:00', weekdays: ['mon', 'tue', 'wed', 'thu', 'fri'], required: true }],
    },
    contractType: 'agency',
    positions: 5,
    competencies: [
      { label: 'orderpicken', importance: 'must' },
      { label: 'heftruck rijden', importance: 'trainable' },
      { label: 'samenwerken', importance: 'should' },
    ],
  },
  {
    title: 'Schoonmaker kantoren',
    hoursPerWeek: { min: 16, max: 24 },
    rampUpFromHours: null,
    shiftPattern: { kind: 'fixed', shifts: [{ dayPart: 'day', start: '09:00', end: '15:00', weekdays: ['mon', 'tue', 'wed', 'thu', 'fri'], required: false }] },
    contractType: 'permanent',
    positions: 2,
    competencies: [
      { label: 'schoonmaken', importance: 'must' },
      { label: 'zelfstandig werken', importance: 'should' },
    ],
  },
];

/**
 * The same requests as the 4 clients above, sent from a worker thread: fetch and the answers' JSON
 * parse then run beside the server's event loop, not on it, as they would from another process
 * (they still share the machine's cores). Resolves with each request's time in ms.
 */
function requestsFromWorker(job: { url: string; token: string; vacancyIds: string[]; requests: number; clients: number }): Promise<number[]> {
  const source = `
    const { parentPort, workerData } = require('node:worker_threads');
    const { url, token, vacancyIds, requests, clients } = workerData;
    const times = [];
    let next = 0;
    const one = async () => {
      for (let i = next++; i < requests; i = next++) {
        const begin = performance.now();
        const response = await fetch(url + vacancyIds[i % 2] + '/matches?limit=25', { headers: { authorization: 'Bearer ' + token } });
        if (response.status !== 200) throw new Error('matches answered ' + response.status);
        await response.json();
        times.push(performance.now() - begin);
      }
    };
    Promise.all(Array.from({ length: clients }, one)).then(() => parentPort.postMessage(times), (error) => { throw error; });`;
  return new Promise((resolve, reject) => {
    const worker = new Worker(source, { eval: true, workerData: job });
    worker.once('message', (times: number[]) => {
      resolve(times);
      void worker.terminate();
    });
    worker.once('error', reject);
  });
}

export async function benchMatchApi({ size, requests, log }: { size: number; requests: number; log: (line: string) => void }): Promise<ApiBench> {
  const logger = pino({ level: 'error' });
  const stops: Array<() => Promise<unknown>> = [];
  try {
    const work = await mkdtemp(path.join(tmpdir(), 'kansrijk-bench-match-'));
    await chmod(work, 0o755);
    stops.push(() => rm(work, { recursive: true, force: true }));
    log('end to end: starting an embedded PostgreSQL …');
    const postgres = await startEmbeddedPostgres({
      dataDir: path.join(work, 'postgres'),
      password: randomBytes(12).toString('hex'),
      logger,
      persistent: false,
    });
    stops.push(postgres.stop);
    const database = createDatabase({ url: postgres.url, logger, max: 10 });
    stops.push(database.close);
    await migrateDatabase(database.pool);
    const db = database.db;
    const clock = { now: () => new Date() };

    await seedDemoPostcodes(db);
    await seedDemoTaxonomy(db);
    const tenantId = newId();
    await db.insert(tenants).values({ id: tenantId, slug: `bench-${randomBytes(3).toString('hex')}`, name: 'Werkplein Benchmark', settings: {} });
    const staff = async (role: 'admin' | 'account_manager', index: number) =>
      (
        await userRepository(db).insert({
          tenantId,
          id: newId(),
          email: `${role}${index}@bench.example`,
          name: `${role} ${index}`,
          role,
          createdAt: new Date(),
        })
      ).id;
    const adminId = await staff('admin', 0);
    const managers = [await staff('account_manager', 1), await staff('account_manager', 2), await staff('account_manager', 3)];
    const admin: Principal = { tenantId, userId: adminId, tokenId: 'bench', role: 'admin', employerId: null };
    const employers = createEmployerService({ db, clock });
    const employer = await employers.create(db, admin, { name: 'Logistiek Tilburg B.V.', sector: 'logistics', contacts: [{ name: 'P. de Wit' }] });
    const location = await employers.createLocation({
      tx: db,
      principal: admin,
      employerId: employer.id,
      body: { name: 'DC Tilburg', postcode: { pc4: '5047', letters: 'AB' } },
    });
    const vacancyService = createVacancyService({ db, clock });
    const vacancyIds: string[] = [];
    for (const body of VACANCIES) {
      const created = await vacancyService.create(
        db,
        admin,
        createVacancyBodySchema.parse({ ...body, employerId: employer.id, locationId: location.id, status: 'open' }),
      );
      vacancyIds.push(created.id);
    }
    const token = (await createUserService({ db, clock, tokenTtlDays: 1 }).issueToken(db, { tenantId, userId: managers[0]!, label: 'bench' })).token;

    log(`end to end: writing ${size.toLocaleString('en')} candidates with an intake …`);
    let mark = performance.now();
    const ids = await insertSyntheticCandidates({ db, tenantId, count: size, accountManagerIds: managers, asIntake: true });
    const writeSeconds = (performance.now() - mark) / 1000;
    await db.execute(sql`vacuum analyze`);
    // The bulk write's WAL is flushed to the data files now, not by a checkpoint during the measurements.
    await db.execute(sql`checkpoint`);

    const app = await buildApp(
      { database, search: null, clock, logger },
      { CORS_ORIGINS: [], RATE_LIMIT_PER_MINUTE: 1_000_000, AUTH_FAILURES_PER_MINUTE: 100, BODY_LIMIT_BYTES: 1_048_576, TOKEN_TTL_DAYS: 1 },
    );
    stops.push(() => app.close());
    const address = await app.listen({ host: '127.0.0.1', port: 0 });
    const headers = { authorization: `Bearer ${token}` };
    let population = 0;
    const answered = (status: number | undefined, text: string) => {
      if (status !== 200) throw new Error(`matches answered ${status}: ${text}`);
      const body = JSON.parse(text) as { population: number; items: unknown[] };
      population = body.population;
      return body;
    };
    // The client: node:http on kept-alive connections, the answer read whole and parsed, as a
    // client of the API would. It runs in the server's process, so its work still counts against the API.
    const agent = new http.Agent({ keepAlive: true, maxSockets: 8 });
    stops.push(async () => agent.destroy());
    const { hostname, port } = new URL(address);
    const call = (vacancyId: string) =>
      new Promise<{ population: number; items: unknown[] }>((resolve, reject) => {
        const request = http.get({ hostname, port, path: `/v1/vacancies/${vacancyId}/matches?limit=25`, headers, agent }, (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('error', reject);
          response.on('end', () => {
            try {
              resolve(answered(response.statusCode, Buffer.concat(chunks).toString('utf8')));
            } catch (error) {
              reject(error instanceof Error ? error : new Error(String(error)));
            }
          });
        });
        request.on('error', reject);
      });
    // The same request through fetch (undici), as earlier runs measured it: its own work (WHATWG
    // streams) adds most of a ms to each request's time here, on the server's event loop.
    const callWithFetch = async (vacancyId: string) => {
      const response = await fetch(`${address}/v1/vacancies/${vacancyId}/matches?limit=25`, { headers });
      return answered(response.status, await response.text());
    };

    log('end to end: first request (population read and compiled) …');
    mark = performance.now();
    await call(vacancyIds[0]!);
    const firstMs = performance.now() - mark;

    for (let i = 0; i < 20; i += 1) await call(vacancyIds[i % 2]!); // warm-up
    // One profile changes, five times: the next request reads that row again and patches it into the
    // columns (issue 13.10); compared below with the sequential p50 of requests without a change.
    const refreshTimes: number[] = [];
    for (let change = 0; change < 5; change += 1) {
      // Five people apart (wrapping round in a small population, so that --api-size 2000 works too).
      const id = ids[ids.length - 1 - ((change * 997) % ids.length)]!;
      await db.execute(sql`update candidate_profiles set hours_now = ${20 + change} where tenant_id = ${tenantId} and candidate_id = ${id}`);
      await db.execute(sql`update candidates set updated_at = now() where tenant_id = ${tenantId} and id = ${id}`);
      mark = performance.now();
      await call(vacancyIds[0]!);
      refreshTimes.push(performance.now() - mark);
    }
    const refreshMs = summary(refreshTimes).p50;

    // Baseline: the same ranking in process, over the very population the service ranks (its
    // candidates and compiled columns, not a copy: a second copy would double the heap, and with it
    // the cost of every garbage collection, for both), measured in turn with the sequential requests,
    // so that both see the same load on a shared machine.
    const repository = matchingRepository(db);
    const { candidates, columns } = await app.services.matching.populations.get(tenantId);
    const vacancies = await Promise.all(vacancyIds.map(async (id) => toMatchVacancy((await repository.vacancyInput({ tenantId, id }))!, { at: new Date() })));
    const rankInProcess = (i: number) => rankCandidatesForVacancy({ vacancy: vacancies[i % 2]!, candidates, columns, weights: DEFAULT_WEIGHTS, k: 25 });
    for (let i = 0; i < 20; i += 1) rankInProcess(i); // warm-up

    log(`end to end: ${requests} sequential requests, each followed by the in-process ranking …`);
    const route = { method: 'GET', route: '/v1/vacancies/:id/matches', status: '200' };
    const histograms = () =>
      Promise.all([observed(instruments.httpDuration, route), observed(instruments.rankingDuration, { list: 'ranked' }), observed(instruments.runStorage)]);
    const before = await histograms();
    const sequentialTimes: number[] = [];
    const inProcessTimes: number[] = [];
    for (let i = 0; i < requests; i += 1) {
      let begin = performance.now();
      await call(vacancyIds[i % 2]!);
      sequentialTimes.push(performance.now() - begin);
      begin = performance.now();
      rankInProcess(i);
      inProcessTimes.push(performance.now() - begin);
    }
    const after = await histograms();

    log(`end to end: ${requests} sequential requests through fetch, and ${requests} durable commits, each followed by the in-process ranking …`);
    const fetchTimes: number[] = [];
    for (let i = 0; i < requests; i += 1) {
      const begin = performance.now();
      await callWithFetch(vacancyIds[i % 2]!);
      fetchTimes.push(performance.now() - begin);
      rankInProcess(i);
    }
    // The floor under storing a run before answering (F2): one row inserted and committed, flushed
    // to disk (synchronous_commit on, as for the runs), on the same pool and database.
    await db.execute(sql`create table bench_commits (id bigint generated always as identity primary key, at timestamptz not null default now())`);
    const commitTimes: number[] = [];
    for (let i = 0; i < requests; i += 1) {
      const begin = performance.now();
      await database.pool.query('insert into bench_commits default values');
      commitTimes.push(performance.now() - begin);
      rankInProcess(i);
    }
    const spent = {
      clientMs: sequentialTimes.reduce((sum, time) => sum + time, 0) / sequentialTimes.length,
      serverMs: meanMs(before[0], after[0]),
      rankingMs: meanMs(before[1], after[1]),
      runStorageMs: meanMs(before[2], after[2]),
    };
    log(`end to end: ${requests} requests from 4 clients …`);
    const concurrentTimes: number[] = [];
    let next = 0;
    await Promise.all(
      Array.from({ length: 4 }, async () => {
        for (let i = next++; i < requests; i = next++) {
          const begin = performance.now();
          await call(vacancyIds[i % 2]!);
          concurrentTimes.push(performance.now() - begin);
        }
      }),
    );

    log(`end to end: ${requests} requests from 4 clients in a worker thread …`);
    const concurrentFromWorker = await requestsFromWorker({ url: `${address}/v1/vacancies/`, token, vacancyIds, requests, clients: 4 });

    const runs = await db.execute<{ count: number }>(sql`select count(*)::int as count from match_runs where tenant_id = ${tenantId}`);
    const logged = await db.execute<{ count: number }>(
      sql`select count(*)::int as count from audit_log where tenant_id = ${tenantId} and action = 'special_category.read'`,
    );
    const inProcess = summary(inProcessTimes);
    return {
      size,
      population,
      writeSeconds,
      firstMs,
      refreshMs,
      sequential: summary(sequentialTimes),
      sequentialFetch: summary(fetchTimes),
      commit: summary(commitTimes),
      concurrent: { ...summary(concurrentTimes), clients: 4 },
      concurrentFromWorker: { ...summary(concurrentFromWorker), clients: 4 },
      inProcess: { p50: inProcess.p50, p95: inProcess.p95 },
      spent,
      runsStored: runs.rows[0]!.count,
      readsLogged: logged.rows[0]!.count,
    };
  } finally {
    for (const stop of stops.splice(0).reverse()) await stop().catch(() => undefined);
  }
}

export function formatApiBench(result: ApiBench): string {
  const ms = (value: number) => `${value.toFixed(1)} ms`;
  const signedMs = (value: number) => `${value >= 0 ? '+' : '−'}${ms(Math.abs(value))}`;
  return [
    `GET /v1/vacancies/:id/matches?limit=25 end to end: ${result.size.toLocaleString('en')} candidates written (${result.writeSeconds.toFixed(1)} s), ${result.population.toLocaleString('en')} active with an intake ranked`,
    `  first request (read + compile population)  ${ms(result.firstMs)}`,
    `  first request after one profile change     ${ms(result.refreshMs)}  (median of 5; HTTP extra over sequential p50: ${ms(result.refreshMs - result.sequential.p50)}; target ≤ 50 ms)`,
    `  sequential      p50 ${ms(result.sequential.p50)}  p95 ${ms(result.sequential.p95)}  (${result.sequential.n} requests; node:http client)`,
    `  sequential, fetch client  p50 ${ms(result.sequentialFetch.p50)}  p95 ${ms(result.sequentialFetch.p95)}  (${result.sequentialFetch.n} requests; the client of earlier runs: p50 ${signedMs(result.sequentialFetch.p50 - result.sequential.p50)} against node:http)`,
    `  ${result.concurrent.clients} clients       p50 ${ms(result.concurrent.p50)}  p95 ${ms(result.concurrent.p95)}  (${result.concurrent.n} requests; target p95 ≤ 50 ms)`,
    `  ${result.concurrentFromWorker.clients} clients, from a worker thread  p50 ${ms(result.concurrentFromWorker.p50)}  p95 ${ms(result.concurrentFromWorker.p95)}  (${result.concurrentFromWorker.n} requests; the clients' own work off the server's event loop)`,
    `  in-process ranking of the same population (baseline)  p50 ${ms(result.inProcess.p50)}  p95 ${ms(result.inProcess.p95)}`,
    `  a durable commit alone (baseline: one row inserted and flushed, the floor under storing the run before answering)  p50 ${ms(result.commit.p50)}  p95 ${ms(result.commit.p95)}`,
    `  where a sequential request's time goes (means): ${ms(result.spent.clientMs)} at the client, ${ms(result.spent.serverMs)} in the server (request read to answer sent); in it, ranking the page ${ms(result.spent.rankingMs)} (while its reads are under way) and storing its run ${ms(result.spent.runStorageMs)} (from its start; the answer is made meanwhile, and sent once the run is stored)`,
    `  API / in-process: p95 ${(result.sequential.p95 / result.inProcess.p95).toFixed(1)}×, p50 ${(result.sequential.p50 / result.inProcess.p50).toFixed(1)}× sequential (target p95 ≤ 3×); runs stored: ${result.runsStored}, reads of open actions logged with them: ${result.readsLogged}`,
  ].join('\n');
}
