import { sql } from 'drizzle-orm';
import type { Db, Executor } from '../../db/client.js';
import type { MatchCandidate, MatchResult, MatchVacancy, SkillGraph } from './matcher.types.js';
import { skillGraph, skillUrisOf, storedVacancyInput, toMatchCandidate, toMatchVacancy, type StoredVacancyInput } from './matching.inputs.js';
import { matchingRepository } from './matching.repository.js';
import { matchCandidate } from './matcher.js';
import { inputDigest, rankedSetHash, recordRuns, type RunRecord } from './matching.runs.js';
import { answerOf, weightsOf, type RankedOver } from './matching.service.js';
import { compileCandidates, compileVacancy, scoreAll, type CandidateColumns } from './ranker.js';
import { sortedInsert, sortedRemove, type Population, type PopulationCache } from './matching.population.js';

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
 * scored again. The population and its account managers are read in one snapshot. On the matching
 * service's population (Mijn werk) a change to some candidates is caught up from the population's
 * patches: only who manages them is read, and only they are scored again for each vacancy (catchUp);
 * at 100k candidates a full read of the managers and a score of every vacancy took about 0.5 s on
 * the first view after any change. The state is per process and dropped when idle (`idleMs`), or by
 * `clear()` at the end of a round.
 *
 * An account manager's answer for a vacancy (who is kept, explained by the reference matcher) is
 * kept with the caseload's set hash it was made from, so that asking again (Mijn werk, issue 14:
 * 2,500 strong matches in a caseload of 25,000) neither explains nor sorts them again; a changed
 * vacancy, employer, location, weights or day, a change to a candidate of that caseload, or a lower
 * floor make a new answer (explanations of candidates whose input is the same object are reused). A
 * change to someone else's candidate leaves it standing. With `recordOnce` (a page, on the pool) an
 * answer already on record for the same actor is not stored again: the call answers with that run's
 * id (see `rank`).
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
  /** Per account manager (id) the answer last given. */
  answers?: Map<string, KeptAnswer>;
};

/**
 * An account manager's answer for one vacancy. It depends on nothing but the vacancy (this entry),
 * the weights, the floor and the inputs of the caseload, which the caseload's set hash covers: while
 * those are the same, so is the answer, whatever else in the population changed.
 */
type KeptAnswer = {
  weightsVersion: number;
  minTotal: number;
  rankedHash: string;
  kept: MatchCandidate[];
  results: MatchResult[];
  eligible: number;
  /** recordOnce: the stored run of this answer per actor, once its statement has succeeded. */
  runs: Map<string, string>;
};

/**
 * One vacancy scored over the population, kept per account manager (index): how many of their
 * candidates are eligible, and those at or above `floor` (id and total).
 */
type Scores = {
  weightsVersion: number;
  weights: RunRecord['weights']['weights'];
  floor: number;
  eligible: Int32Array;
  kept: Array<{ ids: string[]; totals: number[] } | undefined>;
};

type PopulationState = {
  stamp: string;
  /**
   * The matching service's population this state was built on (when shared): it is patched in place
   * after a change, so the state is used only while its stamp is still ours, between awaits; it
   * catches up with the population's patches (catchUp) while the compile is the same (`generation`).
   */
  shared?: Population;
  generation?: number;
  candidates: MatchCandidate[];
  columns: CandidateColumns;
  /** The input digest of a candidate in the population (for the caseloads' set hashes). */
  digestOf: (id: string) => string;
  /** Per candidate id with an account manager the manager's index. */
  managerById: Map<string, number>;
  managerIndex: Map<string, number>;
  /** Per account manager their candidates' ids in ascending order, and (once asked) the set hash of their caseload. */
  caseloads: Array<{ ids: string[]; hash?: string }>;
  /** Per slot the index of its account manager (-1: none), made when a vacancy is scored (slots move with patches). */
  managerOfSlot?: Int32Array;
  vacancies: Map<string, VacancyEntry>;
};

