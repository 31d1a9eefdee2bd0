/*
 * The whole test suite, on any machine: `npm test`.
 *
 * PostgreSQL: DATABASE_URL when set (any database on that server; test databases are created next
 * to it), otherwise a throw-away embedded PostgreSQL. A template database is migrated once; every
 * test file clones one database from it and its tests share it, each in a tenant of its own (tests
 * that need a whole database clone their own: test/support/harness.ts createTestDatabase). The demo
 * is seeded once per run, into a second template, by the first test that needs it (demoSeed).
 * Meilisearch: a throw-away server from the bundled binary, shared by the test files, each with its
 * own index prefix (tests that stop the server start their own). Then tap runs; at the end the 10
 * slowest test files are listed, and everything started here is stopped by its own handle.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmod, mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { connectClient, createDatabase } from '../db/client.js';
import { migrateDatabase } from '../db/migrate.js';
import { startMeilisearch } from '../src/embedded/meilisearch-server.js';
import { startEmbeddedPostgres } from '../src/embedded/embedded-postgres.js';
import { createBoss } from '../src/jobs/queue.js';

const logger = pino({ level: process.env.TEST_LOG_LEVEL ?? 'warn' });
const started: Array<() => Promise<void>> = [];
const stopAll = async () => {
  for (const stop of started.splice(0).reverse()) await stop().catch((error: unknown) => logger.warn({ err: error }, 'stop failed'));
};

function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

/**
 * tap keeps its records in this clone's .tap/ (processinfo, coverage, test-results) and empties
 * them when a run starts: a second `npm test` in the same folder would delete the first one's
 * coverage halfway. So a run holds .tap/run.lock (its pid); a run started beside it waits until
 * it ends (or takes over the lock of a run that died). Everything else a run uses is its own:
 * databases named by its pid, a temporary work folder, Meilisearch and PostgreSQL on free ports.
 */
async function holdRunLock(): Promise<() => Promise<void>> {
  const lock = path.resolve('.tap', 'run.lock');
  await mkdir(path.dirname(lock), { recursive: true });
  let told = false;
  for (;;) {
    try {
      await writeFile(lock, String(process.pid), { flag: 'wx' });
      return () => rm(lock, { force: true });
    } catch (error) {
      if ((error as { code?: string }).code !== 'EEXIST') throw error;
    }
    const holder = Number.parseInt(await readFile(lock, 'utf8').catch(() => ''), 10);
    const alive =
      Number.isInteger(holder) &&
      holder > 0 &&
      (() => {
        try {
          process.kill(holder, 0);
          return true;
        } catch (error) {
          return (error as { code?: string }).code === 'EPERM';
        }
      })();
    if (!alive) {
      // A run that was killed: its lock goes (written too recently to be stale: it is being written, wait).
      if (Number.isInteger(holder)) await rm(lock, { force: true });
    } else if (!told) {
      process.stdout.write(`# Another test run (pid ${holder}) uses .tap/ in this folder; this one starts when it ends.\n`);
      told = true;
    }
    await new Promise((resolve) => setTimeout(resolve, 500 + Math.random() * 500));
  }
}

