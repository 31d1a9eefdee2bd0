import { sql } from 'drizzle-orm';
import t from 'tap';
import { ensureSearchIndexes } from '../../src/search/search.sync.js';
import { seedDemoTaxonomy } from '../../src/demo/demo-taxonomy.js';
import { demoAccountUsers } from '../../src/demo/seed.js';
import { expectAccessible, expectReflowAt320, newContext, screenshot, startBrowser } from '../support/browser.js';
import { createTestDatabase, testLogger } from '../support/harness.js';
import { buildPageApp } from '../support/pages.js';
import { deleteIndexes } from '../search/search-app.js';

/*
 * Issue 14's flow on the demo Werkplein, in Chromium: search "heftruk", open a vacancy, read why a
 * candidate is excluded, put three candidates on a shortlist, write pitches, approve, send; axe on
 * every page visited.
 */
t.test('a klantmanager searches, ranks, explains, shortlists and sends in the browser', async (t) => {
  const browser = await startBrowser(t);
  const { app, database, baseUrl, search } = await buildPageApp(t, { database: await createTestDatabase(t, { demo: true }) });
  // The demo template holds the seed (its taxonomy included); seeding the taxonomy again changes nothing.
  await seedDemoTaxonomy(database.db);
  t.teardown(() => deleteIndexes(search.client, search.indexPrefix).catch(() => undefined));
  await ensureSearchIndexes({ db: database.db, search: search.client, prefix: search.indexPrefix, logger: testLogger });
  const accounts = await demoAccountUsers(database.db);
  const manager = accounts.find((account) => account.label.startsWith('klantmanager'))!;

  const context = await newContext(browser, { baseUrl });
  t.teardown(() => context.close());
  const page = await context.newPage();
  const link = await app.services.sessions.createLink({ tenantId: manager.tenantId, kind: 'user', subjectId: manager.userId, limited: false });
  await page.goto(`/inloggen/link?token=${link!.token}`);
  await Promise.all([page.waitForURL(/\/werkplek$/), page.getByRole('button', { name: 'Inloggen' }).click()]);

  await page.goto('/werkplek/kandidaten?q=heftruk');
  t.match(await page.locator('main').innerText(), /kandidat(en)? gevonden/);
  t.ok((await page.locator('tbody tr').count()) > 0, 'a misspelt "heftruk" finds candidates');
  await expectAccessible(t, page, 'Kandidaten');
  await screenshot(page, 'kandidaten', { fullPage: false });

  await page.goto('/werkplek/vacatures');
  await expectAccessible(t, page, 'Vacatures');
  await page.locator('tbody a').first().click();
  await page.waitForURL(/\/werkplek\/vacatures\/[0-9a-f-]{36}$/);
  await expectAccessible(t, page, 'vacancy page');
  await expectReflowAt320(t, page, 'vacancy page');
  await screenshot(page, 'vacature');
  await screenshot(page, 'vacature-boven', { fullPage: false });
  t.match(await page.locator('main').innerText(), /Wie valt af, en waarom/);

  // Why is an excluded person not on the list?
  const excludedName = (await page.locator('section[aria-labelledby="kop-af"] li strong').first().innerText()).replace(/ \(.*$/, '');
  t.equal(await page.getByLabel('Naam of kenmerk van de kandidaat').getAttribute('maxlength'), '100', 'no longer than the route takes');
  await page.getByLabel('Naam of kenmerk van de kandidaat').fill(excludedName);
  await Promise.all([page.waitForURL(/waarom=/), page.getByRole('button', { name: 'Leg uit' }).click()]);
  t.match(await page.locator('#uitleg').innerText(), new RegExp(`${excludedName}: valt af`), 'the explanation says the person is excluded');
  await expectAccessible(t, page, 'vacancy page with an explanation');
  // Someone who is paused is not ranked at all: the page says so, and keeps the ranking and the question.
  const paused = await database.db.execute<{ reference: string }>(sql`
    select reference from candidates where tenant_id = ${manager.tenantId} and status = 'paused' order by id limit 1`);
  t.equal(paused.rows.length, 1, 'the demo has a paused candidate');
  await page.getByLabel('Naam of kenmerk van de kandidaat').fill(paused.rows[0]!.reference);
  const [answer] = await Promise.all([
    page.waitForResponse((response) => response.url().includes('waarom=KR')),
    page.getByRole('button', { name: 'Leg uit' }).click(),
  ]);
  await page.waitForLoadState();
  t.equal(answer.status(), 200, 'an answer on the vacancy page, not an error page');
  t.match(await page.locator('#uitleg').innerText(), /doet nu niet mee[\s\S]*staat op gepauzeerd/);
  t.equal(await page.getByLabel('Naam of kenmerk van de kandidaat').inputValue(), paused.rows[0]!.reference, 'the question stays');
  t.ok((await page.locator('input[name="candidateIds"]').count()) > 0, 'and so does the ranking');

  // Three candidates on a shortlist; pitches; approve; send.
  for (let index = 0; index < 3; index += 1) await page.locator('input[name="candidateIds"]').nth(index).check();
  await Promise.all([
    page.waitForURL(/\/werkplek\/shortlists\/[0-9a-f-]{36}$/),
    page.getByRole('button', { name: 'Zet gekozen kandidaten op de shortlist' }).click(),
  ]);
  await expectAccessible(t, page, 'shortlist');
  const entries = page.locator('main ol > li');
  t.equal(await entries.count(), 3, 'three candidates on the shortlist');
  for (let index = 0; index < 3; index += 1) {
    const entry = page.locator('main ol > li').nth(index);
    await entry.locator('textarea[name="strengths"]').fill(`Komt op tijd en leert snel in het magazijn (${index + 1}).`);
    await entry.locator('textarea[name="startPlan"]').fill('Eerst 16 uur per week, na twee maanden 24 uur.');
    await Promise.all([page.waitForEvent('load'), entry.getByRole('button', { name: 'Pitch bewaren' }).click()]);
  }
  for (let index = 0; index < 3; index += 1) {
    const approve = page.getByRole('button', { name: /^Goedkeuren: / }).first();
    await Promise.all([page.waitForEvent('load'), approve.click()]);
  }
  t.equal(await page.getByRole('button', { name: /^Goedkeuren: / }).count(), 0, 'all three approved');
  t.match(await page.locator('main').innerText(), /Goedgekeurd door/);
  page.once('dialog', (dialog) => void dialog.accept());
  await Promise.all([page.waitForEvent('load'), page.getByRole('button', { name: /^Versturen naar / }).click()]);
  const after = await page.locator('main').innerText();
  const shared = (after.match(/Gedeeld met de werkgever/g) ?? []).length;
  const withoutConsent = (after.match(/Nog geen toestemming/g) ?? []).length;
  t.equal(shared + withoutConsent, 3, 'everyone with consent was sent; the others are marked');
  t.ok(shared >= 1, `${shared} sent to the employer`);
  await expectAccessible(t, page, 'shortlist after sending');
  await screenshot(page, 'shortlist');

  // Mijn werk now shows the shortlist that was sent.
  await page.goto('/werkplek');
  t.match(await page.locator('main').innerText(), /Verstuurde shortlists: antwoorden van werkgevers/);
  t.ok((await page.locator('main a[href^="/werkplek/shortlists/"]').count()) >= 1, 'the sent shortlist is listed');
  await expectAccessible(t, page, 'Mijn werk');
});
