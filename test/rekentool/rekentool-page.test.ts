import t from 'tap';
import { bearer, buildTenant, createCandidate, intakeV2, vacancyBody } from '../support/factories.js';
import { expectAccessible, expectReflowAt320, newContext, screenshot, startBrowser } from '../support/browser.js';
import { buildPageApp, sessionCookieFor } from '../support/pages.js';

/*
 * Issue 17, point 4: the klantmanager's printable rekentool page — one page with the chart (inline
 * SVG, no script), three sentences of conclusion, the months in a table; axe 0 violations, 320 px
 * reflow, and printed to PDF it has no navigation and at most two A4 pages (one is the aim).
 */

t.test('the rekentool page: conclusion, chart and table; printable; accessible', async (t) => {
  const { app, database, baseUrl } = await buildPageApp(t);
  const world = await buildTenant(database.db);
  const vacancy = await app.inject({
    method: 'POST',
    url: '/v1/vacancies',
    headers: bearer(world.employerRelations),
    payload: vacancyBody({ employerId: world.employerA.employer.id, locationId: world.employerA.location.id, status: 'open', startDate: '2026-02-02' }),
  });
  const person = await createCandidate(app, world.accountManager);
  await app.inject({ method: 'POST', url: `/v1/candidates/${person.id}/intakes`, headers: bearer(world.accountManager), payload: intakeV2() });
  const url = `/werkplek/kandidaten/${person.id}/vacatures/${vacancy.json().id}/rekentool`;
  const { cookie } = await sessionCookieFor(app, world.accountManager);

  const missing = await app.inject({ method: 'GET', url, headers: { cookie } });
  t.equal(missing.statusCode, 409, 'without a household situation the page says what to do');
  t.match(missing.body, /alleen voor de rekentool/);

  await app.inject({ method: 'PUT', url: `/v1/candidates/${person.id}/household`, headers: bearer(world.accountManager), payload: { situation: 'single', ageGroup: '27_to_pension_age' } });
  const page = await app.inject({ method: 'GET', url: `${url}?monthlyWorkCosts=40`, headers: { cookie } });
  t.equal(page.statusCode, 200);
  t.match(page.body, /<h1[^>]*>Wat levert dit werk op\?<\/h1>/);
  t.equal(page.body.match(/utrecht-paragraph--lead/g)?.length, 3, 'three sentences of conclusion');
  t.match(page.body, /<svg class="rekentool-chart"[^>]*role="img"/);
  t.notMatch(page.body, /<script(?![^>]*src=)|\sstyle=/, 'no inline script or style (strict CSP)');
  t.equal(page.body.match(/<th class="utrecht-table__header-cell" scope="row">/g)?.length, 12, 'twelve months in the table');
  t.match(page.body, /Niet meegerekend/);
  const employer = await sessionCookieFor(app, world.employerA.user).catch(() => null);
  if (employer) t.not((await app.inject({ method: 'GET', url, headers: { cookie: employer.cookie } })).statusCode, 200, 'employers never see it');

  const browser = await startBrowser(t);
  const context = await newContext(browser, { baseUrl });
  t.teardown(() => context.close());
  await context.addCookies(
    cookie.split('; ').map((pair) => {
      const [name, ...value] = pair.split('=');
      return { name: name!, value: value.join('='), url: baseUrl };
    }),
  );
  const tab = await context.newPage();
  await tab.goto(`${url}?monthlyWorkCosts=40`);
  t.match(await tab.locator('h1').innerText(), /Wat levert dit werk op/);
  await expectAccessible(t, tab, 'rekentool page');
  await expectReflowAt320(t, tab, 'rekentool page');
  await screenshot(tab, 'rekentool');
  await tab.emulateMedia({ media: 'print' });
  t.equal(await tab.locator('.kansrijk-nav').isVisible().catch(() => false), false, 'no navigation on paper');
  const pdf = await tab.pdf({ format: 'A4', printBackground: true });
  const pages = pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g)?.length ?? 0;
  // The aim is one A4 page; with the assumptions and the list of what is not included it is two
  // today (a known gap, reported): the test keeps it from growing further.
  t.ok(pages >= 1 && pages <= 2, `printed: ${pages} A4 page(s)`);
});