/** A candidate whose input or account manager changed between two stamps, as the caseloads see it. */
type Move = { id: string; before: MatchCandidate | undefined; oldManager: number; after: MatchCandidate | undefined; newManager: number };

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
  /** How often a population was read and arranged in caseloads, and how often one caught up from patches (tests). */
  const counts = { loads: 0, catchUps: 0 };
  const loading = new Map<string, Promise<PopulationState>>();
  let idleTimer: NodeJS.Timeout | undefined;

  function touch() {
    if (idleTimer) clearTimeout(idleTimer);
    idleTimer = setTimeout(() => tenants.clear(), idleMs);
    idleTimer.unref();
  }

  /** Per candidate id its account manager's index, and per account manager their candidates in id order. */
  function caseloadsOf(
    candidates: MatchCandidate[],
    columns: CandidateColumns,
    managers: Array<{ id: string; accountManagerId: string | null }>,
  ): Pick<PopulationState, 'managerById' | 'managerIndex' | 'caseloads'> {
    const managerIndex = new Map<string, number>();
    const caseloads: PopulationState['caseloads'] = [];
    const managerById = new Map<string, number>();
    const managerOf = new Map(managers.map((row) => [row.id, row.accountManagerId]));
    // In candidate id order (idOrder), so that every caseload is in id order too (as caseloadInputs reads it).
    for (let rank = 0; rank < columns.count; rank++) {
      const id = candidates[columns.idOrder[rank]!]!.id;
      const manager = managerOf.get(id);
      if (!manager) continue;
      let index = managerIndex.get(manager);
      if (index === undefined) {
        index = caseloads.length;
        managerIndex.set(manager, index);
        caseloads.push({ ids: [] });
      }
      managerById.set(id, index);
      caseloads[index]!.ids.push(id);
    }
    return { managerById, managerIndex, caseloads };
  }

  /** What the vacancies of an earlier state keep: their inputs and answers (valid by their caseload's hash), not their scores. */
  function carried(previous: PopulationState | undefined): Map<string, VacancyEntry> {
    return new Map([...(previous?.vacancies ?? [])].map(([id, entry]) => [id, { ...entry, scores: undefined }]));
  }

  /**
   * On the shared population: who manages whom is read in one snapshot with the population version,
   * and used only if that is the version of the shared population (else the population is asked again).
   */
  async function loadShared(cache: PopulationCache, tenantId: string, previous: PopulationState | undefined): Promise<PopulationState | undefined> {
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
        generation: shared.generation,
        candidates: shared.candidates,
        columns: shared.columns,
        digestOf: (id) => shared.digestOf(id)!,
        ...caseloadsOf(shared.candidates, shared.columns, managers),
        vacancies: carried(previous),
      };
    }
    return undefined; // changing too fast to meet: read it on our own
  }

  /** The population and who manages whom, read in one snapshot. */
  async function load(tenantId: string, own: boolean, previous: PopulationState | undefined): Promise<PopulationState> {
    counts.loads += 1;
    const shared = populations && !own ? await loadShared(populations, tenantId, previous) : undefined;
    if (shared) return shared;
    return db.transaction(
      async (tx) => {
        const repository = matchingRepository(tx);
        const stamp = await stampOf(tx, tenantId);
        const rows = await repository.population(tenantId);
        const managers = await repository.populationManagers(tenantId);
        const candidates = rows.map(toMatchCandidate);
        const columns = compileCandidates(candidates);
        return {
          stamp,
          candidates,
          columns,
          digestOf: (id: string) => inputDigest(candidates[columns.slotById.get(id)!]!),
          ...caseloadsOf(candidates, columns, managers),
          vacancies: carried(previous),
        };
      },
      { isolationLevel: 'repeatable read', accessMode: 'read only' },
    );
  }

  /**
   * The candidates named by the shared population's patches after `from`, with their input as of
   * `from`; undefined when the patches kept do not reach back that far or one of them cannot tell.
   */
  function changesSince(shared: Population, from: string): Map<string, MatchCandidate | undefined> | undefined {
    const changes = new Map<string, MatchCandidate | undefined>();
    let at = from;
    for (const patch of shared.patches) {
      if (BigInt(patch.stamp) <= BigInt(at)) continue;
      if (patch.from !== at || patch.changes === null) return undefined;
      for (const { id, before } of patch.changes) if (!changes.has(id)) changes.set(id, before);
      at = patch.stamp;
    }
    return at === shared.stamp ? changes : undefined;
  }

  /**
   * Brings a state on the shared population up to the population's stamp from its patches: reads who
   * manages the changed candidates (in one snapshot with the version), moves them between caseloads,
   * and scores only them again for every vacancy scored (a change to one candidate no longer scores
   * every vacancy over everyone). Undefined when it cannot (a new compile, patches not kept): read anew.
   */
  async function catchUp(state: PopulationState, tenantId: string): Promise<PopulationState | undefined> {
    for (let attempt = 0; attempt < 3; attempt++) {
      const shared = await populations!.get(tenantId);
      if (shared !== state.shared || shared.generation !== state.generation) return undefined;
      const through = shared.stamp;
      const changes = changesSince(shared, state.stamp);
      if (!changes) return undefined;
      const { stamp, managers } = await db.transaction(
        async (tx) => ({
          stamp: await stampOf(tx, tenantId),
          managers: changes.size > 0 ? await matchingRepository(tx).populationManagers(tenantId, [...changes.keys()]) : [],
        }),
        { isolationLevel: 'repeatable read', accessMode: 'read only' },
      );
      // The population moved on meanwhile, or was compiled anew: try again (or read anew).
      if (shared.stamp !== through || stamp !== through) continue;
      if (shared.generation !== state.generation) return undefined;
      if (!apply(state, shared, changes, managers)) return undefined;
      counts.catchUps += 1;
      return state;
    }
    return undefined;
  }

  /** The synchronous part of catchUp; false (and nothing changed) when a change cannot be applied. */
  function apply(
    state: PopulationState,
    shared: Population,
    changes: Map<string, MatchCandidate | undefined>,
    managers: Array<{ id: string; accountManagerId: string | null }>,
  ): boolean {
    const managerOf = new Map(managers.map((row) => [row.id, row.accountManagerId]));
    const moves: Move[] = [];
    for (const [id, before] of changes) {
      const oldManager = state.managerById.get(id) ?? -1;
      // A managed candidate was in the population, so the patches know their input before.
      if (oldManager >= 0 && !before) return false;
      const slot = shared.byId.get(id);
      const after = slot === undefined ? undefined : shared.candidates[slot];
      const managerId = after ? managerOf.get(id) : undefined;
      let newManager = -1;
      if (managerId) {
        newManager = state.managerIndex.get(managerId) ?? -1;
        if (newManager < 0) {
          newManager = state.caseloads.length;
          state.managerIndex.set(managerId, newManager);
          state.caseloads.push({ ids: [] });
        }
      }
      moves.push({ id, before, oldManager, after, newManager });
    }
    for (const move of moves) {
      if (move.oldManager >= 0) {
        const caseload = state.caseloads[move.oldManager]!;
        sortedRemove(caseload.ids, move.id);
        caseload.hash = undefined;
        state.managerById.delete(move.id);
      }
      if (move.newManager >= 0) {
        const caseload = state.caseloads[move.newManager]!;
        sortedInsert(caseload.ids, move.id);
        caseload.hash = undefined;
        state.managerById.set(move.id, move.newManager);
      }
    }
    for (const entry of state.vacancies.values()) {
      if (entry.scores) entry.scores = rescored(entry, entry.scores, moves, state.caseloads.length);
    }
    state.managerOfSlot = undefined;
    state.stamp = shared.stamp;
    return true;
  }

  /**
   * Scores with the moved candidates scored again by the reference matcher (the columnar ranker's
   * totals are the reference's): out of their old account manager's counts and list, into the new one's.
   */
  function rescored(entry: VacancyEntry, scores: Scores, moves: Move[], managers: number): Scores {
    const eligible = new Int32Array(managers);
    eligible.set(scores.eligible);
    const kept = Array.from({ length: managers }, (_, manager) => scores.kept[manager]);
    const dropped = new Set(moves.map((move) => move.id));
    const touched = new Set<number>();
    const added: Array<{ manager: number; id: string; total: number }> = [];
    const options = { weights: scores.weights, skills: entry.skills };
    for (const move of moves) {
      if (move.oldManager >= 0) {
        touched.add(move.oldManager);
        if (matchCandidate(entry.vacancy, move.before!, options).eligible) eligible[move.oldManager]! -= 1;
      }
      if (move.newManager >= 0) {
        touched.add(move.newManager);
        const result = matchCandidate(entry.vacancy, move.after!, options);
        if (result.eligible) {
          eligible[move.newManager]! += 1;
          if (result.total >= scores.floor) added.push({ manager: move.newManager, id: move.id, total: result.total });
        }
      }
    }
    for (const manager of touched) {
      const group = { ids: [] as string[], totals: [] as number[] };
      const old = kept[manager];
      old?.ids.forEach((id, at) => {
        if (dropped.has(id)) return;
        group.ids.push(id);
        group.totals.push(old.totals[at]!);
      });
      for (const entry of added) {
        if (entry.manager !== manager) continue;
        group.ids.push(entry.id);
        group.totals.push(entry.total);
      }
      kept[manager] = group;
    }
    return { ...scores, eligible, kept };
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
      const pending = (cached?.shared && !own ? catchUp(cached, tenantId) : Promise.resolve(undefined))
        .then((caught) => caught ?? load(tenantId, own, cached))
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
    const { columns } = state;
    if (!state.managerOfSlot) {
      state.managerOfSlot = new Int32Array(columns.count);
      for (let slot = 0; slot < columns.count; slot++) state.managerOfSlot[slot] = state.managerById.get(columns.ids[slot]!) ?? -1;
    }
    const managerOfSlot = state.managerOfSlot;
    const eligibleCount = new Int32Array(state.caseloads.length);
    const kept: Scores['kept'] = Array.from({ length: state.caseloads.length }, () => ({ ids: [], totals: [] }));
    for (let slot = 0; slot < columns.count; slot++) {
      const manager = managerOfSlot[slot]!;
      if (manager < 0 || eligible[slot] !== 1) continue;
      eligibleCount[manager]! += 1;
      if (totals[slot]! < floor) continue;
      const group = kept[manager]!;
      group.ids.push(columns.ids[slot]!);
      group.totals.push(totals[slot]!);
    }
    return { weightsVersion: weights.version, weights: weights.weights, floor, eligible: eligibleCount, kept };
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

    /** How often a population was read whole, and how often it was caught up from patches. */
    stats: () => ({ ...counts }),

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
      const uris = skillUrisOf(rows);
      const related = await repository.relatedSkills(uris);
      const skills = skillGraph(related);
      const versionOf = new Map(stale.map((row) => [row.id, row.version]));
      for (const row of rows) {
        const vacancy = toMatchVacancy(row, { at });
        state.vacancies.set(row.id, { version: versionOf.get(row.id)!, day, vacancy, stored: storedVacancyInput(vacancy, related), skills });
      }
    }

    // From here until the runs are stored nothing awaits: the state must still be its population's.
    // (The next try catches the state up with the population's patches.)
    if (state.shared && state.shared.stamp !== state.stamp) return undefined;
    const caseload = state.caseloads[manager]!;
    caseload.hash ??= rankedSetHash(caseload.ids.map((id) => ({ id, digest: state.digestOf(id) })));
    const answers: RankedOver[] = [];
    const runs: RunRecord[] = [];
    const recorded: Array<{ kept: KeptAnswer; runId: string }> = [];
    for (const { id } of versions) {
      const entry = state.vacancies.get(id);
      // Gone between the two reads (deleted): rankVacanciesOver would not have found it either.
      if (!entry || entry.day !== day) continue;
      const previous = entry.answers?.get(accountManagerId);
      let known: KeptAnswer | undefined =
        previous && previous.weightsVersion === current.version && previous.minTotal === minTotal && previous.rankedHash === caseload.hash
          ? previous
          : undefined;
      let kept = known?.kept;
      let eligible = 0;
      let explained = known?.results;
      if (!known) {
        if (!entry.scores || entry.scores.weightsVersion !== current.version || entry.scores.floor > minTotal) {
          entry.scores = score(state, entry, current, minTotal);
        }
        const group = entry.scores.kept[manager];
        const slots: Array<{ id: string; total: number }> = [];
        group?.ids.forEach((candidateId, index) => {
          if (group.totals[index]! >= minTotal) slots.push({ id: candidateId, total: group.totals[index]! });
        });
        // Best first; equal totals in candidate id order (as rankTopK).
        slots.sort((a, b) => b.total - a.total || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
        kept = slots.map(({ id: candidateId }) => state.candidates[state.columns.slotById.get(candidateId)!]!);
        eligible = entry.scores.eligible[manager] ?? 0;
        // What the last answer explained for a candidate whose input is the same object (unchanged) stands.
        if (previous && previous.weightsVersion === current.version) {
          const before = new Map(previous.kept.map((candidate, index) => [candidate, previous.results[index]!]));
          explained = kept.map(
            (candidate) => before.get(candidate) ?? matchCandidate(entry.vacancy, candidate, { weights: current.weights, skills: entry.skills }),
          );
        }
      }
      const onRecord = recordOnce ? known?.runs.get(actorUserId) : undefined;
      const { answer, run } = answerOf({
        tenantId,
        vacancy: entry.vacancy,
        stored: entry.stored,
        skills: entry.skills,
        weights: current,
        kept: kept!,
        population: caseload.ids.length,
        eligible: known ? known.eligible : eligible,
        rankedHash: caseload.hash,
        actorUserId,
        at,
        record: record && onRecord === undefined,
        ...(explained ? { explained } : {}),
      });
      if (!known) {
        known = { weightsVersion: current.version, minTotal, rankedHash: caseload.hash, kept: kept!, results: answer.results, eligible, runs: new Map() };
        (entry.answers ??= new Map()).set(accountManagerId, known);
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
