import { and, eq } from 'drizzle-orm';
import t from 'tap';
import { auditLog, employerFeedback } from '../../db/schema/index.js';
import { bearer, buildTenant } from '../support/factories.js';
import { buildPageApp, csrfOf, form, sessionCookieFor } from '../support/pages.js';
import { sentShortlist } from './fixtures.js';

/*
 * Issue 15.1–2 without a browser: the employer's shortlist page shows the minimised view (no name
 * before consent, no barriers), answers go through the same feedback service as the API (audited,
 * protected grounds flagged), and a form sent twice records one answer.
 */

t.test('the shortlist page shows the employer view and nothing more', async (t) => {
  const { app, database } = await buildPageApp(t, { listen: false });
  const world = await buildTenant(database.db);
  const { shortlistId, candidates } = await sentShortlist(app, world, { count: 2, discloseIdentity: [1] });
  const employer = await sessionCookieFor(app, world.employerA.user);

  const page = await app.inject({ method: 'GET', url: `/werkgever/shortlists/${shortlistId}`, headers: { cookie: employer.cookie } });
  t.equal(page.statusCode, 200);
  t.match(page.body, /Kandidaten voor Orderpicker/);
  t.match(page.body, /Kandidaat 1/, 'without consent to share the name: a number');
  t.match(page.body, /Pakt pakketten snel en netjes in \(kandidaat 1\)/, 'the pitch');
  t.match(page.body, /orderpicken: redelijk \(uit vrijwilligerswerk\)/, 'competencies with their level and evidence in words');
  t.match(page.body, /Opbouw in stappen: 16 → 24 → 32 uur/, 'the hours building up');
  t.match(page.body, /nachtdienst<\/strong> \(maandag t\/m vrijdag\): kan niet/, 'which of the vacancy’s shifts fit');
  t.match(page.body, /U biedt bij deze vacature: een jobcoach, een proefplaatsing/);
  t.match(page.body, /Proefplaatsing\.<\/strong>.*Geld:/s, 'instruments with what they mean in money');
  t.match(page.body, /Naam en telefoonnummer ziet u pas als de kandidaat daar ook toestemming voor geeft/);
  const named = (await app.inject({ method: 'GET', url: `/v1/candidates/${candidates[1]!.id}`, headers: bearer(world.accountManager) })).json<{
    name: string;
  }>();
  t.match(page.body, new RegExp(named.name), 'the person who consented is named');
  const unnamed = (await app.inject({ method: 'GET', url: `/v1/candidates/${candidates[0]!.id}`, headers: bearer(world.accountManager) })).json<{
    name: string;
  }>();
  t.notMatch(page.body, new RegExp(unnamed.name), 'the person who did not is not');
  for (const secret of ['Schulden', 'schuldhulp', 'fiets regelen', 'persoon@test.example', candidates[0]!.reference]) {
    t.notOk(page.body.includes(secret), `nothing of "${secret}" on the employer page`);
  }

  const list = await app.inject({ method: 'GET', url: '/werkgever/shortlists', headers: { cookie: employer.cookie } });
  t.match(list.body, /2 wachten op uw antwoord/);
  const home = await app.inject({ method: 'GET', url: '/werkgever', headers: { cookie: employer.cookie } });
  t.match(home.body, /Orderpicker<\/a>: 2 kandidaten wachten/);

  const other = await sessionCookieFor(app, world.employerB.user);
  const foreign = await app.inject({ method: 'GET', url: `/werkgever/shortlists/${shortlistId}`, headers: { cookie: other.cookie } });
  t.equal(foreign.statusCode, 404, 'another employer does not find it');
  const staff = await sessionCookieFor(app, world.accountManager);
  t.equal(
    (await app.inject({ method: 'GET', url: `/werkgever/shortlists/${shortlistId}`, headers: { cookie: staff.cookie } })).statusCode,
    403,
    'staff use the werkplek',
  );
});

