import t from 'tap';
import { bearer, buildTenant } from '../support/factories.js';
import { fixedClock } from '../support/harness.js';
import { buildPageApp, cookieHeaderOf, csrfOf, form, sessionCookieFor } from '../support/pages.js';

/* REQUIREMENTS A8 and A7 on the pages: CSRF tokens, a strict CSP, idle timeout, access, HTML errors. */

t.test('a form without its CSRF token, with another’s, or from another site is refused with 403 (A8)', async (t) => {
  const { app, database } = await buildPageApp(t, { listen: false });
  const world = await buildTenant(database.db);
  const manager = await sessionCookieFor(app, world.accountManager);
  const admin = await sessionCookieFor(app, world.admin);
  const post = (cookie: string, values: Record<string, string>, extra: Record<string, string> = {}) =>
    app.inject({ method: 'POST', url: '/uitloggen', headers: { ...form({}).headers, cookie, ...extra }, payload: form(values).payload });

  const missing = await post(manager.cookie, {});
  t.equal(missing.statusCode, 403, 'no token → 403');
  t.match(missing.headers['content-type'], /^text\/html/);
  t.match(missing.body, /Geen toegang/);
  t.match(missing.body, /Het formulier is verlopen\. Ga terug, laad de pagina opnieuw/, 'says what went wrong: the form, not the role');
  t.equal((await post(manager.cookie, { _csrf: 'x'.repeat(43) })).statusCode, 403, 'a made-up token → 403');
  t.equal((await post(manager.cookie, { _csrf: admin.csrf })).statusCode, 403, 'another session’s token → 403');
  t.equal((await post(manager.cookie, { _csrf: manager.csrf }, { 'sec-fetch-site': 'cross-site' })).statusCode, 403, 'a cross-site post → 403');
  t.equal((await app.inject({ method: 'GET', url: '/werkplek', headers: { cookie: manager.cookie } })).statusCode, 200, 'the refused posts changed nothing');
  const good = await post(manager.cookie, { _csrf: manager.csrf });
  t.equal(good.statusCode, 303, 'with its own token the form works');

  // Before sign-in the token is bound to an anonymous cookie: the sign-in form needs it too.
  const anonymous = await app.inject({ method: 'POST', url: '/inloggen', ...form({ email: 'a@b.example' }) });
  t.equal(anonymous.statusCode, 403);
  const page = await app.inject({ method: 'GET', url: '/inloggen' });
  const otherBrowser = await app.inject({ method: 'GET', url: '/inloggen' });
  const stolen = await app.inject({
    method: 'POST',
    url: '/inloggen',
    headers: { ...form({}).headers, cookie: cookieHeaderOf(otherBrowser.headers['set-cookie']) },
    payload: form({ _csrf: csrfOf(page.body), email: 'a@b.example' }).payload,
  });
  t.equal(stolen.statusCode, 403, 'another browser’s token → 403');
});

t.test('pages send a strict CSP without inline script or style; the API keeps its own (A8, A7)', async (t) => {
  const { app, database } = await buildPageApp(t, { listen: false });
  const world = await buildTenant(database.db);
  const manager = await sessionCookieFor(app, world.accountManager);
  for (const [url, headers] of [
    ['/inloggen', {}],
    ['/werkplek', { cookie: manager.cookie }],
    ['/werkplek/bestaat-niet', { cookie: manager.cookie }],
  ] as const) {
    const response = await app.inject({ method: 'GET', url, headers });
    const csp = String(response.headers['content-security-policy']);
    t.equal(
      csp,
      "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
      `${url}: the page policy`,
    );
    t.notMatch(csp, /unsafe-inline|unsafe-eval|nonce-/, `${url}: nothing inline allowed`);
    t.notMatch(response.body, /<script(?![^>]*\bsrc=)[^>]*>/, `${url}: every script is a file`);
    t.notMatch(response.body, /\sstyle=|<style/, `${url}: no style attributes or elements`);
    t.notMatch(response.body, /\son[a-z]+=/, `${url}: no inline event handlers`);
    t.equal(response.headers['cache-control'], 'no-store');
    t.equal(response.headers['x-frame-options'], 'SAMEORIGIN');
    t.equal(response.headers['x-content-type-options'], 'nosniff');
  }
  const api = await app.inject({ method: 'GET', url: '/v1/vacancies', headers: bearer(world.accountManager) });
  t.equal(api.statusCode, 200);
  t.match(api.headers['content-security-policy'], /^default-src 'none';.*frame-ancestors 'none'/, 'the JSON API keeps helmet’s policy');
  t.not(api.headers['content-security-policy'], (await app.inject({ method: 'GET', url: '/inloggen' })).headers['content-security-policy']);
  t.equal(api.headers['cache-control'], undefined, 'and its caching headers');
});

