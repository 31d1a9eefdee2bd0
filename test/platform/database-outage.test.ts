import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import path from 'node:path';
import t from 'tap';
import { createDatabase } from '../../db/client.js';
import { migrateDatabase } from '../../db/migrate.js';
import { startEmbeddedPostgres, type EmbeddedPostgresHandle } from '../../src/embedded/embedded-postgres.js';
import { stopChild } from '../../src/embedded/child-process.js';
import { buildTenant } from '../support/factories.js';
import { testLogger, testSearch, testWorkDir } from '../support/harness.js';
import { waitFor } from '../support/wait.js';

/*
 * Issue 11.1: PostgreSQL stops under load (a fast shutdown, as `pg_ctl stop -m fast` does) and starts
 * again. The real server, as a process of its own, keeps running: while the database is away it
 * answers 503 problem+json (service.database_unavailable), never another 5xx; every write it
 * acknowledged (201) is there exactly once; /readyz is 503 during the outage and 200 after it, by
 * itself. The file stops a PostgreSQL, so it starts its own (the shared test server stays up).
 */

const OUTAGE_MS = 4_000;

type Answer = { phase: 'before' | 'outage' | 'after'; status: number; type: string; code?: string; name: string };

t.test('PostgreSQL stops and starts under writes: the server survives, answers 503, loses nothing', async (t) => {
  // What this test started, stopped in reverse order however it ends (writers, server, PostgreSQL, files).
  const cleanups: Array<() => Promise<unknown>> = [];
  t.teardown(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup().catch((error: unknown) => process.stderr.write(`cleanup failed: ${String(error)}\n`));
  });
  const dir = await mkdtemp(path.join(testWorkDir(), 'db-outage-'));
  await chmod(dir, 0o755);
  cleanups.push(() => rm(dir, { recursive: true, force: true }));

  const password = randomBytes(12).toString('hex');
  const dataDir = path.join(dir, 'postgres');
  let postgres: EmbeddedPostgresHandle = await startEmbeddedPostgres({ dataDir, password, logger: testLogger });
  cleanups.push(() => postgres.stop({ fast: true }));
  const port = postgres.port;

  // The schema and a Werkplein with a caseworker's token, written before the server starts.
  const setup = createDatabase({ url: postgres.url, logger: testLogger, max: 2 });
  let world: Awaited<ReturnType<typeof buildTenant>>;
  try {
    await migrateDatabase(setup.pool);
    world = await buildTenant(setup.db);
  } finally {
    await setup.close();
  }

  // The server as `npm start` runs it, on this PostgreSQL and the test Meilisearch.
  const search = testSearch();
  const server: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
    env: {
      ...process.env,
      DATABASE_URL: postgres.url,
      MEILI_URL: search.url,
      MEILI_MASTER_KEY: search.masterKey,
      SECRET_KEY: 'database-outage-test-secret-key-0123456789',
      VAR_DIR: path.join(dir, 'var'),
      PORT: '0',
      LOG_LEVEL: 'warn',
      SEED_DEMO: 'never',
      RATE_LIMIT_PER_MINUTE: '100000',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  cleanups.push(() => stopChild(server, 'SIGTERM', 15_000));
  let output = '';
  server.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  server.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  let exited: string | undefined;
  server.on('exit', (code, signal) => (exited = `code ${code}, signal ${signal}`));
  // Every wait ends at once, failing, when the server process is gone.
  const running = () => {
    if (exited) throw new Error(`the server process exited (${exited}):\n${output.slice(-6000)}`);
  };
  const address = await waitFor(
    () => {
      running();
      return /Kansrijk draait op (http:\/\/\S+)/.exec(output)?.[1];
    },
    { what: 'the server to listen' },
  );
  const ready = async () => (await fetch(`${address}/readyz`, { signal: AbortSignal.timeout(10_000) }).catch(() => undefined))?.status;
  t.equal(await ready(), 200, '/readyz 200 before the outage');

  // A steady stream of registrations from three clients, each with a family name of its own.
  let phase: Answer['phase'] = 'before';
  let writing = true;
  const answers: Answer[] = [];
  const failures: string[] = [];
  let sequence = 0;
  async function writer(): Promise<void> {
    while (writing) {
      const name = `Storing ${(sequence += 1).toString().padStart(4, '0')}`;
      const sentIn = phase;
      try {
        const response = await fetch(`${address}/v1/candidates`, {
          method: 'POST',
          headers: { authorization: `Bearer ${world.accountManager.token}`, 'content-type': 'application/json' },
          body: JSON.stringify({ contact: { givenName: 'Tijdens', familyName: name, email: 'storing@test.example' }, postcode: '5038 AB' }),
        });
        const type = response.headers.get('content-type') ?? '';
        const body = (await response.json().catch(() => ({}))) as { code?: string };
        answers.push({ phase: sentIn, status: response.status, type, code: body.code, name });
      } catch (error) {
        failures.push(`${sentIn}: ${error instanceof Error ? `${error.message} ${error.cause instanceof Error ? error.cause.message : ''}` : String(error)}`);
      }
      // Pacing of the load, not a wait for something: about 15 requests a second per client.
      await new Promise((resolve) => setTimeout(resolve, 60));
    }
  }
  const writers = Array.from({ length: 3 }, () => writer());
  cleanups.push(async () => {
    writing = false;
    await Promise.all(writers);
  });
  await waitFor(() => (running(), answers.filter((answer) => answer.status === 201).length >= 20), { what: 'writes before the outage' });

  // The outage: a fast shutdown, a few seconds away, then the same cluster on the same port.
  phase = 'outage';
  await postgres.stop({ fast: true });
  await waitFor(async () => (running(), (await ready()) === 503), { what: '/readyz to report the outage', timeoutMs: 60_000 });
  const outageStarted = Date.now();
  await waitFor(() => (running(), answers.some((answer) => answer.phase === 'outage' && answer.status === 503)), {
    what: 'a 503 during the outage',
    timeoutMs: 60_000,
  });
  // A page whose session must be looked up answers the HTML page for 503, not for 500.
  const page = await fetch(`${address}/werkplek`, {
    headers: { cookie: `krj_sessie=${randomUUID()}.${randomUUID()}.${randomBytes(32).toString('base64url')}` },
    redirect: 'manual',
  });
  t.equal(page.status, 503, 'a page answers 503 while the database is away');
  t.match(await page.text(), /Even niet beschikbaar/, 'with the page that says so');
  await new Promise((resolve) => setTimeout(resolve, Math.max(0, OUTAGE_MS - (Date.now() - outageStarted))));
  postgres = await startEmbeddedPostgres({ dataDir, password, logger: testLogger, port });
  phase = 'after';

  await waitFor(async () => (running(), (await ready()) === 200), { what: '/readyz to recover', timeoutMs: 90_000 });
  await waitFor(() => (running(), answers.filter((answer) => answer.phase === 'after' && answer.status === 201).length >= 20), {
    what: 'writes after the outage',
    timeoutMs: 90_000,
  });
  writing = false;
  await Promise.all(writers);

  t.equal(exited, undefined, 'the server survived the outage and its recovery');
  t.same(failures, [], 'every request got an answer (no reset connection, no crash)');
  const others = answers.filter((answer) => answer.status !== 201 && answer.status !== 503);
  t.same(others, [], 'no answer other than 201 and 503');
  const unavailable = answers.filter((answer) => answer.status === 503);
  t.ok(unavailable.length > 0, `${unavailable.length} answers 503 while the database was away`);
  t.ok(
    unavailable.every((answer) => answer.type.startsWith('application/problem+json') && answer.code === 'service.database_unavailable'),
    'each 503 is problem+json with code service.database_unavailable',
  );
  t.ok(
    answers.some((answer) => answer.phase === 'after' && answer.status === 201),
    'writes succeed again without a restart',
  );
  t.equal(await ready(), 200, '/readyz 200 after the outage');

  // Every acknowledged write is there, once.
  const acknowledged = answers.filter((answer) => answer.status === 201).map((answer) => answer.name);
  const check = createDatabase({ url: postgres.url, logger: testLogger, max: 1 });
  cleanups.push(() => check.close());
  const found = await check.pool.query<{ family_name: string; count: number }>(
    'select family_name, count(*)::int as count from candidate_contacts where tenant_id = $1 and family_name = any($2) group by family_name',
    [world.tenantId, acknowledged],
  );
  const counts = new Map(found.rows.map((row) => [row.family_name, row.count]));
  t.same(
    acknowledged.filter((name) => counts.get(name) !== 1),
    [],
    `each of the ${acknowledged.length} acknowledged registrations is stored exactly once`,
  );
  t.comment(
    `${answers.length} requests: ${acknowledged.length} × 201, ${unavailable.length} × 503 (${answers.filter((a) => a.phase === 'outage').length} sent during the outage)`,
  );
});
