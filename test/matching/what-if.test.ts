import { and, eq, sql } from 'drizzle-orm';
import t from 'tap';
import { auditLog, candidateAuditAttributes } from '../../db/schema/index.js';
import { DEFAULT_WEIGHTS } from '../../src/matching/weights.js';
import { shortlistWorld } from '../shortlists/fixtures.js';
import { createCandidate, intakeV2 } from '../support/factories.js';

/*
 * "What if these weights?" (issue 16.5) with known answers. 28 people ranked for one vacancy: 3
 * women who are very motivated and quick learners but have none of the competencies asked, and 11
 * women and 14 men with both competencies but low motivation and potential. With the default
 * weights the 3 rank on top; with all the weight on competencies they rank 26 to 28, so in the top 25
 * there are 11 of 14 women and 14 of 14 men: impact ratio 11/14 = 0.7857, flagged. One of the 3 is
 * placed later and still works at 6 months, one of the others is placed and drops out.
 */

const COMPETENCIES_ONLY = { competencies: 1, motivation: 0, potential: 0, shifts: 0, hours: 0, travel: 0, workWishes: 0, education: 0 };

t.test('the what-if replays the stored runs with proposed weights: ranks of people placed later, fairness per stage, nothing changes', async (t) => {
  const scene = await shortlistWorld(t);
  const { app, world, clock, inject, staff, database } = scene;
  const db = database.db;

  async function person(kind: 'keen' | 'able', gender: 'female' | 'male') {
    const candidate = await createCandidate(app, staff);
    const answers =
      kind === 'keen'
        ? {
            motivation: { score: 5, evidence: 'Kwam elke afspraak op tijd.' },
            learningAbility: { score: 5, evidence: 'Leerde het kassasysteem in een middag.' },
            competencies: [{ label: 'bloemschikken', level: 3, evidence: 'observed' }],
          }
        : {
            motivation: { score: 1, evidence: 'Twijfelt nog.' },
            learningAbility: { score: 1, evidence: 'Heeft veel uitleg nodig.' },
            competencies: [
              { label: 'orderpicken', level: 3, evidence: 'observed' },
              { label: 'lichamelijk zwaar werk aankunnen', level: 3, evidence: 'observed' },
            ],
          };
    const intake = await inject('POST', `/v1/candidates/${candidate.id}/intakes`, staff, intakeV2(answers));
    if (intake.statusCode !== 201) throw new Error(intake.body);
    const consent = await inject('POST', `/v1/candidates/${candidate.id}/consents`, staff, { purpose: 'share_with_employers', textVersion: '2026-1' });
    if (consent.statusCode !== 201) throw new Error(consent.body);
    await db.insert(candidateAuditAttributes).values({
      tenantId: world.tenantId,
      candidateId: candidate.id,
      gender,
      ageBand: null,
      migrationBackground: null,
      disability: null,
      recordedAt: clock.now(),
      recordedBy: world.admin.userId,
    });
    return candidate.id;
  }
  const keen = [await person('keen', 'female'), await person('keen', 'female'), await person('keen', 'female')];
  const ableWomen: string[] = [];
  for (let i = 0; i < 11; i += 1) ableWomen.push(await person('able', 'female'));
  const men: string[] = [];
  for (let i = 0; i < 14; i += 1) men.push(await person('able', 'male'));

  // Wednesday 25 November 2026: the vacancy is ranked (a stored run of all 28).
  const ranking = await inject('GET', `/v1/vacancies/${scene.vacancyId}/matches?limit=30`);
  t.equal(ranking.statusCode, 200);
  const runId = ranking.json().runId as string;
  const stored = (await inject('GET', `/v1/match-runs/${runId}`)).json().results as Array<{ candidateId: string; rank: number }>;
  t.equal(stored.length, 28, 'everyone is on the stored page');
  const rankOf = (id: string) => stored.find((entry) => entry.candidateId === id)!.rank;
  t.same(keen.map(rankOf).sort(), [1, 2, 3], 'with the default weights the keen ones rank on top');

  // Placed later: one of the keen (still working at 6 months) and one man (drops out after a month).
  async function place(candidateId: string) {
    const shortlistId = await scene.newShortlist();
    await scene.addApproved(shortlistId, candidateId);
    await inject('POST', `/v1/shortlists/${shortlistId}/send`);
    await inject('POST', `/v1/shortlists/${shortlistId}/candidates/${candidateId}/feedback`, world.employerA.user, { decision: 'hire' });
    const placement = await inject('POST', '/v1/placements', undefined, {
      candidateId,
      vacancyId: scene.vacancyId,
      shortlistId,
      startDate: '2026-05-20',
      hoursPerWeek: 24,
      contractType: 'fixed_term',
      contractMonths: 12,
    });
    if (placement.statusCode !== 201) throw new Error(placement.body);
    return placement.json().id as string;
  }
  const lasting = keen[0]!;
  const droppedOut = men[0]!;
  const lastingPlacement = await place(lasting);
  const droppedPlacement = await place(droppedOut);
  // Placed on 25 November with a start in May (recorded late), so that the 6-month follow-up is due now.
  const dropout = await inject('POST', `/v1/placements/${droppedPlacement}/follow-ups`, undefined, {
    monthMark: 1,
    outcome: 'dropped_out',
    dropoutReason: 'travel',
    endedOn: '2026-06-12',
  });
  t.equal(dropout.statusCode, 200, dropout.body);
  const working = await inject('POST', `/v1/placements/${lastingPlacement}/follow-ups`, undefined, { monthMark: 6, outcome: 'working' });
  t.equal(working.statusCode, 200, working.body);

  const count = async (table: 'match_runs' | 'match_weights') =>
    (await db.execute<{ n: number }>(sql`select count(*)::int as n from ${sql.raw(table)} where tenant_id = ${world.tenantId}`)).rows[0]!.n;
  const runsBefore = await count('match_runs');
  const weightsBefore = await count('match_weights');

  // The same weights as the run's: nothing moves, and the fairness figures are the report's.
  const same = await inject('POST', '/v1/matching/weights/what-if', world.admin, { weights: DEFAULT_WEIGHTS, months: 6 });
  t.equal(same.statusCode, 200, same.body);
  const unchanged = same.json();
  t.match(unchanged, { from: '2026-05-25', to: '2026-11-25', runs: 1, runsNotReplayable: 0, saved: false, currentWeights: { version: 0 } });
  t.same(
    unchanged.moves.map((move: Record<string, unknown>) => [move.candidateId, move.outcome, move.rankBefore, move.rankAfter]).sort(),
    [
      [lasting, 'lasting', rankOf(lasting), rankOf(lasting)],
      [droppedOut, 'dropped_out', rankOf(droppedOut), rankOf(droppedOut)],
    ].sort(),
  );
  t.match(unchanged.outcomes, [
    { outcome: 'lasting', people: 1, appearances: 1, meanMove: 0, unchanged: 1 },
    { outcome: 'dropped_out', people: 1, appearances: 1, meanMove: 0, unchanged: 1 },
    { outcome: 'pending', people: 0, appearances: 0, meanMove: null },
  ]);
  const report = (await inject('GET', `/v1/reports/fairness?from=2026-05-25&to=2026-11-25`, world.admin)).json();
  const gender = (
    figures: { dimensions: Array<{ dimension: string; stages: Array<{ stage: string; groups: Array<Record<string, unknown>> }> }> },
    stage: string,
  ) => figures.dimensions.find((dimension) => dimension.dimension === 'gender')!.stages.find((item) => item.stage === stage)!.groups;
  for (const group of gender(unchanged.fairness, 'ranked_top_k')) {
    const inReport = gender(report, 'ranked_top_k').find((item) => item.group === group.group)!;
    t.match(
      group,
      {
        now: { pool: inReport.pool, selected: inReport.selected, impactRatio: inReport.impactRatio },
        proposed: { pool: inReport.pool, selected: inReport.selected },
      },
      `${String(group.group)}: now as in the report, unchanged under the same weights`,
    );
  }

  // All weight on competencies: the keen ones fall to 26–28 and out of the top 25.
  const proposal = await inject('POST', '/v1/matching/weights/what-if', world.admin, { weights: COMPETENCIES_ONLY, months: 6 });
  t.equal(proposal.statusCode, 200, proposal.body);
  const answer = proposal.json();
  const moveOf = (id: string) => answer.moves.find((move: { candidateId: string }) => move.candidateId === id);
  t.ok(
    moveOf(lasting).rankBefore <= 3 && moveOf(lasting).rankAfter >= 26,
    `the one still working at 6 months falls: ${moveOf(lasting).rankBefore} → ${moveOf(lasting).rankAfter}`,
  );
  t.ok(moveOf(droppedOut).rankAfter <= 25 && moveOf(droppedOut).rankAfter < moveOf(droppedOut).rankBefore, 'the one who dropped out rises');
  t.equal(moveOf(lasting).totalAfter < moveOf(droppedOut).totalAfter, true);
  t.match(answer.outcomes[0], { outcome: 'lasting', movedDown: 1, movedUp: 0 });
  t.match(answer.outcomes[1], { outcome: 'dropped_out', movedUp: 1, movedDown: 0, meanMove: 3 });
  const topK = gender(answer.fairness, 'ranked_top_k');
  t.match(
    topK.find((group) => group.group === 'female'),
    { proposed: { pool: 14, selected: 11, impactRatio: 0.7857, flagged: true } },
    '11 of 14 women in the top 25 under the proposal: flagged',
  );
  t.match(
    topK.find((group) => group.group === 'male'),
    { proposed: { pool: 14, selected: 14, impactRatio: 1, flagged: false } },
  );
  t.ok(answer.fairness.flagsProposed >= 1);
  t.match(answer.howToSave, /Er is niets veranderd/);

  // Nothing changed: no run recorded, no weights saved; the question is audited.
  t.equal(await count('match_runs'), runsBefore, 'a what-if records no run');
  t.equal(await count('match_weights'), weightsBefore, 'a what-if saves no weights');
  t.same((await inject('GET', '/v1/matching/weights')).json().weights, DEFAULT_WEIGHTS);
  const audited = await db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.tenantId, world.tenantId), eq(auditLog.action, 'weights.what_if')));
  t.equal(audited.length, 2, 'each question is audited as a read');

  // Admins only; weights that do not add up to 1 are refused with a problem.
  t.equal((await inject('POST', '/v1/matching/weights/what-if', staff, { weights: COMPETENCIES_ONLY })).statusCode, 403);
  const wrong = await inject('POST', '/v1/matching/weights/what-if', world.admin, { weights: { ...COMPETENCIES_ONLY, travel: 0.5 } });
  t.equal(wrong.statusCode, 400);
  t.match(wrong.json(), { code: 'matching.invalid_weights' });
  t.match(wrong.headers['content-type'], /application\/problem\+json/);
});
