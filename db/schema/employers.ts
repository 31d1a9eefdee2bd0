import { sql } from 'drizzle-orm';
import { check, doublePrecision, foreignKey, index, jsonb, pgTable, primaryKey, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, tenantKey, updatedAt } from './columns.js';
import { tenants } from './tenants.js';

export type EmployerContact = { name: string; role?: string | undefined; email?: string | undefined; phone?: string | undefined };

export const employers = pgTable(
  'employers',
  {
    ...tenantKey,
    name: text('name').notNull(),
    /** Chamber of Commerce number (KvK), 8 digits. */
    kvkNumber: text('kvk_number'),
    sector: text('sector').notNull(),
    description: text('description'),
    website: text('website'),
    contacts: jsonb('contacts').$type<EmployerContact[]>().notNull().default([]),
    /** The employer's key in the case system it was imported from (CSV import, issue 19.4); null when made here. */
    sourceKey: text('source_key'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({ columns: [t.tenantId], foreignColumns: [tenants.id] }),
    index('employers_name_idx').on(t.tenantId, t.name),
    uniqueIndex('employers_source_key').on(t.tenantId, t.sourceKey),
  ],
);

export const employerLocations = pgTable(
  'employer_locations',
  {
    ...tenantKey,
    employerId: uuid('employer_id').notNull(),
    name: text('name').notNull(),
    street: text('street'),
    houseNumber: text('house_number'),
    /** Four digits (PC4), always present. */
    postcode4: text('postcode4').notNull(),
    /** Two letters completing a full postcode (PC6), when known. */
    postcodeLetters: text('postcode_letters'),
    city: text('city').notNull(),
    latitude: doublePrecision('latitude').notNull(),
    longitude: doublePrecision('longitude').notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({ columns: [t.tenantId, t.employerId], foreignColumns: [employers.tenantId, employers.id] }).onDelete('cascade'),
    index('employer_locations_employer_idx').on(t.tenantId, t.employerId),
    check('employer_locations_pc4_check', sql`${t.postcode4} ~ '^[1-9][0-9]{3}$'`),
  ],
);
