import t from 'tap';
import { startSmtpReceiver } from '../digests/smtp-receiver.js';
import { buildTenant } from '../support/factories.js';
import { fixedClock } from '../support/harness.js';
import { buildPageApp, cookieHeaderOf, csrfOf, form } from '../support/pages.js';
import { waitFor } from '../support/wait.js';

/*
 * REQUIREMENTS A8: sign-in by a signed, short-lived, single-use link mailed over a real SMTP
 * exchange; replayed, expired or forged links are refused; the answer never tells whether an
 * address is known; signing in rotates the session.
 */

/** The link in the last mail to an address (waits for the mail: it is sent after the answer). */
async function linkFrom(receiver: Awaited<ReturnType<typeof startSmtpReceiver>>, address: string, count = 1): Promise<string> {
  const mails = await waitFor(() => receiver.to(address).length >= count && receiver.to(address), { what: `mail ${count} to ${address}`, intervalMs: 20 });
  const text = mails[count - 1]!.parsed.text ?? '';
  const match = /(http:\/\/\S+\/inloggen\/link\?token=\S+)/.exec(text);
  if (!match) throw new Error(`no link in: ${text}`);
  return match[1]!;
}

async function askLink(app: Awaited<ReturnType<typeof buildPageApp>>['app'], email: string) {
  const page = await app.inject({ method: 'GET', url: '/inloggen' });
  const cookie = cookieHeaderOf(page.headers['set-cookie']);
  const answer = await app.inject({ method: 'POST', url: '/inloggen', ...form({ _csrf: csrfOf(page.body), email }), headers: { ...form({}).headers, cookie } });
  return { answer, cookie };
}

/** Opens a link and presses its button; answers the POST. */
async function useLink(app: Awaited<ReturnType<typeof buildPageApp>>['app'], url: string, cookie?: string) {
  const path = url.replace(/^http:\/\/[^/]+/, '');
  // The browser's form token (a refused link's page has no form: take it from the sign-in page).
  const start = await app.inject({ method: 'GET', url: '/inloggen?terug=/werkplek', headers: cookie ? { cookie } : {} });
  const jar = [cookie, cookieHeaderOf(start.headers['set-cookie'])].filter(Boolean).join('; ');
  const opened = await app.inject({ method: 'GET', url: path, headers: { cookie: jar } });
  const token = new URL(url).searchParams.get('token')!;
  const csrf = opened.statusCode === 200 ? csrfOf(opened.body) : start.statusCode === 200 ? csrfOf(start.body) : 'none';
  const used = await app.inject({
    method: 'POST',
    url: '/inloggen/link',
    headers: { ...form({}).headers, cookie: jar },
    payload: form({ _csrf: csrf, token }).payload,
  });
  return { opened, used };
}

t.test('a mailed one-time link signs a staff member in, once (A8)', async (t) => {
  const receiver = await startSmtpReceiver();
  t.teardown(() => receiver.close());
  const { app, database } = await buildPageApp(t, { smtpUrl: receiver.url, listen: false });
  const world = await buildTenant(database.db);
  const email = (await database.db.query.users.findFirst({ where: (users, { eq }) => eq(users.id, world.accountManager.userId) }))!.email;

  const { answer } = await askLink(app, email.toUpperCase());
  t.equal(answer.statusCode, 303);
  t.equal(answer.headers.location, '/inloggen/verstuurd');
  const url = await linkFrom(receiver, email);
  t.match(url, /token=[0-9a-f-]{36}\.[0-9a-f-]{36}\.\d+\.[A-Za-z0-9_-]{43}$/, 'the link carries tenant, link id, expiry and signature');
  const mail = receiver.to(email)[0]!;
  t.match(mail.parsed.subject, /^Inloggen bij Werkplein Test/);
  t.match(mail.parsed.text, /werkt 15 minuten en maar één keer/);

  const { opened, used } = await useLink(app, url);
  t.equal(opened.statusCode, 200, 'opening the link shows a button and uses nothing');
  t.match(opened.body, /<button type="submit"[^>]*>Inloggen<\/button>/);
  t.equal(used.statusCode, 303);
  t.equal(used.headers.location, '/werkplek');
  const session = cookieHeaderOf(used.headers['set-cookie']);
  t.match(String(used.headers['set-cookie']), /krj_sessie=[^;]+; Path=\/; HttpOnly; SameSite=Lax/, 'httpOnly, SameSite=Lax session cookie');
  t.notMatch(String(used.headers['set-cookie']), /Secure/, 'not Secure on http');
  const home = await app.inject({ method: 'GET', url: '/werkplek', headers: { cookie: session } });
  t.equal(home.statusCode, 200);
  t.match(home.body, /Test klantmanager/);

  // Replayed: refused, and no session.
  const replay = await useLink(app, url);
  t.equal(replay.opened.statusCode, 410, 'a used link shows that it was used');
  t.match(replay.opened.body, /al gebruikt/);
  t.equal(replay.used.statusCode, 410, 'using it again is refused');
  t.notMatch(String(replay.used.headers['set-cookie'] ?? ''), /krj_sessie=[^;]/);
});

