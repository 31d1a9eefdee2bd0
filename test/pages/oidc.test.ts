import { createServer } from 'node:http';
import { eq } from 'drizzle-orm';
import Provider from 'oidc-provider';
import t from 'tap';
import { pageSessions, tenants, users } from '../../db/schema/index.js';
import { findFreePort } from '../../src/embedded/ports.js';
import { expectAccessible, expectReflowAt320, newContext, startBrowser, tabTo } from '../support/browser.js';
import { buildTenant } from '../support/factories.js';
import { createTestDatabase } from '../support/harness.js';
import { buildPageApp } from '../support/pages.js';

/*
 * Staff sign in through the municipality's identity provider (issue 14): a real OpenID Connect
 * provider (the `oidc-provider` package) runs in this test on a loopback port; the app finds it by
 * discovery and signs in with the authorization code flow, PKCE, state and nonce. The verified
 * e-mail address must be an active staff member of the configured Werkplein; nobody else gets in,
 * and a tampered state or a replayed code starts no session.
 */

const CLIENT = { id: 'kansrijk-werkplek', secret: 'a-client-secret-of-the-test-provider-1234' };

/** A cookie jar per origin for driving the flow with fetch, as a browser would (no redirects followed automatically). */
function cookieJar() {
  const jars = new Map<string, Map<string, string>>();
  return {
    header(url: string): string {
      return [...(jars.get(new URL(url).origin) ?? new Map<string, string>()).entries()].map(([name, value]) => `${name}=${value}`).join('; ');
    },
    store(url: string, response: Response) {
      const origin = new URL(url).origin;
      const jar = jars.get(origin) ?? new Map<string, string>();
      jars.set(origin, jar);
      for (const line of response.headers.getSetCookie()) {
        const [pair, ...attributes] = line.split(';');
        const index = pair!.indexOf('=');
        const name = pair!.slice(0, index).trim();
        const gone = attributes.some(
          (attribute) => /^\s*max-age=0\s*$/i.test(attribute) || (/^\s*expires=/i.test(attribute) && new Date(attribute.split('=')[1]!).getTime() < Date.now()),
        );
        if (gone) jar.delete(name);
        else jar.set(name, pair!.slice(index + 1).trim());
      }
    },
    snapshot() {
      return new Map([...jars.entries()].map(([origin, jar]) => [origin, new Map(jar)]));
    },
    restore(snapshot: Map<string, Map<string, string>>) {
      jars.clear();
      for (const [origin, jar] of snapshot) jars.set(origin, new Map(jar));
    },
  };
}
type Jar = ReturnType<typeof cookieJar>;

async function request(jar: Jar, url: string, init: { method?: string; body?: URLSearchParams } = {}) {
  const response = await fetch(url, {
    method: init.method ?? 'GET',
    redirect: 'manual',
    headers: { cookie: jar.header(url), ...(init.body ? { 'content-type': 'application/x-www-form-urlencoded' } : {}) },
    body: init.body?.toString(),
  });
  jar.store(url, response);
  return response;
}

/**
 * Starts the sign-in at the app and goes through the provider's own login and consent pages as
 * `login` (any password: the provider's development interactions); stops where the provider sends
 * the browser back to the app, and answers that URL (the code, state and issuer in it).
 */
async function throughProvider(jar: Jar, baseUrl: string, login: string): Promise<string> {
  let url = `${baseUrl}/inloggen/oidc?terug=${encodeURIComponent('/werkplek/vacatures')}`;
  let response = await request(jar, url);
  for (let step = 0; step < 20; step += 1) {
    if (response.status >= 300 && response.status < 400) {
      url = new URL(response.headers.get('location')!, url).href;
      if (url.startsWith(`${baseUrl}/inloggen/oidc/terug`)) return url;
      response = await request(jar, url);
      continue;
    }
    const html = await response.text();
    const action = /<form[^>]*action="([^"]+)"/.exec(html)?.[1];
    const prompt = /name="prompt" value="(\w+)"/.exec(html)?.[1];
    if (response.status !== 200 || !action || !prompt) throw new Error(`unexpected provider page ${response.status} at ${url}: ${html.slice(0, 300)}`);
    const body = new URLSearchParams({ prompt, ...(prompt === 'login' ? { login, password: 'any' } : {}) });
    url = new URL(action.replaceAll('&amp;', '&'), url).href;
    response = await request(jar, url, { method: 'POST', body });
  }
  throw new Error('the provider did not send the browser back');
}

