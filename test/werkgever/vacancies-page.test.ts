import { and, eq } from 'drizzle-orm';
import t from 'tap';
import { vacancies } from '../../db/schema/index.js';
import { seedDemoTaxonomy } from '../../src/demo/demo-taxonomy.js';
import { deleteIndexes } from '../search/search-app.js';
import { expectAccessible, expectReflowAt320, newContext, signInAs, startBrowser, tabTo } from '../support/browser.js';
import { bearer, buildTenant } from '../support/factories.js';
import { buildPageApp, form, sessionCookieFor } from '../support/pages.js';

/*
 * Issue 15.3: an employer lists, posts and edits vacancies on its own pages. The form is the API's
 * create body, checked by the API's schema: errors come back on the form with the answers kept; a
 * form sent twice records one vacancy; competencies come from the occupation's suggestions; the
 * employer sees that a shortlist is coming (no names). One app, one tenant, one browser.
 */
t.test('my vacancies', async (t) => {
  const { app, database, baseUrl, search } = await buildPageApp(t);
  await seedDemoTaxonomy(database.db);
  t.teardown(() => deleteIndexes(search.client, search.indexPrefix).catch(() => undefined));
  await app.services.taxonomy.reindex();
  const world = await buildTenant(database.db);
  const employer = await sessionCookieFor(app, world.employerA.user);
  const locationId = world.employerA.location.id;
  const post = (url: string, values: Record<string, string | string[]>, who = employer) => {
    const body = form({ _csrf: who.csrf, ...values });
    return app.inject({ method: 'POST', url, headers: { cookie: who.cookie, ...body.headers }, payload: body.payload });
  };
  const get = (url: string, who = employer) => app.inject({ method: 'GET', url, headers: { cookie: who.cookie } });
  const rowsOf = () =>
    database.db
      .select()
      .from(vacancies)
      .where(and(eq(vacancies.tenantId, world.tenantId), eq(vacancies.employerId, world.employerA.employer.id)));

  const week = ['mon', 'tue', 'wed', 'thu', 'fri'];
  const filled = {
    titel: 'Orderpicker nachtploeg',
    locatie: locationId,
    contract: 'fixed_term',
    plaatsen: '4',
    urenMin: '24',
    urenMax: '32',
    opbouw: 'ja',
    opbouwUren: '12',
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
    steun: ['job_coach', 'buddy'],
  };

  await t.test('the form: occupation suggestions, errors on the form with the answers kept, one vacancy per form', async (t) => {
    const blank = await get('/werkgever/vacatures/nieuw');
    t.equal(blank.statusCode, 200);
    t.match(blank.body, /Kies eerst een beroep/);

    const searched = await post('/werkgever/vacatures/nieuw', { ...filled, titel: 'orderpiker', actie: 'zoek' });
    t.equal(searched.statusCode, 200);
    const orderpicker = /name="beroep" value="([^"]+)" id="[^"]+"\s*\/?>\s*<label[^>]*>orderpicker</.exec(searched.body);
    t.ok(orderpicker, 'a misspelt title finds the occupation');
    t.match(searched.body, /value="orderpiker"/, 'the title is kept');
    t.match(searched.body, /id="dienst-wed-night"[^>]*checked|checked[^>]*id="dienst-wed-night"/, 'the grid is kept');

    const chosen = await post('/werkgever/vacatures/nieuw', { ...filled, beroep: orderpicker![1]!, actie: 'beroep' });
    t.match(chosen.body, /Vaardigheden die bij orderpicker horen/);
    t.match(chosen.body, /<label class="utrecht-form-label" for="veld-v\d+">orders verzamelen<\/label>/, 'the suggestions, in plain Dutch');
    t.match(chosen.body, /mag iemand leren op de werkvloer/);
    const rowCount = Number(/name="vaardigheden" value="(\d+)"/.exec(chosen.body)![1]);
    t.equal(rowCount, 6, 'every suggested competency is offered');
    const uriOf = (index: number) => new RegExp(`name="v${index}-uri" value="([^"]+)"`).exec(chosen.body)![1]!;
    const labelOf = (index: number) => new RegExp(`name="v${index}-label" value="([^"]+)"`).exec(chosen.body)![1]!;
    const competencies = {
      vaardigheden: String(rowCount),
      ...Object.fromEntries(
        Array.from({ length: rowCount }, (_, index) => [
          [`v${index}-uri`, uriOf(index)],
          [`v${index}-label`, labelOf(index)],
          [`v${index}-belang`, index === 0 ? 'must' : index === 1 ? 'trainable' : ''],
        ]).flat(),
      ),
    };

    // Errors: the same rules as the API (ramp-up below the minimum, a rotation needs its shifts), on the fields.
    const wrong = await post('/werkgever/vacatures/nieuw', {
      ...filled,
      ...competencies,
      beroep: orderpicker![1]!,
      opbouwUren: '30',
      urenMin: 'twintig',
      dienst: week.map((day) => `${day}:early`),
      'early-start': '10:00',
      _sleutel: 'form-vacancy-wrong-1',
      actie: 'plaatsen',
    });
    t.equal(wrong.statusCode, 400);
    t.match(wrong.body, /De vacature is nog niet bewaard/);
    t.match(wrong.body, /href="#veld-urenMin">Uren per week<\/a>: Vul een heel getal in/);
    t.match(wrong.body, /href="#veld-diensten">Rooster<\/a>: Een rooster in drie ploegen heeft ook deze diensten nodig: late dienst, nachtdienst/);
    t.match(wrong.body, /href="#veld-early-start">Tijden van de vroege dienst<\/a>: De begintijd 10:00 past niet bij een vroege dienst/);
    t.match(wrong.body, /value="twintig"/, 'what was typed stays');
    t.match(wrong.body, /value="30"/);
    t.match(wrong.body, /<option value="must" selected>nodig vanaf de eerste dag<\/option>/, 'the competency choices stay');
    t.equal((await rowsOf()).length, 0, 'nothing saved');
    const rampTooHigh = await post('/werkgever/vacatures/nieuw', {
      ...filled,
      ...competencies,
      opbouwUren: '30',
      _sleutel: 'form-vacancy-wrong-2',
      actie: 'plaatsen',
    });
    t.match(rampTooHigh.body, /Beginnen met minder uren<\/a>: Opbouwen kan alleen vanaf minder uren dan het minimum/);
    const noShifts = await post('/werkgever/vacatures/nieuw', { ...filled, dienst: [], _sleutel: 'form-vacancy-wrong-3', actie: 'concept' });
    t.match(noShifts.body, /Rooster<\/a>: Kies minstens één dienst/);

    // Another employer's location is refused like in the API, on the location field.
    const foreign = await post('/werkgever/vacatures/nieuw', {
      ...filled,
      locatie: world.employerB.location.id,
      _sleutel: 'form-vacancy-foreign',
      actie: 'concept',
    });
    t.equal(foreign.statusCode, 400);
    t.match(foreign.body, /href="#veld-locatie">Waar<\/a>: Deze locatie hoort niet bij deze werkgever/);

    // A start that is already over is refused on its field.
    const past = await post('/werkgever/vacatures/nieuw', { ...filled, start: '2020-01-01', _sleutel: 'form-vacancy-past', actie: 'concept' });
    t.equal(past.statusCode, 400);
    t.match(past.body, /href="#veld-start">[^<]+<\/a>: Deze datum is al voorbij/);

    // Sent twice at once and once more: one vacancy.
    const good = {
      ...filled,
      ...competencies,
      beroep: orderpicker![1]!,
      omschrijving: 'Orders verzamelen met een scanner.',
      openbaar: 'ja',
      _sleutel: 'form-vacancy-good-1',
      actie: 'plaatsen',
    };
    const [first, second] = await Promise.all([post('/werkgever/vacatures/nieuw', good), post('/werkgever/vacatures/nieuw', good)]);
    t.equal(first.statusCode, 303);
    t.equal(second.headers.location, first.headers.location);
    t.equal((await post('/werkgever/vacatures/nieuw', good)).headers.location, first.headers.location);
    const rows = await rowsOf();
    t.equal(rows.length, 1, 'one vacancy recorded');
    const id = rows[0]!.id;
    t.equal(first.headers.location, `/werkgever/vacatures/${id}?bewaard=1`);

    // What the API shows is what the form said.
    const api = (await app.inject({ method: 'GET', url: `/v1/vacancies/${id}`, headers: bearer(world.employerA.user) })).json();
    t.match(api, {
      title: 'Orderpicker nachtploeg',
      occupationUri: orderpicker![1],
      status: 'open',
      public: true,
      hoursPerWeek: { min: 24, max: 32 },
      rampUpFromHours: 12,
      positions: 4,
      supportOffered: ['job_coach', 'buddy'],
      shiftPattern: { kind: 'rotating', rotation: { system: '3-shift', cycleWeeks: 3 } },
    });
    t.same(
      api.competencies,
      [
        { skillUri: uriOf(0), label: labelOf(0), importance: 'must' },
        { skillUri: uriOf(1), label: labelOf(1), importance: 'trainable' },
      ],
      'the chosen competencies, with their taxonomy URIs',
    );
    t.same(
      (api.shiftPattern as { shifts: Array<{ dayPart: string; start: string; weekdays: string[] }> }).shifts.map((shift) => [
        shift.dayPart,
        shift.start,
        shift.weekdays.length,
      ]),
      [
        ['early', '06:00', 5],
        ['late', '14:00', 5],
        ['night', '22:00', 5],
      ],
    );

    // The page of the vacancy, and editing it: the form comes back filled in; a draft of another one.
    const page = await get(first.headers.location as string);
    t.match(page.body, /De vacature is geplaatst/);
    t.match(page.body, /Beginnen met minder uren kan: vanaf 12 uur per week/);
    t.match(page.body, /Deze vacature staat op vacaturesites zolang hij open staat/, 'the employer sees that it is public (issue 19.3)');
    t.match(page.body, /nachtdienst van 22:00 tot 06:00, maandag t\/m vrijdag/);
    t.match(page.body, /drie ploegen \(vroeg, laat en nacht wisselen\)\. Het rooster duurt 3 weken/);
    t.match(page.body, new RegExp(`Nodig vanaf de eerste dag:</strong> ${labelOf(0)}\\.`));
    t.match(page.body, new RegExp(`Mag iemand leren op de werkvloer:</strong> ${labelOf(1)}\\.`));
    const edit = await get(`/werkgever/vacatures/${id}/bewerken`);
    t.match(edit.body, /value="Orderpicker nachtploeg"/);
    t.match(edit.body, /id="rooster-rotating" checked/);
    t.match(edit.body, /id="veld-openbaar" checked/, 'the public mark comes back on the form');
    t.match(edit.body, /Beroep: <strong>orderpicker<\/strong>/);
    const editKey = /name="_sleutel" value="([^"]+)"/.exec(edit.body)![1]!;
    const { openbaar: _public, ...notPublic } = good;
    const changed = await post(`/werkgever/vacatures/${id}/bewerken`, { ...notPublic, urenMin: '20', opbouwUren: '8', _sleutel: editKey, actie: 'opslaan' });
    t.equal(changed.statusCode, 303);
    t.equal(changed.headers.location, `/werkgever/vacatures/${id}?gewijzigd=1`);
    const afterEdit = await get(changed.headers.location as string);
    t.match(afterEdit.body, /Uw wijzigingen zijn bewaard/);
    t.notMatch(afterEdit.body, /De vacature is geplaatst/, 'a change is not a new vacancy');
    t.match((await rowsOf())[0], { hoursMin: 20, rampUpFromHours: 8, status: 'open', public: false }, 'unticked: no longer public');

    const draft = await post('/werkgever/vacatures/nieuw', {
      ...filled,
      titel: 'Inpakker',
      rooster: 'fixed',
      dienst: ['mon:day', 'tue:day'],
      _sleutel: 'form-vacancy-draft-1',
      actie: 'concept',
    });
    t.equal(draft.statusCode, 303);
    const draftId = /vacatures\/([0-9a-f-]{36})/.exec(draft.headers.location as string)![1]!;
    t.match(
      (await rowsOf()).find((row) => row.id === draftId),
      { status: 'draft', openedAt: null },
    );
    const draftPage = await get(`/werkgever/vacatures/${draftId}`);
    t.match(draftPage.body, /Status: <strong>concept<\/strong>/);
    const publish = await post(`/werkgever/vacatures/${draftId}/status`, { _sleutel: 'form-vacancy-open-1', naar: 'open' });
    t.equal(publish.statusCode, 303);
    t.match(
      (await rowsOf()).find((row) => row.id === draftId),
      { status: 'open' },
    );

    // A shortlist is being prepared for the first: the employer sees that one is coming, not who.
    const shortlist = await app.inject({ method: 'POST', url: `/v1/vacancies/${id}/shortlists`, headers: bearer(world.accountManager), payload: {} });
    t.equal(shortlist.statusCode, 201);
    const list = await get('/werkgever/vacatures');
    t.match(
      list.body,
      new RegExp(`href="/werkgever/vacatures/${id}">Orderpicker nachtploeg</a>: [^<]+<strong> Het Werkplein zoekt nu kandidaten voor u\\.</strong>`),
    );
    t.notMatch(list.body, new RegExp(`href="/werkgever/vacatures/${draftId}">Inpakker</a>[^<]*<strong>`), 'not for the other');

    // Scope: another employer finds neither page nor form; staff use the werkplek.
    const other = await sessionCookieFor(app, world.employerB.user);
    t.equal((await get(`/werkgever/vacatures/${id}`, other)).statusCode, 404);
    t.equal((await post(`/werkgever/vacatures/${id}/bewerken`, { ...good, _sleutel: 'form-vacancy-other', actie: 'opslaan' }, other)).statusCode, 404);
    t.notMatch((await get('/werkgever/vacatures', other)).body, /Orderpicker nachtploeg/);
    const staff = await sessionCookieFor(app, world.employerRelations);
    t.equal((await get('/werkgever/vacatures', staff)).statusCode, 403);
  });

  await t.test('in Chromium on a phone: post a vacancy with a three-shift rotation and a ramp-up start', async (t) => {
    const browser = await startBrowser(t);
    const context = await newContext(browser, { baseUrl, width: 360, height: 780 });
    t.teardown(() => context.close());
    const page = await context.newPage();
    await signInAs(page, app, world.employerA.user, '/werkgever/vacatures');
    await expectAccessible(t, page, 'my vacancies');
    await page.getByRole('link', { name: 'Nieuwe vacature plaatsen' }).click();
    await page.waitForURL(/\/vacatures\/nieuw$/);
    await expectAccessible(t, page, 'new vacancy');
    await expectReflowAt320(t, page, 'new vacancy');

    await page.getByLabel('Titel van de vacature').fill('Heftruckchauffeur');
    await Promise.all([page.waitForLoadState('load'), page.getByRole('button', { name: 'Zoek het beroep bij deze titel' }).click()]);
    await page.getByLabel('heftruckchauffeur').check();
    await Promise.all([page.waitForLoadState('load'), page.getByRole('button', { name: 'Kies dit beroep en toon de vaardigheden' }).click()]);
    await expectAccessible(t, page, 'new vacancy with suggestions');
    await page.getByLabel('heftruck rijden').selectOption('must');
    await page.getByLabel('voorraad rouleren (fifo)').selectOption('trainable');
    await page.getByLabel('Minimaal aantal uren per week').fill('32');
    await page.getByLabel('Maximaal aantal uren per week').fill('38');
    await page.getByLabel('Iemand mag beginnen met minder uren en dat opbouwen').check();
    await page.getByLabel('Beginnen met hoeveel uur per week?').fill('16');
    for (const day of ['maandag', 'dinsdag', 'woensdag', 'donderdag', 'vrijdag']) {
      for (const part of ['vroege dienst', 'late dienst', 'nachtdienst']) await page.getByLabel(`${day}, ${part}`, { exact: true }).check();
    }
    await page.getByLabel('Ja, de diensten wisselen (ploegendienst)').check();
    await page.getByLabel('Bij wisselende diensten: welke ploegen?').selectOption('3-shift');
    await expectReflowAt320(t, page, 'the filled-in form');
    // The last step by keyboard: Tab to "Plaatsen" and press Enter.
    await page.getByLabel('Welke opleiding geeft u op het werk? (mag leeg)').focus();
    await tabTo(page, /^Plaatsen\b/, 5);
    await Promise.all([page.waitForURL(/\/werkgever\/vacatures\/[0-9a-f-]{36}\?bewaard=1$/), page.keyboard.press('Enter')]);
    const main = await page.locator('main').innerText();
    t.match(main, /De vacature is geplaatst/);
    t.match(main, /32 tot 38 uur per week\. Beginnen met minder uren kan: vanaf 16 uur per week/);
    t.match(main, /De diensten wisselen: drie ploegen/);
    t.match(main, /Nodig vanaf de eerste dag: heftruck rijden/);
    t.match(main, /Mag iemand leren op de werkvloer: voorraad rouleren \(fifo\)/);
    await expectAccessible(t, page, 'the vacancy');
    await expectReflowAt320(t, page, 'the vacancy');
    const saved = (await rowsOf()).find((row) => row.title === 'Heftruckchauffeur');
    t.match(saved, { status: 'open', rampUpFromHours: 16, hoursMin: 32, nightWork: true });
  });
});
