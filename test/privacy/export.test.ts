import { and, eq } from 'drizzle-orm';
import t from 'tap';
import { auditLog } from '../../db/schema/index.js';
import { bearer } from '../support/factories.js';
import { buildTestApp } from '../support/harness.js';
import { privacyWorld } from './fixtures.js';

/*
 * REQUIREMENTS P6: an access request returns all data on the person as JSON, including ranking runs
 * and mails sent; the export is audited. P1: it declares its one purpose, and no route or export
 * exists for benefit enforcement.
 */

t.test('the export holds everything about the person, and only them (P6)', async (t) => {
  const scene = await privacyWorld(t);
  const { app, db, world, person, bystander } = scene;

  const forbidden = await app.inject({ method: 'GET', url: `/v1/candidates/${person.id}/export`, headers: bearer(world.accountManager) });
  t.equal(forbidden.statusCode, 403, 'admins only');

  const response = await app.inject({ method: 'GET', url: `/v1/candidates/${person.id}/export?reason=brief%2012-11`, headers: bearer(world.admin) });
  t.equal(response.statusCode, 200);
  t.equal(response.headers['cache-control'], 'no-store');
  t.match(String(response.headers['content-disposition']), /attachment/);
  const data = response.json();

  t.equal(data.purpose, 'access_request', 'declares its purpose: the person’s own access request');
  t.match(data.purposeText, /Inzageverzoek/);
  t.match(data.candidate, { id: person.id, reference: person.reference, status: 'placed' });
  t.match(data.contact, { givenName: 'Noor', familyName: person.familyName, email: person.email, dateOfBirth: '1985-06-01' });
  t.ok(data.profile.competencies.length > 0, 'the profile');
  t.equal(data.intakes.length, 2, 'every intake');
  t.same(
    data.intakes.map((intake: { answers: unknown }) => intake.answers),
    scene.intakes.map((intake) => intake.answers),
    'answers exactly as given',
  );
  t.match(
    data.intakeDraft,
    { candidateId: person.id, questionnaireVersion: 'v2', updatedBy: world.accountManager.userId },
    'the intake in progress on the werkplek',
  );
  t.same(data.intakeDraft.answers, scene.intakeDraft, 'its answers as given, the barrier (special-category data, for the person themselves) included');
  t.notOk(response.body.includes('Banketbakker'), 'not the bystander’s draft');
  t.ok(data.assessments.length >= 2);
  t.ok(
    data.barriers.some((barrier: { domain: string }) => barrier.domain === 'finances'),
    'barriers (special-category data, for the person themselves)',
  );
  t.match(data.consents, [{ purpose: 'share_with_employers' }]);
  t.ok(data.history.length >= 3);
  t.match(data.auditAttributes, { gender: 'female', ageBand: '27-44', migrationBackground: 'outside_europe', disability: 'no' });
  t.match(data.household, { situation: 'partners', costSharers: 0, ageGroup: '27_to_pension_age', partnerNetMonthlyIncomeCents: 61250 });
  t.match(data.discussedVacancies, [{ vacancyId: scene.vacancy.id }]);
  t.match(data.proposals, [{ status: 'pending', changes: { hoursTarget: 28 }, note: 'Liever 28 uur' }]);

  const vacancyRun = data.rankingRuns.find((run: { runId: string }) => run.runId === scene.vacancyRunId);
  t.match(vacancyRun, {
    kind: 'vacancy',
    subject: { type: 'vacancy', id: scene.vacancy.id, title: 'Orderpicker' },
    matcherVersion: '1.0.0',
    entry: { rank: 2, candidateId: person.id, total: 64.2, conditional: true, contributions: { competencies: 18, motivation: 20 } },
    results: null,
  });
  const candidateRun = data.rankingRuns.find((run: { runId: string }) => run.runId === scene.candidateRunId);
  t.match(candidateRun, {
    kind: 'candidate',
    subject: { type: 'candidate', id: person.id },
    entry: null,
    results: [{ rank: 1, kind: 'vacancy', targetId: scene.vacancy.id }],
  });
  t.same(
    data.rankingInputs.map((input: { runId: string }) => input.runId).sort(),
    [scene.vacancyRunId, scene.candidateRunId].sort(),
    'the inputs the matcher was given',
  );

  t.equal(data.shortlists.length, 1);
  t.match(data.shortlists[0], { candidateId: person.id, shortlist: { id: scene.shortlistId, vacancyTitle: 'Orderpicker' } });
  t.same(
    data.shortlists[0].feedback.map((feedback: { decision: string }) => feedback.decision),
    ['invite', 'hire'],
  );
  t.match(data.placements, [
    { id: scene.placementId, hoursPerWeek: 24, followUps: [{ monthMark: 1, outcome: 'working' }, { monthMark: 3 }, { monthMark: 6 }] },
  ]);
  t.match(
    data.placements[0].checkIns,
    [{ monthMark: 1, goingWell: 'yes', needsSomething: true, note: 'Graag een gesprek over de uren.' }],
    'the employer’s check-in on the person’s work',
  );
  t.same(
    data.mails.map((mail: { id: string }) => mail.id).sort(),
    [scene.mails.toPerson.id, scene.mails.addressedOnly.id, scene.mails.digest.id].sort(),
    'the mails sent about them, and to them',
  );
  const recipients = Object.fromEntries(data.mails.map((mail: { id: string; recipient: string | null }) => [mail.id, mail.recipient]));
  t.equal(recipients[scene.mails.toPerson.id], person.email, 'their own address stays');
  t.equal(recipients[scene.mails.digest.id], null, 'the address of the staff member who got a mail about them does not (GDPR art. 15(4))');
  t.notOk(response.body.includes('klantmanager@test.example'));
  t.ok(
    data.accessLog.some((row: { action: string }) => row.action === 'special_category.read'),
    'who read their special-category data',
  );

  // Only them: the bystander's data is not in it (their id may appear in a mail or run that names both).
  t.notOk(response.body.includes(bystander.familyName), 'no one else’s name');
  t.notOk(JSON.stringify(data.contact).includes(bystander.id));

  const [audited] = await db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.action, 'candidate.export'), eq(auditLog.subjectId, person.id)));
  t.match(audited, { actorUserId: world.admin.userId, reason: 'brief 12-11', details: { purpose: 'access_request' } });

  const missing = await app.inject({ method: 'GET', url: '/v1/candidates/01a21417-0000-7000-8000-00000000abcd/export', headers: bearer(world.admin) });
  t.equal(missing.statusCode, 404);
});

