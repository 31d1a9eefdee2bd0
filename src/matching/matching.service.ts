import { sql } from 'drizzle-orm';
import { sendStartedQueries, type Db, type Executor } from '../../db/client.js';
import { audit, type AuditEntry } from '../audit/audit.js';
import type { Principal } from '../auth/roles.js';
import { candidateProblems } from '../candidates/candidates.errors.js';
import { maySeeSpecialCategory } from '../candidates/candidates.access.js';
import type { Clock } from '../clock.js';
import { newId } from '../ids.js';
import { ProblemError } from '../http/problems.js';
import { readTenantSettings } from '../settings/settings.schemas.js';
import { loadTenantSettings } from '../settings/settings.service.js';
import { vacancyProblems } from '../vacancies/vacancies.errors.js';
import { growthPlanProblems } from '../growth-plans/growth-plans.errors.js';
import { compareMatches, matchCandidate, nearestFit } from './matcher.js';
import { improvementText, seedsRuleWarning, weightProblemText } from './matcher.messages.js';
import type { Lang, MatchCandidate, MatchResult, MatchVacancy, MatchWeights, SkillGraph, SkillLink } from './matcher.types.js';
import { matchingProblems } from './matching.errors.js';
import { MAX_OFFSET } from './matching.schemas.js';
import {
  skillGraph,
  skillUrisOf,
  storedVacancyInput,
  toMatchCandidate,
  toMatchVacancy,
  type StoredVacancyInput,
  type VacancyInputRow,
} from './matching.inputs.js';
import {
  candidateRunEntry,
  candidatesHash,
  isStoredCandidateInput,
  isStoredVacancyInput,
  recordRun,
  recordRuns,
  vacanciesHash,
  vacancyRunEntry,
  type RunRecord,
} from './matching.runs.js';
import { createPopulationCache, type Population } from './matching.population.js';
import { matchingRepository } from './matching.repository.js';
import type { CandidateMatchesView, PairMatchView, UpdateWeightsBody, VacancyMatchesView, WeightsView } from './matching.schemas.js';
import { compileCandidates, compileVacancy, listExcluded, rankOf, rankTopK } from './ranker.js';
import { inputDigest } from './matching.runs.js';
import { breaksSeedsRule, DEFAULT_WEIGHTS, findWeightProblems, MATCHER_VERSION } from './weights.js';
import { instruments } from '../metrics/metrics.js';

/*
 * Ranking for staff (issue 4): a vacancy's candidates, a candidate's open vacancies and growth-plan
 * roles. Every answer is a stored run (REQUIREMENTS F2): who, when, matcher and weights version, a
 * hash of all inputs, the order with every contribution, and the inputs of what was shown, so that
 * a replay reproduces the order. The tenant can switch ranking off (F4); search and manual
 * shortlisting do not depend on it.
 */

type Query = { limit: number; offset: number; show?: 'eligible' | 'excluded' | undefined };

/**
 * Open actions name life domains (health, debts …) and what is being arranged (a bike, childcare):
 * special-category data, for the assigned account manager and admins only (P2). Others see that an
 * action is open, not which.
 */
type Shown = { conditions: Array<{ domain: MatchResult['conditions'][number]['domain'] | null; action: string }>; improvements: string[] };

/** A condition from a barrier's agreed action (special-category context), not a credential to obtain. */
const isBarrierCondition = (condition: MatchResult['conditions'][number]) => condition.domain !== 'credentials';

function hasOpenActions(result: MatchResult): boolean {
  return result.conditions.some(isBarrierCondition) || result.pendingTravel !== null;
}

/** The audit entry of a read of someone's open actions (special-category data, P2), with where it was shown. */
function openActionsRead(principal: Principal, candidateId: string, shownIn: { runId: string } | { vacancyId: string }): AuditEntry {
  return {
    principal,
    action: 'special_category.read',
    subjectType: 'candidate',
    subjectId: candidateId,
    details: { fields: ['barriers.actions'], ...shownIn },
  };
}

function redactConditions(result: MatchResult, lang: Lang): Shown {
  if (!hasOpenActions(result)) return result;
  const barrierConditions = result.conditions.filter(isBarrierCondition);
  const hidden = new Set(barrierConditions.map((condition) => improvementText.completeAction[lang](condition.action)));
  if (result.pendingTravel) hidden.add(improvementText.pendingMode[lang](result.pendingTravel.mode, result.pendingTravel.minutes));
  const generic = lang === 'en' ? 'An agreed action is still open; ask the account manager.' : 'Er staat nog een afspraak open. Vraag het de klantmanager.';
  return {
    conditions: [
      ...(barrierConditions.length > 0 ? [{ domain: null, action: generic }] : []),
      ...result.conditions.filter((condition) => !isBarrierCondition(condition)),
    ],
    improvements: [...result.improvements.filter((text) => !hidden.has(text)), generic],
  };
}

