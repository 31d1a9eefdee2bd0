import { sql } from 'drizzle-orm';
import type { Db, Executor } from '../../db/client.js';
import { audit } from '../audit/audit.js';
import type { Principal } from '../auth/roles.js';
import type { Clock } from '../clock.js';
import { ProblemError } from '../http/problems.js';
import { addMonths, amsterdamDate } from '../placements/calendar.js';
import { computeFairness, TOP_K, type FairnessFigures, type GroupFigure } from './fairness.js';
import { IN_WORK } from './impact.js';
import { reportRepository } from './reports.repository.js';
import type { Lang } from '../schemas/messages.js';
import { compareMatches, matchCandidate } from '../matching/matcher.js';
import { weightProblemText } from '../matching/matcher.messages.js';
import type { MatchCandidate, MatchWeights } from '../matching/matcher.types.js';
import { matchingProblems } from '../matching/matching.errors.js';
import { matchingRepository, runInputsWithStored } from '../matching/matching.repository.js';
import { skillGraph } from '../matching/matching.inputs.js';
import { isStoredCandidateInput, isStoredVacancyInput } from '../matching/matching.runs.js';
import type { RunEntry } from '../matching/matching.schemas.js';
import type { WhatIfBody, WhatIfView } from './weights-what-if.schemas.js';
import { DEFAULT_WEIGHTS, findWeightProblems } from '../matching/weights.js';

/*
 * "What if these weights?" (issue 16.5): the stored vacancy runs of the last N months are scored
 * again from their stored inputs with proposed weights, the way a replay scores them with their own
 * (GET /v1/match-runs/:id/replay). Read-only: no run is recorded and no weight changes; only the
 * question is audited, because the answer holds fairness figures built from special-category data
 * (as reading the fairness report is). An admin who likes the answer saves the weights with a reason
 * through PUT /v1/matching/weights (versioned, audited).
 *
 * Definitions:
 *   - a run keeps the page that was asked for; the replay re-orders the entries of that page whose
 *     inputs are still there (people erased since are left out), within the page's own ranks: a page
 *     that started at rank 26 still starts at 26. rankBefore is the stored order on the same terms,
 *     so weights equal to the run's give no moves at all;
 *   - the people compared: placed later (placement made after the run) in the run's vacancy.
 *     lasting: in work at the 6-month follow-up; dropped_out: dropped out and not in work at 6
 *     months; pending: the rest (6 months not reached or not recorded);
 *   - fairness: the fairness report's stages (src/reports/fairness.ts) for the same months; under the
 *     proposal, "ranked top 25" is recomputed from the replayed ranks (runs that cannot be replayed
 *     keep their stored ranks), the later stages are what people decided, as recorded.
 */

type Outcome = 'lasting' | 'dropped_out' | 'pending';
const OUTCOMES: readonly Outcome[] = ['lasting', 'dropped_out', 'pending'];

/** A stored vacancy run as the what-if reads it. */
export type StoredVacancyRun = { id: string; subjectId: string; at: Date; results: Array<RunEntry & { candidateId?: string }> };

/** One entry of a run, before and after. */
export type Move = {
  runId: string;
  vacancyId: string;
  candidateId: string;
  rankBefore: number;
  rankAfter: number;
  totalBefore: number;
  totalAfter: number;
  eligible: boolean;
};

/**
 * A run's entries scored again with `weights`, or null when the vacancy's input is gone. Ranks stay
 * within the page's band (see the definitions above); ties are broken as the matcher does.
 */
