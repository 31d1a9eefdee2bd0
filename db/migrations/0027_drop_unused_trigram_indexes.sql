-- The trigram indexes of migration 0003 served a Postgres label search that Meilisearch replaced
-- (search/taxonomy-index.ts); no query uses them, and the ESCO import paid for them on every write.
-- They were also the only difference between the migrated schema and db/schema (test/platform/schema-drift.test.ts).
DROP INDEX IF EXISTS taxonomy_occupations_label_nl_trgm;
--> statement-breakpoint
DROP INDEX IF EXISTS taxonomy_skills_label_nl_trgm;
--> statement-breakpoint
DROP INDEX IF EXISTS taxonomy_skills_label_en_trgm;
