import type { Db, Executor } from '../../db/client.js';
import { audit } from '../audit/audit.js';
import type { Principal, Role } from '../auth/roles.js';
import type { Clock } from '../clock.js';
import { afterIdFrom, pageCursor } from '../http/responses.js';
import { newId } from '../ids.js';
import { ProblemError } from '../http/problems.js';
import { suppressionRepository } from '../mail/suppressions.js';
import { userRepository, type UserRow } from '../users/users.repository.js';
import { buildDigest, previewWindow } from './digests.delivery.js';
import { digestProblems } from './digests.errors.js';
import { digestRepository, type SubscriptionRow, type SubscriptionVisibility } from './digests.repository.js';
import {
  DIGEST_TIMEZONE,
  SECTIONS_BY_ROLE,
  weekdayNumber,
  type BounceBody,
  type CreateSubscriptionBody,
  type DigestScope,
  type ListSubscriptionsQuery,
  type PreviewView,
  type SubscriptionView,
  type UpdateSubscriptionBody,
} from './digests.schemas.js';
import { readUnsubscribeToken } from './digests.tokens.js';
import { toSubscriptionView, type Found } from './digests.views.js';

/** Who manages a user's digests: the user, admins, and employer relations staff for employer users (as with tokens). */
function mayManage(principal: Principal, target: Pick<UserRow, 'id' | 'role'>): boolean {
  if (principal.role === 'admin' || principal.userId === target.id) return true;
  return principal.role === 'employer_relations' && target.role === 'employer';
}

function visibilityOf(principal: Principal): SubscriptionVisibility {
  const sees = principal.role === 'admin' ? 'all' : principal.role === 'employer_relations' ? 'employer_users' : 'own';
  return { tenantId: principal.tenantId, userId: principal.userId, sees };
}

/** Weekly needs a weekday, daily has none; sections must fit the recipient's role. */
function checkSchedule(values: { frequency: string; weekday: number | null; scope: DigestScope }, role: Role) {
  if ((values.frequency === 'weekly') !== (values.weekday !== null)) {
    throw new ProblemError(digestProblems.weekday_mismatch);
  }
  const allowed = SECTIONS_BY_ROLE[role];
  const misfit = (values.scope.sections ?? []).filter((key) => !allowed.includes(key));
  if (misfit.length > 0) throw new ProblemError(digestProblems.section_not_for_role, { values: { allowed: allowed.join(', ') } });
}

