import { and, eq, sql } from 'drizzle-orm';
import t from 'tap';
import { auditLog, users } from '../../db/schema/index.js';
import { matchingRepository } from '../../src/matching/matching.repository.js';
import { instruments } from '../../src/metrics/metrics.js';
import { inputDigest, recordRun } from '../../src/matching/matching.runs.js';
import { vacancyMatchQuerySchema } from '../../src/matching/matching.schemas.js';
import { DEFAULT_WEIGHTS } from '../../src/matching/weights.js';
import { createUserService } from '../../src/users/users.service.js';
import { pgFailure } from '../support/assert.js';
import { bearer, buildTenant, createCandidate, dayVacancy, intakeV2, vacancyBody, type TenantWorld } from '../support/factories.js';
import { buildTestApp, createTestDatabase, demoSeed } from '../support/harness.js';
import { waitFor } from '../support/wait.js';
import { buildCandidate, buildVacancy } from './builders.js';

/*
 * Issue 4 through the API: ranking endpoints on stored data, stored runs and their replay, the
 * ranking switch (F4), weights, who sees open actions, and the counterfactual test of F1.
 */

type App = Awaited<ReturnType<typeof buildTestApp>>['app'];
type Item = {
  rank: number;
  candidate: { id: string; name: string };
  total: number;
  reasons: string[];
  conditions: Array<{ domain: string | null; action: string }>;
  improvements: string[];
  conditional: boolean;
};

/** Five people with an intake; they differ in what the matcher may read (motivation, hours, skills). */
async function caseload(app: App, world: TenantWorld) {
  const variants = [
    {},
    { motivation: { score: 3, evidence: 'Twijfelt nog over werken in ploegen.' } },
    { competencies: [{ label: 'orderpicken', level: 3, evidence: 'work_experience' }] },
    {
      availability: {
        grid: { mon: ['day'], tue: ['day'], wed: ['day'], thu: ['day'], fri: ['day'], sat: [], sun: [] },
        hoursNow: 24,
        hoursTarget: 32,
        rampUpPlan: [24, 32],
      },
    },
    { learningAbility: { score: 2, evidence: 'Heeft veel uitleg nodig bij nieuwe taken.' }, barriers: [] },
  ];
  const people: Array<{ id: string; reference: string }> = [];
  for (const [index, variant] of variants.entries()) {
    const person = await createCandidate(app, world.accountManager, {
      contact: {
        givenName: ['Sanne', 'Joost', 'Fatima', 'Kevin', 'Priya'][index],
        familyName: 'Testpersoon',
        dateOfBirth: '1990-05-01',
        email: 'persoon@test.example',
      },
    });
    const intake = await app.inject({
      method: 'POST',
      url: `/v1/candidates/${person.id}/intakes`,
      headers: bearer(world.accountManager),
      payload: intakeV2(variant),
    });
    if (intake.statusCode !== 201) throw new Error(`intake fixture: ${intake.body}`);
    people.push(person);
  }
  return people;
}

const rank = (app: App, account: { token: string }, vacancyId: string, query = '', headers: Record<string, string> = {}) =>
  app.inject({ method: 'GET', url: `/v1/vacancies/${vacancyId}/matches${query}`, headers: { ...bearer(account), ...headers } });

t.test('a vacancy ranks the caseload with reasons; the run is stored and replays to the same order', async (t) => {
  const { app, database } = await buildTestApp(t);
  const world = await buildTenant(database.db);
  const vacancy = await dayVacancy(app, world);
  const people = await caseload(app, world);

  const response = await rank(app, world.accountManager, vacancy.id);
  t.equal(response.statusCode, 200, response.body);
  const body = response.json();
  t.equal(body.population, 5);
  t.equal(body.items.length, body.eligible);
  t.ok(body.eligible >= 4, `${body.eligible} eligible`);
  const totals = body.items.map((item: Item) => item.total);
  t.same(
    totals,
    [...totals].sort((a, b) => b - a),
    'best first',
  );
  t.same(
    body.items.map((item: Item) => item.rank),
    body.items.map((_: Item, index: number) => index + 1),
  );
  t.ok(
    body.items.every((item: Item) => item.reasons.length > 0 && item.reasons.every((reason) => /[a-z]/.test(reason))),
    'every candidate has reasons',
  );
  t.match(body.items.flatMap((item: Item) => item.reasons).join(' '), /orderpicken|uur|reis|motivatie/i, 'reasons in Dutch');
  t.ok(people.some((person) => person.id === body.items[0].candidate.id));

  const english = (await rank(app, world.accountManager, vacancy.id, '', { 'accept-language': 'en' })).json();
  t.same(
    english.items.map((item: Item) => item.candidate.id),
    body.items.map((item: Item) => item.candidate.id),
    'the language changes no order',
  );
  t.notSame(english.items[0].reasons, body.items[0].reasons, 'reasons in English on request');

  const run = await app.inject({ method: 'GET', url: `/v1/match-runs/${body.runId}`, headers: bearer(world.admin) });
  t.equal(run.statusCode, 200, run.body);
  const stored = run.json();
  t.equal(stored.kind, 'vacancy');
  t.equal(stored.subjectId, vacancy.id);
  t.equal(stored.actorUserId, world.accountManager.userId);
  t.equal(stored.weightsVersion, 0);
  t.match(stored.inputsHash, /^[0-9a-f]{64}$/);
  t.same(
    stored.results.map((entry: { candidateId: string }) => entry.candidateId),
    body.items.map((item: Item) => item.candidate.id),
    'the stored order is the order shown',
  );
  t.equal(Object.keys(stored.results[0].contributions).length, 8, 'every contribution');
  t.equal(english.runId === body.runId, false, 'every ranking is its own run');

  const replay = await app.inject({ method: 'GET', url: `/v1/match-runs/${body.runId}/replay`, headers: bearer(world.accountManager) });
  t.equal(replay.statusCode, 200, replay.body);
  t.match(replay.json(), { sameOrder: true, sameTotals: true, replayedEntries: body.items.length });

  // Replay reads the stored inputs, not today's data: a changed profile does not change the replay.
  await app.inject({
    method: 'PATCH',
    url: `/v1/candidates/${body.items[0].candidate.id}/profile`,
    headers: bearer(world.accountManager),
    payload: { hoursNow: 4 },
  });
  t.match((await app.inject({ method: 'GET', url: `/v1/match-runs/${body.runId}/replay`, headers: bearer(world.accountManager) })).json(), {
    sameOrder: true,
    sameTotals: true,
  });

  // Pages continue the ranking.
  const first = (await rank(app, world.accountManager, vacancy.id, '?limit=2')).json();
  t.equal(first.nextOffset, 2);
  const second = (await rank(app, world.accountManager, vacancy.id, '?limit=2&offset=2')).json();
  t.same(
    second.items.map((item: Item) => item.rank),
    [3, 4],
  );
  t.equal(new Set([...first.items, ...second.items].map((item: Item) => item.candidate.id)).size, 4, 'no one twice');

  // The ranking log is append-only in the database (F2).
  const updated = await pgFailure(database.db.execute(sql`update match_runs set results = '[]' where id = ${body.runId}`));
  t.match(updated.message, /append-only/);
  const deleted = await pgFailure(database.db.execute(sql`delete from match_runs where id = ${body.runId}`));
  t.match(deleted.message, /append-only/);

  t.equal((await app.inject({ method: 'GET', url: '/v1/match-runs/01a21417-0000-7000-8000-000000000000', headers: bearer(world.admin) })).statusCode, 404);
  t.equal((await rank(app, world.employerA.user, vacancy.id)).statusCode, 403, 'employers never see rankings');
  const bad = await rank(app, world.accountManager, vacancy.id, '?limit=0');
  t.equal(bad.statusCode, 400);
  t.equal(bad.headers['content-type'], 'application/problem+json; charset=utf-8');
});

