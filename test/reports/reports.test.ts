import type { StoredRunEntry } from '../../db/schema/matching.js';
import { and, eq } from 'drizzle-orm';
import t from 'tap';
import {
  auditLog,
  candidateAuditAttributes,
  candidates,
  employerFeedback,
  erasureLedger,
  intakes,
  matchRuns,
  placementFollowUps,
  placements,
  shortlistCandidates,
} from '../../db/schema/index.js';
import { newId } from '../../src/ids.js';
import { followUpDueDates } from '../../src/placements/calendar.js';
import { bearer, buildTenant, vacancyBody } from '../support/factories.js';
import { buildTestApp, fixedClock } from '../support/harness.js';

/*
 * The fairness (F6) and impact reports through the API, on a seeded population with known answers:
 * 20 women and 20 men ranked (10 and 15 in the top 25), and 5 more women in the caseload whom no
 * stored ranking page shows (the pool: 25 women, 20 men; rates 0.4 and 0.75: impact ratio 0.533,
 * flagged); shortlisted 5 of 10 and 6 of 15 (exactly 0.8: not flagged); invited 4 of 5 and 3 of 6
 * (too small to judge); hired 2 and 1. Plus people and events that must not count: outside the
 * period, ineligible, unapproved, outside the funnel, not in the matcher's population.
 */

const IN_PERIOD = new Date('2026-11-10T10:00:00Z');
const BEFORE = new Date('2026-10-20T10:00:00Z');

