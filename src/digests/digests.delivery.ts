import { sql } from 'drizzle-orm';
import type { Logger } from 'pino';
import { pgErrorOf, withOwnSession, type Db, type Executor } from '../../db/client.js';
import type { Role } from '../auth/roles.js';
import type { Clock } from '../clock.js';
import { newId } from '../ids.js';
import { emailHash } from '../mail/addresses.js';
import type { Mailer } from '../mail/mailer.js';
import { suppressionRepository } from '../mail/suppressions.js';
import { composeDigest, type DigestContent, type DigestRecipient } from './digests.content.js';
import { currentPeriod, followingPeriod, isPeriodKeyOf, periodFromKey, type Frequency, type Period, type Schedule } from './digests.period.js';
import { renderDigest } from './digests.render.js';
import { digestRepository, type DeliveryRow, type SubscriptionRow } from './digests.repository.js';
import { createUnsubscribeToken } from './digests.tokens.js';
import { instruments } from '../metrics/metrics.js';
import type { CaseloadRanking } from '../matching/matching.caseloads.js';
import { createDigestTimings, DIGEST_PHASES, timed, timedSync, type DigestTimings } from './digests.timings.js';

/*
 * Sending one digest, exactly once per (subscription, period) — REQUIREMENTS R3.
 *
 * 1. Reserve: insert the digest_deliveries row for (subscription, period) and commit it on its own.
 *    The row is unique on that pair, so however many jobs, retries or workers arrive, there is one
 *    row.
 * 2. On one database session of its own, take a session-level advisory lock on (subscription,
 *    period) with try-lock. Only the holder may send; anyone else answers 'busy' and leaves it. The
 *    lock lives as long as the holder's session: a worker killed with SIGKILL loses its connection,
 *    and Postgres frees the lock at once — no lease to guess.
 * 3. First transaction: read the delivery row, re-read the subscription (FOR SHARE) and the
 *    suppression list (R8: an unsubscribe or bounce that committed before this point is honoured),
 *    compose the digest, and mark the row in flight (last_error 'in_flight', attempts + 1). Commit.
 *    An unsubscribe that commits after this point does not stop this one message; it holds for
 *    every later one.
 * 4. Send over SMTP with a Message-ID derived from (subscription, period).
 * 5. Second transaction: mark the row 'sent' and write mail_log. Commit, unlock.
 *
 * The SMTP server's acceptance and our commit are two systems, so they cannot be one atomic step.
 * The in-flight mark tells the two halves of the gap apart when the next holder finds a row that
 * was never settled:
 * - no mark: the worker died before the SMTP exchange began → send now (nothing went out);
 * - the mark: the worker died during or just after the exchange (SIGKILL after the server's 250,
 *   before step 5). If the transport can be asked (Mailer.delivered: the .eml files), ask it and
 *   send only if it does not have the Message-ID. Plain SMTP cannot be asked: then the digest is
 *   not sent again, and the period is recorded as sent with last_error 'uncertain' and with
 *   covered_until left where the previous digest ended, so the next digest repeats what this one
 *   held. Never two mails for one (recipient, period); if the mail did not in fact go out, its
 *   content is not lost, it comes a period later.
 * A transport error (a connection dropped before the server's reply) is a failure: the job retries,
 * under the same Message-ID, which receiving systems that de-duplicate on Message-ID collapse.
 */

export type DeliveryDeps = {
  db: Db;
  mailer: Mailer;
  secretKey: string;
  /** Base of links in the mail (PUBLIC_URL). */
  publicUrl: string;
  clock: Clock;
  logger: Logger;
  /** A round's shared caseload ranking (matching.caseloads.ts); without it each digest ranks its own caseload. */
  ranking?: CaseloadRanking;
  /** Where the time goes, summed over deliveries (bench:digest). */
  timings?: DigestTimings;
};

export type DeliveryTarget = { tenantId: string; subscriptionId: string; periodKey: string };

