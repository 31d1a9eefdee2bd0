import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import t from 'tap';
import type { Principal } from '../../src/auth/roles.js';
import { scheduleOf } from '../../src/digests/digests.delivery.js';
import { currentPeriod, followingPeriod } from '../../src/digests/digests.period.js';
import { runDigestRoundInline } from '../../src/digests/digests.round.js';
import { seedDemoHistory } from '../../src/demo/demo-history.js';
import { seedDemo } from '../../src/demo/seed.js';
import { createSmtpMailer } from '../../src/mail/mailer.js';
import { createMatchingService } from '../../src/matching/matching.service.js';
import { renderImpactPage } from '../../src/reports/reports.pages.js';
import { createReportService } from '../../src/reports/reports.service.js';
import { checkProtectedGrounds, pitchWarnings } from '../../src/shortlists/protected-grounds.js';
import { startSmtpReceiver } from '../digests/smtp-receiver.js';
import { createTestDatabase, demoSeed, testLogger } from '../support/harness.js';

/*
 * The demo's seeded history (src/demo/demo-history.ts): shortlists, answers, placements and
 * follow-ups over the past months, through the real services, so that digests and reports have
 * something to show on a fresh demo. Seeded with the real clock, as `npm start` does: the database
 * checks consent against its own clock when a person is shared.
 */

// The demo as `npm test` seeded it once for every test that needs it (test/support/harness.ts
// demoSeed: seedDemo with the real clock, moving on while the seed runs, as in `npm start`).
const database = await createTestDatabase(t, { demo: true });
const db = database.db;
const clock = { now: () => new Date() };
const demo = await demoSeed();
const { tenantId, created } = demo;
const seededAt = new Date(demo.seededAt);

type Count = { n: number };
const count = async (query: ReturnType<typeof sql>) => (await db.execute<Count>(query)).rows[0]!.n;

t.test('the demo has a history: shortlists, answers, placements, follow-ups and consents that end soon', async (t) => {
  t.ok(created, 'a fresh demo');
  const placements = await db.execute<{ status: string; start_date: string; months_back: number }>(sql`
    select status, start_date::text, ((current_date - start_date) / 30.0)::float as months_back from placements where tenant_id = ${tenantId}`);
  t.ok(placements.rows.length >= 8 && placements.rows.length <= 12, `${placements.rows.length} placements`);
  t.ok(
    placements.rows.every((row) => row.months_back >= 0 && row.months_back <= 7.5),
    'starting up to seven months back',
  );
  const ended = placements.rows.filter((row) => row.status === 'ended').length;
  t.ok(ended >= 1 && ended <= 2, `${ended} ended (dropped out)`);

  const followUps = await db.execute<{ outcome: string | null; dropout_reason: string | null; due: boolean; reminded: boolean }>(sql`
    select f.outcome, f.dropout_reason, f.due_on <= current_date as due, f.reminder_sent_at is not null as reminded
      from placement_follow_ups f where f.tenant_id = ${tenantId}`);
  const recorded = followUps.rows.filter((row) => row.outcome !== null);
  t.ok(recorded.length >= 8, `${recorded.length} follow-ups recorded`);
  t.ok(recorded.filter((row) => row.outcome === 'working').length >= 6, 'most still working');
  t.ok(
    recorded.filter((row) => row.outcome === 'dropped_out').every((row) => row.dropout_reason !== null),
    'every drop-out has a structured reason',
  );
  t.ok(
    followUps.rows.some((row) => row.reminded),
    'follow-ups due now are reminded',
  );

  const decisions = await db.execute<{ decision: string; n: number; without_reason: number; flagged: number }>(sql`
    select decision, count(*)::int as n, count(*) filter (where reason_code is null)::int as without_reason,
           count(*) filter (where protected_ground_flag)::int as flagged
      from employer_feedback where tenant_id = ${tenantId} group by decision`);
  const byDecision = new Map(decisions.rows.map((row) => [row.decision, row]));
  for (const decision of ['invite', 'hire', 'decline']) t.ok((byDecision.get(decision)?.n ?? 0) > 0, `feedback: ${decision}`);
  t.equal(byDecision.get('decline')?.without_reason, 0, 'every decline has a structured reason');
  t.ok(
    decisions.rows.every((row) => row.flagged === 0),
    'no feedback points at a protected ground',
  );

  const expiring = await count(sql`
    select count(*)::int as n from candidate_consents where tenant_id = ${tenantId} and purpose = 'share_with_employers'
       and withdrawn_at is null and expires_at > now() and expires_at <= now() + interval '30 days'`);
  t.ok(expiring >= 3, `${expiring} consents to share end within 30 days`);

  // Most employers with a portal user have a shortlist that waits for their answer.
  const waiting = await count(sql`
    select count(distinct s.employer_id)::int as n from shortlists s
      join shortlist_candidates sc on sc.tenant_id = s.tenant_id and sc.shortlist_id = s.id
     where s.tenant_id = ${tenantId} and s.status = 'sent' and sc.shared_at is not null and sc.removed_at is null
       and not exists (select 1 from employer_feedback f where f.tenant_id = sc.tenant_id and f.shortlist_candidate_id = sc.id)`);
  const employerUsers = await count(sql`select count(distinct employer_id)::int as n from users where tenant_id = ${tenantId} and role = 'employer'`);
  t.ok(waiting >= employerUsers * 0.8, `${waiting} of ${employerUsers} employers have candidates waiting for an answer`);
});

