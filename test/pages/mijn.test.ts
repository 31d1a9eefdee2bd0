import { and, eq, isNotNull } from 'drizzle-orm';
import t from 'tap';
import { auditLog, signInLinks } from '../../db/schema/index.js';
import { startSmtpReceiver } from '../digests/smtp-receiver.js';
import { bearer, buildTenant, createCandidate, dayVacancy, intakeV2 } from '../support/factories.js';
import { fixedClock } from '../support/harness.js';
import { buildPageApp, cookieHeaderOf, csrfOf, form, sessionCookieFor } from '../support/pages.js';
import { waitFor } from '../support/wait.js';
import { sentShortlist } from '../werkgever/fixtures.js';

/*
 * Issue 17, point 6 without a browser: a jobseeker signs in with a code from their klantmanager
 * (hashed at rest, single use, short-lived) or a mailed link (real SMTP exchange); /mijn shows their
 * own data and nothing of scores, rankings or staff notes; they withdraw a consent (audited as by the
 * person) and propose corrections that change nothing until the klantmanager decides; ids in URLs
 * never reach another person's data; a jobseeker's session opens /mijn only, and staff and employer
 * sessions do not open /mijn. One app for the whole file.
 */

type App = Awaited<ReturnType<typeof buildPageApp>>['app'];

/** Signs in with a code the way a browser does: the code page's form, then the session cookie. */
async function signInWithCode(app: App, code: string) {
  const page = await app.inject({ method: 'GET', url: '/inloggen/code' });
  const anonymous = cookieHeaderOf(page.headers['set-cookie']);
  const answer = await app.inject({
    method: 'POST',
    url: '/inloggen/code',
    headers: { ...form({}).headers, cookie: anonymous },
    payload: form({ _csrf: csrfOf(page.body), code }).payload,
  });
  const cookie = answer.statusCode === 303 ? cookieHeaderOf(answer.headers['set-cookie']) : '';
  return { answer, cookie };
}

