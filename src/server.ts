import path from 'node:path';
import type pino from 'pino';
import { buildApp } from './app.js';
import { loadConfig } from './config.js';
import { createLogger } from './logging.js';
import { demoAccountUsers, ensureDemoTokens, seedDemo } from './demo/seed.js';
import { jobseekerRepository } from './jobseeker/jobseeker.repository.js';
import { seedDemoTaxonomy } from './demo/demo-taxonomy.js';
import { startJobQueue } from './jobs/queue.js';
import { ensureSearchIndexes } from './search/search.sync.js';
import { systemClock } from './clock.js';
import { startRuntime } from './runtime.js';
import { serviceDepsOf } from './services.js';

/** Boots Kansrijk: configuration → dependencies (embedded or real) → migrations → app → listen. */
async function main() {
  const config = loadConfig();
  const logger = createLogger(config.LOG_LEVEL);
  const runtime = await startRuntime(config, logger);
  const clock = systemClock;
  try {
    await serve({ config, logger, runtime, clock });
  } catch (error) {
    await runtime.stop();
    throw error;
  }
}

async function serve({
  config,
  logger,
  runtime,
  clock,
}: {
  config: ReturnType<typeof loadConfig>;
  logger: pino.Logger;
  runtime: Awaited<ReturnType<typeof startRuntime>>;
  clock: typeof systemClock;
}) {
  if (config.SEED_DEMO === 'auto') {
    const seeded = await seedDemo({ db: runtime.database.db, clock, logger });
    if (seeded.created) logger.info('demo data created');
  }
  const demoTokens = await ensureDemoTokens({
    db: runtime.database.db,
    clock,
    varDir: path.resolve(config.VAR_DIR),
    fixed: {
      DEMO_STAFF_TOKEN: config.DEMO_STAFF_TOKEN,
      DEMO_EMPLOYER_TOKEN: config.DEMO_EMPLOYER_TOKEN,
      DEMO_ADMIN_TOKEN: config.DEMO_ADMIN_TOKEN,
      DEMO_EMPLOYER_RELATIONS_TOKEN: config.DEMO_EMPLOYER_RELATIONS_TOKEN,
    },
  });

  // One set of dependencies, one clock: the app builds every service from them once, the jobs run on them.
  const deps = serviceDepsOf({ runtime, config, clock, logger });
  const app = await buildApp({ database: runtime.database, ...deps }, config);

  // The taxonomy is reference data: the demo set is there unless ESCO was imported, and its search
  // index is rebuilt when it does not match Postgres (e.g. on a fresh Meilisearch).
  await seedDemoTaxonomy(runtime.database.db);
  await app.services.taxonomy.ensureIndexed();
  // Candidate and vacancy indexes: settings current, and rebuilt from Postgres when missing or empty
  // (a fresh Meilisearch, or the demo just seeded). Search answers 503 until this has succeeded.
  await ensureSearchIndexes({ db: runtime.database.db, search: runtime.search, logger }).catch((error: unknown) =>
    logger.warn({ err: error }, 'search indexes could not be checked at start; the search watch job retries every ten minutes'),
  );

  const jobs = await startJobQueue({ url: runtime.databaseUrl, deps, runWorkers: config.RUN_WORKERS });
  const address = await app.listen({ host: config.HOST, port: config.PORT });
  // Rankings answer in milliseconds once a tenant's population is compiled; do that now, not on the
  // first request (a failure only means the first ranking compiles it).
  const warming = performance.now();
  void app.services.matching
    .warm()
    .then((tenants) => logger.info({ tenants, ms: Math.round(performance.now() - warming) }, 'matcher populations compiled'))
    .catch((error: unknown) => logger.warn({ err: error }, 'matcher populations could not be compiled at start'));

  const lines = [
    '',
    `  Kansrijk draait op ${address}`,
    `  API-documentatie:  ${address}/docs`,
    `  Gereed-check:      ${address}/readyz`,
    `  PostgreSQL: ${runtime.embedded.postgres ? 'ingebouwd (var/postgres)' : 'DATABASE_URL'}; ` +
      `Meilisearch: ${runtime.embedded.meilisearch ? 'ingebouwd (var/meilisearch)' : 'MEILI_URL'}; ` +
      `mail: ${runtime.mailer.describe}`,
  ];
  if (demoTokens.length > 0) {
    lines.push('', '  Demo-accounts (Authorization: Bearer <token>):');
    for (const account of demoTokens) lines.push(`    ${account.label.padEnd(48)} ${account.env}=${account.token}`);
    lines.push('', `  Probeer: curl -H "Authorization: Bearer $DEMO_STAFF_TOKEN" ${address}/v1/vacancies?status=open`);
  }
  if (config.SEED_DEMO === 'auto') {
    // One-time links, as a mail would bring them; they work once, for the demo for 8 hours.
    const accounts = await demoAccountUsers(runtime.database.db);
    if (accounts.length > 0)
      lines.push(
        '',
        `  Werkplek en werkgeverspagina's: ${deps.publicUrl}/inloggen (inlogmail: ${runtime.mailer.describe})`,
        '  Direct inloggen (elke link werkt één keer, 8 uur lang):',
      );
    for (const account of accounts) {
      const link = await app.services.sessions.createLink({
        tenantId: account.tenantId,
        kind: 'user',
        subjectId: account.userId,
        ttlMinutes: 8 * 60,
        limited: false,
      });
      if (link) lines.push(`    ${account.label.padEnd(48)} ${deps.publicUrl}/inloggen/link?token=${link.token}`);
    }
    // The jobseeker's own page (/mijn): a demo person, signed in as a mailed link or a klantmanager's code would.
    const tenantId = accounts[0]?.tenantId;
    const person = tenantId ? await jobseekerRepository(runtime.database.db).firstByReference(tenantId) : undefined;
    if (tenantId && person) {
      const link = await app.services.sessions.createLink({ tenantId, kind: 'jobseeker', subjectId: person.candidateId, ttlMinutes: 8 * 60, limited: false });
      if (link)
        lines.push(
          `    ${`werkzoekende ${person.givenName} ${person.familyName} (Mijn Werkplein)`.padEnd(48)} ${deps.publicUrl}/inloggen/link?token=${link.token}`,
        );
    }
  }
  lines.push('  Stoppen: Ctrl-C', '');
  process.stdout.write(`${lines.join('\n')}\n`);

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    const force = setTimeout(() => {
      logger.error('shutdown took too long; exiting');
      process.exit(1);
    }, 30_000);
    force.unref();
    try {
      await app.close();
      await jobs.stop();
      await runtime.stop();
    } finally {
      clearTimeout(force);
    }
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
}

main().catch((error: unknown) => {
  process.stderr.write(`Kansrijk could not start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
