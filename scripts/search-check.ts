/*
 * Compares the search indexes with Postgres (ids and content hashes) for every tenant, or one
 * (--tenant <slug>), reports drift (missing, extra, stale) and repairs it: `npm run search:check`.
 * --dry-run only reports; --retry-dead-letters gives dead-lettered outbox rows new attempts first.
 * Exits 1 when drift remains (after a dry run: when any was found).
 */
import { checkDrift } from '../src/search/search.drift.js';
import { OUTBOX_MAX_ATTEMPTS } from '../src/search/search.outbox-drain.js';
import { searchRepository } from '../src/search/search.repository.js';
import { fail, parseArgs, withRuntime } from './lib/cli.js';

const args = parseArgs();
const slug = args.get('tenant');
const prefix = args.get('index-prefix');
if (slug === true || prefix === true) fail('Usage: npm run search:check -- [--tenant <slug>] [--dry-run] [--retry-dead-letters] [--index-prefix <prefix>]');
const repair = !args.has('dry-run');
const say = (line: string) => process.stdout.write(`${line}\n`);
const sample = (ids: string[]) => (ids.length === 0 ? '' : ` (${ids.slice(0, 3).join(', ')}${ids.length > 3 ? ', …' : ''})`);

const remaining = await withRuntime(async ({ runtime, logger }) => {
  const db = runtime.database.db;
  const repository = searchRepository(db);
  if (args.has('retry-dead-letters'))
    say(`Dead-lettered outbox rows given new attempts: ${await repository.retryDeadLetters({ maxAttempts: OUTBOX_MAX_ATTEMPTS })}`);
  const stats = await repository.outboxStats({ maxAttempts: OUTBOX_MAX_ATTEMPTS });
  say(
    `Outbox: ${stats.pending} pending, ${stats.deadLetters} dead-lettered${stats.oldestPendingSeconds === null ? '' : `, oldest ${Math.round(stats.oldestPendingSeconds)} s`}.`,
  );
  const tenants = slug ? [await repository.tenantBySlug(slug)].filter((tenant) => tenant !== undefined) : await repository.tenants();
  if (tenants.length === 0) fail(slug ? `No tenant with slug ${slug}.` : 'No tenants.');
  let left = 0;
  for (const tenant of tenants) {
    const report = await checkDrift({ db, search: runtime.search, prefix: prefix ?? '', tenantId: tenant.id, repair, logger });
    for (const drift of Object.values(report.indexes)) {
      say(
        `${tenant.slug} ${drift.index}: ${drift.postgres} in Postgres, ${drift.indexed ?? 'no index'} indexed; ` +
          `missing ${drift.missing.length}${sample(drift.missing)}, extra ${drift.extra.length}${sample(drift.extra)}, stale ${drift.stale.length}${sample(drift.stale)}`,
      );
    }
    if (report.drift === 0) continue;
    if (!repair) {
      left += report.drift;
      continue;
    }
    const after = await checkDrift({ db, search: runtime.search, prefix: prefix ?? '', tenantId: tenant.id, repair: false, logger });
    say(`${tenant.slug}: repaired ${report.repaired} documents; drift now ${after.drift}.`);
    left += after.drift;
  }
  return left;
});
say(remaining === 0 ? 'No drift.' : `Drift remains: ${remaining} documents.`);
process.exitCode = remaining === 0 ? 0 : 1;
