import { sql } from 'drizzle-orm';
import t from 'tap';
import { matchingRepository } from '../../src/matching/matching.repository.js';
import { runRetention } from '../../src/privacy/retention.js';
import { fixedClock } from '../support/harness.js';
import { shortlistWorld } from '../shortlists/fixtures.js';

/*
 * Issue 16: the loop after a placement. One world (one app, one database) for the whole file; each
 * test places people of its own and moves the world's clock, which it puts back afterwards.
 */

const TODAY = new Date('2026-11-25T09:00:00Z');

t.test('outcomes loop', async (t) => {
  const scene = await shortlistWorld(t);
  const { inject, clock, database, world } = scene;
  const setClock = clock;
  t.afterEach(() => setClock.set(TODAY));

  /** A person shared on a shortlist, hired, and placed from `startDate`. */
  async function placed({ startDate = '2026-10-01' }: { startDate?: string } = {}) {
    const vacancyId = await scene.openVacancy();
    const shortlistId = await scene.newShortlist(vacancyId);
    const person = await scene.person();
    await scene.addApproved(shortlistId, person.id);
    await inject('POST', `/v1/shortlists/${shortlistId}/send`);
    await inject('POST', `/v1/shortlists/${shortlistId}/candidates/${person.id}/feedback`, scene.employer, { decision: 'hire' });
    const created = await inject('POST', '/v1/placements', undefined, {
      candidateId: person.id,
      vacancyId,
      shortlistId,
      startDate,
      hoursPerWeek: 24,
      contractType: 'fixed_term',
      contractMonths: 12,
    });
    if (created.statusCode !== 201) throw new Error(`placement fixture failed: ${created.body}`);
    return { person, vacancyId, shortlistId, placement: created.json<{ id: string }>() };
  }

  const ranked = async (candidateId: string) =>
    (await matchingRepository(database.db).populationMembers({ tenantId: world.tenantId })).some((member) => member.id === candidateId);

  t.test('16.1 a drop-out returns the person to the caseload, ranked again, with the reason in the history', async (t) => {
    const { person, placement } = await placed();
    t.equal((await inject('GET', `/v1/candidates/${person.id}`)).json().status, 'placed');
    t.notOk(await ranked(person.id), 'a placed person is not ranked');

    const dropped = await inject('POST', `/v1/placements/${placement.id}/follow-ups`, undefined, {
      monthMark: 1,
      outcome: 'dropped_out',
      dropoutReason: 'childcare',
      endedOn: '2026-11-20',
    });
    t.equal(dropped.statusCode, 200, dropped.body);
    t.match((await inject('GET', `/v1/placements/${placement.id}`)).json(), { status: 'ended', endReason: 'childcare' });

    t.equal((await inject('GET', `/v1/candidates/${person.id}`)).json().status, 'active', 'back to active');
    t.ok(await ranked(person.id), 'back in the ranked population');
    const caseload = (await inject('GET', '/v1/candidates?accountManagerId=me&status=active&limit=100')).json().items.map((item: { id: string }) => item.id);
    t.ok(caseload.includes(person.id), 'back in the caseload of the klantmanager');
    const history = (await inject('GET', `/v1/candidates/${person.id}/history`)).json().items as Array<{
      change: string;
      summary: string | null;
      fields: string[];
    }>;
    const dropout = history.find((entry) => entry.change === 'dropout');
    t.ok(dropout, 'the drop-out is in the history');
    t.match(dropout?.summary, /laatste werkdag 2026-11-20\. Reden: kinderopvang\. Weer actief in de caseload\./);
    t.same(dropout?.fields, ['status']);
  });

  t.test('16.2 follow-ups are an append-only, audited history, open from a few days before they are due', async (t) => {
    const future = await placed({ startDate: '2027-01-04' });
    const early = await inject('POST', `/v1/placements/${future.placement.id}/follow-ups`, undefined, { monthMark: 1, outcome: 'working' });
    t.equal(early.statusCode, 409, 'not before the person has even started');
    t.equal(early.json().code, 'placement.follow_up_not_open');
    t.match(early.json().detail, /vanaf 2027-01-30/);

    const { placement } = await placed({ startDate: '2026-10-25' });
    const url = `/v1/placements/${placement.id}/follow-ups`;
    t.same(
      (await inject('GET', url)).json().items.map((item: { monthMark: number; dueOn: string; opensOn: string }) => [item.monthMark, item.dueOn, item.opensOn]),
      [
        [1, '2026-11-25', '2026-11-20'],
        [3, '2027-01-25', '2027-01-20'],
        [6, '2027-04-25', '2027-04-20'],
      ],
    );
    setClock.set(new Date('2026-11-19T12:00:00Z'));
    t.equal((await inject('POST', url, undefined, { monthMark: 1, outcome: 'working' })).statusCode, 409, 'six days early is too early');
    setClock.set(new Date('2026-11-20T08:00:00Z'));
    const first = await inject('POST', url, undefined, { monthMark: 1, outcome: 'working', note: 'Gaat goed' });
    t.equal(first.statusCode, 200, 'five days early is fine');
    t.equal(
      (await inject('POST', url, undefined, { monthMark: 3, outcome: 'working' })).json().code,
      'placement.follow_up_not_open',
      'the next check is not open yet',
    );

    setClock.set(TODAY);
    const again = await inject('POST', url, undefined, { monthMark: 1, outcome: 'working_fewer_hours' });
    t.equal(again.statusCode, 409, 'a second outcome does not silently replace the first');
    t.equal(again.json().code, 'placement.follow_up_recorded');
    const firstId = first.json().history[0].id as string;
    const stale = await inject('POST', url, undefined, { monthMark: 1, outcome: 'working_fewer_hours', corrects: placement.id });
    t.equal(stale.json().code, 'placement.correction_stale');
    const corrected = await inject('POST', url, undefined, { monthMark: 1, outcome: 'working_fewer_hours', corrects: firstId, note: 'Werkt 16 uur, niet 24' });
    t.equal(corrected.statusCode, 200, corrected.body);
    t.match(corrected.json(), {
      outcome: 'working_fewer_hours',
      history: [
        { id: firstId, outcome: 'working', note: 'Gaat goed', corrects: null, recordedAt: '2026-11-20T08:00:00.000Z', recordedBy: { id: scene.staff.userId } },
        { outcome: 'working_fewer_hours', corrects: firstId, recordedAt: '2026-11-25T09:00:00.000Z' },
      ],
    });
    const audited = await database.db.execute<{ n: number }>(
      sql`select count(*)::int as n from audit_log where tenant_id = ${world.tenantId} and action = 'placement.follow_up' and subject_id = ${placement.id}`,
    );
    t.equal(audited.rows[0]?.n, 2, 'each entry is audited');
    await t.rejects(
      database.db.execute(sql`update placement_follow_up_entries set outcome = 'dropped_out' where id = ${firstId}`),
      'entries cannot be changed afterwards',
    );
  });

  t.test("16.3 an employer answer and a colleague's drop-out reach the klantmanager's inbox at once", async (t) => {
    const vacancyId = await scene.openVacancy();
    const shortlistId = await scene.newShortlist(vacancyId);
    const person = await scene.person();
    await scene.addApproved(shortlistId, person.id);
    await inject('POST', `/v1/shortlists/${shortlistId}/send`);
    const answered = await inject('POST', `/v1/shortlists/${shortlistId}/candidates/${person.id}/feedback`, scene.employer, {
      decision: 'decline',
      reasonCode: 'position_filled',
      reasonText: 'Vacature vervuld',
    });
    t.ok(answered.statusCode < 300, answered.body);
    const inbox = (await inject('GET', '/v1/me/inbox')).json().items as Array<Record<string, unknown>>;
    const answer = inbox.find((item) => item.kind === 'employer_answer' && (item.candidate as { id: string }).id === person.id);
    t.match(answer, { decision: 'decline', vacancy: { id: vacancyId }, shortlistId, candidate: { reference: person.reference } });
    t.notOk(JSON.stringify(inbox).includes('Vacature vervuld'), 'no free text from employers');

    const { placement, person: placedPerson } = await placed();
    await inject('POST', `/v1/placements/${placement.id}/follow-ups`, world.admin, {
      monthMark: 1,
      outcome: 'dropped_out',
      dropoutReason: 'travel',
      endedOn: '2026-11-20',
    });
    const after = (await inject('GET', '/v1/me/inbox')).json().items as Array<Record<string, unknown>>;
    t.match(
      after.find((item) => item.kind === 'dropout'),
      { reasonCode: 'travel', placementId: placement.id, candidate: { id: placedPerson.id } },
      'the drop-out a colleague recorded',
    );
    t.same((await inject('GET', '/v1/me/inbox', scene.employer)).statusCode, 403, 'not for employers');
  });

  t.test('16.1 retention counts from the last follow-up, not from the placement', async (t) => {
    const { person, placement } = await placed({ startDate: '2026-09-18' });
    // Test tokens live 30 days: the clock stays within them.
    setClock.set(new Date('2026-12-20T09:00:00Z'));
    const working = await inject('POST', `/v1/placements/${placement.id}/follow-ups`, undefined, { monthMark: 3, outcome: 'working' });
    t.equal(working.statusCode, 200, working.body);
    const retention = (at: string) => runRetention({ db: database.db, search: null, searchPrefix: '', clock: fixedClock(new Date(at)) });
    // 731 days after the placement, 707 after the follow-up (default term: 730 days).
    await retention('2028-11-26T09:00:00Z');
    t.equal((await inject('GET', `/v1/candidates/${person.id}`)).statusCode, 200, 'still there: the follow-up was activity');
    await retention('2028-12-21T10:00:00Z');
    t.equal((await inject('GET', `/v1/candidates/${person.id}`)).statusCode, 404, 'gone 731 days after the last activity');
  });
});
