import t from 'tap';
import { bearer, buildTenant, createCandidate, intakeV2, vacancyBody } from '../support/factories.js';
import { expectAccessible, expectReflowAt320, newContext, screenshot, signInAs, startBrowser, tabTo } from '../support/browser.js';
import { buildPageApp, csrfOf, form, sessionCookieFor } from '../support/pages.js';

/*
 * Issue 17, point 4: the klantmanager's printable rekentool page — one page with the chart (inline
 * SVG, no script), three sentences of conclusion, the months in a table; axe 0 violations, 320 px
 * reflow, and printed to PDF it has no navigation and fits one A4 page (Chromium's page.pdf, counted).
 * The klantmanager opens it from a candidate's matches or from a shortlist entry.
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

  // Without a household situation the page asks for it, in the werkplek (not "use the API").
  const missing = await app.inject({ method: 'GET', url, headers: { cookie } });
  t.equal(missing.statusCode, 200);
  t.match(missing.body, /De rekentool heeft eerst de woonsituatie van deze persoon nodig/);
  t.match(missing.body, /alleen voor de rekentool/);
  t.notMatch(missing.body, /\/v1\//, 'no API address on a page');
  const formAction = `/werkplek/kandidaten/${person.id}/woonsituatie`;
  t.ok(missing.body.includes(`action="${formAction}"`));
  const send = (fields: Record<string, string>) =>
    app.inject({
      method: 'POST',
      url: formAction,
      headers: { ...form({}).headers, cookie },
      payload: form({ _csrf: csrfOf(missing.body), ...fields }).payload,
    });
  const incomplete = await send({ ageGroup: '27_to_pension_age', costSharers: '0', partnerNetMonthlyIncome: '0', vacature: vacancy.json().id });
  t.equal(incomplete.statusCode, 422);
  t.match(
    incomplete.body,
    /href="#veld-situation-single">Woonsituatie: Kies een van de mogelijkheden/,
    'what is missing, in words, linked to its first choice',
  );
  t.match(incomplete.body, /id="veld-situation-single"/);
  t.match(incomplete.body, /value="27_to_pension_age"[^>]*checked/, 'what was chosen stays');
  t.match(missing.body, new RegExp(`href="/werkplek/kandidaten/${person.id}">Terug naar de kandidaat`), 'back to where the klantmanager came from');
  // Numbers as people type them; what is no number says so.
  const words = await send({ situation: 'partners', ageGroup: '27_to_pension_age', costSharers: 'twee', partnerNetMonthlyIncome: '1.250,505' });
  t.equal(words.statusCode, 422);
  t.match(words.body, /Medebewoners: Vul een aantal in, bijvoorbeeld 1\./);
  t.match(words.body, /Inkomen van de partner: Vul een bedrag in euro in, bijvoorbeeld 1\.250,50\./);
  t.equal((await send({ situation: 'partners', ageGroup: '27_to_pension_age', costSharers: '1', partnerNetMonthlyIncome: '€ 1.250,50' })).statusCode, 303);
  const partners = await app.inject({ method: 'GET', url: `/v1/candidates/${person.id}/household`, headers: bearer(world.accountManager) });
  t.match(partners.json(), { situation: 'partners', costSharers: 1, partnerNetMonthlyIncome: 1250.5 }, '"€ 1.250,50" is 1250.50 euro');
  const shown = await app.inject({ method: 'GET', url: `${formAction}?vacature=${vacancy.json().id}`, headers: { cookie } });
  t.match(shown.body, /value="1250,50"/, 'shown again as an amount');
  t.match(shown.body, new RegExp(`href="${url}">Terug naar de rekentool`));
  const saved = await send({ situation: 'single', ageGroup: '27_to_pension_age', costSharers: '0', partnerNetMonthlyIncome: '0', vacature: vacancy.json().id });
  t.equal(saved.statusCode, 303);
  t.equal(saved.headers.location, url, 'back to the rekentool');
  const stored = await app.inject({ method: 'GET', url: `/v1/candidates/${person.id}/household`, headers: bearer(world.accountManager) });
  t.match(stored.json(), { situation: 'single', ageGroup: '27_to_pension_age', costSharers: 0, partnerNetMonthlyIncome: 0 });

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
  await tab.goto(`${formAction}?vacature=${vacancy.json().id}`);
  t.equal(await tab.locator('#veld-situation-single').isChecked(), true, 'the form shows what is stored');
  await expectAccessible(t, tab, 'household form');
  await expectReflowAt320(t, tab, 'household form');
  await tab.goto(`${url}?monthlyWorkCosts=40`);
  t.match(await tab.locator('h1').innerText(), /Wat levert dit werk op/);
  await expectAccessible(t, tab, 'rekentool page');
  await expectReflowAt320(t, tab, 'rekentool page');
  await screenshot(tab, 'rekentool');
  await tab.emulateMedia({ media: 'print' });
  t.equal(
    await tab
      .locator('.kansrijk-nav')
      .isVisible()
      .catch(() => false),
    false,
    'no navigation on paper',
  );
  // The printable width of A4 with 10 mm margins at 96 dpi, for a screenshot like the paper.
  await tab.setViewportSize({ width: 718, height: 1047 });
  await screenshot(tab, 'rekentool-print');
  t.equal(await pdfPages(tab), 1, 'printed on one A4 page');

  // The longest page we know: partners with the partner's income, a wage and a contract that ends,
  // work costs: every optional assumption and flag is on it, and it still prints on one A4 page.
  await app.inject({
    method: 'PUT',
    url: `/v1/candidates/${person.id}/household`,
    headers: bearer(world.accountManager),
    payload: { situation: 'partners', ageGroup: '27_to_pension_age', partnerNetMonthlyIncome: 640 },
  });
  await tab.emulateMedia({ media: 'screen' });
  await tab.goto(`${url}?monthlyWorkCosts=85.50&hourlyWage=15.25&contractMonths=7&hoursPlan=8,16,24,32&stepMonths=2`);
  t.match(await tab.locator('h1').innerText(), /Wat levert dit werk op/);
  await tab.emulateMedia({ media: 'print' });
  await screenshot(tab, 'rekentool-print-longest');
  t.equal(await pdfPages(tab), 1, 'the longest page prints on one A4 page too');
});

t.test('the klantmanager opens the rekentool from a shortlist entry, and goes back to the shortlist', async (t) => {
  const { app, database, baseUrl } = await buildPageApp(t);
  const world = await buildTenant(database.db);
  const vacancy = await app.inject({
    method: 'POST',
    url: '/v1/vacancies',
    headers: bearer(world.employerRelations),
    payload: vacancyBody({ employerId: world.employerA.employer.id, locationId: world.employerA.location.id, status: 'open', startDate: '2026-02-02' }),
  });
  const vacancyId = vacancy.json().id as string;
  const person = await createCandidate(app, world.accountManager);
  await app.inject({ method: 'POST', url: `/v1/candidates/${person.id}/intakes`, headers: bearer(world.accountManager), payload: intakeV2() });
  await app.inject({
    method: 'PUT',
    url: `/v1/candidates/${person.id}/household`,
    headers: bearer(world.accountManager),
    payload: { situation: 'single_parent', ageGroup: '27_to_pension_age' },
  });
  const shortlist = await app.inject({
    method: 'POST',
    url: `/v1/vacancies/${vacancyId}/shortlists`,
    headers: bearer(world.accountManager),
    payload: { noteToEmployer: 'Twee mensen die graag willen beginnen.' },
  });
  const shortlistId = shortlist.json().id as string;
  const entry = await app.inject({
    method: 'POST',
    url: `/v1/shortlists/${shortlistId}/candidates`,
    headers: bearer(world.accountManager),
    payload: { candidateId: person.id, pitch: { strengths: 'Betrouwbaar en leert snel' } },
  });
  t.equal(entry.statusCode, 201, entry.body);

  const relations = await sessionCookieFor(app, world.employerRelations);
  const seenByRelations = await app.inject({ method: 'GET', url: `/werkplek/shortlists/${shortlistId}`, headers: { cookie: relations.cookie } });
  t.equal(seenByRelations.statusCode, 200);
  t.notMatch(seenByRelations.body, /rekentool/, 'employer relations staff get no rekentool link (they may not open it)');

  const browser = await startBrowser(t);
  const context = await newContext(browser, { baseUrl });
  t.teardown(() => context.close());
  const tab = await context.newPage();
  await signInAs(tab, app, world.accountManager, `/werkplek/shortlists/${shortlistId}`);
  await expectAccessible(t, tab, 'shortlist page with rekentool links');
  await tabTo(tab, /rekentool/);
  await Promise.all([tab.waitForURL(/\/rekentool\?shortlist=/), tab.keyboard.press('Enter')]);
  t.match(await tab.locator('h1').innerText(), /Wat levert dit werk op/, 'keyboard: from the shortlist entry to the rekentool');
  await expectAccessible(t, tab, 'rekentool page from a shortlist');
  await Promise.all([tab.waitForURL(new RegExp(`/werkplek/shortlists/${shortlistId}$`)), tab.getByRole('link', { name: 'Terug naar de shortlist' }).click()]);
  t.pass('back to the shortlist');
  const badShortlist = await tab.goto(`/werkplek/kandidaten/${person.id}/vacatures/${vacancyId}/rekentool?shortlist=niet-een-id`);
  t.equal(badShortlist?.status(), 400, 'a malformed way back is refused, not followed');
});

/** Pages in a PDF of the page as printed on A4 (Chromium's own print to PDF). */
async function pdfPages(tab: import('playwright-core').Page): Promise<number> {
  const pdf = await tab.pdf({ format: 'A4', printBackground: true });
  return pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g)?.length ?? 0;
}
