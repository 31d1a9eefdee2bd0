import t from 'tap';
import { deliverDigest } from '../../src/digests/digests.delivery.js';
import { readUnsubscribeToken } from '../../src/digests/digests.tokens.js';
import { emailHash } from '../../src/mail/addresses.js';
import { recordBounce } from '../../src/mail/suppressions.js';
import { digestWorld, MONDAY_W49, PUBLIC_URL } from './fixtures.js';
import type { Received } from './smtp-receiver.js';

/** A header from the raw message, unfolded (RFC 5322 folding puts long values on the next line). */
function header(mail: Received, name: string): string | undefined {
  const head = mail.raw.split(/\r?\n\r?\n/)[0]!.replace(/\r?\n[ \t]+/g, ' ');
  const line = head.split(/\r?\n/).find((entry) => entry.toLowerCase().startsWith(`${name.toLowerCase()}:`));
  return line?.slice(name.length + 1).trim();
}

/** Something new for employer A this week, so that its digest is not empty. */
async function shareOne(scene: Awaited<ReturnType<typeof digestWorld>>) {
  const candidate = await scene.person();
  const list = await scene.newShortlist();
  await scene.addApproved(list, candidate.id);
  await scene.inject('POST', `/v1/shortlists/${list}/send`);
}

t.test('RFC 8058 one-click unsubscribe: valid headers; POST unsubscribes, GET never does; the next round sends nothing (R8)', async (t) => {
  const scene = await digestWorld(t);
  const { world, subscribe, round, receiver, digestApp, secretKey } = scene;
  const subscription = await subscribe(world.employerA.user);
  await shareOne(scene);
  await round();
  t.equal(receiver.messages.length, 1);
  const mail = receiver.messages[0]!;

  const listUnsubscribe = header(mail, 'List-Unsubscribe');
  t.equal(header(mail, 'List-Unsubscribe-Post'), 'List-Unsubscribe=One-Click');
  const match = /^<(https:\/\/[^>]+)>$/.exec(listUnsubscribe ?? '');
  t.ok(match, `List-Unsubscribe is one HTTPS URI in angle brackets: ${listUnsubscribe}`);
  const link = new URL(match![1]!);
  t.equal(`${link.origin}${link.pathname}`, `${PUBLIC_URL}/v1/unsubscribe`);
  const token = link.searchParams.get('token')!;
  t.same(readUnsubscribeToken(secretKey, token), { tenantId: world.tenantId, subscriptionId: subscription.id }, 'the token names the subscription');
  const address = await scene.emailOf(world.employerA.user);
  t.notOk(link.href.includes('@') || decodeURIComponent(link.href).includes(address), 'no address in the link');
  t.equal(readUnsubscribeToken('another-secret-key-of-at-least-32-chars', token), undefined, 'signed with our key');
  t.match(mail.parsed.text, new RegExp(`Meld u af: ${link.href.replace(/[.?]/g, '\\$&')}`), 'and in the text');
  t.equal(header(mail, 'Message-ID'), `<digest.2026-W49.${subscription.id}@kansrijk.werkplein-test.example>`);

  const path = `${link.pathname}${link.search}`;
  const active = async () => (await scene.digestInject('GET', `/v1/digest-subscriptions/${subscription.id}`, world.employerA.user)).json().active as boolean;

  // A GET (a link scanner, a preview pane) shows a page with a button and changes nothing.
  const page = await digestApp.inject({ method: 'GET', url: path });
  t.equal(page.statusCode, 200);
  t.match(page.headers['content-type'], /text\/html/);
  t.match(page.body, /<form method="post" action="\?token=[^"]+&amp;lang=nl"><button type="submit"[^>]*>Ja, meld mij af<\/button><\/form>/);
  t.match(String(page.headers['content-security-policy']), /form-action 'self'/);
  t.equal(await active(), true, 'GET does not unsubscribe');
  const english = await digestApp.inject({ method: 'GET', url: path, headers: { 'accept-language': 'en' } });
  t.match(english.body, /Yes, unsubscribe me/);
  // One character of the signature changed.
  const forged = `${token.slice(0, -5)}${token.at(-5) === 'A' ? 'B' : 'A'}${token.slice(-4)}`;
  const badPage = await digestApp.inject({ method: 'GET', url: `/v1/unsubscribe?token=${forged}` });
  t.equal(badPage.statusCode, 400);
  t.notMatch(badPage.body, /<form/);

  // Tampered, missing: refused.
  const tampered = await digestApp.inject({
    method: 'POST',
    url: `/v1/unsubscribe?token=${forged}`,
    payload: 'List-Unsubscribe=One-Click',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
  });
  t.equal(tampered.statusCode, 400);
  t.equal(tampered.json().code, 'digest.invalid_unsubscribe_token');
  t.equal((await digestApp.inject({ method: 'POST', url: '/v1/unsubscribe' })).statusCode, 400);
  t.equal(await active(), true);

  // The one-click POST as a mail client sends it.
  const posted = await digestApp.inject({
    method: 'POST',
    url: path,
    payload: 'List-Unsubscribe=One-Click',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
  });
  t.equal(posted.statusCode, 200, posted.body);
  t.same(posted.json(), { unsubscribed: true });
  t.equal(await active(), false, 'POST unsubscribes');
  const again = await digestApp.inject({ method: 'POST', url: '/v1/unsubscribe', payload: { token } });
  t.equal(again.statusCode, 200, 'repeating it (token in a JSON body) is harmless');
  const browser = await digestApp.inject({
    method: 'POST',
    url: path,
    payload: '',
    headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html,application/xhtml+xml' },
  });
  t.match(browser.body, /U bent afgemeld/, 'the page’s button gets a page back');

  // The next round sends nothing to them.
  await shareOne(scene);
  const next = await round(new Date('2026-12-07T06:05:00Z'));
  t.equal(next.due, 0, 'an unsubscribed digest is not due');
  t.equal(receiver.messages.length, 1);
});

