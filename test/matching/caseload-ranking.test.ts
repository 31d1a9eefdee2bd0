import { sql } from 'drizzle-orm';
import t, { type Test } from 'tap';
import { insertSyntheticCandidates } from '../../bench/synthetic-candidates.js';
import { generateVacancies } from '../../bench/synthetic.js';
import type { Executor } from '../../db/client.js';
import * as schema from '../../db/schema/index.js';
import { newId } from '../../src/ids.js';
import { createCaseloadRanking } from '../../src/matching/matching.caseloads.js';
import { createPopulationCache } from '../../src/matching/matching.population.js';
import { rankVacanciesOver, type RankedOver } from '../../src/matching/matching.service.js';
import { DEFAULT_WEIGHTS } from '../../src/matching/weights.js';
import { buildTenant } from '../support/factories.js';
import { createTestDatabase } from '../support/harness.js';

/*
 * Issue 19.5: a digest round ranks the account managers' caseloads once per vacancy over the whole
 * population (matching.caseloads.ts) instead of once per account manager. Its answers and stored
 * runs must be exactly those of rankVacanciesOver over the caseload — totals, order, eligible counts,
 * explanations, inputs hash, stored inputs — also after candidates, a vacancy and the weights change
 * while it keeps its state.
 */

const AT = new Date('2026-11-30T06:05:00Z');

async function scene(t: Test) {
  const database = await createTestDatabase(t);
  const { db } = database;
  const world = await buildTenant(db);
  const { tenantId } = world;
  const managers = [world.accountManager.userId];
  for (let i = 0; i < 3; i++) {
    const id = newId();
    await db
      .insert(schema.users)
      .values({ tenantId, id, email: `km${i}-${id}@test.example`, name: `Klantmanager ${i}`, role: 'account_manager', createdAt: AT });
    managers.push(id);
  }
  await insertSyntheticCandidates({ db, tenantId, count: 240, accountManagerIds: managers, asIntake: true, seed: 19 });
  const locations = [world.employerA, world.employerB];
  const vacancyIds: string[] = [];
  for (const [i, vacancy] of generateVacancies({ count: 24, seed: 5 }).entries()) {
    const { employer, location } = locations[i % 2]!;
    const id = newId();
    vacancyIds.push(id);
    await db.insert(schema.vacancies).values({
      tenantId,
      id,
      employerId: employer.id,
      locationId: location.id,
      title: vacancy.title,
      occupationUri: vacancy.occupationUri,
      hoursMin: vacancy.hoursMin,
      hoursMax: vacancy.hoursMax,
      rampUpFromHours: vacancy.rampUpFromHours,
      shiftPattern: { kind: 'fixed', shifts: vacancy.shifts },
      dayParts: [...new Set(vacancy.shifts.map((shift) => shift.dayPart))],
      weekendWork: false,
      nightWork: false,
      contractType: 'fixed_term',
      positions: 1,
      competencies: vacancy.competencies,
      trainingOffered: [],
      supportOffered: [],
      requiredCredentials: vacancy.requiredCredentials.map((credential) => ({ ...credential, legalGround: 'wettelijk verplicht' })),
      status: 'open',
      openedAt: AT,
      createdAt: AT,
      updatedAt: AT,
    } as never);
  }
  return { database, db, world, tenantId, managers, vacancyIds };
}

/** A stored run as a replay and an audit read it, without its id. */
async function storedRuns(db: Executor, answers: RankedOver[]) {
  const ids = answers.flatMap((answer) => (answer.runId ? [answer.runId] : []));
  if (ids.length === 0) return [];
  const result = await db.execute(sql`
    select r.subject_id, r.kind, r.actor_user_id, r.at, r.matcher_version, r.weights_version, r.weights, r.inputs_hash, r.population, r.eligible, r.results,
           (select json_agg(json_build_object('subject', i.subject_id, 'input', m.input) order by i.subject_id) from match_run_inputs i
              join match_inputs m on m.tenant_id = i.tenant_id and m.subject_id = i.subject_id and m.digest = i.digest
             where i.tenant_id = r.tenant_id and i.run_id = r.id) as inputs
      from match_runs r where r.id = any(${`{${ids.join(',')}}`}::uuid[]) order by r.subject_id`);
  return result.rows;
}

const withoutRunIds = (answers: RankedOver[]) => answers.map(({ runId, ...rest }) => ({ ...rest, recorded: runId !== null }));

