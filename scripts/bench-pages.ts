/*
 * `npm run bench:pages`: server time per werkplek page (p50/p95 over loopback) and page weight
 * (HTML plus the stylesheets and script it loads, as sent: HTML as is, assets brotli-compressed),
 * on the demo Werkplein (embedded PostgreSQL and Meilisearch in a temporary folder), signed in as
 * the demo klantmanager. Baseline in the same run: a bare fastify app on the same loopback that
 * sends the same rendered HTML of each page from memory (what HTTP and the page size cost alone);
 * the ratio says what rendering, the session and the services add. Client and servers share this
 * process, so the figures are on the safe side. Options: --requests N (default 40), --runs N (2),
 * --candidates N (0): N synthetic jobseekers more in the demo Werkplein, with an intake and spread over
 * its klantmanagers, indexed for search and ranked (issue 14: p95 ≤ 200 ms with 100k candidates).
 * A page heavier than the 200 kB budget, or one that does not answer 200, fails the run (.ci/run
 * runs it on the demo); times are printed against their targets, not enforced.
 */
import { randomBytes } from 'node:crypto';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import Fastify from 'fastify';
import pino from 'pino';
import { and, eq, sql } from 'drizzle-orm';
import { insertSyntheticCandidates } from '../bench/synthetic-candidates.js';
import { createDatabase } from '../db/client.js';
import { growthPlans, users } from '../db/schema/index.js';
import { migrateDatabase } from '../db/migrate.js';
import { createSearchClient } from '../search/client.js';
import { startMeilisearch } from '../src/embedded/meilisearch-server.js';
import { ensureSearchIndexes, rebuildIndex } from '../src/search/search.sync.js';
import { buildApp } from '../src/app.js';
import { seedDemoTaxonomy } from '../src/demo/demo-taxonomy.js';
import { demoAccountUsers, seedDemo } from '../src/demo/seed.js';
import { startEmbeddedPostgres } from '../src/embedded/embedded-postgres.js';
import { findFreePort } from '../src/embedded/ports.js';
import { systemClock } from '../src/clock.js';

const logger = pino({ level: 'warn' });
const argument = (name: string, fallback: number) => {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? Number(process.argv[index + 1]) : fallback;
};
const REQUESTS = argument('requests', 40);
const RUNS = argument('runs', 2);
const CANDIDATES = argument('candidates', 0);
/** Issue 14: server time per page p95 ≤ 100 ms on the demo, ≤ 200 ms with 100k candidates; page weight ≤ 200 KB uncached. */
const timeTarget = CANDIDATES > 0 ? 200 : 100;
const WEIGHT_BUDGET_KB = 200;
const stops: Array<() => Promise<unknown>> = [];
const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
};
const median = (values: number[]) => percentile(values, 50);

async function timed(url: string, cookie: string): Promise<{ ms: number; body: string; status: number }> {
  const started = performance.now();
  const response = await fetch(url, { headers: { cookie, 'accept-encoding': 'identity' }, redirect: 'manual' });
  const body = await response.text();
  return { ms: performance.now() - started, body, status: response.status };
}