t.test('the population follows changes: a new intake joins, a paused candidate leaves', async (t) => {
  const { app, database } = await buildTestApp(t);
  const world = await buildTenant(database.db);
  const vacancy = await dayVacancy(app, world);
  const people = await caseload(app, world);
  t.ok((await app.services.matching.warm()) >= 1, 'the server can compile every tenant ahead of the first ranking');
  t.equal((await rank(app, world.accountManager, vacancy.id)).json().population, 5);

  const newcomer = await createCandidate(app, world.accountManager);
  t.equal((await rank(app, world.accountManager, vacancy.id)).json().population, 5, 'no intake yet: not ranked');
  await app.inject({ method: 'POST', url: `/v1/candidates/${newcomer.id}/intakes`, headers: bearer(world.accountManager), payload: intakeV2() });
  const after = (await rank(app, world.accountManager, vacancy.id)).json();
  t.equal(after.population, 6);
  t.ok(after.items.some((item: Item) => item.candidate.id === newcomer.id));

  await app.inject({ method: 'PATCH', url: `/v1/candidates/${people[0]!.id}`, headers: bearer(world.accountManager), payload: { status: 'paused' } });
  const paused = (await rank(app, world.accountManager, vacancy.id)).json();
  t.equal(paused.population, 5);
  t.notOk(paused.items.some((item: Item) => item.candidate.id === people[0]!.id));

  // A profile change reaches the ranking: fewer hours than the vacancy can ramp up from.
  const before = paused.items.find((item: Item) => item.candidate.id === people[1]!.id).total;
  await app.inject({
    method: 'PATCH',
    url: `/v1/candidates/${people[1]!.id}/profile`,
    headers: bearer(world.accountManager),
    payload: { hoursNow: 4, hoursTarget: 8 },
  });
  const changed = (await rank(app, world.accountManager, vacancy.id)).json().items.find((item: Item) => item.candidate.id === people[1]!.id);
  t.ok(changed, 'hours are no hard constraint: still ranked');
  t.ok(changed.total < before, 'a lower hours fit lowers the score');
});

t.test('open actions: the assigned account manager sees them (logged), a colleague only that there is one', async (t) => {
  const { app, database } = await buildTestApp(t);
  const world = await buildTenant(database.db);
  const vacancy = await dayVacancy(app, world);
  await caseload(app, world);
  const colleague = createUserService({ db: database.db, clock: { now: () => new Date() }, tokenTtlDays: 1 });
  const [row] = await database.db
    .insert(users)
    .values({
      tenantId: world.tenantId,
      id: '01a21417-0000-7000-8000-0000000000c1',
      email: 'collega@test.example',
      name: 'Collega',
      role: 'account_manager',
      createdAt: new Date(),
    })
    .returning();
  const token = await colleague.issueToken(database.db, { tenantId: world.tenantId, userId: row!.id, label: 'test' });

  // Someone who walks now, with a bike being arranged: the faster journey comes from an open action.
  const walker = await createCandidate(app, world.accountManager);
  const walkerIntake = intakeV2({ mobility: { modes: ['walk'], drivingLicences: [], maxTravelMinutes: 45 } });
  t.equal(
    (await app.inject({ method: 'POST', url: `/v1/candidates/${walker.id}/intakes`, headers: bearer(world.accountManager), payload: walkerIntake })).statusCode,
    201,
  );

  const own = (await rank(app, world.accountManager, vacancy.id)).json();
  t.match(
    JSON.stringify(own.items.find((item: Item) => item.candidate.id === walker.id)),
    /fiets/,
    'the assigned account manager sees what the bike would change',
  );
  const conditional = own.items.filter((item: Item) => item.conditional);
  t.ok(conditional.length > 0, 'the caseload has conditional matches');
  t.match(JSON.stringify(own.items), /schuldhulpverlening/, 'the assigned account manager sees the agreed action');
  const logged = await database.db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.tenantId, world.tenantId), eq(auditLog.action, 'special_category.read'), eq(auditLog.actorUserId, world.accountManager.userId)));
  t.ok(
    logged.some((entry) => (entry.details as { fields?: string[] }).fields?.includes('barriers.actions')),
    'and that read is logged',
  );

  const other = await rank(app, { token: token.token }, vacancy.id);
  t.equal(other.statusCode, 200);
  const text = other.body;
  t.notMatch(text, /schuldhulp|fiets|geregeld|finances|mobility/, 'no action text, life domain or what is being arranged for a colleague');
  const redacted = other.json().items.filter((item: Item) => item.conditional);
  t.equal(redacted.length, conditional.length, 'the colleague still sees which matches are conditional');
  t.ok(redacted.every((item: Item) => item.conditions.every((condition) => condition.domain === null)));

  // The same from the person's side: their own klantmanager's read of the open action is logged
  // with the run (one row), a colleague's ranking logs none.
  const readsOf = async (runId: string) =>
    (
      await database.db.execute<{ actor: string; subject: string }>(
        sql`select actor_user_id as actor, subject_id as subject from audit_log
             where tenant_id = ${world.tenantId} and action = 'special_category.read' and details->>'runId' = ${runId}`,
      )
    ).rows;
  const ownSide = await app.inject({ method: 'GET', url: `/v1/candidates/${walker.id}/matches`, headers: bearer(world.accountManager) });
  t.equal(ownSide.statusCode, 200, ownSide.body);
  t.match(ownSide.body, /fiets/, 'the person’s own klantmanager sees the bike on their side too');
  t.same(await readsOf(ownSide.json().runId), [{ actor: world.accountManager.userId, subject: walker.id }], 'and that read is logged once, with the run');
  const otherSide = await app.inject({ method: 'GET', url: `/v1/candidates/${walker.id}/matches`, headers: bearer({ token: token.token }) });
  t.equal(otherSide.statusCode, 200, otherSide.body);
  t.notMatch(otherSide.body, /fiets/);
  t.same(await readsOf(otherSide.json().runId), [], 'a colleague reads nothing of it, and nothing is logged');

  // And "why (not)?" for the one person: the own klantmanager's read is logged with the vacancy.
  const pairReads = async () =>
    (
      await database.db.execute<{ actor: string }>(
        sql`select actor_user_id as actor from audit_log
             where tenant_id = ${world.tenantId} and action = 'special_category.read' and subject_id = ${walker.id} and details->>'vacancyId' = ${vacancy.id}`,
      )
    ).rows;
  const ownPair = await app.inject({ method: 'GET', url: `/v1/vacancies/${vacancy.id}/matches/${walker.id}`, headers: bearer(world.accountManager) });
  t.equal(ownPair.statusCode, 200, ownPair.body);
  t.match(ownPair.body, /fiets/);
  t.same(await pairReads(), [{ actor: world.accountManager.userId }], 'the pair read is logged once, naming the vacancy');
  const otherPair = await app.inject({ method: 'GET', url: `/v1/vacancies/${vacancy.id}/matches/${walker.id}`, headers: bearer({ token: token.token }) });
  t.equal(otherPair.statusCode, 200, otherPair.body);
  t.notMatch(otherPair.body, /fiets/);
  t.same(await pairReads(), [{ actor: world.accountManager.userId }], 'a colleague’s pair read logs nothing');
});

