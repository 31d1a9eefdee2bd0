import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import type pg from 'pg';
import { mailLog, matchInputs, matchRunInputs, matchRuns } from '../../db/schema/index.js';
import { createBoss } from '../../src/jobs/queue.js';
import { newId } from '../../src/ids.js';
import { emailHash } from '../../src/mail/addresses.js';
import { createFileMailer } from '../../src/mail/mailer.js';
import { bearer, buildTenant, intakeV2, vacancyBody, type TenantWorld } from '../support/factories.js';
import { createTestDatabase, testLogger } from '../support/harness.js';
import { buildSearchApp } from '../search/search-app.js';
import { dayShift } from '../shortlists/fixtures.js';
import { createCandidateService } from '../../src/candidates/candidates.service.js';
import { createJobseekerService } from '../../src/jobseeker/jobseeker.service.js';

type Teardown = Parameters<typeof buildSearchApp>[0];

async function call(
  app: FastifyInstance,
  as: { token: string },
  method: 'GET' | 'POST' | 'PUT' | 'PATCH',
  url: string,
  payload?: unknown,
  headers: Record<string, string> = {},
) {
  const response = await app.inject({ method, url, headers: { ...bearer(as), ...headers }, ...(payload !== undefined ? { payload: payload as object } : {}) });
  if (response.statusCode >= 300) throw new Error(`${method} ${url}: ${response.statusCode} ${response.body}`);
  return response.json();
}

/** A jobseeker with an intake; the name carries a random part so that searches are unambiguous. */
async function jobseeker(app: FastifyInstance, world: TenantWorld, givenName: string, options: { idempotencyKey?: string } = {}) {
  const familyName = `Verbeek${randomBytes(3).toString('hex')}`;
  const email = `${givenName.toLowerCase()}.${familyName.toLowerCase()}@voorbeeld.example`;
  const created = await call(
    app,
    world.accountManager,
    'POST',
    '/v1/candidates',
    { contact: { givenName, familyName, email, phone: '06 1111 2222', dateOfBirth: '1985-06-01' }, postcode: '5038 AB' },
    options.idempotencyKey ? { 'idempotency-key': options.idempotencyKey } : {},
  );
  return { id: created.id as string, reference: created.reference as string, givenName, familyName, email };
}

/**
 * A person with something in every store: two intakes, consent, audit attributes, a shortlist entry
 * with feedback (invite, hire), a placement with a follow-up, ranking runs and their inputs, mails,
 * a queued job and a stored idempotent answer; and a bystander who must come through untouched.
 */
