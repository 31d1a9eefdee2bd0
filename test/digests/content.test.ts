import t, { type Test } from 'tap';
import { markDueFollowUpReminders } from '../../src/placements/placements.jobs.js';
import { digestWorld, FORBIDDEN_WORDS, MONDAY_W49, PUBLIC_URL } from './fixtures.js';
import type { Received } from './smtp-receiver.js';

/** Nothing about the person in a mail: no name, contact data, barrier or benefit words. */
function assertNothingSensitive(t: Test, mail: Received, people: Array<{ contact: { givenName: string; familyName: string; email: string; phone: string } }>) {
  const body = `${mail.parsed.subject ?? ''}\n${mail.parsed.text ?? ''}\n${mail.parsed.html || ''}`.toLowerCase();
  for (const person of people) {
    for (const value of [person.contact.familyName, person.contact.email, person.contact.phone, person.contact.phone.replaceAll(' ', '')]) {
      t.notOk(body.includes(value.toLowerCase()), `no "${value}" in the mail`);
    }
  }
  for (const word of FORBIDDEN_WORDS) t.notOk(body.includes(word), `no "${word}" in the mail`);
  t.notOk(body.includes('betrouwbaar, leert snel'), 'no pitch text');
}

t.test('each recipient kind gets what is new for them, through a real SMTP exchange, with nothing sensitive', async (t) => {
  const scene = await digestWorld(t);
  const { world, clock, inject, person, newShortlist, addApproved, openVacancy, receiver, subscribe, round } = scene;

  // Monday 16 November: a shortlist sent a week before the digest, not answered.
  clock.set(new Date('2026-11-18T10:00:00Z'));
  const waiting = await person();
  const oldList = await newShortlist();
  await addApproved(oldList, waiting.id);
  t.equal((await inject('POST', `/v1/shortlists/${oldList}/send`)).statusCode, 200);

  // Wednesday 25 November: subscriptions, then this week's news.
  clock.set(new Date('2026-11-25T09:00:00Z'));
  const employerSub = await subscribe(world.employerA.user);
  const staffSub = await subscribe(world.accountManager, { scope: { minMatchScore: 50 } });
  await subscribe(world.employerRelations, { lang: 'en' });
  await subscribe(world.employerB.user);

  const fresh = await Promise.all([person(), person()]);
  const newList = await newShortlist();
  for (const candidate of fresh) await addApproved(newList, candidate.id);
  t.equal((await inject('POST', `/v1/shortlists/${newList}/send`)).statusCode, 200);

  // A hire that started in October: its 1-month follow-up is due and reminded this week.
  const hired = await person();
  const hireList = await newShortlist();
  await addApproved(hireList, hired.id);
  await inject('POST', `/v1/shortlists/${hireList}/send`);
  const placement = await inject('POST', '/v1/placements', undefined, {
    candidateId: hired.id,
    vacancyId: scene.vacancyId,
    shortlistId: hireList,
    startDate: '2026-10-20',
    hoursPerWeek: 24,
    contractType: 'fixed_term',
    contractMonths: 6,
  });
  t.equal(placement.statusCode, 201, placement.body);
  t.equal(await markDueFollowUpReminders(scene.database.db, clock.now()), 1);

  // A consent that ends within 30 days.
  const expiring = await person({ share: false });
  const consent = await inject('POST', `/v1/candidates/${expiring.id}/consents`, undefined, {
    purpose: 'share_with_employers',
    textVersion: '2026-1',
    expiresAt: '2026-12-20T12:00:00+01:00',
  });
  t.equal(consent.statusCode, 201, consent.body);

  // A new vacancy that fits the caseload.
  const newVacancy = await openVacancy({ title: 'Inpakker dagdienst' });

  // A growth plan whose cohort should start preparing within 8 weeks, and one far ahead.
  const plan = await inject('POST', `/v1/employers/${world.employerA.employer.id}/growth-plans`, world.employerRelations, {
    name: 'Nieuwe distributiehal',
    locationId: world.employerA.location.id,
    roles: [
      {
        title: 'Orderpicker nachtploeg',
        headcount: 12,
        expectedDate: '2027-03-01',
        hoursPerWeek: { min: 32, max: 40 },
        shiftPattern: { kind: 'fixed', shifts: [{ dayPart: 'night', start: '22:00', end: '06:00', weekdays: ['mon', 'tue', 'wed', 'thu'] }] },
        trainingLeadTimeWeeks: 6,
      },
      {
        title: 'Teamleider later',
        headcount: 1,
        expectedDate: '2027-10-01',
        hoursPerWeek: { min: 36, max: 40 },
        shiftPattern: { kind: 'fixed', shifts: [{ dayPart: 'day', start: '08:00', end: '16:30', weekdays: ['mon', 'tue', 'wed', 'thu', 'fri'] }] },
        trainingLeadTimeWeeks: 4,
      },
    ],
  });
  t.equal(plan.statusCode, 201, plan.body);

  const summary = await round(MONDAY_W49);
  t.match(summary, { due: 4, outcomes: { sent: 3, skipped_empty: 1 } }, 'employer B has nothing new: not sent');
  const everyone = [waiting, hired, expiring, ...fresh];

  const [employerMail, ...moreEmployer] = receiver.to(await scene.emailOf(world.employerA.user));
  t.equal(moreEmployer.length, 0, 'one mail for the employer');
  t.ok(employerMail, 'the employer got a digest');
  const employerText = employerMail!.parsed.text ?? '';
  t.match(employerMail!.parsed.subject, /Kansrijk: nieuw voor u \(week 49\)/);
  t.match(employerText, /Beste Test werkgever,/);
  // Two shortlists went out this week: the one with two people, and the one the hire came from.
  t.ok(employerText.includes(`Orderpicker: 2 nieuwe kandidaten. Bekijk de shortlist: ${PUBLIC_URL}/bekijk/shortlist/${newList}`), 'links into the system');
  t.ok(employerText.includes(`Orderpicker: 1 nieuwe kandidaat. Bekijk de shortlist: ${PUBLIC_URL}/bekijk/shortlist/${hireList}`));
  t.match(employerText, /Kandidaten wachten op uw antwoord\n- Orderpicker: 1 kandidaat wacht sinds 18 november 2026 op uw antwoord/);
  t.ok(employerText.includes(`${PUBLIC_URL}/bekijk/shortlist/${oldList}`));
  t.match(
    employerText,
    /Gesprekken over uw nieuwe medewerkers\n- Orderpicker: het gesprek na 1 maand is gepland rond 20 november 2026\. Vertel ons via de link hoe het gaat: twee korte vragen\./,
  );
  t.notOk(employerText.includes('KR-'), 'employers get no candidate references');
  t.match(employerMail!.parsed.html || '', /<html lang="nl">/);
  assertNothingSensitive(t, employerMail!, everyone);

  const staffMail = receiver.to(await scene.emailOf(world.accountManager));
  t.equal(staffMail.length, 1, 'one mail for the account manager');
  const staffText = staffMail[0]!.parsed.text ?? '';
  t.match(
    staffText,
    /Nazorg: gesprekken die nu aan de beurt zijn\n- KR-[0-9A-Z]+ bij Werkgever A B\.V\. \(Orderpicker\): gesprek na 1 maand, gepland op 20 november 2026\./,
  );
  t.ok(staffText.includes(hired.reference));
  t.match(staffText, /Toestemmingen die bijna aflopen\n- KR-[0-9A-Z]+: de toestemming om gegevens te delen met werkgevers loopt af op 20 december 2026/);
  t.ok(staffText.includes(expiring.reference));
  t.match(staffText, /Nieuwe vacatures met een sterke match in uw caseload\n- Inpakker dagdienst bij Werkgever A B\.V\.: \d+ kandida/);
  t.ok(staffText.includes(`${PUBLIC_URL}/bekijk/vacancy/${newVacancy}`));
  t.match(staffText, /Sterke matches in uw caseload\n- KR-[0-9A-Z]+ past goed bij (Inpakker dagdienst|Orderpicker) \(Werkgever A B\.V\.\): score \d+/);
  t.ok(staffText.includes(`${fresh[0].reference} past goed bij Inpakker dagdienst (Werkgever A B.V.)`), 'a caseload candidate matched to the new vacancy');
  assertNothingSensitive(t, staffMail[0]!, everyone);
  // The mailed ranking is a stored run (F2), made for the account manager, and it replays.
  const runs = await scene.database.pool.query<{ id: string; results: Array<{ candidateId: string }> }>(
    `select id, results from match_runs where subject_id = $1 and actor_user_id = $2`,
    [newVacancy, world.accountManager.principal.userId],
  );
  t.ok(runs.rows.length >= 1, 'the strong matches of the new vacancy are on record');
  t.ok(runs.rows.some((run) => run.results.some((entry) => entry.candidateId === fresh[0].id)));
  const replay = await inject('GET', `/v1/match-runs/${runs.rows[0]!.id}/replay`);
  t.match(replay.json(), { sameOrder: true, sameTotals: true });

  const relationsMail = receiver.to(await scene.emailOf(world.employerRelations));
  t.equal(relationsMail.length, 1);
  const relationsText = relationsMail[0]!.parsed.text ?? '';
  t.match(relationsMail[0]!.parsed.subject, /Kansrijk: new for you \(week 49\)/, 'English on request');
  t.match(
    relationsText,
    /Growth plans: time to prepare a cohort\n- Werkgever A B\.V\., Nieuwe distributiehal: 12 × Orderpicker nachtploeg, needed on 1 March 2027\. Start preparing on 18 January 2027\./,
  );
  t.notOk(relationsText.includes('Teamleider later'), 'a role far ahead is not due yet');
  t.match(relationsText, /You get this e-mail every Monday at 07:00/);

  // mail_log: one row per mail, with the candidates it is about.
  const logged = await scene.database.pool.query<{ subject: string; candidate_ids: string[]; recipient_hash: string }>(
    `select subject, candidate_ids::text[] as candidate_ids, recipient_hash from mail_log where tenant_id = $1 order by sent_at`,
    [world.tenantId],
  );
  t.equal(logged.rowCount, 3);
  const all = logged.rows.flatMap((row) => row.candidate_ids);
  for (const candidate of [hired, expiring, ...fresh, waiting]) t.ok(all.includes(candidate.id), 'mail_log names the candidates mentioned');
  t.ok(logged.rows.every((row) => /^[0-9a-f]{64}$/.test(row.recipient_hash)));

  // A week later the people shared on 25 November have waited a week: only that is new.
  const nextWeek = await round(new Date('2026-12-07T06:05:00Z'));
  t.match(nextWeek.outcomes, { sent: 1, skipped_empty: 3 });
  const reminder = receiver.to(await scene.emailOf(world.employerA.user))[1]!.parsed.text ?? '';
  // Both lists of 25 November (their order is that of their ids, made in the same frozen millisecond here).
  t.match(reminder, /Kandidaten wachten op uw antwoord\n(- Orderpicker: [12] kandida[^\n]+ sinds 25 november 2026 op uw antwoord[^\n]+\n){2}\n/);
  t.ok(
    reminder.includes(`Orderpicker: 2 kandidaten wachten sinds 25 november 2026 op uw antwoord. Geef uw antwoord: ${PUBLIC_URL}/bekijk/shortlist/${newList}`),
  );
  t.ok(reminder.includes(`Orderpicker: 1 kandidaat wacht sinds 25 november 2026 op uw antwoord. Geef uw antwoord: ${PUBLIC_URL}/bekijk/shortlist/${hireList}`));
  t.notMatch(reminder, /Nieuwe kandidaten/, 'what the last digest had is not repeated');

  // The week after, nothing is new: nothing is sent; and the preview says so too.
  const quietWeek = await round(new Date('2026-12-14T06:05:00Z'));
  t.match(quietWeek.outcomes, { skipped_empty: 4 });
  t.equal(receiver.messages.length, 4, 'empty digests are not sent');
  const preview = await scene.digestInject('GET', `/v1/digest-subscriptions/${employerSub.id}/preview`, world.employerA.user);
  t.equal(preview.statusCode, 200);
  t.match(preview.json(), { empty: true, periodKey: '2026-W52', since: '2026-12-07T06:00:00.000Z' });
  t.ok(staffSub.id);
});