export function replayRun(run: StoredVacancyRun, inputs: ReadonlyMap<string, unknown>, weights: MatchWeights): Move[] | null {
  const subject = inputs.get(run.subjectId);
  if (!isStoredVacancyInput(subject)) return null;
  const present = run.results
    .filter(
      (entry): entry is RunEntry & { candidateId: string } => typeof entry.candidateId === 'string' && isStoredCandidateInput(inputs.get(entry.candidateId)),
    )
    .sort((a, b) => a.rank - b.rank);
  if (present.length === 0) return [];
  const offset = present[0]!.rank - 1;
  const before = new Map(present.map((entry, index) => [entry.candidateId, offset + index + 1]));
  const skills = skillGraph(subject.relatedSkills);
  const scored = present.map((entry) => {
    const result = matchCandidate(subject.vacancy, inputs.get(entry.candidateId) as MatchCandidate, { weights, skills });
    return { entry, total: result.total, eligible: result.eligible };
  });
  scored.sort((a, b) => compareMatches({ total: a.total, candidateId: a.entry.candidateId }, { total: b.total, candidateId: b.entry.candidateId }));
  return scored.map(({ entry, total, eligible }, index) => ({
    runId: run.id,
    vacancyId: run.subjectId,
    candidateId: entry.candidateId,
    rankBefore: before.get(entry.candidateId)!,
    rankAfter: offset + index + 1,
    totalBefore: entry.total,
    totalAfter: total,
    eligible: entry.eligible !== false && eligible,
  }));
}

/** A later placement and what became of it. */
export type PlacedLater = { placementId: string; candidateId: string; vacancyId: string; createdAt: Date; outcomeAt6: string | null; droppedOut: boolean };

export function outcomeOf(placement: Pick<PlacedLater, 'outcomeAt6' | 'droppedOut'>): Outcome {
  if (placement.outcomeAt6 !== null && IN_WORK.has(placement.outcomeAt6)) return 'lasting';
  if (placement.droppedOut || placement.outcomeAt6 === 'dropped_out') return 'dropped_out';
  return 'pending';
}

const OUTCOME_LABELS: Record<Outcome, Record<Lang, string>> = {
  lasting: { nl: 'Na 6 maanden nog aan het werk', en: 'In work at 6 months' },
  dropped_out: { nl: 'Uitgevallen', en: 'Dropped out' },
  pending: { nl: 'Geplaatst, uitkomst na 6 maanden nog niet bekend', en: 'Placed, outcome at 6 months not known yet' },
};

const mean = (values: readonly number[]) =>
  values.length === 0 ? null : Math.round((values.reduce((sum, value) => sum + value, 0) / values.length) * 100) / 100;

/** Per outcome: how the ranks of the people placed later would have moved. */
export function summariseMoves(moves: ReadonlyArray<Move & { placementId: string; outcome: Outcome }>, lang: Lang): WhatIfView['outcomes'] {
  return OUTCOMES.map((outcome) => {
    const mine = moves.filter((move) => move.outcome === outcome);
    return {
      outcome,
      label: OUTCOME_LABELS[outcome][lang],
      people: new Set(mine.map((move) => move.placementId)).size,
      appearances: mine.length,
      meanRankBefore: mean(mine.map((move) => move.rankBefore)),
      meanRankAfter: mean(mine.map((move) => move.rankAfter)),
      meanMove: mean(mine.map((move) => move.rankBefore - move.rankAfter)),
      movedUp: mine.filter((move) => move.rankAfter < move.rankBefore).length,
      movedDown: mine.filter((move) => move.rankAfter > move.rankBefore).length,
      unchanged: mine.filter((move) => move.rankAfter === move.rankBefore).length,
    };
  });
}

function side(group: GroupFigure) {
  return { pool: group.pool, selected: group.selected, rate: group.rate, impactRatio: group.impactRatio, flagged: group.flagged, tooSmall: group.tooSmall };
}

/** The fairness figures now and under the proposal, side by side per dimension, stage and group. */
export function compareFairness(now: FairnessFigures, proposed: FairnessFigures): WhatIfView['fairness'] {
  return {
    topK: now.topK,
    flagsNow: now.flags.length,
    flagsProposed: proposed.flags.length,
    dimensions: now.dimensions.map((dimension, d) => ({
      dimension: dimension.dimension,
      label: dimension.label,
      stages: dimension.stages.map((stage, s) => ({
        stage: stage.stage,
        label: stage.label,
        groups: stage.groups.map((group) => {
          const other = proposed.dimensions[d]?.stages[s]?.groups.find((candidate) => candidate.group === group.group);
          return { group: group.group, label: group.label, now: side(group), proposed: other ? side(other) : null };
        }),
      })),
    })),
  };
}