t.test('every invariant holds: ranked, consented, approved before shared; hired before placed', async (t) => {
  const entries = await db.execute<{
    source: string;
    match_run_id: string | null;
    approved_at: Date | null;
    shared_at: Date;
    consent_given: Date | null;
    pitch_strengths: string | null;
    pitch_support: string | null;
    pitch_start_plan: string | null;
  }>(sql`
    select sc.source, sc.match_run_id::text, sc.approved_at, sc.shared_at, sc.pitch_strengths, sc.pitch_support, sc.pitch_start_plan,
           (select min(cc.given_at) from candidate_consents cc
             where cc.tenant_id = sc.tenant_id and cc.candidate_id = sc.candidate_id and cc.purpose = 'share_with_employers'
               and cc.given_at <= sc.shared_at and (cc.withdrawn_at is null or cc.withdrawn_at > sc.shared_at)
               and (cc.expires_at is null or cc.expires_at > sc.shared_at)) as consent_given
      from shortlist_candidates sc where sc.tenant_id = ${tenantId} and sc.shared_at is not null`);
  t.ok(entries.rows.length >= 60, `${entries.rows.length} people shared`);
  const bad = entries.rows.filter(
    (row) => !row.approved_at || row.approved_at > row.shared_at || !row.consent_given || row.source !== 'ranking' || !row.match_run_id,
  );
  t.same(bad, [], 'every shared entry: from a ranking run, approved and with an active consent given before it was shared');
  for (const row of entries.rows) {
    const warnings = pitchWarnings([row.pitch_strengths, row.pitch_support, row.pitch_start_plan]);
    if (warnings.length > 0) t.fail(`pitch warning: ${JSON.stringify(warnings)}`);
  }
  const feedbackTexts = await db.execute<{ reason_text: string | null }>(sql`select reason_text from employer_feedback where tenant_id = ${tenantId}`);
  t.ok(
    feedbackTexts.rows.every((row) => !checkProtectedGrounds(row.reason_text).flagged),
    'feedback texts are clean',
  );

  // The people shared rank for the vacancy: they are in the stored run of that vacancy.
  const outOfRun = await count(sql`
    select count(*)::int as n from shortlist_candidates sc
      join shortlists s on s.tenant_id = sc.tenant_id and s.id = sc.shortlist_id
      join match_runs r on r.tenant_id = sc.tenant_id and r.id = sc.match_run_id
     where sc.tenant_id = ${tenantId} and (r.subject_id <> s.vacancy_id or r.at > sc.created_at
       or not exists (select 1 from jsonb_array_elements(r.results) e where e->>'candidateId' = sc.candidate_id::text and (e->>'eligible')::boolean))`);
  t.equal(outOfRun, 0, 'every entry is an eligible person of an earlier ranking of its vacancy');

  const placements = await count(sql`
    select count(*)::int as n from placements p
      left join shortlist_candidates sc on sc.tenant_id = p.tenant_id and sc.id = p.shortlist_candidate_id
     where p.tenant_id = ${tenantId} and (sc.id is null or sc.shared_at > p.created_at
       or not exists (select 1 from employer_feedback f where f.tenant_id = p.tenant_id and f.shortlist_candidate_id = sc.id and f.decision = 'hire' and f.given_at <= p.created_at))`);
  t.equal(placements, 0, 'every placement comes from a shared entry that the employer hired');
  const early = await count(sql`
    select count(*)::int as n from placement_follow_ups f where f.tenant_id = ${tenantId} and f.recorded_at is not null
       and (f.recorded_at at time zone 'Europe/Amsterdam')::date < f.due_on`);
  t.equal(early, 0, 'no follow-up recorded before it was due');
  const future = await count(sql`
    select (select count(*) from shortlist_candidates where tenant_id = ${tenantId} and shared_at > ${seededAt.toISOString()}::timestamptz)::int
         + (select count(*) from employer_feedback where tenant_id = ${tenantId} and given_at > ${seededAt.toISOString()}::timestamptz)::int
         + (select count(*) from placements where tenant_id = ${tenantId} and created_at > ${seededAt.toISOString()}::timestamptz)::int as n`);
  t.equal(future, 0, 'nothing happens after the seed');
  const placedStillActive = await count(sql`
    select count(*)::int as n from placements p join candidates c on c.tenant_id = p.tenant_id and c.id = p.candidate_id
     where p.tenant_id = ${tenantId} and p.status = 'active' and c.status <> 'placed'`);
  t.equal(placedStillActive, 0, 'people in an active placement are placed');
});

