/*
 * Quality and speed of the occupation look-up and of candidate search, measured on the project's
 * own judgements (test/data/lookup/README.md): `npm run bench:lookup [-- --data ../shared/data --runs 2]`.
 *
 * Everything runs on throw-away servers (an embedded PostgreSQL and a Meilisearch, in a temporary
 * folder removed afterwards). It seeds the demo Werkplein (without its history), imports ESCO from
 * the shared files at run time (nothing of them is in the project), builds the indexes, starts the
 * real app in a process of its own, and then measures:
 *   - the look-up `GET /v1/taxonomy/occupations?q=<title>&limit=10` on the judged real job titles
 *     (read from the shared vacancy file by line, checked against the recorded hash): MRR@10, R@1,
 *     R@10, for all judged titles and for those the judge was sure of; and the same for one plain
 *     Meilisearch search of the title on the same index, as a baseline;
 *   - look-up latency: the API (auth, validation, query analysis, Meilisearch, serialisation, over
 *     loopback HTTP) against the engine doing the same work (the very search the API sends to
 *     Meilisearch, from this process: the target's baseline), against a bare fastify sending that
 *     same search (what loopback HTTP alone adds) and against the plain title search,
 *     interleaved query by query in the same run, p50/p95 and their ratios; `--runs` passes, median
 *     reported;
 *   - candidate search `GET /v1/search/candidates?q=…&limit=50` on the 50 judged queries over the
 *     demo caseload: MRR, P@10, R@50.
 */
import { spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { and, eq } from 'drizzle-orm';
import Fastify from 'fastify';
import pino from 'pino';
import { createDatabase } from '../db/client.js';
import { migrateDatabase } from '../db/migrate.js';
import { candidateContacts, users } from '../db/schema/index.js';
import { createSearchClient } from '../search/client.js';
import { startMeilisearch } from '../src/embedded/meilisearch-server.js';
import { occupationSearchRequest, taxonomyIndexNames } from '../search/taxonomy-index.js';
import { reindexTenant } from '../src/search/search.sync.js';
import { buildApp } from '../src/app.js';
import { generateDemoCandidates, type DemoCandidate } from '../src/demo/demo-candidates.js';
import { seedDemo } from '../src/demo/seed.js';
import { startEmbeddedPostgres } from '../src/embedded/embedded-postgres.js';
import { systemClock } from '../src/clock.js';
import { readCsvFile } from '../src/taxonomy/csv.js';
import { readEscoFolder, writeEscoSet } from '../src/taxonomy/esco-import.js';
import { createTaxonomyService, loadLookupVocabulary } from '../src/taxonomy/taxonomy.service.js';
import { createUserService } from '../src/users/users.service.js';

const { values: options } = parseArgs({
  options: {
    data: { type: 'string', default: '../shared/data' },
    runs: { type: 'string', default: '2' },
    /** Internal: run as the API server process (started by the benchmark itself). */
    serve: { type: 'boolean', default: false },
  },
});
const DATA = path.resolve(options.data);
const RUNS = Math.max(1, Number(options.runs));
const TITLES_FILE = 'vacancies/adzuna_nl_vacatures_2023_2025.csv';
const JUDGED = path.resolve('test/data/lookup/occupation-titles.jsonl');
const CANDIDATE_QUERIES = path.resolve('test/data/lookup/candidate-queries.json');

const say = (line = '') => process.stdout.write(`${line}\n`);
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const f3 = (n: number) => n.toFixed(3);

type Judged = { line: number; titleSha256: string; answers?: string[]; unsure?: boolean; excluded?: string };
type Item = { line: number; title: string; answers: Set<string>; unsure: boolean };

/** The judged titles, with their text read from the shared file; refuses to go on when a hash differs. */
async function loadTitles(): Promise<Item[]> {
  const judged = readFileSync(JUDGED, 'utf8')
    .split('\n')
    .filter((line) => line.trim().length > 0)
    .map((line) => JSON.parse(line) as Judged);
  const byLine = new Map<number, string>();
  let line = 1; // the header
  for await (const record of readCsvFile(path.join(DATA, TITLES_FILE))) {
    line += 1;
    byLine.set(line, record.title ?? '');
  }
  const items: Item[] = [];
  for (const entry of judged) {
    const title = byLine.get(entry.line);
    const hash = title === undefined ? null : createHash('sha256').update(title).digest('hex').slice(0, 16);
    if (hash !== entry.titleSha256)
      throw new Error(`${TITLES_FILE} line ${entry.line} is not the judged title (hash ${hash} ≠ ${entry.titleSha256}): the file changed`);
    if (entry.excluded || !entry.answers) continue;
    items.push({ line: entry.line, title: title!, answers: new Set(entry.answers), unsure: entry.unsure === true });
  }
  return items;
}

type Quality = { n: number; mrr: number; r1: number; r10: number };

function quality(ranked: Array<{ uris: string[]; answers: Set<string> }>): Quality {
  let mrr = 0;
  let r1 = 0;
  let r10 = 0;
  for (const { uris, answers } of ranked) {
    const rank = uris.slice(0, 10).findIndex((uri) => answers.has(uri));
    if (rank < 0) continue;
    mrr += 1 / (rank + 1);
    if (rank === 0) r1 += 1;
    r10 += 1;
  }
  const n = ranked.length;
  return { n, mrr: mrr / n, r1: r1 / n, r10: r10 / n };
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}
const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};