t.test('with ranking switched off the endpoints say so, and manual shortlisting goes on (F4)', async (t) => {
  const { app, database } = await buildTestApp(t);
  const world = await buildTenant(database.db);
  const vacancy = await dayVacancy(app, world);
  const [person] = await caseload(app, world);
  const off = await app.inject({ method: 'PATCH', url: '/v1/settings', headers: bearer(world.admin), payload: { rankingEnabled: false } });
  t.equal(off.statusCode, 200, off.body);

  const refused = await rank(app, world.accountManager, vacancy.id);
  t.equal(refused.statusCode, 409);
  t.equal(refused.headers['content-type'], 'application/problem+json; charset=utf-8');
  t.match(refused.json(), { code: 'matching.ranking_disabled', title: 'Rangschikken staat uit' });
  t.equal((await app.inject({ method: 'GET', url: `/v1/candidates/${person!.id}/matches`, headers: bearer(world.accountManager) })).statusCode, 409);
  const pair = await app.inject({ method: 'GET', url: `/v1/vacancies/${vacancy.id}/matches/${person!.id}`, headers: bearer(world.accountManager) });
  t.equal(pair.statusCode, 409, 'no "why (not)?" either');
  t.match(pair.json(), { code: 'matching.ranking_disabled' });

  const shortlist = await app.inject({ method: 'POST', url: `/v1/vacancies/${vacancy.id}/shortlists`, headers: bearer(world.accountManager), payload: {} });
  t.equal(shortlist.statusCode, 201, shortlist.body);
  const added = await app.inject({
    method: 'POST',
    url: `/v1/shortlists/${shortlist.json().id}/candidates`,
    headers: bearer(world.accountManager),
    payload: { candidateId: person!.id, pitch: { strengths: 'Betrouwbaar en leert snel' } },
  });
  t.equal(added.statusCode, 201, 'a candidate is added by hand');
  const search = await app.inject({ method: 'GET', url: `/v1/candidates?limit=5`, headers: bearer(world.accountManager) });
  t.equal(search.statusCode, 200, 'candidates can still be listed');

  await app.inject({ method: 'PATCH', url: '/v1/settings', headers: bearer(world.admin), payload: { rankingEnabled: true } });
  t.equal((await rank(app, world.accountManager, vacancy.id)).statusCode, 200, 'back on');
  const pairOn = await app.inject({ method: 'GET', url: `/v1/vacancies/${vacancy.id}/matches/${person!.id}`, headers: bearer(world.accountManager) });
  t.equal(pairOn.statusCode, 200, pairOn.body);
});

