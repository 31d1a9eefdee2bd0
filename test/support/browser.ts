import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import type { FastifyInstance } from 'fastify';
import { englishIn } from './dutch.js';
import type { Account } from './factories.js';

import type { Test } from 'tap';

/** Debian's Chromium (.ci/run installs it when missing); CHROMIUM_PATH overrides. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Screenshots go here (git-ignored), one folder per test file. */
export const ARTIFACTS = path.resolve('test-artifacts', 'screenshots');

/**
 * One Chromium per test file (launch ≈ 1 s here): pages come from `browser.newContext()`, which axe
 * needs. The flags keep Chromium from reaching out to the network (this machine has none).
 */
export async function startBrowser(t: Test): Promise<Browser> {
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM}: apt-get install chromium (see .ci/run)`);
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  t.teardown(() => browser.close());
  return browser;
}

/** A fresh browser profile (own cookies) on the app, at a phone-sized or desktop viewport. */
export async function newContext(
  browser: Browser,
  { baseUrl, width = 1280, height = 900 }: { baseUrl: string; width?: number; height?: number },
): Promise<BrowserContext> {
  return browser.newContext({ baseURL: baseUrl, viewport: { width, height }, locale: 'nl-NL' });
}

/**
 * axe-core on the page as it is now, WCAG 2.1 A and AA rules: 0 violations (REQUIREMENTS U1).
 * Call it on every page a test visits.
 *
 * axe runs in the page itself (legacy mode: axe.run). The default would inject axe into every
 * frame, then open a blank page, inject it there too and finish the run in it: twice the injection
 * and a page more per check, for frames of other origins, which these pages do not have (a test
 * fails on any iframe). Only violations are collected: the passes are not read.
 */
export async function expectAccessible(t: Test, page: Page, label: string): Promise<void> {
  t.equal(page.frames().length, 1, `${label}: no frames (axe checks this page's own document only)`);
  // options() replaces every option set before it: first, then the tags.
  const result = await new AxeBuilder({ page })
    .options({ resultTypes: ['violations'] })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .setLegacyMode(true)
    .analyze();
  const summary = result.violations.map(
    (violation) =>
      `${violation.id} (${violation.impact}): ${violation.help} — ${violation.nodes
        .map((node) => node.target.join(' '))
        .slice(0, 3)
        .join(', ')}`,
  );
  t.equal(summary.length, 0, `axe: no WCAG 2.1 AA violations on ${label}${summary.length ? `\n  ${summary.join('\n  ')}` : ''}`);
  await expectDutch(t, page, label);
}

/**
 * A page in Dutch has no English words in what it shows (REQUIREMENTS U2): codes such as
 * "work_experience" shown as they are, English fragments of a message. Called with every axe check,
 * so every page a browser test visits is read; a page served in English is not, and neither is
 * what a page marks as technical data (<code>: an audit row's details) or as another language.
 */
export async function expectDutch(t: Test, page: Page, label: string): Promise<void> {
  if ((await page.locator('html').getAttribute('lang')) !== 'nl') return;
  let text = await page.locator('body').innerText();
  // Technical data, and words the page itself marks as another language (an English ESCO label, lang="en").
  for (const other of await page.locator('code, body [lang]:not([lang^="nl"])').allInnerTexts()) text = text.replace(other, ' ');
  // Each English word with what surrounds it on the page, to find it by.
  const found = englishIn(text).map((word) => {
    const at = text.search(new RegExp(`(?<![\\p{L}-])${word}(?![\\p{L}-])`, 'iu'));
    return at < 0 ? word : `${word}: …${text.slice(Math.max(0, at - 40), at + word.length + 40).replace(/\s+/g, ' ')}…`;
  });
  t.same(found, [], `${label}: no English words on a Dutch page`);
  // A sentence ending in a name that ends in a full stop itself ("Logistiek B.V.."), not an ellipsis.
  const doubled = [...text.matchAll(/\p{L}\.\.(?!\.)/gu)].map((match) => `…${text.slice(Math.max(0, match.index - 30), match.index + 4)}…`);
  t.same(doubled, [], `${label}: no sentence ends in two full stops`);
}

/** Saves a screenshot as a test artefact: test-artifacts/screenshots/<name>.png. */
export async function screenshot(page: Page, name: string, { fullPage = true }: { fullPage?: boolean } = {}): Promise<string> {
  await mkdir(ARTIFACTS, { recursive: true });
  const file = path.join(ARTIFACTS, `${name}.png`);
  await page.screenshot({ path: file, fullPage });
  return file;
}

