/*
 * Benchmark of staff search: `npm run bench:search [-- --size 100000 --rounds 20 --threads 1]`.
 *
 * Everything runs on throw-away servers: an embedded PostgreSQL and a Meilisearch capped at
 * --max-indexing-memory 1GiB (as the test run and the embedded default), in a temporary folder that
 * is removed afterwards. In one dedicated tenant it writes `size` synthetic jobseekers
 * (bench/synthetic-candidates.ts), then measures:
 *   - indexing: the first build of the candidate index (docs/s), a rebuild swapped in while searches
 *     run (the reindex time, target ≤ 60 s at 100k), and the outbox drain of 5,000 changes;
 *   - search latency, p50/p95/p99, of the API (the real app, buildApp, listening on loopback in a
 *     process of its own as in production, called with fetch and a staff token: auth, validation,
 *     Meilisearch, the access check in Postgres, serialisation) and of raw Meilisearch for exactly the
 *     same requests (the Meilisearch request the API builds, sent with the same client from this
 *     process), sequentially and with 4 concurrent clients, and their ratio.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { sql } from 'drizzle-orm';
import pino from 'pino';
import { createDatabase } from '../db/client.js';
import { migrateDatabase } from '../db/migrate.js';
import { tenants } from '../db/schema/index.js';
import { createSearchClient } from '../search/client.js';
import { startMeilisearch } from '../src/embedded/meilisearch-server.js';
import { cachedSearchContext } from '../src/search/search.context.js';
import { drainOutbox } from '../src/search/search.outbox-drain.js';
import { insertSyntheticCandidates } from '../bench/synthetic-candidates.js';
import { rebuildIndex } from '../src/search/search.sync.js';
import { buildApp } from '../src/app.js';
import { seedDemoTaxonomy } from '../src/demo/demo-taxonomy.js';
import { seedDemoPostcodes } from '../src/demo/seed.js';
import { startEmbeddedPostgres } from '../src/embedded/embedded-postgres.js';
import { newId } from '../src/ids.js';
import { candidateSearchRequest } from '../src/search/search.requests.js';
import { candidateSearchQuerySchema } from '../src/search/search.schemas.js';
import { userRepository } from '../src/users/users.repository.js';
import { createUserService } from '../src/users/users.service.js';

const { values: options } = parseArgs({
  options: {
    size: { type: 'string', default: '100000' },
    rounds: { type: 'string', default: '20' },
    threads: { type: 'string', default: '1' },
    clients: { type: 'string', default: '4' },
    /** Internal: run as the API server process (started by the benchmark itself). */
    serve: { type: 'boolean', default: false },
  },
});
const SIZE = Number(options.size);
const ROUNDS = Number(options.rounds);
const THREADS = Number(options.threads);
const CLIENTS = Number(options.clients);

/** What account managers type, with the facets they narrow by (query parameters of GET /v1/search/candidates). */
const QUERIES: Array<Record<string, string>> = [
  { q: 'heftruckchauffeur' },
  { q: 'chauffeur' },
  { q: 'magazijn', dayParts: 'early' },
  { q: 'orderpikker' },
  { q: 'schoonmaak', municipality: 'Tilburg' },
  { q: 'kok', weekends: 'true' },
  { q: 'vca basis' },
  { q: 'Jansen' },
  { q: 'productiemedewerker', hours: '25-32' },
  { q: 'heftruck', drivingLicence: 'B', mobility: 'car,bike' },
  { status: 'active', dayParts: 'night' },
  { q: 'reachtruckmedewerker' },
  { q: 'vrachtwagenchauffeur', drivingLicence: 'CE,C' },
  { q: 'kassa', sort: 'updatedAt:desc' },
  {},
  { q: 'hovenier tilburg', status: 'active' },
];

const say = (line = '') => process.stdout.write(`${line}\n`);
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const int = (n: number) => Math.round(n).toLocaleString('en');

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

type Stats = { p50: number; p95: number; p99: number; perSecond: number; n: number };
type Call = (query: Record<string, string>) => Promise<unknown>;

