/*
 * Benchmark of a weekly digest round: `npm run bench:digest [-- --employers 3000 --vacancies 10000
 * --candidates 25000 --account-managers 250 --new-share 0.1 --concurrency 8]`.
 *
 * Everything is throw-away: an embedded PostgreSQL in a temporary folder and an SMTP server
 * (smtp-server) on a loopback port in this process, which counts what it accepts. One synthetic
 * Werkplein: employers with a location and a contact user each, vacancies and candidates from the
 * matcher's synthetic populations (bench/synthetic.ts) with profiles, assessments and open
 * actions, and the week's activity — shortlists sent, shortlists waiting a week for an answer,
 * follow-ups reminded, growth plans entering their cohort horizon, and `new-share` of the vacancies
 * opened this week. Every employer user, account manager and employer relations member subscribes
 * to a weekly Monday 07:00 digest. Then one round runs as `npm run digests:run -- --now` runs it
 * (find due, compose, send over SMTP with a pooled transport, record), and a second round shows the
 * cost of finding nothing to do. Prints the round's duration and mails per second (target: the
 * round in 60 s or less, issue 19.5), where the time goes (compose, rank, render, send: summed over
 * the concurrent deliveries, src/digests/digests.timings.ts) and the process's CPU time.
 * Baseline in the same run: the very same mails sent again, with the same concurrency over a pooled
 * transport to a second counting SMTP server, without the database — the floor a round cannot go
 * under on this machine; the ratio is the round's duration over the baseline's.
 */
