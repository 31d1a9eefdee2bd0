-- Trigram indexes: substring and fuzzy look-ups on labels (Dutch compounds, typos) inside Postgres.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS taxonomy_occupations_label_nl_trgm ON taxonomy_occupations USING gin (label_nl gin_trgm_ops);
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS taxonomy_skills_label_nl_trgm ON taxonomy_skills USING gin (label_nl gin_trgm_ops);
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS taxonomy_skills_label_en_trgm ON taxonomy_skills USING gin (label_en gin_trgm_ops);
