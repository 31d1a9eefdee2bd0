import t from 'tap';
import { digestWorld } from './fixtures.js';

t.test('subscriptions: own, managed by admins and (for employer users) employer relations; validated', async (t) => {
  const { world, digestInject: call } = await digestWorld(t);

  const own = await call('POST', '/v1/digest-subscriptions', world.accountManager, { frequency: 'weekly', weekday: 'mon', hour: 7 });
  t.equal(own.statusCode, 201, own.body);
  t.match(own.json(), {
    userId: world.accountManager.userId,
    recipient: { role: 'account_manager' },
    frequency: 'weekly',
    weekday: 'mon',
    hour: 7,
    timezone: 'Europe/Amsterdam',
    lang: 'nl',
    active: true,
    scope: { sections: ['caseload_news', 'strong_matches', 'new_vacancies', 'follow_ups', 'consents_expiring'], minMatchScore: null },
    lastSentAt: null,
  });
  t.notOk('email' in own.json().recipient, 'the address is not echoed');

  // Validation: weekly needs a weekday, daily has none; sections must fit the role; unknown fields are refused.
  const invalid = [
    [{ frequency: 'weekly', hour: 7 }, 'digest.weekday_mismatch'],
    [{ frequency: 'daily', weekday: 'mon', hour: 7 }, 'digest.weekday_mismatch'],
    [{ frequency: 'daily', hour: 24 }, 'request.invalid'],
    [{ frequency: 'hourly', hour: 7 }, 'request.invalid'],
    [{ frequency: 'daily', hour: 7, lang: 'de' }, 'request.invalid'],
    [{ frequency: 'daily', hour: 7, email: 'x@y.example' }, 'request.invalid'],
    [{ frequency: 'daily', hour: 7, scope: { sections: ['growth_cohorts'] } }, 'digest.section_not_for_role'],
    [{ frequency: 'daily', hour: 7, scope: { minMatchScore: 10 } }, 'request.invalid'],
  ] as const;
  for (const [body, code] of invalid) {
    const response = await call('POST', '/v1/digest-subscriptions', world.accountManager, body);
    t.equal(response.statusCode, 400, `${JSON.stringify(body)} → 400`);
    t.equal(response.json().code, code);
  }

  // Others' subscriptions: employer relations may manage employer users', not staff's; employers only their own.
  const forEmployer = await call('POST', '/v1/digest-subscriptions', world.employerRelations, {
    userId: world.employerA.user.userId,
    frequency: 'daily',
    hour: 8,
  });
  t.equal(forEmployer.statusCode, 201, 'employer relations subscribe an employer user');
  const forStaff = await call('POST', '/v1/digest-subscriptions', world.employerRelations, {
    userId: world.accountManager.userId,
    frequency: 'daily',
    hour: 8,
  });
  t.equal(forStaff.statusCode, 404, 'but not a staff member');
  t.equal(forStaff.json().code, 'digest.recipient_not_found');
  const byEmployer = await call('POST', '/v1/digest-subscriptions', world.employerA.user, { userId: world.employerB.user.userId, frequency: 'daily', hour: 8 });
  t.equal(byEmployer.statusCode, 404, 'an employer cannot subscribe someone else');
  const twice = await call('POST', '/v1/digest-subscriptions', world.admin, { userId: world.accountManager.userId, frequency: 'daily', hour: 6 });
  t.equal(twice.statusCode, 409, 'one digest per recipient');
  t.equal(twice.json().code, 'digest.already_subscribed');
  const byAdmin = await call('POST', '/v1/digest-subscriptions', world.admin, {
    userId: world.employerRelations.userId,
    frequency: 'daily',
    hour: 6,
    lang: 'en',
  });
  t.equal(byAdmin.statusCode, 201, 'admins may subscribe staff');

  t.equal(
    (await call('GET', `/v1/digest-subscriptions/${own.json().id}`, world.employerRelations)).statusCode,
    404,
    'employer relations do not see staff subscriptions',
  );
  t.equal((await call('GET', `/v1/digest-subscriptions/${forEmployer.json().id}`, world.employerB.user)).statusCode, 404);
  t.equal((await call('GET', `/v1/digest-subscriptions/${forEmployer.json().id}`, world.employerA.user)).statusCode, 200, 'the recipient sees their own');

  const listed = async (as: { token: string }) =>
    (await call('GET', '/v1/digest-subscriptions', as))
      .json()
      .items.map((item: { id: string }) => item.id)
      .sort() as string[];
  t.same(await listed(world.accountManager), [own.json().id]);
  t.same(await listed(world.employerRelations), [forEmployer.json().id, byAdmin.json().id].sort());
  t.same(await listed(world.employerA.user), [forEmployer.json().id]);
  t.equal((await listed(world.admin)).length, 3);
  const page = await call('GET', '/v1/digest-subscriptions?limit=1', world.admin);
  t.equal(page.json().items.length, 1);
  const second = await call('GET', `/v1/digest-subscriptions?limit=1&cursor=${page.json().nextCursor}`, world.admin);
  t.not(second.json().items[0].id, page.json().items[0].id, 'pages with a cursor');

  // PATCH: switch to daily (the weekday goes), pause, change language; scope checked against the role.
  const patched = await call('PATCH', `/v1/digest-subscriptions/${own.json().id}`, world.accountManager, { frequency: 'daily', hour: 6 });
  t.match(patched.json(), { frequency: 'daily', weekday: null, hour: 6 });
  const toWeekly = await call('PATCH', `/v1/digest-subscriptions/${own.json().id}`, world.accountManager, { frequency: 'weekly' });
  t.equal(toWeekly.json().code, 'digest.weekday_mismatch', 'weekly again needs a day');
  const paused = await call('PATCH', `/v1/digest-subscriptions/${own.json().id}`, world.accountManager, {
    active: false,
    lang: 'en',
    scope: { sections: ['follow_ups'] },
  });
  t.match(paused.json(), { active: false, lang: 'en', scope: { sections: ['follow_ups'] } });
  t.ok(paused.json().unsubscribedAt);
  const resumed = await call('PATCH', `/v1/digest-subscriptions/${own.json().id}`, world.accountManager, { active: true });
  t.match(resumed.json(), { active: true, unsubscribedAt: null });
  // The recipient's own unsubscribe is theirs to undo; a pause by an admin is not an unsubscribe.
  await call('PATCH', `/v1/digest-subscriptions/${own.json().id}`, world.accountManager, { active: false });
  const overruled = await call('PATCH', `/v1/digest-subscriptions/${own.json().id}`, world.admin, { active: true });
  t.equal(overruled.statusCode, 409);
  t.equal(overruled.json().code, 'digest.resubscribe_by_recipient', 'an admin cannot undo an unsubscribe');
  t.match((await call('PATCH', `/v1/digest-subscriptions/${own.json().id}`, world.accountManager, { active: true })).json(), { active: true });
  const pausedByAdmin = await call('PATCH', `/v1/digest-subscriptions/${own.json().id}`, world.admin, { active: false });
  t.match(pausedByAdmin.json(), { active: false, unsubscribedAt: null }, 'an admin pauses');
  t.match((await call('PATCH', `/v1/digest-subscriptions/${own.json().id}`, world.admin, { active: true })).json(), { active: true }, 'and may resume');
  t.equal((await call('PATCH', `/v1/digest-subscriptions/${own.json().id}`, world.accountManager, {})).statusCode, 400, 'an empty change is refused');
  t.equal((await call('PATCH', `/v1/digest-subscriptions/${own.json().id}`, world.employerRelations, { hour: 9 })).statusCode, 404);

  // Preview: for the owner; renders, sends nothing, moves nothing.
  const preview = await call('GET', `/v1/digest-subscriptions/${forEmployer.json().id}/preview`, world.employerA.user);
  t.equal(preview.statusCode, 200);
  t.match(preview.json(), { subscriptionId: forEmployer.json().id, periodKey: '2026-11-26', empty: true });
  t.match(preview.json().subject, /^Kansrijk: nieuw voor u \(26 november 2026\)$/);

  // DELETE.
  t.equal((await call('DELETE', `/v1/digest-subscriptions/${byAdmin.json().id}`, world.accountManager)).statusCode, 404);
  t.equal((await call('DELETE', `/v1/digest-subscriptions/${byAdmin.json().id}`, world.employerRelations)).statusCode, 204, 'the recipient may remove it');
  t.equal((await call('GET', `/v1/digest-subscriptions/${byAdmin.json().id}`, world.admin)).statusCode, 404);

  // Bounces are for admins only.
  t.equal((await call('POST', '/v1/mail/bounces', world.accountManager, { email: 'x@y.example' })).statusCode, 403);
});

t.test('a preview sends nothing and does not use up the period', async (t) => {
  const { world, subscribe, digestInject: call, person, newShortlist, addApproved, inject, receiver, round, database } = await digestWorld(t);
  const subscription = await subscribe(world.employerA.user);
  const candidate = await person();
  const list = await newShortlist();
  await addApproved(list, candidate.id);
  await inject('POST', `/v1/shortlists/${list}/send`);

  const preview = await call('GET', `/v1/digest-subscriptions/${subscription.id}/preview`, world.employerA.user);
  t.match(preview.json(), { empty: false, periodKey: '2026-W49' });
  t.match(preview.json().text, /Orderpicker: 1 nieuwe kandidaat/);
  t.match(preview.json().html, /<a href="https:\/\/kansrijk\.werkplein-test\.example\/bekijk\/shortlist\//);
  t.equal(receiver.messages.length, 0, 'nothing sent');
  const rows = await database.pool.query('select 1 from digest_deliveries');
  t.equal(rows.rowCount, 0, 'no period reserved');

  const summary = await round();
  t.match(summary.outcomes, { sent: 1 });
  t.equal(receiver.messages.length, 1);
  t.equal(receiver.messages[0]!.parsed.text, preview.json().text, 'the preview was what got sent');
});