async function reportWorld(t: Parameters<typeof buildTestApp>[0]) {
  const clock = fixedClock(new Date('2026-11-25T09:00:00Z'));
  const { app, database } = await buildTestApp(t, { clock });
  const db = database.db;
  const world = await buildTenant(db, { clock });
  const vacancy = (
    await app.inject({
      method: 'POST',
      url: '/v1/vacancies',
      headers: bearer(world.employerRelations),
      payload: { ...vacancyBody({ employerId: world.employerA.employer.id, locationId: world.employerA.location.id }), status: 'open' },
    })
  ).json();
  const shortlist = (
    await app.inject({ method: 'POST', url: `/v1/vacancies/${vacancy.id}/shortlists`, headers: bearer(world.accountManager), payload: {} })
  ).json();

  let serial = 0;
  async function person(gender: string | null, withRow = true, caseload?: { status: string; intakeAt: Date | null; located: boolean }) {
    const id = newId();
    serial += 1;
    await db.insert(candidates).values({
      tenantId: world.tenantId,
      id,
      reference: `KR-T${String(serial).padStart(4, '0')}`,
      status: caseload?.status ?? 'active',
      postcode4: '5038',
      ...(caseload?.located ? { homeLatitude: 51.56, homeLongitude: 5.08 } : {}),
    });
    if (caseload?.intakeAt) {
      await db.insert(intakes).values({
        tenantId: world.tenantId,
        id: newId(),
        candidateId: id,
        questionnaireVersion: '2',
        answers: {},
        submittedBy: world.accountManager.userId,
        submittedAt: caseload.intakeAt,
      });
    }
    if (withRow) {
      await db.insert(candidateAuditAttributes).values({
        tenantId: world.tenantId,
        candidateId: id,
        gender,
        ageBand: null,
        migrationBackground: null,
        disability: null,
        recordedAt: IN_PERIOD,
        recordedBy: world.admin.userId,
      });
    }
    return id;
  }
  const women: string[] = [];
  const men: string[] = [];
  for (let i = 0; i < 20; i += 1) women.push(await person('female'));
  for (let i = 0; i < 20; i += 1) men.push(await person('male'));
  const others = [await person('other'), await person('other'), await person('other')];
  const unknown = [await person(null), await person(null, false)];
  // In the matcher's population, but on no stored ranking page: in the pool, not selected.
  for (let i = 0; i < 5; i += 1) women.push(await person('female', true, { status: 'active', intakeAt: BEFORE, located: true }));
  // Not in the population: intake after the period, paused, no known home area, no intake at all.
  await person('male', true, { status: 'active', intakeAt: new Date('2026-12-02T10:00:00Z'), located: true });
  await person('male', true, { status: 'paused', intakeAt: BEFORE, located: true });
  await person('male', true, { status: 'active', intakeAt: BEFORE, located: false });
  await person('male', true, { status: 'active', intakeAt: null, located: true });

  const entry = (id: string, rank: number, eligible = true) => ({
    rank,
    candidateId: id,
    total: 90 - rank,
    eligible,
    conditional: false,
    contributions: { competencies: 10 },
  });
  const ordered = [...women.slice(0, 10), ...men.slice(0, 15), ...women.slice(10, 20), ...men.slice(15), ...others, ...unknown];
  const run = (at: Date, results: unknown[], kind: 'vacancy' | 'candidate' = 'vacancy') => ({
    tenantId: world.tenantId,
    id: newId(at.getTime()),
    kind,
    subjectId: kind === 'vacancy' ? vacancy.id : women[0]!,
    actorUserId: world.accountManager.userId,
    at,
    matcherVersion: '1.0.0',
    weightsVersion: 0,
    weights: {},
    inputsHash: 'x',
    population: results.length,
    eligible: results.length,
    // Only what the reports read; a stored run's entries carry more (StoredRunEntry).
    results: results as StoredRunEntry[],
  });
  await db.insert(matchRuns).values([
    run(
      IN_PERIOD,
      ordered.map((id, index) => entry(id, index + 1)),
    ),
    // Rank 3 but not eligible: not a top-k place.
    run(IN_PERIOD, [entry(men[19]!, 3, false)]),
    // Before the period: does not count.
    run(BEFORE, [entry(women[19]!, 1)]),
    // A ranking of vacancies for someone: not a vacancy ranking.
    run(IN_PERIOD, [{ rank: 1, kind: 'vacancy', targetId: vacancy.id, total: 80, eligible: true, conditional: false, contributions: {} }], 'candidate'),
  ]);

  let position = 0;
  async function onShortlist(candidateId: string, approved = true) {
    const id = newId();
    position += 1;
    await db.insert(shortlistCandidates).values({
      tenantId: world.tenantId,
      id,
      shortlistId: shortlist.id,
      candidateId,
      position,
      source: 'ranking',
      ...(approved ? { approvedBy: world.accountManager.userId, approvedAt: IN_PERIOD } : {}),
      createdAt: IN_PERIOD,
      updatedAt: IN_PERIOD,
    });
    return id;
  }
  const feedback = (shortlistCandidateId: string, decision: 'invite' | 'hire' | 'decline') =>
    db
      .insert(employerFeedback)
      .values({ tenantId: world.tenantId, id: newId(), shortlistCandidateId, decision, givenBy: world.employerA.user.userId, givenAt: IN_PERIOD });
  const entries = new Map<string, string>();
  for (const id of [...women.slice(0, 5), ...men.slice(0, 6)]) entries.set(id, await onShortlist(id));
  await onShortlist(men[10]!, false); // on a draft list, never approved
  await onShortlist(women[15]!); // approved, but never in the top 25: outside the funnel
  for (const id of [...women.slice(0, 4), ...men.slice(0, 3)]) await feedback(entries.get(id)!, 'invite');
  await feedback(entries.get(women[0]!)!, 'hire');
  await feedback(entries.get(men[0]!)!, 'hire');
  await feedback(entries.get(women[4]!)!, 'decline');

  // Placements: women[1] (no hire feedback recorded, a placement instead), women[0], men[0].
  const placementIds: string[] = [];
  for (const [candidateId, startDate, endedOn] of [
    [women[0]!, '2026-09-07', null],
    [women[1]!, '2026-09-07', '2026-10-01'],
    [men[0]!, '2026-10-05', null],
  ] as const) {
    const id = newId();
    placementIds.push(id);
    await db.insert(placements).values({
      tenantId: world.tenantId,
      id,
      candidateId,
      vacancyId: vacancy.id,
      employerId: world.employerA.employer.id,
      startDate,
      hoursPerWeek: 36,
      contractType: 'fixed_term',
      contractMonths: 6,
      instrumentsUsed: [],
      status: endedOn ? 'ended' : 'active',
      endedOn,
      createdBy: world.accountManager.userId,
      createdAt: IN_PERIOD,
      updatedAt: IN_PERIOD,
    });
    await db
      .insert(placementFollowUps)
      .values(followUpDueDates(startDate).map(({ monthMark, dueOn }) => ({ tenantId: world.tenantId, id: newId(), placementId: id, monthMark, dueOn })));
  }
  const outcome = (placementId: string, values: { outcome: string; dropoutReason?: string }) =>
    db
      .update(placementFollowUps)
      .set({ outcome: values.outcome, dropoutReason: values.dropoutReason ?? null, recordedAt: IN_PERIOD, recordedBy: world.accountManager.userId })
      .where(and(eq(placementFollowUps.placementId, placementId), eq(placementFollowUps.monthMark, 1)));
  await outcome(placementIds[0]!, { outcome: 'working' });
  await outcome(placementIds[1]!, { outcome: 'dropped_out', dropoutReason: 'travel' });
  // An erased person's placement: only the receipt remembers it.
  await db.insert(erasureLedger).values({
    tenantId: world.tenantId,
    id: newId(),
    candidateId: newId(),
    candidateHash: 'f'.repeat(64),
    erasedAt: IN_PERIOD,
    erasedBy: world.admin.userId,
    reason: 'verzoek',
    receipt: { counts: { postgres: { placements: 1 } } },
  });
  return { app, db, world };
}

