import { sql } from 'drizzle-orm';
import t from 'tap';
import { bearer, buildTenant, createCandidate, intakeV2 } from '../support/factories.js';
import { buildTestApp } from '../support/harness.js';

t.test('an intake through the API yields a profile with every part', async (t) => {
  const { app, database } = await buildTestApp(t);
  const world = await buildTenant(database.db);
  const candidate = await createCandidate(app, world.accountManager);
  t.match(candidate.reference, /^KR-[0-9A-Z]{6}$/);

  const before = await app.inject({ method: 'GET', url: `/v1/candidates/${candidate.id}/profile`, headers: bearer(world.accountManager) });
  t.equal(before.json().completeness.percentage, 0);

  const questionnaire = await app.inject({ method: 'GET', url: '/v1/intake/questionnaire', headers: bearer(world.accountManager) });
  t.equal(questionnaire.json().version, 'v2');
  const sections = questionnaire.json().sections.map((section: { key: string }) => section.key);
  t.equal(sections.at(-1), 'diplomas', 'diplomas come last');
  t.ok(sections.includes('barriers') && sections.includes('learningAbility'));

  const submitted = await app.inject({
    method: 'POST',
    url: `/v1/candidates/${candidate.id}/intakes`,
    headers: bearer(world.accountManager),
    payload: intakeV2(),
  });
  t.equal(submitted.statusCode, 201, submitted.body);
  const profile = submitted.json().profile;
  t.equal(profile.questionnaireVersion, 'v2');
  t.same(profile.workWishes.titles, ['orderpicker', 'magazijnwerk']);
  t.equal(profile.experience.length, 2);
  t.same(
    profile.experience.map((item: { kind: string }) => item.kind),
    ['volunteer', 'care'],
    'volunteer and care work count',
  );
  t.equal(profile.competencies[0].evidence, 'volunteer_work');
  t.same(profile.availability.mon, ['early', 'day']);
  t.same(profile.hours, { now: 16, target: 32, rampUpPlan: [16, 24, 32] });
  t.same(profile.mobility, { modes: ['public_transport', 'walk'], drivingLicences: [], maxTravelMinutes: 45 });
  t.match(profile.motivation, { score: 5, evidence: /op tijd/, assessedBy: { id: world.accountManager.userId } });
  t.equal(profile.potential.score, 4);
  t.equal(profile.barriersVisible, true);
  t.same(profile.barriers.map((barrier: { domain: string }) => barrier.domain).sort(), ['finances', 'mobility']);
  t.equal(profile.openConditions, 2);
  t.equal(profile.educationLevel, 1);
  t.same(profile.completeness, { percentage: 100, missing: [] });

  const candidateView = await app.inject({ method: 'GET', url: `/v1/candidates/${candidate.id}`, headers: bearer(world.accountManager) });
  t.equal(candidateView.json().completeness.percentage, 100);
  t.equal(candidateView.json().accountManager.id, world.accountManager.userId);

  const intake = await app.inject({
    method: 'GET',
    url: `/v1/candidates/${candidate.id}/intakes/${submitted.json().intakeId}`,
    headers: bearer(world.accountManager),
  });
  t.same(intake.json().answers.motivation, intakeV2().answers.motivation, 'answers are stored as given');

  // Issue 13.1: staff confirm a suggested concept for one competence and keep the other free; the words stay.
  const concept = 'https://taxonomy.kansrijk.example/skill/0b8e6a35-6a6e-4c5c-9d8e-0e1f2a3b4c5d';
  const coded = await app.inject({
    method: 'PATCH',
    url: `/v1/candidates/${candidate.id}/profile`,
    headers: bearer(world.accountManager),
    payload: {
      competencies: [
        { label: 'orderpicken', skillUri: concept, level: 2, evidence: 'volunteer_work' },
        { label: 'samenwerken in een team', keptFree: true, level: 3, evidence: 'observed' },
      ],
    },
  });
  t.equal(coded.statusCode, 200, coded.body);
  const reread = (await app.inject({ method: 'GET', url: `/v1/candidates/${candidate.id}/profile`, headers: bearer(world.accountManager) })).json();
  t.match(reread.competencies, [
    { label: 'orderpicken', skillUri: concept },
    { label: 'samenwerken in een team', keptFree: true },
  ]);
  t.notOk('skillUri' in reread.competencies[1], 'kept free: no concept');
});

