import t from 'tap';
import { markDueFollowUpReminders } from '../../src/placements/placements.jobs.js';
import { shortlistWorld } from '../shortlists/fixtures.js';
import { expectAccessible, expectReflowAt320, newContext, signInAs, startBrowser, tabTo } from '../support/browser.js';
import { bearer } from '../support/factories.js';
import { createTestDatabase } from '../support/harness.js';
import { buildPageApp, sessionCookieFor } from '../support/pages.js';

/*
 * Mijn werk (issue 14, page 1): follow-ups due, consents ending, new strong matches of the caseload,
 * growth-plan cohorts for employer relations staff; the same rules as the digest (one composer).
 */
t.test('Mijn werk lists what is open for me today, from the same rules as the digest', async (t) => {
  const database = await createTestDatabase(t);
  const scene = await shortlistWorld(t, {}, { database });
  const { world, clock, inject, person, newShortlist, addApproved, openVacancy } = scene;
  const { app, baseUrl } = await buildPageApp(t, { database, clock });

  // A hire that started in October: its 1-month follow-up is due (the daily job marked it).
  const hired = await person();
  const hireList = await newShortlist();
  await addApproved(hireList, hired.id);
  t.equal((await inject('POST', `/v1/shortlists/${hireList}/send`)).statusCode, 200);
  const placement = await inject('POST', '/v1/placements', undefined, {
    candidateId: hired.id,
    vacancyId: scene.vacancyId,
    shortlistId: hireList,
    startDate: '2026-10-20',
    hoursPerWeek: 24,
    contractType: 'fixed_term',
    contractMonths: 6,
  });
  t.equal(placement.statusCode, 201, placement.body);
  t.equal(await markDueFollowUpReminders(database.db, clock.now()), 1);

  // A consent that ends within 30 days, and one that ends much later.
  const expiring = await person({ share: false });
  const later = await person({ share: false });
  for (const [who, expiresAt] of [
    [expiring, '2026-12-20T12:00:00+01:00'],
    [later, '2027-06-20T12:00:00+01:00'],
  ] as const) {
    const consent = await inject('POST', `/v1/candidates/${who.id}/consents`, undefined, { purpose: 'share_with_employers', textVersion: '2026-1', expiresAt });
    t.equal(consent.statusCode, 201, consent.body);
  }

  // A new vacancy that fits the caseload well.
  const fresh = await person();
  const newVacancy = await openVacancy({
    title: 'Inpakker dagdienst',
    hoursPerWeek: { min: 16, max: 32 },
    rampUpFromHours: null,
    competencies: [{ label: 'orderpicken', importance: 'should' }],
  });
  const ranked = await inject('GET', `/v1/vacancies/${newVacancy}/matches?limit=50`);
  const freshTotal = (ranked.json().items as Array<{ candidate: { id: string }; total: number }>).find((item) => item.candidate.id === fresh.id)?.total ?? 0;
  t.ok(freshTotal >= 70, `the new vacancy is a strong match for the person (${freshTotal})`);

  // A growth plan whose cohort should be prepared now.
  const plan = await inject('POST', `/v1/employers/${world.employerA.employer.id}/growth-plans`, world.employerRelations, {
    name: 'Nieuwe distributiehal',
    locationId: world.employerA.location.id,
    roles: [
      {
        title: 'Orderpicker nachtploeg',
        headcount: 12,
        expectedDate: '2027-01-15',
        hoursPerWeek: { min: 32, max: 40 },
        shiftPattern: { kind: 'fixed', shifts: [{ dayPart: 'night', start: '22:00', end: '06:00', weekdays: ['mon', 'tue', 'wed', 'thu'] }] },
        trainingLeadTimeWeeks: 6,
      },
    ],
  });
  t.equal(plan.statusCode, 201, plan.body);

  // Without JavaScript: the page as the server sends it.
  const manager = await sessionCookieFor(app, world.accountManager);
  const html = (await app.inject({ method: 'GET', url: '/werkplek', headers: { cookie: manager.cookie } })).body;
  t.ok(html.includes(`href="/werkplek/plaatsingen/${placement.json().id}"`), 'the follow-up due links to the placement');
  t.match(html, /gesprek na 1 maand, gepland op 20 november 2026/);
  t.ok(html.includes(`href="/werkplek/kandidaten/${expiring.id}"`), 'the consent that ends links to the person');
  t.match(html, /loopt af op 20 december 2026/);
  t.equal(html.match(/loopt af op/g)?.length, 1, 'a consent that ends later is not listed');
  t.notOk(html.includes(`href="/werkplek/kandidaten/${later.id}">Samira ${later.contact.familyName} (${later.reference})</a>: toestemming`));
  t.match(
    html,
    new RegExp(`Samira ${fresh.contact.familyName} \\(${fresh.reference}\\)</a> past goed bij <a[^>]+href="/werkplek/vacatures/${newVacancy}"`),
    'the strong match, with the name of one’s own candidate',
  );
  t.notMatch(html, /Groeiplannen: nu mensen voorbereiden/, 'account managers get their caseload, not the growth plans');

  // The run behind the matches is on record (F2), as for the digest.
  const runs = await database.pool.query('select 1 from match_runs where subject_id = $1 and actor_user_id = $2', [
    newVacancy,
    world.accountManager.principal.userId,
  ]);
  t.ok(runs.rowCount! >= 1, 'the ranking shown is a stored run');

  const relations = await sessionCookieFor(app, world.employerRelations);
  const relationsHtml = (await app.inject({ method: 'GET', url: '/werkplek', headers: { cookie: relations.cookie } })).body;
  t.ok(relationsHtml.includes(`href="/werkplek/groeiplannen/${plan.json().id}"`), 'employer relations staff see the cohort to prepare');
  t.match(relationsHtml, /12 × Orderpicker nachtploeg op 15 januari 2027/);
  t.notMatch(relationsHtml, /Toestemmingen die binnenkort aflopen/);

  // In Chromium: axe, 320 px, and the first item reached by keyboard.
  const browser = await startBrowser(t);
  const context = await newContext(browser, { baseUrl });
  t.teardown(() => context.close());
  const page = await context.newPage();
  await signInAs(page, app, world.accountManager);
  await page.goto('/werkplek');
  await expectAccessible(t, page, 'Mijn werk with open work');
  await expectReflowAt320(t, page, 'Mijn werk with open work');
  await tabTo(page, new RegExp(expiring.reference));
  await Promise.all([page.waitForURL(new RegExp(`/werkplek/kandidaten/${expiring.id}$`)), page.keyboard.press('Enter')]);
});