t.test('every exclusion explained: the excluded listed with reasons, and "why (not)?" for one person', async (t) => {
  const { app, database } = await buildTestApp(t);
  const world = await buildTenant(database.db);
  const people = await caseload(app, world);
  const created = await app.inject({
    method: 'POST',
    url: '/v1/vacancies',
    headers: bearer(world.employerRelations),
    payload: vacancyBody({
      employerId: world.employerA.employer.id,
      locationId: world.employerA.location.id,
      status: 'open',
      title: 'Medewerker magazijn zaterdag',
      shiftPattern: {
        kind: 'fixed',
        shifts: [
          { dayPart: 'day', start: '08:30', end: '16:30', weekdays: ['mon', 'tue', 'wed', 'thu', 'fri'], required: true },
          { dayPart: 'late', start: '16:00', end: '22:00', weekdays: ['sat'], required: true },
        ],
      },
    } as never),
  });
  t.equal(created.statusCode, 201, created.body);
  const saturday = created.json<{ id: string }>();

  const ranked = (await rank(app, world.accountManager, saturday.id)).json();
  t.equal(ranked.eligible, 0, 'nobody can work the Saturday late shift');
  t.equal(ranked.excluded, 5);
  const listed = await rank(app, world.accountManager, saturday.id, '?show=excluded&limit=2');
  t.equal(listed.statusCode, 200, listed.body);
  const body = listed.json();
  t.equal(body.excluded, 5);
  t.same(body.excludedByReason, { credential_missing: 0, day_part_unavailable: 5, travel_too_far: 0 });
  t.equal(body.items.length, 2);
  t.equal(body.nextOffset, 2, 'paginated');
  for (const item of body.items) {
    t.equal(item.eligible, false);
    t.equal(item.total, 0);
    t.same(item.exclusions, [{ code: 'day_part_unavailable', reason: 'Niet beschikbaar voor de late dienst op zaterdag.' }]);
    t.equal(item.nearestFit, 'Past als de late dienst op zaterdag kan vervallen.');
  }
  const rest = (await rank(app, world.accountManager, saturday.id, '?show=excluded&limit=2&offset=2')).json();
  t.notOk(
    rest.items.some((item: { candidate: { id: string } }) => body.items.some((seen: { candidate: { id: string } }) => seen.candidate.id === item.candidate.id)),
    'the next page holds others',
  );
  const run = (await app.inject({ method: 'GET', url: `/v1/match-runs/${body.runId}`, headers: bearer(world.accountManager) })).json();
  t.same(
    run.results.map((entry: { eligible: boolean }) => entry.eligible),
    [false, false],
    'the listing is a stored run too',
  );

  const pair = await app.inject({ method: 'GET', url: `/v1/vacancies/${saturday.id}/matches/${people[0]!.id}`, headers: bearer(world.accountManager) });
  t.equal(pair.statusCode, 200, pair.body);
  t.match(pair.json(), {
    eligible: false,
    rank: null,
    eligibleCount: 0,
    candidate: { id: people[0]!.id },
    exclusions: [{ code: 'day_part_unavailable' }],
    nearestFit: 'Past als de late dienst op zaterdag kan vervallen.',
  });
  t.equal(pair.json().factors.length, 8, 'every factor, even when excluded');

  const weekdays = await dayVacancy(app, world);
  const all = (await rank(app, world.accountManager, weekdays.id, '?limit=100')).json();
  const second = all.items[1];
  const fits = (
    await app.inject({ method: 'GET', url: `/v1/vacancies/${weekdays.id}/matches/${second.candidate.id}`, headers: bearer(world.accountManager) })
  ).json();
  t.match(fits, { eligible: true, rank: 2, total: second.total, nearestFit: null, exclusions: [] }, 'the same place and total as in the ranking');
  t.same(fits.reasons, second.reasons);
  const english = (
    await app.inject({
      method: 'GET',
      url: `/v1/vacancies/${saturday.id}/matches/${people[0]!.id}`,
      headers: { ...bearer(world.accountManager), 'accept-language': 'en' },
    })
  ).json();
  t.equal(english.nearestFit, 'Would fit if the late shift on Saturday can be dropped.');

  // Someone who is not ranked at all is told why: paused (not "do the intake first"), or no intake yet.
  const paused = await app.inject({
    method: 'PATCH',
    url: `/v1/candidates/${people[1]!.id}`,
    headers: bearer(world.accountManager),
    payload: { status: 'paused' },
  });
  t.equal(paused.statusCode, 200, paused.body);
  const pausedPair = await app.inject({ method: 'GET', url: `/v1/vacancies/${saturday.id}/matches/${people[1]!.id}`, headers: bearer(world.accountManager) });
  t.equal(pausedPair.statusCode, 409);
  t.match(pausedPair.json(), { code: 'matching.candidate_not_active', title: 'Doet nu niet mee', detail: /staat op gepauzeerd en doet daarom niet mee/ });
  const newcomer = await createCandidate(app, world.accountManager);
  const newcomerPair = await app.inject({ method: 'GET', url: `/v1/vacancies/${saturday.id}/matches/${newcomer.id}`, headers: bearer(world.accountManager) });
  t.equal(newcomerPair.statusCode, 409);
  t.match(newcomerPair.json(), { code: 'matching.candidate_not_ready', detail: /Doe eerst de intake/ });

  const other = await buildTenant(database.db);
  t.equal(
    (await app.inject({ method: 'GET', url: `/v1/vacancies/${saturday.id}/matches/${people[0]!.id}`, headers: bearer(other.accountManager) })).statusCode,
    404,
    'another Werkplein: not found',
  );
  t.equal(
    (await app.inject({ method: 'GET', url: `/v1/vacancies/${saturday.id}/matches/${people[0]!.id}`, headers: bearer(world.employerA.user) })).statusCode,
    403,
    'employers: no',
  );
});

t.test('weights: staff read them, admins set a new version with a reason, and runs record it', async (t) => {
  const { app, database } = await buildTestApp(t);
  const world = await buildTenant(database.db);
  const vacancy = await dayVacancy(app, world);
  await caseload(app, world);
  const initial = (await app.inject({ method: 'GET', url: '/v1/matching/weights', headers: bearer(world.accountManager) })).json();
  t.equal(initial.version, 0);
  t.equal(initial.weights.education, 0, 'diplomas weigh nothing by default');

  const weights = { competencies: 0.4, motivation: 0.2, potential: 0.1, shifts: 0.1, hours: 0.1, travel: 0.05, workWishes: 0.05, education: 0 };
  t.equal(
    (await app.inject({ method: 'PUT', url: '/v1/matching/weights', headers: bearer(world.accountManager), payload: { weights, note: 'test' } })).statusCode,
    403,
  );
  const wrong = await app.inject({
    method: 'PUT',
    url: '/v1/matching/weights',
    headers: bearer(world.admin),
    payload: { weights: { ...weights, travel: 0.5 }, note: 'test' },
  });
  t.equal(wrong.statusCode, 400);
  t.match(wrong.json(), {
    code: 'matching.invalid_weights',
    detail: 'Controleer de gewichten. De gewichten tellen samen op tot 1,45. Dat moet precies 1 zijn.',
  });
  const tooBig = await app.inject({
    method: 'PUT',
    url: '/v1/matching/weights',
    headers: bearer(world.admin),
    payload: { weights: { ...weights, travel: 5 }, note: 'test' },
  });
  t.equal(tooBig.statusCode, 400);
  t.same(tooBig.json().errors, [{ pointer: '/body/weights/travel', detail: 'Dit getal mag hoogstens 1 zijn.' }], 'validation in plain Dutch');
  t.same(initial.warnings, [], 'the defaults keep the seeds’ rule');
  const set = await app.inject({
    method: 'PUT',
    url: '/v1/matching/weights',
    headers: bearer(world.admin),
    payload: { weights, note: 'Vakmanschap telt zwaarder' },
  });
  t.equal(set.statusCode, 200, set.body);
  t.equal(set.json().version, 1);
  t.match(set.json().warnings, [/^Motivatie weegt nu niet zwaarder dan vaardigheden/], 'weights that break the seeds’ rule are warned about');
  t.match((await app.inject({ method: 'GET', url: '/v1/matching/weights', headers: bearer(world.accountManager) })).json().warnings, [/^Motivatie weegt/]);
  const changes = await database.db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.tenantId, world.tenantId), eq(auditLog.action, 'weights.change')));
  t.equal(changes.length, 1, 'the change is audited');
  t.equal(changes[0]!.reason, 'Vakmanschap telt zwaarder');
  t.match(changes[0]!.details, { warnings: ['motivation_not_above_competencies'] }, 'with the warning');

  const ranked = (await rank(app, world.accountManager, vacancy.id)).json();
  t.equal(ranked.weightsVersion, 1);
  const run = (await app.inject({ method: 'GET', url: `/v1/match-runs/${ranked.runId}`, headers: bearer(world.accountManager) })).json();
  t.same(run.weights, weights);
});