function explanation({ result, visible, lang, fit = null }: { result: MatchResult; visible: boolean; lang: Lang; fit?: string | null }) {
  const shown: Shown = visible ? result : redactConditions(result, lang);
  return {
    eligible: result.eligible,
    exclusions: result.exclusions.map((exclusion) => ({ code: exclusion.code, reason: exclusion.reason })),
    nearestFit: fit,
    total: result.total,
    conditional: result.conditional,
    conditions: shown.conditions.map((condition) => ({ domain: condition.domain, action: condition.action })),
    factors: result.factors,
    competencyPairs: result.competencyPairs,
    reasons: result.reasons,
    improvements: shown.improvements,
    travel: result.travel,
  };
}

/** Version 0 of every tenant's weights: the defaults, never changed. */
const defaultWeightsInUse = (): { version: number; weights: MatchWeights } => ({ version: 0, weights: { ...DEFAULT_WEIGHTS } });

/** The tenant's current weights with their version; version 0 is the defaults. */
export async function weightsOf(executor: Executor, tenantId: string): Promise<{ version: number; weights: MatchWeights }> {
  return (await matchingRepository(executor).weightsInUse(tenantId)) ?? defaultWeightsInUse();
}

/** One vacancy's answer of rankVacanciesOver (and of the digests' caseload ranking, matching.caseloads.ts). */
export type RankedOver = { vacancyId: string; runId: string | null; population: number; eligible: number; results: MatchResult[] };

/**
 * A vacancy's ranked group turned into an answer: the kept candidates (best first) explained by the
 * reference matcher, and with `record` the run to store when any was kept (F2). Shared by
 * rankVacanciesOver and the caseload ranking, so that both store the same runs.
 */
export function answerOf({
  tenantId,
  vacancy,
  stored,
  skills,
  weights,
  kept,
  population,
  eligible,
  rankedHash,
  actorUserId,
  at,
  record,
  explained,
}: {
  tenantId: string;
  vacancy: MatchVacancy;
  stored: StoredVacancyInput;
  skills: SkillGraph;
  weights: { version: number; weights: MatchWeights };
  kept: readonly MatchCandidate[];
  population: number;
  eligible: number;
  rankedHash: string;
  actorUserId: string;
  at: Date;
  record: boolean;
  /** The reference matcher's results for `kept` when the caller already has them (the caseload ranking keeps them): not computed again. */
  explained?: MatchResult[];
}): { answer: RankedOver; run: RunRecord | null } {
  const results = explained ?? kept.map((candidate) => matchCandidate(vacancy, candidate, { weights: weights.weights, skills }));
  let run: RunRecord | null = null;
  if (record && kept.length > 0) {
    run = {
      tenantId,
      id: newId(at.getTime()),
      subjectId: vacancy.id,
      actorUserId,
      at,
      weights,
      inputs: { kind: 'vacancy', subject: stored, shown: kept },
      rankedHash,
      population,
      eligible,
      results: results.map((result, index) => vacancyRunEntry(result, index + 1)),
    };
  }
  return { answer: { vacancyId: vacancy.id, runId: run?.id ?? null, population, eligible, results }, run };
}

/**
 * Ranks a group of candidates for some vacancies on the caller's executor, outside a request:
 * a digest ranks an account manager's caseload for the vacancies opened since the last one, the
 * demo history the whole population at moments in the past (inside the seed's transaction, which
 * the population cache cannot see). Keeps the eligible ones at or above `minTotal`, at most
 * `limit`, best first, explained; with `record`, each vacancy with a kept candidate becomes a run
 * like any other (F2), attributed to `actorUserId` at `at`, all stored in one statement. A digest
 * round shares this work between account managers instead (matching.caseloads.ts): the same answers.
 */
export async function rankVacanciesOver({
  executor,
  tenantId,
  vacancyIds,
  over,
  actorUserId,
  at,
  limit = Number.POSITIVE_INFINITY,
  minTotal = 0,
  record,
}: {
  executor: Executor;
  tenantId: string;
  vacancyIds: string[];
  over: { kind: 'population' } | { kind: 'caseload'; accountManagerId: string };
  actorUserId: string;
  at: Date;
  limit?: number;
  minTotal?: number;
  record: boolean;
}): Promise<RankedOver[]> {
  const repository = matchingRepository(executor);
  // One after the other: the executor may be a transaction, whose one connection runs one query at a time.
  const rows = await repository.vacancyInputs({ tenantId, ids: vacancyIds });
  const candidateRows =
    over.kind === 'population' ? await repository.population(tenantId) : await repository.caseloadInputs({ tenantId, accountManagerId: over.accountManagerId });
  const current = await weightsOf(executor, tenantId);
  if (rows.length === 0 || candidateRows.length === 0) return [];
  const candidates = candidateRows.map(toMatchCandidate);
  const columns = compileCandidates(candidates);
  const uris = skillUrisOf(rows);
  const related = await repository.relatedSkills(uris);
  const skills = skillGraph(related);
  const rankedHash = candidatesHash(candidates);
  const answers: RankedOver[] = [];
  const runs: RunRecord[] = [];
  for (const row of rows) {
    const vacancy = toMatchVacancy(row, { at });
    const top = rankTopK(compileVacancy(vacancy, skills, columns.intern), columns, current.weights, Math.min(limit, candidates.length));
    const kept = top.items.filter((item) => item.total >= minTotal).map((item) => candidates[item.index]!);
    const { answer, run } = answerOf({
      tenantId,
      vacancy,
      stored: storedVacancyInput(vacancy, related),
      skills,
      weights: current,
      kept,
      population: candidates.length,
      eligible: top.eligible,
      rankedHash,
      actorUserId,
      at,
      record,
    });
    answers.push(answer);
    if (run) runs.push(run);
  }
  await recordRuns(executor, runs);
  return answers;
}