type Rule = { wishSector?: string; competency?: string; experience?: string; experienceKind?: string; certificate?: string; givenName?: string };

/** Whether a demo jobseeker is relevant to a query, by the judged rules (any rule). */
function relevant(person: DemoCandidate, rules: Rule[]): boolean {
  const answers = person.intake.answers as {
    workWishes?: { sectors?: string[] };
    competencies?: Array<{ label: string }>;
    experience?: Array<{ kind: string; title: string }>;
    certificates?: string[];
  };
  const lower = (text: string) => text.toLowerCase();
  return rules.some(
    (rule) =>
      (rule.wishSector !== undefined && (answers.workWishes?.sectors ?? []).includes(rule.wishSector)) ||
      (rule.competency !== undefined && (answers.competencies ?? []).some((item) => item.label === rule.competency)) ||
      (rule.experience !== undefined && (answers.experience ?? []).some((item) => lower(item.title).includes(lower(rule.experience!)))) ||
      (rule.experienceKind !== undefined && (answers.experience ?? []).some((item) => item.kind === rule.experienceKind)) ||
      (rule.certificate !== undefined && (answers.certificates ?? []).includes(rule.certificate)) ||
      (rule.givenName !== undefined && person.givenName === rule.givenName),
  );
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
  const items = await loadTitles();
  const work = await mkdtemp(path.join(tmpdir(), 'kansrijk-bench-lookup-'));
  await chmod(work, 0o755);
  stops.push(() => rm(work, { recursive: true, force: true }));

  const postgres = await startEmbeddedPostgres({ dataDir: path.join(work, 'postgres'), password: randomBytes(12).toString('hex'), logger, persistent: false });
  stops.push(postgres.stop);
  const database = createDatabase({ url: postgres.url, logger, max: 10 });
  stops.push(database.close);
  await migrateDatabase(database.pool);
  const meili = await startMeilisearch({ dataDir: path.join(work, 'meilisearch'), masterKey: randomBytes(24).toString('hex'), logger });
  stops.push(meili.stop);
  const search = createSearchClient(meili);
  const db = database.db;

  let mark = performance.now();
  const { tenantId } = await seedDemo({ db, clock: systemClock, logger, history: false });
  say(
    `Kansrijk look-up benchmark: ${items.length} judged job titles (${items.filter((item) => item.unsure).length} unsure), demo caseload seeded in ${seconds(performance.now() - mark)}`,
  );
  mark = performance.now();
  const set = await readEscoFolder(path.join(DATA, 'esco'));
  await writeEscoSet({ db, set, clock: systemClock });
  const taxonomy = createTaxonomyService({ db, search, clock: systemClock });
  const indexed = await taxonomy.reindex();
  await reindexTenant({ db, search, tenantId });
  say(
    `ESCO imported from ${path.join(options.data, 'esco')} and indexed (${indexed.occupations} occupations, ${indexed.skills} skills) in ${seconds(performance.now() - mark)}`,
  );

  const [manager] = await db
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.tenantId, tenantId), eq(users.email, 's.jansen@werkplein-demo.example')));
  const token = (await createUserService({ db, clock: systemClock, tokenTtlDays: 1 }).issueToken(db, { tenantId, userId: manager!.id, label: 'bench' })).token;

  // The real app in a process of its own (this script with --serve), listening on loopback.
  const server = spawn(path.resolve('node_modules/.bin/tsx'), [path.resolve('scripts/bench-lookup.ts'), '--serve'], {
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
  let bareBase = '';
  const base = await new Promise<string>((resolve, reject) => {
    server.once('exit', (code) => reject(new Error(`the API server stopped (code ${code})`)));
    server.stdout.on('data', (chunk: Buffer) => {
      const bareMatch = /bare (http:\/\/\S+)/.exec(chunk.toString('utf8'));
      if (bareMatch) bareBase = bareMatch[1]!;
      const match = /listening (http:\/\/\S+)/.exec(chunk.toString('utf8'));
      if (match) resolve(match[1]!);
    });
  });
  const headers = { authorization: `Bearer ${token}` };
  const get = async <T>(route: string): Promise<T> => {
    const response = await fetch(`${base}${route}`, { headers });
    const body = (await response.json()) as T;
    if (response.status !== 200) throw new Error(`${route} answered ${response.status}: ${JSON.stringify(body)}`);
    return body;
  };
  const names = taxonomyIndexNames();
  const api = async (title: string) => {
    const body = await get<{ items: Array<{ uri: string }> }>(
      `/v1/taxonomy/occupations?${new URLSearchParams({ q: title.slice(0, 100), limit: '10' }).toString()}`,
    );
    return body.items.map((item) => item.uri);
  };
  const raw = async (title: string) => {
    const result = await search.index(names.occupations).search(title.slice(0, 100), { limit: 10, attributesToRetrieve: ['uri'] });
    return result.hits.map((hit) => String(hit.uri));
  };
  // The engine doing the API's own work: the very search the look-up sends (analysed words, same fields).
  const vocabulary = await loadLookupVocabulary(db);
  const engine = async (title: string) => {
    const request = occupationSearchRequest(title.slice(0, 100), 10, vocabulary);
    const result = await search.index(names.occupations).search(request.q, request.params);
    return result.hits.map((hit) => String(hit.uri));
  };

  // Warm both paths once; the API's answers of this pass are the quality figures (they are deterministic).
  const apiRanked: Array<{ uris: string[]; answers: Set<string>; unsure: boolean }> = [];
  const rawRanked: Array<{ uris: string[]; answers: Set<string>; unsure: boolean }> = [];
  for (const item of items) {
    apiRanked.push({ uris: await api(item.title), answers: item.answers, unsure: item.unsure });
    rawRanked.push({ uris: await raw(item.title), answers: item.answers, unsure: item.unsure });
  }
  say();
  say(`Occupation look-up quality (${items.length} judged titles; sure: ${items.filter((item) => !item.unsure).length})`);
  say(`  ${'path'.padEnd(34)} ${'MRR@10'.padStart(7)} ${'R@1'.padStart(7)} ${'R@10'.padStart(7)}   ${'sure: MRR'.padStart(9)} ${'R@10'.padStart(7)}`);
  for (const [name, ranked] of [
    ['look-up API', apiRanked],
    ['raw Meilisearch (one plain search)', rawRanked],
  ] as const) {
    const all = quality(ranked);
    const sure = quality(ranked.filter((entry) => !entry.unsure));
    say(
      `  ${name.padEnd(34)} ${f3(all.mrr).padStart(7)} ${f3(all.r1).padStart(7)} ${f3(all.r10).padStart(7)}   ${f3(sure.mrr).padStart(9)} ${f3(sure.r10).padStart(7)}`,
    );
  }

  // Latency: query by query, raw and API in turn, so that the machine's load weighs on both alike.
  say();
  say(
    `Look-up latency (${items.length} titles per run, sequential, limit 10; ${RUNS} runs; load average ${loadavg()
      .map((n) => n.toFixed(2))
      .join(' ')})`,
  );
  say('  engine: the same search the API sends to Meilisearch (analysed words, the fields of the answer), from this process');
  say('  bare: a bare fastify sending that same search over loopback HTTP (what HTTP alone adds)');
  say('  plain: one plain search of the title as typed (uri only), the earlier baseline');
  type Figures = { p50: number; p95: number };
  const paths = ['engine', 'bare', 'plain', 'api'] as const;
  const perRun: Array<Record<(typeof paths)[number], Figures>> = [];
  const viaBare = async (title: string) => {
    const response = await fetch(`${bareBase}/bare?${new URLSearchParams({ q: title.slice(0, 100) }).toString()}`);
    const body = (await response.json()) as { items: Array<{ uri: string }> };
    return body.items.map((item) => item.uri);
  };
  const timers = { engine, bare: viaBare, plain: raw, api };
  for (let run = 0; run < RUNS; run += 1) {
    const latencies = { engine: [] as number[], bare: [] as number[], plain: [] as number[], api: [] as number[] };
    for (const [index, item] of items.entries()) {
      // Each title through the four paths in turn, the order rotating, so that load weighs on all alike.
      for (let step = 0; step < paths.length; step += 1) {
        const path = paths[(index + step) % paths.length]!;
        const begin = performance.now();
        await timers[path](item.title);
        latencies[path].push(performance.now() - begin);
      }
    }
    const figures = (values: number[]): Figures => {
      const sorted = [...values].sort((a, b) => a - b);
      return { p50: percentile(sorted, 50), p95: percentile(sorted, 95) };
    };
    const result = { engine: figures(latencies.engine), bare: figures(latencies.bare), plain: figures(latencies.plain), api: figures(latencies.api) };
    perRun.push(result);
    const each = paths.map((path) => `${path} p50 ${result[path].p50.toFixed(1)} ms, p95 ${result[path].p95.toFixed(1)} ms`).join('; ');
    say(
      `  run ${run + 1}: ${each}; API/engine p95 ${(result.api.p95 / result.engine.p95).toFixed(2)}×, API/bare p95 ${(result.api.p95 / result.bare.p95).toFixed(2)}×, API/plain p95 ${(result.api.p95 / result.plain.p95).toFixed(2)}×`,
    );
  }
  const m = (pick: (run: (typeof perRun)[number]) => number) => median(perRun.map(pick));
  say(`  median: ${paths.map((path) => `${path} p50 ${m((run) => run[path].p50).toFixed(1)} ms, p95 ${m((run) => run[path].p95).toFixed(1)} ms`).join('; ')}`);
  say(
    `  median ratios: API/engine p50 ${m((run) => run.api.p50 / run.engine.p50).toFixed(2)}×, p95 ${m((run) => run.api.p95 / run.engine.p95).toFixed(2)}× (target ≤ 2×); ` +
      `API/bare fastify p95 ${m((run) => run.api.p95 / run.bare.p95).toFixed(2)}×; API/plain p95 ${m((run) => run.api.p95 / run.plain.p95).toFixed(2)}×`,
  );

  // Candidate search over the demo caseload.
  const judged = JSON.parse(readFileSync(CANDIDATE_QUERIES, 'utf8')) as { queries: Array<{ q: string; relevant: Rule[] }> };
  const people = generateDemoCandidates();
  const contacts = await db
    .select({ candidateId: candidateContacts.candidateId, familyName: candidateContacts.familyName })
    .from(candidateContacts)
    .where(eq(candidateContacts.tenantId, tenantId));
  const idOf = new Map(contacts.map((row) => [row.familyName, row.candidateId]));
  let mrr = 0;
  let p10 = 0;
  let r50 = 0;
  let none = 0;
  const misses: string[] = [];
  for (const query of judged.queries) {
    const wanted = new Set(people.filter((person) => relevant(person, query.relevant)).map((person) => idOf.get(person.familyName)!));
    const body = await get<{ items: Array<{ id: string }> }>(`/v1/search/candidates?${new URLSearchParams({ q: query.q, limit: '50' }).toString()}`);
    const ids = body.items.map((item) => item.id);
    const first = ids.findIndex((id) => wanted.has(id));
    if (first >= 0) mrr += 1 / (first + 1);
    else {
      none += 1;
      misses.push(query.q);
    }
    p10 += ids.slice(0, 10).filter((id) => wanted.has(id)).length / Math.min(10, wanted.size);
    r50 += ids.filter((id) => wanted.has(id)).length / Math.min(50, wanted.size);
  }
  const n = judged.queries.length;
  say();
  say(`Candidate search (${n} judged queries over ${people.length} demo jobseekers, limit 50)`);
  say(
    `  MRR ${f3(mrr / n)}   P@10 ${f3(p10 / n)}   R@50 ${f3(r50 / n)}   queries with no relevant hit: ${none}${misses.length > 0 ? ` (${misses.join(', ')})` : ''}`,
  );
  say();
  say(`Done in ${seconds(performance.now() - startedAll)}.`);
}

/** The API server process: the whole app (buildApp) on the benchmark's servers; no workers. */
async function serve() {
  const database = createDatabase({ url: process.env.BENCH_DATABASE_URL!, logger, max: 10 });
  const search = createSearchClient({ url: process.env.BENCH_MEILI_URL!, masterKey: process.env.BENCH_MEILI_KEY! });
  const app = await buildApp(
    { database, search, clock: systemClock, logger: pino({ level: 'warn' }) },
    { CORS_ORIGINS: [], RATE_LIMIT_PER_MINUTE: 10_000_000, AUTH_FAILURES_PER_MINUTE: 1_000, BODY_LIMIT_BYTES: 262_144, TOKEN_TTL_DAYS: 1 },
  );
  const address = await app.listen({ host: '127.0.0.1', port: 0 });
  // The baseline of what HTTP alone costs: a bare fastify in this process sending the very search the
  // look-up sends (no auth, validation, hooks or serialisation schema) and the hits as JSON.
  const vocabulary = await loadLookupVocabulary(database.db);
  const names = taxonomyIndexNames();
  const bare = Fastify();
  bare.get('/bare', async (request) => {
    const { q } = request.query as { q: string };
    const sent = occupationSearchRequest(q, 10, vocabulary);
    const result = await search.index(names.occupations).search(sent.q, sent.params);
    return { items: result.hits };
  });
  say(`bare ${await bare.listen({ host: '127.0.0.1', port: 0 })}`);
  say(`listening ${address}`);
  await new Promise<void>((resolve) => process.once('SIGTERM', () => resolve()));
  await bare.close();
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
  process.stderr.write(`The look-up benchmark failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  exitCode = 1;
} finally {
  await cleanUp();
}
process.exit(exitCode);