t.test('the fairness report gives the known rates, ratios and flags (F6)', async (t) => {
  const { app, db, world } = await reportWorld(t);
  const get = (query: string, as = world.admin, headers: Record<string, string> = {}) =>
    app.inject({ method: 'GET', url: `/v1/reports/fairness${query}`, headers: { ...bearer(as), ...headers } });

  t.equal((await get('?from=2026-11-01&to=2026-11-30', world.accountManager)).statusCode, 403, 'admins only');
  const bad = await get('?from=2026-12-01&to=2026-11-01');
  t.equal(bad.statusCode, 400);
  t.equal(bad.json().code, 'report.invalid_period');
  t.equal((await get('?to=0001-01-01')).statusCode, 400, 'dates outside 2000–2099: 400, never a 5xx');

  const response = await get('?from=2026-11-01&to=2026-11-30');
  t.equal(response.statusCode, 200);
  const report = response.json();
  t.match(report, { from: '2026-11-01', to: '2026-11-30', people: 50, withAttributes: 48, topK: 25, minGroupSize: 10, threshold: 0.8 });
  const gender = report.dimensions.find((dimension: { dimension: string }) => dimension.dimension === 'gender');
  const stage = (name: string) => gender.stages.find((item: { stage: string }) => item.stage === name);
  const group = (name: string, key: string) => stage(name).groups.find((item: { group: string }) => item.group === key);

  t.match(stage('ranked_top_k'), { pool: 50, selected: 25, referenceGroup: 'male' });
  t.match(group('ranked_top_k', 'female'), { pool: 25, selected: 10, rate: 0.4, impactRatio: 0.5333, flagged: true });
  t.match(group('ranked_top_k', 'male'), { pool: 20, selected: 15, rate: 0.75, impactRatio: 1, reference: true });
  t.match(group('ranked_top_k', 'other'), { pool: 3, selected: 0, tooSmall: true, flagged: false });
  t.match(group('ranked_top_k', 'unknown'), { pool: 2, selected: 0, impactRatio: null, flagged: false });

  t.match(stage('shortlisted'), { pool: 25, selected: 11, referenceGroup: 'female' });
  t.match(group('shortlisted', 'female'), { pool: 10, selected: 5, rate: 0.5, impactRatio: 1 });
  t.match(group('shortlisted', 'male'), { pool: 15, selected: 6, rate: 0.4, impactRatio: 0.8, flagged: false });

  t.match(stage('invited'), { pool: 11, selected: 7, referenceGroup: null });
  t.match(group('invited', 'female'), { pool: 5, selected: 4, rate: 0.8, impactRatio: null, tooSmall: true, flagged: false });
  t.match(group('invited', 'male'), { pool: 6, selected: 3, rate: 0.5, tooSmall: true });
  t.match(group('hired', 'female'), { pool: 4, selected: 2 });
  t.match(group('hired', 'male'), { pool: 3, selected: 1 });

  t.same(report.flags, [{ dimension: 'gender', stage: 'ranked_top_k', group: 'female', impactRatio: 0.5333 }]);
  const age = report.dimensions.find((dimension: { dimension: string }) => dimension.dimension === 'ageBand');
  t.match(
    age.stages[0].groups.find((item: { group: string }) => item.group === 'unknown'),
    { pool: 50, impactRatio: null },
  );
  t.ok(report.definitions.length >= 5, 'with its definitions');

  const audited = await db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.tenantId, world.tenantId), eq(auditLog.action, 'report.fairness')));
  t.ok(audited.length >= 1, 'reading the report is audited');
});