export type DeliveryOutcome =
  /** Sent now. */
  | 'sent'
  /** A crashed attempt had sent it (the transport says so); recorded as sent without sending again. */
  | 'recovered'
  /** A crashed attempt may have sent it and the transport cannot tell: not sent again, its content moves to the next digest. */
  | 'uncertain'
  /** Nothing new: not sent, the period is done. */
  | 'skipped_empty'
  /** Unsubscribed, paused, or the recipient deactivated. */
  | 'skipped_inactive'
  /** The address is suppressed (hard bounce, complaint), or bounced permanently now. */
  | 'skipped_suppressed'
  /** Sent or skipped before: nothing to do (a duplicate job, a retry). */
  | 'done'
  /** Another worker holds it right now. */
  | 'busy'
  /** The subscription is gone, or its schedule no longer has this period. */
  | 'gone';

export type DeliveryResult = { outcome: DeliveryOutcome; messageId?: string };

/** A send that failed; pg-boss retries the job with backoff, then moves it to the dead-letter queue. */
export class DigestSendError extends Error {
  constructor(message: string, options: { cause: unknown }) {
    super(message, options);
    this.name = 'DigestSendError';
  }
}

export function scheduleOf(subscription: Pick<SubscriptionRow, 'frequency' | 'weekday' | 'hour' | 'timezone'>): Schedule {
  return { frequency: subscription.frequency as Frequency, weekday: subscription.weekday, hour: subscription.hour, timezone: subscription.timezone };
}

/** Stable per (subscription, period): a resend is recognisably the same message. */
export function digestMessageId({ subscriptionId, periodKey }: Omit<DeliveryTarget, 'tenantId'>, publicUrl: string): string {
  const host = new URL(publicUrl).hostname;
  const domain = /^[a-z0-9.-]+\.[a-z]{2,}$/i.test(host) ? host : 'kansrijk.invalid';
  return `<digest.${periodKey}.${subscriptionId}@${domain}>`;
}

export function unsubscribeUrl(publicUrl: string, secretKey: string, target: { tenantId: string; subscriptionId: string }): string {
  return `${publicUrl.replace(/\/+$/, '')}/v1/unsubscribe?token=${createUnsubscribeToken(secretKey, target)}`;
}