t.test('the seed stays idempotent, the history too', async (t) => {
  const tally = () =>
    count(sql`select ((select count(*) from shortlists where tenant_id = ${tenantId}) + (select count(*) from employer_feedback where tenant_id = ${tenantId})
                    + (select count(*) from placements where tenant_id = ${tenantId}) + (select count(*) from match_runs where tenant_id = ${tenantId})
                    + (select count(*) from candidate_consents where tenant_id = ${tenantId}))::int as n`);
  const before = await tally();
  t.same(await seedDemo({ db, clock, logger: testLogger }), { created: false, tenantId }, 'a second seed finds the demo');
  const again = await db.transaction((tx) => seedDemoHistory({ db, tx, tenantId, now: new Date(), logger: testLogger }));
  t.equal(again.shortlists + again.placements + again.feedback + again.expiringConsents, 0, 'the history does not run twice');
  t.equal(await tally(), before, 'nothing was added');
});

t.test('the reports have figures: impact and every fairness stage; the rankings replay', async (t) => {
  const admin = await db.execute<{ id: string }>(sql`select id::text from users where tenant_id = ${tenantId} and role = 'admin' limit 1`);
  const principal: Principal = { tenantId, userId: admin.rows[0]!.id, tokenId: 'test', role: 'admin', employerId: null };
  const reports = createReportService({ db, clock: { now: () => new Date() } });
  const impact = await reports.impact(principal, { groupBy: 'month' }, 'nl');
  t.ok(impact.totals.placements >= 8, `impact: ${impact.totals.placements} placements`);
  t.ok(
    impact.totals.retention.some((mark) => mark.inWork > 0),
    'people still in work at a follow-up',
  );
  t.ok(
    impact.dropoutReasons.some((reason) => reason.count > 0),
    'drop-out reasons',
  );
  t.ok(impact.totals.savings.avoidedBenefit > 0, 'estimated savings');
  // Section 4 (issue 16.4): what lasts, from the placements with a 6-month outcome and the runs behind them.
  const lasting = impact.lasting;
  t.ok(lasting.placements >= 2, `${lasting.placements} placements with a 6-month outcome`);
  t.equal(lasting.withRanking, lasting.placements, 'every demo placement came from a stored ranking run');
  const motivation = lasting.dimensions.find((dimension) => dimension.dimension === 'factor:motivation')!;
  t.equal(motivation.groups.find((group) => group.group === 'unknown')!.placements, 0, 'the factor scores come from the runs');
  t.match(lasting.note, /^Nog maar \d+ plaatsingen met een uitkomst na 6 maanden/, 'too few to judge, said in plain Dutch');
  const html = renderImpactPage(impact, { lang: 'nl', nonce: 'n' });
  t.match(html, /<h2 id="blijvend">Wat voorspelt een blijvende plaatsing\?<\/h2>/);
  t.match(html, /<h3>Score op motivatie<\/h3>/);
  t.match(html, /<h3>Reden van uitval<\/h3>/);
  t.match(html, /Te weinig plaatsingen \(\d+\) om hier iets uit te concluderen/);
  const runs = await db.execute<{ id: string }>(sql`
    select distinct sc.match_run_id::text as id from shortlist_candidates sc where sc.tenant_id = ${tenantId} order by 1 limit 3`);
  for (const run of runs.rows) {
    const replay = await createMatchingService({ db, clock }).replay(principal, run.id);
    t.ok(replay.sameOrder && replay.sameTotals && replay.replayedEntries > 0, `the run behind a shortlist replays (${replay.replayedEntries} entries)`);
  }
  const fairness = await reports.fairness(principal, {}, 'nl');
  const stages = fairness.dimensions[0]!.stages;
  for (const stage of ['ranked_top_k', 'shortlisted', 'invited', 'hired']) {
    t.ok((stages.find((figure) => figure.stage === stage)?.selected ?? 0) > 0, `fairness stage ${stage} has people`);
  }
});