t.test('an instrument that discloses a protected fact is on the employer page only with consent for it; the werkplek says so (issue 11.11)', async (t) => {
  const { app, database } = await buildPageApp(t, { listen: false });
  const world = await buildTenant(database.db);
  // Both in the doelgroepregister; only the second agrees that the employer sees what follows from it.
  const { shortlistId, candidates } = await sentShortlist(app, world, {
    count: 2,
    eligibility: { doelgroepregister: true, reducedWageValue: false },
    instrumentConsent: [1],
  });
  const employer = await sessionCookieFor(app, world.employerA.user);
  const page = await app.inject({ method: 'GET', url: `/werkgever/shortlists/${shortlistId}`, headers: { cookie: employer.cookie } });
  t.equal(page.statusCode, 200);
  const sectionOf = (candidateId: string) => {
    const start = page.body.indexOf(`id="kandidaat-${candidateId}"`);
    const next = page.body.indexOf('<section', start);
    return page.body.slice(start, next === -1 ? undefined : next);
  };
  const first = sectionOf(candidates[0]!.id);
  const second = sectionOf(candidates[1]!.id);
  t.match(first, /<strong>Jobcoach\.<\/strong>/, 'what says nothing about the person is shown');
  for (const name of ['No-riskpolis', 'Loonkostenvoordeel banenafspraak', 'banenafspraak', 'doelgroepregister']) {
    t.notOk(first.includes(name), `without consent: no "${name}"`);
  }
  t.match(second, /<strong>No-riskpolis\.<\/strong>/, 'with consent: the no-riskpolis');
  t.match(second, /<strong>Loonkostenvoordeel banenafspraak\.<\/strong>/, 'with consent: the LKV banenafspraak');

  const staff = await sessionCookieFor(app, world.accountManager);
  const werkplek = await app.inject({ method: 'GET', url: `/werkplek/shortlists/${shortlistId}`, headers: { cookie: staff.cookie } });
  t.equal(werkplek.statusCode, 200);
  t.match(
    werkplek.body,
    /No-riskpolis<\/strong>: alleen zichtbaar voor de werkgever met toestemming\. Die toestemming is er niet/,
    'staff see that it is held back',
  );
  t.match(werkplek.body, /No-riskpolis<\/strong>: alleen zichtbaar voor de werkgever met toestemming\. Die toestemming is gegeven/, 'and where it is shown');
});