t.test('F1: changing what the matcher must never use leaves every score identical', async (t) => {
  const { app, database } = await buildTestApp(t);
  const world = await buildTenant(database.db);
  const vacancy = await dayVacancy(app, world);
  const people = await caseload(app, world);
  const scores = async () => {
    const body = (await rank(app, world.admin, vacancy.id, '?limit=100')).json();
    return body.items.map((item: Item) => `${item.candidate.id}:${item.total}:${item.conditional}`).sort();
  };
  const before = await scores();
  t.equal(before.length, 5);

  for (const [index, person] of people.entries()) {
    // Name, date of birth (age), contact data and the address postcode letters within the same area.
    const contact = await app.inject({
      method: 'PATCH',
      url: `/v1/candidates/${person.id}/contact`,
      headers: bearer(world.accountManager),
      payload: {
        givenName: `Ander${index}`,
        familyName: 'Achternaam',
        dateOfBirth: index % 2 ? '1961-01-01' : '2004-12-31',
        email: 'ander@test.example',
        phone: '06 1111 2222',
      },
    });
    t.equal(contact.statusCode, 200, contact.body);
    t.equal(
      (await app.inject({ method: 'PATCH', url: `/v1/candidates/${person.id}`, headers: bearer(world.accountManager), payload: { postcode: '5038 ZZ' } }))
        .statusCode,
      200,
    );
    // Gender, age band, migration background, disability: kept for audits only.
    const attributes = await app.inject({
      method: 'PUT',
      url: `/v1/candidates/${person.id}/audit-attributes`,
      headers: bearer(world.admin),
      payload: {
        gender: index % 2 ? 'male' : 'female',
        ageBand: index % 2 ? '55-67' : '18-26',
        migrationBackground: index % 2 ? 'outside_europe' : 'none',
        disability: index % 2 ? 'yes' : 'no',
        enteredOnlyForAudit: true,
      },
    });
    t.equal(attributes.statusCode, 200, attributes.body);
    // The household situation, asked only for the rekentool (issue 17): never an input to ranking.
    const household = await app.inject({
      method: 'PUT',
      url: `/v1/candidates/${person.id}/household`,
      headers: bearer(world.accountManager),
      payload:
        index % 2
          ? { situation: 'partners', costSharers: 2, ageGroup: '21_to_26', partnerNetMonthlyIncome: 1250 }
          : { situation: 'single_parent', costSharers: 0, ageGroup: '27_to_pension_age' },
    });
    t.equal(household.statusCode, 200, household.body);
  }
  // Health details and the description and severity of barriers (written straight to the rows).
  await database.db.execute(sql`
    update candidate_barriers set description = 'Rugklachten, onder behandeling bij de huisarts', severity = 'severe'
     where tenant_id = ${world.tenantId}`);
  await database.db.execute(sql`update candidates set updated_at = now() where tenant_id = ${world.tenantId}`);

  t.same(await scores(), before, 'identical scores for everyone');

  // The test can fail: a change to something the matcher does read moves a score.
  await app.inject({
    method: 'PATCH',
    url: `/v1/candidates/${people[3]!.id}/profile`,
    headers: bearer(world.accountManager),
    payload: { hoursNow: 4, hoursTarget: 8 },
  });
  t.notSame(await scores(), before, 'a matching input does change the scores');
});