async function main(): Promise<number> {
  started.push(await holdRunLock());
  const runStarted = Date.now();
  // A private base directory that the embedded Postgres user can reach (not under a 0700 home).
  const work = await mkdtemp(path.join(tmpdir(), 'kansrijk-test-'));
  await chmod(work, 0o755);
  started.push(() => rm(work, { recursive: true, force: true }));

  let serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) {
    const postgres = await startEmbeddedPostgres({
      dataDir: path.join(work, 'postgres'),
      password: randomBytes(12).toString('hex'),
      logger,
      persistent: false,
    });
    started.push(postgres.stop);
    serverUrl = postgres.url;
  }

  const template = `kansrijk_tpl_${process.pid}`;
  const admin = await connectClient({ url: serverUrl, logger });
  await admin.query(`create database "${template}"`);
  started.push(async () => {
    const cleanup = await connectClient({ url: serverUrl, logger });
    const leftovers = await cleanup.query<{ datname: string }>(`select datname from pg_database where datname = $1 or datname like $2`, [
      template,
      `kansrijk_t_${process.pid}_%`,
    ]);
    for (const row of leftovers.rows) await cleanup.query(`drop database if exists "${row.datname}" with (force)`);
    await cleanup.end();
  });
  await admin.end();

  const templateUrl = withDatabase(serverUrl, template);
  const database = createDatabase({ url: templateUrl, logger, max: 2 });
  await migrateDatabase(database.pool);
  await database.close();
  // pg-boss installs its schema on start; doing it in the template gives every clone the same queue.
  const boss = createBoss({ url: templateUrl, logger });
  await boss.start();
  await boss.stop({ graceful: false, close: true });

  const meili = await startMeilisearch({
    dataDir: path.join(work, 'meilisearch'),
    masterKey: randomBytes(24).toString('hex'),
    logger,
    maxIndexingMemory: '1GiB',
    maxIndexingThreads: 1,
  });
  started.push(meili.stop);

  const tap = spawn(path.resolve('node_modules/.bin/tap'), process.argv.slice(2), {
    stdio: 'inherit',
    env: {
      ...process.env,
      KANSRIJK_TEST_PG_URL: serverUrl,
      KANSRIJK_TEST_TEMPLATE: template,
      KANSRIJK_TEST_DB_PREFIX: `kansrijk_t_${process.pid}_`,
      KANSRIJK_TEST_MEILI_URL: meili.url,
      KANSRIJK_TEST_MEILI_KEY: meili.masterKey,
      KANSRIJK_TEST_WORK_DIR: work,
    },
  });
  const forward = (signal: NodeJS.Signals) => tap.kill(signal);
  process.on('SIGINT', forward);
  process.on('SIGTERM', forward);
  const code = await new Promise<number>((resolve) => tap.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0))));
  await printSlowest(runStarted, 10);
  await pruneLoaderCache(7);
  return code;
}

/**
 * The test loader keeps each transpiled file in node_modules/.cache/test-loader (see
 * test/support/loader/hooks.mjs); every edit adds one. Files older than `days` go: one still in use
 * is transpiled again by the next run.
 */
async function pruneLoaderCache(days: number): Promise<void> {
  const folder = path.resolve('node_modules/.cache/test-loader');
  const before = Date.now() - days * 24 * 60 * 60 * 1000;
  for (const name of await readdir(folder).catch(() => [] as string[])) {
    const file = path.join(folder, name);
    const info = await stat(file).catch(() => null);
    if (info && info.mtimeMs < before) await rm(file, { force: true });
  }
}

/** The slowest test files of this run, from what tap records per process (.tap/processinfo). */
async function printSlowest(since: number, count: number): Promise<void> {
  const folder = path.resolve('.tap', 'processinfo');
  const files = await readdir(folder).catch(() => [] as string[]);
  const runs: Array<{ file: string; ms: number }> = [];
  for (const name of files.filter((file) => file.endsWith('.json'))) {
    try {
      const info = JSON.parse(await readFile(path.join(folder, name), 'utf8')) as {
        externalID?: string;
        parent?: string | null;
        date?: string;
        runtime?: number;
      };
      if (!info.externalID || info.parent || typeof info.runtime !== 'number' || Date.parse(info.date ?? '') < since) continue;
      runs.push({ file: info.externalID, ms: info.runtime });
    } catch {
      // A file being written or of another tool: not a test file's record.
    }
  }
  if (runs.length === 0) return;
  runs.sort((a, b) => b.ms - a.ms);
  const lines = runs.slice(0, count).map((run) => `#   ${(run.ms / 1000).toFixed(1).padStart(7)} s  ${run.file}`);
  process.stdout.write(`# The ${Math.min(count, runs.length)} slowest test files:\n${lines.join('\n')}\n`);
}

let exitCode = 1;
try {
  exitCode = await main();
} catch (error) {
  process.stderr.write(`The test run could not start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
} finally {
  await stopAll();
}
process.exit(exitCode);
