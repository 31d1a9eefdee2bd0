import { and, eq } from 'drizzle-orm';
import t from 'tap';
import { auditLog, candidates, intakeDrafts } from '../../db/schema/index.js';
import { seedDemoTaxonomy } from '../../src/demo/demo-taxonomy.js';
import { deleteIndexes } from '../search/search-app.js';
import { expectAccessible, expectErrorSummaryFocused, expectReflowAt320, newContext, signInAs, startBrowser, tabTo } from '../support/browser.js';
import { bearer, buildTenant, createCandidate } from '../support/factories.js';
import { createTestDatabase } from '../support/harness.js';
import { buildPageApp, form, sessionCookieFor } from '../support/pages.js';

/*
 * The intake as a step-by-step form on the candidate page (issue 14, page 2): one step per section
 * of the versioned questionnaire, "stap N van M", each step saved (POST, redirect, GET), errors per
 * field with a summary that links to the fields; finishing yields the same profile as the API's
 * intake (the same service call). The first step links the work wish to an occupation through the
 * taxonomy look-up, without JavaScript, the person's own words kept. And the evidenced assessments of
 * motivation and learning ability.
 * Validation details are checked with app.inject; one Chromium fills the whole intake by keyboard.
 */

/** The answers the browser types, as the API takes them: the page's intake must derive the same profile. */
const ANSWERS = {
  workWishes: { titles: ['Orderpicker'], sectors: ['logistics'], occupationUris: [] },
  experience: [{ kind: 'volunteer', title: 'Voedselbank kratten sorteren', months: 18 }],
  competencies: [{ label: 'Heftruck rijden', level: 3, evidence: 'work_experience' }],
  availability: {
    grid: { mon: ['early'], tue: ['early'], wed: [], thu: [], fri: [], sat: [], sun: [] },
    hoursNow: 16,
    hoursTarget: 24,
    rampUpPlan: [16, 20, 24],
  },
  mobility: { modes: ['bike'], drivingLicences: [], maxTravelMinutes: 30 },
  motivation: { score: 4, evidence: 'Kwam op elke afspraak en zocht zelf vacatures.' },
  learningAbility: { score: 2, evidence: 'Leerde het scansysteem in twee weken.' },
  barriers: [{ domain: 'health', severity: 'light', solvable: true, action: 'Huisarts bellen over de rug', unlocksMode: 'ebike' }],
  certificates: ['VCA'],
  diplomas: { educationLevel: 2, items: [] },
};