t.test('a candidate ranks open vacancies and growth-plan roles; on the demo data too', async (t) => {
  const { app, database } = await buildTestApp(t, { database: await createTestDatabase(t, { demo: true }) });
  const { tenantId } = await demoSeed();
  const [manager] = await database.db
    .select()
    .from(users)
    .where(and(eq(users.tenantId, tenantId), eq(users.role, 'account_manager')))
    .limit(1);
  const issued = await createUserService({ db: database.db, clock: { now: () => new Date() }, tokenTtlDays: 1 }).issueToken(database.db, {
    tenantId,
    userId: manager!.id,
    label: 'test',
  });
  const account = { token: issued.token };

  const open = await database.db.execute<{ id: string; title: string }>(
    sql`select id, title from vacancies where tenant_id = ${tenantId} and status = 'open' order by id limit 3`,
  );
  t.ok(open.rows.length > 0, 'the demo has open vacancies');
  let someoneRanked = false;
  for (const vacancy of open.rows) {
    const response = await rank(app, account, vacancy.id, '?limit=10');
    t.equal(response.statusCode, 200, response.body);
    const body = response.json();
    t.ok(body.population > 50, `${vacancy.title}: ${body.population} ranked`);
    someoneRanked ||= body.items.length > 0;
    for (const item of body.items as Item[]) t.ok(item.reasons.length > 0);
  }
  t.ok(someoneRanked, 'demo vacancies find candidates');

  const person = await database.db.execute<{ id: string }>(sql`
    select c.id from candidates c join candidate_profiles p on p.tenant_id = c.tenant_id and p.candidate_id = c.id
     where c.tenant_id = ${tenantId} and c.status = 'active' and p.intake_id is not null order by c.id limit 1`);
  const matches = await app.inject({ method: 'GET', url: `/v1/candidates/${person.rows[0]!.id}/matches?limit=100`, headers: bearer(account) });
  t.equal(matches.statusCode, 200, matches.body);
  const body = matches.json();
  const roles = await database.db.execute<{ count: number }>(sql`select count(*)::int as count from growth_plan_roles where tenant_id = ${tenantId}`);
  t.ok(body.population >= open.rows.length + (roles.rows[0]!.count > 0 ? 1 : 0), `${body.population} vacancies and roles ranked`);
  const totals = body.items.map((item: { total: number }) => item.total);
  t.same(
    totals,
    [...totals].sort((a: number, b: number) => b - a),
  );
  t.ok(body.items.every((item: { employerName: string; reasons: string[] }) => item.employerName && item.reasons.length > 0));
  // A growth-plan role names its plan (the werkplek links it); a vacancy has none.
  const planOf = await database.db.execute<{ id: string; planId: string }>(
    sql`select id, growth_plan_id as "planId" from growth_plan_roles where tenant_id = ${tenantId}`,
  );
  const plans = new Map(planOf.rows.map((row) => [row.id, row.planId]));
  for (const item of body.items as Array<{ kind: string; id: string; growthPlanId: string | null }>) {
    t.equal(item.growthPlanId, item.kind === 'growth_plan_role' ? plans.get(item.id) : null, `${item.kind} ${item.id}: its plan`);
  }
  const replay = (await app.inject({ method: 'GET', url: `/v1/match-runs/${body.runId}/replay`, headers: bearer(account) })).json();
  t.match(replay, { sameOrder: true, sameTotals: true });

  const notReady = await createCandidate(app, account);
  const refused = await app.inject({ method: 'GET', url: `/v1/candidates/${notReady.id}/matches`, headers: bearer(account) });
  t.equal(refused.statusCode, 409);
  t.match(refused.json(), { code: 'matching.candidate_not_ready' });
  // A person's own matches do not depend on their status: paused without an intake, the intake is what is missing.
  await app.inject({ method: 'PATCH', url: `/v1/candidates/${notReady.id}`, headers: bearer(account), payload: { status: 'paused' } });
  const pausedOwn = await app.inject({ method: 'GET', url: `/v1/candidates/${notReady.id}/matches`, headers: bearer(account) });
  t.match(pausedOwn.json(), { code: 'matching.candidate_not_ready' });
});

t.test('each input is stored once, named by digest from every run that ranked it; replays read the input of their own run (13.11)', async (t) => {
  const { app, database } = await buildTestApp(t);
  const db = database.db;
  const world = await buildTenant(db);
  const vacancy = await dayVacancy(app, world);
  await caseload(app, world);
  const stored = async () =>
    (
      await db.execute<{ subject: string; digests: number; inputs: number }>(sql`
        select m.subject_id as subject, count(distinct m.digest)::int as digests, count(*)::int as inputs
          from match_inputs m where m.tenant_id = ${world.tenantId} group by m.subject_id`)
    ).rows;
  const references = async (runId: string) =>
    (await db.execute<{ count: number }>(sql`select count(*)::int as count from match_run_inputs where tenant_id = ${world.tenantId} and run_id = ${runId}`))
      .rows[0]!.count;

  const first = (await rank(app, world.accountManager, vacancy.id)).json();
  const second = (await rank(app, world.accountManager, vacancy.id)).json();
  const shown = first.items.length;
  t.ok(shown >= 4, `${shown} shown`);
  t.equal(await references(first.runId), shown + 1, 'the first run names the vacancy and everyone shown');
  t.equal(await references(second.runId), shown + 1, 'so does the second');
  t.same(
    (await stored()).map((row) => row.inputs),
    Array.from({ length: shown + 1 }, () => 1),
    'but each input is stored once',
  );
  // Named by the digests the population keeps (not hashed again per run): each the digest of the
  // very input that was ranked.
  const population = await app.services.matching.populations.get(world.tenantId);
  const named = await db.execute<{ subject: string; digest: string }>(
    sql`select subject_id as subject, digest from match_run_inputs where tenant_id = ${world.tenantId} and run_id = ${second.runId} and subject_id <> ${vacancy.id}`,
  );
  t.equal(named.rows.length, shown);
  for (const row of named.rows) {
    t.equal(row.digest, inputDigest(population.candidates[population.byId.get(row.subject)!]!), `${row.subject}: the digest of its ranked input`);
  }

  // A changed profile is a new input of the same person: stored next to the old one, which the first
  // runs still name.
  const changed = first.items[0].candidate.id as string;
  const patched = await app.inject({
    method: 'PATCH',
    url: `/v1/candidates/${changed}/profile`,
    headers: bearer(world.accountManager),
    payload: { hoursNow: 4 },
  });
  t.equal(patched.statusCode, 200, patched.body);
  const third = (await rank(app, world.accountManager, vacancy.id)).json();
  t.equal((await stored()).find((row) => row.subject === changed)?.digests, 2, 'the changed person has two stored inputs');
  for (const run of [first, second, third]) {
    const replay = await app.inject({ method: 'GET', url: `/v1/match-runs/${run.runId}/replay`, headers: bearer(world.accountManager) });
    t.match(replay.json(), { sameOrder: true, sameTotals: true, replayedEntries: run.items.length }, 'each run replays on its own inputs');
  }

  // A run recorded in a caller's transaction is part of it: a rollback takes its references and the
  // input it stored with it (this fails if any part is written through the pool instead), and the
  // next run stores that input itself.
  const rolledBack = newIdForTest();
  const candidate = buildCandidate({ id: changed, hours: { now: 30, target: 32 } });
  await db
    .transaction(async (tx) => {
      await recordRun(tx, runRecord(world, vacancy.id, rolledBack, candidate));
      throw new Error('roll back');
    })
    .catch(() => undefined);
  t.equal(await references(rolledBack), 0, 'nothing of the rolled-back run');
  t.equal((await stored()).find((row) => row.subject === changed)?.digests, 2, 'nor of the input it stored');
  const after = newIdForTest();
  await recordRun(db, runRecord(world, vacancy.id, after, candidate));
  const inputs = await matchingRepository(db).runInputs({ tenantId: world.tenantId, runId: after });
  t.same(inputs.get(changed), JSON.parse(JSON.stringify(candidate)), 'the next run finds its input stored');
  t.equal((await stored()).find((row) => row.subject === changed)?.digests, 3);

  // Stored inputs gone behind the process's back (as a purge on a clock far ahead would do): the
  // next ranking, which would name them by digest only, stores them again instead of naming nothing.
  await db.execute(sql`delete from match_inputs where tenant_id = ${world.tenantId}`);
  const fourth = (await rank(app, world.accountManager, vacancy.id)).json();
  t.equal(await references(fourth.runId), fourth.items.length + 1);
  t.equal((await stored()).length, fourth.items.length + 1, 'every input of the run is stored again');
  const reads = await db.execute<{ subject: string; count: number }>(
    sql`select subject_id as subject, count(*)::int as count from audit_log
         where tenant_id = ${world.tenantId} and action = 'special_category.read' and details->>'runId' = ${fourth.runId} group by subject_id`,
  );
  t.ok(reads.rows.length >= 2, 'the open actions it shows were read');
  t.ok(
    reads.rows.every((row) => row.count === 1),
    'each read logged once: the statement that found inputs missing logged nothing, the one that stored them logged all',
  );
  const replay = await app.inject({ method: 'GET', url: `/v1/match-runs/${fourth.runId}/replay`, headers: bearer(world.accountManager) });
  t.match(replay.json(), { sameOrder: true, sameTotals: true, replayedEntries: fourth.items.length });
});

