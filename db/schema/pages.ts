import { sql } from 'drizzle-orm';
import { index, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt } from './columns.js';

/**
 * Signed-in browser sessions of the pages (REQUIREMENTS A8). The cookie carries the tenant and a
 * random secret; only the secret's SHA-256 is stored, so a database read gives no usable cookie.
 * `kind` says what signed in ('user': staff and employer contacts; later kinds such as 'jobseeker'
 * register their own resolver), `subject_id` which one of that kind.
 */
export const pageSessions = pgTable(
  'page_sessions',
  {
    tenantId: uuid('tenant_id').notNull(),
    id: uuid('id').notNull(),
    secretHash: text('secret_hash').notNull(),
    kind: text('kind').notNull(),
    subjectId: uuid('subject_id').notNull(),
    /** How the session began: 'link' or 'oidc'. */
    method: text('method').notNull(),
    createdAt: createdAt(),
    /** Touched at most once a minute; the idle timeout counts from here. */
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull(),
    /** Absolute end, whatever the activity. */
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    index('page_sessions_subject_idx').on(t.tenantId, t.kind, t.subjectId),
    index('page_sessions_expires_idx').on(t.expiresAt),
  ],
);

/**
 * One-time sign-in links (REQUIREMENTS A8): the link carries the tenant, this id, its expiry and an
 * HMAC over them; `used_at` is set once, in the transaction that starts the session.
 * A sign-in code (a klantmanager gives it to a jobseeker, issue 17) is a row of its own with
 * `code_hash` set: the HMAC of the code, never the code itself; short-lived and single use like a link.
 */
export const signInLinks = pgTable(
  'sign_in_links',
  {
    tenantId: uuid('tenant_id').notNull(),
    id: uuid('id').notNull(),
    kind: text('kind').notNull(),
    subjectId: uuid('subject_id').notNull(),
    /** A local path to open after signing in (checked to be same-origin when created). */
    returnTo: text('return_to'),
    createdAt: createdAt(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }),
    /** Set for sign-in codes only: HMAC-SHA-256 of the normalised code (the code is typed, it carries no tenant). */
    codeHash: text('code_hash'),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    index('sign_in_links_subject_idx').on(t.tenantId, t.kind, t.subjectId, t.createdAt),
    uniqueIndex('sign_in_links_code_hash_key')
      .on(t.codeHash)
      .where(sql`${t.codeHash} is not null`),
  ],
);