t.test('a session ends after the idle timeout, and at its absolute end (A8)', async (t) => {
  const clock = fixedClock();
  const { app, database } = await buildPageApp(t, { clock, listen: false, config: { SESSION_IDLE_MINUTES: 30, SESSION_MAX_HOURS: 2 } });
  const world = await buildTenant(database.db, { clock });
  const { cookie } = await sessionCookieFor(app, world.accountManager);
  const open = () => app.inject({ method: 'GET', url: '/werkplek/', headers: { cookie } });

  clock.advance(29 * 60_000);
  t.equal((await open()).statusCode, 200, 'after 29 idle minutes: still signed in (and the activity is recorded)');
  clock.advance(29 * 60_000);
  t.equal((await open()).statusCode, 200, '29 minutes after the last request: still signed in');
  clock.advance(30 * 60_000);
  const idle = await open();
  t.equal(idle.statusCode, 303, 'after 30 idle minutes: signed out');
  t.equal(idle.headers.location, '/inloggen?terug=%2Fwerkplek%2F', 'back to sign-in, and to this page after');
  t.match(String(idle.headers['set-cookie']), /krj_sessie=; .*Max-Age=0/, 'the dead cookie is cleared');

  const fresh = await sessionCookieFor(app, world.accountManager);
  for (let minutes = 0; minutes < 115; minutes += 20) {
    clock.advance(20 * 60_000);
    const still = await app.inject({ method: 'GET', url: '/werkplek', headers: { cookie: fresh.cookie } });
    t.equal(still.statusCode, minutes + 20 < 120 ? 200 : 303, `${minutes + 20 < 120 ? 'active' : 'past its end'}, ${minutes + 20} minutes after sign-in`);
  }
});

t.test('page access: sign-in first, then only the roles declared; the API takes no session cookie (A5)', async (t) => {
  const { app, database } = await buildPageApp(t, { listen: false });
  const world = await buildTenant(database.db);
  const anonymous = await app.inject({ method: 'GET', url: '/werkplek?x=1' });
  t.equal(anonymous.statusCode, 303);
  t.equal(anonymous.headers.location, '/inloggen?terug=%2Fwerkplek%3Fx%3D1');

  const employer = await sessionCookieFor(app, world.employerA.user);
  const refused = await app.inject({ method: 'GET', url: '/werkplek', headers: { cookie: employer.cookie } });
  t.equal(refused.statusCode, 403);
  t.match(refused.headers['content-type'], /^text\/html/);
  t.match(refused.body, /<html lang="nl"/);
  t.match(refused.body, /Geen toegang/);
  t.match(
    refused.body,
    /Deze pagina is alleen voor klantmanagers, werkgeversdienstverleners en beheerders\. U bent ingelogd als werkgever\./,
    'who the page is for, and who is signed in',
  );

  const manager = await sessionCookieFor(app, world.accountManager);
  const api = await app.inject({ method: 'GET', url: '/v1/vacancies', headers: { cookie: manager.cookie } });
  t.equal(api.statusCode, 401, 'a session cookie is no API credential (no CSRF route into the API)');
  t.match(api.headers['content-type'], /application\/problem\+json/);

  const openapi = (await app.inject({ method: 'GET', url: '/openapi.json' })).json<{ paths: Record<string, unknown> }>();
  t.same(
    Object.keys(openapi.paths).filter((path) => !path.startsWith('/v1/') && !['/healthz', '/readyz'].includes(path)),
    [],
    'no page in the API document',
  );
  const pageRoutes = app.routeTable.filter((route) => route.page);
  t.ok(pageRoutes.length >= 8, 'page routes are in the route table');
  for (const route of pageRoutes) t.ok(route.access !== undefined && route.hidden, `${route.method} ${route.url} declares access and is hidden`);
});

