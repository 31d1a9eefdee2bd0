import type { Executor } from '../../db/client.js';
import { auditLog } from '../../db/schema/index.js';
import type { Principal } from '../auth/roles.js';
import type { Clock } from '../clock.js';
import { newId } from '../ids.js';

/** What the append-only audit log records (reads of special-category data, exports, erasures, sends). */
export type AuditAction =
  | 'special_category.read'
  | 'special_category.write'
  | 'candidate.export'
  | 'candidate.erase'
  | 'weights.change'
  /** An admin asked what other weights would have done (read-only; the answer holds fairness figures). */
  | 'weights.what_if'
  | 'settings.change'
  | 'shortlist.send'
  | 'shortlist.feedback'
  /** An admin let a pitch with warnings (health, debts …) through, with a reason (issue 11.10). */
  | 'shortlist.pitch_override'
  | 'placement.follow_up'
  /** The employer's check-in on its hire at 1, 3 or 6 months (issue 15.5): the answers, never the note. */
  | 'placement.check_in'
  /** A placement was recorded (issue 11.12). */
  | 'placement.create'
  /** A change to a person's record, with its history entry (kind of change and fields, no values). */
  | 'candidate.change'
  /** Curation of a shortlist: made, changed, a person added, changed or taken off. */
  | 'shortlist.change'
  /** An employer or one of its locations made, changed or (a location) deleted. */
  | 'employer.change'
  /** A vacancy posted or changed (its fields, or its status). */
  | 'vacancy.change'
  /** A growth plan made, changed, or its roles drafted as vacancies. */
  | 'growth_plan.change'
  /** A digest subscription made, changed or ended by staff or the user. */
  | 'digest_subscription.change'
  /** Users and their API tokens (issue 11.12): who gave whom access, and who took it away. */
  | 'user.create'
  | 'user.update'
  | 'token.issue'
  | 'token.revoke'
  | 'search.bulk'
  | 'audit_attributes.write'
  | 'report.fairness'
  | 'retention.purge'
  | 'rekentool.calculate'
  | 'rekentool.rules_change'
  | 'rekentool.household_change'
  /** An admin changed the Werkplein's own Dutch label or synonyms of a taxonomy concept. */
  | 'taxonomy.labels_change'
  /** The person withdrew a consent on their own page (actor: none, details.by = 'person'). */
  | 'consent.withdraw'
  /** Staff made a one-time sign-in code for a jobseeker's own page. */
  | 'jobseeker.sign_in_code';

/** The nil UUID stands for the system itself (the retention job), where a column needs an actor. */
export const SYSTEM_ACTOR_ID = '00000000-0000-0000-0000-000000000000';

/** What an audit row can be about (a new kind must be added here, and named in Dutch on the Beheer page). */
export type AuditSubjectType =
  | 'candidate'
  | 'shortlist'
  | 'shortlist_candidate'
  | 'vacancy'
  | 'employer'
  | 'growth_plan'
  | 'placement'
  | 'user'
  | 'api_token'
  | 'tenant'
  | 'match_weights'
  | 'digest_subscription'
  | 'taxonomy_skill'
  | 'income_rule_set';

export type AuditEntry = {
  principal: { tenantId: Principal['tenantId']; userId: Principal['userId'] | null };
  action: AuditAction;
  subjectType: AuditSubjectType;
  subjectId?: string | null;
  reason?: string | null;
  details?: Record<string, unknown>;
};

/** Appends an audit row in the caller's transaction: if it cannot be written, the action fails too. */
export async function audit(db: Executor, clock: Clock, entry: AuditEntry): Promise<void> {
  await auditAll(db, clock, [entry]);
}

/**
 * Appends several audit rows in one statement: all of them or none, also outside a transaction, and
 * one round trip however many (a ranked page's reads of special-category data, issue 13.11).
 */
export async function auditAll(db: Executor, clock: Clock, entries: readonly AuditEntry[]): Promise<void> {
  if (entries.length === 0) return;
  await db.insert(auditLog).values(auditRows(clock.now(), entries));
}

/** An audit_log row as written, its moment set. */
export type AuditRow = typeof auditLog.$inferInsert & { at: Date };

/** The audit_log rows of entries made at one moment (for auditAll, or a statement that writes them with other rows). */
export function auditRows(at: Date, entries: readonly AuditEntry[]): AuditRow[] {
  return entries.map((entry) => ({
    tenantId: entry.principal.tenantId,
    id: newId(at.getTime()),
    at,
    actorUserId: entry.principal.userId,
    action: entry.action,
    subjectType: entry.subjectType,
    subjectId: entry.subjectId ?? null,
    reason: entry.reason ?? null,
    details: entry.details ?? {},
  }));
}
