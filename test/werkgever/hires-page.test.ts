import { and, eq } from 'drizzle-orm';
import t from 'tap';
import { auditLog, placementCheckIns } from '../../db/schema/index.js';
import { addDays, amsterdamDate } from '../../src/placements/calendar.js';
import { expectAccessible, expectReflowAt320, newContext, signInAs, startBrowser, tabTo } from '../support/browser.js';
import { bearer, buildTenant } from '../support/factories.js';
import { buildPageApp, form, sessionCookieFor } from '../support/pages.js';
import { sentShortlist } from './fixtures.js';

/*
 * Issue 15.5: the employer's hires, their follow-up moments, and a two-question check-in at 1, 3 and
 * 6 months that reaches the klantmanager at once (GET /v1/me/inbox, werkplek Mijn werk). Minimised:
 * the name only with the person's consent; the Werkplein's own follow-up notes never. One check-in
 * per moment, whatever is sent twice; another employer's hire is not found. One app, one browser.
 */
t.test('hires and check-ins', async (t) => {
  const { app, database, baseUrl } = await buildPageApp(t);
  const db = database.db;
  const world = await buildTenant(db);
  const { shortlistId, vacancyId, candidates } = await sentShortlist(app, world, { count: 4, discloseIdentity: [0] });
  const placementIds: string[] = [];
  // The fourth started 100 days ago: the check-ins after one and after three months are both open.
  for (const [at, candidate] of candidates.entries()) {
    const started = addDays(amsterdamDate(new Date()), at === 3 ? -100 : -40);
    const placed = await app.inject({
      method: 'POST',
      url: '/v1/placements',
      headers: bearer(world.accountManager),
      payload: { candidateId: candidate.id, vacancyId, shortlistId, startDate: started, hoursPerWeek: 24, contractType: 'fixed_term', contractMonths: 6 },
    });
    t.equal(placed.statusCode, 201, placed.statusCode === 201 ? 'placement' : `placement ${placed.body}`);
    placementIds.push(placed.json().id as string);
  }
  // The Werkplein's own note on the first follow-up: never on the employer's pages.
  const note = await app.inject({
    method: 'POST',
    url: `/v1/placements/${placementIds[1]}/follow-ups`,
    headers: bearer(world.accountManager),
    payload: { monthMark: 1, outcome: 'working', note: 'Intern: gesprek over de reiskosten gehad.' },
  });
  t.equal(note.statusCode, 200);
  const nameOf = async (id: string) =>
    (await app.inject({ method: 'GET', url: `/v1/candidates/${id}`, headers: bearer(world.accountManager) })).json().name as string;
  const named = await nameOf(candidates[0]!.id);
  const unnamed = await nameOf(candidates[1]!.id);

  const employer = await sessionCookieFor(app, world.employerA.user);
  const get = (url: string, who = employer) => app.inject({ method: 'GET', url, headers: { cookie: who.cookie } });
  const post = (url: string, values: Record<string, string>, who = employer) => {
    const body = form({ _csrf: who.csrf, ...values });
    return app.inject({ method: 'POST', url, headers: { cookie: who.cookie, ...body.headers }, payload: body.payload });
  };
  const checkIns = (placementId: string) =>
    db
      .select()
      .from(placementCheckIns)
      .where(and(eq(placementCheckIns.tenantId, world.tenantId), eq(placementCheckIns.placementId, placementId)));

  await t.test('the list and the page: minimised, with the moments and what is open', async (t) => {
    const list = await get('/werkgever/medewerkers');
    t.equal(list.statusCode, 200);
    t.match(list.body, new RegExp(`href="/werkgever/medewerkers/${placementIds[0]}">${named}</a>`), 'the name, with consent');
    t.notMatch(list.body, new RegExp(unnamed), 'no name without consent');
    t.match(list.body, new RegExp(`href="/werkgever/medewerkers/${placementIds[1]}">Uw medewerker als [^<]+</a>`));
    t.match(list.body, new RegExp(`${named}</a>: [^<]+<strong> Er staat een check-in van twee vragen voor u klaar.</strong>`));
    t.match(list.body, new RegExp(`${placementIds[3]}">[^<]+</a>: [^<]+<strong> Er staan 2 check-ins van twee vragen voor u klaar.</strong>`), 'two open');
    const overview = await get('/werkgever');
    t.match(
      overview.body,
      new RegExp(
        `Hoe gaat het met uw nieuwe medewerkers\\?.*href="/werkgever/medewerkers/${placementIds[0]}">${named}</a>: er staat een check-in van twee vragen voor u klaar.`,
        's',
      ),
      'the overview says a check-in waits',
    );
    t.match(
      overview.body,
      new RegExp(`${placementIds[3]}">[^<]+</a>: er staan 2 check-ins van twee vragen voor u klaar.`),
      'the overview counts as the list does',
    );
    t.equal(
      (await get(`/bekijk/placement/${placementIds[1]}`)).headers.location,
      `/werkgever/medewerkers/${placementIds[1]}`,
      'the digest’s "Bekijk" link opens the hire',
    );
    const page = await get(`/werkgever/medewerkers/${placementIds[1]}`);
    t.equal(page.statusCode, 200);
    t.match(page.body, /Na 1 maand \([^)]+\): <strong>u kunt nu de check-in invullen\.<\/strong>/);
    t.match(page.body, /Na 3 maanden \([^)]+\): check-in kan vanaf/);
    t.notMatch(page.body, /reiskosten/, 'not the Werkplein’s own follow-up note');
    t.notMatch(page.body, new RegExp(unnamed));
  });

  await t.test('a check-in: answers required, sent twice records one, audited as the employer’s, reaches the klantmanager', async (t) => {
    const url = `/werkgever/medewerkers/${placementIds[0]}/check-in`;
    const missing = await post(url, { moment: '1', _sleutel: 'form-check-in-missing' });
    t.equal(missing.statusCode, 400);
    t.match(missing.body, /Kies een antwoord/);
    t.match(missing.body, /Uw check-in is nog niet verstuurd/, 'a summary at the top of the page');
    t.match(missing.body, /href="#goed-yes">Gaat het goed\?<\/a>: Kies een antwoord/, 'each point linked to its question');
    t.equal((await checkIns(placementIds[0]!)).length, 0);

    const answers = {
      moment: '1',
      goed: 'partly',
      nodig: 'ja',
      toelichting: 'Graag iemand van de jobcoach erbij, het tempo is nog lastig.',
      _sleutel: 'form-check-in-good-1',
    };
    const [first, second] = await Promise.all([post(url, answers), post(url, answers)]);
    t.equal(first.statusCode, 303);
    t.equal(second.headers.location, first.headers.location);
    t.equal(first.headers.location, `/werkgever/medewerkers/${placementIds[0]}?bewaard=1`);
    const rows = await checkIns(placementIds[0]!);
    t.equal(rows.length, 1, 'one check-in recorded');
    t.match(rows[0], { monthMark: 1, goingWell: 'partly', needsSomething: true, givenBy: world.employerA.user.userId });
    const again = await post(url, { ...answers, goed: 'yes', _sleutel: 'form-check-in-good-2' });
    t.equal(again.statusCode, 409, 'a second check-in for the same moment from another form');
    t.match(again.body, /is al gegeven/);
    t.equal((await checkIns(placementIds[0]!)).length, 1);

    const audited = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.tenantId, world.tenantId), eq(auditLog.action, 'placement.check_in'), eq(auditLog.subjectId, placementIds[0]!)));
    t.equal(audited.length, 1, 'one audit row');
    t.equal(audited[0]!.actorUserId, world.employerA.user.userId, 'the employer’s write');
    t.notMatch(JSON.stringify(audited[0]!.details), /jobcoach/, 'the audit row holds the answers, not the note');

    const page = await get(first.headers.location as string);
    t.match(page.body, /Uw check-in is verstuurd/);
    t.match(page.body, /check-in gegeven op [^.]+\. Gaat het goed\? een beetje\. Is er iets nodig\? ja\./);

    // At once, for the assigned klantmanager: the inbox (the answers, not the note), Mijn werk, the placement.
    const inbox = await app.inject({ method: 'GET', url: '/v1/me/inbox', headers: bearer(world.accountManager) });
    const item = (inbox.json().items as Array<Record<string, unknown>>).find((entry) => entry.kind === 'employer_check_in');
    t.match(item, { placementId: placementIds[0], candidate: { id: candidates[0]!.id }, checkIn: { monthMark: 1, goingWell: 'partly', needsSomething: true } });
    t.notMatch(inbox.body, /jobcoach/);
    const staff = await sessionCookieFor(app, world.accountManager);
    const myWork = await get('/werkplek', staff);
    t.match(myWork.body, /check-in van de werkgever na 1 maand\. Gaat het goed\? een beetje\. Is er\s+iets nodig\? <strong>ja<\/strong>/);
    const placementPage = await get(`/werkplek/plaatsingen/${placementIds[0]}`, staff);
    t.match(placementPage.body, /Check-ins van de werkgever/);
    t.match(placementPage.body, /Graag iemand van de jobcoach erbij/);
  });

  await t.test('scope: another employer finds neither page nor form; the API route likewise', async (t) => {
    const other = await sessionCookieFor(app, world.employerB.user);
    t.equal((await get(`/werkgever/medewerkers/${placementIds[2]}`, other)).statusCode, 404);
    t.equal((await post(`/werkgever/medewerkers/${placementIds[2]}/check-in`, { moment: '1', goed: 'yes', nodig: 'nee' }, other)).statusCode, 404);
    t.notMatch((await get('/werkgever/medewerkers', other)).body, /medewerkers\//);
    const staff = await sessionCookieFor(app, world.employerRelations);
    t.equal((await get('/werkgever/medewerkers', staff)).statusCode, 403);

    const api = (who: { token: string }, body: Record<string, unknown>) =>
      app.inject({ method: 'POST', url: `/v1/placements/${placementIds[2]}/check-ins`, headers: bearer(who), payload: body });
    t.equal((await api(world.employerB.user, { monthMark: 1, goingWell: 'yes', needsSomething: false })).statusCode, 404);
    t.equal(
      (await api(world.accountManager, { monthMark: 1, goingWell: 'yes', needsSomething: false })).statusCode,
      403,
      'staff do not check in for the employer',
    );
    const notYet = await api(world.employerA.user, { monthMark: 3, goingWell: 'yes', needsSomething: false });
    t.equal(notYet.statusCode, 409);
    t.equal(notYet.json().code, 'placement.check_in_not_open');
    const given = await api(world.employerA.user, { monthMark: 1, goingWell: 'yes', needsSomething: false });
    t.equal(given.statusCode, 201);
    t.match(given.json(), { monthMark: 1, goingWell: 'yes', needsSomething: false, note: null });
    t.equal((await api(world.employerA.user, { monthMark: 1, goingWell: 'no', needsSomething: true })).json().code, 'placement.check_in_given');
    t.equal(
      (await api(world.employerA.user, { monthMark: 1, goingWell: 'yes', needsSomething: false, extra: 1 })).statusCode,
      400,
      'unknown fields are refused',
    );
  });

  await t.test('in Chromium on a phone: from the list to a check-in, by keyboard at the end', async (t) => {
    const browser = await startBrowser(t);
    const context = await newContext(browser, { baseUrl, width: 360, height: 780 });
    t.teardown(() => context.close());
    const page = await context.newPage();
    await signInAs(page, app, world.employerA.user, '/werkgever');
    t.match(await page.locator('main').innerText(), /Hoe gaat het met uw nieuwe medewerkers\?/);
    await expectAccessible(t, page, 'the overview with a check-in waiting');
    await expectReflowAt320(t, page, 'the overview with a check-in waiting');
    await Promise.all([page.waitForURL(/\/werkgever\/medewerkers$/), page.getByRole('link', { name: 'Medewerkers' }).click()]);
    await expectAccessible(t, page, 'my hires');
    await expectReflowAt320(t, page, 'my hires');
    await Promise.all([
      page.waitForURL(new RegExp(`/werkgever/medewerkers/${placementIds[1]}$`)),
      page.locator(`main a[href="/werkgever/medewerkers/${placementIds[1]}"]`).click(),
    ]);
    await expectAccessible(t, page, 'a hire with its check-in form');
    await expectReflowAt320(t, page, 'a hire with its check-in form');
    await page.getByLabel('Ja', { exact: true }).first().check();
    await page.getByLabel('Nee', { exact: true }).last().check();
    await page.getByLabel('Wat is er nodig, of wat wilt u nog kwijt? (mag leeg)').focus();
    await tabTo(page, /Check-in versturen/, 5);
    await Promise.all([page.waitForURL(/\?bewaard=1$/), page.keyboard.press('Enter')]);
    t.match(await page.locator('main').innerText(), /Uw check-in is verstuurd/);
    await expectAccessible(t, page, 'after the check-in');
    t.match(await checkIns(placementIds[1]!), [{ monthMark: 1, goingWell: 'yes', needsSomething: false }]);
  });
});