t.test('an expired or forged link is refused (A8)', async (t) => {
  const clock = fixedClock();
  const { app, database } = await buildPageApp(t, { clock, listen: false });
  const world = await buildTenant(database.db, { clock });
  const link = await app.services.sessions.createLink({ tenantId: world.tenantId, kind: 'user', subjectId: world.accountManager.userId });
  const url = `http://x/inloggen/link?token=${link!.token}`;

  clock.advance(15 * 60_000 + 1000);
  const expired = await useLink(app, url);
  t.equal(expired.opened.statusCode, 410);
  t.match(expired.opened.body, /verlopen/);
  t.equal(expired.used.statusCode, 410);
  t.notMatch(String(expired.used.headers['set-cookie'] ?? ''), /krj_sessie=[^;]/);

  clock.advance(-10 * 60_000);
  const [tenant, id, expires, signature] = link!.token.split('.');
  const later = `${tenant}.${id}.${Number(expires) + 3600}.${signature}`;
  const forged = await useLink(app, `http://x/inloggen/link?token=${later}`);
  t.equal(forged.opened.statusCode, 400, 'a changed expiry breaks the signature');
  t.equal(forged.used.statusCode, 400);
  const garbage = await useLink(app, `http://x/inloggen/link?token=abc`);
  t.equal(garbage.used.statusCode, 400);
  // The untouched link still works within its time.
  const good = await useLink(app, url);
  t.equal(good.used.statusCode, 303);
});

t.test('the answer is the same for known and unknown addresses; only known ones get mail (no enumeration)', async (t) => {
  const receiver = await startSmtpReceiver();
  t.teardown(() => receiver.close());
  const { app, database } = await buildPageApp(t, { smtpUrl: receiver.url, listen: false });
  const world = await buildTenant(database.db);
  const known = (await database.db.query.users.findFirst({ where: (users, { eq }) => eq(users.id, world.admin.userId) }))!.email;

  const unknownAnswer = (await askLink(app, 'niemand@nergens.example')).answer;
  const knownAnswer = (await askLink(app, known)).answer;
  t.equal(unknownAnswer.statusCode, knownAnswer.statusCode);
  t.equal(unknownAnswer.headers.location, knownAnswer.headers.location);
  t.equal(unknownAnswer.body, knownAnswer.body);
  await linkFrom(receiver, known);
  t.equal(receiver.messages.length, 1, 'one mail: to the known address only');
  t.same(receiver.to('niemand@nergens.example'), []);

  const invalid = (await askLink(app, 'geen adres')).answer;
  t.equal(invalid.statusCode, 400);
  t.match(invalid.body, /Vul een geldig e-mailadres in/);
});

t.test('signing in again replaces the earlier session (rotation), and signing out ends it', async (t) => {
  const { app, database } = await buildPageApp(t, { listen: false });
  const world = await buildTenant(database.db);
  const first = await app.services.sessions.createLink({ tenantId: world.tenantId, kind: 'user', subjectId: world.accountManager.userId });
  const firstSession = cookieHeaderOf((await useLink(app, `http://x/inloggen/link?token=${first!.token}`)).used.headers['set-cookie']);
  t.equal((await app.inject({ method: 'GET', url: '/werkplek', headers: { cookie: firstSession } })).statusCode, 200);

  const second = await app.services.sessions.createLink({ tenantId: world.tenantId, kind: 'user', subjectId: world.accountManager.userId });
  const rotated = await useLink(app, `http://x/inloggen/link?token=${second!.token}`, firstSession);
  const secondSession = cookieHeaderOf(rotated.used.headers['set-cookie']);
  t.not(secondSession, firstSession, 'a new session id at sign-in');
  t.equal((await app.inject({ method: 'GET', url: '/werkplek', headers: { cookie: firstSession } })).statusCode, 303, 'the earlier session is gone');
  const home = await app.inject({ method: 'GET', url: '/werkplek', headers: { cookie: secondSession } });
  t.equal(home.statusCode, 200);

  const signOut = await app.inject({
    method: 'POST',
    url: '/uitloggen',
    headers: { ...form({}).headers, cookie: secondSession },
    payload: form({ _csrf: csrfOf(home.body) }).payload,
  });
  t.equal(signOut.statusCode, 303);
  t.equal((await app.inject({ method: 'GET', url: '/werkplek', headers: { cookie: secondSession } })).statusCode, 303, 'signed out');
});

t.test('a deactivated user’s session ends at the next request', async (t) => {
  const { app, database } = await buildPageApp(t, { listen: false });
  const world = await buildTenant(database.db);
  const link = await app.services.sessions.createLink({ tenantId: world.tenantId, kind: 'user', subjectId: world.accountManager.userId });
  const session = cookieHeaderOf((await useLink(app, `http://x/inloggen/link?token=${link!.token}`)).used.headers['set-cookie']);
  await database.pool.query('update users set active = false where id = $1', [world.accountManager.userId]);
  const after = await app.inject({ method: 'GET', url: '/werkplek', headers: { cookie: session } });
  t.equal(after.statusCode, 303);
  t.equal(after.headers.location, '/inloggen?terug=%2Fwerkplek');
});
