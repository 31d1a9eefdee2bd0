import { and, eq } from 'drizzle-orm';
import t from 'tap';
import { auditLog } from '../../db/schema/index.js';
import { dayShift, shortlistWorld } from '../shortlists/fixtures.js';
import { expectAccessible, expectErrorSummaryFocused, expectReflowAt320, newContext, screenshot, signInAs, startBrowser, tabTo } from '../support/browser.js';
import { bearer, buildTenant } from '../support/factories.js';
import { createTestDatabase } from '../support/harness.js';
import { buildPageApp, form, sessionCookieFor } from '../support/pages.js';
import { sampleBody } from '../support/sample-bodies.js';

/*
 * Groeiplannen on the werkplek (issue 14, page 6): a plan's page with its roles, the pipeline per
 * role person by person (names linked to the candidate pages) and the candidates who fit each role
 * (the matcher's ranking); reached from Mijn werk and from the employer page. Employer relations
 * staff make a plan for an employer with the employer's own form, change its roles' headcount and
 * dates, and draft vacancies from it (audited as growth_plan.change, as the API). Klantmanagers
 * read only; another Werkplein's plan is not found. Chromium: keyboard, axe, 320 px.
 */
t.test('growth plans on the werkplek: the pipeline per role with names, who fits, make and change a plan', async (t) => {
  const database = await createTestDatabase(t);
  const scene = await shortlistWorld(t, {}, { database });
  const { world, clock, inject, person, newShortlist, addApproved } = scene;
  const { app, baseUrl } = await buildPageApp(t, { database, clock });
  const employer = world.employerA.employer;
  const relations = world.employerRelations;

  // A plan with its role drafted as a vacancy, and people on that vacancy's shortlists.
  const plan = await inject('POST', `/v1/employers/${employer.id}/growth-plans`, relations, {
    name: 'Nieuwe distributiehal',
    description: 'Een tweede hal aan de Kraaivenstraat.',
    locationId: world.employerA.location.id,
    roles: [
      {
        title: 'Orderpicker dagdienst',
        headcount: 12,
        expectedDate: '2027-01-15',
        hoursPerWeek: { min: 16, max: 32 },
        shiftPattern: dayShift,
        trainingLeadTimeWeeks: 6,
      },
    ],
  });
  t.equal(plan.statusCode, 201, plan.body);
  const planId = plan.json().id as string;
  const drafted = await inject('POST', `/v1/growth-plans/${planId}/draft-vacancies`, relations);
  t.equal(drafted.statusCode, 200, drafted.body);
  const roleVacancy = drafted.json().created[0].vacancyId as string;
  t.equal((await inject('PATCH', `/v1/vacancies/${roleVacancy}`, relations, { status: 'open' })).statusCode, 200, 'the drafted vacancy opens');

  // One person proposed to the employer (a sent list), one on a list still in preparation.
  const proposed = await person();
  const preparing = await person();
  const sentList = await newShortlist(roleVacancy);
  await addApproved(sentList, proposed.id);
  t.equal((await inject('POST', `/v1/shortlists/${sentList}/send`)).statusCode, 200, 'sent to the employer');
  const draftList = await newShortlist(roleVacancy);
  t.equal(
    (await inject('POST', `/v1/shortlists/${draftList}/candidates`, scene.staff, { candidateId: preparing.id, pitch: { strengths: 'Leert snel' } })).statusCode,
    201,
  );
  // A plan whose cohort is due now (Mijn werk lists it): its role is not a vacancy yet.
  const cohortPlan = await inject('POST', `/v1/employers/${employer.id}/growth-plans`, relations, {
    name: 'Uitbreiding koelcel',
    locationId: world.employerA.location.id,
    roles: [
      {
        title: 'Koelcelmedewerker',
        headcount: 4,
        expectedDate: '2027-02-01',
        hoursPerWeek: { min: 16, max: 32 },
        shiftPattern: dayShift,
        trainingLeadTimeWeeks: 6,
      },
    ],
  });
  t.equal(cohortPlan.statusCode, 201, cohortPlan.body);
  const cohortId = cohortPlan.json().id as string;
  const nameOf = (who: typeof proposed) => `${who.contact.givenName} ${who.contact.familyName} (${who.reference})`;

  // Another Werkplein's plan.
  const other = await buildTenant(database.db, { name: 'Werkplein Elders' });
  const elsewhere = await app.inject({
    method: 'POST',
    url: `/v1/employers/${other.employerA.employer.id}/growth-plans`,
    headers: bearer(other.employerRelations),
    payload: sampleBody('POST', '/v1/employers/:id/growth-plans', { locationId: other.employerA.location.id }),
  });
  t.equal(elsewhere.statusCode, 201, elsewhere.body);
  const elsewhereId = elsewhere.json().id as string;

  await t.test('klantmanagers read the plan but do not write; another Werkplein’s plan is not found', async (t) => {
    const { cookie, csrf } = await sessionCookieFor(app, world.accountManager);
    const page = await app.inject({ method: 'GET', url: `/werkplek/groeiplannen/${planId}`, headers: { cookie } });
    t.equal(page.statusCode, 200, 'staff read growth plans (as GET /v1/growth-plans/:id)');
    t.ok(page.body.includes(`href="/werkplek/kandidaten/${proposed.id}"`), 'names link to the candidate pages');
    t.notMatch(page.body, /Maak conceptvacatures|groeiplan wijzigen|wijzigen<\/a>/, 'no write actions for a klantmanager');
    for (const url of [`/werkplek/groeiplannen/${planId}/bewerken`, `/werkplek/werkgevers/${employer.id}/groeiplannen/nieuw`]) {
      t.equal((await app.inject({ method: 'GET', url, headers: { cookie } })).statusCode, 403, `GET ${url}: 403 for a klantmanager`);
    }
    const posts: Array<[string, Record<string, string>]> = [
      [`/werkplek/groeiplannen/${planId}/bewerken`, { naam: 'Overgenomen', status: 'planned', 'rol-0': plan.json().roles[0].id, 'plaatsen-0': '1' }],
      [`/werkplek/groeiplannen/${planId}/vacatures`, {}],
      [`/werkplek/werkgevers/${employer.id}/groeiplannen/nieuw`, { naam: 'Stiekem', titel: 'Inpakker', plaatsen: '1', start: '2027-02-01' }],
    ];
    for (const [url, fields] of posts) {
      const body = form({ _csrf: csrf, ...fields });
      const response = await app.inject({ method: 'POST', url, headers: { cookie, ...body.headers }, payload: body.payload });
      t.equal(response.statusCode, 403, `POST ${url}: 403 for a klantmanager`);
    }
    const unchanged = await inject('GET', `/v1/growth-plans/${planId}`);
    t.equal(unchanged.json().name, 'Nieuwe distributiehal', 'nothing changed');

    const staff = await sessionCookieFor(app, relations);
    for (const url of [`/werkplek/groeiplannen/${elsewhereId}`, `/werkplek/groeiplannen/${elsewhereId}/bewerken`]) {
      t.equal((await app.inject({ method: 'GET', url, headers: { cookie: staff.cookie } })).statusCode, 404, `another Werkplein’s plan: GET ${url} 404`);
    }
    const body = form({ _csrf: staff.csrf, naam: 'Overgenomen', status: 'planned' });
    const foreign = await app.inject({
      method: 'POST',
      url: `/werkplek/groeiplannen/${elsewhereId}/bewerken`,
      headers: { cookie: staff.cookie, ...body.headers },
      payload: body.payload,
    });
    t.equal(foreign.statusCode, 404, 'another Werkplein’s plan cannot be changed');
    const drafts = form({ _csrf: staff.csrf });
    const foreignDraft = await app.inject({
      method: 'POST',
      url: `/werkplek/groeiplannen/${elsewhereId}/vacatures`,
      headers: { cookie: staff.cookie, ...drafts.headers },
      payload: drafts.payload,
    });
    t.equal(foreignDraft.statusCode, 404, 'nor drafted into vacancies');
    const bekijk = await app.inject({ method: 'GET', url: `/bekijk/growth-plan/${planId}`, headers: { cookie: staff.cookie } });
    t.equal(bekijk.headers.location, `/werkplek/groeiplannen/${planId}`, 'the digest’s "Bekijk" link opens the plan on the werkplek');
  });

  await t.test('in Chromium: from Mijn werk and the employer page; make, change and draft a plan (keyboard, axe, 320 px)', async (t) => {
    const browser = await startBrowser(t);
    const context = await newContext(browser, { baseUrl });
    t.teardown(() => context.close());
    const page = await context.newPage();
    await signInAs(page, app, relations, '/werkplek');

    // Mijn werk's link, by keyboard: a plan whose cohort is due, its role not yet a vacancy.
    await tabTo(page, /Uitbreiding koelcel/);
    await Promise.all([page.waitForURL(new RegExp(`/werkplek/groeiplannen/${cohortId}$`)), page.keyboard.press('Enter')]);
    await expectAccessible(t, page, 'groeiplan from Mijn werk');
    await expectReflowAt320(t, page, 'groeiplan from Mijn werk');
    const cohort = await page.locator('main').innerText();
    t.match(cohort, /4 × Koelcelmedewerker/, 'the role with its headcount');
    t.match(cohort, /1 februari 2027/, 'its start date');
    t.match(cohort, /21 december 2026/, 'when to prepare from (six weeks of training before)');
    t.match(cohort, /Er is nog geen vacature voor deze functie/);
    t.match(cohort, /kandidaten passen bij deze functie/, 'who fits the role: the role itself is ranked');
    t.ok(await page.locator('section ol a[href^="/werkplek/kandidaten/"]').count(), 'the candidates who fit, linked to their pages');

    // The employer page links its plans to the same page: the pipeline of a role with a vacancy, by name.
    await page.goto(`/werkplek/werkgevers/${employer.id}`);
    await Promise.all([page.waitForURL(new RegExp(`/werkplek/groeiplannen/${planId}$`)), page.getByRole('link', { name: 'Nieuwe distributiehal' }).click()]);
    await expectAccessible(t, page, 'groeiplan with a pipeline');
    await expectReflowAt320(t, page, 'groeiplan with a pipeline');
    const main = await page.locator('main').innerText();
    t.match(main, /12 × Orderpicker dagdienst/, 'the role with its headcount');
    t.match(main, /15 januari 2027/, 'its start date');
    t.match(main, /4 december 2026/, 'when to prepare from');
    const row = (stage: RegExp) => page.locator('#stappen-0 tr', { hasText: stage });
    t.match(await row(/Voorgesteld aan de werkgever/).innerText(), nameOf(proposed), 'the person proposed, by name');
    t.match(await row(/Op een shortlist in voorbereiding/).innerText(), nameOf(preparing), 'the person on a list in preparation');
    t.ok(await page.locator(`#stappen-0 a[href="/werkplek/kandidaten/${proposed.id}"]`).count(), 'linked to the candidate page');
    t.ok(await page.locator(`a[href="/werkplek/vacatures/${roleVacancy}"]`).count(), 'the vacancy drafted from the role');
    t.match(main, /kandidaten passen bij deze functie/, 'who fits: the ranking of the role’s vacancy');
    await screenshot(page, 'werkplek-groeiplan');

    // A new plan for the employer, with the employer's own form.
    await page.goto(`/werkplek/werkgevers/${employer.id}`);
    await tabTo(page, /Nieuw groeiplan voor deze werkgever/);
    await Promise.all([page.waitForURL(/\/groeiplannen\/nieuw$/), page.keyboard.press('Enter')]);
    await expectAccessible(t, page, 'nieuw groeiplan (werkplek)');
    await expectReflowAt320(t, page, 'nieuw groeiplan (werkplek)');
    await page.getByLabel('Naam van het plan').fill('Nieuwe winkel');
    await page.getByRole('button', { name: 'Groeiplan opslaan' }).click();
    await page.getByText('Het groeiplan is nog niet bewaard').waitFor();
    await expectErrorSummaryFocused(t, page, 'nieuw groeiplan');
    await expectAccessible(t, page, 'nieuw groeiplan with errors');
    t.match(await page.title(), /^Fout: /);
    t.equal(await page.getByLabel('Naam van het plan').inputValue(), 'Nieuwe winkel', 'what was typed stays');
    t.ok(await page.locator('a[href="#veld-titel"]').count(), 'the summary links to the field');
    await page.getByLabel('Functie', { exact: true }).fill('Vakkenvuller');
    await page.getByLabel('Hoeveel mensen?').fill('3');
    await page.getByLabel('Wanneer moeten zij beginnen?').fill('2027-03-01');
    await page.getByLabel('Minimaal aantal uren per week').fill('16');
    await page.getByLabel('Maximaal aantal uren per week').fill('32');
    await page.getByLabel('Waar is het werk?').selectOption(world.employerA.location.id);
    for (const day of ['maandag', 'dinsdag', 'woensdag']) await page.getByLabel(`${day}, dagdienst`, { exact: true }).check();
    await Promise.all([
      page.waitForURL(/\/werkplek\/groeiplannen\/[0-9a-f-]{36}\?melding=nieuw$/),
      page.getByRole('button', { name: 'Groeiplan opslaan' }).click(),
    ]);
    const newId = new URL(page.url()).pathname.split('/').pop()!;
    await expectAccessible(t, page, 'new groeiplan');
    t.match(await page.locator('main').innerText(), /Het groeiplan is bewaard/);
    t.match(await page.locator('main').innerText(), /3 × Vakkenvuller/);
    t.match(await page.locator('main').innerText(), /kandidaten passen bij deze functie/, 'a role without a vacancy is ranked too');
    const made = await inject('GET', `/v1/growth-plans/${newId}`, relations);
    t.match(
      made.json(),
      { employerId: employer.id, name: 'Nieuwe winkel', locationId: world.employerA.location.id, roles: [{ title: 'Vakkenvuller', headcount: 3 }] },
      'stored through the growth-plan service',
    );

    // Change it: the role's headcount and date; an empty headcount is said on the form first.
    await tabTo(page, /Nieuwe winkel wijzigen/);
    await Promise.all([page.waitForURL(/\/bewerken$/), page.keyboard.press('Enter')]);
    await expectAccessible(t, page, 'groeiplan wijzigen');
    await expectReflowAt320(t, page, 'groeiplan wijzigen');
    await page.locator('#veld-plaatsen-0').fill('');
    await page.locator('#veld-start-0').fill('2027-04-01');
    await page.getByRole('button', { name: 'Groeiplan opslaan' }).click();
    await page.getByText('Er gaat iets mis').waitFor();
    await expectAccessible(t, page, 'groeiplan wijzigen with an error');
    t.match(await page.title(), /^Fout: /);
    t.equal(await page.locator('#veld-start-0').inputValue(), '2027-04-01', 'what was typed stays');
    await tabTo(page, /Aantal mensen voor Vakkenvuller/);
    await page.keyboard.press('Enter');
    t.match(page.url(), /#veld-plaatsen-0$/, 'the summary links to the field');
    await page.locator('#veld-plaatsen-0').fill('5');
    await Promise.all([page.waitForURL(/\?melding=gewijzigd$/), page.getByRole('button', { name: 'Groeiplan opslaan' }).click()]);
    t.match(await page.locator('main').innerText(), /5 × Vakkenvuller/);
    t.match(await page.locator('main').innerText(), /1 april 2027/);
    const changed = await inject('GET', `/v1/growth-plans/${newId}`, relations);
    t.match(changed.json().roles[0], { headcount: 5, expectedDate: '2027-04-01' }, 'changed through the growth-plan service');

    // Draft a vacancy from the role.
    await Promise.all([page.waitForURL(/\?melding=vacatures$/), page.getByRole('button', { name: 'Maak conceptvacatures van de functies' }).click()]);
    await expectAccessible(t, page, 'groeiplan with a drafted vacancy');
    const withVacancy = await inject('GET', `/v1/growth-plans/${newId}`, relations);
    t.ok(withVacancy.json().roles[0].vacancyId, 'the role has a vacancy now');
    t.ok(await page.locator(`a[href="/werkplek/vacatures/${withVacancy.json().roles[0].vacancyId}"]`).count(), 'linked from the plan');

    const audited = await database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.tenantId, world.tenantId), eq(auditLog.action, 'growth_plan.change'), eq(auditLog.subjectId, newId)));
    t.same(
      audited.map((entry) => `${(entry.details as { change?: string }).change} by ${entry.actorUserId}`).sort(),
      [`create by ${relations.userId}`, `draft_vacancies by ${relations.userId}`, `update by ${relations.userId}`],
      'made, changed and drafted: audited as growth_plan.change naming the signed-in person',
    );
  });
});
