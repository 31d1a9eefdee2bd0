/*
 * The fairness figures of the matcher model card (docs/matcher-model-card.md), on a fresh demo
 * database: `npm run privacy:model-card-figures [-- --json]`.
 *
 * Starts a throw-away PostgreSQL (embedded; or a new database on DATABASE_URL's server, dropped
 * afterwards), migrates, seeds the demo Werkplein (without its history) and its synthetic audit
 * attributes, ranks every open vacancy over the demo caseload with the default weights (the
 * reference matcher), stores the runs as the service does, and runs the fairness report over them.
 * Prints Markdown tables (or the report as JSON). Nothing of an existing database is touched.
 */
import { randomBytes } from 'node:crypto';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import pino from 'pino';
import { connectClient, createDatabase } from '../db/client.js';
import { migrateDatabase } from '../db/migrate.js';
import type { Principal } from '../src/auth/roles.js';
import { seedDemo } from '../src/demo/seed.js';
import { startEmbeddedPostgres } from '../src/embedded/embedded-postgres.js';
import { newId } from '../src/ids.js';
import { compareMatches, matchCandidate } from '../src/matching/matcher.js';
import { storedVacancyInput, toMatchCandidate, toMatchVacancy } from '../src/matching/matching.inputs.js';
import { matchingRepository } from '../src/matching/matching.repository.js';
import { candidatesHash, recordRun, vacancyRunEntry } from '../src/matching/matching.runs.js';
import { DEFAULT_WEIGHTS, MATCHER_VERSION } from '../src/matching/weights.js';
import type { FairnessFigures } from '../src/reports/fairness.js';
import { createReportService } from '../src/reports/reports.service.js';
import { parseArgs } from './lib/cli.js';

const args = parseArgs();
const logger = pino({ level: process.env.LOG_LEVEL ?? 'warn' });
/** A fixed moment, so that the period of the report is the same on every run. */
const AT = new Date('2026-11-25T09:00:00Z');
const clock = { now: () => AT };
const stops: Array<() => Promise<void>> = [];

async function freshDatabaseUrl(): Promise<string> {
  const name = `kansrijk_figures_${randomBytes(4).toString('hex')}`;
  let serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) {
    const work = await mkdtemp(path.join(tmpdir(), 'kansrijk-figures-'));
    await chmod(work, 0o755);
    stops.push(() => rm(work, { recursive: true, force: true }));
    const postgres = await startEmbeddedPostgres({
      dataDir: path.join(work, 'postgres'),
      password: randomBytes(12).toString('hex'),
      logger,
      persistent: false,
    });
    stops.push(postgres.stop);
    serverUrl = postgres.url;
  }
  const admin = await connectClient({ url: serverUrl, logger });
  await admin.query(`create database "${name}"`);
  await admin.end();
  stops.push(async () => {
    const cleanup = await connectClient({ url: serverUrl, logger });
    await cleanup.query(`drop database if exists "${name}" with (force)`);
    await cleanup.end();
  });
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

function markdown(figures: FairnessFigures & { from: string; to: string }, runs: number): string {
  const percent = (value: number | null) => (value === null ? '–' : `${(value * 100).toFixed(1)}%`);
  const lines = [
    `Demo Werkplein, matcher ${MATCHER_VERSION}, default weights; ${runs} vacancy rankings, ${figures.people} people ranked, ${figures.withAttributes} with audit attributes (synthetic).`,
    `Stage: in the top ${figures.topK} of at least one ranking. Impact ratio against the group with the highest rate; ⚠ below 0.8; groups under ${figures.minGroupSize} too small to judge.`,
    '',
  ];
  for (const dimension of figures.dimensions) {
    const stage = dimension.stages[0]!;
    lines.push(`**${dimension.label}**`, '', '| group | ranked | top ' + figures.topK + ' | rate | impact ratio |', '| --- | ---: | ---: | ---: | ---: |');
    for (const group of stage.groups) {
      const ratio = group.impactRatio === null ? '–' : group.impactRatio.toFixed(3);
      const mark = group.reference ? ' (reference)' : group.flagged ? ' ⚠' : group.tooSmall ? ' (too small)' : '';
      lines.push(`| ${group.label} | ${group.pool} | ${group.selected} | ${percent(group.rate)} | ${ratio}${mark} |`);
    }
    lines.push('');
  }
  lines.push(figures.flags.length === 0 ? 'No group below 0.8 at this stage.' : `Flags: ${figures.flags.length}.`);
  return lines.join('\n');
}

try {
  const database = createDatabase({ url: await freshDatabaseUrl(), logger, max: 4 });
  stops.push(database.close);
  await migrateDatabase(database.pool);
  const db = database.db;
  // The demo seed gives the caseload its synthetic audit attributes as well. Without the demo's
  // history: that is timed relative to the clock (and checked against the database's own clock),
  // and these figures are of the matcher over the caseload, fixed in time.
  const { tenantId } = await seedDemo({ db, clock, logger, history: false });

  const repository = matchingRepository(db);
  const adminRow = await db.execute<{ id: string }>(sql`select id from users where tenant_id = ${tenantId} and role = 'admin' order by id limit 1`);
  const admin: Principal = { tenantId, userId: adminRow.rows[0]!.id, tokenId: 'figures', role: 'admin', employerId: null };
  const population = (await repository.population(tenantId)).map(toMatchCandidate);
  const vacancies = (await repository.openVacancyInputs(tenantId)).map((row) => toMatchVacancy(row, { at: AT }));
  const related = await repository.relatedSkills([
    ...new Set(vacancies.flatMap((vacancy) => vacancy.competencies.flatMap((competency) => (competency.skillUri ? [competency.skillUri] : [])))),
  ]);
  const skills = { related: (uri: string) => related.get(uri) ?? [] };

  const rankedHash = candidatesHash(population);
  for (const vacancy of vacancies) {
    const results = population
      .map((candidate) => matchCandidate(vacancy, candidate, { weights: DEFAULT_WEIGHTS, skills }))
      .sort((a, b) => Number(b.eligible) - Number(a.eligible) || compareMatches(a, b));
    const entries = results.map((result, index) => vacancyRunEntry(result, index + 1));
    // Every candidate's entry, the excluded too: the report counts who reached the top 25 among all.
    await recordRun(db, {
      tenantId,
      id: newId(AT.getTime()),
      subjectId: vacancy.id,
      actorUserId: admin.userId,
      at: AT,
      weights: { version: 0, weights: { ...DEFAULT_WEIGHTS } },
      inputs: { kind: 'vacancy', subject: storedVacancyInput(vacancy, related), shown: [] },
      rankedHash,
      population: population.length,
      eligible: results.filter((result) => result.eligible).length,
      results: entries,
    });
  }

  const figures = await createReportService({ db, clock }).fairness(admin, { from: '2026-11-01', to: '2026-11-30' }, 'en');
  process.stdout.write(args.has('json') ? `${JSON.stringify(figures, null, 2)}\n` : `${markdown(figures, vacancies.length)}\n`);
} catch (error) {
  process.stderr.write(`Could not compute the figures: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
} finally {
  for (const stop of stops.reverse()) await stop().catch((error: unknown) => logger.warn({ err: error }, 'stop failed'));
}
