/*
 * `npm run bench:api`: everyday reads of the real app against a bare fastify doing the same
 * queries, in the same run on the same PostgreSQL (issue 19.6).
 *
 * An embedded PostgreSQL in a temporary folder gets the demo Werkplein (without its history) and a
 * klantmanager's API token. Two servers, each in a process of its own: the real app (buildApp, as
 * src/server.ts wires it, its logger included at LOG_LEVEL, default info; rate limit raised) and a
 * bare fastify whose routes do by hand what the app
 * must do at least: find the token row (the same query as the auth plugin), check the role, then
 * read the vacancy or the page of vacancies (the same joins) and send the rows as JSON; its queries
 * are named prepared statements, the cheapest way node-postgres has. autocannon
 * (10 connections) runs in this process, on each server in turn: a warm-up, then the measurement.
 * The ratio app / bare of req/s is what counts: both see the same machine and the same load.
 *
 * Options: --duration S (per measurement, default 5), --runs N (default 2; the median is printed),
 * --connections N (10), --profile DIR (a CPU profile of the app per route, of the first run's
 * measurement only, as DIR/app-N.cpuprofile: open it in Chrome's DevTools or speedscope).
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import inspector from 'node:inspector';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { sql } from 'drizzle-orm';
import Fastify from 'fastify';
import pino from 'pino';
import { createDatabase } from '../db/client.js';
import { migrateDatabase } from '../db/migrate.js';
import { buildApp } from '../src/app.js';
import { access } from '../src/auth/roles.js';
import { hashToken, looksLikeToken } from '../src/auth/tokens.js';
import { systemClock } from '../src/clock.js';
import { seedDemoTaxonomy } from '../src/demo/demo-taxonomy.js';
import { demoAccountUsers, seedDemo } from '../src/demo/seed.js';
import { startEmbeddedPostgres } from '../src/embedded/embedded-postgres.js';
import { createUserService } from '../src/users/users.service.js';
import { envSchema } from '../src/config.js';
import { createLogger } from '../src/logging.js';
import { parseArgs } from './lib/cli.js';

const args = parseArgs();
const numberArg = (name: string, fallback: number) => (typeof args.get(name) === 'string' ? Number(args.get(name)) : fallback);
const DURATION = numberArg('duration', 5);
const RUNS = numberArg('runs', 2);
const CONNECTIONS = numberArg('connections', 10);
const WARMUP = 2;
const logger = pino({ level: 'warn' });
const DATABASE_ENV = 'KANSRIJK_BENCH_API_DATABASE_URL';
const LOG_LEVEL = envSchema.shape.LOG_LEVEL.parse(process.env.LOG_LEVEL);

// ---------------------------------------------------------------------------------------------
// The servers (child processes: `--serve app|bare`)

/** The token row, as the auth plugin reads it (src/auth/auth.repository.ts). */
const TOKEN_SQL = `select api_tokens.id, api_tokens.tenant_id, users.id as user_id, users.role, users.employer_id, api_tokens.expires_at, api_tokens.last_used_at
  from api_tokens
  join users on users.tenant_id = api_tokens.tenant_id and users.id = api_tokens.user_id
  join tenants on tenants.id = api_tokens.tenant_id and tenants.disabled_at is null
  where api_tokens.token_hash = $1 and api_tokens.revoked_at is null and api_tokens.expires_at > $2::timestamptz and users.active = true
  limit 1`;
/** A vacancy with its employer's and location's names, as the vacancy repository reads it. */
const VACANCY_SQL = `select vacancies.*, employers.name as employer_name, employer_locations.name as location_name,
    employer_locations.city as location_city, employer_locations.postcode4 as location_postcode4
  from vacancies
  join employers on employers.tenant_id = vacancies.tenant_id and employers.id = vacancies.employer_id
  join employer_locations on employer_locations.tenant_id = vacancies.tenant_id and employer_locations.id = vacancies.location_id`;

