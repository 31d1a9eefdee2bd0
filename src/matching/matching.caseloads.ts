import { sql } from 'drizzle-orm';
import type { Db, Executor } from '../../db/client.js';
import type { MatchCandidate, MatchResult, MatchVacancy, SkillGraph } from './matcher.types.js';
import { skillGraph, storedVacancyInput, toMatchCandidate, toMatchVacancy, type StoredVacancyInput } from './matching.inputs.js';
import { matchingRepository } from './matching.repository.js';
import { candidatesHash, recordRuns, type RunRecord } from './matching.runs.js';
import { answerOf, weightsOf, type RankedOver } from './matching.service.js';
import { compileCandidates, compileVacancy, scoreAll, type CandidateColumns } from './ranker.js';
import type { Population, PopulationCache } from './matching.population.js';

/*
 * The caseload rankings of a digest round, shared (issue 19.5). Every account manager's weekly
 * digest ranks their caseload for every vacancy opened that week: 250 account managers × 1,000 new
 * vacancies was 250,000 rankings, each compiling its vacancy anew against a caseload of a hundred,
 * and one stored run per statement. Here each vacancy is compiled once against the whole population
 * (every caseload at once) and scored once (scoreAll); an account manager's digest then only reads
 * its own candidates' totals. The answers are those of rankVacanciesOver over the caseload — the
 * same totals (the columnar ranker scores each pair on its own, whoever else is ranked), the same
 * order (total, then candidate id), the same eligible counts, explanations and stored runs — and the
 * runs of a digest are stored in one statement.
 *
 * Nothing is used stale: every ranking first reads the tenant's population version (raised in the
 * same transaction as any change to candidates, migration 0009), the weights version and the row
 * versions (xmin) of its vacancies with their employer and location; what changed is read and
 * scored again. The population and its account managers are read in one snapshot. The state is
 * per process and dropped when idle (`idleMs`), or by `clear()` at the end of a round.
 *
 * An account manager's answer for a vacancy (who is kept, explained by the reference matcher) is
 * kept with the scores it was read from, so that asking again (Mijn werk, issue 14: 2,500 strong
 * matches in a caseload of 25,000) neither explains nor sorts them again; new scores (a changed
 * vacancy, employer, location, weights or day), a new population (any change to a candidate) or a
 * lower floor make a new answer. With `recordOnce` (a page, on the pool) an answer already on record
 * for the same actor is not stored again: the call answers with that run's id (see `rank`).
 */

type VacancyEntry = {
  /** Row versions of the vacancy, its employer and location: a change to any of them reads it again. */
  version: string;
  /** The UTC day the input was read for: whether a credential can still be obtained depends on it (toMatchVacancy). */
  day: string;
  vacancy: MatchVacancy;
  stored: StoredVacancyInput;
  skills: SkillGraph;
  scores?: Scores;
  /** Per account manager (index) the answer last given from `scores`. */
  answers?: Map<number, KeptAnswer>;
};

/** An account manager's answer for one vacancy: valid while the entry's scores are `scores` and the floor is `minTotal`. */
type KeptAnswer = {
  scores: Scores;
  minTotal: number;
  kept: MatchCandidate[];
  results: MatchResult[];
  /** recordOnce: the stored run of this answer per actor, once its statement has succeeded. */
  runs: Map<string, string>;
};

/**
 * One vacancy scored over the population, kept per account manager: how many of their candidates are
 * eligible, and those at or above `floor` (slot and total), grouped by account manager.
 */
type Scores = { weightsVersion: number; floor: number; eligible: Int32Array; start: Int32Array; slots: Int32Array; totals: Float64Array };

type PopulationState = {
  stamp: string;
  /**
   * The matching service's population this state was built on (when shared): it is patched in place
   * after a change, so the state is used only while its stamp is still ours, between awaits.
   */
  shared?: Population;
  candidates: MatchCandidate[];
  columns: CandidateColumns;
  /** Per slot the index of its account manager (-1: none). */
  managerOfSlot: Int32Array;
  managerIndex: Map<string, number>;
  /** Per account manager their slots in candidate id order, and (once asked) the set hash of their caseload. */
  caseloads: Array<{ slots: number[]; hash?: string }>;
  vacancies: Map<string, VacancyEntry>;
};