t.test('the jobseeker’s own page: sign-in, what it shows and hides, consents, corrections, access', async (t) => {
  const receiver = await startSmtpReceiver();
  t.teardown(() => receiver.close());
  const clock = fixedClock(new Date('2026-11-25T09:00:00Z'));
  const { app, database } = await buildPageApp(t, { clock, smtpUrl: receiver.url, listen: false });
  const { db } = database;
  const world = await buildTenant(db, { clock });
  // Two people on a sent shortlist: a pitch by staff, scores and barrier details from the intake.
  const { vacancyId, candidates } = await sentShortlist(app, world, { count: 2, discloseIdentity: [0] });
  const me = candidates[0]!;
  const other = candidates[1]!;
  const api = (method: 'GET' | 'PUT' | 'POST' | 'PATCH', url: string, payload?: unknown) =>
    app.inject({ method, url, headers: bearer(world.accountManager), ...(payload ? { payload } : {}) });
  t.equal((await api('PUT', `/v1/candidates/${me.id}/discussed-vacancies/${vacancyId}`)).statusCode, 200);
  t.equal((await api('PUT', `/v1/candidates/${me.id}/household`, { situation: 'single', ageGroup: '27_to_pension_age' })).statusCode, 200);
  // A staff note on a competence, and a ranking run that scores both people for the vacancy.
  const profileNow = (await api('GET', `/v1/candidates/${me.id}/profile`)).json();
  const noted = await api('PATCH', `/v1/candidates/${me.id}/profile`, {
    competencies: [
      ...profileNow.competencies.map((c: Record<string, unknown>) => ({ label: c.label, level: c.level, evidence: c.evidence })),
      { label: 'heftruck rijden', level: 1, evidence: 'observed', note: 'STAFNOTITIE: nog niet zelfstandig' },
    ],
  });
  t.equal(noted.statusCode, 200, noted.body);
  const ranked = await api('GET', `/v1/vacancies/${vacancyId}/matches`);
  t.equal(ranked.statusCode, 200, 'a ranking with scores exists for this vacancy');

  // --- Sign-in by a code from the klantmanager, made on the werkplek candidate page ---
  const staff = await sessionCookieFor(app, world.accountManager);
  const candidatePage = await app.inject({ method: 'GET', url: `/werkplek/kandidaten/${me.id}`, headers: { cookie: staff.cookie } });
  t.match(candidatePage.body, /Maak een inlogcode/);
  t.match(candidatePage.body, /heftruck rijden \(beginner, gezien door de klantmanager\)/, 'how well, and where staff know a competence from, in Dutch words');
  // An open day-shift vacancy that fits: the klantmanager has its rekentool, a werkgeversdienstverlener does not.
  const fittingId = (await dayVacancy(app, world)).id;
  const managerView = await app.inject({ method: 'GET', url: `/werkplek/kandidaten/${me.id}`, headers: { cookie: staff.cookie } });
  t.ok(
    managerView.body.includes(`href="/werkplek/kandidaten/${me.id}/vacatures/${fittingId}/rekentool"`),
    'the klantmanager opens the rekentool from a vacancy that fits',
  );
  t.match(
    managerView.body,
    /<button[^>]*>\s*Markeer als besproken<span class="kansrijk-visually-hidden">: Medewerker magazijn<\/span>/,
    'each button names its vacancy',
  );
  const relations = await sessionCookieFor(app, world.employerRelations);
  const relationsView = await app.inject({ method: 'GET', url: `/werkplek/kandidaten/${me.id}`, headers: { cookie: relations.cookie } });
  t.equal(relationsView.statusCode, 200);
  t.ok(relationsView.body.includes(`href="/werkplek/vacatures/${fittingId}"`), 'a werkgeversdienstverlener sees the vacancy that fits');
  t.notOk(relationsView.body.includes('/rekentool"'), 'without a rekentool link: the rekentool is not theirs to open');
  const made = await app.inject({
    method: 'POST',
    url: `/werkplek/kandidaten/${me.id}/inlogcode`,
    headers: { ...form({}).headers, cookie: staff.cookie },
    payload: form({ _csrf: csrfOf(candidatePage.body) }).payload,
  });
  t.equal(made.statusCode, 200, made.body);
  const code = /class="mijn-code">([A-Z0-9-]+)</.exec(made.body)?.[1];
  t.match(code, /^[A-Z2-9]{5}-[A-Z2-9]{5}$/, 'a code of ten letters and digits');
  const rows = await db
    .select()
    .from(signInLinks)
    .where(and(eq(signInLinks.tenantId, world.tenantId), isNotNull(signInLinks.codeHash)));
  t.equal(rows.length, 1);
  t.equal(rows[0]!.kind, 'jobseeker');
  t.notOk(JSON.stringify(rows).includes(code!.replace('-', '')), 'only a hash of the code is stored');
  t.equal(
    (
      await db
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.tenantId, world.tenantId), eq(auditLog.action, 'jobseeker.sign_in_code')))
    ).length,
    1,
    'making a code is audited',
  );
  const employerSession = await sessionCookieFor(app, world.employerA.user);
  const refused = await app.inject({
    method: 'POST',
    url: `/werkplek/kandidaten/${me.id}/inlogcode`,
    headers: { ...form({}).headers, cookie: employerSession.cookie },
    payload: form({ _csrf: employerSession.csrf }).payload,
  });
  t.equal(refused.statusCode, 403, 'an employer makes no codes');

  t.equal((await signInWithCode(app, 'ABCDE-FGHJK')).answer.statusCode, 400, 'a wrong code is refused');
  const empty = (await signInWithCode(app, '  ')).answer;
  t.equal(empty.statusCode, 400);
  t.match(empty.body, /Vul de code in/, 'an empty code is asked for, not called wrong');
  const { answer, cookie } = await signInWithCode(app, ` ${code!.toLowerCase()} `);
  t.equal(answer.statusCode, 303, 'typed in small letters with spaces: still the code');
  t.equal(answer.headers.location, '/mijn');
  const replay = await signInWithCode(app, code!);
  t.equal(replay.answer.statusCode, 400, 'a code works once');
  t.match(replay.answer.body, /Deze code werkt niet/);

  // An hour later a code no longer works; a new code replaces the old one.
  const second = await app.inject({
    method: 'POST',
    url: `/werkplek/kandidaten/${other.id}/inlogcode`,
    headers: { ...form({}).headers, cookie: staff.cookie },
    payload: form({ _csrf: staff.csrf }).payload,
  });
  const otherCode = /class="mijn-code">([A-Z0-9-]+)</.exec(second.body)![1]!;
  const third = await app.inject({
    method: 'POST',
    url: `/werkplek/kandidaten/${other.id}/inlogcode`,
    headers: { ...form({}).headers, cookie: staff.cookie },
    payload: form({ _csrf: staff.csrf }).payload,
  });
  const newest = /class="mijn-code">([A-Z0-9-]+)</.exec(third.body)![1]!;
  t.equal((await signInWithCode(app, otherCode)).answer.statusCode, 400, 'the earlier code is replaced');
  clock.advance(61 * 60_000);
  t.equal((await signInWithCode(app, newest)).answer.statusCode, 400, 'after an hour a code has expired');
  clock.advance(-61 * 60_000);
  const otherSession = (
    await signInWithCode(
      app,
      /class="mijn-code">([A-Z0-9-]+)</.exec(
        (
          await app.inject({
            method: 'POST',
            url: `/werkplek/kandidaten/${other.id}/inlogcode`,
            headers: { ...form({}).headers, cookie: staff.cookie },
            payload: form({ _csrf: staff.csrf }).payload,
          })
        ).body,
      )![1]!,
    )
  ).cookie;
  t.ok(otherSession, 'the other person signs in too');

  // --- What /mijn shows, and what it never shows ---
  const get = (url: string, session = cookie) => app.inject({ method: 'GET', url, headers: { cookie: session } });
  const pages: Record<string, string> = {};
  for (const url of ['/mijn', '/mijn/vacatures', `/mijn/vacatures/${vacancyId}`, '/mijn/toestemmingen', '/mijn/wensen']) {
    const page = await get(url);
    t.equal(page.statusCode, 200, `${url} opens`);
    pages[url] = page.body;
  }
  const home = pages['/mijn']!;
  t.match(home, /Wat het Werkplein van u weet/);
  t.match(home, /orderpicken: redelijk \(uit uw vrijwilligerswerk\)/, 'competences with their evidence');
  t.match(home, /Voedselbank: pakketten inpakken/, 'experience');
  t.match(home, /Wat u vertelde bij het eerste gesprek/);
  t.match(home, /fiets regelen via de fietsenbank \(over vervoer; wie: uw klantmanager\)/, 'agreed actions');
  t.match(home, /U bouwt op in stappen: 16 → 24 → 32 uur/);
  t.match(pages['/mijn/vacatures']!, /Orderpicker bij Werkgever A B\.V\./);
  t.match(pages[`/mijn/vacatures/${vacancyId}`]!, /Wat levert dit werk op\?/, 'the rekentool view');
  t.match(pages['/mijn/toestemmingen']!, /Toestemming intrekken/);
  const everything = Object.values(pages).join('\n');
  for (const secret of [
    'Kwam elke afspraak op tijd', // motivation evidence (a staff judgement)
    'Leerde het scansysteem', // learning ability evidence
    'traject bij schuldhulp loopt', // barrier description (special category, staff-written)
    'STAFNOTITIE', // staff note on a competence
    'Pakt pakketten snel', // the pitch staff wrote for the employer
    'van 100', // match scores
    'van 5', // assessment scores
    'score',
    'Motivatie',
    'Leervermogen',
    'rangschik',
  ]) {
    t.notOk(everything.toLowerCase().includes(secret.toLowerCase()), `nothing of "${secret}" on the person's own pages`);
  }

  // --- Another person's data through ids in URLs: never ---
  const foreignVacancy = await get(`/mijn/vacatures/${vacancyId}`, otherSession);
  t.equal(foreignVacancy.statusCode, 404, 'a vacancy not discussed with this person is not found');
  const myConsents = (await api('GET', `/v1/candidates/${me.id}/consents`)).json().items as Array<{ id: string; purpose: string; active: boolean }>;
  const shareConsent = myConsents.find((consent) => consent.purpose === 'disclose_identity')!;
  const otherCsrf = csrfOf((await get('/mijn/toestemmingen', otherSession)).body);
  const foreignWithdraw = await app.inject({
    method: 'POST',
    url: `/mijn/toestemmingen/${shareConsent.id}/intrekken`,
    headers: { ...form({}).headers, cookie: otherSession },
    payload: form({ _csrf: otherCsrf }).payload,
  });
  t.equal(foreignWithdraw.statusCode, 404, 'another person’s consent is not found');
  t.ok(
    (await api('GET', `/v1/candidates/${me.id}/consents`)).json().items.find((consent: { id: string }) => consent.id === shareConsent.id).active,
    'and stays as it was',
  );
  t.equal((await get(`/mijn/vacatures/not-an-id`)).statusCode, 400);

  // --- Withdrawing a consent: at once, audited as done by the person ---
  const csrf = csrfOf(pages['/mijn/toestemmingen']!);
  const withoutToken = await app.inject({
    method: 'POST',
    url: `/mijn/toestemmingen/${shareConsent.id}/intrekken`,
    headers: { ...form({}).headers, cookie },
    payload: form({ _csrf: 'wrong' }).payload,
  });
  t.equal(withoutToken.statusCode, 403, 'no CSRF token, no withdrawal');
  const withdrawn = await app.inject({
    method: 'POST',
    url: `/mijn/toestemmingen/${shareConsent.id}/intrekken`,
    headers: { ...form({}).headers, cookie },
    payload: form({ _csrf: csrf }).payload,
  });
  t.equal(withdrawn.statusCode, 303);
  t.equal(withdrawn.headers.location, '/mijn/toestemmingen?klaar=ingetrokken');
  t.notOk(
    (await api('GET', `/v1/candidates/${me.id}/consents`)).json().items.find((consent: { id: string }) => consent.id === shareConsent.id).active,
    'withdrawn',
  );
  const audited = await db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.tenantId, world.tenantId), eq(auditLog.action, 'consent.withdraw')));
  t.equal(audited.length, 1);
  t.equal(audited[0]!.actorUserId, null, 'no staff actor');
  t.match(audited[0]!.details, { by: 'person', purpose: 'disclose_identity' });
  const history = (await api('GET', `/v1/candidates/${me.id}/history`)).json().items as Array<{ summary: string }>;
  t.ok(history.some((entry) => entry.summary === 'Toestemming ingetrokken door de persoon zelf'));
  t.match((await get('/mijn/toestemmingen')).body, /Ingetrokken op 25 november 2026/);

  // --- Correcting wishes and availability: a proposal for the klantmanager, nothing changes yet ---
  const wishesCsrf = csrfOf(pages['/mijn/wensen']!);
  const post = (values: Record<string, string | string[]>) =>
    app.inject({ method: 'POST', url: '/mijn/wensen', headers: { ...form({}).headers, cookie }, payload: form({ _csrf: wishesCsrf, ...values }).payload });
  const current = {
    werk: 'orderpicker, magazijnwerk',
    sector: 'logistics',
    dag_mon: ['early', 'day'],
    dag_tue: ['early', 'day'],
    dag_wed: ['early', 'day'],
    dag_thu: ['early', 'day'],
    dag_fri: ['early', 'day'],
    urenNu: '16',
    urenDoel: '32',
    opbouw: '16, 24, 32',
  };
  const unchanged = await post(current);
  t.equal(unchanged.headers.location, '/mijn/wensen?klaar=niets', 'the form as it was sends nothing');
  const bad = await post({ ...current, urenDoel: 'veel', opbouw: '16, 99' });
  t.equal(bad.statusCode, 400);
  t.match(bad.body, /id="veld-urenDoel-fout"/);
  t.match(bad.body, /Schrijf hoogstens 8 stappen op/);
  t.match(bad.body, /name="urenDoel"[^>]*value="veel"/, 'what was typed stays');
  const sent = await post({ ...current, werk: 'orderpicker, schoonmaak', dag_sat: 'day', urenDoel: '24', toelichting: 'Op zaterdag kan ik ook.' });
  t.equal(sent.headers.location, '/mijn/wensen?klaar=verstuurd');
  const proposals = (await api('GET', `/v1/candidates/${me.id}/proposals?status=pending`)).json().items as Array<{
    id: string;
    changes: Record<string, unknown>;
    note: string;
  }>;
  t.equal(proposals.length, 1);
  t.same(Object.keys(proposals[0]!.changes).sort(), ['availability', 'hoursTarget', 'workWishes'], 'only what changed');
  t.match(proposals[0]!.changes, {
    hoursTarget: 24,
    workWishes: { titles: ['orderpicker', 'schoonmaak'], sectors: ['logistics'] },
    availability: { sat: ['day'] },
  });
  t.equal(proposals[0]!.note, 'Op zaterdag kan ik ook.');
  t.equal((await api('GET', `/v1/candidates/${me.id}/profile`)).json().hours.target, 32, 'nothing changed before the klantmanager decides');
  t.match((await get('/mijn/wensen')).body, /werkwens, wanneer u kunt werken, uren\. Stand: wacht op uw klantmanager/);
  // The klantmanager sees it on the werkplek candidate page and takes it over, with a word back.
  const staffView = await app.inject({ method: 'GET', url: `/werkplek/kandidaten/${me.id}`, headers: { cookie: staff.cookie } });
  t.match(
    staffView.body,
    /werk: orderpicker, schoonmaak; sectoren: logistics; beschikbaar: maandag vroege dienst\/dagdienst.*zaterdag dagdienst; uren doel: 24\. Toelichting: &quot;Op zaterdag kan ik ook\.&quot;/s,
  );
  const accepted = await app.inject({
    method: 'POST',
    url: `/werkplek/kandidaten/${me.id}/voorstellen/${proposals[0]!.id}`,
    headers: { ...form({}).headers, cookie: staff.cookie },
    payload: form({ _csrf: staff.csrf, decision: 'accept', note: 'Fijn, aangepast.' }).payload,
  });
  t.equal(accepted.statusCode, 303, accepted.body);
  t.match((await api('GET', `/v1/candidates/${me.id}/profile`)).json().hours, { target: 24 }, 'taken over in the profile');
  t.match((await app.inject({ method: 'GET', url: `/werkplek/kandidaten/${me.id}`, headers: { cookie: staff.cookie } })).body, /Er wacht geen wijziging op u/);
  t.match((await get('/mijn')).body, /Uw doel is 24 uur per week/);
  t.match((await get('/mijn/wensen')).body, /Stand: aangepast\. Uw klantmanager schreef: &quot;Fijn, aangepast\.&quot;/);

  // --- Sessions: a jobseeker opens /mijn only; staff and employers do not open /mijn ---
  for (const url of ['/werkplek', `/werkplek/kandidaten/${me.id}`, '/werkgever', '/werkgever/shortlists']) {
    t.equal((await get(url)).statusCode, 403, `a jobseeker's session does not open ${url}`);
  }
  for (const url of [`/v1/candidates/${me.id}`, `/v1/candidates/${me.id}/profile`, '/v1/vacancies']) {
    t.equal((await get(url)).statusCode, 401, `nor the API (${url})`);
  }
  t.equal(
    (await app.inject({ method: 'GET', url: `/bekijk/vacancy/${vacancyId}`, headers: { cookie } })).headers.location,
    `/mijn/vacatures/${vacancyId}`,
    '"Bekijk" opens the person’s own page',
  );
  for (const session of [staff.cookie, employerSession.cookie]) {
    for (const url of ['/mijn', '/mijn/toestemmingen', `/mijn/vacatures/${vacancyId}`])
      t.equal((await get(url, session)).statusCode, 403, `staff and employer sessions do not open ${url}`);
  }
  t.match((await app.inject({ method: 'GET', url: '/mijn' })).headers.location, /^\/inloggen\?terug=%2Fmijn/, 'without a session: to the sign-in');

  // --- Sign-in by a mailed link (real SMTP): the address the Werkplein has for the person ---
  const mailed = await createCandidate(app, world.accountManager, {
    contact: { givenName: 'Mail', familyName: 'Persoon', email: 'mail.persoon@test.example' },
  });
  await api('POST', `/v1/candidates/${mailed.id}/intakes`, intakeV2());
  const signInPage = await app.inject({ method: 'GET', url: '/inloggen' });
  t.match(signInPage.body, /href="\/inloggen\/code"/, 'the sign-in page offers the code');
  const anonymous = cookieHeaderOf(signInPage.headers['set-cookie']);
  const asked = await app.inject({
    method: 'POST',
    url: '/inloggen',
    headers: { ...form({}).headers, cookie: anonymous },
    payload: form({ _csrf: csrfOf(signInPage.body), email: 'Mail.Persoon@test.example' }).payload,
  });
  t.equal(asked.statusCode, 303);
  await waitFor(() => receiver.to('mail.persoon@test.example').length > 0, { what: 'the sign-in mail', intervalMs: 20 });
  const link = /(http:\/\/\S+\/inloggen\/link\?token=\S+)/.exec(receiver.to('mail.persoon@test.example')[0]!.parsed.text ?? '')![1]!;
  const token = new URL(link).searchParams.get('token')!;
  const opened = await app.inject({ method: 'GET', url: `/inloggen/link?token=${encodeURIComponent(token)}`, headers: { cookie: anonymous } });
  const used = await app.inject({
    method: 'POST',
    url: '/inloggen/link',
    headers: { ...form({}).headers, cookie: anonymous },
    payload: form({ _csrf: csrfOf(opened.body), token }).payload,
  });
  t.equal(used.statusCode, 303);
  t.equal(used.headers.location, '/mijn');
  const mailedHome = await get('/mijn', cookieHeaderOf(used.headers['set-cookie']));
  t.match(mailedHome.body, /Naam: Mail Persoon/, 'signed in as that person');
  t.equal((await get('/mijn/vacatures', cookieHeaderOf(used.headers['set-cookie']))).body.includes('Orderpicker'), false, 'with nothing of the others');

  // The klantmanager marks a vacancy as discussed on the werkplek, and takes it off again.
  const staffPost = (url: string) =>
    app.inject({ method: 'POST', url, headers: { ...form({}).headers, cookie: staff.cookie }, payload: form({ _csrf: staff.csrf }).payload });
  await api('PUT', `/v1/candidates/${other.id}/household`, { situation: 'single', ageGroup: '27_to_pension_age' });
  const staffRekentool = await app.inject({
    method: 'GET',
    url: `/werkplek/kandidaten/${other.id}/vacatures/${vacancyId}/rekentool`,
    headers: { cookie: staff.cookie },
  });
  t.match(
    staffRekentool.body,
    new RegExp(`action="/werkplek/kandidaten/${other.id}/besproken/${vacancyId}"`),
    'the klantmanager marks it from the rekentool page',
  );
  t.equal((await staffPost(`/werkplek/kandidaten/${other.id}/besproken/${vacancyId}`)).statusCode, 303);
  t.equal((await get(`/mijn/vacatures/${vacancyId}`, otherSession)).statusCode, 200, 'now the person sees it');
  t.equal((await staffPost(`/werkplek/kandidaten/${other.id}/besproken/${vacancyId}/weg`)).statusCode, 303);
  t.equal((await get(`/mijn/vacatures/${vacancyId}`, otherSession)).statusCode, 404, 'and no longer');
  t.equal(
    (
      await app.inject({
        method: 'POST',
        url: `/werkplek/kandidaten/${other.id}/besproken/${vacancyId}`,
        headers: { ...form({}).headers, cookie: employerSession.cookie },
        payload: form({ _csrf: employerSession.csrf }).payload,
      })
    ).statusCode,
    403,
    'not by an employer',
  );

  // Erased: the session ends with the person.
  const erased = await app.inject({
    method: 'POST',
    url: `/v1/candidates/${other.id}/erase`,
    headers: bearer(world.admin),
    payload: { reason: 'Verzoek van de persoon' },
  });
  t.ok(erased.statusCode < 300, erased.body);
  t.match((await get('/mijn', otherSession)).headers.location, /^\/inloggen/, 'an erased person’s session has ended');
});
