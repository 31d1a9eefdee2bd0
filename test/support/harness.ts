import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { Meilisearch } from 'meilisearch';
import pg from 'pg';
import pino from 'pino';
import { createDatabase, type Database } from '../../db/client.js';
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

/** A fresh database for this test file, cloned from the migrated template; dropped afterwards. */
export async function createTestDatabase(t: Teardown): Promise<Database & { url: string; name: string }> {
  const env = testEnv();
  const name = `${env.prefix}${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: env.pgUrl });
  await admin.connect();
  // Cloning needs the template without sessions; retry briefly if another file is cloning it too.
  for (let attempt = 0; ; attempt += 1) {
    try {
      await admin.query(`create database "${name}" template "${env.template}"`);
      break;
    } catch (error) {
      if (attempt >= 20 || (error as { code?: string }).code !== '55006') throw error;
      await new Promise((resolve) => setTimeout(resolve, 100 + Math.random() * 200));
    }
  }
  await admin.end();
  const url = databaseUrl(name);
  const database = createDatabase({ url, logger: testLogger, max: 5 });
  t.teardown(async () => {
    await database.close();
    const cleanup = new pg.Client({ connectionString: env.pgUrl });
    await cleanup.connect();
    await cleanup.query(`drop database if exists "${name}" with (force)`);
    await cleanup.end();
  });
  return { ...database, url, name };
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