export type CaseloadRanking = ReturnType<typeof createCaseloadRanking>;

export function createCaseloadRanking(
  db: Db,
  {
    idleMs = 10 * 60_000,
    recordOnce = false,
    populations,
  }: {
    idleMs?: number;
    /**
     * Record each answer once per actor (REQUIREMENTS F2 holds: what is shown is a stored run, with the
     * same inputs, weights, order and contributions): for a page that shows the same ranking on every
     * view. Only for rankings recorded on the pool, never in a transaction that may roll back.
     */
    recordOnce?: boolean;
    /**
     * Rank over this population cache (the matching service's, kept current by the change feed and
     * patched in place) instead of reading and compiling the population anew after every change: at
     * 100k candidates that took 8–17 s on the first view after any change to any candidate.
     */
    populations?: PopulationCache;
  } = {},
) {
  const tenants = new Map<string, PopulationState>();
  const loading = new Map<string, Promise<PopulationState>>();
  let idleTimer: NodeJS.Timeout | undefined;

  function touch() {
    if (idleTimer) clearTimeout(idleTimer);
    idleTimer = setTimeout(() => tenants.clear(), idleMs);
    idleTimer.unref();
  }

  /** Per slot its account manager's index, and per account manager their slots in candidate id order. */
  function caseloadsOf(candidates: MatchCandidate[], columns: CandidateColumns, managers: Array<{ id: string; accountManagerId: string | null }>) {
    const managerIndex = new Map<string, number>();
    const caseloads: PopulationState['caseloads'] = [];
    const managerOfSlot = new Int32Array(columns.count).fill(-1);
    const managerOf = new Map(managers.map((row) => [row.id, row.accountManagerId]));
    // Slots in candidate id order (idOrder), so that every caseload is in id order too (as caseloadInputs reads it).
    for (let rank = 0; rank < columns.count; rank++) {
      const slot = columns.idOrder[rank]!;
      const manager = managerOf.get(candidates[slot]!.id);
      if (!manager) continue;
      let index = managerIndex.get(manager);
      if (index === undefined) {
        index = caseloads.length;
        managerIndex.set(manager, index);
        caseloads.push({ slots: [] });
      }
      managerOfSlot[slot] = index;
      caseloads[index]!.slots.push(slot);
    }
    return { managerIndex, caseloads, managerOfSlot };
  }

  /**
   * On the shared population: who manages whom is read in one snapshot with the population version,
   * and used only if that is the version of the shared population (else the population is asked again).
   */
  async function loadShared(cache: PopulationCache, tenantId: string): Promise<PopulationState | undefined> {
    for (let attempt = 0; attempt < 3; attempt++) {
      const shared = await cache.get(tenantId);
      const { stamp, managers } = await db.transaction(
        async (tx) => ({ stamp: await stampOf(tx, tenantId), managers: await matchingRepository(tx).populationManagers(tenantId) }),
        { isolationLevel: 'repeatable read', accessMode: 'read only' },
      );
      if (shared.stamp !== stamp) continue;
      return {
        stamp,
        shared,
        candidates: shared.candidates,
        columns: shared.columns,
        ...caseloadsOf(shared.candidates, shared.columns, managers),
        vacancies: new Map(),
      };
    }
    return undefined; // changing too fast to meet: read it on our own
  }

  /** The population and who manages whom, read in one snapshot. */
  async function load(tenantId: string, own: boolean): Promise<PopulationState> {
    const shared = populations && !own ? await loadShared(populations, tenantId) : undefined;
    if (shared) return shared;
    return db.transaction(
      async (tx) => {
        const repository = matchingRepository(tx);
        const stamp = await stampOf(tx, tenantId);
        const rows = await repository.population(tenantId);
        const managers = await repository.populationManagers(tenantId);
        const candidates = rows.map(toMatchCandidate);
        const columns = compileCandidates(candidates);
        return { stamp, candidates, columns, ...caseloadsOf(candidates, columns, managers), vacancies: new Map() };
      },
      { isolationLevel: 'repeatable read', accessMode: 'read only' },
    );
  }

  /** The population at `stamp` or later; concurrent digests share one load. */
  async function population(tenantId: string, stamp: string, own: boolean): Promise<PopulationState> {
    for (;;) {
      const cached = tenants.get(tenantId);
      if (cached && BigInt(cached.stamp) >= BigInt(stamp)) return cached;
      const running = loading.get(tenantId);
      if (running) {
        await running.catch(() => undefined);
        continue;
      }
      const pending = load(tenantId, own)
        .then((state) => {
          tenants.set(tenantId, state);
          return state;
        })
        .finally(() => loading.delete(tenantId));
      loading.set(tenantId, pending);
      return pending;
    }
  }

  /** Scores one vacancy over the whole population and keeps, per account manager, what a digest reads. */
  function score(state: PopulationState, entry: VacancyEntry, weights: { version: number; weights: RunRecord['weights']['weights'] }, floor: number): Scores {
    const { totals, eligible } = scoreAll(compileVacancy(entry.vacancy, entry.skills, state.columns.intern), state.columns, weights.weights);
    const managers = state.caseloads.length;
    const eligibleCount = new Int32Array(managers);
    const start = new Int32Array(managers + 1);
    for (let slot = 0; slot < state.columns.count; slot++) {
      const manager = state.managerOfSlot[slot]!;
      if (manager < 0 || eligible[slot] !== 1) continue;
      eligibleCount[manager]! += 1;
      if (totals[slot]! >= floor) start[manager + 1]! += 1;
    }
    for (let manager = 0; manager < managers; manager++) start[manager + 1]! += start[manager]!;
    const next = start.slice(0, managers);
    const slots = new Int32Array(start[managers]!);
    const kept = new Float64Array(start[managers]!);
    for (let slot = 0; slot < state.columns.count; slot++) {
      const manager = state.managerOfSlot[slot]!;
      if (manager < 0 || eligible[slot] !== 1 || totals[slot]! < floor) continue;
      const at = next[manager]!++;
      slots[at] = slot;
      kept[at] = totals[slot]!;
    }
    return { weightsVersion: weights.version, floor, eligible: eligibleCount, start, slots, totals: kept };
  }

  return {
    /**
     * An account manager's caseload ranked for some vacancies: what rankVacanciesOver answers with
     * `over: { kind: 'caseload' }` (see the comment at the top), runs recorded on `executor`.
     */
    async rank(request: Parameters<typeof rankOnce>[0]): Promise<RankedOver[]> {
      // On a shared population: a change patched in while this call awaited a query makes it start over.
      for (let attempt = 0; ; attempt++) {
        const answers = await rankOnce(request, attempt >= 2);
        if (answers) return answers;
      }
    },

    /** Forgets everything (the end of a round). */
    clear() {
      if (idleTimer) clearTimeout(idleTimer);
      tenants.clear();
    },
  };

  /**
   * One try of `rank`: undefined when the shared population was patched meanwhile (its state is then
   * dropped). `own`: read the population on our own for this call (after two such tries).
   */
  async function rankOnce(
    {
      executor,
      tenantId,
      vacancyIds,
      accountManagerId,
      actorUserId,
      at,
      minTotal,
      record,
    }: {
      executor: Executor;
      tenantId: string;
      vacancyIds: string[];
      accountManagerId: string;
      actorUserId: string;
      at: Date;
      minTotal: number;
      record: boolean;
    },
    own = false,
  ): Promise<RankedOver[] | undefined> {
    touch();
    if (vacancyIds.length === 0) return [];
    const repository = matchingRepository(executor);
    const stamp = await stampOf(executor, tenantId);
    const current = await weightsOf(executor, tenantId);
    const versions = await repository.vacancyVersions({ tenantId, ids: vacancyIds });
    const state = await population(tenantId, stamp, own);
    const manager = state.managerIndex.get(accountManagerId);
    if (versions.length === 0 || manager === undefined) return [];

    const day = at.toISOString().slice(0, 10);
    const stale = versions.filter(({ id, version }) => {
      const entry = state.vacancies.get(id);
      return !entry || entry.version !== version || entry.day !== day;
    });
    if (stale.length > 0) {
      const rows = await repository.vacancyInputs({ tenantId, ids: stale.map((row) => row.id) });
      const uris = [...new Set(rows.flatMap((row) => row.competencies.flatMap((competency) => (competency.skillUri ? [competency.skillUri] : []))))];
      const related = await repository.relatedSkills(uris);
      const skills = skillGraph(related);
      const versionOf = new Map(stale.map((row) => [row.id, row.version]));
      for (const row of rows) {
        const vacancy = toMatchVacancy(row, { at });
        state.vacancies.set(row.id, { version: versionOf.get(row.id)!, day, vacancy, stored: storedVacancyInput(vacancy, related), skills });
      }
    }

    // From here until the runs are stored nothing awaits: the state must still be its population's.
    if (state.shared && state.shared.stamp !== state.stamp) {
      if (tenants.get(tenantId) === state) tenants.delete(tenantId);
      return undefined;
    }
    const caseload = state.caseloads[manager]!;
    caseload.hash ??= candidatesHash(caseload.slots.map((slot) => state.candidates[slot]!));
    const answers: RankedOver[] = [];
    const runs: RunRecord[] = [];
    const recorded: Array<{ kept: KeptAnswer; runId: string }> = [];
    for (const { id } of versions) {
      const entry = state.vacancies.get(id);
      // Gone between the two reads (deleted): rankVacanciesOver would not have found it either.
      if (!entry || entry.day !== day) continue;
      if (!entry.scores || entry.scores.weightsVersion !== current.version || entry.scores.floor > minTotal) {
        entry.scores = score(state, entry, current, minTotal);
      }
      const { scores } = entry;
      let known = entry.answers?.get(manager);
      if (!known || known.scores !== scores || known.minTotal !== minTotal) known = undefined;
      let kept = known?.kept;
      if (!kept) {
        const slots: Array<{ slot: number; total: number }> = [];
        for (let at = scores.start[manager]!; at < scores.start[manager + 1]!; at++) {
          if (scores.totals[at]! >= minTotal) slots.push({ slot: scores.slots[at]!, total: scores.totals[at]! });
        }
        // Best first; equal totals in candidate id order (as rankTopK).
        slots.sort((a, b) => b.total - a.total || state.columns.idRank[a.slot]! - state.columns.idRank[b.slot]!);
        kept = slots.map(({ slot }) => state.candidates[slot]!);
      }
      const onRecord = recordOnce ? known?.runs.get(actorUserId) : undefined;
      const { answer, run } = answerOf({
        tenantId,
        vacancy: entry.vacancy,
        stored: entry.stored,
        skills: entry.skills,
        weights: current,
        kept,
        population: caseload.slots.length,
        eligible: scores.eligible[manager]!,
        rankedHash: caseload.hash,
        actorUserId,
        at,
        record: record && onRecord === undefined,
        ...(known ? { explained: known.results } : {}),
      });
      if (!known) {
        known = { scores, minTotal, kept, results: answer.results, runs: new Map() };
        (entry.answers ??= new Map()).set(manager, known);
      }
      answers.push(record && onRecord !== undefined ? { ...answer, runId: onRecord } : answer);
      if (run) {
        runs.push(run);
        recorded.push({ kept: known, runId: run.id });
      }
    }
    await recordRuns(executor, runs);
    // Stored (on the pool: committed): a later view of the same answer refers to this run.
    if (recordOnce) for (const { kept, runId } of recorded) kept.runs.set(actorUserId, runId);
    return answers;
  }
}

async function stampOf(executor: Executor, tenantId: string): Promise<string> {
  const result = await executor.execute<{ version: string }>(sql`select version::text from matching_populations where tenant_id = ${tenantId}`);
  return result.rows[0]?.version ?? '0';
}
