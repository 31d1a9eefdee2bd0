import { sql } from 'drizzle-orm';
import { check, foreignKey, index, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { tenants } from './tenants.js';
import { users } from './users.js';

/*
 * The occupation and skill taxonomy (ESCO, © European Union, reuse with attribution), or the
 * project's small demo taxonomy when ESCO has not been imported. Reference data shared by all
 * tenants: no tenant_id, read-only for the API. URIs are the same in every language. A tenant's own
 * labels for concepts live apart, in tenant_concept_labels (tenant data).
 */

export const taxonomyIscoGroups = pgTable('taxonomy_isco_groups', {
  code: text('code').primaryKey(),
  uri: text('uri').notNull(),
  labelNl: text('label_nl'),
  labelEn: text('label_en'),
});

export const taxonomyOccupations = pgTable(
  'taxonomy_occupations',
  {
    uri: text('uri').primaryKey(),
    /** ESCO code, e.g. 8344.1 (ISCO group + sequence). */
    code: text('code'),
    iscoGroup: text('isco_group'),
    labelNl: text('label_nl'),
    labelEn: text('label_en'),
    /** Dutch alternative labels (synonyms, spelling variants, e.g. vorkheftruckbestuurder). */
    altLabelsNl: text('alt_labels_nl')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    hiddenLabelsNl: text('hidden_labels_nl')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    altLabelsEn: text('alt_labels_en')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    descriptionNl: text('description_nl'),
    descriptionEn: text('description_en'),
    regulatedNote: text('regulated_note'),
    /** 'esco' or 'demo'. */
    source: text('source').notNull(),
    importedAt: timestamp('imported_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [check('taxonomy_occupations_source_check', sql`${t.source} in ('esco', 'demo')`)],
);

export const taxonomySkills = pgTable(
  'taxonomy_skills',
  {
    uri: text('uri').primaryKey(),
    /** 'skill/competence', 'knowledge' or 'language'. */
    skillType: text('skill_type'),
    reuseLevel: text('reuse_level'),
    labelNl: text('label_nl'),
    labelEn: text('label_en'),
    altLabelsNl: text('alt_labels_nl')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    altLabelsEn: text('alt_labels_en')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    descriptionEn: text('description_en'),
    source: text('source').notNull(),
    importedAt: timestamp('imported_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [check('taxonomy_skills_source_check', sql`${t.source} in ('esco', 'demo')`)],
);

/** Which skills an occupation asks: essential or optional. */
export const taxonomyOccupationSkills = pgTable(
  'taxonomy_occupation_skills',
  {
    occupationUri: text('occupation_uri').notNull(),
    skillUri: text('skill_uri').notNull(),
    relation: text('relation').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.occupationUri, t.skillUri] }),
    index('taxonomy_occupation_skills_skill_idx').on(t.skillUri),
    check('taxonomy_occupation_skills_relation_check', sql`${t.relation} in ('essential', 'optional')`),
  ],
);

/** Skill-to-skill relations (ESCO: essential/optional); related skills count as partial evidence. */
export const taxonomySkillRelations = pgTable(
  'taxonomy_skill_relations',
  {
    skillUri: text('skill_uri').notNull(),
    relatedSkillUri: text('related_skill_uri').notNull(),
    relation: text('relation').notNull(),
  },
  (t) => [primaryKey({ columns: [t.skillUri, t.relatedSkillUri] }), index('taxonomy_skill_relations_related_idx').on(t.relatedSkillUri)],
);

/**
 * The ESCO skills hierarchy: a skill's broader concept, another skill or a skill group. Broader and
 * narrower skills, and skills of the same group, are partial evidence for each other (matcher credit).
 */
export const taxonomySkillBroader = pgTable(
  'taxonomy_skill_broader',
  {
    skillUri: text('skill_uri').notNull(),
    broaderUri: text('broader_uri').notNull(),
    /** 'skill' or 'group'. */
    broaderKind: text('broader_kind').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.skillUri, t.broaderUri] }),
    index('taxonomy_skill_broader_broader_idx').on(t.broaderUri),
    check('taxonomy_skill_broader_kind_check', sql`${t.broaderKind} in ('skill', 'group')`),
  ],
);

/**
 * A tenant's own Dutch label and synonyms for a taxonomy concept (issue 13.3): ESCO has Dutch labels
 * for only a sixth of its skills. Tenant data, not reference data: only that tenant's look-ups,
 * suggestions and concept views use it. Keyed by concept URI without a foreign key to the taxonomy
 * tables, so that an ESCO import (which upserts concepts and may remove demo ones) never touches it.
 */
export const tenantConceptLabels = pgTable(
  'tenant_concept_labels',
  {
    tenantId: uuid('tenant_id').notNull(),
    conceptUri: text('concept_uri').notNull(),
    /** The tenant's preferred Dutch label; null: keep the taxonomy's label, only add synonyms. */
    label: text('label'),
    /** Dutch synonyms: words by which the tenant's people find the concept. */
    synonyms: text('synonyms')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    updatedBy: uuid('updated_by').notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.conceptUri] }),
    foreignKey({ columns: [t.tenantId], foreignColumns: [tenants.id] }),
    foreignKey({ columns: [t.tenantId, t.updatedBy], foreignColumns: [users.tenantId, users.id] }),
    check('tenant_concept_labels_not_empty_check', sql`${t.label} is not null or cardinality(${t.synonyms}) > 0`),
  ],
);
