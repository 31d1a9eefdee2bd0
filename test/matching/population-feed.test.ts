import { sql } from 'drizzle-orm';
import t, { type Test } from 'tap';
import { insertSyntheticCandidates } from '../../bench/synthetic-candidates.js';
import { createPopulationCache, type Population } from '../../src/matching/matching.population.js';
import { removeCandidateData } from '../../src/privacy/erasure.js';
import { buildTenant } from '../support/factories.js';
import { createTestDatabase } from '../support/harness.js';

/*
 * Issue 13.10: after one profile change the population cache reads that one row again, named by
 * the change feed (migration 0028), instead of the whole member list, and ends up exactly where a
 * fresh read of the population would be. Versions are given out in commit order, so a change that
 * commits later under a later version is never skipped; a delete (an erasure) names no one, leaves
 * no id in the feed, and makes the cache read the member list again.
 */

type Scene = Awaited<ReturnType<typeof scene>>;

async function scene(t: Test) {
  const database = await createTestDatabase(t);
  const { db } = database;
  const world = await buildTenant(db);
  await insertSyntheticCandidates({ db, tenantId: world.tenantId, count: 120, accountManagerIds: [world.accountManager.userId], asIntake: true, seed: 7 });
  // The ranked ones (active, with an intake and a home point), in id order.
  const ids = [...(await createPopulationCache(db).get(world.tenantId)).byId.keys()].sort();
  return { database, db, tenantId: world.tenantId, ids };
}

/** A change to what the matcher reads, as the services make it: the profile, and the candidate's updated_at. */
async function changeHours({ db, tenantId }: Scene, id: string, hours: number) {
  await db.transaction(async (tx) => {
    await tx.execute(sql`update candidate_profiles set hours_now = ${hours} where tenant_id = ${tenantId} and candidate_id = ${id}`);
    await tx.execute(sql`update candidates set updated_at = now() where tenant_id = ${tenantId} and id = ${id}`);
  });
}

/** The population as a fresh cache reads it: every member's input by id, and the set hash. */
async function freshView(s: Scene) {
  return view(await createPopulationCache(s.db).get(s.tenantId));
}

function view(population: Population) {
  return { hash: population.hash, inputs: Object.fromEntries([...population.candidates].sort((a, b) => (a.id < b.id ? -1 : 1)).map((c) => [c.id, c])) };
}

t.test('one profile change: only that row is read again, and the population is as a fresh read gives it', async (t) => {
  const s = await scene(t);
  const cache = createPopulationCache(s.db);
  const first = await cache.get(s.tenantId);
  t.match(cache.lastRefresh(), { kind: 'full', membersRead: s.ids.length });
  const id = s.ids[17]!;
  const before = first.candidates[first.byId.get(id)!]!.hours.now;

  await changeHours(s, id, before === 30 ? 31 : 30);
  const after = await cache.get(s.tenantId);
  t.same(cache.lastRefresh(), { kind: 'feed', membersRead: 1, upserts: 1, removals: 0 }, 'the feed named one candidate; one member row read');
  t.equal(after.candidates[after.byId.get(id)!]!.hours.now, before === 30 ? 31 : 30, 'the change is in the population');
  t.same(view(after), await freshView(s), 'the same inputs and hash as a fresh read');

  // Leaving (paused) and joining again (appended to the columns) also come through the feed.
  const leaver = s.ids[3]!;
  await s.db.execute(sql`update candidates set status = 'paused', updated_at = now() where tenant_id = ${s.tenantId} and id = ${leaver}`);
  const without = await cache.get(s.tenantId);
  t.same(cache.lastRefresh(), { kind: 'feed', membersRead: 0, upserts: 0, removals: 1 });
  t.notOk(without.byId.has(leaver), 'the paused candidate is no longer ranked');
  t.same(view(without), await freshView(s), 'as a fresh read');
  await s.db.execute(sql`update candidates set status = 'active', updated_at = now() where tenant_id = ${s.tenantId} and id = ${leaver}`);
  const back = await cache.get(s.tenantId);
  t.same(cache.lastRefresh(), { kind: 'feed', membersRead: 1, upserts: 1, removals: 0 });
  t.ok(back.byId.has(leaver), 'ranked again');
  t.same(view(back), await freshView(s), 'as a fresh read');
});