/** Digest subscriptions: who gets which digest, when; their preview; unsubscribing and suppressing addresses. */
export function createDigestService({ db, clock, secretKey, publicUrl }: { db: Db; clock: Clock; secretKey: string; publicUrl: string }) {
  async function load(executor: Executor, principal: Principal, id: string): Promise<Found> {
    const row = await digestRepository(executor).find({ visibility: visibilityOf(principal), id });
    // Visible is not enough to change it: employer relations staff see their own and employer users'.
    if (!row || !mayManage(principal, { id: row.subscription.userId, role: row.userRole })) throw new ProblemError(digestProblems.not_found);
    return row;
  }

  return {
    async list(principal: Principal, query: ListSubscriptionsQuery) {
      const rows = await digestRepository(db).list({
        visibility: visibilityOf(principal),
        userId: query.userId,
        beforeId: afterIdFrom(query.cursor),
        limit: query.limit + 1,
      });
      const page = pageCursor(
        rows.map((row) => ({ ...row, id: row.subscription.id })),
        query.limit,
      );
      return { items: page.rows.map(toSubscriptionView), nextCursor: page.nextCursor };
    },

    async get(principal: Principal, id: string): Promise<SubscriptionView> {
      return toSubscriptionView(await load(db, principal, id));
    },

    async create(tx: Executor, principal: Principal, body: CreateSubscriptionBody): Promise<SubscriptionView> {
      const target = await userRepository(tx).find({ tenantId: principal.tenantId, id: body.userId ?? principal.userId });
      if (!target || !mayManage(principal, target)) throw new ProblemError(digestProblems.recipient_not_found);
      const values = { frequency: body.frequency, weekday: body.weekday ? weekdayNumber(body.weekday) : null, scope: body.scope ?? {} };
      checkSchedule(values, target.role as Role);
      // One digest per recipient: two would bring the same news twice in a period.
      if ((await digestRepository(tx).lockRecipientAndCount({ tenantId: principal.tenantId, userId: target.id })) > 0) {
        throw new ProblemError(digestProblems.already_subscribed);
      }
      const now = clock.now();
      const row = await digestRepository(tx).insert({
        tenantId: principal.tenantId,
        id: newId(now.getTime()),
        userId: target.id,
        ...values,
        hour: body.hour,
        timezone: DIGEST_TIMEZONE,
        lang: body.lang,
        active: true,
        createdAt: now,
        updatedAt: now,
      });
      await audit(tx, clock, {
        principal,
        action: 'digest_subscription.change',
        subjectType: 'digest_subscription',
        subjectId: row.id,
        details: { change: 'create', userId: target.id },
      });
      return toSubscriptionView((await digestRepository(tx).find({ visibility: visibilityOf(principal), id: row.id }))!);
    },

    async update({ tx, principal, id, body }: { tx: Executor; principal: Principal; id: string; body: UpdateSubscriptionBody }): Promise<SubscriptionView> {
      const { subscription, userRole } = await load(tx, principal, id);
      const frequency = body.frequency ?? subscription.frequency;
      // Switching to daily drops the weekday unless one is given (which checkSchedule refuses).
      const weekday =
        body.weekday !== undefined ? (body.weekday === null ? null : weekdayNumber(body.weekday)) : body.frequency === 'daily' ? null : subscription.weekday;
      const scope = body.scope ?? subscription.scope;
      checkSchedule({ frequency, weekday, scope }, userRole as Role);
      const now = clock.now();
      const values: Partial<SubscriptionRow> = { frequency, weekday, scope, updatedAt: now };
      if (body.hour !== undefined) values.hour = body.hour;
      if (body.lang !== undefined) values.lang = body.lang;
      // An unsubscribe is the recipient's choice (RFC 8058, R8): nobody else may undo it.
      if (body.active === true && !subscription.active && subscription.unsubscribedAt && subscription.userId !== principal.userId) {
        throw new ProblemError(digestProblems.resubscribe_by_recipient);
      }
      if (body.active !== undefined && body.active !== subscription.active) {
        values.active = body.active;
        // unsubscribedAt records the recipient's own choice; a pause by an admin is only a pause.
        values.unsubscribedAt = body.active ? null : subscription.userId === principal.userId ? now : null;
      }
      await digestRepository(tx).update({ tenantId: principal.tenantId, id, values });
      await audit(tx, clock, {
        principal,
        action: 'digest_subscription.change',
        subjectType: 'digest_subscription',
        subjectId: id,
        details: { change: 'update', fields: Object.keys(body) },
      });
      return toSubscriptionView(await load(tx, principal, id));
    },

    async remove(tx: Executor, principal: Principal, id: string): Promise<void> {
      await load(tx, principal, id);
      await digestRepository(tx).remove({ tenantId: principal.tenantId, id });
      await audit(tx, clock, {
        principal,
        action: 'digest_subscription.change',
        subjectType: 'digest_subscription',
        subjectId: id,
        details: { change: 'delete' },
      });
    },

    /**
     * What the next digest holds so far: new since the last one sent, up to now. Nothing is sent,
     * no period moves and no ranking run is recorded (a GET never writes; the delivered digest records its run).
     */
    async preview(principal: Principal, id: string): Promise<PreviewView> {
      const found = await load(db, principal, id);
      const window = await previewWindow({ db, subscription: found.subscription, now: clock.now() });
      const digest = await buildDigest({ db, deps: { secretKey, publicUrl }, found, window, record: false });
      return {
        subscriptionId: id,
        periodKey: window.periodKey,
        since: window.since.toISOString(),
        until: window.until.toISOString(),
        empty: digest.content.sections.length === 0,
        subject: digest.subject,
        text: digest.text,
        html: digest.html,
      };
    },

    /** RFC 8058 one-click unsubscribe: the token names the subscription. Repeating it is harmless. */
    async unsubscribe(token: string | undefined): Promise<{ unsubscribed: true }> {
      const target = token ? readUnsubscribeToken(secretKey, token) : undefined;
      if (!target) throw new ProblemError(digestProblems.invalid_unsubscribe_token);
      await digestRepository(db).deactivate({ tenantId: target.tenantId, id: target.subscriptionId, now: clock.now() });
      return { unsubscribed: true };
    },

    /** Is this a token of ours? (The GET page shows its button only then.) */
    tokenIsValid(token: string | undefined): boolean {
      return token !== undefined && readUnsubscribeToken(secretKey, token) !== undefined;
    },

    /** An admin marks an address as bounced: it is never mailed again in this Werkplein. */
    async recordBounce(tx: Executor, principal: Principal, body: BounceBody) {
      const result = await suppressionRepository(tx).suppress({ tenantId: principal.tenantId, email: body.email, reason: body.reason, at: clock.now() });
      return { suppressed: true as const, emailHash: result.emailHash, alreadySuppressed: !result.created };
    },
  };
}