t.test('answers: invite with "bel mij" or times, decline with a reason; one answer per form however often it is sent', async (t) => {
  const { app, database } = await buildPageApp(t, { listen: false });
  const world = await buildTenant(database.db);
  const { shortlistId, candidates } = await sentShortlist(app, world, { count: 2 });
  const employer = await sessionCookieFor(app, world.employerA.user);
  const page = await app.inject({ method: 'GET', url: `/werkgever/shortlists/${shortlistId}`, headers: { cookie: employer.cookie } });
  const csrf = csrfOf(page.body);
  const key = /name="_sleutel" value="([^"]+)"/.exec(page.body)![1]!;
  const answer = (candidateId: string, values: Record<string, string>) =>
    app.inject({
      method: 'POST',
      url: `/werkgever/shortlists/${shortlistId}/kandidaten/${candidateId}/antwoord`,
      headers: { cookie: employer.cookie, ...form({}).headers },
      payload: form({ _csrf: csrf, ...values }).payload,
    });
  const feedbackRows = async () => database.db.select().from(employerFeedback).where(eq(employerFeedback.tenantId, world.tenantId));

  // A double tap: the same form twice, and at the same time.
  const invite = { _sleutel: key, decision: 'invite', manier: 'bel' };
  const [first, second] = await Promise.all([answer(candidates[0]!.id, invite), answer(candidates[0]!.id, invite)]);
  t.equal(first.statusCode, 303);
  t.equal(second.statusCode, 303);
  t.equal(first.headers.location, `/werkgever/shortlists/${shortlistId}?antwoord=${candidates[0]!.id}#kandidaat-${candidates[0]!.id}`);
  t.equal((await answer(candidates[0]!.id, invite)).statusCode, 303, 'and once more later');
  let rows = await feedbackRows();
  t.equal(rows.length, 1, 'one answer recorded');
  t.same(rows[0]!.invitation, { kind: 'call_me' });
  const audits = await database.db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.tenantId, world.tenantId), eq(auditLog.action, 'shortlist.feedback')));
  t.equal(audits.length, 1, 'the answer is in the audit log, once');
  t.equal(audits[0]!.actorUserId, world.employerA.user.userId);
  t.match(audits[0]!.details, { candidateId: candidates[0]!.id, decision: 'invite' });

  const after = await app.inject({ method: 'GET', url: first.headers.location as string, headers: { cookie: employer.cookie } });
  t.match(after.body, /Uw antwoord is verstuurd/);
  t.match(after.body, /Uw antwoord: uitgenodigd<\/strong>.*Het Werkplein belt u/s);

  // The same form with other values: not a second answer under the first one's key.
  const changed = await answer(candidates[0]!.id, { ...invite, manier: 'tijden', tijd1: '2099-01-05T10:00' });
  t.equal(changed.statusCode, 303);
  t.match(changed.headers.location, /dubbel=1/);
  t.equal((await feedbackRows()).length, 1);

  // Times: in the future, one to three.
  const past = await answer(candidates[1]!.id, { _sleutel: 'form-times-1', decision: 'invite', manier: 'tijden', tijd1: '2020-01-01T10:00' });
  t.equal(past.statusCode, 400);
  t.match(past.body, /Kies momenten in de toekomst/);
  t.match(past.body, /value="2020-01-01T10:00"/, 'what was typed is shown again');
  const times = await answer(candidates[1]!.id, {
    _sleutel: 'form-times-2',
    decision: 'invite',
    manier: 'tijden',
    tijd1: '2099-01-06T14:30',
    tijd2: '',
    tijd3: '2099-01-05T09:00',
  });
  t.equal(times.statusCode, 303);

  // Decline: a reason from the list; "other" needs words; words that point at a protected ground are flagged.
  const noReason = await answer(candidates[1]!.id, { _sleutel: 'form-decline-1', decision: 'decline' });
  t.equal(noReason.statusCode, 400);
  t.match(noReason.body, /Kies een reden/);
  const otherWithoutText = await answer(candidates[1]!.id, { _sleutel: 'form-decline-2', decision: 'decline', reden: 'other' });
  t.equal(otherWithoutText.statusCode, 400);
  t.match(otherWithoutText.body, /Schrijf bij &quot;iets anders&quot; kort op/);
  const flagged = await answer(candidates[1]!.id, {
    _sleutel: 'form-decline-3',
    decision: 'decline',
    reden: 'other',
    toelichting: 'Wij zoeken iemand die jonger is.',
  });
  t.equal(flagged.statusCode, 303);

  rows = await feedbackRows();
  t.equal(rows.length, 3);
  const staffView = (await app.inject({ method: 'GET', url: `/v1/shortlists/${shortlistId}`, headers: bearer(world.accountManager) })).json<{
    entries: Array<{
      candidateId: string;
      feedback: { decision: string; reasonCode: string | null; invitation: unknown; protectedGroundFlag: boolean } | null;
    }>;
  }>();
  const second2 = staffView.entries.find((entry) => entry.candidateId === candidates[1]!.id)!;
  t.match(second2.feedback, { decision: 'decline', reasonCode: 'other', protectedGroundFlag: true }, 'staff see the latest answer, flagged');
  const timesRow = rows.find((row) => row.invitation?.kind === 'times')!;
  t.same(timesRow.invitation, { kind: 'times', times: ['2099-01-05T09:00', '2099-01-06T14:30'] }, 'the proposed times, in order');
  const flaggedList = (await app.inject({ method: 'GET', url: '/v1/feedback/flagged', headers: bearer(world.accountManager) })).json<{
    items: Array<{ candidate: { id: string } }>;
  }>();
  t.same(
    flaggedList.items.map((item) => item.candidate.id),
    [candidates[1]!.id],
    'flagged to staff as the API does',
  );

  // Another employer cannot answer about these candidates.
  const other = await sessionCookieFor(app, world.employerB.user);
  const foreign = await app.inject({
    method: 'POST',
    url: `/werkgever/shortlists/${shortlistId}/kandidaten/${candidates[0]!.id}/antwoord`,
    headers: { cookie: other.cookie, ...form({}).headers },
    payload: form({ _csrf: other.csrf, _sleutel: 'form-foreign-1', decision: 'hire' }).payload,
  });
  t.equal(foreign.statusCode, 404);
  t.equal((await feedbackRows()).length, 3);
});

t.test('the API takes the invitation too, and refuses it with another answer', async (t) => {
  const { app, database } = await buildPageApp(t, { listen: false });
  const world = await buildTenant(database.db);
  const { shortlistId, candidates } = await sentShortlist(app, world, { count: 1 });
  const url = `/v1/shortlists/${shortlistId}/candidates/${candidates[0]!.id}/feedback`;
  const wrong = await app.inject({
    method: 'POST',
    url,
    headers: bearer(world.employerA.user),
    payload: { decision: 'hire', invitation: { kind: 'call_me' } },
  });
  t.equal(wrong.statusCode, 400);
  t.equal(wrong.json().code, 'feedback.invitation_without_invite');
  const right = await app.inject({
    method: 'POST',
    url,
    headers: bearer(world.employerA.user),
    payload: { decision: 'invite', invitation: { kind: 'times', times: ['2099-03-02T10:00'] } },
  });
  t.equal(right.statusCode, 201);
  t.same(right.json().invitation, { kind: 'times', times: ['2099-03-02T10:00'] });
});