for (const over of ['its own population', 'the matching service’s population cache (as Mijn werk)'] as const) {
  t.test(`the shared caseload ranking on ${over} answers and records exactly as rankVacanciesOver, before and after changes`, async (t) => {
    const world = await scene(t);
    const { db, tenantId, managers, vacancyIds } = world;
    const populations = over === 'its own population' ? undefined : createPopulationCache(db);
    const ranking = createCaseloadRanking(db, populations ? { populations } : {});
    t.teardown(() => ranking.clear());

    async function same(label: string) {
      let kept = 0;
      let runs = 0;
      for (const manager of managers) {
        // 70 first and last: the first call of a later round meets the answer kept from the round before (stale unless changes reach it).
        for (const minTotal of [70, 50, 70]) {
          const common = { tenantId, vacancyIds, actorUserId: manager, at: AT, minTotal, record: true };
          // Both in one transaction that is rolled back, so that the runs of one do not pile up under the other.
          await db
            .transaction(async (tx) => {
              const reference = await rankVacanciesOver({ ...common, executor: tx, over: { kind: 'caseload', accountManagerId: manager } });
              const shared = await ranking.rank({ ...common, executor: tx, accountManagerId: manager });
              t.same(withoutRunIds(shared), withoutRunIds(reference), `${label}: answers for ${manager} at ${minTotal}`);
              const [storedReference, storedShared] = [await storedRuns(tx, reference), await storedRuns(tx, shared)];
              t.same(storedShared, storedReference, `${label}: stored runs for ${manager} at ${minTotal}`);
              kept += reference.reduce((sum, answer) => sum + answer.results.length, 0);
              runs += storedReference.length;
              tx.rollback();
            })
            .catch((error: unknown) => {
              if (!(error instanceof Error && error.message.includes('Rollback'))) throw error;
            });
        }
      }
      // The comparison means something only when there is something to compare.
      t.ok(kept > 20 && runs > 10, `${label}: ${kept} strong matches in ${runs} runs compared`);
    }

    await same('first ranking');

    // Candidates change: one moves to another account manager, one leaves the population, one changes profile.
    const members = await db.execute<{ id: string; account_manager_id: string }>(
      sql`select c.id, c.account_manager_id from candidates c join candidate_profiles p on p.tenant_id = c.tenant_id and p.candidate_id = c.id
         where c.tenant_id = ${tenantId} and c.status = 'active' and p.intake_id is not null order by c.id limit 3`,
    );
    const [moved, paused, changed] = members.rows;
    await db.execute(
      sql`update candidates set account_manager_id = ${managers.find((id) => id !== moved!.account_manager_id)!} where tenant_id = ${tenantId} and id = ${moved!.id}`,
    );
    await db.execute(sql`update candidates set status = 'paused' where tenant_id = ${tenantId} and id = ${paused!.id}`);
    await db.execute(
      sql`update candidate_profiles set hours_target = 40, competencies = '[]'::jsonb where tenant_id = ${tenantId} and candidate_id = ${changed!.id}`,
    );
    await db.execute(sql`update candidates set updated_at = now() where tenant_id = ${tenantId} and id = ${changed!.id}`);
    // One more joins the population.
    const [joining] = (
      await db.execute<{ id: string }>(
        sql`select c.id from candidates c join candidate_profiles p on p.tenant_id = c.tenant_id and p.candidate_id = c.id
             where c.tenant_id = ${tenantId} and c.status <> 'active' and p.intake_id is not null and c.account_manager_id is not null order by c.id limit 1`,
      )
    ).rows;
    await db.execute(sql`update candidates set status = 'active' where tenant_id = ${tenantId} and id = ${joining!.id}`);
    await same('after candidates changed');
    if (populations) {
      // On the cache, only the changed candidates were scored again: the caseloads caught up with the population's patches.
      t.same(ranking.stats(), { loads: 1, catchUps: 1 }, 'the caseloads caught up with the patches instead of reading everyone again');
    }

    // A vacancy is edited, and an employer's location moves.
    await db.execute(
      sql`update vacancies set title = 'Orderpicker avond', competencies = '[]'::jsonb where tenant_id = ${tenantId} and id = ${vacancyIds[0]!}`,
    );
    await db.execute(sql`update employer_locations set latitude = latitude + 0.2 where tenant_id = ${tenantId} and id = ${world.world.employerB.location.id}`);
    await same('after vacancies changed');
    // On the cache, the changes were patched in from the change feed: nothing read and compiled anew.
    if (populations) t.equal(populations.lastRefresh()?.kind, 'feed', 'the population after the changes came from the change feed');

    // New weights.
    await db.insert(schema.matchWeights).values({
      tenantId,
      version: 1,
      weights: { ...DEFAULT_WEIGHTS, competencies: DEFAULT_WEIGHTS.competencies + 0.05, motivation: DEFAULT_WEIGHTS.motivation - 0.05 },
      note: 'test',
      createdBy: world.world.admin.userId,
      createdAt: AT,
    } as never);
    await same('after the weights changed');
  });
}