/** One round: every query once, by `clients` concurrent callers; latency per call, and the round's duration. */
async function round(call: Call, clients: number, latencies: number[]): Promise<number> {
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: clients }, async () => {
      for (let index = next++; index < QUERIES.length; index = next++) {
        const begin = performance.now();
        await call(QUERIES[index]!);
        latencies.push(performance.now() - begin);
      }
    }),
  );
  return performance.now() - started;
}

function stats(latencies: number[], elapsed: number): Stats {
  const sorted = [...latencies].sort((a, b) => a - b);
  return {
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    perSecond: (sorted.length / elapsed) * 1000,
    n: sorted.length,
  };
}

/**
 * Measures raw Meilisearch and the API with the same queries, round by round in turn, so that a
 * change in the machine's load (other work on a shared box) weighs on both alike.
 */
async function measurePair(raw: Call, api: Call, clients: number): Promise<{ raw: Stats; api: Stats }> {
  const latencies = { raw: [] as number[], api: [] as number[] };
  const elapsed = { raw: 0, api: 0 };
  for (let r = 0; r < ROUNDS; r += 1) {
    elapsed.raw += await round(raw, clients, latencies.raw);
    elapsed.api += await round(api, clients, latencies.api);
  }
  return { raw: stats(latencies.raw, elapsed.raw), api: stats(latencies.api, elapsed.api) };
}

/** Peak resident memory of a process (VmHWM), in MB. */
function peakRssMb(pid: number | undefined): number | null {
  try {
    const line = readFileSync(`/proc/${pid}/status`, 'utf8')
      .split('\n')
      .find((entry) => entry.startsWith('VmHWM:'));
    return line ? Number(line.replace(/\D+/g, '')) / 1024 : null;
  } catch {
    return null;
  }
}

// Errors only: at the end Postgres stops under the pool's idle connections, which is expected here.
const logger = pino({ level: process.env.LOG_LEVEL ?? 'error' });
const stops: Array<() => Promise<unknown>> = [];
async function cleanUp() {
  for (const stop of stops.splice(0).reverse()) await stop().catch((error: unknown) => logger.warn({ err: error }, 'stop failed'));
}
for (const signal of options.serve ? [] : (['SIGINT', 'SIGTERM'] as const)) {
  process.once(signal, () => {
    void cleanUp().finally(() => process.exit(130));
  });
}

