import { randomInt } from 'node:crypto';
import type { Db, Executor } from '../../db/client.js';
import { audit } from '../audit/audit.js';
import type { Principal } from '../auth/roles.js';
import type { Clock } from '../clock.js';
import { geoRepository } from '../geo/geo.repository.js';
import { ProblemError } from '../http/problems.js';
import { newId } from '../ids.js';
import { enqueueOutbox } from '../outbox/outbox.js';
import { candidateProblems } from './candidates.errors.js';
import { candidateRepository, type CandidateRow } from './candidates.repository.js';
import type { CandidateView } from './candidates.schemas.js';
import { toCandidateView } from './candidates.views.js';

/*
 * What every part of the candidate service starts from: the person under the caller's rights, who
 * may see and write special-category data, and the bookkeeping of a change (history, search index).
 */

export type CandidateDeps = { db: Db; clock: Clock };

/**
 * Special-category data (barriers: health, debts, childcare …) is for the assigned account manager
 * and admins only (REQUIREMENTS P2). Every read of it leaves an audit row.
 */
export function maySeeSpecialCategory(principal: Principal, candidate: Pick<CandidateRow, 'accountManagerId'>): boolean {
  return principal.role === 'admin' || (principal.role === 'account_manager' && candidate.accountManagerId === principal.userId);
}

/** Crockford base32 without look-alikes: references are read aloud on the phone. */
const REFERENCE_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

export function newReference(): string {
  let code = '';
  for (let i = 0; i < 6; i += 1) code += REFERENCE_ALPHABET[randomInt(REFERENCE_ALPHABET.length)];
  return `KR-${code}`;
}

/** The person in the caller's tenant (locked with `forUpdate`); anyone else's is not found. */
export async function requireCandidate({
  executor,
  principal,
  id,
  forUpdate = false,
}: {
  executor: Executor;
  principal: Principal;
  id: string;
  forUpdate?: boolean;
}): Promise<CandidateRow> {
  const row = await candidateRepository(executor).find({ tenantId: principal.tenantId, id, forUpdate });
  if (!row) throw new ProblemError(candidateProblems.not_found);
  return row;
}

/** Writes down what changed about a person, by whom (the person's history). */
export async function recordHistory({
  tx,
  clock,
  principal,
  candidateId,
  change,
  fields,
  summary = null,
}: {
  tx: Executor;
  clock: Clock;
  principal: Principal;
  candidateId: string;
  change: string;
  fields: string[];
  summary?: string | null;
}) {
  const at = clock.now();
  await candidateRepository(tx).addHistory({
    tenantId: principal.tenantId,
    id: newId(at.getTime()),
    candidateId,
    at,
    actorUserId: principal.userId,
    change,
    fields,
    summary,
  });
  // Every change to a person's record is also a person's write in the audit log (issue 11.12): the
  // kind of change and the fields, never the values.
  await audit(tx, clock, { principal, action: 'candidate.change', subjectType: 'candidate', subjectId: candidateId, details: { change, fields } });
}

/** Writing a profile is for the assigned account manager (or an admin); an unassigned one is taken on. */
export async function requireAssignedForWrite({
  tx,
  clock,
  principal,
  candidate,
}: {
  tx: Executor;
  clock: Clock;
  principal: Principal;
  candidate: CandidateRow;
}): Promise<CandidateRow> {
  if (principal.role === 'admin' || candidate.accountManagerId === principal.userId) return candidate;
  if (candidate.accountManagerId === null && principal.role === 'account_manager') {
    const updated = await candidateRepository(tx).update({
      tenantId: principal.tenantId,
      id: candidate.id,
      values: { accountManagerId: principal.userId, updatedAt: clock.now() },
    });
    await recordHistory({
      tx,
      clock,
      principal,
      candidateId: candidate.id,
      change: 'assignment',
      fields: ['accountManagerId'],
      summary: 'Klantmanager toegewezen bij de intake',
    });
    return updated!;
  }
  throw new ProblemError(candidateProblems.not_assigned);
}

/** The person changed: updatedAt moves, and the search index follows through the outbox (R2). */
export async function markChanged({ tx, clock, principal, candidateId }: { tx: Executor; clock: Clock; principal: Principal; candidateId: string }) {
  await candidateRepository(tx).update({ tenantId: principal.tenantId, id: candidateId, values: { updatedAt: clock.now() } });
  await enqueueOutbox(tx, { tenantId: principal.tenantId, topic: 'search.candidate', entityId: candidateId, operation: 'upsert' });
}

/** Where a person lives, as the matcher knows it: the PC4 area's centre and municipality. */
export async function homeOf(executor: Executor, postcode: { pc4: string }) {
  const area = await geoRepository(executor).findArea(postcode.pc4);
  if (!area) throw new ProblemError(candidateProblems.postcode_unknown, { values: { postcode: postcode.pc4 } });
  return { postcode4: postcode.pc4, homeLatitude: area.latitude, homeLongitude: area.longitude, municipality: area.municipality };
}

export async function candidateView(executor: Executor, principal: Principal, id: string): Promise<CandidateView> {
  const repository = candidateRepository(executor);
  const row = await repository.findWithContext({ tenantId: principal.tenantId, id });
  if (!row) throw new ProblemError(candidateProblems.not_found);
  return toCandidateView(row, await repository.hasIntake({ tenantId: principal.tenantId, candidateId: id }));
}

export async function requireAccountManager(executor: Executor, principal: Principal, id: string) {
  const user = await candidateRepository(executor).staffUser({ tenantId: principal.tenantId, id });
  if (!user)
    throw new ProblemError(candidateProblems.account_manager_unknown, {
      errors: [{ pointer: '/body/accountManagerId', key: 'reference.account_manager_unknown' }],
    });
}