function definitions(lang: Lang): string[] {
  return lang === 'nl'
    ? [
        'We rekenen de bewaarde rangschikkingen van vacatures opnieuw uit met de voorgestelde gewichten, met de gegevens van toen. Er wordt niets opgeslagen en er verandert niets.',
        'Een rangschikking bewaart alleen de pagina die iemand bekeek. We zetten de mensen op die pagina opnieuw op volgorde; wie sindsdien verwijderd is, telt niet mee.',
        'Vergeleken worden mensen die later op die vacature zijn geplaatst: na 6 maanden nog aan het werk, uitgevallen, of nog niet bekend.',
        'Plaatsen omhoog: hoeveel plaatsen iemand hoger zou staan (negatief: lager).',
        `Eerlijkheid: de stappen van het eerlijkheidsrapport over dezelfde maanden. Alleen "bij de beste ${TOP_K}" rekenen we opnieuw uit; de latere stappen zijn wat mensen echt besloten.`,
      ]
    : [
        'The stored rankings of vacancies are scored again with the proposed weights, from the inputs of the time. Nothing is stored and nothing changes.',
        'A ranking keeps only the page someone viewed. The people on that page are ordered again; people erased since do not count.',
        'Compared are the people later placed in that vacancy: in work at 6 months, dropped out, or not known yet.',
        'Places up: how many places higher someone would be (negative: lower).',
        `Fairness: the stages of the fairness report over the same months. Only "in the top ${TOP_K}" is recomputed; the later stages are what people decided.`,
      ];
}

async function storedRuns(db: Executor, { tenantId, from, to }: { tenantId: string; from: string; to: string }) {
  const runs = await db.execute<{ id: string; subjectId: string; at: string; weights: Record<string, number>; results: StoredVacancyRun['results'] }>(sql`
    select id::text, subject_id::text as "subjectId", at, weights, results from match_runs
     where tenant_id = ${tenantId} and kind = 'vacancy'
       and (at at time zone 'Europe/Amsterdam')::date between ${from}::date and ${to}::date
     order by at, id`);
  const inputs = await db.execute<{ runId: string; subjectId: string; input: unknown }>(sql`
    select i.run_id::text as "runId", i.subject_id::text as "subjectId", m.input from ${runInputsWithStored}
      join match_runs r on r.tenant_id = i.tenant_id and r.id = i.run_id
     where r.tenant_id = ${tenantId} and r.kind = 'vacancy'
       and (r.at at time zone 'Europe/Amsterdam')::date between ${from}::date and ${to}::date`);
  const byRun = new Map<string, Map<string, unknown>>();
  for (const row of inputs.rows) {
    const map = byRun.get(row.runId) ?? new Map<string, unknown>();
    map.set(row.subjectId, row.input);
    byRun.set(row.runId, map);
  }
  return runs.rows.map((row) => ({
    run: { id: row.id, subjectId: row.subjectId, at: new Date(row.at), results: row.results },
    inputs: byRun.get(row.id) ?? new Map<string, unknown>(),
  }));
}

async function placedLater(db: Executor, tenantId: string, vacancyIds: readonly string[]): Promise<PlacedLater[]> {
  if (vacancyIds.length === 0) return [];
  const result = await db.execute<Omit<PlacedLater, 'createdAt'> & { createdAt: string }>(sql`
    select p.id::text as "placementId", p.candidate_id::text as "candidateId", p.vacancy_id::text as "vacancyId", p.created_at as "createdAt",
           (select f.outcome from placement_follow_ups f where f.tenant_id = p.tenant_id and f.placement_id = p.id and f.month_mark = 6) as "outcomeAt6",
           exists (select 1 from placement_follow_ups f where f.tenant_id = p.tenant_id and f.placement_id = p.id and f.outcome = 'dropped_out') as "droppedOut"
      from placements p
     where p.tenant_id = ${tenantId} and p.vacancy_id = any(${`{${vacancyIds.join(',')}}`}::uuid[])`);
  return result.rows.map((row) => ({ ...row, createdAt: new Date(row.createdAt) }));
}

