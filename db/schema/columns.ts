import { timestamp, uuid } from 'drizzle-orm/pg-core';

/** Every tenant-owned table starts with these: the tenant is the distribution column (Citus-ready). */
export const tenantKey = {
  tenantId: uuid('tenant_id').notNull(),
  id: uuid('id').notNull(),
};

export const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();
export const updatedAt = () => timestamp('updated_at', { withTimezone: true }).notNull().defaultNow();
