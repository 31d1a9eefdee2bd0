import { and, eq } from 'drizzle-orm';
import t from 'tap';
import { waitFor } from '../support/wait.js';
import { placementFollowUps } from '../../db/schema/index.js';
import { createBoss } from '../../src/jobs/queue.js';
import { markDueFollowUpReminders, PLACEMENT_QUEUES, registerPlacementJobs } from '../../src/placements/placements.jobs.js';
import { createTestDatabase, fixedClock, testLogger } from '../support/harness.js';
import { shortlistWorld } from '../shortlists/fixtures.js';
import { bearer } from '../support/factories.js';

async function hiredWorld(t: Parameters<typeof shortlistWorld>[0], options: Parameters<typeof shortlistWorld>[2] = {}) {
  const scene = await shortlistWorld(t, {}, options);
  const shortlistId = await scene.newShortlist();
  const samira = await scene.person();
  await scene.addApproved(shortlistId, samira.id);
  await scene.inject('POST', `/v1/shortlists/${shortlistId}/send`);
  await scene.inject('POST', `/v1/shortlists/${shortlistId}/candidates/${samira.id}/feedback`, scene.employer, { decision: 'hire' });
  return { ...scene, shortlistId, samira };
}

const placementBody = (candidateId: string, vacancyId: string, extra: Record<string, unknown> = {}) => ({
  candidateId,
  vacancyId,
  startDate: '2027-01-04',
  hoursPerWeek: 24,
  contractType: 'fixed_term',
  contractMonths: 6,
  instrumentsUsed: [
    { code: 'loonkostensubsidie', monthlyAmount: 400 },
    { code: 'jobcoach', oneOffAmount: 1500 },
  ],
  ...extra,
});

t.test('a hire becomes a placement with follow-ups at 1, 3 and 6 months and a savings estimate', async (t) => {
  const scene = await hiredWorld(t);
  const { inject, samira, vacancyId, shortlistId, employer, world } = scene;

  const created = await inject('POST', '/v1/placements', undefined, placementBody(samira.id, vacancyId, { shortlistId }));
  t.equal(created.statusCode, 201, created.body);
  const placement = created.json();
  t.match(placement, { view: 'staff', status: 'active', shortlistId, candidate: { id: samira.id, reference: samira.reference }, hoursPerWeek: 24 });
  t.same(
    placement.followUps.map((followUp: { monthMark: number; dueOn: string; due: boolean }) => [followUp.monthMark, followUp.dueOn, followUp.due]),
    [
      [1, '2027-02-04', false],
      [3, '2027-04-04', false],
      [6, '2027-07-04', false],
    ],
  );
  // 6 months × € 1,450 × 24/36 − (400 × 6 + 1,500) = 5,800 − 3,900.
  t.match(placement.savings, {
    benefitMonthsAvoided: 6,
    benefitMonthlyAmount: 1450,
    avoidedBenefit: 5800,
    subsidyCosts: 3900,
    netSavings: 1900,
    currency: 'EUR',
  });
  t.ok(placement.savings.assumptions.length >= 4, 'with its assumptions');

  const candidate = await inject('GET', `/v1/candidates/${samira.id}`);
  t.equal(candidate.json().status, 'placed', 'the candidate is marked placed');
  const again = await inject('POST', '/v1/placements', undefined, placementBody(samira.id, vacancyId));
  t.equal(again.statusCode, 409, 'a placed candidate cannot be placed again');

  // The employer reads its own placement: the work agreed, nothing about the person's benefit or follow-up.
  const own = await inject('GET', `/v1/placements/${placement.id}`, employer);
  t.equal(own.statusCode, 200);
  t.same(Object.keys(own.json()).sort(), [
    'candidateId',
    'contractMonths',
    'contractType',
    'employer',
    'endedOn',
    'hoursPerWeek',
    'id',
    'instrumentsUsed',
    'startDate',
    'status',
    'vacancy',
    'view',
  ]);
  t.notOk(own.body.includes(samira.contact.familyName));
  t.same(
    (await inject('GET', '/v1/placements', employer)).json().items.map((item: { id: string }) => item.id),
    [placement.id],
  );
  t.equal((await inject('GET', `/v1/placements/${placement.id}`, world.employerB.user)).statusCode, 404);
  t.same((await inject('GET', '/v1/placements', world.employerB.user)).json().items, []);
  t.equal((await inject('GET', `/v1/placements/${placement.id}/follow-ups`, employer)).statusCode, 403, 'follow-ups are for staff');
});