/** The what-if of an admin: read-only, audited as a read of fairness figures. */
export async function weightsWhatIf({
  db,
  clock,
  principal,
  body,
  lang,
}: {
  db: Db;
  clock: Clock;
  principal: Principal;
  body: WhatIfBody;
  lang: Lang;
}): Promise<WhatIfView> {
  const problems = findWeightProblems(body.weights);
  if (problems.length > 0) {
    const words = (language: Lang) => problems.map((problem) => weightProblemText(problem, language)).join(' ');
    throw new ProblemError(matchingProblems.invalid_weights, { values: { problemsNl: words('nl'), problemsEn: words('en') } });
  }
  const weights = body.weights;
  const to = amsterdamDate(clock.now());
  const from = addMonths(to, -body.months);
  return db.transaction(async (tx) => {
    const current = (await matchingRepository(tx).currentWeights(principal.tenantId)) ?? { version: 0, weights: { ...DEFAULT_WEIGHTS } };
    const runs = await storedRuns(tx, { tenantId: principal.tenantId, from, to });
    const placements = await placedLater(tx, principal.tenantId, [...new Set(runs.map(({ run }) => run.subjectId))]);
    const placementsOf = new Map<string, PlacedLater[]>();
    for (const placement of placements) {
      const key = `${placement.vacancyId}:${placement.candidateId}`;
      placementsOf.set(key, [...(placementsOf.get(key) ?? []), placement]);
    }

    const topK = new Set<string>();
    const moves: Array<Move & { placementId: string; outcome: Outcome }> = [];
    let notReplayable = 0;
    for (const { run, inputs } of runs) {
      const replayed = replayRun(run, inputs, weights);
      if (replayed === null) {
        notReplayable += 1;
        for (const entry of run.results) if (entry.candidateId && entry.eligible !== false && entry.rank <= TOP_K) topK.add(entry.candidateId);
        continue;
      }
      for (const move of replayed) {
        if (move.eligible && move.rankAfter <= TOP_K) topK.add(move.candidateId);
        const placement = (placementsOf.get(`${move.vacancyId}:${move.candidateId}`) ?? []).find((candidate) => candidate.createdAt >= run.at);
        if (placement) moves.push({ ...move, placementId: placement.placementId, outcome: outcomeOf(placement) });
      }
    }

    const subjects = await reportRepository(tx).fairnessSubjects({ tenantId: principal.tenantId, from, to, topK: TOP_K });
    const now = computeFairness(subjects, { lang });
    const proposed = computeFairness(
      subjects.map((subject) => ({
        ...subject,
        reached: { ...subject.reached, ranked_top_k: subject.candidateId !== undefined && topK.has(subject.candidateId) },
      })),
      { lang },
    );
    await audit(tx, clock, {
      principal,
      action: 'weights.what_if',
      subjectType: 'match_weights',
      details: { from, to, months: body.months, weights, runs: runs.length, people: subjects.length },
    });
    return {
      from,
      to,
      currentWeights: { version: current.version, weights: current.weights },
      proposedWeights: weights,
      runs: runs.length - notReplayable,
      runsNotReplayable: notReplayable,
      outcomes: summariseMoves(moves, lang),
      moves: moves.map(({ runId, vacancyId, placementId, candidateId, outcome, rankBefore, rankAfter, totalBefore, totalAfter }) => ({
        runId,
        vacancyId,
        placementId,
        candidateId,
        outcome,
        rankBefore,
        rankAfter,
        totalBefore,
        totalAfter,
      })),
      fairness: compareFairness(now, proposed),
      saved: false as const,
      howToSave:
        lang === 'nl'
          ? 'Er is niets veranderd. Wilt u deze gewichten gebruiken? Sla ze dan op met een reden: PUT /v1/matching/weights.'
          : 'Nothing has changed. To use these weights, save them with a reason: PUT /v1/matching/weights.',
      definitions: definitions(lang),
    };
  });
}