async function serve(kind: string) {
  const url = process.env[DATABASE_ENV];
  if (!url) throw new Error(`${DATABASE_ENV} is not set`);
  const database = createDatabase({ url, logger, max: 10 });
  let app;
  if (kind === 'app') {
    // The app logs as src/server.ts makes it log (LOG_LEVEL, default info: a line per request).
    app = await buildApp(
      { database, search: null, clock: systemClock, logger: createLogger(LOG_LEVEL) },
      { CORS_ORIGINS: [], RATE_LIMIT_PER_MINUTE: 100_000_000, AUTH_FAILURES_PER_MINUTE: 100, BODY_LIMIT_BYTES: 1_048_576, TOKEN_TTL_DAYS: 1 },
    );
  } else {
    const bare = Fastify();
    const { pool } = database;
    const allowed: readonly string[] = access.employerSideRead;
    const principal = async (authorization: string | undefined) => {
      const token = /^Bearer\s+(\S+)$/i.exec(authorization ?? '')?.[1];
      if (!token || !looksLikeToken(token)) return undefined;
      const { rows } = await pool.query({ name: 'bare_token', text: TOKEN_SQL, values: [hashToken(token), new Date().toISOString()] });
      const row = rows[0] as { tenant_id: string; role: string } | undefined;
      return row && allowed.includes(row.role) ? row : undefined;
    };
    bare.get('/healthz', async () => ({ status: 'ok' }));
    bare.get<{ Params: { id: string } }>('/v1/vacancies/:id', async (request, reply) => {
      const caller = await principal(request.headers.authorization);
      if (!caller) return reply.code(401).send({ status: 401 });
      const { rows } = await pool.query({
        name: 'bare_vacancy',
        text: `${VACANCY_SQL} where vacancies.tenant_id = $1 and vacancies.id = $2 limit 1`,
        values: [caller.tenant_id, request.params.id],
      });
      return rows[0] ?? reply.code(404).send({ status: 404 });
    });
    bare.get<{ Querystring: { status?: string; limit?: string } }>('/v1/vacancies', async (request, reply) => {
      const caller = await principal(request.headers.authorization);
      if (!caller) return reply.code(401).send({ status: 401 });
      const limit = Number(request.query.limit ?? 20);
      const { rows } = await pool.query({
        name: 'bare_vacancies',
        text: `${VACANCY_SQL} where vacancies.tenant_id = $1 and vacancies.status = $2 order by vacancies.id desc limit $3`,
        values: [caller.tenant_id, request.query.status ?? 'open', limit + 1],
      });
      return { items: rows.slice(0, limit), nextCursor: rows.length > limit ? (rows[limit - 1] as { id: string }).id : null };
    });
    app = bare;
  }
  const address = await app.listen({ host: '127.0.0.1', port: 0 });
  // Commands from the bench over the IPC channel: `cpu` (CPU time used so far, µs), `profile-start`,
  // `profile-stop` with a file (a CPU profile of what ran in between, node:inspector). Each is answered.
  // The inspector is connected only when a profile is asked for: otherwise the app runs as in production.
  let session: inspector.Session | undefined;
  const post = (method: string) =>
    new Promise<unknown>((resolve, reject) => session!.post(method, (error, result) => (error ? reject(error) : resolve(result))));
  process.on('message', (message: { command: string; file?: string }) => {
    const answer = async (): Promise<unknown> => {
      if (message.command === 'cpu') {
        const usage = process.cpuUsage();
        return usage.user + usage.system;
      }
      if (message.command === 'profile-start') {
        if (!session) {
          session = new inspector.Session();
          session.connect();
        }
        await post('Profiler.enable');
        await post('Profiler.start');
        return 'ok';
      }
      if (message.command === 'profile-stop' && message.file) {
        const { profile } = (await post('Profiler.stop')) as { profile: unknown };
        await writeFile(message.file, JSON.stringify(profile));
        return 'ok';
      }
      throw new Error(`unknown command ${message.command}`);
    };
    void answer().then((value) => process.send!({ value }));
  });
  process.send!({ listening: address });
  const stop = () => {
    void app
      .close()
      .then(database.close)
      .finally(() => process.exit(0));
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

type Server = { kind: string; address: string; ask: (message: { command: string; file?: string }) => Promise<unknown>; stop: () => Promise<void> };

/** Starts `--serve kind` in a process of its own (its stdout, the app's log, goes to /dev/null); resolves once it listens. */
async function startServer(kind: string, databaseUrl: string): Promise<Server> {
  const script = fileURLToPath(import.meta.url);
  const child = spawn(process.execPath, ['--import', 'tsx', script, '--serve', kind], {
    env: { ...process.env, [DATABASE_ENV]: databaseUrl },
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const waiting: Array<(message: { value?: unknown; listening?: string }) => void> = [];
  child.on('message', (message: { value?: unknown; listening?: string }) => waiting.shift()?.(message));
  const next = () => new Promise<{ value?: unknown; listening?: string }>((resolve) => waiting.push(resolve));
  const started = await Promise.race([
    next(),
    exited.then(() => {
      throw new Error(`the ${kind} server ended before it listened`);
    }),
  ]);
  if (!started.listening) throw new Error(`the ${kind} server said: ${JSON.stringify(started)}`);
  return {
    kind,
    address: started.listening,
    ask: async (message) => {
      const answer = next();
      child.send(message);
      return (await answer).value;
    },
    stop: async () => {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}

// ---------------------------------------------------------------------------------------------
// The run

type Measurement = { rps: number; p50: number; p975: number; non2xx: number; errors: number; cpuPerRequest: number };

/** autocannon on one route of one server; with the server's own CPU time per request (µs). */
async function measure(server: Server, route: string, headers: Record<string, string>, seconds: number): Promise<Measurement> {
  const cpuBefore = Number(await server.ask({ command: 'cpu' }));
  const result = await autocannon({ url: `${server.address}${route}`, connections: CONNECTIONS, duration: seconds, headers });
  const cpuAfter = Number(await server.ask({ command: 'cpu' }));
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p975: result.latency.p97_5,
    non2xx: result.non2xx,
    errors: result.errors,
    cpuPerRequest: (cpuAfter - cpuBefore) / Math.max(1, result.requests.total),
  };
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};

async function main() {
  const stops: Array<() => Promise<unknown>> = [];
  try {
    const work = await mkdtemp(path.join(tmpdir(), 'kansrijk-bench-api-'));
    await chmod(work, 0o755);
    stops.push(() => rm(work, { recursive: true, force: true }));
    process.stdout.write('bench:api: starting an embedded PostgreSQL and seeding the demo Werkplein …\n');
    const postgres = await startEmbeddedPostgres({
      dataDir: path.join(work, 'postgres'),
      password: randomBytes(12).toString('hex'),
      logger,
      persistent: false,
    });
    stops.push(postgres.stop);
    const database = createDatabase({ url: postgres.url, logger, max: 2 });
    stops.push(database.close);
    await migrateDatabase(database.pool);
    const db = database.db;
    await seedDemoTaxonomy(db);
    await seedDemo({ db, clock: systemClock, logger, history: false });
    await db.execute(sql`vacuum analyze`);
    const manager = (await demoAccountUsers(db)).find((account) => account.label.startsWith('klantmanager'));
    if (!manager) throw new Error('the demo has no klantmanager');
    const { token } = await createUserService({ db, clock: systemClock, tokenTtlDays: 1 }).issueToken(db, {
      tenantId: manager.tenantId,
      userId: manager.userId,
      label: 'bench:api',
    });
    const open = await db.execute<{ id: string; count: number }>(
      sql`select max(id::text) as id, count(*)::int as count from vacancies where tenant_id = ${manager.tenantId} and status = 'open'`,
    );
    const vacancyId = open.rows[0]!.id;
    const openCount = open.rows[0]!.count;
    await database.close();

    const profileDir = typeof args.get('profile') === 'string' ? path.resolve(String(args.get('profile'))) : undefined;
    if (profileDir) await mkdir(profileDir, { recursive: true });
    const app = await startServer('app', postgres.url);
    stops.push(app.stop);
    const bare = await startServer('bare', postgres.url);
    stops.push(bare.stop);

    const headers = { authorization: `Bearer ${token}` };
    const cases = [
      { name: 'GET /v1/vacancies/:id', path: `/v1/vacancies/${vacancyId}`, target: 0.5 },
      { name: 'GET /v1/vacancies?status=open&limit=20', path: '/v1/vacancies?status=open&limit=20', target: 0.4 },
      { name: 'GET /healthz', path: '/healthz', target: undefined },
    ];
    // Both answer 200 with the same vacancy before anything is measured.
    for (const bench of cases) {
      for (const server of [app, bare]) {
        const response = await fetch(`${server.address}${bench.path}`, { headers });
        const text = await response.text();
        if (response.status !== 200 || (bench.path.includes(vacancyId) && !text.includes(vacancyId))) {
          throw new Error(`${server.kind} ${bench.path}: ${response.status} ${text.slice(0, 200)}`);
        }
      }
    }

    const results = cases.map(() => ({ app: [] as Measurement[], bare: [] as Measurement[] }));
    for (let run = 0; run < RUNS; run += 1) {
      process.stdout.write(
        `bench:api: run ${run + 1} of ${RUNS} (load average ${loadavg()
          .map((value) => value.toFixed(2))
          .join(' ')}) …\n`,
      );
      for (const [index, bench] of cases.entries()) {
        for (const [kind, server] of [
          ['app', app],
          ['bare', bare],
        ] as const) {
          await measure(server, bench.path, headers, WARMUP);
          const profile = profileDir && run === 0 && kind === 'app';
          if (profile) await app.ask({ command: 'profile-start' });
          results[index]![kind].push(await measure(server, bench.path, headers, DURATION));
          if (profile) await app.ask({ command: 'profile-stop', file: path.join(profileDir, `app-${index + 1}.cpuprofile`) });
        }
      }
    }

    const row = (values: Measurement[]) => {
      const rps = median(values.map((value) => value.rps));
      return `${rps.toFixed(0).padStart(9)} ${median(values.map((value) => value.p50))
        .toFixed(1)
        .padStart(7)} ${median(values.map((value) => value.p975))
        .toFixed(1)
        .padStart(9)} ${(median(values.map((value) => value.cpuPerRequest)) / 1000).toFixed(2).padStart(7)}`;
    };
    const lines = [
      '',
      `Kansrijk bench:api — demo Werkplein (${openCount} open vacancies), klantmanager token, app log level ${LOG_LEVEL}, autocannon ${CONNECTIONS} connections, ${DURATION} s per measurement after ${WARMUP} s warm-up, median of ${RUNS} runs; load average now ${loadavg()
        .map((value) => value.toFixed(2))
        .join(' ')}`,
      `${'route'.padEnd(40)} ${'app req/s'.padStart(9)} ${'p50 ms'.padStart(7)} ${'p97.5 ms'.padStart(9)} ${'CPU ms'.padStart(7)}  ${'bare req/s'.padStart(10)} ${'p50 ms'.padStart(7)} ${'p97.5 ms'.padStart(9)} ${'CPU ms'.padStart(7)}  ${'app/bare'.padStart(8)}  target`,
      ...cases.map((bench, index) => {
        const { app: appValues, bare: bareValues } = results[index]!;
        const ratios = appValues.map((value, run) => value.rps / bareValues[run]!.rps);
        const ratio = median(ratios);
        const failed = [...appValues, ...bareValues].reduce((sum, value) => sum + value.non2xx + value.errors, 0);
        const verdict = bench.target === undefined ? '—' : `≥ ${(bench.target * 100).toFixed(0)} % ${ratio >= bench.target ? 'met' : 'NOT MET'}`;
        return `${bench.name.padEnd(40)} ${row(appValues)}  ${row(bareValues).padStart(35)}  ${`${(ratio * 100).toFixed(0)} %`.padStart(8)}  ${verdict}${failed > 0 ? `  (${failed} non-2xx or errors!)` : ''}`;
      }),
      "Ratio: app req/s over bare req/s, per run, median of runs. CPU ms: the server process's CPU time per request (user + system).",
      'Bare: plain fastify + pg doing the token query, the role check and the same vacancy query (named prepared statements), rows sent as JSON.',
    ];
    process.stdout.write(`${lines.join('\n')}\n`);
  } finally {
    for (const stop of stops.splice(0).reverse()) await stop().catch(() => undefined);
  }
}

const serveKind = args.get('serve');
if (typeof serveKind === 'string') {
  serve(serveKind).catch((error: unknown) => {
    process.stderr.write(`bench:api server failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  });
} else {
  main().catch((error: unknown) => {
    process.stderr.write(`bench:api failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 1;
  });
}