t.test('the fairness report as a page with inline SVG charts and a strict CSP', async (t) => {
  const { app, world } = await reportWorld(t);
  const page = await app.inject({ method: 'GET', url: '/v1/reports/fairness?from=2026-11-01&to=2026-11-30&format=html', headers: bearer(world.admin) });
  t.equal(page.statusCode, 200);
  t.match(page.headers['content-type'], /^text\/html/);
  const csp = String(page.headers['content-security-policy']);
  t.match(csp, /default-src 'none'/);
  t.match(csp, /script-src 'none'/);
  t.match(csp, /frame-ancestors 'none'/);
  const nonce = /style-src 'nonce-([^']+)'/.exec(csp)?.[1];
  t.ok(nonce, 'styles only by nonce');
  t.ok(page.body.includes(`<style nonce="${nonce}">`), 'the page’s one stylesheet carries it');
  t.notMatch(page.body, /<script/i, 'no scripts');
  t.notMatch(page.body, /\s(src|href)=/i, 'nothing loaded from anywhere');
  t.notMatch(page.body, /style="/i, 'no inline style attributes (the CSP would block them)');
  t.ok((page.body.match(/<svg/g) ?? []).length >= 16, 'a chart per dimension and stage');
  t.match(page.body, /Eerlijkheid/);
  t.match(page.body, /0,533 ⚠/, 'the flag is in words, not only in colour');
  t.match(page.body, /Te klein om iets over te zeggen/);

  const browser = await app.inject({
    method: 'GET',
    url: '/v1/reports/fairness?from=2026-11-01&to=2026-11-30',
    headers: { ...bearer(world.admin), accept: 'text/html,application/xhtml+xml,*/*;q=0.8', 'accept-language': 'en' },
  });
  t.match(browser.headers['content-type'], /^text\/html/, 'a browser gets the page');
  t.match(browser.body, /Fairness: do all groups/);
  const json = await app.inject({
    method: 'GET',
    url: '/v1/reports/fairness?from=2026-11-01&to=2026-11-30&format=json',
    headers: { ...bearer(world.admin), accept: 'text/html' },
  });
  t.match(json.headers['content-type'], /application\/json/, '?format=json wins');
});

