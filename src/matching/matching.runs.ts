import { createHash } from 'node:crypto';
import type { Executor } from '../../db/client.js';
import type { MatchCandidate, MatchResult, MatchWeights } from './matcher.types.js';
import type { StoredVacancyInput } from './matching.inputs.js';
import { auditRows, type AuditEntry } from '../audit/audit.js';
import { instruments } from '../metrics/metrics.js';
import { matchingRepository } from './matching.repository.js';
import type { RunEntry } from './matching.schemas.js';
import { MATCHER_VERSION } from './weights.js';

/*
 * The one way a ranking run is recorded (REQUIREMENTS F2), whoever ranks: staff through the API, a
 * digest that mails strong matches, the demo history. A run keeps who, when, matcher and weights
 * version, one hash over all inputs, the order with every contribution, and the inputs of what was
 * shown, so that a replay reproduces the order.
 */

/** SHA-256 of one input (a candidate, or a vacancy with its taxonomy relations), for the set hash. */
export function inputDigest(input: MatchCandidate | StoredVacancyInput): string {
  return createHash('sha256').update(JSON.stringify(input)).digest('base64url');
}

/*
 * One hash over everything a run ranked (the population, a caseload, the open vacancies): each
 * member's id and input digest. Members fall into HASH_BUCKETS buckets by their id; a bucket's hash
 * covers its members in the order given (callers give id order), the set hash covers the buckets'
 * hashes. The population cache keeps the bucket hashes and, after a profile change, hashes only the
 * changed members' buckets again (issue 13.10): the same value as hashing the whole set.
 */
export const HASH_BUCKETS = 256;

/** The bucket of a member id: FNV-1a over its characters. */
export function hashBucket(id: string): number {
  let hash = 0x811c9dc5;
  for (let at = 0; at < id.length; at++) hash = Math.imul(hash ^ id.charCodeAt(at), 0x01000193);
  return (hash >>> 0) % HASH_BUCKETS;
}

/** The hash of one bucket's members, in the order given. */
export function bucketHash(members: Iterable<{ id: string; digest: string }>): string {
  const hash = createHash('sha256');
  for (const member of members) hash.update(`${member.id}:${member.digest};`);
  return hash.digest('base64url');
}

/** The set hash from the bucket hashes (undefined or '' for an empty bucket). */
export function combineBucketHashes(buckets: ReadonlyArray<string | undefined>): string {
  const hash = createHash('sha256');
  buckets.forEach((bucket, index) => {
    if (bucket) hash.update(`${index}:${bucket};`);
  });
  return hash.digest('hex');
}

export function rankedSetHash(members: Iterable<{ id: string; digest: string }>): string {
  const buckets: Array<Array<{ id: string; digest: string }>> = Array.from({ length: HASH_BUCKETS }, () => []);
  for (const member of members) buckets[hashBucket(member.id)]!.push(member);
  return combineBucketHashes(buckets.map((bucket) => (bucket.length > 0 ? bucketHash(bucket) : undefined)));
}

/** The set hash of candidates in the order given. */
export function candidatesHash(candidates: readonly MatchCandidate[]): string {
  return rankedSetHash(candidates.map((candidate) => ({ id: candidate.id, digest: inputDigest(candidate) })));
}

/** The set hash of vacancies (or growth-plan roles) in the order given. */
export function vacanciesHash(vacancies: readonly StoredVacancyInput[]): string {
  return rankedSetHash(vacancies.map((input) => ({ id: input.vacancy.id, digest: inputDigest(input) })));
}

/** What a run ranked: the subject's input and the inputs of the entries shown, typed by the run's kind. */
export type RunInputs =
  | {
      kind: 'vacancy';
      subject: StoredVacancyInput;
      shown: readonly MatchCandidate[];
      /** inputDigest of the subject and of each shown, where the caller has them already: not hashed again. */
      subjectDigest?: string;
      shownDigests?: ReadonlyArray<string | undefined>;
    }
  | { kind: 'candidate'; subject: MatchCandidate; shown: readonly StoredVacancyInput[] };

