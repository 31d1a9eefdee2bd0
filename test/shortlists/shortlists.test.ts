import { and, eq, sql } from 'drizzle-orm';
import t from 'tap';
import { auditLog, matchRuns, shortlistCandidates } from '../../db/schema/index.js';
import { newId } from '../../src/ids.js';
import { EMPLOYER_ENTRY_KEYS, EMPLOYER_VIEW_KEYS } from '../../src/shortlists/employer-view.js';
import { bearer } from '../support/factories.js';
import { shortlistWorld } from './fixtures.js';

t.test('curation: add by hand, once per list, active candidates only', async (t) => {
  const { inject, person, newShortlist } = await shortlistWorld(t);
  const shortlistId = await newShortlist();
  const samira = await person();

  const added = await inject('POST', `/v1/shortlists/${shortlistId}/candidates`, undefined, {
    candidateId: samira.id,
    pitch: { strengths: 'Pakt alles direct op', support: 'Een vaste collega als maatje de eerste weken', startPlan: 'Start met 16 uur, na 2 maanden 24 uur' },
  });
  t.equal(added.statusCode, 201, added.body);
  t.match(added.json(), {
    candidateId: samira.id,
    reference: samira.reference,
    position: 1,
    source: 'manual',
    approval: null,
    sharedAt: null,
    consents: { shareWithEmployers: true },
  });

  const again = await inject('POST', `/v1/shortlists/${shortlistId}/candidates`, undefined, { candidateId: samira.id });
  t.equal(again.statusCode, 409);
  t.equal(again.json().code, 'shortlist.already_listed');

  const paused = await person({ status: 'paused' });
  const refused = await inject('POST', `/v1/shortlists/${shortlistId}/candidates`, undefined, { candidateId: paused.id });
  t.equal(refused.statusCode, 409);
  t.equal(refused.json().code, 'shortlist.candidate_not_active');

  const second = await person();
  const next = await inject('POST', `/v1/shortlists/${shortlistId}/candidates`, undefined, { candidateId: second.id });
  t.equal(next.json().position, 2, 'added at the end');
  const moved = await inject('PATCH', `/v1/shortlists/${shortlistId}/candidates/${second.id}`, undefined, { position: 0 });
  t.equal(moved.statusCode, 400, 'positions start at 1');
  await inject('PATCH', `/v1/shortlists/${shortlistId}/candidates/${samira.id}`, undefined, { position: 3 });
  const list = await inject('GET', `/v1/shortlists/${shortlistId}/candidates`);
  t.same(
    list.json().items.map((item: { candidateId: string }) => item.candidateId),
    [second.id, samira.id],
    'ordered by position',
  );

  const unknown = await inject('POST', `/v1/shortlists/${shortlistId}/candidates`, undefined, { candidateId: newId() });
  t.equal(unknown.statusCode, 404);
});

t.test('adding from a ranking run keeps its total; a run of another vacancy or without the candidate is refused', async (t) => {
  const { inject, person, newShortlist, database, world, vacancyId, openVacancy, staff } = await shortlistWorld(t);
  const shortlistId = await newShortlist();
  const ranked = await person();
  const notRanked = await person();
  const otherVacancy = await openVacancy();
  const run = async (subjectId: string) => {
    const id = newId();
    await database.db.insert(matchRuns).values({
      tenantId: world.tenantId,
      id,
      kind: 'vacancy',
      subjectId,
      actorUserId: staff.userId,
      at: new Date(),
      matcherVersion: '1.0.0',
      weightsVersion: 1,
      weights: {},
      inputsHash: 'test',
      population: 2,
      eligible: 1,
      results: [{ rank: 1, candidateId: ranked.id, total: 73.4, eligible: true, conditional: false, contributions: {} }],
    });
    return id;
  };
  const runId = await run(vacancyId);
  const otherRunId = await run(otherVacancy);

  const fromRun = await inject('POST', `/v1/shortlists/${shortlistId}/candidates`, undefined, { candidateId: ranked.id, matchRunId: runId });
  t.equal(fromRun.statusCode, 201, fromRun.body);
  t.match(fromRun.json(), { source: 'ranking', matchRunId: runId, matchTotal: 73.4 });

  const notInRun = await inject('POST', `/v1/shortlists/${shortlistId}/candidates`, undefined, { candidateId: notRanked.id, matchRunId: runId });
  t.equal(notInRun.statusCode, 409);
  t.equal(notInRun.json().code, 'shortlist.match_run_mismatch');
  const otherShortlist = await newShortlist(otherVacancy);
  const wrongVacancy = await inject('POST', `/v1/shortlists/${otherShortlist}/candidates`, undefined, { candidateId: ranked.id, matchRunId: otherRunId });
  t.equal(wrongVacancy.statusCode, 201, 'a run of the shortlist’s own vacancy is fine');
  const mismatch = await inject('POST', `/v1/shortlists/${shortlistId}/candidates`, undefined, { candidateId: notRanked.id, matchRunId: otherRunId });
  t.equal(mismatch.json().code, 'shortlist.match_run_mismatch', 'a run of another vacancy is refused');
});