import { randomBytes } from 'node:crypto';
import { chmod, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import pino from 'pino';
import { SMTPServer } from 'smtp-server';
import { connectClient, createDatabase, type Db } from '../db/client.js';
import { migrateDatabase } from '../db/migrate.js';
import * as schema from '../db/schema/index.js';
import { runDigestRoundInline } from '../src/digests/digests.round.js';
import { createDigestTimings, DIGEST_PHASES } from '../src/digests/digests.timings.js';
import { startEmbeddedPostgres } from '../src/embedded/embedded-postgres.js';
import { newId } from '../src/ids.js';
import { createSmtpMailer, type Mailer } from '../src/mail/mailer.js';
import { generateCandidates, generateVacancies } from '../bench/synthetic.js';
import type { DayPart } from '../src/schemas/schedule.js';

const { values: options } = parseArgs({
  options: {
    employers: { type: 'string', default: '3000' },
    vacancies: { type: 'string', default: '10000' },
    candidates: { type: 'string', default: '25000' },
    'account-managers': { type: 'string', default: '250' },
    'employer-relations': { type: 'string', default: '20' },
    'new-share': { type: 'string', default: '0.1' },
    concurrency: { type: 'string', default: '8' },
  },
});
const EMPLOYERS = Number(options.employers);
const VACANCIES = Number(options.vacancies);
const CANDIDATES = Number(options.candidates);
const ACCOUNT_MANAGERS = Number(options['account-managers']);
const EMPLOYER_RELATIONS = Number(options['employer-relations']);
const NEW_SHARE = Number(options['new-share']);
const CONCURRENCY = Number(options.concurrency);
const TARGET_SECONDS = 60;

/** The round runs on Monday 30 November 2026 at 07:05 in Amsterdam; the week before is "new". */
const ROUND_AT = new Date('2026-11-30T06:05:00Z');
const DAY = 86_400_000;
const at = (iso: string) => new Date(iso);
// 'error': stopping the throw-away Postgres at the end makes idle pool clients warn, which is noise here.
const logger = pino({ level: process.env.LOG_LEVEL ?? 'error' });

async function insertChunked<T extends Record<string, unknown>>({
  db,
  table,
  rows,
  size = 1000,
}: {
  db: Db;
  table: Parameters<Db['insert']>[0];
  rows: T[];
  size?: number;
}) {
  for (let i = 0; i < rows.length; i += size) await db.insert(table).values(rows.slice(i, i + size));
}

/** A weekday (ISO 1–7) of the week before the round, at a given UTC hour. */
const lastWeek = (isoWeekday: number, hourUtc = 9) => new Date(Date.UTC(2026, 10, 22 + isoWeekday, hourUtc));

async function seed(db: Db): Promise<{ tenantId: string; counts: Record<string, number> }> {
  const tenantId = newId();
  const created = at('2026-09-01T08:00:00Z');
  await db.insert(schema.tenants).values({ id: tenantId, slug: 'bench-digest', name: 'Werkplein Bench', settings: { rankingEnabled: true } });

  const staff = (role: string, count: number, label: string) =>
    Array.from({ length: count }, (_, i) => ({
      tenantId,
      id: newId(),
      email: `${label}${i}@bench.example`,
      name: `${label} ${i}`,
      role,
      employerId: null,
      createdAt: created,
    }));
  const accountManagers = staff('account_manager', ACCOUNT_MANAGERS, 'klantmanager');
  const relations = staff('employer_relations', EMPLOYER_RELATIONS, 'wgdv');
  await insertChunked({ db, table: schema.users, rows: [...accountManagers, ...relations] });

  const vacancies = generateVacancies({ count: VACANCIES, seed: 11 });
  const employers = Array.from({ length: EMPLOYERS }, (_, i) => {
    const first = vacancies[i % vacancies.length]!;
    return { tenantId, id: newId(), name: `Werkgever ${i} B.V.`, sector: first.sector, contacts: [], location: first.location };
  });
  await insertChunked({ db, table: schema.employers, rows: employers.map(({ location: _location, ...row }) => row) });
  const locations = employers.map((employer, i) => ({
    tenantId,
    id: newId(),
    employerId: employer.id,
    name: `Vestiging ${i}`,
    postcode4: '5038',
    city: 'Tilburg',
    latitude: employer.location.latitude,
    longitude: employer.location.longitude,
  }));
  await insertChunked({ db, table: schema.employerLocations, rows: locations });
  const employerUsers = employers.map((employer, i) => ({
    tenantId,
    id: newId(),
    email: `werkgever${i}@bench.example`,
    name: `Contact ${i}`,
    role: 'employer',
    employerId: employer.id,
    createdAt: created,
  }));
  await insertChunked({ db, table: schema.users, rows: employerUsers });

  const newCount = Math.round(VACANCIES * NEW_SHARE);
  const vacancyRows = vacancies.map((vacancy, i) => {
    const employerIndex = i % EMPLOYERS;
    const dayParts = [...new Set(vacancy.shifts.map((shift) => shift.dayPart))] as DayPart[];
    const createdAt = i < newCount ? new Date(lastWeek(1).getTime() + (i / newCount) * 6 * DAY) : new Date(created.getTime() + (i % 60) * DAY);
    return {
      tenantId,
      id: newId(createdAt.getTime()),
      employerId: employers[employerIndex]!.id,
      locationId: locations[employerIndex]!.id,
      title: vacancy.title,
      occupationUri: vacancy.occupationUri,
      hoursMin: vacancy.hoursMin,
      hoursMax: vacancy.hoursMax,
      rampUpFromHours: vacancy.rampUpFromHours,
      shiftPattern: vacancy.rotating
        ? {
            kind: 'rotating' as const,
            shifts: vacancy.shifts,
            rotation: { system: dayParts.includes('night') ? ('3-shift' as const) : ('2-shift' as const), cycleWeeks: 2 },
          }
        : { kind: 'fixed' as const, shifts: vacancy.shifts },
      dayParts,
      weekendWork: vacancy.shifts.some((shift) => shift.weekdays.includes('sat') || shift.weekdays.includes('sun')),
      nightWork: dayParts.includes('night'),
      contractType: 'fixed_term',
      positions: 1,
      competencies: vacancy.competencies,
      trainingOffered: [],
      supportOffered: [],
      requiredCredentials: vacancy.requiredCredentials.map((credential) => ({ ...credential, legalGround: 'wettelijk verplicht' })),
      status: 'open',
      openedAt: createdAt,
      createdAt,
      updatedAt: createdAt,
    };
  });
  await insertChunked({ db, table: schema.vacancies, rows: vacancyRows as never[] });

  const people = generateCandidates({ size: CANDIDATES, seed: 5 });
  const candidateRows = people.map((person, i) => ({
    tenantId,
    id: newId(created.getTime()),
    reference: `KR-B${String(i).padStart(6, '0')}`,
    status: 'active',
    accountManagerId: accountManagers[i % ACCOUNT_MANAGERS]!.id,
    postcode4: '5038',
    homeLatitude: person.home.latitude,
    homeLongitude: person.home.longitude,
    createdAt: created,
    updatedAt: created,
  }));
  await insertChunked({ db, table: schema.candidates, rows: candidateRows });
  await insertChunked({
    db,
    table: schema.candidateProfiles,
    rows: people.map((person, i) => ({
      tenantId,
      candidateId: candidateRows[i]!.id,
      intakeId: newId(),
      questionnaireVersion: 'v2',
      workWishes: { occupationUris: person.workWishes.occupationUris, titles: person.workWishes.titles, sectors: person.workWishes.sectors },
      competencies: person.competencies.map((competency) => ({ ...competency })),
      availability: person.availability,
      hoursNow: person.hours.now,
      hoursTarget: person.hours.target,
      mobility: { modes: person.mobility.modes, drivingLicences: person.drivingLicences, maxTravelMinutes: person.mobility.maxTravelMinutes },
      certificates: person.certificates,
      educationLevel: person.educationLevel,
    })),
  });
  const assessments = people.flatMap((person, i) =>
    (['motivation', 'potential'] as const).flatMap((kind) => {
      const score = person[kind];
      return score === null
        ? []
        : [
            {
              tenantId,
              id: newId(),
              candidateId: candidateRows[i]!.id,
              kind,
              score,
              evidence: 'Gesprek',
              assessedBy: candidateRows[i]!.accountManagerId,
              assessedAt: created,
            },
          ];
    }),
  );
  await insertChunked({ db, table: schema.candidateAssessments, rows: assessments });
  const barriers = people.flatMap((person, i) => {
    const byDomain = new Map<string, { domain: string; action: string; unlocksMode: string | null }>();
    for (const pending of person.mobility.pendingModes)
      if (!byDomain.has('mobility')) byDomain.set('mobility', { domain: 'mobility', action: pending.action, unlocksMode: pending.mode });
    for (const condition of person.openConditions) if (!byDomain.has(condition.domain)) byDomain.set(condition.domain, { ...condition, unlocksMode: null });
    return [...byDomain.values()].map((barrier) => ({
      tenantId,
      id: newId(),
      candidateId: candidateRows[i]!.id,
      domain: barrier.domain,
      severity: 'moderate',
      solvable: true,
      action: barrier.action,
      actionStatus: 'open',
      unlocksMode: barrier.unlocksMode,
    }));
  });
  await insertChunked({ db, table: schema.candidateBarriers, rows: barriers });

  // The week's activity. Candidates are taken in turn, so each appears once.
  let next = 0;
  const take = () => candidateRows[next++ % CANDIDATES]!;
  const consents: Array<typeof schema.candidateConsents.$inferInsert> = [];
  const shortlists: Array<typeof schema.shortlists.$inferInsert> = [];
  const entries: Array<typeof schema.shortlistCandidates.$inferInsert> = [];
  const share = (employerIndex: number, sentAt: Date, count: number) => {
    const shortlistId = newId(sentAt.getTime());
    const vacancy = vacancyRows[employerIndex]!;
    const curator = accountManagers[employerIndex % ACCOUNT_MANAGERS]!.id;
    shortlists.push({
      tenantId,
      id: shortlistId,
      vacancyId: vacancy.id,
      employerId: vacancy.employerId,
      status: 'sent',
      createdBy: curator,
      createdAt: sentAt,
      updatedAt: sentAt,
      sentAt,
      sentBy: curator,
    });
    for (let position = 1; position <= count; position++) {
      const candidate = take();
      consents.push({
        tenantId,
        id: newId(),
        candidateId: candidate.id,
        purpose: 'share_with_employers',
        textVersion: '2026-1',
        givenAt: created,
        recordedBy: curator,
        expiresAt: at('2028-01-01T00:00:00Z'),
      });
      entries.push({
        tenantId,
        id: newId(sentAt.getTime()),
        shortlistId,
        candidateId: candidate.id,
        position,
        source: 'manual',
        approvedBy: curator,
        approvedAt: sentAt,
        sharedAt: sentAt,
        employerView: { candidateId: candidate.id },
        createdAt: sentAt,
        updatedAt: sentAt,
      });
    }
  };
  for (let e = 0; e < Math.floor(EMPLOYERS / 3); e++) share(e, lastWeek(1 + (e % 5)), 3);
  for (let e = Math.floor(EMPLOYERS / 3); e < Math.floor(EMPLOYERS / 2); e++) share(e, lastWeek(-6 + (e % 5)), 2);
  await insertChunked({ db, table: schema.candidateConsents, rows: consents });
  await insertChunked({ db, table: schema.shortlists, rows: shortlists });
  await insertChunked({ db, table: schema.shortlistCandidates, rows: entries });

  const placements: Array<typeof schema.placements.$inferInsert> = [];
  const followUps: Array<typeof schema.placementFollowUps.$inferInsert> = [];
  for (let e = 0; e < Math.floor(EMPLOYERS / 10); e++) {
    const candidate = take();
    const placementId = newId();
    placements.push({
      tenantId,
      id: placementId,
      candidateId: candidate.id,
      vacancyId: vacancyRows[e]!.id,
      employerId: vacancyRows[e]!.employerId,
      startDate: '2026-10-26',
      hoursPerWeek: 24,
      contractType: 'fixed_term',
      instrumentsUsed: [],
      status: 'active',
      createdBy: candidate.accountManagerId,
      createdAt: created,
      updatedAt: created,
    });
    followUps.push({ tenantId, id: newId(), placementId, monthMark: 1, dueOn: '2026-11-26', reminderSentAt: at('2026-11-26T04:30:00Z') });
    followUps.push({ tenantId, id: newId(), placementId, monthMark: 3, dueOn: '2027-01-26' });
    followUps.push({ tenantId, id: newId(), placementId, monthMark: 6, dueOn: '2027-04-26' });
  }
  await insertChunked({ db, table: schema.placements, rows: placements });
  await insertChunked({ db, table: schema.placementFollowUps, rows: followUps });

  const plans: Array<typeof schema.growthPlans.$inferInsert> = [];
  const roles: Array<typeof schema.growthPlanRoles.$inferInsert> = [];
  for (let e = 0; e < Math.min(100, EMPLOYERS); e++) {
    const planId = newId();
    plans.push({
      tenantId,
      id: planId,
      employerId: employers[e]!.id,
      locationId: locations[e]!.id,
      name: `Uitbreiding ${e}`,
      status: 'planned',
      createdAt: created,
      updatedAt: created,
    });
    roles.push({
      tenantId,
      id: newId(),
      growthPlanId: planId,
      title: vacancies[e]!.title,
      headcount: 10 + (e % 30),
      // Preparation starts 22 January 2027: 8 weeks before that falls in the round's week.
      expectedDate: '2027-03-05',
      hoursMin: 24,
      hoursMax: 32,
      shiftPattern: { kind: 'fixed', shifts: vacancies[e]!.shifts },
      competencies: vacancies[e]!.competencies,
      trainingLeadTimeWeeks: 6,
      contractType: 'fixed_term',
      createdAt: created,
    });
  }
  await insertChunked({ db, table: schema.growthPlans, rows: plans });
  await insertChunked({ db, table: schema.growthPlanRoles, rows: roles });

  const subscribers = [...employerUsers, ...accountManagers, ...relations];
  await insertChunked({
    db,
    table: schema.digestSubscriptions,
    rows: subscribers.map((user) => ({
      tenantId,
      id: newId(),
      userId: user.id,
      frequency: 'weekly',
      weekday: 1,
      hour: 7,
      timezone: 'Europe/Amsterdam',
      scope: {},
      lang: 'nl',
      active: true,
      createdAt: created,
      updatedAt: created,
    })),
  });
  return {
    tenantId,
    counts: {
      employers: EMPLOYERS,
      vacancies: VACANCIES,
      'vacancies new this week': newCount,
      candidates: CANDIDATES,
      'account managers': ACCOUNT_MANAGERS,
      'shortlists sent this week': Math.floor(EMPLOYERS / 3),
      'shortlists waiting a week': Math.floor(EMPLOYERS / 2) - Math.floor(EMPLOYERS / 3),
      'follow-ups reminded': placements.length,
      'growth-plan roles entering the horizon': roles.length,
      subscriptions: subscribers.length,
    },
  };
}

/** An SMTP server that accepts everything and counts it (no parsing: it is the far end, not the subject). */
async function startCountingSmtp() {
  const messageIds = new Set<string>();
  let accepted = 0;
  const server = new SMTPServer({
    secure: false,
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    logger: false,
    size: 1024 * 1024,
    onData(stream, _session, callback) {
      let head = '';
      stream.on('data', (chunk: Buffer) => {
        if (head.length < 8192) head += chunk.toString('utf8');
      });
      stream.on('end', () => {
        accepted += 1;
        const id = /^Message-ID:\s*(<[^>]+>)/im.exec(head)?.[1];
        if (id) messageIds.add(id);
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as { port: number }).port;
  return { port, accepted: () => accepted, distinct: () => messageIds.size, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

/**
 * CPU seconds of this process's descendants (the embedded PostgreSQL and its backends), from
 * /proc (Linux; 0 elsewhere): with the machine shared, CPU time says more than the duration alone.
 */
async function descendantsCpuSeconds(): Promise<number> {
  try {
    const entries = (await readdir('/proc')).filter((name) => /^\d+$/.test(name));
    const stats = new Map<number, { parent: number; ticks: number }>();
    for (const name of entries) {
      const text = await readFile(`/proc/${name}/stat`, 'utf8').catch(() => '');
      // Fields after the command (which may hold spaces): state, ppid, …, utime (14), stime, cutime, cstime.
      const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
      if (fields.length < 15) continue;
      stats.set(Number(name), { parent: Number(fields[1]), ticks: Number(fields[11]) + Number(fields[12]) + Number(fields[13]) + Number(fields[14]) });
    }
    const isDescendant = (pid: number): boolean => {
      for (let at = stats.get(pid)?.parent; at !== undefined && at > 1; at = stats.get(at)?.parent) if (at === process.pid) return true;
      return false;
    };
    let ticks = 0;
    for (const [pid, stat] of stats) if (isDescendant(pid)) ticks += stat.ticks;
    return ticks / 100;
  } catch {
    return 0;
  }
}

async function main() {
  const work = await mkdtemp(path.join(tmpdir(), 'kansrijk-bench-digest-'));
  await chmod(work, 0o755);
  const stops: Array<() => Promise<void>> = [() => rm(work, { recursive: true, force: true })];
  try {
    const postgres = await startEmbeddedPostgres({
      dataDir: path.join(work, 'postgres'),
      password: randomBytes(12).toString('hex'),
      logger,
      persistent: false,
    });
    stops.unshift(postgres.stop);
    const admin = await connectClient({ url: postgres.url, logger });
    await admin.query('create database bench');
    await admin.end();
    const url = new URL(postgres.url);
    url.pathname = '/bench';
    const database = createDatabase({ url: url.toString(), logger, max: CONCURRENCY + 2 });
    stops.unshift(database.close);
    await migrateDatabase(database.pool);

    const seedStarted = performance.now();
    const { counts } = await seed(database.db);
    await database.pool.query('analyze');
    const seedSeconds = (performance.now() - seedStarted) / 1000;

    const smtp = await startCountingSmtp();
    stops.unshift(smtp.close);
    const smtpUrl = (port: number) => `smtp://127.0.0.1:${port}?pool=true&maxConnections=${CONCURRENCY}&maxMessages=1000000&ignoreTLS=true`;
    const from = 'Kansrijk <no-reply@kansrijk.example>';
    const transport = createSmtpMailer({ url: smtpUrl(smtp.port), from });
    stops.unshift(async () => transport.close());
    // The mails as the round sent them, for the baseline.
    const outgoing: Array<Parameters<Mailer['send']>[0]> = [];
    const mailer: Mailer = { ...transport, send: async (mail) => (outgoing.push(mail), transport.send(mail)) };
    const timings = createDigestTimings();
    const deps = {
      db: database.db,
      mailer,
      secretKey: randomBytes(32).toString('hex'),
      publicUrl: 'https://kansrijk.werkplein.example',
      clock: { now: () => ROUND_AT },
      logger,
    };

    const load = () =>
      loadavg()
        .map((value) => value.toFixed(2))
        .join(' ');
    const loadBefore = load();
    const cpuBefore = process.cpuUsage();
    const postgresBefore = await descendantsCpuSeconds();
    const started = performance.now();
    const round = await runDigestRoundInline({ ...deps, timings }, { now: ROUND_AT, concurrency: CONCURRENCY });
    const seconds = (performance.now() - started) / 1000;
    const cpu = process.cpuUsage(cpuBefore);
    const postgresCpu = (await descendantsCpuSeconds()) - postgresBefore;
    const nodeCpu = (cpu.user + cpu.system) / 1e6;
    const loadAfter = load();
    const sent = round.outcomes.sent ?? 0;

    const againStarted = performance.now();
    const again = await runDigestRoundInline(deps, { now: new Date(ROUND_AT.getTime() + 15 * 60_000), concurrency: CONCURRENCY });
    const againMs = performance.now() - againStarted;

    // Baseline: the same mails, the same concurrency and pooled transport, no database.
    const bare = await startCountingSmtp();
    stops.unshift(bare.close);
    const bareMailer = createSmtpMailer({ url: smtpUrl(bare.port), from });
    stops.unshift(async () => bareMailer.close());
    const bareStarted = performance.now();
    let nextMail = 0;
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (nextMail < outgoing.length) await bareMailer.send(outgoing[nextMail++]!);
      }),
    );
    const bareSeconds = (performance.now() - bareStarted) / 1000;

    const logged = await database.pool.query<{ count: number }>('select count(*)::int as count from mail_log');
    const runs = await database.pool.query<{ count: number }>('select count(*)::int as count from match_runs');
    const summed = DIGEST_PHASES.reduce((sum, phase) => sum + timings[phase], 0);
    const lines = [
      `Digest round benchmark (Node ${process.version}, ${cpus().length} CPUs: ${cpus()[0]?.model ?? '?'}; concurrency ${CONCURRENCY}; SMTP on loopback in this process)`,
      `Data: ${Object.entries(counts)
        .map(([label, count]) => `${count} ${label}`)
        .join(', ')} (seeded in ${seedSeconds.toFixed(1)} s)`,
      `Round: ${round.due} due → ${Object.entries(round.outcomes)
        .map(([outcome, count]) => `${outcome} ${count}`)
        .join(', ')}; ${runs.rows[0]!.count} ranking runs recorded`,
      `  duration ${seconds.toFixed(1)} s (target ≤ ${TARGET_SECONDS} s: ${seconds <= TARGET_SECONDS ? 'met' : 'NOT met'}); ${(sent / seconds).toFixed(1)} mails/s; ${(round.due / seconds).toFixed(1)} digests composed/s`,
      `  load average before ${loadBefore}, after ${loadAfter}; CPU used: this process ${nodeCpu.toFixed(1)} s (${((100 * nodeCpu) / seconds).toFixed(0)}% of a core), PostgreSQL ${postgresCpu.toFixed(1)} s`,
      `  where the time goes (summed over ${CONCURRENCY} concurrent deliveries, ${(summed / 1000).toFixed(1)} s):`,
      ...DIGEST_PHASES.map(
        (phase) =>
          `    ${phase.padEnd(8)} ${(timings[phase] / 1000).toFixed(1).padStart(7)} s  ${((100 * timings[phase]) / Math.max(summed, 1)).toFixed(0).padStart(3)}%`,
      ),
      `  SMTP accepted ${smtp.accepted()} messages, ${smtp.distinct()} distinct Message-IDs; mail_log rows ${logged.rows[0]!.count}`,
      `Second round 15 minutes later: ${again.due} due, ${againMs.toFixed(0)} ms`,
      `Baseline: the same ${outgoing.length} mails over SMTP alone (no database) ${bareSeconds.toFixed(1)} s, ${(outgoing.length / bareSeconds).toFixed(1)} mails/s; round / baseline ${(seconds / bareSeconds).toFixed(1)}×`,
    ];
    process.stdout.write(`${lines.join('\n')}\n`);
    if (smtp.accepted() !== sent || smtp.distinct() !== sent || again.due !== 0 || bare.accepted() !== outgoing.length) {
      process.stderr.write('exactly-once check failed\n');
      process.exitCode = 1;
    }
  } finally {
    for (const stop of stops) await stop().catch((error: unknown) => logger.warn({ err: error }, 'stop failed'));
  }
}

await main();