export type RunRecord = {
  tenantId: string;
  id: string;
  subjectId: string;
  actorUserId: string;
  at: Date;
  weights: { version: number; weights: MatchWeights };
  inputs: RunInputs;
  /** rankedSetHash of everything ranked, shown or not. */
  rankedHash: string;
  /** How many were ranked, and how many passed the hard constraints. */
  population: number;
  eligible: number;
  results: RunEntry[];
  /**
   * Audit entries stored in the same statement as the run, at the run's moment: the reads of
   * special-category data its answer shows (P2). Both are stored, or neither.
   */
  logged?: readonly AuditEntry[];
};

/** The inputs hash of a run: matcher version, weights, the subject and the hash of what was ranked. */
export function runInputsHash(record: Pick<RunRecord, 'weights' | 'inputs' | 'rankedHash'>): string {
  const value = { matcherVersion: MATCHER_VERSION, weights: record.weights.weights, subject: record.inputs.subject, ranked: record.rankedHash };
  return createHash('sha256').update(JSON.stringify(value)).digest('hex');
}

function contributions(result: MatchResult): Record<string, number> {
  return Object.fromEntries(result.factors.map((factor) => [factor.factor, factor.contribution]));
}

/** A vacancy run's entry for one ranked candidate: what the stored run keeps of a result. */
export function vacancyRunEntry(result: MatchResult, rank: number): RunEntry & { candidateId: string } {
  return {
    rank,
    candidateId: result.candidateId,
    total: result.total,
    eligible: result.eligible,
    conditional: result.conditional,
    contributions: contributions(result),
  };
}

/** A candidate run's entry for one ranked vacancy or growth-plan role. */
export function candidateRunEntry(result: MatchResult, rank: number, kind: 'vacancy' | 'growth_plan_role'): RunEntry & { targetId: string } {
  return {
    rank,
    kind,
    targetId: result.vacancyId,
    total: result.total,
    eligible: result.eligible,
    conditional: result.conditional,
    contributions: contributions(result),
  };
}

/**
 * Stores a run and its inputs in one statement (see matchingRepository.insertRuns: a person's inputs
 * only while the person exists). On the executor given: a transaction of the caller's, or the pool.
 */
export async function recordRun(executor: Executor, record: RunRecord): Promise<void> {
  await recordRuns(executor, [record]);
}

/** Stores several runs of one tenant in one statement (a digest's caseload rankings, issue 19.5). */
export async function recordRuns(executor: Executor, records: readonly RunRecord[]): Promise<void> {
  if (records.length === 0) return;
  const storing = instruments.runStorage.startTimer();
  try {
    await matchingRepository(executor).insertRuns(
      records.map((record) => {
        const { inputs } = record;
        const rows =
          inputs.kind === 'vacancy'
            ? [
                { subjectId: record.subjectId, digest: inputs.subjectDigest ?? inputDigest(inputs.subject), input: inputs.subject, person: false },
                ...inputs.shown.map((candidate, at) => ({
                  subjectId: candidate.id,
                  digest: inputs.shownDigests?.[at] ?? inputDigest(candidate),
                  input: candidate,
                  person: true,
                })),
              ]
            : [
                { subjectId: record.subjectId, digest: inputDigest(inputs.subject), input: inputs.subject, person: true },
                ...inputs.shown.map((target) => ({ subjectId: target.vacancy.id, digest: inputDigest(target), input: target, person: false })),
              ];
        return {
          run: {
            tenantId: record.tenantId,
            id: record.id,
            kind: inputs.kind,
            subjectId: record.subjectId,
            actorUserId: record.actorUserId,
            at: record.at,
            matcherVersion: MATCHER_VERSION,
            weightsVersion: record.weights.version,
            weights: record.weights.weights,
            inputsHash: runInputsHash(record),
            population: record.population,
            eligible: record.eligible,
            results: record.results,
          },
          inputs: rows,
          logged: auditRows(record.at, record.logged ?? []),
        };
      }),
    );
  } finally {
    storing();
  }
}

/** A stored vacancy input, as read back for a replay (written by recordRun, never by hand). */
export function isStoredVacancyInput(value: unknown): value is StoredVacancyInput {
  return typeof value === 'object' && value !== null && 'vacancy' in value && 'relatedSkills' in value;
}

/** A stored candidate input, as read back for a replay. */
export function isStoredCandidateInput(value: unknown): value is MatchCandidate {
  return typeof value === 'object' && value !== null && 'home' in value && 'competencies' in value && 'mobility' in value;
}