t.test('an unsubscribe that lands after the round was scheduled still holds: checked right before sending (R8)', async (t) => {
  const scene = await digestWorld(t);
  const { world, subscribe, receiver, digestApp, deps, clock, secretKey } = scene;
  const subscription = await subscribe(world.employerA.user);
  await shareOne(scene);
  clock.set(MONDAY_W49);
  // The send job was queued (it is due); then the recipient clicks unsubscribe; then the job runs.
  const { createUnsubscribeToken } = await import('../../src/digests/digests.tokens.js');
  const token = createUnsubscribeToken(secretKey, { tenantId: world.tenantId, subscriptionId: subscription.id });
  const unsubscribed = await digestApp.inject({ method: 'POST', url: `/v1/unsubscribe?token=${token}` });
  t.equal(unsubscribed.statusCode, 200, unsubscribed.body);
  const result = await deliverDigest(deps(), { tenantId: world.tenantId, subscriptionId: subscription.id, periodKey: '2026-W49' });
  t.equal(result.outcome, 'skipped_inactive');
  t.equal(receiver.messages.length, 0);
  const row = await scene.database.pool.query('select status, last_error from digest_deliveries where subscription_id = $1', [subscription.id]);
  t.match(row.rows[0], { status: 'skipped', last_error: 'unsubscribed' });
});

t.test('a hard bounce suppresses the address: it is never mailed again', async (t) => {
  const bounced = new Set<string>();
  const scene = await digestWorld(t, { reject: (address) => bounced.has(address) });
  const { world, subscribe, round, receiver, digestInject: call, emailOf, database } = scene;
  await subscribe(world.employerA.user);
  await subscribe(world.employerB.user);
  // 50: the new vacancy below has a strong match in the caseload (a vacancy without one is left out of the digest).
  await subscribe(world.accountManager, { scope: { minMatchScore: 50 } });
  await shareOne(scene);

  // An admin marks employer A's address as bounced (e.g. from the provider's bounce report).
  const addressA = await emailOf(world.employerA.user);
  const marked = await call('POST', '/v1/mail/bounces', world.admin, { email: addressA.toUpperCase() });
  t.equal(marked.statusCode, 200, marked.body);
  t.same(marked.json(), { suppressed: true, emailHash: emailHash(addressA), alreadySuppressed: false });
  t.equal((await call('POST', '/v1/mail/bounces', world.admin, { email: addressA })).json().alreadySuppressed, true);
  const stored = await database.pool.query('select email_hash, reason from email_suppressions where tenant_id = $1', [world.tenantId]);
  t.same(stored.rows, [{ email_hash: emailHash(addressA), reason: 'hard_bounce' }], 'kept as a hash, not the address');

  // The receiving server rejects the account manager's address with 550: suppressed on the spot.
  const staffAddress = await emailOf(world.accountManager);
  bounced.add(staffAddress);
  await scene.openVacancy({ title: 'Inpakker' });
  await scene.person();

  const first = await round();
  t.match(first.outcomes, { skipped_suppressed: 2 }, 'A was suppressed; the account manager bounced now');
  t.equal(receiver.to(addressA).length, 0, 'a suppressed address gets nothing');
  t.equal(receiver.to(staffAddress).length, 0);
  const suppressedNow = await database.pool.query('select reason from email_suppressions where tenant_id = $1 and email_hash = $2', [
    world.tenantId,
    emailHash(staffAddress),
  ]);
  t.same(suppressedNow.rows, [{ reason: 'hard_bounce' }], 'a 550 from the server suppresses the address');

  // The bounce webhook function: every tenant where a user has that address.
  const addressB = await emailOf(world.employerB.user);
  t.same(await recordBounce(database.db, { email: addressB, at: new Date() }), { tenantIds: [world.tenantId] });
  await shareOne(scene);
  const second = await round(new Date('2026-12-07T06:05:00Z'));
  t.equal(second.outcomes.sent ?? 0, 0);
  t.equal(receiver.messages.length, 0, 'never mailed');
});