/**
 * At 320 CSS pixels wide (WCAG 1.4.10 reflow, and 200 % zoom of 640): the page does not scroll
 * sideways, and what scrolls inside it (a wide table) takes keyboard focus.
 */
export async function expectReflowAt320(t: Test, page: Page, label: string): Promise<void> {
  const before = page.viewportSize();
  await page.setViewportSize({ width: 320, height: 800 });
  const overflow = await page.evaluate<number>('document.documentElement.scrollWidth - document.documentElement.clientWidth');
  t.equal(overflow <= 0, true, `${label}: no horizontal scrolling at 320 px (overflow ${overflow} px)`);
  // What scrolls sideways inside the page at this width (a wide table) can be reached by keyboard.
  // axe is usually in the page already (expectAccessible ran on it): then it is not injected again.
  const rule = `{ runOnly: { type: 'rule', values: ['scrollable-region-focusable'] }, resultTypes: ['violations'] }`;
  const unreachable =
    (await page.evaluate<string[] | null>(
      `window.axe ? window.axe.run(document, ${rule}).then((result) => result.violations.flatMap((violation) => violation.nodes.map((node) => node.target.join(' ')))) : null`,
    )) ??
    (await new AxeBuilder({ page }).withRules(['scrollable-region-focusable']).setLegacyMode(true).analyze()).violations.flatMap((violation) =>
      violation.nodes.map((node) => node.target.join(' ')),
    );
  t.same(unreachable, [], `${label}: every region that scrolls at 320 px takes keyboard focus`);
  if (before) await page.setViewportSize(before);
}

/**
 * Keyboard only: presses Tab until the focused element's accessible text matches, then returns it
 * focused (fails after `max` presses). Use Enter or Space on it as a person would.
 */
/**
 * The error summary after a form was sent has the focus (keyboard and screen-reader users start at
 * what went wrong), and the next Tab reaches the first of its points.
 */
export async function expectErrorSummaryFocused(t: Test, page: Page, label: string): Promise<void> {
  const summary = page.locator('.utrecht-alert--error').first();
  // Asked of the page (a string: this project's TypeScript has no DOM types).
  const focusIn = (test: string) => page.evaluate<boolean>(`(() => { const summary = document.querySelector('.utrecht-alert--error'); return ${test}; })()`);
  t.ok(await summary.count(), `${label}: an error summary`);
  t.ok(await focusIn('summary === document.activeElement'), `${label}: the error summary has the focus`);
  await page.keyboard.press('Tab');
  t.ok(await focusIn("summary.contains(document.activeElement) && document.activeElement.tagName === 'A'"), `${label}: Tab goes on to its first point`);
}

export async function tabTo(page: Page, text: RegExp, max = 60): Promise<void> {
  for (let presses = 0; presses < max; presses += 1) {
    await page.keyboard.press('Tab');
    // Evaluated in the page (a string: this project's TypeScript has no DOM types).
    const focused = await page
      .evaluate<string>(
        `(() => {
      const element = document.activeElement;
      if (!element) return '';
      const labelled = element.labels && element.labels[0] ? element.labels[0].textContent : '';
      return [element.getAttribute('aria-label') || '', labelled, element.innerText || '', element.value || ''].join(' ').trim();
    })()`,
      )
      .catch(async () => {
        // A navigation was still settling (a redirect after a form): wait for it, then go on tabbing.
        await page.waitForLoadState('load');
        return '';
      });
    if (text.test(focused)) return;
  }
  throw new Error(`keyboard: no focusable element matching ${text} within ${max} Tab presses`);
}

/**
 * Signs in the browser as an account through a real one-time link (as a mailed link would), and
 * answers the page the link leads to.
 */
export async function signInAs(page: Page, app: FastifyInstance, account: Account, returnTo?: string): Promise<void> {
  const link = await app.services.sessions.createLink({
    tenantId: account.principal.tenantId,
    kind: 'user',
    subjectId: account.userId,
    returnTo,
    limited: false,
  });
  if (!link) throw new Error('no sign-in link');
  await page.goto(`/inloggen/link?token=${encodeURIComponent(link.token)}`);
  await Promise.all([page.waitForURL((url) => !url.pathname.startsWith('/inloggen')), page.getByRole('button', { name: 'Inloggen' }).click()]);
}
