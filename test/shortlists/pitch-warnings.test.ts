import { and, eq } from 'drizzle-orm';
import t from 'tap';
import { auditLog, shortlistCandidates } from '../../db/schema/index.js';
import { csrfOf, form, sessionCookieFor } from '../support/pages.js';
import { shortlistWorld } from './fixtures.js';

/*
 * Issue 11.10: a pitch whose text points at health, debts or benefits does not reach the employer.
 * Approval and sending are refused until the text changes, or an admin records an override with a
 * reason (kept on the entry, audited, cleared when the text changes again).
 */

const RISKY = { strengths: 'Werkt nauwkeurig en is weer fit na een burn-out', support: 'Heeft schulden, die worden geregeld' };

t.test('a pitch with warnings cannot be approved or sent; changing the text lifts the block', async (t) => {
  const { inject, person, newShortlist, addApproved, database, world } = await shortlistWorld(t);
  const shortlistId = await newShortlist();
  const samira = await person();
  const added = await inject('POST', `/v1/shortlists/${shortlistId}/candidates`, undefined, { candidateId: samira.id, pitch: RISKY });
  t.equal(added.statusCode, 201, added.body);
  t.same(added.json().pitchWarnings, ['schulden', 'burn-out']);
  t.equal(added.json().pitchBlocked, true);
  t.equal(added.json().pitchOverride, null);

  const refused = await inject('POST', `/v1/shortlists/${shortlistId}/candidates/${samira.id}/approve`);
  t.equal(refused.statusCode, 409);
  t.match(refused.headers['content-type'], /application\/problem\+json/);
  t.equal(refused.json().code, 'shortlist.pitch_warning');
  t.equal(refused.json().title, 'Tekst noemt misschien privézaken');
  t.match(refused.json().detail, /schulden, burn-out/);

  // An entry approved while its text was clean, then given a risky text outside the API (as entries
  // approved before this rule): sending refuses it, and nothing is shared.
  const other = await person();
  await addApproved(shortlistId, other.id);
  await database.db
    .update(shortlistCandidates)
    .set({ pitchSupport: 'Zit in de schuldsanering' })
    .where(and(eq(shortlistCandidates.tenantId, world.tenantId), eq(shortlistCandidates.candidateId, other.id)));
  const send = await inject('POST', `/v1/shortlists/${shortlistId}/send`);
  t.equal(send.statusCode, 409);
  t.equal(send.json().code, 'shortlist.pitch_warning_unresolved');
  const errors = send.json().errors as Array<{ pointer: string; detail: string }>;
  t.same(errors.map((error) => error.pointer).sort(), [`/entries/${samira.id}`, `/entries/${other.id}`].sort(), 'both entries are named');
  t.match(errors.find((error) => error.pointer === `/entries/${other.id}`)?.detail, /schuldsanering/, 'even when already approved');
  const view = await inject('GET', `/v1/shortlists/${shortlistId}`);
  t.ok(
    view.json().entries.every((entry: { sharedAt: string | null }) => entry.sharedAt === null),
    'nothing was shared',
  );

  // Without the words the same person can be approved.
  const changed = await inject('PATCH', `/v1/shortlists/${shortlistId}/candidates/${samira.id}`, undefined, {
    pitch: { strengths: 'Werkt nauwkeurig', support: 'Een vaste collega als maatje de eerste weken' },
  });
  t.same(changed.json().pitchWarnings, []);
  t.equal(changed.json().pitchBlocked, false);
  const approved = await inject('POST', `/v1/shortlists/${shortlistId}/candidates/${samira.id}/approve`);
  t.equal(approved.statusCode, 200, approved.body);
});

