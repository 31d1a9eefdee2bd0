import { and, eq } from 'drizzle-orm';
import t from 'tap';
import { auditLog } from '../../db/schema/index.js';
import { expectAccessible, expectErrorSummaryFocused, expectReflowAt320, newContext, signInAs, startBrowser, tabTo } from '../support/browser.js';
import { bearer, buildTenant, vacancyBody } from '../support/factories.js';
import { createTestDatabase } from '../support/harness.js';
import { buildPageApp, form, sessionCookieFor, summaryTargets } from '../support/pages.js';
import { sampleBody } from '../support/sample-bodies.js';

/*
 * Werkgevers on the werkplek (issue 14, page 6): list and search employers, an employer's page with
 * its locations, vacancies and growth plans with the pipeline per role; employer relations staff
 * register an employer and add a location (audited, as the API); klantmanagers only read; another
 * Werkplein's employer is not found. Chromium: keyboard, axe, 320 px.
 */
t.test('employer relations staff work with employers on the werkplek; klantmanagers read', async (t) => {
  const database = await createTestDatabase(t);
  const { app, baseUrl } = await buildPageApp(t, { database });
  const world = await buildTenant(database.db, { name: 'Werkplein Werkgevers' });
  const other = await buildTenant(database.db, { name: 'Werkplein Elders' });
  const employer = world.employerA.employer;

  const vacancy = await app.inject({
    method: 'POST',
    url: '/v1/vacancies',
    headers: bearer(world.employerRelations),
    payload: vacancyBody({ employerId: employer.id, locationId: world.employerA.location.id }),
  });
  t.equal(vacancy.statusCode, 201, vacancy.body);
  const plan = await app.inject({
    method: 'POST',
    url: `/v1/employers/${employer.id}/growth-plans`,
    headers: bearer(world.employerRelations),
    payload: sampleBody('POST', '/v1/employers/:id/growth-plans', { locationId: world.employerA.location.id }),
  });
  t.equal(plan.statusCode, 201, plan.body);
  const drafted = await app.inject({ method: 'POST', url: `/v1/growth-plans/${plan.json().id}/draft-vacancies`, headers: bearer(world.employerRelations) });
  t.ok(drafted.statusCode < 300, `growth plan roles drafted as vacancies (${drafted.statusCode})`);

  await t.test('in Chromium: search, open, add a location, register an employer (keyboard, axe, 320 px)', async (t) => {
    const browser = await startBrowser(t);
    const context = await newContext(browser, { baseUrl });
    const page = await context.newPage();
    await signInAs(page, app, world.employerRelations, '/werkplek/werkgevers');
    t.equal(new URL(page.url()).pathname, '/werkplek/werkgevers');
    await expectAccessible(t, page, 'werkgevers list');
    await expectReflowAt320(t, page, 'werkgevers list');
    const list = await page.locator('main').innerText();
    t.match(list, /Werkgever A B\.V\./);
    t.notMatch(list, /Elders/, 'no employers of another Werkplein');

    await tabTo(page, /Zoek op naam/);
    await page.keyboard.type('Werkgever B');
    await Promise.all([page.waitForURL(/q=Werkgever/), page.keyboard.press('Enter')]);
    const found = await page.locator('main').innerText();
    t.match(found, /Werkgever B B\.V\./);
    t.notMatch(found, /Werkgever A B\.V\./, 'search by name');

    await page.goto('/werkplek/werkgevers');
    await tabTo(page, /Werkgever A B\.V\./);
    await Promise.all([page.waitForURL(/\/werkplek\/werkgevers\/[0-9a-f-]{36}$/), page.keyboard.press('Enter')]);
    await expectAccessible(t, page, 'werkgever page');
    await expectReflowAt320(t, page, 'werkgever page');
    const detail = await page.locator('main').innerText();
    t.match(detail, /Locatie Werkgever A/);
    t.match(detail, /Uitbreiding \(10 mensen\)/, 'the growth plan');
    t.match(detail, /Orderpicker/, 'its role with the pipeline');
    t.ok(await page.locator(`a[href="/werkplek/vacatures/${vacancy.json().id}"]`).count(), 'a link to the werkplek vacancy page');

    // A location, by keyboard; a postcode we do not know stays on the form.
    await tabTo(page, /Naam van de locatie/);
    await page.keyboard.type('Magazijn Noord');
    await tabTo(page, /^Postcode/);
    await page.keyboard.type('9999 ZZ');
    await tabTo(page, /Locatie opslaan/);
    await page.keyboard.press('Enter');
    await page.getByText('Deze postcode kennen we niet').first().waitFor();
    t.match(await page.locator('#veld-postcode').inputValue(), /9999 ZZ/, 'what was typed stays');
    await expectAccessible(t, page, 'werkgever page with a form error');
    await page.locator('#veld-postcode').fill('5047 AB');
    await Promise.all([page.waitForURL(/\/werkplek\/werkgevers\/[0-9a-f-]{36}$/), page.getByRole('button', { name: 'Locatie opslaan' }).click()]);
    t.match(await page.locator('main').innerText(), /Magazijn Noord/, 'the new location is shown');

    // A vacancy on the employer's behalf: the employer's own form with its shift-pattern builder, saved as a draft.
    await Promise.all([page.waitForURL(/\/vacatures\/nieuw$/), page.getByRole('link', { name: 'Nieuwe vacature voor deze werkgever' }).click()]);
    await expectAccessible(t, page, 'nieuwe vacature voor een werkgever');
    await page.getByLabel('Titel van de vacature').fill('Inpakker avond');
    await page.getByLabel('Waar is het werk?').selectOption({ label: 'Magazijn Noord, Tilburg' });
    await page.getByLabel('Minimaal aantal uren per week').fill('20');
    await page.getByLabel('Maximaal aantal uren per week').fill('28');
    for (const day of ['maandag', 'woensdag']) await page.getByLabel(`${day}, late dienst`, { exact: true }).check();
    await Promise.all([page.waitForURL(/\/werkplek\/vacatures\/[0-9a-f-]{36}$/), page.getByRole('button', { name: 'Bewaren als concept' }).click()]);
    t.match(await page.locator('h1').innerText(), /Inpakker avond/, 'the new vacancy opens on the werkplek');
    const made = await app.inject({ method: 'GET', url: `/v1/vacancies/${page.url().split('/').pop()}`, headers: bearer(world.employerRelations) });
    t.match(
      made.json(),
      { employerId: employer.id, status: 'draft', hoursPerWeek: { min: 20, max: 28 } },
      'stored for the employer through the vacancy service',
    );
    t.same(
      (made.json().shiftPattern as { shifts: Array<{ dayPart: string; weekdays: string[] }> }).shifts.map((shift) => [shift.dayPart, shift.weekdays]),
      [['late', ['mon', 'wed']]],
      'the shift pattern from the builder',
    );

    await page.goto('/werkplek/werkgevers/nieuw');
    await expectAccessible(t, page, 'nieuwe werkgever');
    await page.locator('#veld-name').fill('Bakkerij De Korenbloem');
    await page.getByRole('button', { name: 'Werkgever opslaan' }).click();
    await page.getByText('Er gaat iets mis').waitFor();
    await expectErrorSummaryFocused(t, page, 'nieuwe werkgever');
    t.match(await page.locator('main').innerText(), /Sector: /, 'without a sector the form says what is missing');
    t.equal(await page.locator('#veld-name').inputValue(), 'Bakkerij De Korenbloem', 'what was typed stays');
    await expectAccessible(t, page, 'nieuwe werkgever with a form error');
    await page.locator('#veld-sector').selectOption('production');
    await Promise.all([page.waitForURL(/\/werkplek\/werkgevers\/[0-9a-f-]{36}$/), page.getByRole('button', { name: 'Werkgever opslaan' }).click()]);
    t.match(await page.locator('h1').innerText(), /Bakkerij De Korenbloem/);
    const audited = await database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.tenantId, world.tenantId), eq(auditLog.action, 'employer.change'), eq(auditLog.actorUserId, world.employerRelations.userId)));
    t.same(
      audited.map((row) => (row.details as { change?: string }).change).sort(),
      ['create', 'create_location'],
      'the location and the employer are audited as employer.change, once each',
    );

    // Change the employer and its location (werkgeversdienstverlener), by keyboard; through the API's services.
    await page.goto(`/werkplek/werkgevers/${employer.id}`);
    await tabTo(page, /Gegevens van Werkgever A B\.V\. wijzigen/);
    await Promise.all([page.waitForURL(/\/bewerken$/), page.keyboard.press('Enter')]);
    await expectAccessible(t, page, 'werkgever wijzigen');
    await expectReflowAt320(t, page, 'werkgever wijzigen');
    await tabTo(page, /KvK-nummer/);
    await page.keyboard.type('12AB');
    await tabTo(page, /Wat doet het bedrijf/);
    await page.keyboard.type('Distributiecentrum voor supermarkten.');
    await tabTo(page, /Werkgever opslaan/);
    await page.keyboard.press('Enter');
    await page.getByText('Er gaat iets mis').waitFor();
    await expectAccessible(t, page, 'werkgever wijzigen met een fout');
    t.match(await page.title(), /^Fout: /);
    t.equal(await page.locator('#veld-description').inputValue(), 'Distributiecentrum voor supermarkten.', 'what was typed stays');
    await tabTo(page, /KvK-nummer: /);
    await page.keyboard.press('Enter');
    t.match(page.url(), /#veld-kvkNumber$/, 'the summary links to the field');
    await page.locator('#veld-kvkNumber').fill('');
    await Promise.all([page.waitForURL(/\/werkplek\/werkgevers\/[0-9a-f-]{36}$/), page.getByRole('button', { name: 'Werkgever opslaan' }).click()]);
    t.match(await page.locator('main').innerText(), /Distributiecentrum voor supermarkten\./, 'the new description is shown');

    await tabTo(page, /Locatie Werkgever A wijzigen/);
    await Promise.all([page.waitForURL(/\/locaties\/[0-9a-f-]{36}\/bewerken$/), page.keyboard.press('Enter')]);
    await expectAccessible(t, page, 'locatie wijzigen');
    await expectReflowAt320(t, page, 'locatie wijzigen');
    await page.locator('#veld-postcode').fill('9999 ZZ');
    await page.getByRole('button', { name: 'Locatie opslaan' }).click();
    await page.getByText('Deze postcode kennen we niet').first().waitFor();
    await expectAccessible(t, page, 'locatie wijzigen met een fout');
    await page.locator('#veld-postcode').fill('5047 AB');
    await page.locator('#locatie-naam').fill('DC Tilburg-Noord');
    await Promise.all([page.waitForURL(/\/werkplek\/werkgevers\/[0-9a-f-]{36}$/), page.getByRole('button', { name: 'Locatie opslaan' }).click()]);
    t.match(await page.locator('main').innerText(), /DC Tilburg-Noord/, 'the renamed location is shown');

    // A vacancy of this employer, changed by staff with the shared vacancy form.
    await page.getByRole('link', { name: 'Orderpicker wijzigen' }).first().click();
    await page.waitForURL(/\/vacatures\/[0-9a-f-]{36}\/bewerken$/);
    await expectAccessible(t, page, 'vacature wijzigen (werkplek)');
    await expectReflowAt320(t, page, 'vacature wijzigen (werkplek)');
    const editedId = page.url().split('/').at(-2)!;
    await page.getByLabel('Titel van de vacature').fill('Orderpicker vroege dienst');
    await Promise.all([
      page.waitForURL(/\/werkplek\/vacatures\/[0-9a-f-]{36}$/),
      page
        .getByRole('button', { name: /Bewaren|Opslaan/ })
        .first()
        .click(),
    ]);
    const edited = await app.inject({ method: 'GET', url: `/v1/vacancies/${editedId}`, headers: bearer(world.employerRelations) });
    t.equal(edited.json().title, 'Orderpicker vroege dienst', 'the vacancy changed through the vacancy service');

    const changes = await database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.tenantId, world.tenantId), eq(auditLog.action, 'employer.change'), eq(auditLog.subjectId, employer.id)));
    t.ok(
      changes.some((row) => (row.details as { change?: string }).change === 'update'),
      'the employer change is audited',
    );
    t.ok(
      changes.some((row) => (row.details as { change?: string; locationId?: string }).change === 'update_location'),
      'the location change is audited',
    );
    const updated = await app.inject({ method: 'GET', url: `/v1/employers/${employer.id}`, headers: bearer(world.employerRelations) });
    t.match(updated.json(), { description: 'Distributiecentrum voor supermarkten.', kvkNumber: null }, 'stored through the employer service');

    // Remove a location, by keyboard: asked first; one that a vacancy uses stays, with the service's own words.
    await page.goto(`/werkplek/werkgevers/${employer.id}`);
    await tabTo(page, /Magazijn Noord verwijderen/);
    await Promise.all([page.waitForURL(/\/locaties\/[0-9a-f-]{36}\/verwijderen$/), page.keyboard.press('Enter')]);
    await expectAccessible(t, page, 'locatie verwijderen');
    await expectReflowAt320(t, page, 'locatie verwijderen');
    const asked = await page.locator('main').innerText();
    t.match(asked, /Weet je zeker dat je deze locatie wilt verwijderen\?/);
    t.match(asked, /Vacature Inpakker avond \(concept\)/, 'what still uses the location is named before deleting');
    await tabTo(page, /Ja, verwijder Magazijn Noord/);
    await page.keyboard.press('Enter');
    await page.getByText('De locatie is niet verwijderd').waitFor();
    await expectAccessible(t, page, 'locatie verwijderen geweigerd');
    t.match(await page.title(), /^Fout: /);
    t.match(
      await page.locator('main').innerText(),
      /Er horen nog vacatures of groeiplannen bij deze locatie\. Zet die eerst op een andere locatie\./,
      'the service’s refusal in plain Dutch',
    );
    const kept = await app.inject({ method: 'GET', url: `/v1/employers/${employer.id}/locations`, headers: bearer(world.employerRelations) });
    t.ok(
      kept.json().items.some((place: { name: string }) => place.name === 'Magazijn Noord'),
      'the location in use is still there',
    );

    const spare = await app.inject({
      method: 'POST',
      url: `/v1/employers/${employer.id}/locations`,
      headers: bearer(world.employerRelations),
      payload: { name: 'Kantine Zuid', postcode: '5047 AB' },
    });
    t.equal(spare.statusCode, 201, spare.body);
    await page.goto(`/werkplek/werkgevers/${employer.id}`);
    await tabTo(page, /Kantine Zuid verwijderen/);
    await Promise.all([page.waitForURL(/\/verwijderen$/), page.keyboard.press('Enter')]);
    t.notMatch(await page.locator('main').innerText(), /Hier hoort de locatie nog bij/, 'a free location names nothing that uses it');
    await tabTo(page, /Ja, verwijder Kantine Zuid/);
    await Promise.all([page.waitForURL(/\/werkplek\/werkgevers\/[0-9a-f-]{36}\?verwijderd=locatie$/), page.keyboard.press('Enter')]);
    const after = await page.locator('main').innerText();
    t.match(after, /De locatie is verwijderd\./);
    t.notMatch(after, /Kantine Zuid/, 'the location is gone from the page');
    await expectAccessible(t, page, 'werkgever na het verwijderen van een locatie');
    const gone = await app.inject({
      method: 'GET',
      url: `/v1/employers/${employer.id}/locations/${spare.json().id}`,
      headers: bearer(world.employerRelations),
    });
    t.equal(gone.statusCode, 404, 'removed through the employer service');
    const removal = await database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.tenantId, world.tenantId), eq(auditLog.action, 'employer.change'), eq(auditLog.actorUserId, world.employerRelations.userId)));
    t.ok(
      removal.some(
        (row) =>
          (row.details as { change?: string; locationId?: string }).change === 'delete_location' &&
          (row.details as { locationId?: string }).locationId === spare.json().id,
      ),
      'the removal is audited as employer.change delete_location, naming the signed-in person',
    );
    await context.close();
  });

  await t.test('klantmanagers read but do not write; another Werkplein’s employer is not found', async (t) => {
    const { cookie, csrf } = await sessionCookieFor(app, world.accountManager);
    const page = await app.inject({ method: 'GET', url: `/werkplek/werkgevers/${employer.id}`, headers: { cookie } });
    t.equal(page.statusCode, 200);
    t.notMatch(page.body, /Locatie toevoegen/, 'no location form for a klantmanager');
    t.equal((await app.inject({ method: 'GET', url: '/werkplek/werkgevers/nieuw', headers: { cookie } })).statusCode, 403);
    t.equal(
      (await app.inject({ method: 'GET', url: `/werkplek/werkgevers/${employer.id}/vacatures/nieuw`, headers: { cookie } })).statusCode,
      403,
      'no vacancy form for a klantmanager',
    );
    const body = form({ _csrf: csrf, name: 'Nergens', postcode: '5047' });
    const post = await app.inject({
      method: 'POST',
      url: `/werkplek/werkgevers/${employer.id}/locaties`,
      headers: { cookie, ...body.headers },
      payload: body.payload,
    });
    t.equal(post.statusCode, 403, 'a klantmanager cannot add a location');
    t.equal(
      (await app.inject({ method: 'GET', url: `/werkplek/werkgevers/${other.employerA.employer.id}`, headers: { cookie } })).statusCode,
      404,
      'another Werkplein’s employer: 404',
    );
    t.equal(
      (await app.inject({ method: 'GET', url: `/werkplek/werkgevers/${employer.id}/bewerken`, headers: { cookie } })).statusCode,
      403,
      'a klantmanager cannot change an employer',
    );
    const edit = form({ _csrf: csrf, name: 'Overgenomen', sector: 'logistics' });
    t.equal(
      (await app.inject({ method: 'POST', url: `/werkplek/werkgevers/${employer.id}/bewerken`, headers: { cookie, ...edit.headers }, payload: edit.payload }))
        .statusCode,
      403,
    );
    const locationUrl = `/werkplek/werkgevers/${employer.id}/locaties/${world.employerA.location.id}/bewerken`;
    t.equal((await app.inject({ method: 'GET', url: locationUrl, headers: { cookie } })).statusCode, 403, 'nor a location');
    t.notMatch(page.body, /verwijderen</, 'no link to remove a location for a klantmanager');
    const removeUrl = `/werkplek/werkgevers/${employer.id}/locaties/${world.employerA.location.id}/verwijderen`;
    t.equal((await app.inject({ method: 'GET', url: removeUrl, headers: { cookie } })).statusCode, 403, 'nor remove one');
    const remove = form({ _csrf: csrf });
    t.equal((await app.inject({ method: 'POST', url: removeUrl, headers: { cookie, ...remove.headers }, payload: remove.payload })).statusCode, 403);

    const staff = await sessionCookieFor(app, world.employerRelations);
    t.equal(
      (await app.inject({ method: 'GET', url: `/werkplek/werkgevers/${other.employerA.employer.id}/bewerken`, headers: { cookie: staff.cookie } })).statusCode,
      404,
      'another Werkplein’s employer: 404',
    );
    const elsewhere = `/werkplek/werkgevers/${other.employerA.employer.id}/locaties/${other.employerA.location.id}/bewerken`;
    t.equal((await app.inject({ method: 'GET', url: elsewhere, headers: { cookie: staff.cookie } })).statusCode, 404, 'another Werkplein’s location: 404');
    const mixed = `/werkplek/werkgevers/${world.employerB.employer.id}/locaties/${world.employerA.location.id}/bewerken`;
    t.equal((await app.inject({ method: 'GET', url: mixed, headers: { cookie: staff.cookie } })).statusCode, 404, 'a location of another employer: 404');
    const removeElsewhere = `/werkplek/werkgevers/${other.employerA.employer.id}/locaties/${other.employerA.location.id}/verwijderen`;
    const removal = form({ _csrf: staff.csrf });
    t.equal(
      (await app.inject({ method: 'POST', url: removeElsewhere, headers: { cookie: staff.cookie, ...removal.headers }, payload: removal.payload })).statusCode,
      404,
      'another Werkplein’s location cannot be removed: 404',
    );
    const removeMixed = `/werkplek/werkgevers/${world.employerB.employer.id}/locaties/${world.employerB.location.id}/verwijderen`;
    const noToken = form({});
    t.equal(
      (await app.inject({ method: 'POST', url: removeMixed, headers: { cookie: staff.cookie, ...noToken.headers }, payload: noToken.payload })).statusCode,
      403,
      'without the CSRF token: refused',
    );
    const stillThere = await app.inject({
      method: 'GET',
      url: `/v1/employers/${world.employerB.employer.id}/locations`,
      headers: bearer(world.employerRelations),
    });
    t.equal(stillThere.json().items.length, 1, 'and nothing was removed');
    t.equal(
      (
        await app.inject({
          method: 'POST',
          url: `/werkplek/werkgevers/${world.employerB.employer.id}/locaties/${world.employerA.location.id}/verwijderen`,
          headers: { cookie: staff.cookie, ...removal.headers },
          payload: removal.payload,
        })
      ).statusCode,
      404,
      'a location of another employer cannot be removed: 404',
    );
    t.equal(
      (
        await app.inject({
          method: 'GET',
          url: `/werkplek/werkgevers/${world.employerB.employer.id}/vacatures/${vacancy.json().id}/bewerken`,
          headers: { cookie: staff.cookie },
        })
      ).statusCode,
      404,
      'a vacancy of another employer: 404',
    );
    const invalid = form({ _csrf: staff.csrf, name: '', sector: 'logistics', website: 'geen adres' });
    const refused = await app.inject({
      method: 'POST',
      url: `/werkplek/werkgevers/${employer.id}/bewerken`,
      headers: { cookie: staff.cookie, ...invalid.headers },
      payload: invalid.payload,
    });
    t.equal(refused.statusCode, 422);
    t.match(refused.body, /href="#veld-name">Naam: /, 'the summary links to the name');
    // Validation reports the KvK number before the sector (the schema's order); the summary follows the form.
    const unordered = form({ _csrf: staff.csrf, name: '', sector: '', kvkNumber: '12' });
    const summarised = await app.inject({
      method: 'POST',
      url: '/werkplek/werkgevers',
      headers: { cookie: staff.cookie, ...unordered.headers },
      payload: unordered.payload,
    });
    t.equal(summarised.statusCode, 422);
    const targets = summaryTargets(summarised.body);
    t.same(
      targets.map((target) => target.id),
      ['veld-name', 'veld-sector', 'veld-kvkNumber'],
      'the summary in the order of the form',
    );
    t.ok(
      targets.every((target, at) => target.at > 0 && (at === 0 || target.at > targets[at - 1]!.at)),
      'each point before the next in the form',
    );
    t.match(refused.body, /href="#veld-website">Website: /, 'and to the website');
  });
});
