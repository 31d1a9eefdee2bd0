import { and, eq, sql } from 'drizzle-orm';
import t from 'tap';
import { users } from '../../db/schema/index.js';
import { createUserService } from '../../src/users/users.service.js';
import { bearer } from '../support/factories.js';
import { buildTestApp, createTestDatabase, demoSeed } from '../support/harness.js';

/*
 * Issue 6, done when: a vacancy in the demo goes from ranking to a sent shortlist to employer
 * feedback to a placement with follow-ups, all through the API.
 */
t.test('demo: ranking → shortlist → approval → send → employer feedback → placement → follow-up', async (t) => {
  const { app, database } = await buildTestApp(t, { database: await createTestDatabase(t, { demo: true }) });
  const db = database.db;
  const clock = { now: () => new Date() };
  const { tenantId } = await demoSeed();
  const tokens = createUserService({ db, clock, tokenTtlDays: 1 });
  const tokenOf = async (userId: string) => ({ token: (await tokens.issueToken(db, { tenantId, userId, label: 'test' })).token });

  // An open vacancy of an employer that has a portal user.
  const picked = await db.execute<{ vacancy_id: string; employer_user: string }>(sql`
    select v.id as vacancy_id, u.id as employer_user
      from vacancies v join users u on u.tenant_id = v.tenant_id and u.employer_id = v.employer_id and u.role = 'employer'
     where v.tenant_id = ${tenantId} and v.status = 'open'
     order by v.id limit 1`);
  const { vacancy_id: vacancyId, employer_user: employerUserId } = picked.rows[0]!;
  const employer = await tokenOf(employerUserId);
  const [admin] = await db
    .select()
    .from(users)
    .where(and(eq(users.tenantId, tenantId), eq(users.role, 'admin')))
    .limit(1);
  const staff = await tokenOf(admin!.id);
  const call = async (method: 'GET' | 'POST', url: string, payload?: object, as = staff) => {
    const response = await app.inject({ method, url, headers: bearer(as), ...(payload ? { payload } : {}) });
    return { status: response.statusCode, body: response.body ? response.json() : null, raw: response.body };
  };

  const ranking = await call('GET', `/v1/vacancies/${vacancyId}/matches?limit=5`);
  t.equal(ranking.status, 200, ranking.raw);
  t.ok(ranking.body.items.length > 0, 'the demo vacancy has ranked candidates');
  const top = ranking.body.items[0];
  t.ok(top.reasons.length > 0, `reasons: ${top.reasons.join(' / ')}`);

  const shortlist = await call('POST', `/v1/vacancies/${vacancyId}/shortlists`, { noteToEmployer: 'Iemand die graag bij u wil beginnen.' });
  t.equal(shortlist.status, 201, shortlist.raw);
  const shortlistId = shortlist.body.id;
  const added = await call('POST', `/v1/shortlists/${shortlistId}/candidates`, {
    candidateId: top.candidate.id,
    matchRunId: ranking.body.runId,
    pitch: {
      strengths: 'Komt afspraken na en leert snel.',
      support: 'Een vaste collega de eerste weken.',
      startPlan: 'Begint met 16 uur, na twee maanden 24.',
    },
  });
  t.equal(added.status, 201, added.raw);
  t.match(added.body, { source: 'ranking', candidateId: top.candidate.id });

  const consent = await call('POST', `/v1/candidates/${top.candidate.id}/consents`, { purpose: 'share_with_employers', textVersion: '2026-1' });
  t.ok([201, 409].includes(consent.status), `consent to share: ${consent.status}`);
  t.equal((await call('POST', `/v1/shortlists/${shortlistId}/candidates/${top.candidate.id}/approve`)).status, 200, 'approved by a person');
  const sent = await call('POST', `/v1/shortlists/${shortlistId}/send`);
  t.equal(sent.status, 200, sent.raw);

  const seen = await call('GET', `/v1/shortlists/${shortlistId}`, undefined, employer);
  t.equal(seen.status, 200, seen.raw);
  t.equal(seen.body.entries.length, 1);
  t.notMatch(seen.raw, new RegExp(top.candidate.name), 'the employer does not see the name before consent to disclose');

  const feedback = await call(
    'POST',
    `/v1/shortlists/${shortlistId}/candidates/${top.candidate.id}/feedback`,
    { decision: 'hire', reasonText: 'Goed gesprek gehad' },
    employer,
  );
  t.equal(feedback.status, 201, feedback.raw);

  const start = new Date(Date.now() - 45 * 86_400_000).toISOString().slice(0, 10);
  const placement = await call('POST', '/v1/placements', {
    candidateId: top.candidate.id,
    vacancyId,
    shortlistId,
    startDate: start,
    hoursPerWeek: 24,
    contractType: 'fixed_term',
    contractMonths: 6,
  });
  t.equal(placement.status, 201, placement.raw);
  const followUps = await call('GET', `/v1/placements/${placement.body.id}/follow-ups`);
  t.equal(followUps.status, 200, followUps.raw);
  t.same(
    followUps.body.items.map((item: { monthMark: number }) => item.monthMark),
    [1, 3, 6],
    'follow-ups at 1, 3 and 6 months',
  );
  const recorded = await call('POST', `/v1/placements/${placement.body.id}/follow-ups`, { monthMark: 1, outcome: 'working', note: 'Gaat goed' });
  t.equal(recorded.status, 200, recorded.raw);
  t.match(recorded.body, { monthMark: 1, outcome: 'working' });
  t.equal((await call('GET', `/v1/candidates/${top.candidate.id}`)).body.status, 'placed', 'the candidate is placed');
  t.equal(
    (await call('GET', `/v1/vacancies/${vacancyId}/matches`)).body.items.some((item: { candidate: { id: string } }) => item.candidate.id === top.candidate.id),
    false,
    'and no longer ranked',
  );
});