t.test('16.6 with a recorded household the savings follow the ramp-up and the benefit rules, month by month, with sources', async (t) => {
  const scene = await hiredWorld(t);
  const { inject, samira, vacancyId, shortlistId } = scene;
  const created = await inject('POST', '/v1/placements', undefined, placementBody(samira.id, vacancyId, { shortlistId, contractMonths: 12 }));
  t.equal(created.statusCode, 201, created.body);
  const id = created.json().id as string;
  t.match(created.json().savings, { basis: 'average', byMonth: null }, 'no household yet: the average');
  t.match(created.json().savings.assumptions.at(-1), /huishouden is nog niet vastgelegd/);

  const household = await scene.app.inject({
    method: 'PUT',
    url: `/v1/candidates/${samira.id}/household`,
    headers: bearer(scene.staff),
    payload: { situation: 'single', ageGroup: '27_to_pension_age' },
  });
  t.equal(household.statusCode, 200, household.body);
  const savings = (await inject('GET', `/v1/placements/${id}`)).json().savings;
  t.equal(savings.basis, 'rules');
  // The intake's ramp-up plan (16, 24, 32) within the vacancy's ramp-up from 16 and the placement's 24 hours.
  t.same(savings.byMonth.hoursPlan, [
    { fromMonth: 1, hoursPerWeek: 16 },
    { fromMonth: 3, hoursPerWeek: 24 },
  ]);
  t.equal(savings.byMonth.hoursPlanSource, 'candidate_and_vacancy');
  const months = savings.byMonth.months as Array<{
    month: string;
    hoursPerWeek: number;
    incomeAllowance: number;
    avoidedBenefit: number;
    subsidyCosts: number;
    netSavings: number;
  }>;
  t.same(
    months.map((month) => month.month),
    ['2027-01', '2027-02', '2027-03', '2027-04', '2027-05', '2027-06', '2027-07', '2027-08', '2027-09', '2027-10', '2027-11', '2027-12'],
  );
  t.same(
    months.slice(0, 4).map((month) => month.hoursPerWeek),
    [16, 16, 24, 24],
  );
  t.ok(
    months.slice(0, 6).every((month) => month.incomeAllowance > 0) && months.slice(6).every((month) => month.incomeAllowance === 0),
    'six months of income allowance',
  );
  t.ok(months[2]!.avoidedBenefit > months[1]!.avoidedBenefit, 'more hours, more saved');
  t.ok(months[6]!.avoidedBenefit > months[5]!.avoidedBenefit, 'the allowance ends: more saved');
  t.equal(months[0]!.subsidyCosts, 400 + 1500, 'the subsidy and the one-off job coach in the first month');
  t.equal(savings.netSavings, savings.byMonth.totals.netSavings);
  t.equal(savings.netSavings, Math.round(months.reduce((sum, month) => sum + month.netSavings, 0) * 100) / 100);
  t.ok(
    savings.byMonth.assumptions.filter((assumption: { source: { url: string } | null }) => assumption.source?.url.startsWith('https://')).length >= 4,
    'assumptions with their sources',
  );
  t.same(
    savings.byMonth.rulesVersions.map((used: { id: string }) => used.id),
    ['builtin:2026-07-01'],
  );
});