export async function privacyWorld(t: Teardown) {
  // A database of its own: the erasure ledger, the outbox drain and the residue scan are whole-database.
  // Mail is written as .eml files, as the embedded default does: the erasure must reach them too.
  const mailDir = await mkdtemp(path.join(tmpdir(), 'kansrijk-privacy-mail-'));
  t.teardown(() => rm(mailDir, { recursive: true, force: true }));
  const mailer = createFileMailer({ dir: mailDir, from: 'Werkplein <noreply@kansrijk.example>' });
  const scene = await buildSearchApp(t, { database: await createTestDatabase(t, { isolated: true }), mailer });
  const { app, db } = scene;
  const world = await buildTenant(db);
  const staff = world.accountManager;

  const vacancy = await call(app, world.employerRelations, 'POST', '/v1/vacancies', {
    ...vacancyBody({ employerId: world.employerA.employer.id, locationId: world.employerA.location.id }),
    shiftPattern: dayShift,
    status: 'open',
    startDate: '2026-12-14',
  });
  const person = await jobseeker(app, world, 'Noor', { idempotencyKey: `create-${randomBytes(6).toString('hex')}` });
  const bystander = await jobseeker(app, world, 'Bram');

  const firstIntake = intakeV2();
  const secondIntake = intakeV2({ availability: { ...firstIntake.answers.availability, hoursNow: 24 } });
  const intakes = [firstIntake, secondIntake];
  for (const intake of intakes) await call(app, staff, 'POST', `/v1/candidates/${person.id}/intakes`, intake);
  await call(app, staff, 'POST', `/v1/candidates/${bystander.id}/intakes`, intakeV2());
  for (const someone of [person, bystander])
    await call(app, staff, 'POST', `/v1/candidates/${someone.id}/consents`, { purpose: 'share_with_employers', textVersion: '2026-1' });
  await call(app, staff, 'PUT', `/v1/candidates/${person.id}/audit-attributes`, {
    gender: 'female',
    ageBand: '27-44',
    migrationBackground: 'outside_europe',
    disability: 'no',
    enteredOnlyForAudit: true,
  });
  await call(app, staff, 'PUT', `/v1/candidates/${bystander.id}/audit-attributes`, {
    gender: 'male',
    ageBand: '45-54',
    migrationBackground: 'none',
    disability: 'yes',
    enteredOnlyForAudit: true,
  });
  // The household situation for the rekentool (issue 17): erased and exported with the person.
  await call(app, staff, 'PUT', `/v1/candidates/${person.id}/household`, {
    situation: 'partners',
    costSharers: 0,
    ageGroup: '27_to_pension_age',
    partnerNetMonthlyIncome: 612.5,
  });
  await call(app, staff, 'PUT', `/v1/candidates/${bystander.id}/household`, { situation: 'single', costSharers: 1, ageGroup: '27_to_pension_age' });
  // The person's own page (issue 17): a vacancy discussed with them, and a correction they proposed.
  await call(app, staff, 'PUT', `/v1/candidates/${person.id}/discussed-vacancies/${vacancy.id}`);
  const jobseekerClock = { now: () => new Date() };
  await createJobseekerService({ db, clock: jobseekerClock, candidates: createCandidateService({ db, clock: jobseekerClock }) }).propose(
    db,
    { tenantId: world.tenantId, candidateId: person.id },
    { changes: { hoursTarget: 28 }, note: 'Liever 28 uur' },
  );

  // A new intake in progress on the werkplek (issue 14): the draft, with a barrier answer, is theirs too.
  const intakeDraft = {
    workWishes: { titles: ['Magazijnmedewerker'], sectors: ['logistics'], occupationUris: [] },
    barriers: [
      { domain: 'finances', severity: 'moderate', solvable: true, action: 'Budgetcoach inschakelen', description: 'Schuld bij de energieleverancier' },
    ],
  };
  for (const [section, value] of Object.entries(intakeDraft)) {
    await db.transaction((tx) => app.services.candidates.saveIntakeDraftSection({ tx, principal: staff.principal, id: person.id, section, value }));
  }
  await db.transaction((tx) =>
    app.services.candidates.saveIntakeDraftSection({
      tx,
      principal: staff.principal,
      id: bystander.id,
      section: 'workWishes',
      value: { titles: ['Banketbakker'] },
    }),
  );

  const shortlist = await call(app, staff, 'POST', `/v1/vacancies/${vacancy.id}/shortlists`, {});
  for (const someone of [person, bystander]) {
    await call(app, staff, 'POST', `/v1/shortlists/${shortlist.id}/candidates`, { candidateId: someone.id, pitch: { strengths: 'Betrouwbaar en leert snel' } });
    await call(app, staff, 'POST', `/v1/shortlists/${shortlist.id}/candidates/${someone.id}/approve`);
  }
  await call(app, staff, 'POST', `/v1/shortlists/${shortlist.id}/send`);
  await call(app, world.employerA.user, 'POST', `/v1/shortlists/${shortlist.id}/candidates/${person.id}/feedback`, { decision: 'invite' });
  await call(app, world.employerA.user, 'POST', `/v1/shortlists/${shortlist.id}/candidates/${person.id}/feedback`, { decision: 'hire' });
  await call(app, world.employerA.user, 'POST', `/v1/shortlists/${shortlist.id}/candidates/${bystander.id}/feedback`, { decision: 'invite' });
  const placement = await call(app, staff, 'POST', '/v1/placements', {
    candidateId: person.id,
    vacancyId: vacancy.id,
    shortlistId: shortlist.id,
    startDate: '2026-10-05',
    hoursPerWeek: 24,
    contractType: 'fixed_term',
    contractMonths: 6,
  });
  await call(app, staff, 'POST', `/v1/placements/${placement.id}/follow-ups`, { monthMark: 1, outcome: 'working' });
  // The employer's check-in on the person's work (issue 15.5).
  await call(app, world.employerA.user, 'POST', `/v1/placements/${placement.id}/check-ins`, {
    monthMark: 1,
    goingWell: 'yes',
    needsSomething: true,
    note: 'Graag een gesprek over de uren.',
  });

  // Ranking runs as the matching service stores them: the person ranked for the vacancy, and a
  // ranking of vacancies for the person.
  const now = new Date();
  const vacancyRunId = newId(now.getTime());
  const candidateRunId = newId(now.getTime());
  const weights = { competencies: 0.25, motivation: 0.2, potential: 0.15, shifts: 0.12, hours: 0.1, travel: 0.1, workWishes: 0.08, education: 0 };
  const runBase = {
    tenantId: world.tenantId,
    actorUserId: staff.userId,
    at: now,
    matcherVersion: '1.0.0',
    weightsVersion: 0,
    weights,
    inputsHash: 'x'.repeat(64),
  };
  await db.insert(matchRuns).values([
    {
      ...runBase,
      id: vacancyRunId,
      kind: 'vacancy',
      subjectId: vacancy.id,
      population: 2,
      eligible: 2,
      results: [
        { rank: 1, candidateId: bystander.id, total: 71.5, eligible: true, conditional: false, contributions: { competencies: 20, motivation: 16 } },
        { rank: 2, candidateId: person.id, total: 64.2, eligible: true, conditional: true, contributions: { competencies: 18, motivation: 20 } },
      ],
    },
    {
      ...runBase,
      id: candidateRunId,
      kind: 'candidate',
      subjectId: person.id,
      population: 1,
      eligible: 1,
      results: [{ rank: 1, kind: 'vacancy', targetId: vacancy.id, total: 64.2, eligible: true, conditional: true, contributions: { competencies: 18 } }],
    },
  ]);
  // Each input stored once, named by digest from the runs (the person's two inputs differ).
  const stored = [
    { runId: vacancyRunId, subjectId: vacancy.id, digest: 'vacature', input: { title: 'Orderpicker' } },
    { runId: vacancyRunId, subjectId: person.id, digest: 'persoon-1', input: { id: person.id, hours: { now: 24, target: 32 } } },
    { runId: vacancyRunId, subjectId: bystander.id, digest: 'omstander', input: { id: bystander.id, hours: { now: 16, target: 32 } } },
    { runId: candidateRunId, subjectId: person.id, digest: 'persoon-2', input: { id: person.id } },
  ];
  await db
    .insert(matchInputs)
    .values(stored.map(({ subjectId, digest, input }) => ({ tenantId: world.tenantId, subjectId, digest, input, usedOn: '2026-03-02' })));
  await db.insert(matchRunInputs).values(stored.map(({ runId, subjectId, digest }) => ({ tenantId: world.tenantId, runId, subjectId, digest })));

  // Mails: to the person themselves (one naming them, one only addressed to them), a staff digest
  // naming both, and one about the bystander only.
  const mail = (values: { recipient: string; subject: string; candidateIds: string[] }) => ({
    tenantId: world.tenantId,
    id: newId(),
    kind: 'digest',
    recipientHash: emailHash(values.recipient),
    messageId: `<${randomBytes(6).toString('hex')}@kansrijk.example>`,
    sentAt: now,
    ...values,
  });
  const mails = {
    toPerson: mail({ recipient: person.email, subject: 'Uw afspraak', candidateIds: [person.id] }),
    addressedOnly: mail({ recipient: person.email, subject: 'Welkom bij het Werkplein', candidateIds: [] }),
    digest: mail({
      recipient: 'klantmanager@test.example',
      subject: `Nieuwe match voor ${person.givenName} ${person.familyName} (${person.reference})`,
      candidateIds: [person.id, bystander.id],
    }),
    bystanderOnly: mail({ recipient: 'klantmanager@test.example', subject: 'Opvolging', candidateIds: [bystander.id] }),
  };
  await db.insert(mailLog).values(Object.values(mails));
  // The written copies of such mails: the staff digest names the person next to a vacancy (in a line
  // long enough to be wrapped by the transfer encoding), and the person's own mail.
  const vacancyLine = (who: string) =>
    `- ${who} past bij ${vacancy.title} (${world.employerA.employer.name}), met een reistijd van ongeveer twintig minuten met de fiets`;
  const files = {
    digest: await mailer.send({
      to: 'klantmanager@test.example',
      subject: mails.digest.subject,
      text: [
        'Goedemorgen,',
        '',
        'Nieuwe matches voor u:',
        vacancyLine(`${person.givenName} ${person.familyName} (${person.reference})`),
        vacancyLine(`${bystander.givenName} ${bystander.familyName} (${bystander.reference})`),
        '',
        'Groet, het Werkplein',
      ].join('\n'),
      html: `<p>Nieuwe matches voor u:</p><ul><li>${person.givenName} ${person.familyName} (${person.reference}) past bij ${vacancy.title}</li><li>${bystander.givenName} ${bystander.familyName} (${bystander.reference}) past bij ${vacancy.title}</li></ul>`,
      headers: { 'List-Unsubscribe': '<https://kansrijk.example/afmelden>' },
    }),
    toPerson: await mailer.send({
      to: person.email,
      subject: 'Uw afspraak',
      text: `Beste ${person.givenName},\n\nUw afspraak staat vast.`,
      html: `<p>Beste ${person.givenName},</p>`,
    }),
    bystanderOnly: await mailer.send({
      to: 'klantmanager@test.example',
      subject: 'Opvolging',
      text: `Opvolging voor ${bystander.givenName} ${bystander.familyName}.`,
      html: `<p>Opvolging voor ${bystander.givenName} ${bystander.familyName}.</p>`,
    }),
  };

  // Jobs whose payload names them (a digest still queued, say).
  const boss = createBoss({ url: scene.database.url, logger: testLogger });
  await boss.start();
  await boss.createQueue('test.digest');
  await boss.send('test.digest', { candidateIds: [person.id], note: 'digest voor de klantmanager' });
  await boss.send('test.digest', { candidateIds: [bystander.id] });
  await boss.stop({ graceful: false, close: true });

  await scene.drain();
  return {
    ...scene,
    world,
    staff,
    vacancy,
    person,
    bystander,
    intakes,
    intakeDraft,
    shortlistId: shortlist.id as string,
    placementId: placement.id as string,
    vacancyRunId,
    candidateRunId,
    mails,
    mailDir,
    files,
  };
}

/** Rows in every table of every schema whose text contains `needle`, per schema.table. */
export async function tablesMentioning(pool: pg.Pool, needle: string): Promise<Record<string, number>> {
  const tables = await pool.query<{ schema: string; name: string }>(
    `select table_schema as schema, table_name as name from information_schema.tables
      where table_type = 'BASE TABLE' and table_schema not in ('pg_catalog', 'information_schema')`,
  );
  const found: Record<string, number> = {};
  for (const table of tables.rows) {
    const result = await pool.query<{ n: number }>(`select count(*)::int as n from "${table.schema}"."${table.name}" t where position($1 in t::text) > 0`, [
      needle,
    ]);
    if ((result.rows[0]?.n ?? 0) > 0) found[`${table.schema}.${table.name}`] = result.rows[0]!.n;
  }
  return found;
}
