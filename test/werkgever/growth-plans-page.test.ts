import { and, eq } from 'drizzle-orm';
import t from 'tap';
import { growthPlanRoles, growthPlans } from '../../db/schema/index.js';
import { expectAccessible, expectReflowAt320, newContext, signInAs, startBrowser, tabTo } from '../support/browser.js';
import { bearer, buildTenant, createCandidate, intakeV2 } from '../support/factories.js';
import { buildPageApp, form, sessionCookieFor, summaryTargets } from '../support/pages.js';
import { sentShortlist } from './fixtures.js';

/*
 * Issue 15.4: an employer states a growth plan in a form ("we open a new hall in April and need 40
 * order pickers in three shifts"), lists its plans, and sees the pipeline the Werkplein prepares per
 * role: counts per stage, no names. The form is the API's create body, checked by the API's schema;
 * sent twice it records one plan; another employer's plan is not found. One app, one browser.
 */
t.test('growth plans', async (t) => {
  const { app, database, baseUrl } = await buildPageApp(t);
  const db = database.db;
  const world = await buildTenant(db);
  const employer = await sessionCookieFor(app, world.employerA.user);
  const get = (url: string, who = employer) => app.inject({ method: 'GET', url, headers: { cookie: who.cookie } });
  const post = (url: string, values: Record<string, string | string[]>, who = employer) => {
    const body = form({ _csrf: who.csrf, ...values });
    return app.inject({ method: 'POST', url, headers: { cookie: who.cookie, ...body.headers }, payload: body.payload });
  };
  const plansOf = () =>
    db
      .select()
      .from(growthPlans)
      .where(and(eq(growthPlans.tenantId, world.tenantId), eq(growthPlans.employerId, world.employerA.employer.id)));

  const week = ['mon', 'tue', 'wed', 'thu', 'fri'];
  const hall = {
    naam: 'Nieuwe hal in april',
    omschrijving: 'We openen een nieuwe hal voor koelproducten.',
    locatie: world.employerA.location.id,
    titel: 'Orderpicker',
    plaatsen: '40',
    start: '2027-04-01',
    urenMin: '32',
    urenMax: '38',
    contract: 'fixed_term',
    opleidenWeken: '4',
    rooster: 'rotating',
    ploegen: '3-shift',
    cyclus: '3',
    dienst: [...week.map((day) => `${day}:early`), ...week.map((day) => `${day}:late`), ...week.map((day) => `${day}:night`)],
    'early-start': '06:00',
    'early-eind': '14:00',
    'late-start': '14:00',
    'late-eind': '22:00',
    'night-start': '22:00',
    'night-eind': '06:00',
  };
  let planId = '';

  await t.test('the form: errors on the fields with the answers kept; sent twice, one plan', async (t) => {
    const empty = await get('/werkgever/groeiplannen');
    t.equal(empty.statusCode, 200);
    t.match(empty.body, /U heeft nog geen groeiplannen/);
    t.equal((await get('/werkgever/groeiplannen/nieuw')).statusCode, 200);

    const wrong = await post('/werkgever/groeiplannen/nieuw', {
      ...hall,
      naam: '',
      start: '',
      plaatsen: 'veertig',
      dienst: ['mon:early'],
      _sleutel: 'form-plan-wrong-1',
    });
    t.equal(wrong.statusCode, 400);
    t.match(wrong.body, /Het groeiplan is nog niet bewaard/);
    t.match(wrong.body, /href="#veld-start">Wanneer beginnen<\/a>: Vul in wanneer de mensen moeten beginnen/);
    t.match(wrong.body, /href="#veld-plaatsen">Aantal mensen<\/a>: Vul een heel getal in/);
    t.match(wrong.body, /href="#veld-diensten">Rooster<\/a>: Een rooster in drie ploegen heeft ook deze diensten nodig/);
    t.match(wrong.body, /href="#veld-naam">Naam van het plan<\/a>/);
    // The plan's checks come in the schema's order (the roles' before the plan's name); the summary follows the form.
    const targets = summaryTargets(wrong.body);
    t.same(
      targets.map((target) => target.id),
      ['veld-naam', 'veld-plaatsen', 'veld-start', 'veld-diensten'],
      'the summary in the order of the form',
    );
    t.ok(
      targets.every((target, at) => target.at > 0 && (at === 0 || target.at > targets[at - 1]!.at)),
      'each point before the next in the form',
    );
    t.match(wrong.body, /value="veertig"/, 'what was typed stays');
    t.equal((await plansOf()).length, 0, 'nothing saved');
    const past = await post('/werkgever/groeiplannen/nieuw', { ...hall, start: '2020-01-01', _sleutel: 'form-plan-past' });
    t.equal(past.statusCode, 400, 'a start that is already over');
    t.match(past.body, /href="#veld-start">Wanneer beginnen<\/a>: Deze datum is al voorbij/);
    const foreign = await post('/werkgever/groeiplannen/nieuw', { ...hall, locatie: world.employerB.location.id, _sleutel: 'form-plan-foreign' });
    t.equal(foreign.statusCode, 400);
    t.match(foreign.body, /href="#veld-locatie">Waar<\/a>: Deze locatie hoort niet bij deze werkgever/);

    const good = { ...hall, _sleutel: 'form-plan-good-1' };
    const [first, second] = await Promise.all([post('/werkgever/groeiplannen/nieuw', good), post('/werkgever/groeiplannen/nieuw', good)]);
    t.equal(first.statusCode, 303);
    t.equal(second.headers.location, first.headers.location);
    t.equal((await post('/werkgever/groeiplannen/nieuw', good)).headers.location, first.headers.location);
    const plans = await plansOf();
    t.equal(plans.length, 1, 'one plan recorded');
    planId = plans[0]!.id;
    t.equal(first.headers.location, `/werkgever/groeiplannen/${planId}?bewaard=1`);
    const roles = await db
      .select()
      .from(growthPlanRoles)
      .where(and(eq(growthPlanRoles.tenantId, world.tenantId), eq(growthPlanRoles.growthPlanId, planId)));
    t.match(roles, [
      {
        title: 'Orderpicker',
        headcount: 40,
        expectedDate: '2027-04-01',
        hoursMin: 32,
        hoursMax: 38,
        trainingLeadTimeWeeks: 4,
        shiftPattern: { kind: 'rotating', rotation: { system: '3-shift' } },
      },
    ]);
    // The same plan as the API shows it to the employer's token.
    const api = await app.inject({ method: 'GET', url: `/v1/growth-plans/${planId}`, headers: bearer(world.employerA.user) });
    t.match(api.json(), { name: 'Nieuwe hal in april', locationId: world.employerA.location.id, totalHeadcount: 40, roles: [{ prepareFrom: '2027-03-04' }] });

    t.equal((await get(`/bekijk/growth-plan/${planId}`)).headers.location, `/werkgever/groeiplannen/${planId}`, '"Bekijk" links open the plan');
    const page = await get(first.headers.location as string);
    t.match(page.body, /Het groeiplan is verstuurd/);
    t.match(page.body, /40 × Orderpicker, beginnen op 1 april 2027/);
    t.match(page.body, /De diensten wisselen: drie ploegen/);
    t.match(
      page.body,
      /Eerst 4 weken opleiden, vanaf 4 maart 2027\. Het Werkplein gaat mensen zoeken vanaf 7 januari 2027\./,
      'the cohort horizon before preparation starts',
    );
  });

  await t.test('the pipeline per role and stage: counts, no names', async (t) => {
    // The Werkplein drafts the role as a vacancy, opens it, shares two people and prepares a third.
    const drafted = await app.inject({ method: 'POST', url: `/v1/growth-plans/${planId}/draft-vacancies`, headers: bearer(world.employerRelations) });
    t.equal(drafted.statusCode, 200);
    const vacancyId = drafted.json().created[0].vacancyId as string;
    t.equal(
      (await app.inject({ method: 'PATCH', url: `/v1/vacancies/${vacancyId}`, headers: bearer(world.employerRelations), payload: { status: 'open' } }))
        .statusCode,
      200,
    );
    const shared = await sentShortlist(app, world, { count: 2, vacancyId, discloseIdentity: [0] });
    const invite = await app.inject({
      method: 'POST',
      url: `/v1/shortlists/${shared.shortlistId}/candidates/${shared.candidates[0]!.id}/feedback`,
      headers: bearer(world.employerA.user),
      payload: { decision: 'invite' },
    });
    t.equal(invite.statusCode, 201, invite.body);
    const next = await app.inject({ method: 'POST', url: `/v1/vacancies/${vacancyId}/shortlists`, headers: bearer(world.accountManager), payload: {} });
    t.equal(next.statusCode, 201, next.body);
    const preparing = await createCandidate(app, world.accountManager);
    await app.inject({ method: 'POST', url: `/v1/candidates/${preparing.id}/intakes`, headers: bearer(world.accountManager), payload: intakeV2() });
    const added = await app.inject({
      method: 'POST',
      url: `/v1/shortlists/${next.json().id}/candidates`,
      headers: bearer(world.accountManager),
      payload: { candidateId: preparing.id },
    });
    t.equal(added.statusCode, 201, added.body);

    const page = await get(`/werkgever/groeiplannen/${planId}`);
    t.equal(page.statusCode, 200);
    t.match(page.body, /Het Werkplein zoekt nu mensen voor deze functie\./, 'once the role is being worked on');
    const count = (stage: string) => new RegExp(`scope="row">${stage}</th><td class="utrecht-table__cell">(\\d+)</td>`).exec(page.body)?.[1];
    t.equal(count('Het Werkplein bereidt voor'), '1');
    t.equal(count('Aan u voorgesteld, wacht op uw antwoord'), '1');
    t.equal(count('Uitgenodigd voor een gesprek'), '1');
    t.equal(count('Aangenomen'), '0');
    t.equal(count('Aan het werk'), '0');
    const names = await Promise.all(
      [...shared.candidates, preparing].map(
        async (candidate) =>
          (await app.inject({ method: 'GET', url: `/v1/candidates/${candidate.id}`, headers: bearer(world.accountManager) })).json().name as string,
      ),
    );
    for (const name of names) t.notMatch(page.body, new RegExp(name), 'no names, not even with consent');
    const list = await get('/werkgever/groeiplannen');
    t.match(
      list.body,
      new RegExp(
        `href="/werkgever/groeiplannen/${planId}">Nieuwe hal in april</a> \\(het Werkplein is bezig\\): 40 × Orderpicker op 1 april 2027; 3 in voorbereiding of voorgesteld, 0 aangenomen\\.`,
      ),
    );
  });

  await t.test('scope: another employer finds neither the plan nor its pipeline', async (t) => {
    const other = await sessionCookieFor(app, world.employerB.user);
    t.equal((await get(`/werkgever/groeiplannen/${planId}`, other)).statusCode, 404);
    t.notMatch((await get('/werkgever/groeiplannen', other)).body, /Nieuwe hal in april/);
    const staff = await sessionCookieFor(app, world.employerRelations);
    t.equal((await get('/werkgever/groeiplannen', staff)).statusCode, 403);
  });

  await t.test('in Chromium on a phone: state a growth plan with three shifts, by keyboard at the end', async (t) => {
    const browser = await startBrowser(t);
    const context = await newContext(browser, { baseUrl, width: 360, height: 780 });
    t.teardown(() => context.close());
    const page = await context.newPage();
    await signInAs(page, app, world.employerA.user, '/werkgever/groeiplannen');
    await expectAccessible(t, page, 'my growth plans');
    await expectReflowAt320(t, page, 'my growth plans');
    await Promise.all([page.waitForURL(/\/groeiplannen\/nieuw$/), page.getByRole('link', { name: 'Nieuw groeiplan' }).click()]);
    await expectAccessible(t, page, 'new growth plan');
    await expectReflowAt320(t, page, 'new growth plan');
    await page.getByLabel('Naam van het plan').fill('Tweede hal in september');
    await page.getByLabel('Functie').fill('Heftruckchauffeur');
    await page.getByLabel('Hoeveel mensen?').fill('12');
    await page.getByLabel('Wanneer moeten zij beginnen?').fill('2027-09-01');
    await page.getByLabel('Minimaal aantal uren per week').fill('24');
    await page.getByLabel('Maximaal aantal uren per week').fill('36');
    for (const day of ['maandag', 'dinsdag', 'woensdag', 'donderdag', 'vrijdag']) {
      for (const part of ['vroege dienst', 'late dienst', 'nachtdienst']) await page.getByLabel(`${day}, ${part}`, { exact: true }).check();
    }
    await page.getByLabel('Ja, de diensten wisselen (ploegendienst)').check();
    await page.getByLabel('Bij wisselende diensten: welke ploegen?').selectOption('3-shift');
    await page.getByLabel('Na hoeveel weken begint het rooster opnieuw?').focus();
    await tabTo(page, /Groeiplan versturen/, 5);
    await Promise.all([page.waitForURL(/\/werkgever\/groeiplannen\/[0-9a-f-]{36}\?bewaard=1$/), page.keyboard.press('Enter')]);
    const main = await page.locator('main').innerText();
    t.match(main, /12 × Heftruckchauffeur, beginnen op 1 september 2027/);
    t.match(main, /Hoe ver is het Werkplein\?/);
    await expectAccessible(t, page, 'the growth plan');
    await expectReflowAt320(t, page, 'the growth plan');
    t.equal((await plansOf()).length, 2);
  });
});