t.test('placements refuse what does not fit', async (t) => {
  const scene = await hiredWorld(t);
  const { inject, person, vacancyId, openVacancy, newShortlist } = scene;
  const stranger = await person();
  const otherVacancy = await openVacancy();
  const wrongShortlist = await inject('POST', '/v1/placements', undefined, placementBody(stranger.id, vacancyId, { shortlistId: scene.shortlistId }));
  t.equal(wrongShortlist.statusCode, 409, 'the candidate was not shared on that shortlist');
  t.equal(wrongShortlist.json().code, 'placement.shortlist_mismatch');
  const otherList = await newShortlist(otherVacancy);
  const mismatch = await inject('POST', '/v1/placements', undefined, placementBody(scene.samira.id, vacancyId, { shortlistId: otherList }));
  t.equal(mismatch.json().code, 'placement.shortlist_mismatch');
  const liv = await inject(
    'POST',
    '/v1/placements',
    undefined,
    placementBody(stranger.id, vacancyId, { instrumentsUsed: [{ code: 'liv', monthlyAmount: 100 }] }),
  );
  t.equal(liv.statusCode, 400, 'the LIV does not exist');
  const direct = await inject(
    'POST',
    '/v1/placements',
    undefined,
    placementBody(stranger.id, otherVacancy, { contractType: 'permanent', contractMonths: undefined, instrumentsUsed: [] }),
  );
  t.equal(direct.statusCode, 201, 'a placement without a shortlist is fine');
  t.equal(direct.json().savings.benefitMonthsAvoided, 12);
});

t.test('follow-ups: structured outcomes; a dropout needs its reason and ends the placement', async (t) => {
  const scene = await hiredWorld(t);
  const { inject, samira, vacancyId } = scene;
  // Started in May: the checks after 1, 3 and 6 months (4 June, 4 August, 4 November) are all open today (25 November 2026).
  const placement = (await inject('POST', '/v1/placements', undefined, placementBody(samira.id, vacancyId, { startDate: '2026-05-04' }))).json();
  const url = `/v1/placements/${placement.id}/follow-ups`;

  const working = await inject('POST', url, undefined, { monthMark: 1, outcome: 'working', note: 'Gaat goed, wil naar 28 uur' });
  t.equal(working.statusCode, 200, working.body);
  t.match(working.json(), { monthMark: 1, outcome: 'working', dropoutReason: null, recordedBy: { id: scene.staff.userId } });

  const noReason = await inject('POST', url, undefined, { monthMark: 3, outcome: 'dropped_out' });
  t.equal(noReason.statusCode, 400);
  t.equal(noReason.json().code, 'placement.dropout_reason');
  const reasonWithoutDropout = await inject('POST', url, undefined, { monthMark: 3, outcome: 'working', dropoutReason: 'health' });
  t.equal(reasonWithoutDropout.statusCode, 400);
  const unknownReason = await inject('POST', url, undefined, { monthMark: 3, outcome: 'dropped_out', dropoutReason: 'lazy' });
  t.equal(unknownReason.statusCode, 400, 'only the fixed reasons');
  const wrongMark = await inject('POST', url, undefined, { monthMark: 2, outcome: 'working' });
  t.equal(wrongMark.statusCode, 400, 'only 1, 3 and 6');

  const beforeStart = await inject('POST', url, undefined, { monthMark: 3, outcome: 'dropped_out', dropoutReason: 'childcare', endedOn: '2026-05-01' });
  t.equal(beforeStart.statusCode, 400);
  t.equal(beforeStart.json().code, 'placement.ended_before_start');
  const dropped = await inject('POST', url, undefined, { monthMark: 3, outcome: 'dropped_out', dropoutReason: 'childcare', endedOn: '2026-07-20' });
  t.equal(dropped.statusCode, 200, dropped.body);
  const after = (await inject('GET', `/v1/placements/${placement.id}`)).json();
  t.match(after, { status: 'ended', endedOn: '2026-07-20', endReason: 'childcare' });
  t.equal(after.savings.benefitMonthsAvoided, 2, 'savings count up to the end');
  t.match(after.savings.assumptions[0], /van de start tot het einde/);
  const list = (await inject('GET', url)).json().items;
  t.same(
    list.map((followUp: { outcome: string | null }) => followUp.outcome),
    ['working', 'dropped_out', null],
  );
});

