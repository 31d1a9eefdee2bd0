import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Meilisearch } from 'meilisearch';
import pino from 'pino';
import tap from 'tap';
import { connectClient, createDatabase, type Database } from '../../db/client.js';
import { createSearchClient } from '../../search/client.js';
import { buildApp, type AppConfig } from '../../src/app.js';
import type { Clock } from '../../src/clock.js';

/** What `npm test` (scripts/test.ts) hands every test file: servers, the template, a prefix. */
function testEnv() {
  const value = (name: string) => {
    const found = process.env[name];
    if (!found) throw new Error(`${name} is not set: run the tests with \`npm test\` (scripts/test.ts starts the servers).`);
    return found;
  };
  return {
    pgUrl: value('KANSRIJK_TEST_PG_URL'),
    template: value('KANSRIJK_TEST_TEMPLATE'),
    prefix: value('KANSRIJK_TEST_DB_PREFIX'),
    meiliUrl: value('KANSRIJK_TEST_MEILI_URL'),
    meiliKey: value('KANSRIJK_TEST_MEILI_KEY'),
    workDir: value('KANSRIJK_TEST_WORK_DIR'),
  };
}

type Teardown = { teardown: (fn: () => unknown) => void };

export const testLogger = pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' });

export function databaseUrl(name: string): string {
  const url = new URL(testEnv().pgUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

type TestDatabase = Database & { url: string; name: string };

async function cloneDatabase(template: string, name: string): Promise<void> {
  const env = testEnv();
  const admin = await connectClient({ url: env.pgUrl, logger: testLogger });
  try {
    // Cloning needs the template without sessions; another file may be cloning it right now: wait
    // until it is free (each try is a condition check; the bound is only a safety net).
    const deadline = Date.now() + 120_000;
    for (;;) {
      try {
        await admin.query(`create database "${name}" template "${template}"`);
        return;
      } catch (error) {
        if ((error as { code?: string }).code !== '55006' || Date.now() > deadline) throw error;
        await new Promise((resolve) => setTimeout(resolve, 50 + Math.random() * 100));
      }
    }
  } finally {
    await admin.end();
  }
}

async function dropDatabase(name: string): Promise<void> {
  const cleanup = await connectClient({ url: testEnv().pgUrl, logger: testLogger });
  try {
    await cleanup.query(`drop database if exists "${name}" with (force)`);
  } finally {
    await cleanup.end();
  }
}

/** A pool of this test's own on `name`, closed when the test ends (the database may outlive it). */
function openPool(t: Teardown, name: string): TestDatabase {
  const url = databaseUrl(name);
  const database = createDatabase({ url, logger: testLogger, max: 5 });
  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    await database.close();
  };
  t.teardown(close);
  return { ...database, close, url, name };
}

let fileDatabase: Promise<string> | undefined;

/** This test file's one database (cloned from the migrated template on first use, dropped when the file ends). */
function sharedDatabaseName(): Promise<string> {
  fileDatabase ??= (async () => {
    const name = `${testEnv().prefix}${randomBytes(6).toString('hex')}`;
    await cloneDatabase(testEnv().template, name);
    tap.teardown(() => dropDatabase(name));
    return name;
  })();
  return fileDatabase;
}

export type DemoSeed = { template: string; tenantId: string; created: boolean; seededAt: string };

/**
 * The demo (seedDemo with the real clock and its history, as `npm start` does), seeded once per
 * `npm test` run into a template of its own by the first test that asks; the others wait for it
 * (a PostgreSQL advisory lock) and clone it. What the seed returned is kept next to it.
 */
export async function demoSeed(): Promise<DemoSeed> {
  const env = testEnv();
  const file = path.join(env.workDir, 'demo-seed.json');
  if (existsSync(file)) return JSON.parse(await readFile(file, 'utf8')) as DemoSeed;
  const template = `${env.prefix}demo`;
  const lock = await connectClient({ url: env.pgUrl, logger: testLogger });
  try {
    await lock.query('select pg_advisory_lock(hashtext($1))', [template]);
    if (existsSync(file)) return JSON.parse(await readFile(file, 'utf8')) as DemoSeed;
    await lock.query(`drop database if exists "${template}" with (force)`);
    await cloneDatabase(env.template, template);
    const { seedDemo } = await import('../../src/demo/seed.js');
    const database = createDatabase({ url: databaseUrl(template), logger: testLogger, max: 5 });
    let seeded: { created: boolean; tenantId: string };
    try {
      seeded = await seedDemo({ db: database.db, clock: { now: () => new Date() }, logger: testLogger });
    } finally {
      await database.close();
    }
    const seed: DemoSeed = { template, ...seeded, seededAt: new Date().toISOString() };
    await writeFile(`${file}.tmp`, JSON.stringify(seed));
    await rename(`${file}.tmp`, file);
    return seed;
  } finally {
    await lock.end();
  }
}

/**
 * A database for a test, with a pool of its own that closes when the test ends.
 *
 * - By default the test file's one database, shared by its tests (cloned once per file): make a
 *   fresh tenant per test (buildTenant), since tenancy isolates; do not count rows across tenants.
 * - `isolated: true`: a database of this test's own, cloned from the migrated template and dropped
 *   afterwards, for tests that need the whole database (migrations, queues, cross-tenant jobs).
 * - `demo: true`: a database of this test's own holding the seeded demo (see demoSeed()).
 */
export async function createTestDatabase(t: Teardown, options: { isolated?: boolean; demo?: boolean } = {}): Promise<TestDatabase> {
  if (!options.isolated && !options.demo) return openPool(t, await sharedDatabaseName());
  const env = testEnv();
  const name = `${env.prefix}${randomBytes(6).toString('hex')}`;
  await cloneDatabase(options.demo ? (await demoSeed()).template : env.template, name);
  const database = openPool(t, name);
  t.teardown(async () => {
    await database.close();
    await dropDatabase(name);
  });
  return database;
}

/** The shared test Meilisearch, and an index prefix of this test file's own. */
export function testSearch(): { client: Meilisearch; url: string; masterKey: string; indexPrefix: string } {
  const env = testEnv();
  return {
    client: createSearchClient({ url: env.meiliUrl, masterKey: env.meiliKey }),
    url: env.meiliUrl,
    masterKey: env.meiliKey,
    indexPrefix: `t${randomBytes(5).toString('hex')}_`,
  };
}

export function testWorkDir(): string {
  return testEnv().workDir;
}

/** A clock that stands still unless moved, so that tests are deterministic. */
export function fixedClock(start = new Date('2026-11-25T09:00:00Z')): Clock & { set: (date: Date) => void; advance: (ms: number) => void } {
  let now = start.getTime();
  return {
    now: () => new Date(now),
    set: (date) => {
      now = date.getTime();
    },
    advance: (ms) => {
      now += ms;
    },
  };
}

export const defaultTestConfig: AppConfig = {
  CORS_ORIGINS: ['https://portaal.werkgever.example'],
  RATE_LIMIT_PER_MINUTE: 10_000,
  AUTH_FAILURES_PER_MINUTE: 1_000,
  BODY_LIMIT_BYTES: 256 * 1024,
  TOKEN_TTL_DAYS: 90,
};

export type TestApp = { app: FastifyInstance; database: Database; search: ReturnType<typeof testSearch>; clock: Clock };

/** Builds the real app on this file's own database and the test Meilisearch. */
export async function buildTestApp(
  t: Teardown,
  options: { config?: Partial<AppConfig>; clock?: Clock; database?: Database; secretKey?: string } = {},
): Promise<TestApp> {
  const database = options.database ?? (await createTestDatabase(t));
  const search = testSearch();
  const clock = options.clock ?? { now: () => new Date() };
  const app = await buildApp(
    { database, search: search.client, clock, logger: testLogger, ...(options.secretKey ? { secretKey: options.secretKey } : {}) },
    { ...defaultTestConfig, ...options.config },
  );
  await app.ready();
  t.teardown(() => app.close());
  return { app, database, search, clock };
}
