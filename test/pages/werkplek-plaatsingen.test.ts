import t from 'tap';
import { shortlistWorld } from '../shortlists/fixtures.js';
import { bearer } from '../support/factories.js';
import { expectAccessible, expectReflowAt320, newContext, signInAs, startBrowser, tabTo } from '../support/browser.js';
import { createTestDatabase } from '../support/harness.js';
import { buildPageApp, form, sessionCookieFor } from '../support/pages.js';

/*
 * Plaatsingen (issue 14, page 5): a hire becomes a placement from the shortlist page; the talks at
 * 1, 3 and 6 months are recorded on the placement page; a drop-out needs its reason. Forms work
 * without JavaScript (inject) and by keyboard (Chromium), axe on every page.
 */
t.test('a hire becomes a placement; follow-ups and a drop-out with its reason are recorded in the werkplek', async (t) => {
  const database = await createTestDatabase(t);
  const scene = await shortlistWorld(t, {}, { database });
  const { world, clock, inject, person, newShortlist, addApproved, employer, vacancyId } = scene;
  const { app, baseUrl } = await buildPageApp(t, { database, clock });

  const hired = await person();
  const shortlistId = await newShortlist();
  await addApproved(shortlistId, hired.id);
  t.equal((await inject('POST', `/v1/shortlists/${shortlistId}/send`)).statusCode, 200);
  const answer = await inject('POST', `/v1/shortlists/${shortlistId}/candidates/${hired.id}/feedback`, employer, { decision: 'hire' });
  t.equal(answer.statusCode, 201, answer.body);

  let { cookie, csrf } = await sessionCookieFor(app, world.accountManager);
  const get = (url: string) => app.inject({ method: 'GET', url, headers: { cookie } });
  const post = (url: string, values: Record<string, string | string[]>) => {
    const body = form({ _csrf: csrf, ...values });
    return app.inject({ method: 'POST', url, headers: { cookie, ...body.headers }, payload: body.payload });
  };

  const shortlistHtml = (await get(`/werkplek/shortlists/${shortlistId}`)).body;
  const newUrl = `/werkplek/plaatsingen/nieuw?candidateId=${hired.id}&amp;vacancyId=${vacancyId}&amp;shortlistId=${shortlistId}`;
  t.ok(shortlistHtml.includes(newUrl), 'the hire can be recorded as a placement from the shortlist');
  const formPage = await get(newUrl.replaceAll('&amp;', '&'));
  t.equal(formPage.statusCode, 200);
  t.match(formPage.body, /value="2026-12-14"/, 'the vacancy’s start date is proposed');

  const base = {
    candidateId: hired.id,
    vacancyId,
    shortlistId,
    hoursPerWeek: '24',
    contractType: 'fixed_term',
    contractMonths: '6',
    instruments: ['jobcoach', 'no_riskpolis'],
  };
  const missing = await post('/werkplek/plaatsingen', { ...base, startDate: '' });
  t.equal(missing.statusCode, 422, 'a placement without a start date is refused');
  t.match(missing.body, /Eerste werkdag: Dit veld ontbreekt/);
  t.match(missing.body, /name="contractMonths"[^>]*value="6"/, 'what was typed stays');

  const created = await post('/werkplek/plaatsingen', { ...base, startDate: '2026-11-20' });
  t.equal(created.statusCode, 303, created.body);
  const placementUrl = String(created.headers.location);
  t.match(placementUrl, /^\/werkplek\/plaatsingen\/[0-9a-f-]{36}$/);
  const placementId = placementUrl.split('/').pop()!;
  const api = (await inject('GET', `/v1/placements/${placementId}`)).json();
  t.match(
    api,
    { startDate: '2026-11-20', hoursPerWeek: 24, contractMonths: 6, instrumentsUsed: [{ code: 'jobcoach' }, { code: 'no_riskpolis' }] },
    'stored through the service',
  );
  const again = await post('/werkplek/plaatsingen', { ...base, startDate: '2026-11-20' });
  t.equal(again.statusCode, 409, 'the same placement twice is refused on the form');
  t.match(again.body, /utrecht-alert--error/);

  // A month after the start: the first talk is due.
  clock.set(new Date('2026-12-21T09:00:00Z'));
  ({ cookie, csrf } = await sessionCookieFor(app, world.accountManager)); // the session of a month ago has ended
  let page = (await get(placementUrl)).body;
  t.match(page, /20 december 2026 \(nu aan de beurt\)/);
  t.match(page, /Ongeveer €\s[\d.]+,\d\d minder bijstand/, 'the savings estimate with its assumptions');

  const noReason = await post(`${placementUrl}/gesprek`, { monthMark: '1', outcome: 'dropped_out', dropoutReason: '', endedOn: '', note: '' });
  t.ok(noReason.statusCode >= 400 && noReason.statusCode < 500, `a drop-out without a reason is refused (${noReason.statusCode})`);
  t.match(noReason.body, /utrecht-alert--error/);
  t.match(noReason.body, /id="outcome-dropped_out"[^>]*checked/, 'the answer stays chosen');

  const recorded = await post(`${placementUrl}/gesprek`, {
    monthMark: '1',
    outcome: 'dropped_out',
    dropoutReason: 'travel',
    endedOn: '2026-12-18',
    note: 'De laatste bus reed niet meer.',
  });
  t.equal(recorded.statusCode, 303, recorded.body);
  page = (await get(placementUrl)).body;
  t.match(page, /is gestopt \(uitgevallen\), reden: reizen\. De laatste bus reed niet meer\./);
  t.match(page, /Status: gestopt, gestopt op 18 december 2026/);
  t.notMatch(page, /Gesprek vastleggen/, 'an ended placement has no talks to record');
  t.match((await inject('GET', `/v1/placements/${placementId}`)).json(), { status: 'ended', endReason: 'travel' });

  // Without a session: to the sign-in; another tenant's placement: not found.
  t.match((await app.inject({ method: 'GET', url: placementUrl })).headers.location, /^\/inloggen\?terug=/);
  const other = await get('/werkplek/plaatsingen/01a211ee-ea80-7000-8000-000000000000');
  t.equal(other.statusCode, 404);
  t.equal(
    (await app.inject({ method: 'GET', url: `/bekijk/placement/${placementId}`, headers: { cookie } })).headers.location,
    placementUrl,
    '"Bekijk" links open the placement',
  );

  // In Chromium: the pages pass axe and reflow; a talk recorded by keyboard only.
  const second = await person();
  const secondList = await newShortlist();
  await addApproved(secondList, second.id);
  await inject('POST', `/v1/shortlists/${secondList}/send`);
  const running = await inject('POST', '/v1/placements', undefined, {
    candidateId: second.id,
    vacancyId,
    shortlistId: secondList,
    startDate: '2026-11-10',
    hoursPerWeek: 16,
    contractType: 'permanent',
  });
  t.equal(running.statusCode, 201, running.body);
  // With the household recorded, the savings follow the rules month by month, each assumption with its source (issue 16.6).
  const household = await scene.app.inject({
    method: 'PUT',
    url: `/v1/candidates/${second.id}/household`,
    headers: bearer(world.accountManager),
    payload: { situation: 'single', ageGroup: '27_to_pension_age' },
  });
  t.equal(household.statusCode, 200, household.body);
  const runningPage = (await get(`/werkplek/plaatsingen/${running.json().id}`)).body;
  t.match(runningPage, /<caption class="utrecht-table__caption">Besparing per maand, het eerste jaar<\/caption>/);
  t.equal((runningPage.match(/<th class="utrecht-table__header-cell" scope="row">20\d\d-\d\d<\/th>/g) ?? []).length, 12, 'twelve months');
  t.match(runningPage, /Inkomstenvrijlating: 25% van het netto loon[^<]*Bron: <a class="utrecht-link utrecht-link--html-a" href="https:\/\//);

  const browser = await startBrowser(t);
  const context = await newContext(browser, { baseUrl });
  t.teardown(() => context.close());
  const tab = await context.newPage();
  await signInAs(tab, app, world.accountManager);
  await tab.goto('/werkplek/plaatsingen');
  await expectAccessible(t, tab, 'Plaatsingen');
  await expectReflowAt320(t, tab, 'Plaatsingen');
  await tab.goto('/werkplek/plaatsingen?status=ended');
  await expectAccessible(t, tab, 'ended placements');
  await tab.goto(newUrl.replaceAll('&amp;', '&').replace(hired.id, second.id).replace(shortlistId, secondList));
  await expectAccessible(t, tab, 'new placement form');
  await expectReflowAt320(t, tab, 'new placement form');
  await tab.goto(`/werkplek/plaatsingen/${running.json().id}`);
  await expectAccessible(t, tab, 'placement page');
  await expectReflowAt320(t, tab, 'placement page');
  await tabTo(tab, /^werkt daar nog\s+working$/);
  await tab.keyboard.press('Space');
  await tabTo(tab, /Gesprek opslaan/);
  await Promise.all([tab.waitForURL(new RegExp(`/werkplek/plaatsingen/${running.json().id}$`)), tab.waitForEvent('load'), tab.keyboard.press('Enter')]);
  t.match(await tab.locator('main table').first().innerText(), /werkt daar nog/, 'recorded by keyboard');
  await expectAccessible(t, tab, 'placement page after a talk');
});
