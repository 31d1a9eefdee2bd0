import { sql } from 'drizzle-orm';
import { boolean, check, foreignKey, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, tenantKey, updatedAt } from './columns.js';
import { users } from './users.js';

/** A recipient's digest: how often, when (Europe/Amsterdam), what about, in which language. */
export const digestSubscriptions = pgTable(
  'digest_subscriptions',
  {
    ...tenantKey,
    userId: uuid('user_id').notNull(),
    frequency: text('frequency').notNull(),
    /** ISO weekday 1 (Monday) … 7 for weekly digests. */
    weekday: integer('weekday'),
    hour: integer('hour').notNull(),
    timezone: text('timezone').notNull().default('Europe/Amsterdam'),
    scope: jsonb('scope').$type<Record<string, unknown>>().notNull().default({}),
    lang: text('lang').notNull().default('nl'),
    active: boolean('active').notNull().default(true),
    unsubscribedAt: timestamp('unsubscribed_at', { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({ columns: [t.tenantId, t.userId], foreignColumns: [users.tenantId, users.id] }).onDelete('cascade'),
    index('digest_subscriptions_user_idx').on(t.tenantId, t.userId),
    check('digest_subscriptions_frequency_check', sql`${t.frequency} in ('daily', 'weekly')`),
    check(
      'digest_subscriptions_weekday_check',
      sql`(${t.frequency} = 'weekly') = (${t.weekday} is not null) and (${t.weekday} is null or ${t.weekday} between 1 and 7)`,
    ),
    check('digest_subscriptions_hour_check', sql`${t.hour} between 0 and 23`),
    check('digest_subscriptions_lang_check', sql`${t.lang} in ('nl', 'en')`),
  ],
);

/**
 * One row per (subscription, period): reserved before sending, marked sent after. The unique key is
 * what makes a digest go out exactly once per recipient and period (REQUIREMENTS R3).
 */
export const digestDeliveries = pgTable(
  'digest_deliveries',
  {
    ...tenantKey,
    subscriptionId: uuid('subscription_id').notNull(),
    periodKey: text('period_key').notNull(),
    status: text('status').notNull(),
    messageId: text('message_id'),
    attempts: integer('attempts').notNull().default(0),
    reservedAt: timestamp('reserved_at', { withTimezone: true }).notNull(),
    sentAt: timestamp('sent_at', { withTimezone: true }),
    lastError: text('last_error'),
    /** What the digest covered up to; the next one starts here. */
    coveredUntil: timestamp('covered_until', { withTimezone: true }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({ columns: [t.tenantId, t.subscriptionId], foreignColumns: [digestSubscriptions.tenantId, digestSubscriptions.id] }).onDelete('cascade'),
    uniqueIndex('digest_deliveries_period_key').on(t.tenantId, t.subscriptionId, t.periodKey),
    check('digest_deliveries_status_check', sql`${t.status} in ('reserved', 'sent', 'failed', 'skipped')`),
  ],
);

/**
 * Every e-mail sent. Candidates are referenced by id only; erasure (P5) replaces those ids by a
 * hashed tombstone and removes the recipient address when the person was the recipient.
 */
export const mailLog = pgTable(
  'mail_log',
  {
    ...tenantKey,
    kind: text('kind').notNull(),
    recipient: text('recipient'),
    recipientHash: text('recipient_hash').notNull(),
    subject: text('subject').notNull(),
    messageId: text('message_id'),
    candidateIds: uuid('candidate_ids')
      .array()
      .notNull()
      .default(sql`'{}'::uuid[]`),
    tombstoneHashes: text('tombstone_hashes')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    sentAt: timestamp('sent_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    index('mail_log_sent_idx').on(t.tenantId, t.sentAt),
    index('mail_log_candidates_idx').using('gin', t.candidateIds),
  ],
);

/** Addresses that must not be mailed again: hard bounces, complaints. Keyed by a hash of the address. */
export const emailSuppressions = pgTable(
  'email_suppressions',
  {
    tenantId: uuid('tenant_id').notNull(),
    emailHash: text('email_hash').notNull(),
    reason: text('reason').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.emailHash] }),
    check('email_suppressions_reason_check', sql`${t.reason} in ('hard_bounce', 'complaint', 'manual')`),
  ],
);

/** Every erasure, so that a restored backup can be cleaned again (npm run privacy:replay-erasures). */
export const erasureLedger = pgTable(
  'erasure_ledger',
  {
    ...tenantKey,
    candidateId: uuid('candidate_id').notNull(),
    /** Hash of the candidate id: what remains of them in tombstones. */
    candidateHash: text('candidate_hash').notNull(),
    erasedAt: timestamp('erased_at', { withTimezone: true }).notNull(),
    erasedBy: uuid('erased_by').notNull(),
    reason: text('reason').notNull(),
    receipt: jsonb('receipt').$type<Record<string, unknown>>().notNull(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.id] }), uniqueIndex('erasure_ledger_candidate_key').on(t.tenantId, t.candidateId)],
);