t.test('the reminder job marks due follow-ups once (idempotent)', async (t) => {
  // The job runs over every Werkplein: a database of this test's own, so that it counts only these.
  const scene = await hiredWorld(t, { database: await createTestDatabase(t, { isolated: true }) });
  const { inject, samira, vacancyId, database } = scene;
  const placement = (await inject('POST', '/v1/placements', undefined, placementBody(samira.id, vacancyId))).json();
  const reminded = async () =>
    (await database.db.select().from(placementFollowUps).where(eq(placementFollowUps.placementId, placement.id)))
      .filter((row) => row.reminderSentAt !== null)
      .map((row) => row.monthMark)
      .sort();

  t.equal(await markDueFollowUpReminders(database.db, new Date('2027-02-03T12:00:00Z')), 0, 'nothing due the day before');
  t.equal(await markDueFollowUpReminders(database.db, new Date('2027-02-04T06:00:00Z')), 1, 'due on the day (Dutch calendar)');
  t.same(await reminded(), [1]);
  t.equal(await markDueFollowUpReminders(database.db, new Date('2027-02-04T07:00:00Z')), 0, 'a second run marks nothing new');
  // A recorded follow-up needs no reminder (its outcome is set, as recording in April would).
  await database.db
    .update(placementFollowUps)
    .set({ outcome: 'working', recordedAt: new Date('2027-04-02T09:00:00Z') })
    .where(and(eq(placementFollowUps.placementId, placement.id), eq(placementFollowUps.monthMark, 3)));
  t.equal(await markDueFollowUpReminders(database.db, new Date('2027-05-01T06:00:00Z')), 0, 'a recorded follow-up needs no reminder');
  t.equal(await markDueFollowUpReminders(database.db, new Date('2027-08-01T06:00:00Z')), 1);
  t.same(await reminded(), [1, 6]);
  const due = (await inject('GET', `/v1/placements/${placement.id}/follow-ups`)).json().items;
  t.ok(due[0].reminderSentAt, 'staff see when the reminder went out');
});

t.test('the reminder queue runs on pg-boss with a daily schedule, and its worker marks due follow-ups', async (t) => {
  const database = await createTestDatabase(t);
  const scene = await hiredWorld(t, { database });
  const placement = (await scene.inject('POST', '/v1/placements', undefined, placementBody(scene.samira.id, scene.vacancyId))).json();

  const boss = createBoss({ url: database.url, logger: testLogger });
  await boss.start();
  t.teardown(() => boss.stop({ graceful: false, close: true }));
  const afterFirstMark = fixedClock(new Date('2027-02-05T06:00:00Z'));
  await registerPlacementJobs(boss, { db: database.db, logger: testLogger, clock: afterFirstMark, runWorkers: true });
  await registerPlacementJobs(boss, { db: database.db, logger: testLogger, clock: afterFirstMark, runWorkers: false });
  const schedules = (await boss.getSchedules()).filter((schedule) => schedule.name === PLACEMENT_QUEUES.followUpReminders);
  t.equal(schedules.length, 1, 'one daily schedule, however often it is registered');
  t.equal(schedules[0]?.timezone, 'Europe/Amsterdam');

  await boss.send(PLACEMENT_QUEUES.followUpReminders, {});
  const marked = await waitFor(
    async () => {
      const rows = (await database.db.select().from(placementFollowUps).where(eq(placementFollowUps.placementId, placement.id)))
        .filter((row) => row.reminderSentAt !== null)
        .map((row) => row.monthMark);
      return rows.length > 0 && rows;
    },
    { what: 'the worker to mark a follow-up', intervalMs: 200 },
  );
  t.same(marked, [1], 'the worker marked the follow-up that is due');
});