t.test('a digest round in the first period sends every subscriber one mail with their news', async (t) => {
  const receiver = await startSmtpReceiver();
  t.teardown(() => receiver.close());
  const mailer = createSmtpMailer({ url: receiver.url, from: 'Kansrijk <no-reply@kansrijk.example>' });
  t.teardown(() => mailer.close());
  const subscriptions = await db.execute<{
    id: string;
    role: string;
    email: string;
    frequency: string;
    weekday: number | null;
    hour: number;
    timezone: string;
    created_at: Date;
  }>(sql`select s.id::text, u.role, u.email, s.frequency, s.weekday, s.hour, s.timezone, s.created_at
           from digest_subscriptions s join users u on u.tenant_id = s.tenant_id and u.id = s.user_id where s.tenant_id = ${tenantId}`);
  t.equal(subscriptions.rows.length, 33, 'the demo subscriptions');
  // The first period of each subscription: the first whose due instant is not before it was made.
  const firstDue = subscriptions.rows.map((row) => {
    const schedule = scheduleOf(row);
    const period = currentPeriod(schedule, new Date(row.created_at));
    return period.dueAt.getTime() >= new Date(row.created_at).getTime() ? period.dueAt.getTime() : followingPeriod(schedule, period).dueAt.getTime();
  });
  const secret = randomBytes(32).toString('hex');
  const outcomes = new Map<string, string>();
  for (const due of [...new Set(firstDue)].sort((a, b) => a - b)) {
    const at = new Date(due + 5 * 60_000);
    const summary = await runDigestRoundInline(
      { db, mailer, secretKey: secret, publicUrl: 'https://kansrijk.werkplein-demo.example', clock: { now: () => at }, logger: testLogger },
      { now: at },
    );
    for (const result of summary.results.filter((entry) => entry.tenantId === tenantId)) outcomes.set(result.subscriptionId, result.outcome);
  }
  t.equal(outcomes.size, 33, 'every subscription had its first period');
  t.notOk([...outcomes.values()].includes('failed'), 'nothing failed');
  for (const row of subscriptions.rows) {
    const mails = receiver.to(row.email);
    const outcome = outcomes.get(row.id);
    t.equal(mails.length, outcome === 'sent' ? 1 : 0, `${row.role} ${row.email}: ${outcome}, ${mails.length} mail(s)`);
    t.equal(outcome, 'sent', `${row.role} ${row.email} has news`);
  }
  const employerMails = subscriptions.rows.filter((row) => row.role === 'employer').flatMap((row) => receiver.to(row.email));
  const texts = employerMails.map((mail) => mail.parsed.text ?? '');
  t.ok(texts.filter((text) => text.includes('Nieuwe kandidaten voor u')).length >= 20, 'new candidates for most employers');
  t.ok(
    texts.some((text) => text.includes('wachten op uw antwoord') || text.includes('wacht op uw antwoord')),
    'candidates waiting for an answer',
  );
  t.ok(
    texts.some((text) => text.includes('Gesprekken over uw nieuwe medewerkers')),
    'check-ins about new employees',
  );
  const managerTexts = subscriptions.rows
    .filter((row) => row.role === 'account_manager')
    .flatMap((row) => receiver.to(row.email).map((mail) => mail.parsed.text ?? ''));
  t.ok(
    managerTexts.some((text) => text.includes('Nazorg')),
    'follow-ups due for account managers',
  );
  t.ok(managerTexts.filter((text) => text.includes('Toestemmingen die bijna aflopen')).length >= 3, 'consents about to end');
  for (const text of texts) t.notMatch(text, /Demo-\d{3}/, 'no candidate names in an employer digest');
  const relationsTexts = subscriptions.rows
    .filter((row) => row.role === 'employer_relations')
    .flatMap((row) => receiver.to(row.email).map((mail) => mail.parsed.text ?? ''));
  t.ok(
    relationsTexts.length > 0 &&
      relationsTexts.every((text) => text.includes('Groeiplannen: tijd om een groep voor te bereiden') && text.includes('Heftruckchauffeur nieuwe hal')),
    'employer relations staff: a growth plan whose cohort should start',
  );

  // A second round in the same periods sends nothing more.
  const last = new Date(Math.max(...firstDue) + 10 * 60_000);
  const repeat = await runDigestRoundInline(
    { db, mailer, secretKey: secret, publicUrl: 'https://kansrijk.werkplein-demo.example', clock: { now: () => last }, logger: testLogger },
    { now: last },
  );
  t.equal(repeat.outcomes.sent ?? 0, 0, 'exactly once per period');
  t.comment(
    `digest outcomes: ${JSON.stringify(Object.fromEntries([...new Set(outcomes.values())].map((value) => [value, [...outcomes.values()].filter((v) => v === value).length])))}`,
  );
});