t.test('no send without approval or consent: through the API (409) and in the database (F3, P3)', async (t) => {
  const { app, inject, person, newShortlist, database, staff } = await shortlistWorld(t);
  const shortlistId = await newShortlist();
  const unapproved = await person();
  const noConsent = await person({ share: false });

  const empty = await inject('POST', `/v1/shortlists/${shortlistId}/send`);
  t.equal(empty.statusCode, 409);
  t.equal(empty.json().code, 'shortlist.nothing_to_send');

  await inject('POST', `/v1/shortlists/${shortlistId}/candidates`, undefined, { candidateId: unapproved.id });
  const withoutPitch = await inject('POST', `/v1/shortlists/${shortlistId}/candidates/${unapproved.id}/approve`);
  t.equal(withoutPitch.statusCode, 409, 'approval needs a pitch');
  t.equal(withoutPitch.json().code, 'shortlist.pitch_missing');

  const notApproved = await inject('POST', `/v1/shortlists/${shortlistId}/send`);
  t.equal(notApproved.statusCode, 409);
  t.equal(notApproved.json().code, 'shortlist.not_ready');
  t.same(
    notApproved.json().errors.map((error: { pointer: string }) => error.pointer),
    [`/entries/${unapproved.id}`],
  );
  t.match(notApproved.json().errors[0].detail, new RegExp(`${unapproved.reference}: nog niet goedgekeurd`));

  await inject('DELETE', `/v1/shortlists/${shortlistId}/candidates/${unapproved.id}`);
  await inject('POST', `/v1/shortlists/${shortlistId}/candidates`, undefined, { candidateId: noConsent.id, pitch: { strengths: 'Sterk in plannen' } });
  const approved = await inject('POST', `/v1/shortlists/${shortlistId}/candidates/${noConsent.id}/approve`);
  t.equal(approved.statusCode, 200);
  t.match(approved.json().approval, { by: { id: staff.userId }, at: /^2026-11-25T09:00/ }, 'who approved, and when');
  const withoutConsent = await app.inject({
    method: 'POST',
    url: `/v1/shortlists/${shortlistId}/send`,
    headers: { ...bearer(staff), 'accept-language': 'en' },
  });
  t.equal(withoutConsent.statusCode, 409);
  t.equal(withoutConsent.json().code, 'shortlist.not_ready');
  t.match(withoutConsent.json().errors, [{ pointer: `/entries/${noConsent.id}`, detail: /no valid consent to share/ }], 'in English on request');

  // The database refuses too, whatever code path would try.
  const [entry] = await database.db.select().from(shortlistCandidates).where(eq(shortlistCandidates.candidateId, noConsent.id));
  await t.rejects(
    database.db.update(shortlistCandidates).set({ sharedAt: new Date() }).where(eq(shortlistCandidates.id, entry!.id)),
    'shared_at without consent is refused by the trigger',
  );
  const error = await database.db
    .update(shortlistCandidates)
    .set({ sharedAt: new Date() })
    .where(eq(shortlistCandidates.id, entry!.id))
    .catch((caught: unknown) => caught as { cause?: { constraint?: string } });
  t.equal((error as { cause?: { constraint?: string } }).cause?.constraint, 'shortlist_candidates_shared_needs_consent');

  const consented = await person();
  await inject('POST', `/v1/shortlists/${shortlistId}/candidates`, undefined, { candidateId: consented.id });
  const [unapprovedEntry] = await database.db.select().from(shortlistCandidates).where(eq(shortlistCandidates.candidateId, consented.id));
  const noApproval = await database.db
    .update(shortlistCandidates)
    .set({ sharedAt: new Date() })
    .where(eq(shortlistCandidates.id, unapprovedEntry!.id))
    .catch((caught: unknown) => caught as { cause?: { constraint?: string } });
  t.equal(
    (noApproval as { cause?: { constraint?: string } }).cause?.constraint,
    'shortlist_candidates_shared_needs_approval',
    'shared_at without approval is refused by the check',
  );

  const shared = await database.db
    .select({ n: sql<number>`count(*)::int` })
    .from(shortlistCandidates)
    .where(sql`${shortlistCandidates.sharedAt} is not null`);
  t.equal(shared[0]!.n, 0, 'nothing was shared');
});