let testIds = 0;
const newIdForTest = () => `01a21417-0000-7000-8000-${String(++testIds).padStart(12, '0')}`;
const runRecord = (world: TenantWorld, vacancyId: string, id: string, candidate: ReturnType<typeof buildCandidate>) => ({
  tenantId: world.tenantId,
  id,
  subjectId: vacancyId,
  actorUserId: world.accountManager.userId,
  at: new Date(),
  weights: { version: 0, weights: DEFAULT_WEIGHTS },
  inputs: { kind: 'vacancy' as const, subject: { vacancy: buildVacancy({ id: vacancyId }), relatedSkills: {} }, shown: [candidate] },
  rankedHash: 'test',
  population: 1,
  eligible: 1,
  results: [],
});

t.test('a ranking computed while its reads are under way is used only when they give the same target, weights and population (13.11)', async (t) => {
  const { app, database } = await buildTestApp(t);
  const world = await buildTenant(database.db);
  const vacancy = await dayVacancy(app, world);
  const people = await caseload(app, world);
  const early = async () => {
    const values = (await instruments.earlyRankings.get()).values;
    const of = (outcome: string) => values.find((value) => value.labels.outcome === outcome)?.value ?? 0;
    return { used: of('used'), discarded: of('discarded') };
  };
  const ranking = async () => {
    const before = await early();
    const body = (await rank(app, world.accountManager, vacancy.id)).json();
    const after = await early();
    const replay = (await app.inject({ method: 'GET', url: `/v1/match-runs/${body.runId}/replay`, headers: bearer(world.accountManager) })).json();
    t.match(replay, { sameOrder: true, sameTotals: true }, 'the stored run replays from the inputs it names');
    return {
      totals: new Map<string, number>(body.items.map((item: Item) => [item.candidate.id, item.total])),
      used: after.used - before.used,
      discarded: after.discarded - before.discarded,
    };
  };

  const first = await ranking();
  t.match(first, { used: 0, discarded: 0 }, 'the first ranking of a vacancy has nothing to start from');
  const second = await ranking();
  t.match(second, { used: 1, discarded: 0 }, 'the second is computed early and used');
  t.same([...second.totals], [...first.totals], 'the same order and totals');

  // The vacancy changes: the early ranking (from its old input) is discarded, the answer is the new one.
  const patched = await app.inject({
    method: 'PATCH',
    url: `/v1/vacancies/${vacancy.id}`,
    headers: bearer(world.employerRelations),
    payload: { hoursPerWeek: { min: 36, max: 40 }, rampUpFromHours: null },
  });
  t.equal(patched.statusCode, 200, patched.body);
  const third = await ranking();
  t.match(third, { used: 0, discarded: 1 });
  t.ok(
    [...third.totals].some(([id, total]) => total !== second.totals.get(id)),
    'the hours asked count: totals follow the changed vacancy',
  );
  t.match(await ranking(), { used: 0, discarded: 0 }, 'after a discard, the next one is not computed early');
  t.match(await ranking(), { used: 1, discarded: 0 }, 'and the one after it is again');

  // A profile changes: the population read is newer than the one ranked early.
  const person = people[1]!.id;
  await app.inject({
    method: 'PATCH',
    url: `/v1/candidates/${person}/profile`,
    headers: bearer(world.accountManager),
    payload: { hoursNow: 4, hoursTarget: 8 },
  });
  const afterProfile = await ranking();
  t.match(afterProfile, { used: 0, discarded: 1 });
  t.ok(afterProfile.totals.get(person)! < third.totals.get(person)!, 'the changed hours count');

  // New weights: discarded too.
  await ranking();
  const weights = { competencies: 0.2, motivation: 0.3, potential: 0.2, shifts: 0.1, hours: 0.1, travel: 0.05, workWishes: 0.05, education: 0 };
  const put = await app.inject({ method: 'PUT', url: '/v1/matching/weights', headers: bearer(world.admin), payload: { weights, note: 'test' } });
  t.equal(put.statusCode, 200, put.body);
  t.match(await ranking(), { used: 0, discarded: 1 });

  // Ranking switched off: refused, and nothing is ranked early from the refused request's target
  // while it is off, nor for the first ranking once it is on again.
  t.match(await ranking(), { used: 0, discarded: 0 });
  t.match(await ranking(), { used: 1, discarded: 0 });
  const setRanking = async (on: boolean) =>
    t.equal((await app.inject({ method: 'PATCH', url: '/v1/settings', headers: bearer(world.admin), payload: { rankingEnabled: on } })).statusCode, 200);
  await setRanking(false);
  for (let i = 0; i < 2; i += 1) {
    const before = await early();
    t.equal((await rank(app, world.accountManager, vacancy.id)).statusCode, 409);
    t.same(await early(), before, 'refused, with no ranking computed early');
  }
  await setRanking(true);
  t.match(await ranking(), { used: 0, discarded: 0 });
  t.match(await ranking(), { used: 1, discarded: 0 });
});