t.test('the intake step by step, and assessments, on the werkplek', async (t) => {
  const database = await createTestDatabase(t);
  const { app, baseUrl, search } = await buildPageApp(t, { database });
  // The demo taxonomy, indexed: the occupation look-up of the first step searches it.
  await seedDemoTaxonomy(database.db);
  t.teardown(() => deleteIndexes(search.client, search.indexPrefix).catch(() => undefined));
  await app.services.taxonomy.reindex();
  const world = await buildTenant(database.db, { name: 'Werkplein Intake' });
  const other = await buildTenant(database.db, { name: 'Werkplein Elders' });
  const person = await createCandidate(app, world.accountManager, {
    contact: { givenName: 'Fatima', familyName: 'Yilmaz', email: 'fatima@test.example', phone: '06 1234 5678' },
  });
  const { cookie, csrf } = await sessionCookieFor(app, world.accountManager);
  const post = (url: string, values: Record<string, string | string[]>, session = { cookie, csrf }) => {
    const body = form({ _csrf: session.csrf, ...values });
    return app.inject({ method: 'POST', url, headers: { cookie: session.cookie, ...body.headers }, payload: body.payload });
  };
  const base = `/werkplek/kandidaten/${person.id}/intake`;

  await t.test('an invalid step answers 422 with the error summary linked to its fields, in plain Dutch; nothing is saved', async (t) => {
    const step4 = await post(`${base}/4`, { hoursNow: '24', hoursTarget: '16' });
    t.equal(step4.statusCode, 422);
    t.match(step4.body, /<title>Fout: /, 'the page title says there is an error');
    t.match(step4.body, /Er gaat iets mis/);
    t.match(step4.body, /<a class="utrecht-link utrecht-link--html-a" href="#veld-hoursTarget">Uren later: [^<]+<\/a>/, 'the summary links to the field');
    t.match(step4.body, /id="veld-hoursTarget"[^>]*aria-invalid="true"/, 'the field is marked invalid');
    t.match(step4.body, /Stap 4 van 10/);
    const typo = await post(`${base}/4`, { hoursNow: '16', hoursTarget: '24', rampUpPlan: '8, x' });
    t.equal(typo.statusCode, 422);
    t.match(typo.body, /href="#veld-rampUpPlan">Opbouw: Vul een getal in, bijvoorbeeld 16\.<\/a>/, 'a word among the numbers');
    t.match(typo.body, /value="8, x"/, 'what was typed stays');

    const step6 = await post(`${base}/6`, { evidence: '' });
    t.equal(step6.statusCode, 422);
    t.match(step6.body, /href="#veld-score-1">Score: Vul dit in of kies er een\.<\/a>/, 'a radio group: the summary links to its first option');
    t.match(step6.body, /href="#veld-evidence">Waarop baseer je dat: Vul dit veld in\.<\/a>/);

    const step8 = await post(`${base}/8`, { 'health.severity': 'light', 'health.solvable': 'yes' });
    t.equal(step8.statusCode, 422, 'a solvable barrier needs an agreed action');
    t.match(step8.body, /href="#veld-health-action">gezondheid, Afspraak: /);

    // A row with only its kind chosen is half filled in, not empty: it says what is missing (it was dropped).
    const step2 = await post(`${base}/2`, { '0.kind': 'paid', '0.title': 'Magazijn', '1.kind': 'volunteer', '1.title': '' });
    t.equal(step2.statusCode, 422);
    t.match(step2.body, /href="#veld-1-title">Ervaring 2, Wat deed je: /);

    const step3 = await post(`${base}/3`, { '0.label': 'Heftruck rijden' });
    t.equal(step3.statusCode, 422);
    t.match(step3.body, /href="#veld-0-level">Vaardigheid 1, Niveau: /, 'a row of a repeated part');

    // The occupation look-up of step 1: searching and picking send the step back as typed, and save nothing.
    const nothing = await post(`${base}/1`, { titles: '', beroepZoeken: '', actie: 'zoek-beroep' });
    t.equal(nothing.statusCode, 422, 'a search needs words');
    t.match(nothing.body, /href="#veld-beroepZoeken">Zoek een beroep: Vul in welk werk je zoekt/);
    const searched = await post(`${base}/1`, { titles: 'Orderpicker\nIets met mijn handen', beroepZoeken: 'orderpikker', actie: 'zoek-beroep' });
    t.equal(searched.statusCode, 200);
    t.match(searched.body, /<legend[^>]*>Welk beroep past bij de werkwens\?<\/legend>/, 'suggestions as radio buttons');
    const radios = [...searched.body.matchAll(/type="radio" name="beroep" value="(https:[^"]+)"/g)].map((match) => match[1]!);
    t.ok(radios.length >= 1 && radios.length <= 8, `up to 8 suggestions (${radios.length}), typos tolerated`);
    const orderpicker = /name="beroep" value="([^"]+)" id="[^"]+"\s*\/?>\s*<label[^>]*>orderpicker</.exec(searched.body)?.[1];
    t.ok(orderpicker, 'orderpicker among them, with its Dutch label');
    t.match(searched.body, />Orderpicker\nIets met mijn handen<\/textarea>/, 'the person’s own words stay as typed');
    const fallback = await post(`${base}/1`, { titles: 'orderpicker', beroepZoeken: '', actie: 'zoek-beroep' });
    t.match(fallback.body, /value="orderpicker"/, 'an empty search looks up the first work wish');
    const nowhere = await post(`${base}/1`, { titles: '', beroepZoeken: 'astronaut', actie: 'zoek-beroep' });
    t.match(nowhere.body, /Bij &quot;astronaut&quot; vonden we geen beroep|Bij "astronaut" vonden we geen beroep/, 'nothing found: said in plain Dutch');
    const picked = await post(`${base}/1`, { titles: 'Orderpicker', beroepZoeken: 'orderpikker', beroep: orderpicker!, actie: 'kies-beroep' });
    t.equal(picked.statusCode, 200);
    t.match(
      picked.body,
      /type="checkbox" name="occupationUris" value="[^"]+" id="veld-occupationUris-0" checked[^>]*\/?>\s*<label[^>]*>orderpicker</,
      'the pick is among the chosen occupations',
    );
    t.notMatch(picked.body, /name="beroep"/, 'and the suggestions are gone');
    t.same(await database.db.select().from(intakeDrafts), [], 'no draft from invalid steps, searches or picks');

    const finish = await post(`${base}/afronden`, {});
    t.equal(finish.statusCode, 422, 'an intake with steps missing cannot be finished');
    t.match(finish.body, /href="#stap-availability">Beschikbaarheid en uren: Deze stap is nog niet ingevuld\.<\/a>/);
  });

  await t.test('who may: only the assigned klantmanager (or an admin); another Werkplein’s person is not found', async (t) => {
    const relations = await sessionCookieFor(app, world.employerRelations);
    t.equal(
      (await app.inject({ method: 'GET', url: `${base}/1`, headers: { cookie: relations.cookie } })).statusCode,
      403,
      'employer relations staff do no intakes',
    );
    t.equal((await post(`${base}/1`, { titles: 'x' }, relations)).statusCode, 403);
    t.equal((await post(`/werkplek/kandidaten/${person.id}/beoordelingen`, { kind: 'motivation', score: '3', evidence: 'x' }, relations)).statusCode, 403);
    const elsewhere = await createCandidate(app, other.accountManager);
    t.equal((await app.inject({ method: 'GET', url: `/werkplek/kandidaten/${elsewhere.id}/intake/1`, headers: { cookie } })).statusCode, 404);
    t.equal((await post(`/werkplek/kandidaten/${elsewhere.id}/intake/1`, { titles: 'x' })).statusCode, 404, 'no write to another Werkplein’s person');
    t.equal((await app.inject({ method: 'GET', url: `${base}/11`, headers: { cookie } })).statusCode, 404, 'no step 11 of 10');
    // A person assigned to the admin: the klantmanager may not start their intake (it holds barrier answers).
    const adminsOwn = await createCandidate(app, world.accountManager);
    await database.db
      .update(candidates)
      .set({ accountManagerId: world.admin.userId })
      .where(and(eq(candidates.tenantId, world.tenantId), eq(candidates.id, adminsOwn.id)));
    t.equal((await post(`/werkplek/kandidaten/${adminsOwn.id}/intake/1`, { titles: 'x' })).statusCode, 403);
    t.notMatch((await app.inject({ method: 'GET', url: `/werkplek/kandidaten/${adminsOwn.id}`, headers: { cookie } })).body, /Begin de intake/);
  });

  await t.test('assessments: an invalid one shows its errors, a valid one is stored through the service', async (t) => {
    const invalid = await post(`/werkplek/kandidaten/${person.id}/beoordelingen`, { kind: 'motivation', score: '7', evidence: '' });
    t.equal(invalid.statusCode, 422);
    t.match(invalid.body, /href="#veld-beoordeling-score-1">Score: /);
    t.match(invalid.body, /href="#veld-beoordeling-evidence">Waarop baseer je dat: /);
  });

  await t.test('in Chromium: the whole intake by keyboard, the profile changes; an assessment; axe and 320 px on every new page', async (t) => {
    const browser = await startBrowser(t);
    const context = await newContext(browser, { baseUrl });
    const page = await context.newPage();
    await signInAs(page, app, world.accountManager, `/werkplek/kandidaten/${person.id}`);
    t.match(await page.locator('main').innerText(), /Nog geen intake gedaan/);
    t.match(await page.locator('main').innerText(), /Uren: nog niet bekend/, 'no question marks for hours not asked yet');
    await tabTo(page, /Begin de intake/);
    await Promise.all([page.waitForURL(/\/intake\/1$/), page.keyboard.press('Enter')]);
    const next = async (label: string) => {
      const from = new URL(page.url()).pathname;
      await tabTo(page, /Opslaan en (volgende stap|controleren)/, 120);
      await Promise.all([page.waitForURL((url) => url.pathname !== from), page.keyboard.press('Enter')]);
      t.pass(`${label} saved`);
    };
    const check = async (label: string) => {
      await expectAccessible(t, page, label);
      await expectReflowAt320(t, page, label);
    };

    // 1 Werkwensen
    t.match(await page.locator('main').innerText(), /Stap 1 van 10/);
    await check('intake stap 1');
    await tabTo(page, /Welk werk zou je graag doen/);
    await page.keyboard.type('Orderpicker');
    // An occupation for the wish: search (Enter in the search field), pick with the arrow keys, choose.
    await tabTo(page, /Zoek een beroep/);
    await page.keyboard.type('orderpicker');
    await page.keyboard.press('Enter');
    await page.getByText('Welk beroep past bij de werkwens?').waitFor();
    await check('intake stap 1 met beroepen om uit te kiezen');
    await tabTo(page, /Geen van deze/);
    await page.keyboard.press('ArrowDown');
    const pickedLabel = await page.locator('input[name="beroep"]:checked + label').innerText();
    t.equal(pickedLabel, 'orderpicker', 'the first suggestion, picked by keyboard');
    const orderpickerUri = await page.locator('input[name="beroep"]:checked').getAttribute('value');
    await tabTo(page, /Kies dit beroep/);
    await page.keyboard.press('Enter');
    await page.getByText('Gekozen beroepen').waitFor();
    await check('intake stap 1 met een gekozen beroep');
    t.ok(await page.locator('#veld-occupationUris-0').isChecked(), 'the occupation is chosen');
    t.equal(await page.locator('#veld-titles').inputValue(), 'Orderpicker', 'the own words stay as typed');
    await tabTo(page, /logistiek/);
    await page.keyboard.press('Space');
    await next('werkwensen');

    // 2 Ervaring
    await page.waitForURL(/\/intake\/2$/);
    await tabTo(page, /Soort ervaring/);
    await page.keyboard.type('vrijwilligerswerk');
    await tabTo(page, /Wat deed je/);
    await page.keyboard.type('Voedselbank kratten sorteren');
    await tabTo(page, /Hoeveel maanden/);
    await page.keyboard.type('18');
    await next('ervaring');

    // 3 Vaardigheden
    await page.waitForURL(/\/intake\/3$/);
    await tabTo(page, /Wat kan de kandidaat/);
    await page.keyboard.type('Heftruck rijden');
    await tabTo(page, /Hoe goed/);
    await page.keyboard.type('goed');
    await tabTo(page, /Hoe weten we dat/);
    await page.keyboard.type('werkervaring');
    await next('vaardigheden');

    // 4 Beschikbaarheid: first a target below now, which the step refuses with a summary
    await page.waitForURL(/\/intake\/4$/);
    await tabTo(page, /vroege dienst/);
    await page.keyboard.press('Space');
    await tabTo(page, /vroege dienst/);
    await page.keyboard.press('Space');
    await tabTo(page, /nu werken/);
    await page.keyboard.type('16');
    await tabTo(page, /uiteindelijk werken/);
    await page.keyboard.type('8');
    await tabTo(page, /Opslaan en volgende stap/, 120);
    await page.keyboard.press('Enter');
    await page.getByText('Er gaat iets mis').waitFor();
    t.match(page.url(), /\/intake\/4$/, 'still step 4');
    await check('intake stap 4 met een fout');
    t.equal(await page.locator('#veld-hoursTarget').getAttribute('aria-invalid'), 'true');
    await expectErrorSummaryFocused(t, page, 'intake stap 4');
    t.match(await page.evaluate<string>('document.activeElement.innerText'), /Uren later/, 'the point about the hours');
    await page.keyboard.press('Enter');
    t.match(page.url(), /#veld-hoursTarget$/, 'the summary link leads to the field');
    await page.locator('#veld-hoursTarget').focus();
    await page.keyboard.press('Control+A');
    await page.keyboard.type('24');
    await tabTo(page, /In welke stappen/);
    await page.keyboard.type('16, 20, 24');
    await next('beschikbaarheid');

    // 5 Vervoer
    await page.waitForURL(/\/intake\/5$/);
    await tabTo(page, /^fiets/);
    await page.keyboard.press('Space');
    await tabTo(page, /Hoe lang wil je reizen/);
    await page.keyboard.type('30');
    await next('vervoer');

    // 6 Motivatie and 7 Leervermogen: a radio group, chosen with the arrow keys
    for (const [step, score, evidence] of [
      [6, 4, ANSWERS.motivation.evidence],
      [7, 2, ANSWERS.learningAbility.evidence],
    ] as const) {
      await page.waitForURL(new RegExp(`/intake/${step}$`));
      await tabTo(page, /1 \(laag\)/);
      for (let i = 1; i < score; i += 1) await page.keyboard.press('ArrowRight');
      await tabTo(page, /Waarop baseer je dat/);
      await page.keyboard.type(evidence);
      await next(`stap ${step}`);
    }

    // 8 Belemmeringen (special-category data)
    await page.waitForURL(/\/intake\/8$/);
    await check('intake stap 8');
    await tabTo(page, /speelt niet/);
    await page.keyboard.press('ArrowRight');
    await tabTo(page, /^ja/);
    await page.keyboard.press('Space');
    await tabTo(page, /Welke afspraak/);
    await page.keyboard.type('Huisarts bellen over de rug');
    await tabTo(page, /Welk vervoer kan de kandidaat dan gebruiken/);
    await page.keyboard.type('e-bike');
    await next('belemmeringen');

    // 9 Certificaten, 10 Diploma's
    await page.waitForURL(/\/intake\/9$/);
    await tabTo(page, /Welke certificaten/);
    await page.keyboard.type('VCA');
    await next('certificaten');
    await page.waitForURL(/\/intake\/10$/);
    t.match(await page.locator('main').innerText(), /Stap 10 van 10/);
    await tabTo(page, /hoogste opleiding/);
    await page.keyboard.type('mbo 1');
    await next('diploma’s');

    // Back to an earlier step: the saved answers are there.
    await page.waitForURL(/\/intake\/afronden$/);
    await check('intake afronden');
    t.match(await page.locator('main').innerText(), /Werkwensen: ingevuld/);
    await page.goto(`${base}/4`);
    t.equal(await page.locator('#veld-hoursTarget').inputValue(), '24', 'a saved step shows its answers');
    t.match(await page.locator('main').innerText(), /Vorige stap: Vaardigheden/);
    await page.goto(`${base}/afronden`);
    await tabTo(page, /Intake afronden/);
    await Promise.all([page.waitForURL(/\/werkplek\/kandidaten\/[0-9a-f-]{36}\?intake=klaar/), page.keyboard.press('Enter')]);
    const done = await page.locator('main').innerText();
    t.match(done, /De intake is afgerond/);
    t.match(done, /Heftruck rijden \(goed, /, 'the profile changed: the competence, its level in words');
    t.match(done, /Uren: nu 16, doel 24, opbouw 16 → 20 → 24/);
    t.match(
      done,
      /Werkwensen\s+In eigen woorden: Orderpicker\.\s+Beroepen:\s+orderpicker\s+Sectoren: logistiek/i,
      'the wishes: own words, the occupation picked, the sector',
    );
    t.match(done, /Motivatie: 4 van 5/);
    t.match(done, /Leervermogen: 2 van 5/);
    t.match(done, /gezondheid: Huisarts bellen over de rug/, 'the barrier with its action, for the assigned klantmanager');
    await check('kandidaat na de intake');
    t.same(await database.db.select().from(intakeDrafts), [], 'the draft is gone once the intake is submitted');

    // The same profile as the API's intake of the same answers (the same service call).
    const twin = await createCandidate(app, world.accountManager);
    const viaApi = await app.inject({
      method: 'POST',
      url: `/v1/candidates/${twin.id}/intakes`,
      headers: bearer(world.accountManager),
      payload: { questionnaireVersion: 'v2', answers: { ...ANSWERS, workWishes: { ...ANSWERS.workWishes, occupationUris: [orderpickerUri] } } },
    });
    t.equal(viaApi.statusCode, 201, viaApi.body);
    const viaPage = await app.inject({ method: 'GET', url: `/v1/candidates/${person.id}/profile`, headers: bearer(world.accountManager) });
    const pick = (profile: Record<string, unknown>) => {
      const { candidateId, version, intakeId, updatedAt, consents, assessmentHistory, motivation, potential, barriers, ...rest } = profile as Record<
        string,
        never
      > & {
        motivation: { score: number; evidence: string };
        potential: { score: number; evidence: string };
        barriers: Array<{ domain: string; severity: string; action: string | null; actionStatus: string | null; unlocksMode: string | null }>;
      };
      return {
        ...rest,
        motivation: [motivation.score, motivation.evidence],
        potential: [potential.score, potential.evidence],
        barriers: barriers.map((barrier) => [barrier.domain, barrier.severity, barrier.action, barrier.actionStatus, barrier.unlocksMode]),
      };
    };
    t.same(pick(viaPage.json()), pick(viaApi.json().profile), 'the page’s intake yields the profile the API’s intake yields');
    t.match(
      viaPage.json().workWishes,
      { titles: ['Orderpicker'], occupationUris: [orderpickerUri] },
      'the occupation picked on step 1 is in the profile, next to the person’s own words',
    );
    const intakes = await app.inject({ method: 'GET', url: `/v1/candidates/${person.id}/intakes`, headers: bearer(world.accountManager) });
    t.match(intakes.json().items, [{ questionnaireVersion: 'v2' }], 'stored as an intake of the current questionnaire');
    const writes = await database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.tenantId, world.tenantId), eq(auditLog.action, 'special_category.write'), eq(auditLog.subjectId, person.id)));
    t.same(
      writes.map((row) => (row.details as { source?: string }).source).sort(),
      ['intake', 'intake_draft'],
      'the barrier step and the submitted intake are both audited as special-category writes',
    );

    // A new intake starts from the last one's answers, to check and save step by step.
    const again = await app.inject({ method: 'GET', url: `${base}/4`, headers: { cookie } });
    t.match(again.body, /komen uit de vorige intake/);
    t.match(again.body, /id="veld-hoursTarget" name="hoursTarget" type="text" value="24"/, 'the last intake’s hours are filled in');

    // An assessment by keyboard: first without evidence (the error page), then with.
    await tabTo(page, /Motivatie\s+motivation/, 200);
    await page.keyboard.press('Space');
    await tabTo(page, /1 \(laag\)/);
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await tabTo(page, /Beoordeling opslaan/);
    await page.keyboard.press('Enter');
    await page.getByText('Er gaat iets mis').waitFor();
    await check('beoordeling met een fout');
    t.ok(await page.locator('#veld-beoordeling-score-3').isChecked(), 'the chosen score stays');
    await tabTo(page, /Waarop baseer je dat\?/);
    await page.keyboard.type('Deed mee aan de proefdag en vroeg om een tweede dag.');
    await tabTo(page, /Beoordeling opslaan/);
    await Promise.all([page.waitForURL(/#kop-beoordelingen$/), page.keyboard.press('Enter')]);
    t.match(await page.locator('main').innerText(), /Motivatie: 3 van 5\. Deed mee aan de proefdag/, 'the latest assessment shows');
    const profile = await app.inject({ method: 'GET', url: `/v1/candidates/${person.id}/profile`, headers: bearer(world.accountManager) });
    t.match(
      profile.json().motivation,
      { score: 3, assessedBy: { id: world.accountManager.userId } },
      'stored through the assessment service, with who assessed',
    );
    await context.close();
  });
});
