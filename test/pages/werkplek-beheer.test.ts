import { sql } from 'drizzle-orm';
import t from 'tap';
import { shortlistWorld } from '../shortlists/fixtures.js';
import { expectAccessible, expectReflowAt320, newContext, signInAs, startBrowser, tabTo } from '../support/browser.js';
import { createTestDatabase } from '../support/harness.js';
import { buildPageApp, form, sessionCookieFor } from '../support/pages.js';

/*
 * Beheer (issue 14.7, and issue 17.2's "the werkplek when it exists"): the admin's pages over the
 * same services as the API. Admins add users, change roles, switch people off, issue a token shown
 * once and revoke it; read the audit log with filters; open the fairness and impact reports; add a
 * version of the rekentool's income rules; try weights on recent vacancies before saving them; and
 * handle a person's access and erasure request. Every write leaves its audit row; a klantmanager is
 * refused everywhere. Forms work without JavaScript (inject) and by keyboard (Chromium); axe and
 * 320 px on every page.
 */
t.test('an admin does the Beheer work in the werkplek; a klantmanager is refused', async (t) => {
  const database = await createTestDatabase(t);
  const scene = await shortlistWorld(t, {}, { database });
  const { world, clock, inject, person, openVacancy } = scene;
  const { app, baseUrl } = await buildPageApp(t, { database, clock });
  const people = [await person(), await person(), await person()];
  await openVacancy({ title: 'Orderpicker vroege dienst' });

  const admin = await sessionCookieFor(app, world.admin);
  const get = (url: string, session = admin) => app.inject({ method: 'GET', url, headers: { cookie: session.cookie } });
  const post = (url: string, values: Record<string, string | string[]>, session = admin) => {
    const body = form({ _csrf: session.csrf, ...values });
    return app.inject({ method: 'POST', url, headers: { cookie: session.cookie, ...body.headers }, payload: body.payload });
  };
  const auditActions = async () => (await app.services.audit.list(world.admin.principal, { limit: 100 })).items.map((item) => item.action);
  const count = async (action: string) => (await auditActions()).filter((item) => item === action).length;

  // A klantmanager: no Beheer in the menu, every page and form refused like the API (403).
  const manager = await sessionCookieFor(app, world.accountManager);
  t.notMatch((await get('/werkplek', manager)).body, /href="\/werkplek\/beheer"/, 'no Beheer in a klantmanager’s menu');
  t.match((await get('/werkplek')).body, /href="\/werkplek\/beheer"/, 'Beheer in an admin’s menu');
  for (const path of [
    '',
    '/gebruikers',
    `/gebruikers/${world.admin.userId}`,
    '/instellingen',
    '/audit',
    '/rapporten',
    '/rapporten/eerlijkheid',
    '/rapporten/impact',
    '/rekenregels',
    '/rekenregels/nieuw',
    '/gewichten',
    '/gegevens',
    `/gegevens/kandidaten/${people[0]!.id}`,
  ]) {
    t.equal((await get(`/werkplek/beheer${path}`, manager)).statusCode, 403, `klantmanager: GET /werkplek/beheer${path} → 403`);
    t.equal((await get(`/werkplek/beheer${path}`)).statusCode, 200, `admin: GET /werkplek/beheer${path} → 200`);
  }
  for (const path of [
    '/gebruikers',
    '/gewichten',
    '/gewichten/voorbeeld',
    '/rekenregels',
    '/instellingen',
    `/gegevens/kandidaten/${people[0]!.id}/verwijderen`,
  ]) {
    t.equal((await post(`/werkplek/beheer${path}`, {}, manager)).statusCode, 403, `klantmanager: POST /werkplek/beheer${path} → 403`);
  }

  // (1) Users: a missing e-mail address is named at its field; a new user; a role change; switched off.
  const missing = await post('/werkplek/beheer/gebruikers', { name: 'Nieuwe Collega', email: '', role: 'account_manager', employerId: '' });
  t.equal(missing.statusCode, 422);
  t.match(missing.body, /id="veld-email-fout"/, 'the error is shown at the e-mail field');
  t.match(missing.body, /value="Nieuwe Collega"/, 'what was typed stays');
  const created = await post('/werkplek/beheer/gebruikers', {
    name: 'Nieuwe Collega',
    email: 'nieuwe.collega@test.example',
    role: 'account_manager',
    employerId: '',
  });
  t.equal(created.statusCode, 303, created.body);
  const userUrl = String(created.headers.location).split('?')[0]!;
  const userId = userUrl.split('/').pop()!;
  t.match((await inject('GET', `/v1/users/${userId}`, world.admin)).json(), { name: 'Nieuwe Collega', role: 'account_manager', active: true });
  t.equal(
    (await post('/werkplek/beheer/gebruikers', { name: 'Nog Een', email: 'nieuwe.collega@test.example', role: 'admin', employerId: '' })).statusCode,
    409,
    'the same e-mail twice: refused on the form',
  );
  t.equal((await post(userUrl, { name: 'Nieuwe Collega', role: 'employer_relations', active: 'true' })).statusCode, 303);
  t.match((await inject('GET', `/v1/users/${userId}`, world.admin)).json(), { role: 'employer_relations', active: true }, 'role changed through the service');
  const self = await post(`/werkplek/beheer/gebruikers/${world.admin.userId}`, { role: 'account_manager', active: 'false' });
  t.equal(self.statusCode, 409, 'an admin cannot demote or switch off themselves');
  t.match(self.body, /Vraag een andere beheerder/);
  const employerUser = await post(`/werkplek/beheer/gebruikers/${world.employerA.user.userId}`, { role: 'admin' });
  t.equal(employerUser.statusCode, 409, 'an employer account does not become staff');

  // Tokens: shown once on the answer, listed by prefix, revoked.
  const noLabel = await post(`${userUrl}/tokens`, { label: '', ttlDays: '' });
  t.equal(noLabel.statusCode, 422);
  t.match(noLabel.body, /id="veld-label-fout"/);
  const issued = await post(`${userUrl}/tokens`, { label: 'koppeling werkgeversportaal', ttlDays: '30' });
  t.equal(issued.statusCode, 201);
  const secret = /id="nieuw-token">\s*(krj_[A-Za-z0-9_-]+)/.exec(issued.body)?.[1];
  t.ok(secret, 'the token is shown once');
  t.equal((await app.inject({ method: 'GET', url: '/v1/me', headers: { authorization: `Bearer ${secret}` } })).statusCode, 200, 'and works');
  const userPage = (await get(userUrl)).body;
  t.notMatch(userPage, new RegExp(secret!), 'never shown again');
  const tokenId = (await inject('GET', `/v1/users/${userId}/tokens`, world.admin)).json().items[0].id;
  const revoked = await post(`/werkplek/beheer/tokens/${tokenId}/intrekken`, {});
  t.equal(revoked.statusCode, 303);
  t.equal(
    (await app.inject({ method: 'GET', url: '/v1/me', headers: { authorization: `Bearer ${secret}` } })).statusCode,
    401,
    'a revoked token stops working',
  );
  t.equal((await post(userUrl, { name: 'Nieuwe Collega', role: 'employer_relations', active: 'false' })).statusCode, 303);
  t.match((await inject('GET', `/v1/users/${userId}`, world.admin)).json(), { active: false }, 'switched off');
  for (const action of ['user.create', 'user.update', 'token.issue', 'token.revoke']) t.ok((await count(action)) >= 1, `audit row: ${action}`);

  // (2) The audit log: filtered, a wrong date named at its field, paged.
  const filtered = await get('/werkplek/beheer/audit?action=token.issue&actorUserId=&subjectType=&subjectId=&from=&to=');
  t.equal(filtered.statusCode, 200);
  t.match(filtered.body, /token gemaakt/);
  t.notMatch(filtered.body, /<td class="utrecht-table__cell">gebruiker toegevoegd/, 'only the chosen action');
  const wrongDate = await get('/werkplek/beheer/audit?from=morgen');
  t.equal(wrongDate.statusCode, 400);
  t.match(wrongDate.body, /id="veld-from-fout"/);
  const first = (await inject('GET', '/v1/audit?limit=1', world.admin)).json();
  const paged = await get(`/werkplek/beheer/audit?cursor=${encodeURIComponent(first.nextCursor)}`);
  t.equal(paged.statusCode, 200, 'a next page');

  // (3) The reports, inside the werkplek; the fairness report is audited as in the API.
  const fairnessBefore = await count('report.fairness');
  const fairness = await get('/werkplek/beheer/rapporten/eerlijkheid?from=2026-01-01&to=');
  t.equal(fairness.statusCode, 200);
  t.match(fairness.body, /Eerlijkheid: krijgen alle groepen even goede kansen\?/);
  t.equal(await count('report.fairness'), fairnessBefore + 1, 'audit row: report.fairness');
  t.match((await get('/werkplek/beheer/rapporten/impact?groupBy=quarter')).body, /Wat levert het op\?/);
  t.equal((await get('/werkplek/beheer/rapporten/impact?from=gisteren')).statusCode, 400);

  // (4) The rekentool's income rules: a new version for a period, audited and versioned as the API.
  const newRules = await get('/werkplek/beheer/rekenregels/nieuw');
  const field = (name: string) => new RegExp(`name="${name}"[^>]*value="([^"]*)"`).exec(newRules.body)?.[1] ?? '';
  const textarea = (name: string) =>
    (new RegExp(`name="${name}"[^>]*>([^<]*)</textarea>`).exec(newRules.body)?.[1] ?? '').replaceAll('&quot;', '"').replaceAll('&amp;', '&');
  const ruleValues: Record<string, string> = {
    basis: /name="basis" value="([^"]+)"/.exec(newRules.body)?.[1] ?? '',
    payrollTax: textarea('payrollTax'),
    reason: '',
  };
  for (const name of [
    'validFrom',
    'normSingle',
    'normSingleParent',
    'normPartners',
    'bijstandSourceTitle',
    'bijstandSourceUrl',
    'allowanceShare',
    'allowanceCap',
    'allowanceMonths',
    'allowanceSourceTitle',
    'allowanceSourceUrl',
    'minimumWageHourly',
    'minimumWageSourceTitle',
    'minimumWageSourceUrl',
  ]) {
    ruleValues[name] = field(name);
  }
  t.ok(ruleValues.validFrom && ruleValues.normSingle && ruleValues.payrollTax!.includes('brackets'), 'the form starts from the current figures');
  const badJson = await post('/werkplek/beheer/rekenregels', { ...ruleValues, payrollTax: '{ kapot', reason: 'Nieuwe normen' });
  t.equal(badJson.statusCode, 422);
  t.match(badJson.body, /id="veld-payrollTax-fout"[^>]*>\s*Dit is geen geldige JSON/);
  const badNorm = await post('/werkplek/beheer/rekenregels', { ...ruleValues, normSingle: 'veel', reason: 'Nieuwe normen' });
  t.equal(badNorm.statusCode, 422);
  t.match(badNorm.body, /id="veld-normSingle-fout"/, 'a wrong amount is named at its field');
  const savedRules = await post('/werkplek/beheer/rekenregels', { ...ruleValues, normSingle: '1400,50', reason: 'Nieuwe normen per brief van het ministerie' });
  t.equal(savedRules.statusCode, 303, savedRules.body);
  const periods = (await inject('GET', `/v1/income-rules?validFrom=${ruleValues.validFrom}`, world.admin)).json().periods;
  t.match(
    periods[0].current,
    { version: 1, reason: 'Nieuwe normen per brief van het ministerie', rules: { bijstand: { normSingle: 1400.5 } } },
    'a new version through the service',
  );
  t.ok((await count('rekentool.rules_change')) >= 1, 'audit row: rekentool.rules_change');

  // (5) Weights: a what-if preview on recent vacancies writes nothing; saving needs a reason.
  const proposal = { competencies: '35', motivation: '10', potential: '15', shifts: '12', hours: '10', travel: '10', workWishes: '8', education: '0' };
  const runsBefore = await database.db.execute<{ n: number }>(sql`select count(*)::int as n from match_runs where tenant_id = ${world.tenantId}`);
  const preview = await post('/werkplek/beheer/gewichten/voorbeeld', { ...proposal, note: '' });
  t.equal(preview.statusCode, 200, preview.body.slice(0, 400));
  t.match(preview.body, /Wat verandert er\?/);
  t.match(preview.body, /Orderpicker vroege dienst/, 'the newest open vacancy is compared');
  t.match(preview.body, /Motivatie weegt nu niet zwaarder dan vaardigheden/, 'the seeds’ rule warning');
  t.ok(
    people.some((candidate) => preview.body.includes(candidate.reference)),
    'the top list names the people',
  );
  const runsAfter = await database.db.execute<{ n: number }>(sql`select count(*)::int as n from match_runs where tenant_id = ${world.tenantId}`);
  t.equal(runsAfter.rows[0]!.n, runsBefore.rows[0]!.n, 'a preview stores no ranking run');
  t.equal((await inject('GET', '/v1/matching/weights', world.admin)).json().version, 0, 'nor new weights');
  const notOne = await post('/werkplek/beheer/gewichten/voorbeeld', { ...proposal, competencies: '50', note: '' });
  t.equal(notOne.statusCode, 400, 'weights that do not add up to 100 % are refused on the form');
  t.match(notOne.body, /utrecht-alert--error/);
  const noReason = await post('/werkplek/beheer/gewichten', { ...proposal, note: '' });
  t.equal(noReason.statusCode, 422);
  t.match(noReason.body, /id="veld-note-fout"/);
  const weightsBefore = await count('weights.change');
  t.equal((await post('/werkplek/beheer/gewichten', { ...proposal, note: 'Proef: vaardigheden zwaarder' })).statusCode, 303);
  t.match((await inject('GET', '/v1/matching/weights', world.admin)).json(), {
    version: 1,
    weights: { competencies: 0.35, motivation: 0.1 },
    note: 'Proef: vaardigheden zwaarder',
  });
  t.equal(await count('weights.change'), weightsBefore + 1, 'audit row: weights.change');

  // Settings.
  const badSetting = await post('/werkplek/beheer/instellingen', { rankingEnabled: 'true', benefitMonthlyAmount: 'veel', instruments: ['jobcoach'] });
  t.equal(badSetting.statusCode, 422);
  t.match(badSetting.body, /id="veld-benefitMonthlyAmount-fout"/);
  t.equal(
    (
      await post('/werkplek/beheer/instellingen', {
        rankingEnabled: 'true',
        benefitMonthlyAmount: '1500',
        instruments: ['jobcoach', 'no_riskpolis'],
        proefplaatsingMaxMonths: '2',
        closedCandidates: '730',
        matchRunInputs: '365',
        mailLog: '365',
      })
    ).statusCode,
    303,
  );
  t.match((await inject('GET', '/v1/settings', world.admin)).json(), { benefitMonthlyAmount: 1500, instruments: { enabled: ['jobcoach', 'no_riskpolis'] } });
  t.ok((await count('settings.change')) >= 1, 'audit row: settings.change');

  // (6) Data rights: found by reference; an export to download; erasure only with the reference typed.
  const erased = people[2]!;
  const found = await get(`/werkplek/beheer/gegevens?q=${erased.reference}`);
  t.match(found.body, new RegExp(`href="/werkplek/beheer/gegevens/kandidaten/${erased.id}"`));
  const exported = await post(`/werkplek/beheer/gegevens/kandidaten/${erased.id}/inzage`, { reason: 'brief 2026-118' });
  t.equal(exported.statusCode, 200);
  t.match(String(exported.headers['content-disposition']), /attachment; filename="inzage-/);
  t.equal(exported.json().purpose, 'access_request');
  t.ok((await count('candidate.export')) >= 1, 'audit row: candidate.export');
  const wrongReference = await post(`/werkplek/beheer/gegevens/kandidaten/${erased.id}/verwijderen`, {
    reason: 'verzoek van de persoon',
    confirmReference: people[1]!.reference,
  });
  t.equal(wrongReference.statusCode, 422);
  t.match(wrongReference.body, /id="veld-confirmReference-fout"/);
  t.equal((await inject('GET', `/v1/candidates/${erased.id}`, world.admin)).statusCode, 200, 'nothing erased without the right reference');
  const receipt = await post(`/werkplek/beheer/gegevens/kandidaten/${erased.id}/verwijderen`, {
    reason: 'verzoek van de persoon (AVG art. 17)',
    confirmReference: erased.reference.toLowerCase(),
  });
  t.equal(receipt.statusCode, 200);
  t.match(receipt.body, /Bewijs van verwijdering/);
  t.equal((await inject('GET', `/v1/candidates/${erased.id}`, world.admin)).statusCode, 404, 'erased');
  t.ok((await count('candidate.erase')) >= 1, 'audit row: candidate.erase');

  // In Chromium: axe and 320 px on every page; a user added and weights tried and saved by keyboard only.
  const browser = await startBrowser(t);
  const context = await newContext(browser, { baseUrl });
  t.teardown(() => context.close());
  const tab = await context.newPage();
  await signInAs(tab, app, world.admin);
  for (const path of [
    '',
    '/gebruikers',
    userUrl.replace('/werkplek/beheer', ''),
    '/instellingen',
    '/audit',
    '/rapporten',
    '/rapporten/eerlijkheid',
    '/rapporten/impact',
    '/rekenregels',
    '/rekenregels/nieuw',
    '/gewichten',
    `/gegevens?q=${people[0]!.reference}`,
    `/gegevens/kandidaten/${people[0]!.id}`,
  ]) {
    await tab.goto(`/werkplek/beheer${path}`);
    await expectAccessible(t, tab, `Beheer ${path || 'start'}`);
    await expectReflowAt320(t, tab, `Beheer ${path || 'start'}`);
  }

  await tab.goto('/werkplek/beheer/gebruikers');
  await tabTo(tab, /^Naam\b/);
  await tab.keyboard.type('Toetsenbord Collega');
  await tabTo(tab, /^E-mailadres\b/);
  await tab.keyboard.type('toetsenbord@test.example');
  await tabTo(tab, /Gebruiker toevoegen/);
  await Promise.all([tab.waitForURL(/\/werkplek\/beheer\/gebruikers\/[0-9a-f-]{36}\?bewaard=1$/), tab.keyboard.press('Enter')]);
  t.match(await tab.locator('h1').innerText(), /Toetsenbord Collega/, 'user added by keyboard');
  await expectAccessible(t, tab, 'new user page');

  await tab.goto('/werkplek/beheer/gewichten');
  for (const [factor, value] of [
    [/^Vaardigheden \(%\)/, '25'],
    [/^Motivatie \(%\)/, '20'],
  ] as const) {
    await tabTo(tab, factor);
    await tab.keyboard.press('Control+A');
    await tab.keyboard.type(value);
  }
  await tabTo(tab, /Bekijk wat er verandert/);
  await Promise.all([tab.waitForURL(/\/werkplek\/beheer\/gewichten\/voorbeeld$/), tab.keyboard.press('Enter')]);
  t.match(await tab.locator('main').innerText(), /Wat verandert er\?/, 'preview by keyboard');
  await expectAccessible(t, tab, 'weights preview');
  await expectReflowAt320(t, tab, 'weights preview');
  await tabTo(tab, /^Waarom verandert u de gewichten/);
  await tab.keyboard.type('Terug naar bijna de standaard');
  await tabTo(tab, /Gewichten opslaan/);
  await Promise.all([tab.waitForURL(/\/werkplek\/beheer\/gewichten\?bewaard=1$/), tab.keyboard.press('Enter')]);
  t.match(
    (await inject('GET', '/v1/matching/weights', world.admin)).json(),
    { version: 2, weights: { competencies: 0.25, motivation: 0.2 } },
    'weights saved by keyboard',
  );
});