t.test('answers to an older questionnaire version stay readable and derivable', async (t) => {
  const { app, database } = await buildTestApp(t);
  const world = await buildTenant(database.db);
  const candidate = await createCandidate(app, world.accountManager);
  const v2 = intakeV2();
  const { learningAbility: _dropped, mobility: _mobility, ...rest } = v2.answers;
  const v1 = {
    questionnaireVersion: 'v1',
    answers: {
      ...rest,
      mobility: { modes: ['bike'], drivingLicences: [], maxTravelKm: 10 },
      barriers: [{ domain: 'childcare', severity: 'light', solvable: true, action: 'opvang regelen op dinsdag', actionOwner: 'candidate' }],
    },
  };
  const submitted = await app.inject({ method: 'POST', url: `/v1/candidates/${candidate.id}/intakes`, headers: bearer(world.accountManager), payload: v1 });
  t.equal(submitted.statusCode, 201, submitted.body);
  const profile = submitted.json().profile;
  t.equal(profile.questionnaireVersion, 'v1');
  t.equal(profile.mobility.maxTravelMinutes, 40, '10 km by bike ≈ 40 minutes door to door');
  t.equal(profile.potential, null, 'v1 did not ask about learning ability');
  t.ok(profile.completeness.missing.includes('potential'));

  const v1WithDigital = { ...v1, answers: { ...v1.answers, barriers: [{ domain: 'digital_skills', severity: 'light', solvable: false }] } };
  const refused = await app.inject({
    method: 'POST',
    url: `/v1/candidates/${candidate.id}/intakes`,
    headers: bearer(world.accountManager),
    payload: v1WithDigital,
  });
  t.equal(refused.statusCode, 400, 'v1 had no digital-skills domain');

  const intakes = await app.inject({ method: 'GET', url: `/v1/candidates/${candidate.id}/intakes`, headers: bearer(world.accountManager) });
  const stored = await app.inject({
    method: 'GET',
    url: `/v1/candidates/${candidate.id}/intakes/${intakes.json().items[0].id}`,
    headers: bearer(world.accountManager),
  });
  t.equal(stored.json().questionnaireVersion, 'v1');
  t.equal(stored.json().answers.mobility.maxTravelKm, 10, 'the v1 answer is read back as given');
  const oldQuestionnaire = await app.inject({ method: 'GET', url: '/v1/intake/questionnaire?version=v1', headers: bearer(world.accountManager) });
  t.equal(oldQuestionnaire.json().current, false);
  t.ok(JSON.stringify(oldQuestionnaire.json()).includes('maxTravelKm'));

  const later = await app.inject({ method: 'POST', url: `/v1/candidates/${candidate.id}/intakes`, headers: bearer(world.accountManager), payload: intakeV2() });
  t.equal(later.json().profile.questionnaireVersion, 'v2', 'a later intake on the current version takes over');
  t.same(
    later
      .json()
      .profile.barriers.map((barrier: { domain: string }) => barrier.domain)
      .sort(),
    ['finances', 'mobility'],
    'barriers follow the latest intake',
  );
});

t.test('special-category data: only the assigned account manager and admins, every read logged', async (t) => {
  const { app, database } = await buildTestApp(t);
  const world = await buildTenant(database.db);
  const { randomBytes } = await import('node:crypto');
  const colleague = await app.inject({
    method: 'POST',
    url: '/v1/users',
    headers: bearer(world.admin),
    payload: { email: `collega-${randomBytes(3).toString('hex')}@test.example`, name: 'Collega Klantmanager', role: 'account_manager' },
  });
  const colleagueToken = await app.inject({
    method: 'POST',
    url: `/v1/users/${colleague.json().id}/tokens`,
    headers: bearer(world.admin),
    payload: { label: 'test' },
  });
  const other = { token: colleagueToken.json().token as string };

  const candidate = await createCandidate(app, world.accountManager);
  await app.inject({ method: 'POST', url: `/v1/candidates/${candidate.id}/intakes`, headers: bearer(world.accountManager), payload: intakeV2() });
  const audits = async () =>
    (
      await database.db.execute<{ n: number }>(
        sql`select count(*)::int as n from audit_log where action = 'special_category.read' and subject_id = ${candidate.id}`,
      )
    ).rows[0]!.n;

  const matrix: Array<{ who: string; account: { token: string }; sees: boolean }> = [
    { who: 'assigned account manager', account: world.accountManager, sees: true },
    { who: 'admin', account: world.admin, sees: true },
    { who: 'another account manager', account: other, sees: false },
    { who: 'employer relations', account: world.employerRelations, sees: false },
  ];
  for (const row of matrix) {
    const before = await audits();
    const profile = await app.inject({ method: 'GET', url: `/v1/candidates/${candidate.id}/profile`, headers: bearer(row.account) });
    t.equal(profile.statusCode, 200, `${row.who} reads the profile`);
    t.equal(profile.json().barriersVisible, row.sees, `${row.who}: barriers ${row.sees ? 'visible' : 'hidden'}`);
    const text = profile.body;
    t.equal(text.includes('Schulden'), row.sees, `${row.who}: debt details ${row.sees ? 'shown' : 'never shown'}`);
    t.equal(profile.json().openConditions, 2, 'the number of open actions is shown to all staff');
    t.equal((await audits()) - before, row.sees ? 1 : 0, `${row.who}: ${row.sees ? 'one audit row' : 'no audit row'}`);

    const barriers = await app.inject({ method: 'GET', url: `/v1/candidates/${candidate.id}/barriers`, headers: bearer(row.account) });
    t.equal(barriers.statusCode, row.sees ? 200 : row.who === 'employer relations' ? 403 : 403, `${row.who}: GET barriers`);
  }
  const employer = await app.inject({ method: 'GET', url: `/v1/candidates/${candidate.id}/profile`, headers: bearer(world.employerA.user) });
  t.equal(employer.statusCode, 403, 'employers never read candidate profiles');

  const intakes = await app.inject({ method: 'GET', url: `/v1/candidates/${candidate.id}/intakes`, headers: bearer(other) });
  const intake = await app.inject({ method: 'GET', url: `/v1/candidates/${candidate.id}/intakes/${intakes.json().items[0].id}`, headers: bearer(other) });
  t.equal(intake.json().barriersRedacted, true);
  t.equal(intake.json().answers.barriers, null, 'the raw intake hides barrier answers from other staff');

  const write = await app.inject({ method: 'POST', url: `/v1/candidates/${candidate.id}/intakes`, headers: bearer(other), payload: intakeV2() });
  t.equal(write.statusCode, 403, 'another account manager cannot run this person’s intake');
  t.equal(write.json().code, 'candidate.not_assigned');

  const auditRows = await database.db.execute<{ actor_user_id: string; details: { fields: string[] } }>(
    sql`select actor_user_id, details from audit_log where action = 'special_category.read' and subject_id = ${candidate.id} order by at`,
  );
  t.ok(
    auditRows.rows.every((row) => [world.accountManager.userId, world.admin.userId].includes(row.actor_user_id)),
    'each audit row names the reader',
  );
});