t.test('versions are given out in commit order: a change that commits later is not skipped', async (t) => {
  const s = await scene(t);
  const cache = createPopulationCache(s.db);
  await cache.get(s.tenantId);
  const [a, b] = [s.ids[5]!, s.ids[6]!];
  const first = await s.database.pool.connect();
  const second = await s.database.pool.connect();
  try {
    await first.query('begin');
    await first.query(`update candidate_profiles set hours_now = 33 where tenant_id = $1 and candidate_id = $2`, [s.tenantId, a]);
    await first.query(`update candidates set updated_at = now() where tenant_id = $1 and id = $2`, [s.tenantId, a]);
    await second.query('begin');
    await second.query(`update candidate_profiles set hours_now = 34 where tenant_id = $1 and candidate_id = $2`, [s.tenantId, b]);
    // Waits for the first transaction's version: it cannot take a version before the first commits.
    const waiting = second.query(`update candidates set updated_at = now() where tenant_id = $1 and id = $2`, [s.tenantId, b]);
    await first.query('commit');
    await waiting;

    const seen = await cache.get(s.tenantId);
    t.match(cache.lastRefresh(), { kind: 'feed', upserts: 1 });
    t.equal(seen.candidates[seen.byId.get(a)!]!.hours.now, 33, 'the first change is seen');
    t.not(seen.candidates[seen.byId.get(b)!]!.hours.now, 34, 'the second, not committed yet, is not');

    await second.query('commit');
    const both = await cache.get(s.tenantId);
    t.match(cache.lastRefresh(), { kind: 'feed', upserts: 1 });
    t.equal(both.candidates[both.byId.get(b)!]!.hours.now, 34, 'the second change is seen after its commit');
    t.same(view(both), await freshView(s), 'as a fresh read');
  } finally {
    first.release();
    second.release();
  }
});

t.test('an erasure leaves no id in the feed; the cache reads the member list and drops the person', async (t) => {
  const s = await scene(t);
  const cache = createPopulationCache(s.db);
  await cache.get(s.tenantId);
  const id = s.ids[40]!;
  await changeHours(s, id, 12); // the feed names the person
  await cache.get(s.tenantId);
  t.match(cache.lastRefresh(), { kind: 'feed' });

  await s.db.transaction((tx) => removeCandidateData(tx, { tenantId: s.tenantId, candidateId: id }));
  const left = await s.db.execute<{ n: number }>(
    sql`select count(*)::int as n from matching_population_changes where tenant_id = ${s.tenantId} and candidate_id = ${id}`,
  );
  t.equal(left.rows[0]!.n, 0, 'no row of the feed names the erased person');
  const after = await cache.get(s.tenantId);
  t.match(cache.lastRefresh(), { kind: 'members', membersRead: s.ids.length - 1, removals: 1 }, 'a version without rows: the member list is read');
  t.notOk(after.byId.has(id), 'the erased person is not ranked');
  t.same(view(after), await freshView(s), 'as a fresh read');
});

t.test('a rolled-back change takes no version and leaves no row', async (t) => {
  const s = await scene(t);
  const version = async () =>
    (await s.db.execute<{ v: string }>(sql`select version::text as v from matching_populations where tenant_id = ${s.tenantId}`)).rows[0]!.v;
  const before = await version();
  await s.db
    .transaction(async (tx) => {
      await tx.execute(sql`update candidates set updated_at = now() where tenant_id = ${s.tenantId} and id = ${s.ids[1]!}`);
      throw new Error('rolled back');
    })
    .catch(() => undefined);
  t.equal(await version(), before, 'the version is unchanged');
  await changeHours(s, s.ids[2]!, 20);
  const rows = await s.db.execute<{ version: string; id: string }>(
    sql`select version::text as version, candidate_id as id from matching_population_changes where tenant_id = ${s.tenantId} and version > ${before}::bigint`,
  );
  t.same(rows.rows, [{ version: String(BigInt(before) + 1n), id: s.ids[2]! }], 'the next change takes the next version, with its candidate');
});
