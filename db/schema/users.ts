import { sql } from 'drizzle-orm';
import { boolean, check, foreignKey, index, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, tenantKey } from './columns.js';
import { employers } from './employers.js';
import { tenants } from './tenants.js';

/** Staff (account_manager, employer_relations, admin) and employer users (bound to one employer). */
export const users = pgTable(
  'users',
  {
    ...tenantKey,
    email: text('email').notNull(),
    name: text('name').notNull(),
    role: text('role').notNull(),
    employerId: uuid('employer_id'),
    active: boolean('active').notNull().default(true),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({ columns: [t.tenantId], foreignColumns: [tenants.id] }),
    foreignKey({ columns: [t.tenantId, t.employerId], foreignColumns: [employers.tenantId, employers.id] }),
    uniqueIndex('users_tenant_email_key').on(t.tenantId, sql`lower(${t.email})`),
    check('users_role_check', sql`${t.role} in ('account_manager', 'employer_relations', 'admin', 'employer')`),
    check('users_employer_binding_check', sql`(${t.role} = 'employer') = (${t.employerId} is not null)`),
  ],
);

/** Bearer tokens: only a SHA-256 hash of the random secret is stored. */
export const apiTokens = pgTable(
  'api_tokens',
  {
    ...tenantKey,
    userId: uuid('user_id').notNull(),
    /** hex SHA-256 of the whole token; looked up before the tenant is known, so unique on its own. */
    tokenHash: text('token_hash').notNull().unique(),
    /** The first characters of the token, to recognise it in listings. */
    prefix: text('prefix').notNull(),
    label: text('label').notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({ columns: [t.tenantId, t.userId], foreignColumns: [users.tenantId, users.id] }).onDelete('cascade'),
    index('api_tokens_user_idx').on(t.tenantId, t.userId),
  ],
);