t.test('an admin override with a reason lifts the block, is audited, and ends when the text changes', async (t) => {
  const { inject, person, newShortlist, database, world, employer } = await shortlistWorld(t);
  const shortlistId = await newShortlist();
  const samira = await person();
  await inject('POST', `/v1/shortlists/${shortlistId}/candidates`, undefined, { candidateId: samira.id, pitch: RISKY });
  const url = `/v1/shortlists/${shortlistId}/candidates/${samira.id}/pitch-override`;
  const reason = 'Samira wil zelf dat de werkgever dit weet; met haar besproken op 24 november.';

  for (const account of [world.accountManager, world.employerRelations, employer]) {
    const denied = await inject('POST', url, account, { reason });
    t.equal(denied.statusCode, 403, `${account.principal.role} may not override`);
  }
  const short = await inject('POST', url, world.admin, { reason: 'ok' });
  t.equal(short.statusCode, 400, 'a reason of a few letters is no reason');

  const overridden = await inject('POST', url, world.admin, { reason });
  t.equal(overridden.statusCode, 200, overridden.body);
  t.equal(overridden.json().pitchBlocked, false);
  t.match(overridden.json().pitchOverride, { by: { id: world.admin.userId }, reason });
  const rows = await database.db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.tenantId, world.tenantId), eq(auditLog.action, 'shortlist.pitch_override')));
  t.equal(rows.length, 1, 'the override is in the audit log');
  t.equal(rows[0]!.actorUserId, world.admin.userId);
  t.equal(rows[0]!.reason, reason);
  t.same((rows[0]!.details as { warnings: string[] }).warnings, ['schulden', 'burn-out']);
  const audit = await inject('GET', '/v1/audit?action=shortlist.pitch_override', world.admin);
  t.equal(audit.statusCode, 200);
  t.ok(JSON.stringify(audit.json()).includes(reason), 'admins read it in the audit log');

  // A new text with warnings needs a new override.
  await inject('PATCH', `/v1/shortlists/${shortlistId}/candidates/${samira.id}`, undefined, { pitch: { strengths: 'Werkt nauwkeurig, na een burn-out' } });
  const again = await inject('POST', `/v1/shortlists/${shortlistId}/candidates/${samira.id}/approve`);
  t.equal(again.json().code, 'shortlist.pitch_warning', 'the override covered the old text only');
  await inject('POST', url, world.admin, { reason });
  const approved = await inject('POST', `/v1/shortlists/${shortlistId}/candidates/${samira.id}/approve`);
  t.equal(approved.statusCode, 200, approved.body);
  const sent = await inject('POST', `/v1/shortlists/${shortlistId}/send`);
  t.equal(sent.statusCode, 200, sent.body);

  const clean = await person();
  await inject('POST', `/v1/shortlists/${shortlistId}/candidates`, undefined, { candidateId: clean.id, pitch: { strengths: 'Werkt nauwkeurig' } });
  const needless = await inject('POST', `/v1/shortlists/${shortlistId}/candidates/${clean.id}/pitch-override`, world.admin, { reason });
  t.equal(needless.json().code, 'shortlist.pitch_override_needless');
});

t.test('the werkplek page shows the block, and the override form to admins only', async (t) => {
  const { app, inject, person, newShortlist, world } = await shortlistWorld(t);
  const shortlistId = await newShortlist();
  const samira = await person();
  await inject('POST', `/v1/shortlists/${shortlistId}/candidates`, undefined, { candidateId: samira.id, pitch: RISKY });
  const pageUrl = `/werkplek/shortlists/${shortlistId}`;

  const manager = await sessionCookieFor(app, world.accountManager);
  const managerPage = await app.inject({ method: 'GET', url: pageUrl, headers: { cookie: manager.cookie } });
  t.equal(managerPage.statusCode, 200);
  t.match(managerPage.body, /Goedkeuren kan nog niet/);
  t.notMatch(managerPage.body, /Goedkeuren: Samira/, 'no approve button while the text is blocked');
  t.notMatch(managerPage.body, /Uitzondering vastleggen/, 'a klantmanager sees no override form');
  const approveByForm = await app.inject({
    method: 'POST',
    url: `/werkplek/shortlists/${shortlistId}/kandidaten/${samira.id}/goedkeuren`,
    ...form({ _csrf: manager.csrf }),
    headers: { ...form({}).headers, cookie: manager.cookie },
  });
  t.equal(approveByForm.statusCode, 409, 'the approve form is refused too');
  t.match(approveByForm.body, /noemt misschien privézaken/);

  const admin = await sessionCookieFor(app, world.admin);
  const adminPage = await app.inject({ method: 'GET', url: pageUrl, headers: { cookie: admin.cookie } });
  t.match(adminPage.body, /Uitzondering vastleggen/);
  const tooShort = await app.inject({
    method: 'POST',
    url: `/werkplek/shortlists/${shortlistId}/kandidaten/${samira.id}/uitzondering`,
    ...form({ _csrf: csrfOf(adminPage.body), reason: 'mag wel' }),
    headers: { ...form({}).headers, cookie: admin.cookie },
  });
  t.equal(tooShort.statusCode, 400, 'an exception needs a reason');
  t.match(tooShort.body, /minstens 10 tekens/);
  const reason = 'Met Samira besproken: zij wil dat de werkgever dit weet.';
  const posted = await app.inject({
    method: 'POST',
    url: `/werkplek/shortlists/${shortlistId}/kandidaten/${samira.id}/uitzondering`,
    ...form({ _csrf: csrfOf(adminPage.body), reason }),
    headers: { ...form({}).headers, cookie: admin.cookie },
  });
  t.equal(posted.statusCode, 303, posted.body);
  const after = await app.inject({ method: 'GET', url: pageUrl, headers: { cookie: manager.cookie } });
  t.match(after.body, /Uitzondering vastgelegd door/);
  t.match(after.body, /Goedkeuren: Samira/, 'after the override the klantmanager can approve');
});