async function main() {
  const work = await mkdtemp(path.join(tmpdir(), 'kansrijk-bench-pages-'));
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
  await seedDemoTaxonomy(db);
  await seedDemo({ db, clock: systemClock, logger });
  await ensureSearchIndexes({ db, search, logger });
  if (CANDIDATES > 0) {
    const tenantId = (await demoAccountUsers(db))[0]!.tenantId;
    const managers = await db
      .select({ id: users.id })
      .from(users)
      .where(and(eq(users.tenantId, tenantId), eq(users.role, 'account_manager')));
    const started = performance.now();
    await insertSyntheticCandidates({ db, tenantId, count: CANDIDATES, accountManagerIds: managers.map((row) => row.id), asIntake: true });
    await rebuildIndex({ db, search, prefix: '', tenantId, kind: 'candidates' });
    process.stdout.write(`${CANDIDATES} synthetic candidates written and indexed in ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
  }

  const port = await findFreePort();
  const base = `http://127.0.0.1:${port}`;
  const app = await buildApp(
    { database, search, clock: systemClock, logger, publicUrl: base, secretKey: randomBytes(32).toString('hex') },
    { CORS_ORIGINS: [], RATE_LIMIT_PER_MINUTE: 1_000_000, AUTH_FAILURES_PER_MINUTE: 1000, BODY_LIMIT_BYTES: 262_144, TOKEN_TTL_DAYS: 1 },
  );
  stops.push(() => app.close());
  await app.listen({ host: '127.0.0.1', port });
  await app.services.matching.warm();

  // Signed in as the demo klantmanager through a one-time link, as a browser would.
  const manager = (await demoAccountUsers(db)).find((account) => account.label.startsWith('klantmanager'))!;
  const link = await app.services.sessions.createLink({ tenantId: manager.tenantId, kind: 'user', subjectId: manager.userId, limited: false });
  const opened = await fetch(`${base}/inloggen/link?token=${link!.token}`);
  const anonymous = opened.headers
    .getSetCookie()
    .map((cookie) => cookie.split(';')[0])
    .join('; ');
  const csrf = /name="_csrf" value="([^"]+)"/.exec(await opened.text())![1]!;
  const signedIn = await fetch(`${base}/inloggen/link`, {
    method: 'POST',
    redirect: 'manual',
    headers: { cookie: anonymous, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ _csrf: csrf, token: link!.token }).toString(),
  });
  const cookie = signedIn.headers
    .getSetCookie()
    .filter((value) => !/Max-Age=0/.test(value))
    .map((value) => value.split(';')[0])
    .join('; ');

  const vacancies = await timed(`${base}/werkplek/vacatures`, cookie);
  const vacancyId = /href="\/werkplek\/vacatures\/([0-9a-f-]{36})"/.exec(vacancies.body)![1]!;
  const candidates = await timed(`${base}/werkplek/kandidaten?q=heftruck`, cookie);
  const candidateId = /href="\/werkplek\/kandidaten\/([0-9a-f-]{36})"/.exec(candidates.body)![1]!;
  const shortlists = await timed(`${base}/werkplek/shortlists`, cookie);
  const shortlistId = /href="\/werkplek\/shortlists\/([0-9a-f-]{36})"/.exec(shortlists.body)![1]!;
  const employers = await timed(`${base}/werkplek/werkgevers`, cookie);
  const employerId = /href="\/werkplek\/werkgevers\/([0-9a-f-]{36})"/.exec(employers.body)![1]!;
  const [plan] = await db.select({ id: growthPlans.id }).from(growthPlans).where(eq(growthPlans.tenantId, manager.tenantId)).limit(1);
  const pages = [
    ['Mijn werk', '/werkplek'],
    ['Kandidaten: zoeken "heftruk"', '/werkplek/kandidaten?q=heftruk'],
    ['Kandidaat', `/werkplek/kandidaten/${candidateId}`],
    ['Vacatures', '/werkplek/vacatures'],
    ['Vacature met ranglijst', `/werkplek/vacatures/${vacancyId}`],
    ['Shortlist', `/werkplek/shortlists/${shortlistId}`],
    ['Plaatsingen', '/werkplek/plaatsingen'],
    ['Werkgevers', '/werkplek/werkgevers'],
    ['Werkgever', `/werkplek/werkgevers/${employerId}`],
    ...(plan ? ([['Groeiplan', `/werkplek/groeiplannen/${plan.id}`]] as const) : []),
  ] as const;

  // Baseline: the same HTML of each page from memory on a bare fastify.
  const bare = Fastify();
  const bodies = new Map<string, string>();
  bare.get('/*', async (request, reply) => reply.type('text/html; charset=utf-8').send(bodies.get(request.url) ?? ''));
  const barePort = await findFreePort();
  await bare.listen({ host: '127.0.0.1', port: barePort });
  stops.push(() => bare.close());

  // Page weight: the HTML and every asset it links, brotli for assets as browsers ask.
  const assetBytes = new Map<string, number>();
  async function weightOf(html: string) {
    let total = Buffer.byteLength(html);
    for (const match of html.matchAll(/(?:href|src)="(\/assets\/[^"]+)"/g)) {
      const url = match[1]!.replace(/&amp;/g, '&');
      if (!assetBytes.has(url)) {
        const response = await fetch(`${base}${url}`, { headers: { 'accept-encoding': 'br' } });
        // fetch decompresses the body: the bytes on the wire are in Content-Length.
        await response.arrayBuffer();
        assetBytes.set(url, Number(response.headers.get('content-length')));
      }
      total += assetBytes.get(url)!;
    }
    return total;
  }

  const results: Array<{ name: string; p50: number[]; p95: number[]; base95: number[]; bytes: number; html: number }> = [];
  for (const [name, url] of pages) {
    const first = await timed(`${base}${url}`, cookie);
    if (first.status !== 200) throw new Error(`${url}: ${first.status}`);
    bodies.set(url, first.body);
    results.push({ name, p50: [], p95: [], base95: [], bytes: await weightOf(first.body), html: Buffer.byteLength(first.body) });
  }
  for (let run = 0; run < RUNS; run += 1) {
    for (const [index, [, url]] of pages.entries()) {
      const page: number[] = [];
      const baseline: number[] = [];
      // Interleaved, so that both see the same machine load.
      for (let request = 0; request < REQUESTS; request += 1) {
        page.push((await timed(`${base}${url}`, cookie)).ms);
        baseline.push((await timed(`http://127.0.0.1:${barePort}${url}`, '')).ms);
      }
      results[index]!.p50.push(percentile(page, 50));
      results[index]!.p95.push(percentile(page, 95));
      results[index]!.base95.push(percentile(baseline, 95));
    }
  }
  // Mijn werk's first view after one candidate changed, as a profile edit does (the target hours,
  // with updated_at in the same transaction): someone else's candidate (the common case with many
  // klantmanagers) and one of the klantmanager's own (their caseload's answers are made again and
  // stored as new runs). The caseload ranking catches up from the population's patches.
  const afterChange = { others: [] as number[], own: [] as number[] };
  for (const whose of ['others', 'own'] as const) {
    const someone = await db.execute<{ id: string }>(
      sql`select id from candidates where tenant_id = ${manager.tenantId} and status = 'active'
            and account_manager_id ${whose === 'own' ? sql`=` : sql`<>`} ${manager.userId} order by id limit 5`,
    );
    for (const { id } of someone.rows) {
      await db.transaction(async (tx) => {
        await tx.execute(
          sql`update candidate_profiles set hours_target = case when hours_target >= 40 then 16 else hours_target + 1 end where tenant_id = ${manager.tenantId} and candidate_id = ${id}`,
        );
        await tx.execute(sql`update candidates set updated_at = now() where tenant_id = ${manager.tenantId} and id = ${id}`);
      });
      afterChange[whose].push((await timed(`${base}/werkplek`, cookie)).ms);
    }
  }
  const lines = [
    `Kansrijk bench:pages — demo Werkplein${CANDIDATES > 0 ? ` + ${CANDIDATES} synthetic candidates` : ''}, ${REQUESTS} requests per page per run, ${RUNS} runs (median of runs), load average ${loadavg()
      .map((value) => value.toFixed(2))
      .join(' ')}`,
    `${'page'.padEnd(32)} ${'p50 ms'.padStart(8)} ${'p95 ms'.padStart(8)} ${'bare p95'.padStart(9)} ${'ratio'.padStart(6)} ${'HTML kB'.padStart(8)} ${'weight kB'.padStart(10)}`,
    ...results.map((result) => {
      const p95 = median(result.p95);
      const base95 = median(result.base95);
      return `${result.name.padEnd(32)} ${median(result.p50).toFixed(1).padStart(8)} ${p95.toFixed(1).padStart(8)} ${base95.toFixed(1).padStart(9)} ${(p95 / base95).toFixed(1).padStart(6)} ${(result.html / 1024).toFixed(1).padStart(8)} ${(result.bytes / 1024).toFixed(1).padStart(10)}`;
    }),
    'Page weight: HTML uncompressed plus its stylesheets and script brotli-compressed (uncached visit). Bare: the same HTML from memory on a plain fastify.',
    ...(['others', 'own'] as const).map(
      (whose) =>
        `Mijn werk, first view after ${whose === 'own' ? 'one of my' : 'another klantmanager’s'} candidates changed: median ${median(afterChange[whose]).toFixed(1)} ms, max ${Math.max(...afterChange[whose]).toFixed(1)} ms (${afterChange[whose].length} changes).`,
    ),
    `Targets (issue 14): p95 ≤ ${timeTarget} ms${CANDIDATES > 0 ? ` with ${CANDIDATES} candidates` : ' on the demo'}, weight ≤ ${WEIGHT_BUDGET_KB} kB.`,
  ];
  const slow = results.filter((result) => median(result.p95) > timeTarget).map((result) => result.name);
  if (slow.length > 0)
    lines.push(`Over the time target in this run: ${slow.join(', ')} (a benchmark figure: it depends on the machine's load, so it is reported, not enforced).`);
  // Weight does not depend on the machine: a page over budget fails the benchmark, so .ci/run catches it.
  const heavy = results.filter((result) => result.bytes / 1024 > WEIGHT_BUDGET_KB).map((result) => `${result.name} (${(result.bytes / 1024).toFixed(1)} kB)`);
  if (heavy.length > 0) {
    lines.push(`Over the weight budget: ${heavy.join(', ')}.`);
    process.exitCode = 1;
  }
  process.stdout.write(`${lines.join('\n')}\n`);
}

main()
  .catch((error: unknown) => {
    process.stderr.write(`bench:pages failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 1;
  })
  .finally(async () => {
    for (const stop of stops.splice(0).reverse()) await stop().catch(() => undefined);
  });
