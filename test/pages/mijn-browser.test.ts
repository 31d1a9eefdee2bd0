import t from 'tap';
import { bearer, buildTenant, createCandidate, intakeV2, vacancyBody } from '../support/factories.js';
import { expectAccessible, expectReflowAt320, newContext, screenshot, signInAs, startBrowser, tabTo } from '../support/browser.js';
import { buildPageApp } from '../support/pages.js';

/*
 * Issue 17, point 6 in Chromium: the klantmanager makes a sign-in code on the werkplek; the person
 * signs in with it and goes through every page of Mijn Werkplein by keyboard alone: axe 0 violations
 * on every page, no sideways scrolling at 320 px, a consent withdrawn, a correction sent.
 * One browser and one app for the file; a tenant of its own, no demo seed.
 */
t.test('a jobseeker signs in with a code and uses Mijn Werkplein by keyboard', async (t) => {
  const browser = await startBrowser(t);
  const { app, database, baseUrl } = await buildPageApp(t);
  const world = await buildTenant(database.db);
  const api = (method: 'PUT' | 'POST', url: string, payload?: unknown) =>
    app.inject({ method, url, headers: bearer(world.accountManager), ...(payload ? { payload } : {}) });
  const vacancy = await app.inject({
    method: 'POST',
    url: '/v1/vacancies',
    headers: bearer(world.employerRelations),
    payload: vacancyBody({ employerId: world.employerA.employer.id, locationId: world.employerA.location.id, status: 'open' }),
  });
  const vacancyId = vacancy.json().id as string;
  const person = await createCandidate(app, world.accountManager, { contact: { givenName: 'Sanne', familyName: 'de Vries', email: 'sanne@test.example' } });
  t.equal((await api('POST', `/v1/candidates/${person.id}/intakes`, intakeV2())).statusCode, 201);
  t.equal((await api('POST', `/v1/candidates/${person.id}/consents`, { purpose: 'share_with_employers', textVersion: '2026-1' })).statusCode, 201);
  t.equal((await api('PUT', `/v1/candidates/${person.id}/discussed-vacancies/${vacancyId}`)).statusCode, 200);
  t.equal((await api('PUT', `/v1/candidates/${person.id}/household`, { situation: 'single', ageGroup: '27_to_pension_age' })).statusCode, 200);

  // The klantmanager makes a code on the candidate page, by keyboard.
  const staff = await newContext(browser, { baseUrl });
  t.teardown(() => staff.close());
  const staffPage = await staff.newPage();
  await signInAs(staffPage, app, world.accountManager, `/werkplek/kandidaten/${person.id}`);
  await expectAccessible(t, staffPage, 'the werkplek candidate page');
  await tabTo(staffPage, /Maak een inlogcode/);
  await Promise.all([staffPage.waitForURL(/\/inlogcode$/), staffPage.keyboard.press('Enter')]);
  await expectAccessible(t, staffPage, 'the sign-in code page');
  const code = (await staffPage.locator('.mijn-code').innerText()).trim();
  t.match(code, /^[A-Z2-9]{5}-[A-Z2-9]{5}$/);

  // The person, on a phone-sized screen: sign-in page → "Inloggen met een code" → code → /mijn.
  const context = await newContext(browser, { baseUrl, width: 375, height: 800 });
  t.teardown(() => context.close());
  const page = await context.newPage();
  await page.goto('/inloggen');
  await expectAccessible(t, page, 'the sign-in page');
  await tabTo(page, /Inloggen met een code/);
  await Promise.all([page.waitForURL(/\/inloggen\/code$/), page.keyboard.press('Enter')]);
  await expectAccessible(t, page, 'the code page');
  await expectReflowAt320(t, page, 'the code page');
  await tabTo(page, /Inlogcode/);
  await page.keyboard.type(code.toLowerCase());
  await Promise.all([page.waitForURL(/\/mijn$/), page.keyboard.press('Enter')]);
  const home = await page.locator('main').innerText();
  t.match(home, /Wat het Werkplein van u weet/);
  t.match(home, /Naam: Sanne de Vries/);
  await expectAccessible(t, page, '/mijn');
  await expectReflowAt320(t, page, '/mijn');
  await screenshot(page, 'mijn');

  // The vacancies discussed, and the rekentool for one.
  await tabTo(page, /^Vacatures$/);
  await Promise.all([page.waitForURL(/\/mijn\/vacatures$/), page.keyboard.press('Enter')]);
  await expectAccessible(t, page, '/mijn/vacatures');
  await expectReflowAt320(t, page, '/mijn/vacatures');
  await tabTo(page, /Orderpicker bij Werkgever A/);
  await Promise.all([page.waitForURL(/\/mijn\/vacatures\/[0-9a-f-]{36}$/), page.keyboard.press('Enter')]);
  t.match(await page.locator('main').innerText(), /Wat levert dit werk op\?/);
  await expectAccessible(t, page, 'the rekentool on /mijn');
  await expectReflowAt320(t, page, 'the rekentool on /mijn');
  await screenshot(page, 'mijn-rekentool');

  // Consents: withdraw one, confirming the question.
  await page.goto('/mijn/toestemmingen');
  await expectAccessible(t, page, '/mijn/toestemmingen');
  await expectReflowAt320(t, page, '/mijn/toestemmingen');
  page.once('dialog', (dialog) => void dialog.accept());
  await tabTo(page, /Toestemming intrekken/);
  await Promise.all([page.waitForURL(/klaar=ingetrokken/), page.keyboard.press('Enter')]);
  t.match(await page.locator('main').innerText(), /Uw toestemming is ingetrokken/);
  t.match(await page.locator('main').innerText(), /U hebt nu geen toestemming gegeven/);
  await expectAccessible(t, page, '/mijn/toestemmingen after withdrawing');

  // Wishes: change the target hours and send it to the klantmanager.
  await page.goto('/mijn/wensen');
  await expectAccessible(t, page, '/mijn/wensen');
  await expectReflowAt320(t, page, '/mijn/wensen');
  await screenshot(page, 'mijn-wensen');
  await tabTo(page, /Hoeveel uur per week wilt u later werken/, 80);
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.type('24');
  await tabTo(page, /Stuur naar mijn klantmanager/);
  await Promise.all([page.waitForURL(/klaar=verstuurd/), page.keyboard.press('Enter')]);
  t.match(await page.locator('main').innerText(), /Uw klantmanager kijkt naar uw wijziging/);
  t.match(await page.locator('main').innerText(), /uren\. Stand: wacht op uw klantmanager/);
  await expectAccessible(t, page, '/mijn/wensen after sending');

  // The klantmanager sees it on the candidate page and takes it over, by keyboard.
  await staffPage.goto(`/werkplek/kandidaten/${person.id}`);
  t.match(await staffPage.locator('#kop-voorstellen').locator('xpath=../..').innerText(), /uren doel: 24/);
  await expectAccessible(t, staffPage, 'the werkplek candidate page with a correction waiting');
  await tabTo(staffPage, /Overnemen in het profiel/);
  await Promise.all([staffPage.waitForLoadState('load'), staffPage.keyboard.press('Enter')]);
  await staffPage.waitForSelector('text=Er wacht geen wijziging op u');
  await page.reload();
  t.match(await page.locator('main').innerText(), /uren\. Stand: aangepast/);

  // A wrong value: the message is on the field, what was typed stays, and axe still passes.
  await tabTo(page, /Hoeveel uur per week kunt u nu werken/, 80);
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.type('veel');
  await tabTo(page, /Stuur naar mijn klantmanager/);
  await Promise.all([page.waitForLoadState('load'), page.keyboard.press('Enter')]);
  await page.waitForSelector('#veld-urenNu-fout');
  await expectAccessible(t, page, '/mijn/wensen with an error');

  // The jobseeker's session does not open the werkplek.
  const werkplek = await page.goto('/werkplek');
  t.equal(werkplek?.status(), 403);
});