/** An SMTP error without addresses (they end up in delivery rows and logs). */
function describeError(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.replace(/[^\s<>"']+@[^\s<>"']+/g, '[adres]').slice(0, 500);
}

/** A permanent rejection of the recipient (5xx on RCPT TO): a hard bounce, never worth a retry. */
function isHardBounce(error: unknown): boolean {
  const smtp = error as { code?: string; responseCode?: number; command?: string };
  return smtp.code === 'EENVELOPE' && (smtp.responseCode ?? 0) >= 550 && (smtp.responseCode ?? 0) < 560;
}

type Found = NonNullable<Awaited<ReturnType<ReturnType<typeof digestRepository>['findForDelivery']>>>;

function recipientOf(found: Found): DigestRecipient {
  return {
    tenantId: found.subscription.tenantId,
    userId: found.subscription.userId,
    role: found.userRole as Role,
    employerId: found.employerId,
    name: found.userName,
  };
}

/**
 * Where a digest starts: where the last one sent ended. Before any was sent, at the start of the
 * first period ever owed, so that a first digest that failed or was skipped is not lost either.
 */
export async function digestSince({
  db,
  subscription,
  period,
  exceptPeriod,
}: {
  db: Executor;
  subscription: SubscriptionRow;
  period: Period;
  exceptPeriod?: string;
}): Promise<Date> {
  const repository = digestRepository(db);
  const target = { tenantId: subscription.tenantId, subscriptionId: subscription.id };
  const last = await repository.lastCoveredUntil({ ...target, exceptPeriod });
  if (last) return last;
  const earliest = await repository.earliestDelivery(target);
  if (!earliest || earliest.coveredUntil.getTime() >= period.dueAt.getTime()) return period.previousDueAt;
  const schedule = scheduleOf(subscription);
  if (isPeriodKeyOf(schedule, earliest.periodKey)) return periodFromKey(schedule, earliest.periodKey).previousDueAt;
  return new Date(earliest.coveredUntil.getTime() - (schedule.frequency === 'daily' ? 1 : 7) * 86_400_000);
}

/**
 * The window of a preview at `now`: the next period's digest so far, new since the last one sent.
 * `atLeastOnePeriod` reaches back at least one period (a day or a week), as if the recipient's
 * digest were due now: the demo preview command uses it, so that a digest shows on any weekday.
 */
export async function previewWindow({
  db,
  subscription,
  now,
  atLeastOnePeriod = false,
}: {
  db: Executor;
  subscription: SubscriptionRow;
  now: Date;
  atLeastOnePeriod?: boolean;
}): Promise<{ since: Date; until: Date; now: Date; periodKey: string }> {
  const schedule = scheduleOf(subscription);
  const current = currentPeriod(schedule, now);
  const next = current.dueAt.getTime() > now.getTime() ? current : followingPeriod(schedule, current);
  let since = await digestSince({ db, subscription, period: next });
  if (atLeastOnePeriod) {
    const onePeriodBack = new Date(now.getTime() - (schedule.frequency === 'daily' ? 1 : 7) * 86_400_000);
    if (onePeriodBack < since) since = onePeriodBack;
  }
  const until = now.getTime() > since.getTime() ? now : since;
  return { since, until, now, periodKey: next.key };
}

/** Composes and renders the digest of a subscription for a window; shared with the preview, which passes record: false. */
export async function buildDigest({
  db,
  deps,
  found,
  window,
  record,
}: {
  db: Executor;
  deps: Pick<DeliveryDeps, 'secretKey' | 'publicUrl' | 'ranking' | 'timings'>;
  found: Found;
  window: { since: Date; until: Date; now: Date; periodKey: string };
  /** Record the caseload ranking as a run: only when the digest is delivered. */
  record: boolean;
}): Promise<{ content: DigestContent; subject: string; text: string; html: string; unsubscribeUrl: string }> {
  const { subscription } = found;
  const content = await composeDigest({
    db,
    recipient: recipientOf(found),
    scope: subscription.scope,
    window,
    record,
    ...(deps.ranking ? { ranking: deps.ranking } : {}),
    ...(deps.timings ? { timings: deps.timings } : {}),
  });
  const unsubscribe = unsubscribeUrl(deps.publicUrl, deps.secretKey, { tenantId: subscription.tenantId, subscriptionId: subscription.id });
  const rendered = timedSync(deps.timings, 'render', () =>
    renderDigest({
      content,
      lang: subscription.lang === 'en' ? 'en' : 'nl',
      recipientName: found.userName,
      frequency: subscription.frequency as Frequency,
      weekday: subscription.weekday,
      hour: subscription.hour,
      periodKey: window.periodKey,
      since: window.since,
      publicUrl: deps.publicUrl,
      unsubscribeUrl: unsubscribe,
      manageUrl: `${deps.publicUrl.replace(/\/+$/, '')}/v1/digest-subscriptions/${subscription.id}`,
    }),
  );
  return { content, ...rendered, unsubscribeUrl: unsubscribe };
}

/** Marks a delivery whose SMTP exchange has begun and is not yet recorded (see the comment at the top). */
const IN_FLIGHT = 'in_flight';

/** Sends the digest of one subscription for one period, at most once; see the comment at the top. */
export async function deliverDigest(deps: DeliveryDeps, target: DeliveryTarget): Promise<DeliveryResult> {
  // This delivery's phases on their own, so that whatever rank, render and send leave is 'compose'.
  const own = deps.timings ? createDigestTimings() : undefined;
  const started = performance.now();
  try {
    const result = await deliverOnce(own ? { ...deps, timings: own } : deps, target);
    instruments.digestMails.inc({ outcome: result.outcome });
    return result;
  } catch (error) {
    instruments.digestMails.inc({ outcome: 'failed' });
    throw error;
  } finally {
    if (own && deps.timings) {
      own.compose = performance.now() - started - own.rank - own.render - own.send;
      for (const phase of DIGEST_PHASES) deps.timings[phase] += own[phase];
    }
  }
}

async function deliverOnce(deps: DeliveryDeps, target: DeliveryTarget): Promise<DeliveryResult> {
  const { db, clock, mailer } = deps;
  const log = deps.logger.child({ tenantId: target.tenantId, subscriptionId: target.subscriptionId, periodKey: target.periodKey });
  const found = await digestRepository(db).findForDelivery({ tenantId: target.tenantId, id: target.subscriptionId });
  if (!found) return { outcome: 'gone' };
  const schedule = scheduleOf(found.subscription);
  // The schedule changed (daily ↔ weekly) after this period was scheduled: that period no longer exists.
  if (!isPeriodKeyOf(schedule, target.periodKey)) return { outcome: 'gone' };
  const period: Period = periodFromKey(schedule, target.periodKey);
  const messageId = digestMessageId(target, deps.publicUrl);

  // 1. Reserve, committed on its own.
  const reservedAt = clock.now();
  try {
    await digestRepository(db).reserve({
      tenantId: target.tenantId,
      id: newId(reservedAt.getTime()),
      subscriptionId: target.subscriptionId,
      periodKey: target.periodKey,
      status: 'reserved',
      messageId,
      attempts: 0,
      reservedAt,
      coveredUntil: period.dueAt,
    });
  } catch (error) {
    if (pgErrorOf(error)?.code === '23503') return { outcome: 'gone' };
    throw error;
  }

  const result = await withOwnSession(db, async (session): Promise<DeliveryResult | { outcome: 'failed'; error: unknown }> => {
    // 2. One sender at a time, for as long as its session lives.
    const lockKey = sql`hashtextextended(${`digest:${target.tenantId}:${target.subscriptionId}:${target.periodKey}`}, 0)`;
    const locked = await session.execute<{ locked: boolean }>(sql`select pg_try_advisory_lock(${lockKey}) as locked`);
    if (!locked.rows[0]?.locked) return { outcome: 'busy' };
    try {
      return await sendLocked(session);
    } finally {
      await session.execute(sql`select pg_advisory_unlock(${lockKey})`);
    }
  });

  async function sendLocked(session: Db): Promise<DeliveryResult | { outcome: 'failed'; error: unknown }> {
    // 3. Check, compose and mark in flight, in one transaction.
    type Prepared = { done: DeliveryResult } | { delivery: DeliveryRow; address: string; digest: Awaited<ReturnType<typeof buildDigest>> };
    const prepared = await session.transaction(async (tx): Promise<Prepared> => {
      const repository = digestRepository(tx);
      const delivery = await repository.delivery(target);
      if (!delivery) return { done: { outcome: 'gone' } };
      if (delivery.status === 'sent' || delivery.status === 'skipped') return { done: { outcome: 'done' } };
      const finish = (values: Partial<DeliveryRow>) => repository.updateDelivery({ tenantId: target.tenantId, id: delivery.id, values });
      // An SMTP exchange began and was never recorded, and nobody holds the lock: its worker died.
      const interrupted = delivery.lastError === IN_FLIGHT;

      // R8: the subscription as it is now (held FOR SHARE until this transaction ends), and the suppression list.
      const current = await repository.findForDelivery({ tenantId: target.tenantId, id: target.subscriptionId, lock: true });
      if (!current) return { done: { outcome: 'gone' } };
      const now = clock.now();
      const since = await digestSince({ db: tx, subscription: current.subscription, period, exceptPeriod: target.periodKey });
      const window = { since, until: period.dueAt, now, periodKey: target.periodKey };
      const address = current.userEmail;

      if (interrupted) {
        const digest = await buildDigest({ db: tx, deps, found: current, window, record: true });
        const delivered = mailer.delivered ? await mailer.delivered(messageId) : undefined;
        if (delivered === true) {
          await finish({ status: 'sent', sentAt: now, lastError: 'recovered: the transport had this Message-ID' });
          await logMail({ executor: tx, address, digest, sentAt: now });
          log.warn({ messageId }, 'digest had been sent by a worker that died; recorded without sending again');
          return { done: { outcome: 'recovered', messageId } };
        }
        if (delivered === undefined) {
          // Plain SMTP cannot be asked. Never a second mail; the next digest starts where this one started.
          await finish({ status: 'sent', sentAt: now, coveredUntil: since, lastError: 'uncertain: the worker died during the SMTP exchange; not sent again' });
          await logMail({ executor: tx, address, digest, sentAt: now });
          log.warn({ messageId }, 'a worker died during a digest send; not sent again, its content moves to the next digest');
          return { done: { outcome: 'uncertain', messageId } };
        }
        // The transport does not have it: the worker died before the message got there. Send it.
      }

      if (!current.subscription.active || !current.userActive) {
        await finish({ status: 'skipped', lastError: current.subscription.active ? 'recipient_inactive' : 'unsubscribed' });
        return { done: { outcome: 'skipped_inactive' } };
      }
      if (await suppressionRepository(tx).isSuppressed({ tenantId: target.tenantId, email: address })) {
        await finish({ status: 'skipped', lastError: 'suppressed' });
        return { done: { outcome: 'skipped_suppressed' } };
      }
      const digest = await buildDigest({ db: tx, deps, found: current, window, record: true });
      if (digest.content.sections.length === 0) {
        await finish({ status: 'skipped', lastError: 'empty' });
        return { done: { outcome: 'skipped_empty' } };
      }
      await finish({ attempts: delivery.attempts + 1, lastError: IN_FLIGHT });
      return { delivery, address, digest };
    });
    if ('done' in prepared) return prepared.done;

    // 4. Send.
    const { delivery, address, digest } = prepared;
    const finish = (executor: Executor, values: Partial<DeliveryRow>) =>
      digestRepository(executor).updateDelivery({ tenantId: target.tenantId, id: delivery.id, values });
    try {
      await timed(deps.timings, 'send', () =>
        mailer.send({
          to: address,
          subject: digest.subject,
          text: digest.text,
          html: digest.html,
          messageId,
          headers: {
            'List-Unsubscribe': `<${digest.unsubscribeUrl}>`,
            'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
            'Auto-Submitted': 'auto-generated',
          },
        }),
      );
    } catch (error) {
      if (isHardBounce(error)) {
        await session.transaction(async (tx) => {
          await suppressionRepository(tx).suppress({ tenantId: target.tenantId, email: address, reason: 'hard_bounce', at: clock.now() });
          await finish(tx, { status: 'skipped', lastError: `hard bounce: ${describeError(error)}` });
        });
        log.warn('recipient address rejected permanently; suppressed');
        return { outcome: 'skipped_suppressed' };
      }
      await finish(session, { status: 'failed', lastError: describeError(error) });
      return { outcome: 'failed', error };
    }

    // 5. Record.
    const sentAt = clock.now();
    await timed(deps.timings, 'send', () =>
      session.transaction(async (tx) => {
        await finish(tx, { status: 'sent', sentAt, lastError: null });
        await logMail({ executor: tx, address, digest, sentAt });
      }),
    );
    return { outcome: 'sent', messageId };
  }

  async function logMail({
    executor,
    address,
    digest,
    sentAt,
  }: {
    executor: Executor;
    address: string;
    digest: { subject: string; content: DigestContent };
    sentAt: Date;
  }) {
    await digestRepository(executor).logMail({
      tenantId: target.tenantId,
      id: newId(sentAt.getTime()),
      kind: 'digest',
      recipient: address,
      recipientHash: emailHash(address),
      subject: digest.subject,
      messageId,
      candidateIds: digest.content.candidateIds,
      sentAt,
    });
  }

  if (result.outcome === 'failed') {
    const { error } = result as { error: unknown };
    log.warn({ reason: describeError(error) }, 'digest send failed; the job will be retried');
    throw new DigestSendError(`digest send failed: ${describeError(error)}`, { cause: error });
  }
  return result;
}