export function createMatchingService({ db, clock }: { db: Db; clock: Clock }) {
  const populations = createPopulationCache(db);

  async function requireRanking(principal: Principal) {
    const settings = await loadTenantSettings(db, principal.tenantId);
    if (!settings.rankingEnabled) throw new ProblemError(matchingProblems.ranking_disabled);
  }

  /**
   * Why a candidate is not in the ranked population, as the problem to answer with: not active
   * (paused, placed …), no intake yet, or no known home area. A person's own matches are ranked
   * whatever their status (`status: false`): there only the intake and the home area count.
   */
  async function notRanked(principal: Principal, candidateId: string, { status = true }: { status?: boolean } = {}): Promise<ProblemError> {
    const standing = await matchingRepository(db).rankingStanding({ tenantId: principal.tenantId, id: candidateId });
    if (!standing) return new ProblemError(candidateProblems.not_found);
    if (status && standing.status !== 'active') return new ProblemError(matchingProblems.candidate_not_active, { values: { status: standing.status } });
    if (standing.hasIntake && !standing.hasHome) return new ProblemError(matchingProblems.candidate_no_home);
    return new ProblemError(matchingProblems.candidate_not_ready);
  }

  /**
   * What a ranking over the population needs besides its target, read in one round trip: ranking
   * must be on, then the population (current as of that read) and the weights in use.
   */
  async function rankingContext(principal: Principal): Promise<{ population: Population; stamp: string; version: number; weights: MatchWeights }> {
    const row = await matchingRepository(db).rankingContext(principal.tenantId);
    if (!readTenantSettings(row?.settings).rankingEnabled) throw new ProblemError(matchingProblems.ranking_disabled);
    const stamp = row?.populationVersion ?? '0';
    const population = await populations.get(principal.tenantId, stamp);
    const current = row?.weightsVersion != null && row.weights ? { version: row.weightsVersion, weights: row.weights } : defaultWeightsInUse();
    return { population, stamp, ...current };
  }

  /**
   * One page of a ranking over a population as it is now: who is shown (with their digests), the
   * counts, and what the ranked set was. Synchronous: columns, candidates and hash are one state
   * until the next await (a refresh patches the population in place, between awaits only).
   */
  function rankPage(population: Population, input: StoredVacancyInput, weights: MatchWeights, query: Query) {
    const skills = skillGraph(input.relatedSkills);
    const compiled = compileVacancy(input.vacancy, skills, population.columns.intern);
    // The eligible, best first; or the excluded, closest to fitting first, each with why (and what would fit).
    const excludedOnly = query.show === 'excluded';
    const ranking = instruments.rankingDuration.startTimer({ list: excludedOnly ? 'excluded' : 'ranked' });
    const top = excludedOnly
      ? listExcluded(compiled, population.columns, query.limit, query.offset)
      : rankTopK(compiled, population.columns, weights, query.limit, query.offset);
    ranking();
    const shown = top.items.map((item) => population.candidates[item.index]!);
    return {
      stamp: population.stamp,
      ranked: population.candidates.length,
      rankedHash: population.hash,
      skills,
      excludedOnly,
      top,
      shown,
      // Their digests as the population keeps them, read at the same moment as their inputs.
      shownDigests: shown.map((candidate) => population.digestOf(candidate.id)),
    };
  }

  /**
   * A page ranked, its names being read (sent before the explaining, awaited after) and explained.
   * For an excluded list, also the nearest change that would make each one fit.
   */
  async function rankAndExplain(principal: Principal, population: Population, input: StoredVacancyInput, weights: MatchWeights, query: Query, lang: Lang) {
    const page = rankPage(population, input, weights, query);
    const labels = matchingRepository(db).candidateLabels({ tenantId: principal.tenantId, ids: page.shown.map((candidate) => candidate.id) });
    labels.catch(() => undefined);
    await sendStartedQueries();
    const explained = page.shown.map((candidate) => matchCandidate(input.vacancy, candidate, { weights, skills: page.skills, lang }));
    const fits = page.excludedOnly ? page.shown.map((candidate) => nearestFit(input.vacancy, candidate, { weights, skills: page.skills, lang })) : [];
    return { ...page, labels, explained, fits };
  }

  /**
   * What the last ranking of each target (tenant, kind, id) was computed from, in this process. The
   * next ranking of it is computed from these while its own reads (settings, population version,
   * weights, the target) are under way, and is used only if those reads give exactly the same:
   * the target's input by digest, the weights, and a population at least as new as the version read.
   * Otherwise it is computed again from what was read. A target whose last early ranking was
   * discarded is not ranked early the next time (a tenant with many changes pays at most half).
   */
  type LastRanked = { input: StoredVacancyInput; digest: string; version: number; weights: MatchWeights; discarded: boolean };
  const lastRanked = new Map<string, LastRanked>();
  const LAST_RANKED_KEPT = 1_000;

  /** A vacancy's or role's input as ranked now, from its row and the links of its skills. */
  function vacancyInput(row: VacancyInputRow, related: ReadonlyMap<string, readonly SkillLink[]>): StoredVacancyInput {
    return storedVacancyInput(toMatchVacancy(row, { at: clock.now() }), related);
  }

  /**
   * The ranking of a vacancy or a growth-plan role over the tenant's population (rankForVacancy,
   * rankForGrowthRole), given to `render` while its run and any special-category reads are being
   * stored: what render makes (the answer's body) is handed back only once both are (issue 13.11).
   */
  async function rankTarget<Rendered>({
    principal,
    target,
    query,
    lang,
    render,
  }: {
    principal: Principal;
    target: { kind: 'vacancy' | 'growth_plan_role'; id: string };
    query: Query;
    lang: Lang;
    render: (view: VacancyMatchesView) => Rendered;
  }): Promise<Rendered> {
    const repository = matchingRepository(db);
    const vacancyId = target.id;
    // Independent reads at once: a request's latency is mostly round trips to Postgres.
    const reads = Promise.all([
      rankingContext(principal),
      target.kind === 'vacancy'
        ? repository.vacancyInput({ tenantId: principal.tenantId, id: vacancyId })
        : repository.growthRoleInput({ tenantId: principal.tenantId, id: vacancyId }),
    ]);
    reads.catch(() => undefined);
    // While they are under way: the ranking from what this target's last ranking was computed from.
    const key = `${principal.tenantId}:${target.kind}:${vacancyId}`;
    const last = lastRanked.get(key);
    let early: (Awaited<ReturnType<typeof rankAndExplain>> & { from: LastRanked }) | undefined;
    if (last && !last.discarded) {
      await sendStartedQueries();
      const cached = populations.peek(principal.tenantId);
      if (cached) early = { ...(await rankAndExplain(principal, cached, last.input, last.weights, query, lang)), from: last };
    }

    // Ranking switched off, or the target gone: nothing to rank early from next time either.
    const [{ population, stamp, version, weights }, row] = await reads.catch((error: unknown) => {
      lastRanked.delete(key);
      throw error;
    });
    if (!row) {
      lastRanked.delete(key);
      throw new ProblemError(target.kind === 'vacancy' ? vacancyProblems.not_found : growthPlanProblems.not_found);
    }
    const input = vacancyInput(row, row.related);
    const digest = inputDigest(input);
    const valid =
      early !== undefined &&
      early.from.digest === digest &&
      early.from.version === version &&
      JSON.stringify(early.from.weights) === JSON.stringify(weights) &&
      BigInt(early.stamp) >= BigInt(stamp);
    if (early) instruments.earlyRankings.inc({ outcome: valid ? 'used' : 'discarded' });
    const page = valid ? early! : await rankAndExplain(principal, population, input, weights, query, lang);
    lastRanked.delete(key);
    lastRanked.set(key, { input, digest, version, weights, discarded: early !== undefined && !valid });
    if (lastRanked.size > LAST_RANKED_KEPT) lastRanked.delete(lastRanked.keys().next().value!);
    const { ranked, rankedHash, top, shown, shownDigests, explained, fits, excludedOnly } = page;
    const labelsRead = page.labels;
    const counts = 'eligible' in top ? { eligible: top.eligible, excluded: top.excluded } : { eligible: ranked - top.excluded, excluded: top.excluded };

    const runId = newId(clock.now().getTime());
    const entries = explained.map((result, at) => vacancyRunEntry(result, query.offset + at + 1));
    // The names, read while the page was ranked and explained; who is no longer there is left out.
    const labels = await labelsRead;
    const listed = explained.flatMap((result, at) => {
      const label = labels.get(result.candidateId);
      if (!label) return []; // erased or moved away since the population was read
      const visible = maySeeSpecialCategory(principal, { accountManagerId: label.accountManagerId });
      return [{ result, at, label, visible, openActions: hasOpenActions(result) }];
    });
    // The run is written while the answer is made; the answer is handed back only once it is stored
    // (F2). Open actions of one's own caseload are special-category data: every read is logged (P2),
    // in the run's own statement, so that the run and its reads are stored together or not at all.
    const stored = recordRun(db, {
      tenantId: principal.tenantId,
      id: runId,
      subjectId: vacancyId,
      actorUserId: principal.userId,
      at: clock.now(),
      weights: { version, weights },
      inputs: { kind: 'vacancy', subject: input, subjectDigest: digest, shown, shownDigests },
      rankedHash,
      population: ranked,
      eligible: counts.eligible,
      results: entries,
      logged: listed.filter((entry) => entry.visible && entry.openActions).map((entry) => openActionsRead(principal, entry.result.candidateId, { runId })),
    });
    // Observed at once, so that a failure while the answer is made is not left unhandled.
    stored.catch(() => undefined);
    try {
      // The statement goes out now, so that PostgreSQL stores the run while the answer is made, not after.
      await sendStartedQueries();
      const through = query.offset + top.items.length;
      const items = listed.map(({ result, at, label, visible }) => ({
        rank: entries[at]!.rank,
        candidate: {
          id: result.candidateId,
          reference: label.reference,
          name: label.name,
          accountManager: label.accountManagerId && label.accountManagerName ? { id: label.accountManagerId, name: label.accountManagerName } : null,
        },
        ...explanation({ result, visible, lang, fit: fits[at] ?? null }),
      }));
      const rendered = render({
        runId,
        vacancyId,
        matcherVersion: MATCHER_VERSION,
        weightsVersion: version,
        population: ranked,
        eligible: counts.eligible,
        excluded: counts.excluded,
        ...('byReason' in top ? { excludedByReason: top.byReason } : {}),
        items,
        nextOffset: through < (excludedOnly ? counts.excluded : counts.eligible) && top.items.length === query.limit && through <= MAX_OFFSET ? through : null,
      });
      await stored;
      return rendered;
    } catch (error) {
      // Nothing is answered before the write has ended, failed or not.
      await stored.catch(() => undefined);
      throw error;
    }
  }

  return {
    /** The tenants' ranked populations, kept current in place (shared with Mijn werk's caseload ranking). */
    populations,

    /**
     * Reads and compiles every tenant's population ahead of the first ranking (seconds at 100k
     * candidates): the server calls it after it starts listening.
     */
    async warm(): Promise<number> {
      const result = await db.execute<{ id: string }>(sql`select id from tenants order by id`);
      for (const tenant of result.rows) await populations.get(tenant.id);
      return result.rows.length;
    },

    rankVacanciesOver,

    /**
     * Ranks the tenant's active candidates for a vacancy; the page shown is stored as a run. With
     * `render` (the API's serializer), the answer is made while the run is stored, and what render
     * made is handed back once it is; without, the view itself.
     */
    async rankForVacancy<Rendered = VacancyMatchesView>({
      principal,
      vacancyId,
      query,
      lang,
      render = (view) => view as Rendered,
    }: {
      principal: Principal;
      vacancyId: string;
      query: Query;
      lang: Lang;
      render?: (view: VacancyMatchesView) => Rendered;
    }): Promise<Rendered> {
      return rankTarget({ principal, target: { kind: 'vacancy', id: vacancyId }, query, lang, render });
    },

    /**
     * Ranks the tenant's active candidates for a growth-plan role (future work: who could be prepared
     * for it), exactly as for a vacancy: the same ranker, weights and explanations, and the page shown
     * is stored as a run whose subject is the role (F2). Not found: another tenant's role, or a role
     * of a plan without a location (there is nowhere to travel to yet).
     */
    async rankForGrowthRole({
      principal,
      roleId,
      query,
      lang,
    }: {
      principal: Principal;
      roleId: string;
      query: Query;
      lang: Lang;
    }): Promise<VacancyMatchesView> {
      return rankTarget({ principal, target: { kind: 'growth_plan_role', id: roleId }, query, lang, render: (view) => view });
    },

    /**
     * "Why (not)?" for one person and one vacancy: the verdicts, every factor, the place among the
     * eligible, and for the excluded the nearest change that would make them fit. Same access and
     * redaction as the ranking; an explanation, not a ranking, so no run is stored.
     */
    async explainPair({
      principal,
      vacancyId,
      candidateId,
      lang,
    }: {
      principal: Principal;
      vacancyId: string;
      candidateId: string;
      lang: Lang;
    }): Promise<PairMatchView> {
      const repository = matchingRepository(db);
      const [{ population, version, weights }, row, labels] = await Promise.all([
        rankingContext(principal),
        repository.vacancyInput({ tenantId: principal.tenantId, id: vacancyId }),
        repository.candidateLabels({ tenantId: principal.tenantId, ids: [candidateId] }),
      ]);
      if (!row) throw new ProblemError(vacancyProblems.not_found);
      const label = labels.get(candidateId);
      if (!label) throw new ProblemError(candidateProblems.not_found);
      if (!population.byId.has(candidateId)) throw await notRanked(principal, candidateId);
      const input = vacancyInput(row, row.related);
      const skills = skillGraph(input.relatedSkills);
      // The slot is read after the last await: a refresh may have patched the population meanwhile.
      const index = population.byId.get(candidateId);
      // Not in the ranked population: paused, placed, or no intake or home area yet.
      if (index === undefined) throw await notRanked(principal, candidateId);
      const ranked = population.candidates.length;
      const candidate = population.candidates[index]!;
      const result = matchCandidate(input.vacancy, candidate, { weights, skills, lang });
      const place = rankOf(compileVacancy(input.vacancy, skills, population.columns.intern), population.columns, weights, index);
      const visible = maySeeSpecialCategory(principal, { accountManagerId: label.accountManagerId });
      if (visible && hasOpenActions(result)) await audit(db, clock, openActionsRead(principal, candidateId, { vacancyId }));
      return {
        vacancyId,
        matcherVersion: MATCHER_VERSION,
        weightsVersion: version,
        population: ranked,
        eligibleCount: place.eligible,
        rank: place.rank,
        candidate: {
          id: candidateId,
          reference: label.reference,
          name: label.name,
          accountManager: label.accountManagerId && label.accountManagerName ? { id: label.accountManagerId, name: label.accountManagerName } : null,
        },
        ...explanation({ result, visible, lang, fit: result.eligible ? null : nearestFit(input.vacancy, candidate, { weights, skills, lang }) }),
      };
    },

    /** Ranks the open vacancies and the growth-plan roles (future work) for one candidate. */
    async rankForCandidate({
      principal,
      candidateId,
      query,
      lang,
    }: {
      principal: Principal;
      candidateId: string;
      query: Query;
      lang: Lang;
    }): Promise<CandidateMatchesView> {
      await requireRanking(principal);
      const repository = matchingRepository(db);
      const candidateRow = await repository.candidateInput({ tenantId: principal.tenantId, id: candidateId });
      if (!candidateRow) throw await notRanked(principal, candidateId, { status: false });
      const candidate = toMatchCandidate(candidateRow);
      const [vacancyRows, roleRows, { version, weights }] = await Promise.all([
        repository.openVacancyInputs(principal.tenantId),
        repository.growthRoleInputs(principal.tenantId),
        weightsOf(db, principal.tenantId),
      ]);
      const targets = [...vacancyRows, ...roleRows];
      const uris = skillUrisOf(targets);
      const related = await repository.relatedSkills(uris);
      const skills = skillGraph(related);

      const now = clock.now();
      const scored = targets.map((row) => {
        const vacancy = toMatchVacancy(row, { at: now });
        return { row, vacancy, result: matchCandidate(vacancy, candidate, { weights, skills, lang }) };
      });
      // Best first; equal totals by the vacancy's or role's id, so every run gives the same order.
      const eligibleOnes = scored.filter((entry) => entry.result.eligible);
      eligibleOnes.sort((a, b) => compareMatches({ total: a.result.total, candidateId: a.row.id }, { total: b.result.total, candidateId: b.row.id }));
      const page = eligibleOnes.slice(query.offset, query.offset + query.limit);

      const runId = newId(clock.now().getTime());
      const entries = page.map((entry, at) => candidateRunEntry(entry.result, query.offset + at + 1, entry.row.kind));
      const labels = await repository.candidateLabels({ tenantId: principal.tenantId, ids: [candidateId] });
      const visible = maySeeSpecialCategory(principal, { accountManagerId: labels.get(candidateId)?.accountManagerId ?? null });

      // The run and, where the page shows the person's open actions to their own klantmanager, that
      // read (special-category data, P2): one statement, both stored or neither.
      const stored = new Map(scored.map((entry) => [entry.row.id, storedVacancyInput(entry.vacancy, related)]));
      await recordRun(db, {
        tenantId: principal.tenantId,
        id: runId,
        subjectId: candidateId,
        actorUserId: principal.userId,
        at: clock.now(),
        weights: { version, weights },
        inputs: { kind: 'candidate', subject: candidate, shown: page.map((entry) => stored.get(entry.row.id)!) },
        rankedHash: vacanciesHash([...stored.values()].sort((a, b) => (a.vacancy.id < b.vacancy.id ? -1 : 1))),
        population: targets.length,
        eligible: eligibleOnes.length,
        results: entries,
        logged: visible && page.some((entry) => hasOpenActions(entry.result)) ? [openActionsRead(principal, candidateId, { runId })] : [],
      });

      const shown = query.offset + page.length;
      const extra = new Map(roleRows.map((role) => [role.id, role]));
      return {
        runId,
        candidateId,
        matcherVersion: MATCHER_VERSION,
        weightsVersion: version,
        population: targets.length,
        eligible: eligibleOnes.length,
        excluded: targets.length - eligibleOnes.length,
        items: page.map((entry, at) => ({
          rank: entries[at]!.rank,
          kind: entry.row.kind,
          id: entry.row.id,
          title: entry.row.title,
          employerName: entry.row.employerName,
          expectedDate: extra.get(entry.row.id)?.expectedDate ?? null,
          growthPlanId: extra.get(entry.row.id)?.growthPlanId ?? null,
          ...explanation({ result: entry.result, visible, lang }),
        })),
        nextOffset: shown < eligibleOnes.length && shown <= MAX_OFFSET ? shown : null,
      };
    },

    async getRun(principal: Principal, id: string) {
      const run = await matchingRepository(db).findRun({ tenantId: principal.tenantId, id });
      if (!run) throw new ProblemError(matchingProblems.run_not_found);
      return { ...run, at: run.at.toISOString(), results: run.results };
    },

    /**
     * Scores a stored run again from its stored inputs, with its stored weights: the same order and
     * the same totals, unless the matcher changed (then matcherVersion differs) or someone was erased.
     */
    async replay(principal: Principal, id: string) {
      const repository = matchingRepository(db);
      const run = await repository.findRun({ tenantId: principal.tenantId, id });
      if (!run) throw new ProblemError(matchingProblems.run_not_found);
      const inputs = await repository.runInputs({ tenantId: principal.tenantId, runId: id });
      const weights = run.weights as MatchWeights;
      const stored = run.results;
      const idOf = (entry: (typeof stored)[number]) => entry.candidateId ?? entry.targetId!;
      const present = stored.filter((entry) => inputs.has(idOf(entry)));
      let replayed: Array<{ id: string; total: number }> = [];
      const subject = inputs.get(run.subjectId);
      if (subject) {
        replayed = present.map((entry) => {
          const other = inputs.get(idOf(entry));
          const [vacancy, candidate] = run.kind === 'vacancy' ? [subject, other] : [other, subject];
          if (!isStoredVacancyInput(vacancy) || !isStoredCandidateInput(candidate)) return { id: idOf(entry), total: Number.NaN };
          const result = matchCandidate(vacancy.vacancy, candidate, { weights, skills: skillGraph(vacancy.relatedSkills) });
          return { id: idOf(entry), total: result.total };
        });
        replayed.sort((a, b) => compareMatches({ total: a.total, candidateId: a.id }, { total: b.total, candidateId: b.id }));
      }
      const storedOrder = present.map(idOf);
      const replayedOrder = replayed.map((entry) => entry.id);
      const totals = new Map(replayed.map((entry) => [entry.id, entry.total]));
      return {
        runId: id,
        matcherVersion: run.matcherVersion,
        currentMatcherVersion: MATCHER_VERSION,
        sameOrder: subject !== undefined && storedOrder.join() === replayedOrder.join(),
        sameTotals: subject !== undefined && present.every((entry) => totals.get(idOf(entry)) === entry.total),
        stored: storedOrder,
        replayed: replayedOrder,
        replayedEntries: replayed.length,
      };
    },

    async getWeights(principal: Principal, lang: Lang): Promise<WeightsView> {
      const current = await matchingRepository(db).currentWeights(principal.tenantId);
      const weights = current?.weights ?? { ...DEFAULT_WEIGHTS };
      return {
        version: current?.version ?? 0,
        weights,
        note: current?.note ?? null,
        createdAt: current?.createdAt?.toISOString() ?? null,
        rationale: 'docs/matcher-weights.md',
        warnings: breaksSeedsRule(weights) ? [seedsRuleWarning[lang]] : [],
      };
    },

    /**
     * What if the weights were these? (Beheer, issue 14.7.) Ranks the most recent open vacancies
     * over the current population with the current and with the proposed weights and shows how the
     * top lists change: who comes in, who drops out, who moves. A preview for admins, not a ranking
     * anyone acts on: no run is stored, nothing is written, and it shows names, places and totals only
     * (no factors or open actions, so no special-category data).
     */
    async whatIfWeights({
      principal,
      weights,
      vacancies = 5,
      top = 10,
    }: {
      principal: Principal;
      weights: MatchWeights;
      vacancies?: number;
      top?: number;
    }): Promise<WeightsPreviewView> {
      const problems = findWeightProblems(weights);
      if (problems.length > 0) {
        const words = (language: Lang) => problems.map((problem) => weightProblemText(problem, language)).join(' ');
        throw new ProblemError(matchingProblems.invalid_weights, { values: { problemsNl: words('nl'), problemsEn: words('en') } });
      }
      const repository = matchingRepository(db);
      const [{ population, ...current }, rows] = await Promise.all([rankingContext(principal), repository.openVacancyInputs(principal.tenantId)]);
      // Ids are time-ordered (UUIDv7): the newest open vacancies are the last ones.
      const recent = rows.slice(-vacancies).reverse();
      const related = await repository.relatedSkills(skillUrisOf(recent));
      const compared = [];
      for (const row of recent) {
        const input = vacancyInput(row, related);
        const compiled = compileVacancy(input.vacancy, skillGraph(input.relatedSkills), population.columns.intern);
        const before = rankTopK(compiled, population.columns, current.weights, top);
        const after = rankTopK(compiled, population.columns, weights, top);
        compared.push({ row, eligible: before.eligible, before: before.items, after: after.items });
      }
      const ids = [...new Set(compared.flatMap((item) => [...item.before, ...item.after].map((entry) => entry.candidateId)))];
      const labels = await repository.candidateLabels({ tenantId: principal.tenantId, ids });
      const person = (id: string) => ({ id, reference: labels.get(id)?.reference ?? null, name: labels.get(id)?.name ?? null });
      return {
        currentVersion: current.version,
        current: current.weights,
        proposed: weights,
        warnings: breaksSeedsRule(weights) ? [seedsRuleWarning.nl] : [],
        vacancies: compared.map(({ row, eligible, before, after }) => {
          const placeBefore = new Map(before.map((entry, index) => [entry.candidateId, index + 1]));
          const placeAfter = new Map(after.map((entry, index) => [entry.candidateId, index + 1]));
          return {
            id: row.id,
            title: row.title,
            employerName: row.employerName,
            eligible,
            top: after.map((entry, index) => ({
              candidate: person(entry.candidateId),
              rank: index + 1,
              previousRank: placeBefore.get(entry.candidateId) ?? null,
              total: entry.total,
            })),
            droppedOut: before
              .filter((entry) => !placeAfter.has(entry.candidateId))
              .map((entry) => ({ candidate: person(entry.candidateId), previousRank: placeBefore.get(entry.candidateId)! })),
            sameOrder: before.length === after.length && before.every((entry, index) => after[index]!.candidateId === entry.candidateId),
          };
        }),
      };
    },

    /** Admins set new weights: a new version (the old ones stay, runs refer to them), audited. */
    async updateWeights({ tx, principal, body, lang }: { tx: Executor; principal: Principal; body: UpdateWeightsBody; lang: Lang }): Promise<WeightsView> {
      const problems = findWeightProblems(body.weights);
      if (problems.length > 0) {
        const words = (language: Lang) => problems.map((problem) => weightProblemText(problem, language)).join(' ');
        throw new ProblemError(matchingProblems.invalid_weights, { values: { problemsNl: words('nl'), problemsEn: words('en') } });
      }
      const warnings = breaksSeedsRule(body.weights) ? ['motivation_not_above_competencies'] : [];
      const repository = matchingRepository(tx);
      // Two admins at once: one after the other, each a new version.
      await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`match_weights:${principal.tenantId}`}))`);
      const previous = await weightsOf(tx, principal.tenantId);
      const version = previous.version + 1;
      const now = clock.now();
      await repository.insertWeights({
        tenantId: principal.tenantId,
        version,
        weights: body.weights,
        note: body.note,
        createdBy: principal.userId,
        createdAt: now,
      });
      await audit(tx, clock, {
        principal,
        action: 'weights.change',
        subjectType: 'match_weights',
        reason: body.note,
        details: { from: previous.weights, to: body.weights, version, warnings },
      });
      return {
        version,
        weights: body.weights,
        note: body.note,
        createdAt: now.toISOString(),
        rationale: 'docs/matcher-weights.md',
        warnings: warnings.length > 0 ? [seedsRuleWarning[lang]] : [],
      };
    },
  };
}

export type MatchingService = ReturnType<typeof createMatchingService>;

type WhatIfPerson = { id: string; reference: string | null; name: string | null };

/** The what-if preview of proposed weights: per recent open vacancy, the new top list against the current one. */
export type WeightsPreviewView = {
  currentVersion: number;
  current: MatchWeights;
  proposed: MatchWeights;
  warnings: string[];
  vacancies: Array<{
    id: string;
    title: string;
    employerName: string;
    eligible: number;
    /** The top list with the proposed weights; previousRank null: new in the top list. */
    top: Array<{ candidate: WhatIfPerson; rank: number; previousRank: number | null; total: number }>;
    /** In the current top list, not in the proposed one. */
    droppedOut: Array<{ candidate: WhatIfPerson; previousRank: number }>;
    sameOrder: boolean;
  }>;
};