t.test('no route and no export for benefit enforcement (P1)', async (t) => {
  const { app } = await buildTestApp(t);
  const enforcement = /handhav|enforce|fraud|fraude|sanctie|sanction|boete|penalt|verhaal|terugvordering|recovery|uwv|belasting/i;
  t.same(
    app.routeTable.filter((route) => enforcement.test(route.url)).map((route) => `${route.method} ${route.url}`),
    [],
    'no route mentions enforcement, fraud or sanctions',
  );
  const document = (await app.inject({ method: 'GET', url: '/openapi.json' })).json<{
    paths: Record<string, Record<string, { parameters?: Array<{ name: string; schema?: { enum?: string[] } }> }>>;
    components: { schemas: Record<string, { properties?: Record<string, { const?: string; enum?: string[] }> }> };
  }>();
  const parameters = Object.values(document.paths).flatMap((operations) => Object.values(operations).flatMap((operation) => operation.parameters ?? []));
  t.same(
    parameters
      .filter((parameter) => enforcement.test(parameter.name) || (parameter.schema?.enum ?? []).some((value) => enforcement.test(value)))
      .map((parameter) => parameter.name),
    [],
    'no parameter selects an enforcement purpose',
  );
  t.same(
    parameters.filter((parameter) => /^purpose$/i.test(parameter.name)).map((parameter) => parameter.name),
    [],
    'an export purpose cannot be chosen at all',
  );
  const purpose = document.components.schemas.CandidateExport?.properties?.purpose;
  t.ok(
    purpose?.const === 'access_request' || (purpose?.enum?.length === 1 && purpose.enum[0] === 'access_request'),
    'the export declares one purpose: access_request',
  );
});
