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
  const setClock = clock as ReturnType<typeof fixedClock>;
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
    return { person, vacancyId, shortlistId, placement: created.json() as { id: string } };
  }

  const ranked = async (candidateId: string) => (await matchingRepository(database.db).populationMembers(world.tenantId)).some((member) => member.id === candidateId);

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
    const history = (await inject('GET', `/v1/candidates/${person.id}/history`)).json().items as Array<{ change: string; summary: string | null; fields: string[] }>;
    const dropout = history.find((entry) => entry.change === 'dropout');
    t.ok(dropout, 'the drop-out is in the history');
    t.match(dropout?.summary, /laatste werkdag 2026-11-20\. Reden: kinderopvang\. Weer actief in de caseload\./);
    t.same(dropout?.fields, ['status']);
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
