import { jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { createdAt } from './columns.js';

/** One Werkplein. Every other row belongs to exactly one tenant. */
export const tenants = pgTable('tenants', {
  id: uuid('id').primaryKey(),
  slug: text('slug').notNull().unique(),
  name: text('name').notNull(),
  /** Tenant switches, e.g. { rankingEnabled: true }. */
  settings: jsonb('settings').$type<Record<string, unknown>>().notNull().default({}),
  createdAt: createdAt(),
  /** Set by the operator (`npm run tenant:disable`): its tokens, sessions, sign-in links and digests stop. */
  disabledAt: timestamp('disabled_at', { withTimezone: true }),
});