t.test('staff sign in through OpenID Connect; strangers, a wrong state and a replayed code are refused', async (t) => {
  const database = await createTestDatabase(t);
  const world = await buildTenant(database.db, { name: 'Werkplein OIDC' });
  const other = await buildTenant(database.db, { name: 'Werkplein Elders' });
  const [tenant] = await database.db.select().from(tenants).where(eq(tenants.id, world.tenantId));
  const emailOf = async (userId: string) => (await database.db.select({ email: users.email }).from(users).where(eq(users.id, userId)))[0]!.email;

  // The provider's accounts: claims as a municipality's provider would give them.
  const accounts: Record<string, { email: string; email_verified: boolean }> = {
    klantmanager: { email: (await emailOf(world.accountManager.userId)).toUpperCase(), email_verified: true },
    onbekend: { email: 'nog.niet.bekend@gemeente.example', email_verified: true },
    werkgever: { email: await emailOf(world.employerA.user.userId), email_verified: true },
    elders: { email: await emailOf(other.accountManager.userId), email_verified: true },
    onbevestigd: { email: await emailOf(world.admin.userId), email_verified: false },
  };

  const providerPort = await findFreePort();
  const issuer = `http://127.0.0.1:${providerPort}`;
  const { baseUrl } = await buildPageApp(t, {
    database,
    config: { OIDC_ISSUER: issuer, OIDC_CLIENT_ID: CLIENT.id, OIDC_CLIENT_SECRET: CLIENT.secret, OIDC_TENANT: tenant!.slug },
  });

  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: CLIENT.id,
        client_secret: CLIENT.secret,
        redirect_uris: [`${baseUrl}/inloggen/oidc/terug`],
        grant_types: ['authorization_code'],
        response_types: ['code'],
      },
    ],
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
    cookies: { keys: ['a-cookie-key-of-the-test-provider'] },
    findAccount: async (_ctx, sub) => (accounts[sub] ? { accountId: sub, claims: async () => ({ sub, ...accounts[sub] }) } : undefined),
  });
  const server = createServer(provider.callback());
  await new Promise<void>((resolve) => server.listen(providerPort, '127.0.0.1', resolve));
  t.teardown(() => new Promise<void>((resolve) => server.close(() => resolve())));

  await t.test('in Chromium: the button on the sign-in page, the provider, then the werkplek', async (t) => {
    const browser = await startBrowser(t);
    const context = await newContext(browser, { baseUrl });
    const page = await context.newPage();
    await page.goto('/inloggen');
    await expectAccessible(t, page, 'sign-in page with the municipality button');
    await expectReflowAt320(t, page, 'sign-in page with the municipality button');
    await tabTo(page, /Inloggen met uw gemeente-account/);
    await Promise.all([page.waitForURL((url) => url.port === String(providerPort)), page.keyboard.press('Enter')]);
    await page.locator('input[name="login"]').fill('klantmanager');
    await page.locator('input[name="password"]').fill('any');
    await page.getByRole('button', { name: 'Sign-in' }).click();
    await Promise.all([page.waitForURL((url) => url.origin === baseUrl), page.getByRole('button', { name: 'Continue' }).click()]);
    t.equal(new URL(page.url()).pathname, '/werkplek', 'signed in, on the werkplek');
    t.match(await page.locator('body').innerText(), /Ingelogd als Test klantmanager/);
    await expectAccessible(t, page, 'werkplek after OpenID Connect');
    const cookies = await context.cookies(baseUrl);
    t.ok(
      cookies.some((cookie) => cookie.name === 'krj_sessie' && cookie.httpOnly && cookie.sameSite === 'Lax'),
      'an httpOnly, SameSite=Lax session cookie',
    );
    t.notOk(
      cookies.some((cookie) => cookie.name === 'krj_oidc'),
      'the flow cookie is gone after the callback',
    );
    const sessions = await database.db.select().from(pageSessions).where(eq(pageSessions.subjectId, world.accountManager.userId));
    t.same(
      sessions.map((session) => session.method),
      ['oidc'],
      'the session is recorded as started through OpenID Connect',
    );
    await context.close();
  });

  await t.test('with fetch: the callback signs in once; a replayed code and a wrong state start nothing', async (t) => {
    const jar = cookieJar();
    const callback = await throughProvider(jar, baseUrl, 'klantmanager');
    const url = new URL(callback);
    t.ok(url.searchParams.get('code') && url.searchParams.get('state'), 'the provider answers with a code and our state');
    const beforeCallback = jar.snapshot();
    const signedIn = await request(jar, callback);
    t.equal(signedIn.status, 303);
    t.equal(signedIn.headers.get('location'), '/werkplek/vacatures', 'back to the page asked for');
    t.match(signedIn.headers.getSetCookie().join('\n'), /krj_sessie=[^;]+; Path=\/; HttpOnly; SameSite=Lax/);
    const home = await request(jar, `${baseUrl}/werkplek`);
    t.equal(home.status, 200);
    t.match(await home.text(), /Ingelogd als Test klantmanager/);

    // Replayed with the same cookies as the first time (the flow cookie too): the provider refuses the used code.
    const replayJar = cookieJar();
    replayJar.restore(beforeCallback);
    const replay = await request(replayJar, callback);
    t.equal(replay.status, 400, 'a replayed code is refused');
    t.match(await replay.text(), /geen geldige bevestiging/);
    t.notMatch(replay.headers.getSetCookie().join('\n'), /krj_sessie=[^;]/, 'no session from a replay');
    // Replayed as the browser would (the flow cookie was used up): refused too.
    const again = await request(jar, callback);
    t.equal(again.status, 400);
    t.match(await again.text(), /duurde te lang, of is al afgerond/);

    // A state that is not the one this browser started with (login CSRF): refused before the code is used.
    const wrongJar = cookieJar();
    const fresh = new URL(await throughProvider(wrongJar, baseUrl, 'klantmanager'));
    fresh.searchParams.set('state', 'een-andere-state');
    const wrong = await request(wrongJar, fresh.href);
    t.equal(wrong.status, 400, 'a wrong state is refused');
    t.match(await wrong.text(), /geen geldige bevestiging/);
    t.notMatch(wrong.headers.getSetCookie().join('\n'), /krj_sessie=[^;]/);
    t.equal((await request(wrongJar, `${baseUrl}/werkplek`)).status, 303, 'not signed in');
  });

  await t.test('an address that is no active staff member of this Werkplein gets a clear refusal and no account', async (t) => {
    const before = await database.db.select({ id: users.id }).from(users).where(eq(users.tenantId, world.tenantId));
    for (const [login, text] of [
      ['onbekend', /geen medewerker met het e-mailadres van uw gemeente-account/],
      ['werkgever', /geen medewerker met het e-mailadres van uw gemeente-account/],
      ['elders', /geen medewerker met het e-mailadres van uw gemeente-account/],
      ['onbevestigd', /geen bevestigd e-mailadres/],
    ] as const) {
      const jar = cookieJar();
      const answer = await request(jar, await throughProvider(jar, baseUrl, login));
      t.equal(answer.status, 403, `${login}: refused`);
      t.match(await answer.text(), text, `${login}: says why, in Dutch`);
      t.notMatch(answer.headers.getSetCookie().join('\n'), /krj_sessie=[^;]/, `${login}: no session`);
    }
    const after = await database.db.select({ id: users.id }).from(users).where(eq(users.tenantId, world.tenantId));
    t.equal(after.length, before.length, 'no account was made');

    // A deactivated staff member is refused as well.
    await database.db.update(users).set({ active: false }).where(eq(users.id, world.accountManager.userId));
    const jar = cookieJar();
    const inactive = await request(jar, await throughProvider(jar, baseUrl, 'klantmanager'));
    t.equal(inactive.status, 403, 'an inactive staff member is refused');
  });
});

t.test('without OIDC settings there is no button and no route', async (t) => {
  const { app } = await buildPageApp(t, { listen: false });
  const page = await app.inject({ method: 'GET', url: '/inloggen' });
  t.notMatch(page.body, /gemeente-account/);
  t.equal((await app.inject({ method: 'GET', url: '/inloggen/oidc' })).statusCode, 404);
});