t.test('barrier actions can be marked done, and the history says who changed what', async (t) => {
  const { app, database } = await buildTestApp(t);
  const world = await buildTenant(database.db);
  const candidate = await createCandidate(app, world.accountManager);
  await app.inject({ method: 'POST', url: `/v1/candidates/${candidate.id}/intakes`, headers: bearer(world.accountManager), payload: intakeV2() });
  const barriers = await app.inject({ method: 'GET', url: `/v1/candidates/${candidate.id}/barriers`, headers: bearer(world.accountManager) });
  const mobility = barriers.json().items.find((barrier: { domain: string }) => barrier.domain === 'mobility');
  t.equal(mobility.actionStatus, 'open');
  const done = await app.inject({
    method: 'PATCH',
    url: `/v1/candidates/${candidate.id}/barriers/${mobility.id}`,
    headers: bearer(world.accountManager),
    payload: { actionStatus: 'done' },
  });
  t.equal(done.statusCode, 200);
  t.equal(done.json().actionStatus, 'done');
  t.ok(done.json().actionDoneAt);
  const profile = await app.inject({ method: 'GET', url: `/v1/candidates/${candidate.id}/profile`, headers: bearer(world.accountManager) });
  t.equal(profile.json().openConditions, 1);

  await app.inject({ method: 'PATCH', url: `/v1/candidates/${candidate.id}/profile`, headers: bearer(world.accountManager), payload: { hoursNow: 24 } });
  await app.inject({
    method: 'POST',
    url: `/v1/candidates/${candidate.id}/assessments`,
    headers: bearer(world.admin),
    payload: { kind: 'potential', score: 5, evidence: 'Proefplaatsing: na een week zelfstandig aan het werk.' },
  });
  const history = await app.inject({ method: 'GET', url: `/v1/candidates/${candidate.id}/history`, headers: bearer(world.accountManager) });
  const changes = history.json().items.map((entry: { change: string }) => entry.change);
  t.same(changes.slice(0, 4), ['assessment', 'profile', 'barrier_action_done', 'intake']);
  t.equal(history.json().items[0].actor.id, world.admin.userId);
  t.same(history.json().items[1].fields, ['hoursNow']);
  t.notOk(history.body.includes('Schulden'), 'history never copies special-category values');
  const reread = await app.inject({ method: 'GET', url: `/v1/candidates/${candidate.id}/profile`, headers: bearer(world.accountManager) });
  t.equal(reread.json().potential.score, 5, 'the latest assessment counts');
  t.equal(reread.json().assessmentHistory.length, 3);
  t.equal(reread.json().hours.now, 24);
});