t.test('account managers get no matches when ranking is switched off for the Werkplein (F4)', async (t) => {
  const scene = await digestWorld(t);
  const { world, person, openVacancy, subscribe, round, receiver, inject } = scene;
  await subscribe(world.accountManager, { scope: { minMatchScore: 50 } });
  await person();
  await openVacancy({ title: 'Inpakker dagdienst' });
  const before = await scene.digestInject('GET', '/v1/digest-subscriptions', world.accountManager);
  const preview = await scene.digestInject('GET', `/v1/digest-subscriptions/${before.json().items[0].id}/preview`, world.accountManager);
  t.match(preview.json().text, /Nieuwe vacatures met een sterke match in uw caseload/, 'with ranking on, the preview shows the new vacancy');
  t.equal((await inject('PATCH', '/v1/settings', world.admin, { rankingEnabled: false })).statusCode, 200);
  const summary = await round();
  t.match(summary.outcomes, { skipped_empty: 1 });
  t.equal(receiver.messages.length, 0);
});

t.test('a vacancy drafted before the last digest and opened after it is new in the next account manager digest', async (t) => {
  const scene = await digestWorld(t);
  const { world, clock, person, openVacancy, subscribe, round, receiver, inject } = scene;
  // Wednesday 25 November: the subscription, a caseload candidate, and a vacancy that fits them, still a draft.
  await subscribe(world.accountManager, { scope: { minMatchScore: 50 } });
  const candidate = await person();
  const drafted = await openVacancy({ title: 'Inpakker dagdienst', status: 'draft' });
  const staffAddress = await scene.emailOf(world.accountManager);

  // Monday 30 November: the week-49 digest has the fixture's open vacancy, not the draft.
  const first = await round(MONDAY_W49);
  t.match(first.outcomes, { sent: 1 }, 'the week-49 digest went out');
  const firstText = receiver.to(staffAddress)[0]!.parsed.text ?? '';
  t.match(firstText, /Nieuwe vacatures met een sterke match in uw caseload\n- Orderpicker bij Werkgever A B\.V\./);
  t.notOk(firstText.includes('Inpakker dagdienst'), 'a draft is not in a digest');

  // Wednesday 2 December: the draft is opened.
  clock.set(new Date('2026-12-02T10:00:00Z'));
  const opened = await inject('PATCH', `/v1/vacancies/${drafted}`, world.employerRelations, { status: 'open' });
  t.equal(opened.statusCode, 200, opened.body);
  t.equal(opened.json().openedAt, '2026-12-02T10:00:00.000Z');
  t.equal(opened.json().createdAt, '2026-11-25T09:00:00.000Z', 'created before the last digest');

  // Monday 7 December: it is new now, with its match; the vacancy of last week is not repeated.
  const second = await round(new Date('2026-12-07T06:05:00Z'));
  t.match(second.outcomes, { sent: 1 });
  const mails = receiver.to(staffAddress);
  t.equal(mails.length, 2);
  const secondText = mails[1]!.parsed.text ?? '';
  t.match(secondText, /Nieuwe vacatures met een sterke match in uw caseload\n- Inpakker dagdienst bij Werkgever A B\.V\.: \d+ kandida/);
  t.ok(secondText.includes(`${PUBLIC_URL}/bekijk/vacancy/${drafted}`));
  t.ok(secondText.includes(`${candidate.reference} past goed bij Inpakker dagdienst (Werkgever A B.V.)`), 'its strong match with the caseload');
  t.notMatch(secondText, /Orderpicker bij Werkgever A/, 'last week’s new vacancy is not repeated');

  // The week after, nothing is new.
  const third = await round(new Date('2026-12-14T06:05:00Z'));
  t.match(third.outcomes, { skipped_empty: 1 });
});