t.test('errors on pages are Dutch HTML pages without internals', async (t) => {
  const { app, database } = await buildPageApp(t, { listen: false });
  const world = await buildTenant(database.db);
  const manager = await sessionCookieFor(app, world.accountManager);
  const missing = await app.inject({ method: 'GET', url: '/werkplek/bestaat-niet', headers: { cookie: manager.cookie } });
  t.equal(missing.statusCode, 404);
  t.match(missing.headers['content-type'], /^text\/html/);
  t.match(missing.body, /Pagina niet gevonden/);
  const badQuery = await app.inject({ method: 'GET', url: `/inloggen/link?token=${'x'.repeat(400)}` });
  t.equal(badQuery.statusCode, 400);
  t.match(badQuery.body, /Dit klopt niet/);
  t.notMatch(badQuery.body, /too_big|querystring|ZodError/);
  const noView = await app.inject({ method: 'GET', url: '/bekijk/onbekend/01a21417-0000-7000-8000-00000000abcd', headers: { cookie: manager.cookie } });
  t.equal(noView.statusCode, 404);
  t.match(noView.body, /Pagina niet gevonden/);
  // The API's not-found answer stays problem+json.
  const apiMissing = await app.inject({ method: 'GET', url: '/v1/bestaat-niet' });
  t.match(apiMissing.headers['content-type'], /application\/problem\+json/);
});

t.test('assets come from the app with immutable caching, compressed', async (t) => {
  const { app } = await buildPageApp(t, { listen: false });
  const page = await app.inject({ method: 'GET', url: '/inloggen' });
  const links = [...page.body.matchAll(/(?:href|src)="(\/assets\/[^"]+)"/g)].map((match) => match[1]!);
  t.ok(links.length >= 5, 'tokens, components, own CSS, theme and script');
  t.ok(links[0]!.includes('nlds-tokens'), 'the design tokens load first');
  for (const link of links) {
    const asset = await app.inject({ method: 'GET', url: link, headers: { 'accept-encoding': 'br, gzip' } });
    t.equal(asset.statusCode, 200, link);
    t.equal(asset.headers['cache-control'], 'public, max-age=31536000, immutable', `${link}: immutable`);
    t.equal(asset.headers['content-encoding'], 'br');
  }
  t.match(page.body, /<html lang="nl" class="utrecht-theme kansrijk-theme">/);
  // The tab's icon, linked by every page and found at /favicon.ico too (no 404 in the logs).
  const icon = /<link rel="icon" href="(\/assets\/kansrijk-icon\.[0-9a-f]+\.svg)" type="image\/svg\+xml"/.exec(page.body)?.[1];
  t.ok(icon && links.includes(icon), 'the page links its icon');
  const favicon = await app.inject({ method: 'GET', url: '/favicon.ico' });
  t.equal(favicon.statusCode, 302);
  t.equal(favicon.headers.location, icon, '/favicon.ico leads to the icon');
  const svg = await app.inject({ method: 'GET', url: icon! });
  t.equal(svg.headers['content-type'], 'image/svg+xml');
  t.match(svg.body, /^<svg /);
});

t.test('"Bekijk" links from mails open the page for the reader’s role, after sign-in', async (t) => {
  const { app, database } = await buildPageApp(t, { listen: false });
  const world = await buildTenant(database.db);
  const id = '01a21417-0000-7000-8000-00000000abcd';
  const anonymous = await app.inject({ method: 'GET', url: `/bekijk/vacancy/${id}` });
  t.equal(anonymous.statusCode, 303);
  t.equal(anonymous.headers.location, `/inloggen?terug=${encodeURIComponent(`/bekijk/vacancy/${id}`)}`, 'sign in first, then back to the link');
  const manager = await sessionCookieFor(app, world.accountManager);
  for (const [subject, page] of [
    ['vacancy', `/werkplek/vacatures/${id}`],
    ['candidate', `/werkplek/kandidaten/${id}`],
    ['shortlist', `/werkplek/shortlists/${id}`],
  ]) {
    const opened = await app.inject({ method: 'GET', url: `/bekijk/${subject}/${id}`, headers: { cookie: manager.cookie } });
    t.equal(opened.statusCode, 303);
    t.equal(opened.headers.location, page, `${subject} → ${page}`);
  }
  const foreign = await app.inject({ method: 'GET', url: `/werkplek/vacatures/${id}`, headers: { cookie: manager.cookie } });
  t.equal(foreign.statusCode, 404, 'an unknown vacancy: the Dutch not-found page');
  t.match(foreign.body, /Pagina niet gevonden|niet gevonden/);
});