t.test('consent per purpose with the text version; withdrawal is recorded', async (t) => {
  const { app, database } = await buildTestApp(t);
  const world = await buildTenant(database.db);
  const candidate = await createCandidate(app, world.accountManager);
  const texts = await app.inject({ method: 'GET', url: '/v1/consent-texts', headers: bearer(world.accountManager) });
  const share = texts.json().items.find((item: { purpose: string }) => item.purpose === 'share_with_employers');
  t.match(share.text, /werkgevers/);

  const outdated = await app.inject({
    method: 'POST',
    url: `/v1/candidates/${candidate.id}/consents`,
    headers: bearer(world.accountManager),
    payload: { purpose: 'share_with_employers', textVersion: '2019-1' },
  });
  t.equal(outdated.statusCode, 409);
  t.equal(outdated.json().code, 'candidate.consent_text_outdated');

  const given = await app.inject({
    method: 'POST',
    url: `/v1/candidates/${candidate.id}/consents`,
    headers: bearer(world.accountManager),
    payload: { purpose: 'share_with_employers', textVersion: share.version },
  });
  t.equal(given.statusCode, 201);
  t.match(given.json(), { purpose: 'share_with_employers', textVersion: share.version, active: true, withdrawnAt: null });
  t.match(given.json().text, /werkgevers/, 'the text shown is kept with the consent');
  const twice = await app.inject({
    method: 'POST',
    url: `/v1/candidates/${candidate.id}/consents`,
    headers: bearer(world.accountManager),
    payload: { purpose: 'share_with_employers', textVersion: share.version },
  });
  t.equal(twice.statusCode, 409);

  const withdrawn = await app.inject({
    method: 'POST',
    url: `/v1/candidates/${candidate.id}/consents/${given.json().id}/withdraw`,
    headers: bearer(world.accountManager),
  });
  t.equal(withdrawn.statusCode, 200);
  t.equal(withdrawn.json().active, false);
  t.ok(withdrawn.json().withdrawnAt);
  const list = await app.inject({ method: 'GET', url: `/v1/candidates/${candidate.id}/consents`, headers: bearer(world.accountManager) });
  t.equal(list.json().items.length, 1, 'the withdrawn consent stays on record');
  const again = await app.inject({
    method: 'POST',
    url: `/v1/candidates/${candidate.id}/consents/${given.json().id}/withdraw`,
    headers: bearer(world.accountManager),
  });
  t.equal(again.statusCode, 409);
});

t.test('bad candidate input gives 400 problem+json', async (t) => {
  const { app, database } = await buildTestApp(t);
  const world = await buildTenant(database.db);
  const cases = [
    { payload: { contact: { givenName: 'A', familyName: 'B' }, postcode: '0000' }, pointer: '/body/postcode' },
    { payload: { contact: { givenName: 'A', familyName: 'B', age: 45 }, postcode: '5038' }, pointer: '/body/contact' },
    { payload: { contact: { givenName: 'A', familyName: 'B', email: 'geen-mail' }, postcode: '5038' }, pointer: '/body/contact/email' },
    { payload: { contact: { givenName: 'A', familyName: 'B' }, postcode: '5038', status: 'sanctioned' }, pointer: '/body/status' },
  ];
  for (const testCase of cases) {
    const response = await app.inject({ method: 'POST', url: '/v1/candidates', headers: bearer(world.accountManager), payload: testCase.payload });
    t.equal(response.statusCode, 400);
    t.ok(
      response.json().errors.some((error: { pointer: string }) => error.pointer === testCase.pointer),
      `pointer ${testCase.pointer}`,
    );
  }
  const unknownArea = await app.inject({
    method: 'POST',
    url: '/v1/candidates',
    headers: bearer(world.accountManager),
    payload: { contact: { givenName: 'A', familyName: 'B' }, postcode: '9999' },
  });
  t.equal(unknownArea.json().code, 'candidate.postcode_unknown');

  const candidate = await createCandidate(app, world.accountManager);
  const badIntakes = [
    intakeV2({ availability: { grid: {}, hoursNow: 30, hoursTarget: 20, rampUpPlan: [] } }),
    intakeV2({ barriers: [{ domain: 'health', severity: 'severe', solvable: true }] }),
    intakeV2({ motivation: { score: 7, evidence: 'x' } }),
    intakeV2({ barriers: [{ domain: 'religion', severity: 'light', solvable: false }] }),
    { questionnaireVersion: 'v9', answers: {} },
  ];
  for (const payload of badIntakes) {
    const response = await app.inject({ method: 'POST', url: `/v1/candidates/${candidate.id}/intakes`, headers: bearer(world.accountManager), payload });
    t.equal(response.statusCode, 400, response.json().errors?.[0]?.pointer ?? response.json().code);
  }
  const profile = await app.inject({ method: 'GET', url: `/v1/candidates/${candidate.id}/profile`, headers: bearer(world.accountManager) });
  t.equal(profile.json().intakeId, null, 'nothing was stored');
});
