import type { FastifyInstance } from 'fastify';
import type { Meilisearch } from 'meilisearch';
import pino from 'pino';
import { Writable } from 'node:stream';
import type { Database } from '../../db/client.js';
import { checkDrift } from '../../src/search/search.drift.js';
import { drainOutbox } from '../../src/search/search.outbox-drain.js';
import { tenantIndexName, type SearchKind } from '../../search/search-documents.js';
import { buildApp } from '../../src/app.js';
import type { Mailer } from '../../src/mail/mailer.js';
import { seedDemoTaxonomy } from '../../src/demo/demo-taxonomy.js';
import { bearer } from '../support/factories.js';
import { createTestDatabase, defaultTestConfig, testLogger, testSearch } from '../support/harness.js';

type Teardown = { teardown: (fn: () => unknown) => void };

/** Deletes every index whose name starts with the prefix (this file's own). */
export async function deleteIndexes(client: Meilisearch, prefix: string): Promise<void> {
  const { results } = await client.getIndexes({ limit: 1000 });
  for (const index of results) if (index.uid.startsWith(prefix)) await client.deleteIndex(index.uid).waitTask();
}

/**
 * The app on a database of its own with the demo taxonomy (synonyms, compound words), searching
 * the test Meilisearch (or `search`) under an index prefix of its own; `drain` and `drift` run
 * the outbox drain and the drift check against the same indexes.
 */
export async function buildSearchApp(t: Teardown, options: { search?: Meilisearch; database?: Database & { url: string }; mailer?: Mailer } = {}) {
  const database = options.database ?? (await createTestDatabase(t));
  const meili = testSearch();
  const client = options.search ?? meili.client;
  const prefix = meili.indexPrefix;
  const clock = { now: () => new Date() };
  await seedDemoTaxonomy(database.db);
  const app: FastifyInstance = await buildApp(
    { database, search: client, searchPrefix: prefix, clock, logger: testLogger, ...(options.mailer ? { mailer: options.mailer } : {}) },
    defaultTestConfig,
  );
  await app.ready();
  t.teardown(() => app.close());
  t.teardown(() => deleteIndexes(client, prefix).catch(() => undefined));
  const db = database.db;
  return {
    app,
    database,
    db,
    client,
    prefix,
    indexName: (kind: SearchKind, tenantId: string) => tenantIndexName(prefix, kind, tenantId),
    drain: (options: { logger?: pino.Logger; limit?: number } = {}) => drainOutbox({ db, search: client, prefix, logger: testLogger, ...options }),
    drift: (tenantId: string, repair = true) => checkDrift({ db, search: client, prefix, tenantId, repair }),
  };
}

/** GET as `account`; the JSON body and status. */
export async function get(app: FastifyInstance, account: { token: string }, url: string) {
  const response = await app.inject({ method: 'GET', url, headers: bearer(account) });
  return { status: response.statusCode, body: response.json(), headers: response.headers };
}

/** A pino logger that keeps what it logs, to check alerts. */
export function capturingLogger(): { logger: pino.Logger; lines: Array<Record<string, unknown>> } {
  const lines: Array<Record<string, unknown>> = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      for (const line of String(chunk).split('\n')) if (line.trim()) lines.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  return { logger: pino({ level: 'debug' }, stream), lines };
}