/*
 * Issue 14 (Mijn werk at 100k): the page keeps each strong-match answer in memory and records a
 * ranking once per actor; a view after a change ranks and records anew and shows the new answer.
 */
t.test('Mijn werk records a ranking once, and shows and records a new one after the weights or a candidate change', async (t) => {
  const database = await createTestDatabase(t);
  const scene = await shortlistWorld(t, {}, { database });
  const { world, inject, person, openVacancy } = scene;
  const { app } = await buildPageApp(t, { database, clock: scene.clock });
  // Signed in first (sign-in opens Mijn werk), so that the views below are the first with the new vacancy.
  const manager = await sessionCookieFor(app, world.accountManager);
  const fresh = await person();
  const vacancyId = await openVacancy({
    title: 'Inpakker dagdienst',
    hoursPerWeek: { min: 16, max: 32 },
    rampUpFromHours: null,
    competencies: [{ label: 'orderpicken', importance: 'should' }],
  });
  const view = async () => (await app.inject({ method: 'GET', url: '/werkplek', headers: { cookie: manager.cookie } })).body;
  const shown = (html: string) =>
    new RegExp(`\\(${fresh.reference}\\)</a> past goed bij <a[^>]+href="/werkplek/vacatures/${vacancyId}"[^>]*>[^<]+</a> \\([^)]+\\): (\\d+) van 100`).exec(
      html,
    )?.[1];
  const apiTotal = async () => {
    const ranked = await inject('GET', `/v1/vacancies/${vacancyId}/matches?limit=50`);
    const total = (ranked.json().items as Array<{ candidate: { id: string }; total: number }>).find((item) => item.candidate.id === fresh.id)?.total;
    return total === undefined ? undefined : String(Math.round(total));
  };
  const runs = async () =>
    Number(
      (
        await database.pool.query<{ n: string }>('select count(*) as n from match_runs where subject_id = $1 and actor_user_id = $2', [
          vacancyId,
          world.accountManager.principal.userId,
        ])
      ).rows[0]!.n,
    );

  const before = await apiTotal();
  t.ok(before !== undefined && Number(before) >= 70, `a strong match to begin with (${before})`);
  let counted = await runs();
  const first = await view();
  t.equal(shown(first), before, 'the page shows the total the API gives');
  t.equal(await runs(), counted + 1, 'the first view records the ranking it shows');
  const second = await view();
  t.equal(shown(second), before, 'the second view shows the same');
  t.equal(await runs(), counted + 1, 'and refers to the run on record instead of storing it again');

  // New weights: the same vacancy and candidates, scored anew.
  const weights = await scene.app.inject({
    method: 'PUT',
    url: '/v1/matching/weights',
    headers: bearer(world.admin),
    payload: {
      weights: { competencies: 0.45, motivation: 0.05, potential: 0.05, shifts: 0.05, hours: 0.05, travel: 0.05, workWishes: 0.3, education: 0 },
      note: 'test: vakmanschap en wensen zwaarder',
    },
  });
  t.equal(weights.statusCode, 200, weights.body);
  const after = await apiTotal();
  t.not(after, before, `the weights change the total (${before} → ${after})`);
  counted = await runs();
  const third = await view();
  t.equal(shown(third), after !== undefined && Number(after) >= 70 ? after : undefined, 'the page shows the answer with the new weights');
  t.equal(await runs(), counted + (shown(third) ? 1 : 0), 'and records it');

  // A candidate change: the person is paused and leaves the population.
  t.equal((await inject('PATCH', `/v1/candidates/${fresh.id}`, world.accountManager, { status: 'paused' })).statusCode, 200);
  t.equal(shown(await view()), undefined, 'a paused person is no longer a strong match');
});