t.test('sending freezes an allow-listed employer view; the employer reads only what was sent (A3)', async (t) => {
  const scene = await shortlistWorld(t);
  const { inject, person, newShortlist, database, employer, world, vacancyId } = scene;
  const shortlistId = await newShortlist();
  // She agrees that the employer sees the instruments that follow from her age and the register (issue 11.11).
  const samira = await person({ dateOfBirth: '1966-05-02', instruments: true });
  await scene.addApproved(shortlistId, samira.id, {
    pitch: { strengths: 'Werkt nauwkeurig en houdt van aanpakken', support: 'Vaste collega als maatje', startPlan: 'Start met 16 uur' },
    eligibility: { doelgroepregister: true, reducedWageValue: false },
  });

  const draftForEmployer = await inject('GET', `/v1/shortlists/${shortlistId}`, employer);
  t.equal(draftForEmployer.statusCode, 404, 'an employer does not see a shortlist before it is sent');

  const sent = await inject('POST', `/v1/shortlists/${shortlistId}/send`);
  t.equal(sent.statusCode, 200, sent.body);
  t.equal(sent.json().status, 'sent');
  t.ok(sent.json().entries[0].sharedAt);
  const audits = await database.db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.tenantId, world.tenantId), eq(auditLog.action, 'shortlist.send')));
  t.equal(audits.length, 1, 'one audit row');
  t.same(audits[0]!.details.candidates, [samira.id]);

  const response = await inject('GET', `/v1/shortlists/${shortlistId}`, employer);
  t.equal(response.statusCode, 200, response.body);
  const body = response.json();
  t.equal(body.view, 'employer');
  t.same(Object.keys(body).sort(), ['entries', 'id', 'noteToEmployer', 'sentAt', 'vacancy', 'view']);
  t.same(Object.keys(body.vacancy).sort(), ['id', 'title']);
  t.equal(body.entries.length, 1);
  const entry = body.entries[0];
  t.same(Object.keys(entry).sort(), [...EMPLOYER_ENTRY_KEYS].sort(), 'the entry has exactly the allow-listed keys');
  t.same(Object.keys(entry.competencies[0]).sort(), ['evidence', 'label', 'level']);
  t.same(Object.keys(entry.hours).sort(), ['now', 'rampUpPlan', 'target']);
  t.same(entry.hours, { now: 16, target: 32, rampUpPlan: [16, 24, 32] });
  t.same(entry.availability.mon, ['early', 'day']);
  t.match(entry.travel, { mode: String, minutes: Number }, 'travel time from the matcher');
  t.equal(entry.identity, null, 'no identity without consent to disclose it');
  t.same(
    entry.instruments.map((offer: { code: string }) => offer.code),
    ['no_riskpolis', 'proefplaatsing', 'jobcoach', 'lkv_banenafspraak', 'lkv_oudere_werknemer'],
  );
  for (const offer of entry.instruments) t.same(Object.keys(offer).sort(), ['code', 'name', 'reason', 'source']);

  // Ids are random hex and may hold any four digits (a year, say); they are no data about the person.
  const serialized = response.body.toLowerCase().replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, '<id>');
  const forbidden = [
    samira.contact.familyName,
    samira.contact.givenName,
    samira.contact.email,
    '06 1234 5678',
    '1966',
    'fiets regelen',
    'schuld',
    'voedselbank',
    'mantelzorg',
    'bijstand',
    'uitkering',
    'barrier',
    'health',
    'gender',
    'dateofbirth',
    'postcode',
    'reference',
    'kr-',
    'matchtotal',
    'werkplein heeft',
  ];
  for (const needle of forbidden) t.notOk(serialized.includes(needle.toLowerCase()), `employer view does not contain "${needle}"`);

  // The frozen snapshot has exactly the snapshot keys.
  const [stored] = await database.db.select().from(shortlistCandidates).where(eq(shortlistCandidates.candidateId, samira.id));
  t.same(Object.keys(stored!.employerView!).sort(), [...EMPLOYER_VIEW_KEYS].sort());

  // Identity only after the person agrees to disclose it.
  await inject('POST', `/v1/candidates/${samira.id}/consents`, undefined, { purpose: 'disclose_identity', textVersion: '2026-1' });
  const disclosed = (await inject('GET', `/v1/shortlists/${shortlistId}`, employer)).json();
  t.same(disclosed.entries[0].identity, { name: `Samira ${samira.contact.familyName}`, phone: '06 1234 5678' });
  t.notOk(JSON.stringify(disclosed).includes(samira.contact.email), 'never the e-mail address');

  // Lists: an employer sees its own sent shortlists; another employer sees nothing of it.
  const list = await inject('GET', '/v1/shortlists', employer);
  t.same(
    list.json().items.map((item: { id: string }) => item.id),
    [shortlistId],
  );
  t.equal(list.json().items[0].candidates, 1);
  const other = await inject('GET', `/v1/shortlists/${shortlistId}`, world.employerB.user);
  t.equal(other.statusCode, 404);
  t.same((await inject('GET', '/v1/shortlists', world.employerB.user)).json().items, []);
  const staffList = await inject('GET', `/v1/vacancies/${vacancyId}/shortlists`);
  t.equal(staffList.json().items[0].status, 'sent');

  // English on request.
  const english = await scene.app.inject({ method: 'GET', url: `/v1/shortlists/${shortlistId}`, headers: { ...bearer(employer), 'accept-language': 'en' } });
  t.match(english.json().entries[0].instruments[0], { code: 'no_riskpolis', name: /No-risk policy/ });
});