t.test('the impact report: placements, still in work, drop-outs and savings, per period and sector', async (t) => {
  const { app, world } = await reportWorld(t);
  const response = await app.inject({ method: 'GET', url: '/v1/reports/impact?from=2026-09-01&to=2026-11-30', headers: bearer(world.admin) });
  t.equal(response.statusCode, 200);
  const report = response.json();
  t.match(report, { from: '2026-09-01', to: '2026-11-30', groupBy: 'month', erasedPlacements: 1, benefitMonthlyAmount: 1450 });
  t.equal(report.totals.placements, 3);
  // 1 month: working, dropped out, and one due without an outcome; later marks are not yet due, except the drop-out.
  t.match(report.totals.retention, [
    { mark: 1, inWork: 1, notInWork: 1, unknown: 1, notYetDue: 0, rate: 0.5 },
    { mark: 3, inWork: 0, notInWork: 1, unknown: 0, notYetDue: 2, rate: 0 },
    { mark: 6, inWork: 0, notInWork: 1, unknown: 0, notYetDue: 2, rate: 0 },
  ]);
  t.same(report.dropoutReasons, [{ reason: 'travel', label: 'Reizen', count: 1 }]);
  // 6 × 1,450 for each of the two who stay; the one who left within the first month saves nothing.
  t.same(report.totals.savings, { avoidedBenefit: 17400, subsidyCosts: 0, netSavings: 17400, currency: 'EUR' });
  t.same(
    report.byPeriod.map((slice: { key: string; placements: number }) => [slice.key, slice.placements]),
    [
      ['2026-09', 2],
      ['2026-10', 1],
      ['2026-11', 0],
    ],
  );
  t.same(
    report.bySector.map((slice: { key: string; placements: number }) => [slice.key, slice.placements]),
    [['logistics', 3]],
  );
  t.ok(report.assumptions.length >= 4, 'the savings come with their assumptions');
  // What lasts (issue 16.4): the one placement with a 6-month outcome is the drop-out.
  t.match(report.lasting, { mark: 6, placements: 1, inWork: 0, rate: 0, interval: { low: 0, high: 0.7935 } });
  t.match(report.lasting.note, /^Nog maar 1 plaatsing met een uitkomst/);
  t.same(
    report.lasting.dimensions
      .find((dimension: { dimension: string }) => dimension.dimension === 'dropout_reason')
      .groups.map((group: { group: string; placements: number }) => [group.group, group.placements]),
    [
      ['none', 0],
      ['travel', 1],
    ],
  );

  const quarters = (
    await app.inject({ method: 'GET', url: '/v1/reports/impact?from=2026-09-01&to=2026-11-30&groupBy=quarter', headers: bearer(world.admin) })
  ).json();
  t.same(
    quarters.byPeriod.map((slice: { key: string; label: string; placements: number }) => [slice.key, slice.label, slice.placements]),
    [
      ['2026-Q3', 'K3 2026', 2],
      ['2026-Q4', 'K4 2026', 1],
    ],
  );

  const page = await app.inject({
    method: 'GET',
    url: '/v1/reports/impact?from=2026-09-01&to=2026-11-30',
    headers: { ...bearer(world.admin), accept: 'text/html' },
  });
  t.equal(page.statusCode, 200);
  t.match(page.headers['content-type'], /^text\/html/);
  t.match(String(page.headers['content-security-policy']), /default-src 'none'; style-src 'nonce-/);
  t.notMatch(page.body, /<script|\s(src|href)=/i);
  t.ok((page.body.match(/<svg/g) ?? []).length >= 4, 'charts');
  t.match(page.body, /Wat levert het op\?/);
  const headers = [...page.body.matchAll(/<th[^>]*>([^<]*)<\/th>/g)].map((match) => match[1]!.trim());
  t.ok(
    headers.length > 0 && headers.every((header) => header !== ''),
    `every column named (${headers.length} headers${headers.includes('') ? `: ${headers.join(' | ')}` : ''})`,
  );
  t.ok(
    ['Periode', 'Sector', 'Wanneer'].every((header) => headers.includes(header)),
    'the first columns: Periode, Sector, Wanneer',
  );
  t.match(page.body, /Reizen/);
  t.match(page.body, /Wat voorspelt een blijvende plaatsing\?/);
  t.match(page.body, /1 plaatsing van mensen die zijn verwijderd/);
  t.equal((await app.inject({ method: 'GET', url: '/v1/reports/impact', headers: bearer(world.employerRelations) })).statusCode, 403);
  t.equal((await app.inject({ method: 'GET', url: '/v1/reports/impact', headers: bearer(world.admin) })).statusCode, 200, 'the last twelve months by default');
});
