/*
 * Rebuilds the candidate and vacancy search indexes of every tenant (or one: --tenant <slug>) from
 * Postgres: `npm run search:reindex`. Each index is built fresh and swapped in when complete, so
 * search keeps working during the rebuild.
 */
import { searchRepository } from '../src/search/search.repository.js';
import { reindexTenant } from '../src/search/search.sync.js';
import { fail, parseArgs, withRuntime } from './lib/cli.js';

const args = parseArgs();
const slug = args.get('tenant');
const prefix = args.get('index-prefix');
if (slug === true || prefix === true) fail('Usage: npm run search:reindex -- [--tenant <slug>] [--index-prefix <prefix>]');
const say = (line: string) => process.stdout.write(`${line}\n`);

await withRuntime(async ({ runtime, logger }) => {
  const repository = searchRepository(runtime.database.db);
  const tenants = slug ? [await repository.tenantBySlug(slug)].filter((tenant) => tenant !== undefined) : await repository.tenants();
  if (tenants.length === 0) fail(slug ? `No tenant with slug ${slug}.` : 'No tenants.');
  for (const tenant of tenants) {
    const result = await reindexTenant({ db: runtime.database.db, search: runtime.search, prefix: prefix ?? '', tenantId: tenant.id, logger });
    say(
      `${tenant.slug}: ${result.candidates.toLocaleString('en')} candidates, ${result.vacancies.toLocaleString('en')} vacancies ` +
        `indexed and swapped in (${(result.ms / 1000).toFixed(1)} s).`,
    );
  }
});