t.test('the run and the logged reads are on their way to PostgreSQL while the answer is made (13.11)', async (t) => {
  const { app, database } = await buildTestApp(t);
  const world = await buildTenant(database.db);
  const vacancy = await dayVacancy(app, world);
  const people = await caseload(app, world);
  // Every statement the ranking sends, as PostgreSQL receives it.
  const sent: string[] = [];
  let recording = true;
  const watched = new WeakSet<object>();
  database.pool.on('acquire', (client) => {
    if (watched.has(client)) return;
    watched.add(client);
    const query = client.query.bind(client) as (...args: unknown[]) => unknown;
    client.query = ((...args: unknown[]) => {
      const config = args[0] as string | { text: string };
      if (recording) sent.push(typeof config === 'string' ? config : config.text);
      return query(...args);
    }) as typeof client.query;
  });
  let waiting = -1;
  let shown = -1;
  let withActions: string[] = [];
  const answer = await app.services.matching.rankForVacancy({
    principal: world.accountManager.principal,
    vacancyId: vacancy.id,
    query: vacancyMatchQuerySchema.parse({}),
    lang: 'nl',
    render: (view) => {
      // pg-pool hands out connections on the next tick: a write started but not sent waits here.
      waiting = database.pool.waitingCount;
      shown = view.items.length;
      // The klantmanager's own people (all of the caseload) whose agreed actions the answer shows.
      withActions = view.items.filter((item) => item.conditions.some((condition) => condition.domain !== 'credentials')).map((item) => item.candidate.id);
      return view.runId;
    },
  });
  recording = false;
  t.equal(waiting, 0, 'no write still waits for a connection when the answer is made');
  t.ok(shown > 0, 'people were ranked and shown');
  const stored = await database.db.execute<{ count: number }>(sql`select count(*)::int as count from match_runs where id = ${answer}`);
  t.equal(stored.rows[0]!.count, 1, 'and the answer is handed back once the run is stored');
  const logged = await database.db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.tenantId, world.tenantId), eq(auditLog.action, 'special_category.read'), sql`${auditLog.details}->>'runId' = ${answer}`));
  t.ok(withActions.length >= 2, 'several people were shown with an open action');
  t.same(logged.map((row) => row.subjectId).sort(), [...withActions].sort(), 'each of them was logged, once');
  t.same(
    logged.map((row) => [row.actorUserId, row.subjectType, row.details]),
    logged.map(() => [world.accountManager.userId, 'candidate', { fields: ['barriers.actions'], runId: answer }]),
    'each naming who read what, and in which run',
  );
  const auditing = sent.filter((text) => /audit_log/i.test(text) || /^\s*begin/i.test(text));
  t.equal(auditing.length, 1, 'all of them in one statement, with no transaction around it');
  t.match(auditing[0], /insert into match_runs[\s\S]*insert into audit_log/, 'the run’s own statement: one round trip and one commit for both');

  // Stored together or not at all: a read that cannot be logged takes its run with it.
  const failing = newIdForTest();
  await t.rejects(
    recordRun(database.db, {
      ...runRecord(world, vacancy.id, failing, buildCandidate({ id: people[0]!.id })),
      logged: [{ principal: world.accountManager.principal, action: 'special_category.read', subjectType: 'candidate', subjectId: 'not an id' }],
    }),
  );
  const kept = await database.db.execute<{ count: number }>(sql`select count(*)::int as count from match_runs where id = ${failing}`);
  t.equal(kept.rows[0]!.count, 0, 'a run whose reads cannot be logged is not stored either');
});

t.test('a run stored while the person is being erased keeps none of their inputs (P5)', async (t) => {
  const { app, database } = await buildTestApp(t);
  const world = await buildTenant(database.db);
  const vacancy = await dayVacancy(app, world);
  const [leaving, staying] = await caseload(app, world);
  const runId = '01a21417-0000-7000-8000-00000000f00d';
  // The erasure has deleted the person and not yet committed when the ranking stores its run.
  const erasure = await database.pool.connect();
  await erasure.query('begin');
  await erasure.query('delete from candidates where tenant_id = $1 and id = $2', [world.tenantId, leaving!.id]);
  const stored = recordRun(database.db, {
    tenantId: world.tenantId,
    id: runId,
    subjectId: vacancy.id,
    actorUserId: world.accountManager.userId,
    at: new Date(),
    weights: { version: 0, weights: DEFAULT_WEIGHTS },
    inputs: {
      kind: 'vacancy',
      subject: { vacancy: buildVacancy({ id: vacancy.id }), relatedSkills: {} },
      shown: [buildCandidate({ id: leaving!.id }), buildCandidate({ id: staying!.id })],
    },
    rankedHash: 'test',
    population: 2,
    eligible: 2,
    results: [],
  });
  let settled = false;
  void stored.then(() => (settled = true));
  // Not a pause: wait until the run is done (the defect) or its statement waits on the erasure's lock.
  await waitFor(
    async () =>
      settled ||
      (
        await database.db.execute<{ waiting: number }>(
          sql`select count(*)::int as waiting from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'`,
        )
      ).rows[0]!.waiting > 0,
    { what: 'the run to wait on the erasure’s lock', intervalMs: 10 },
  );
  t.notOk(settled, 'the run waits for the erasure');
  await erasure.query('commit');
  erasure.release();
  await stored;
  const rows = await database.db.execute<{ subject_id: string }>(sql`select subject_id from match_run_inputs where run_id = ${runId} order by subject_id`);
  t.same(rows.rows.map((row) => row.subject_id).sort(), [vacancy.id, staying!.id].sort(), 'the erased person’s inputs were not written');
  const contents = await database.db.execute<{ subject_id: string }>(
    sql`select subject_id from match_inputs where tenant_id = ${world.tenantId} and subject_id = ${leaving!.id}`,
  );
  t.equal(contents.rows.length, 0, 'nor stored');
});