t.test('sending again shares newly approved entries only; what was sent stays frozen', async (t) => {
  const scene = await shortlistWorld(t);
  const { inject, person, newShortlist, employer, clock } = scene;
  const shortlistId = await newShortlist();
  const first = await person();
  await scene.addApproved(shortlistId, first.id);
  t.equal((await inject('POST', `/v1/shortlists/${shortlistId}/send`)).statusCode, 200);
  const firstSharedAt = (await inject('GET', `/v1/shortlists/${shortlistId}`, employer)).json().entries[0].sharedAt;

  const changeShared = await inject('PATCH', `/v1/shortlists/${shortlistId}/candidates/${first.id}`, undefined, { pitch: { strengths: 'Iets anders' } });
  t.equal(changeShared.statusCode, 409, 'a shared pitch cannot change');
  t.equal(changeShared.json().code, 'shortlist.entry_shared');

  clock.advance(86_400_000);
  const second = await person();
  await inject('POST', `/v1/shortlists/${shortlistId}/candidates`, undefined, { candidateId: second.id, pitch: { strengths: 'Handig met machines' } });
  const pending = await inject('POST', `/v1/shortlists/${shortlistId}/send`);
  t.equal(pending.statusCode, 409, 'the new entry is not approved yet');
  await inject('POST', `/v1/shortlists/${shortlistId}/candidates/${second.id}/approve`);
  // Changing the pitch after approval asks for a new approval.
  const edited = await inject('PATCH', `/v1/shortlists/${shortlistId}/candidates/${second.id}`, undefined, {
    pitch: { strengths: 'Handig met machines en heftrucks' },
  });
  t.equal(edited.json().approval, null);
  await inject('POST', `/v1/shortlists/${shortlistId}/candidates/${second.id}/approve`);
  const resent = await inject('POST', `/v1/shortlists/${shortlistId}/send`);
  t.equal(resent.statusCode, 200);

  const view = (await inject('GET', `/v1/shortlists/${shortlistId}`, employer)).json();
  t.equal(view.entries.length, 2);
  t.equal(view.entries[0].sharedAt, firstSharedAt, 'the first entry was not shared again');
  t.equal(view.entries[1].pitch.strengths, 'Handig met machines en heftrucks');
  t.equal((await inject('POST', `/v1/shortlists/${shortlistId}/send`)).json().code, 'shortlist.nothing_to_send');

  // Taking someone off the list takes them out of the employer's view.
  const removed = await inject('DELETE', `/v1/shortlists/${shortlistId}/candidates/${second.id}?reason=candidate_unavailable`);
  t.match(removed.json().removed, { reason: 'candidate_unavailable' });
  t.same(
    (await inject('GET', `/v1/shortlists/${shortlistId}`, employer)).json().entries.map((entry: { candidateId: string }) => entry.candidateId),
    [first.id],
  );

  // Closing ends changes.
  await inject('PATCH', `/v1/shortlists/${shortlistId}`, undefined, { status: 'closed' });
  const closed = await inject('POST', `/v1/shortlists/${shortlistId}/candidates`, undefined, { candidateId: (await person()).id });
  t.equal(closed.json().code, 'shortlist.closed');
});