async function main() {
  const startedAll = performance.now();
  const work = await mkdtemp(path.join(tmpdir(), 'kansrijk-bench-search-'));
  await chmod(work, 0o755);
  stops.push(() => rm(work, { recursive: true, force: true }));

  let mark = performance.now();
  const postgres = await startEmbeddedPostgres({ dataDir: path.join(work, 'postgres'), password: randomBytes(12).toString('hex'), logger, persistent: false });
  stops.push(postgres.stop);
  const database = createDatabase({ url: postgres.url, logger, max: 10 });
  stops.push(database.close);
  await migrateDatabase(database.pool);
  const meili = await startMeilisearch({
    dataDir: path.join(work, 'meilisearch'),
    masterKey: randomBytes(24).toString('hex'),
    logger,
    maxIndexingMemory: '1GiB',
    maxIndexingThreads: THREADS,
  });
  stops.push(meili.stop);
  const search = createSearchClient(meili);
  const db = database.db;
  say(`Kansrijk search benchmark: ${int(SIZE)} synthetic jobseekers, ${QUERIES.length} queries × ${ROUNDS} rounds`);
  say(`Servers: embedded PostgreSQL, Meilisearch 1GiB indexing memory and ${THREADS} indexing thread(s); started in ${seconds(performance.now() - mark)}`);

  // A dedicated tenant with four account managers, and a staff token to call the API with.
  await seedDemoPostcodes(db);
  await seedDemoTaxonomy(db);
  const tenantId = newId();
  await db.insert(tenants).values({ id: tenantId, slug: `bench-${randomBytes(3).toString('hex')}`, name: 'Werkplein Benchmark', settings: {} });
  const managers: string[] = [];
  for (let i = 1; i <= 4; i += 1) {
    const row = await userRepository(db).insert({
      tenantId,
      id: newId(),
      email: `klantmanager${i}@bench.example`,
      name: `Klantmanager ${i}`,
      role: 'account_manager',
      createdAt: new Date(),
    });
    managers.push(row.id);
  }
  const token = (
    await createUserService({ db, clock: { now: () => new Date() }, tokenTtlDays: 1 }).issueToken(db, { tenantId, userId: managers[0]!, label: 'bench' })
  ).token;

  mark = performance.now();
  const ids = await insertSyntheticCandidates({ db, tenantId, count: SIZE, accountManagerIds: managers });
  say(`Postgres: ${int(ids.length)} candidates written in ${seconds(performance.now() - mark)}`);
  const context = await cachedSearchContext(db);

  say();
  say('Indexing');
  mark = performance.now();
  const first = await rebuildIndex({ db, search, prefix: '', tenantId, kind: 'candidates' });
  const firstMs = performance.now() - mark;
  say(`  first build        ${int(first.documents)} documents in ${seconds(firstMs)}: ${int((first.documents / firstMs) * 1000)} docs/s`);

  // A rebuild swapped in while searches go on: every search must keep answering.
  let rebuilding = true;
  let during = 0;
  let failed = 0;
  const request = candidateSearchRequest(candidateSearchQuerySchema.parse({ q: 'heftruck' }), {
    tenantId,
    userId: managers[0]!,
    prefix: '',
    vocabulary: context.vocabulary,
  });
  const searching = (async () => {
    while (rebuilding) {
      during += 1;
      const result = await search
        .index(request.indexUid)
        .search(request.q, request.params)
        .catch(() => null);
      if (!result || result.hits.length === 0) failed += 1;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  })();
  mark = performance.now();
  const second = await rebuildIndex({ db, search, prefix: '', tenantId, kind: 'candidates' });
  const reindexMs = performance.now() - mark;
  rebuilding = false;
  await searching;
  say(
    `  reindex (swap)     ${int(second.documents)} documents in ${seconds(reindexMs)}: ${int((second.documents / reindexMs) * 1000)} docs/s; ${during} searches during it, ${failed} failed  (target ≤ 60 s)`,
  );

  // The outbox path: 5,000 changed candidates, drained in batches of 500.
  const changed = ids.filter((_, index) => index % Math.max(1, Math.floor(ids.length / 5_000)) === 0).slice(0, 5_000);
  await db.execute(
    sql`update candidates set status = 'paused', updated_at = now() where tenant_id = ${tenantId} and id in (${sql.join(
      changed.map((id) => sql`${id}`),
      sql`, `,
    )})`,
  );
  for (let start = 0; start < changed.length; start += 1_000) {
    await db.execute(
      sql`insert into outbox (tenant_id, topic, entity_id, operation) values ${sql.join(
        changed.slice(start, start + 1_000).map((id) => sql`(${tenantId}, 'search.candidate', ${id}, 'upsert')`),
        sql`, `,
      )}`,
    );
  }
  mark = performance.now();
  const drained = await drainOutbox({ db, search, prefix: '', limit: 500, maxBatches: 100 });
  const drainMs = performance.now() - mark;
  say(`  outbox drain       ${int(drained.processed)} changes in ${seconds(drainMs)} (batches of 500): ${int((drained.processed / drainMs) * 1000)} docs/s`);
  say(`  Meilisearch peak RSS ${int(peakRssMb(meili.process.pid) ?? 0)} MB`);

  // The real app in a process of its own (this script with --serve), listening on loopback.
  const server = spawn(path.resolve('node_modules/.bin/tsx'), [path.resolve('scripts/bench-search.ts'), '--serve'], {
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { ...process.env, BENCH_DATABASE_URL: postgres.url, BENCH_MEILI_URL: meili.url, BENCH_MEILI_KEY: meili.masterKey },
  });
  stops.push(
    () =>
      new Promise<void>((resolve) => {
        if (server.exitCode !== null) return resolve();
        server.once('exit', () => resolve());
        server.kill('SIGTERM');
      }),
  );
  const base = await new Promise<string>((resolve, reject) => {
    server.once('exit', (code) => reject(new Error(`the API server stopped (code ${code})`)));
    server.stdout.on('data', (chunk: Buffer) => {
      const match = /listening (http:\/\/\S+)/.exec(chunk.toString('utf8'));
      if (match) resolve(match[1]!);
    });
  });
  const headers = { authorization: `Bearer ${token}` };
  const api = async (query: Record<string, string>) => {
    const response = await fetch(`${base}/v1/search/candidates?${new URLSearchParams({ ...query, limit: '20' }).toString()}`, { headers });
    const body = (await response.json()) as { items?: Array<{ id: string }> };
    if (response.status !== 200) throw new Error(`API answered ${response.status}: ${JSON.stringify(body)}`);
    return body.items!.map((item) => item.id);
  };
  const raw = async (query: Record<string, string>) => {
    const built = candidateSearchRequest(candidateSearchQuerySchema.parse({ ...query, limit: '20' }), {
      tenantId,
      userId: managers[0]!,
      prefix: '',
      vocabulary: context.vocabulary,
    });
    const result = await search.index(built.indexUid).search(built.q, built.params);
    return result.hits.map((hit) => String(hit.id));
  };

  // Warm both paths, and check that they answer the same.
  let same = 0;
  for (let warm = 0; warm < 5; warm += 1) {
    for (const query of QUERIES) {
      const [fromApi, fromRaw] = [await api(query), await raw(query)];
      if (warm === 0 && JSON.stringify(fromApi) === JSON.stringify(fromRaw)) same += 1;
    }
  }
  say();
  say(
    `Search latency (candidates, ${int(SIZE)} documents, limit 20, facets on; ${QUERIES.length} queries, ${same}/${QUERIES.length} with identical hits from API and raw)`,
  );
  const sequential = await measurePair(raw, api, 1);
  const concurrent = await measurePair(raw, api, CLIENTS);
  const rows: Array<[string, Stats]> = [
    ['raw Meilisearch, sequential', sequential.raw],
    ['API, sequential', sequential.api],
    [`raw Meilisearch, ${CLIENTS} clients`, concurrent.raw],
    [`API, ${CLIENTS} clients`, concurrent.api],
  ];
  say(`  ${'path'.padEnd(30)} ${'requests'.padStart(8)} ${'p50 ms'.padStart(8)} ${'p95 ms'.padStart(8)} ${'p99 ms'.padStart(8)} ${'req/s'.padStart(8)}`);
  for (const [name, stats] of rows) {
    say(
      `  ${name.padEnd(30)} ${String(stats.n).padStart(8)} ${stats.p50.toFixed(1).padStart(8)} ${stats.p95.toFixed(1).padStart(8)} ${stats.p99.toFixed(1).padStart(8)} ${int(stats.perSecond).padStart(8)}`,
    );
  }
  const ratio = (api: Stats, raw: Stats) => `p50 ${(api.p50 / raw.p50).toFixed(2)}×, p95 ${(api.p95 / raw.p95).toFixed(2)}×`;
  say(`  API / raw, sequential:   ${ratio(rows[1]![1], rows[0]![1])}   (target p95 ≤ 1.5×)`);
  say(`  API / raw, ${CLIENTS} clients:    ${ratio(rows[3]![1], rows[2]![1])}   (target p95 ≤ 1.5×)`);
  say();
  say(`Done in ${seconds(performance.now() - startedAll)}.`);
}

/** The API server process: the whole app (buildApp) on the benchmark's servers; no workers. */
async function serve() {
  const database = createDatabase({ url: process.env.BENCH_DATABASE_URL!, logger, max: 10 });
  const search = createSearchClient({ url: process.env.BENCH_MEILI_URL!, masterKey: process.env.BENCH_MEILI_KEY! });
  const app = await buildApp(
    { database, search, clock: { now: () => new Date() }, logger: pino({ level: 'warn' }) },
    { CORS_ORIGINS: [], RATE_LIMIT_PER_MINUTE: 10_000_000, AUTH_FAILURES_PER_MINUTE: 1_000, BODY_LIMIT_BYTES: 262_144, TOKEN_TTL_DAYS: 1 },
  );
  const address = await app.listen({ host: '127.0.0.1', port: 0 });
  say(`listening ${address}`);
  await new Promise<void>((resolve) => process.once('SIGTERM', () => resolve()));
  await app.close();
  await database.close();
}

if (options.serve) {
  await serve();
  process.exit(0);
}

let exitCode = 0;
try {
  await main();
} catch (error) {
  process.stderr.write(`The search benchmark failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  exitCode = 1;
} finally {
  await cleanUp();
}
process.exit(exitCode);
