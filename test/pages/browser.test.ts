import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import t from 'tap';
import { buildTenant } from '../support/factories.js';
import { expectAccessible, expectReflowAt320, newContext, screenshot, startBrowser, tabTo } from '../support/browser.js';
import { buildPageApp } from '../support/pages.js';
import { waitFor } from '../support/wait.js';

/*
 * In a real Chromium: ask for a link by e-mail, open it from the .eml the embedded default writes,
 * sign in and out, by keyboard only; axe (WCAG 2.1 AA) on every page visited; 320 px reflow.
 */

/** Waits for the .eml of a sign-in mail and reads the link out of it. */
function linkFromMailDir(dir: string, address: string): Promise<string> {
  return waitFor(
    async () => {
      for (const name of await readdir(dir).catch(() => [] as string[])) {
        if (!name.endsWith('.eml')) continue;
        const raw = await readFile(path.join(dir, name), 'utf8');
        if (!raw.includes(`To: ${address}`)) continue;
        const unfolded = raw.replace(/=\r?\n/g, '').replace(/=3D/g, '=');
        const match = /(http:\/\/127\.0\.0\.1:\d+\/inloggen\/link\?token=[A-Za-z0-9._%-]+)/.exec(unfolded);
        if (match) return match[1]!;
      }
      return undefined;
    },
    { what: `a sign-in mail to ${address}`, intervalMs: 25 },
  );
}

t.test('sign in by a mailed link in the browser, by keyboard only; every page passes axe', async (t) => {
  const browser = await startBrowser(t);
  const { app, database, baseUrl, mailDir } = await buildPageApp(t);
  const world = await buildTenant(database.db);
  const email = (await database.db.query.users.findFirst({ where: (users, { eq }) => eq(users.id, world.accountManager.userId) }))!.email;
  const context = await newContext(browser, { baseUrl });
  t.teardown(() => context.close());
  const page = await context.newPage();

  // An unsigned visitor of a werkplek page lands on the sign-in form, and returns there after.
  await page.goto('/werkplek');
  t.match(page.url(), /\/inloggen\?terug=%2Fwerkplek$/);
  await expectAccessible(t, page, 'sign-in form');
  await expectReflowAt320(t, page, 'sign-in form');
  await screenshot(page, 'inloggen');

  await tabTo(page, /E-mailadres/);
  await page.keyboard.type(email);
  await tabTo(page, /Stuur mij een inloglink/);
  await Promise.all([page.waitForURL(/\/inloggen\/verstuurd$/), page.keyboard.press('Enter')]);
  t.match(await page.locator('h1').innerText(), /Kijk in uw mail/);
  await expectAccessible(t, page, 'link sent');

  const link = await linkFromMailDir(mailDir!, email);
  await page.goto(link);
  await expectAccessible(t, page, 'link page');
  await tabTo(page, /^Inloggen$/);
  await Promise.all([page.waitForURL(/\/werkplek$/), page.keyboard.press('Enter')]);
  t.match(await page.locator('h1').innerText(), /Mijn werk/);
  await expectAccessible(t, page, 'Mijn werk');
  await expectReflowAt320(t, page, 'Mijn werk');
  await screenshot(page, 'mijn-werk');

  // The skip link is the first stop and moves focus to the content.
  await page.keyboard.press('Tab');
  t.equal(await page.evaluate<string>('document.activeElement.textContent'), 'Naar de inhoud');

  // The same link again: refused, with a way to ask for a new one.
  const again = await context.newPage();
  await again.goto(link);
  t.match(await again.locator('h1').innerText(), /werkt niet/);
  await expectAccessible(t, again, 'used link');

  await tabTo(page, /Uitloggen/);
  await Promise.all([page.waitForURL(/\/inloggen\?uitgelogd=1$/), page.keyboard.press('Enter')]);
  await page.goto('/werkplek');
  t.match(page.url(), /\/inloggen\?terug=/, 'signed out');
  t.equal((await context.cookies()).find((cookie) => cookie.name === 'krj_sessie')?.httpOnly ?? true, true);
  void app;
});