t.test('withdrawing consent takes the person off open shortlists before the next share (P3)', async (t) => {
  const scene = await shortlistWorld(t);
  const { inject, person, newShortlist, employer } = scene;
  const shortlistId = await newShortlist();
  const leaving = await person();
  const staying = await person();
  await scene.addApproved(shortlistId, leaving.id);
  await scene.addApproved(shortlistId, staying.id);
  t.equal((await inject('POST', `/v1/shortlists/${shortlistId}/send`)).statusCode, 200);
  t.equal((await inject('GET', `/v1/shortlists/${shortlistId}`, employer)).json().entries.length, 2);

  // And a second, draft shortlist where the person is approved but not yet shared.
  const draftId = await newShortlist();
  await scene.addApproved(draftId, leaving.id);
  await scene.addApproved(draftId, staying.id);

  const withdrawn = await inject('POST', `/v1/candidates/${leaving.id}/consents/${leaving.consents.share_with_employers}/withdraw`);
  t.equal(withdrawn.statusCode, 200, withdrawn.body);

  const view = (await inject('GET', `/v1/shortlists/${shortlistId}`, employer)).json();
  t.same(
    view.entries.map((entry: { candidateId: string }) => entry.candidateId),
    [staying.id],
    'the employer no longer sees them',
  );
  t.notOk(JSON.stringify(view).includes(leaving.id));
  const staffView = (await inject('GET', `/v1/shortlists/${shortlistId}/candidates`)).json().items;
  t.match(
    staffView.find((entry: { candidateId: string }) => entry.candidateId === leaving.id),
    { removed: { reason: 'consent_withdrawn' }, consents: { shareWithEmployers: false } },
  );

  const draftSend = await inject('POST', `/v1/shortlists/${draftId}/send`);
  t.equal(draftSend.statusCode, 200, draftSend.body);
  const shared = (await inject('GET', `/v1/shortlists/${draftId}`, employer)).json().entries;
  t.same(
    shared.map((entry: { candidateId: string }) => entry.candidateId),
    [staying.id],
    'a re-send does not share them',
  );

  // Feedback about them is no longer possible either.
  const feedback = await inject('POST', `/v1/shortlists/${shortlistId}/candidates/${leaving.id}/feedback`, employer, { decision: 'invite' });
  t.equal(feedback.statusCode, 404);
});

t.test('an employer’s own shortlist with a candidate that is not on it is not found (A1, nested)', async (t) => {
  const scene = await shortlistWorld(t);
  const { inject, person, newShortlist, employer, world, openVacancy } = scene;
  const ownList = await newShortlist();
  const onList = await person();
  const elsewhere = await person();
  await scene.addApproved(ownList, onList.id);
  await inject('POST', `/v1/shortlists/${ownList}/send`);
  const otherList = await newShortlist(await openVacancy({}, 'employerB'));
  await scene.addApproved(otherList, elsewhere.id);
  await inject('POST', `/v1/shortlists/${otherList}/send`);

  const feedbackOnOther = await inject('POST', `/v1/shortlists/${ownList}/candidates/${elsewhere.id}/feedback`, employer, { decision: 'invite' });
  t.equal(feedbackOnOther.statusCode, 404);
  const ownFeedback = await inject('POST', `/v1/shortlists/${ownList}/candidates/${onList.id}/feedback`, employer, { decision: 'invite' });
  t.equal(ownFeedback.statusCode, 201);
  t.equal((await inject('GET', `/v1/shortlists/${otherList}`, world.employerB.user)).statusCode, 200, 'employer B sees its own');
  t.equal((await inject('GET', `/v1/shortlists/${otherList}`, employer)).statusCode, 404);
});