t.test(
  '16.3 the klantmanager digest shows what needs action: employer answers and drop-outs since the last one, no vacancies without a strong match',
  async (t) => {
    const scene = await digestWorld(t);
    const { world, clock, inject, person, newShortlist, addApproved, openVacancy, receiver, subscribe, round } = scene;
    clock.set(new Date('2026-11-25T09:00:00Z'));
    // 65: the vacancies below score 67 and 62 with this caseload.
    await subscribe(world.accountManager, { scope: { minMatchScore: 65 } });
    const staffAddress = await scene.emailOf(world.accountManager);

    // Two people on a shortlist: the employer invites one and declines the other.
    const invited = await person();
    const declined = await person();
    const list = await newShortlist();
    await addApproved(list, invited.id);
    await addApproved(list, declined.id);
    t.equal((await inject('POST', `/v1/shortlists/${list}/send`)).statusCode, 200);
    const invite = await inject('POST', `/v1/shortlists/${list}/candidates/${invited.id}/feedback`, world.employerA.user, { decision: 'invite' });
    t.ok(invite.statusCode < 300, invite.body);
    const decline = await inject('POST', `/v1/shortlists/${list}/candidates/${declined.id}/feedback`, world.employerA.user, {
      decision: 'decline',
      reasonCode: 'position_filled',
    });
    t.ok(decline.statusCode < 300, decline.body);

    // Someone placed in October drops out; a colleague (the admin) records it.
    const hired = await person();
    const hireList = await newShortlist();
    await addApproved(hireList, hired.id);
    await inject('POST', `/v1/shortlists/${hireList}/send`);
    const placement = await inject('POST', '/v1/placements', undefined, {
      candidateId: hired.id,
      vacancyId: scene.vacancyId,
      shortlistId: hireList,
      startDate: '2026-10-20',
      hoursPerWeek: 24,
      contractType: 'fixed_term',
      contractMonths: 6,
    });
    t.equal(placement.statusCode, 201, placement.body);
    const dropout = await inject('POST', `/v1/placements/${placement.json().id}/follow-ups`, world.admin, {
      monthMark: 1,
      outcome: 'dropped_out',
      dropoutReason: 'health',
      endedOn: '2026-11-20',
    });
    t.equal(dropout.statusCode, 200, dropout.body);

    // Someone placed in late October who is still at work: the employer checks in the next week.
    const working = await person();
    const workingList = await newShortlist();
    await addApproved(workingList, working.id);
    await inject('POST', `/v1/shortlists/${workingList}/send`);
    const workingPlacement = await inject('POST', '/v1/placements', undefined, {
      candidateId: working.id,
      vacancyId: scene.vacancyId,
      shortlistId: workingList,
      startDate: '2026-10-27',
      hoursPerWeek: 24,
      contractType: 'fixed_term',
      contractMonths: 6,
    });
    t.equal(workingPlacement.statusCode, 201, workingPlacement.body);

    // A new vacancy with a strong match in the caseload, and one that fits nobody well.
    const strongOne = await openVacancy({ title: 'Inpakker dagdienst' });
    const weakOne = await openVacancy({
      title: 'Heftruckchauffeur koelcel',
      hoursPerWeek: { min: 36, max: 40 },
      competencies: [
        { label: 'heftruck rijden', importance: 'must' },
        { label: 'werken in de kou', importance: 'must' },
      ],
    });

    const first = await round(MONDAY_W49);
    t.match(first.outcomes, { sent: 1 });
    const text = receiver.to(staffAddress)[0]!.parsed.text ?? '';
    const news = /Nieuw over uw kandidaten: actie nodig\n((- [^\n]+\n)+)/.exec(text);
    t.ok(news, 'the caseload news comes first');
    t.ok(text.indexOf('Nieuw over uw kandidaten') < text.indexOf('Sterke matches'), 'before the matches');
    const lines = news![1]!;
    t.ok(
      lines.includes(
        `Werkgever A B.V. wil kennismaken met ${invited.reference} (Orderpicker). Help het gesprek plannen: ${PUBLIC_URL}/bekijk/shortlist/${list}`,
      ),
    );
    t.ok(
      lines.includes(
        `Werkgever A B.V. zegt nee tegen ${declined.reference} (Orderpicker). Bespreek het met uw kandidaat: ${PUBLIC_URL}/bekijk/shortlist/${list}`,
      ),
    );
    t.ok(
      lines.includes(`${hired.reference} is uitgevallen bij Werkgever A B.V. (Orderpicker) en staat weer actief in uw caseload.`) &&
        lines.includes(`${PUBLIC_URL}/bekijk/placement/${placement.json().id}`),
      'the drop-out, with a link to the placement',
    );
    t.notOk(/health|gezondheid|position_filled/i.test(text), 'no reason codes in the mail');
    t.ok(text.includes(`${PUBLIC_URL}/bekijk/vacancy/${strongOne}`), 'the vacancy with a strong match is there');
    t.notOk(text.includes('Heftruckchauffeur koelcel') || text.includes(weakOne), 'a vacancy without a strong match is noise: left out');
    t.notMatch(text, /waarvan 0 met een sterke match/, 'no "0 met een sterke match"');
    t.notMatch(text, /En nog \d+/, 'no "En nog N andere"');
    const logged = await scene.database.pool.query<{ candidate_ids: string[] }>(
      `select candidate_ids::text[] as candidate_ids from mail_log where tenant_id = $1`,
      [world.tenantId],
    );
    for (const candidate of [invited, declined, hired]) t.ok(logged.rows[0]!.candidate_ids.includes(candidate.id), 'mail_log names the candidates of the news');

    // The next week: what the last digest had is not repeated; a new answer is.
    clock.set(new Date('2026-12-02T10:00:00Z'));
    const hire = await inject('POST', `/v1/shortlists/${list}/candidates/${invited.id}/feedback`, world.employerA.user, { decision: 'hire' });
    t.ok(hire.statusCode < 300, hire.body);
    // The employer's check-in at one month (issue 15.5) reaches the digest: the two answers, never the note.
    const checkIn = await inject('POST', `/v1/placements/${workingPlacement.json().id}/check-ins`, world.employerA.user, {
      monthMark: 1,
      goingWell: 'partly',
      needsSomething: true,
      note: 'Vertrouwelijk: heeft vaak last van zijn rug.',
    });
    t.ok(checkIn.statusCode < 300, checkIn.body);
    const second = await round(new Date('2026-12-07T06:05:00Z'));
    t.match(second.outcomes, { sent: 1 });
    const next = receiver.to(staffAddress)[1]!.parsed.text ?? '';
    t.ok(next.includes(`Werkgever A B.V. neemt ${invited.reference} aan (Orderpicker). Leg de plaatsing vast:`), 'the hire');
    t.ok(
      next.includes(
        `Werkgever A B.V. vertelt na 1 maand over ${working.reference} (Orderpicker): het gaat redelijk, er is iets nodig. Bekijk de plaatsing: ${PUBLIC_URL}/bekijk/placement/${workingPlacement.json().id}`,
      ),
      'the check-in, with its two answers and a link to the placement',
    );
    t.notOk(next.includes('last van zijn rug'), 'the check-in note stays out of the mail');
    t.notOk(next.includes(declined.reference) || next.includes(hired.reference), 'last week’s news is not repeated');
  },
);
