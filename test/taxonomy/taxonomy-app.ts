import type { FastifyInstance } from 'fastify';
import type { Meilisearch } from 'meilisearch';
import { createSearchClient } from '../../search/client.js';
import { taxonomyIndexNames } from '../../search/taxonomy-index.js';
import { buildApp } from '../../src/app.js';
import { createTaxonomyService } from '../../src/taxonomy/taxonomy.service.js';
import { createTestDatabase, defaultTestConfig, testLogger, testSearch } from '../support/harness.js';

type Teardown = { teardown: (fn: () => unknown) => void };

/** Where the ESCO export lies, beside the project (never copied into it). */
export const ESCO_DIR = new URL('../../../shared/data/esco', import.meta.url).pathname;

/**
 * The app on a database of its own, with the taxonomy indexes under this file's own prefix (the
 * taxonomy indexes are shared reference data, so the harness's buildTestApp cannot isolate them).
 */
export async function buildTaxonomyApp(t: Teardown, { search }: { search?: Meilisearch | null } = {}) {
  const database = await createTestDatabase(t, { isolated: true }); // the taxonomy is shared by all tenants
  const meili = testSearch();
  const clock = { now: () => new Date() };
  const client = search === undefined ? meili.client : search;
  const app: FastifyInstance = await buildApp({ database, search: client, searchPrefix: meili.indexPrefix, clock, logger: testLogger }, defaultTestConfig);
  await app.ready();
  t.teardown(() => app.close());
  const names = taxonomyIndexNames(meili.indexPrefix);
  t.teardown(async () => {
    for (const name of [names.occupations, names.skills, `${names.occupations}_next`, `${names.skills}_next`]) {
      await meili.client.deleteIndexIfExists(name).catch(() => undefined);
    }
  });
  const taxonomy = createTaxonomyService({ db: database.db, search: meili.client, indexPrefix: meili.indexPrefix, clock });
  return { app, database, meili, taxonomy, names };
}

/** A Meilisearch client that reaches nothing: a port on loopback where no server listens. */
export function unreachableSearch(): Meilisearch {
  return createSearchClient({ url: 'http://127.0.0.1:9', masterKey: 'unreachable-master-key-0123456789' });
}
