CREATE TABLE "taxonomy_isco_groups" (
	"code" text PRIMARY KEY NOT NULL,
	"uri" text NOT NULL,
	"label_nl" text,
	"label_en" text
);
--> statement-breakpoint
CREATE TABLE "taxonomy_occupation_skills" (
	"occupation_uri" text NOT NULL,
	"skill_uri" text NOT NULL,
	"relation" text NOT NULL,
	CONSTRAINT "taxonomy_occupation_skills_occupation_uri_skill_uri_pk" PRIMARY KEY("occupation_uri","skill_uri"),
	CONSTRAINT "taxonomy_occupation_skills_relation_check" CHECK ("taxonomy_occupation_skills"."relation" in ('essential', 'optional'))
);
--> statement-breakpoint
CREATE TABLE "taxonomy_occupations" (
	"uri" text PRIMARY KEY NOT NULL,
	"code" text,
	"isco_group" text,
	"label_nl" text,
	"label_en" text,
	"alt_labels_nl" text[] DEFAULT '{}'::text[] NOT NULL,
	"hidden_labels_nl" text[] DEFAULT '{}'::text[] NOT NULL,
	"alt_labels_en" text[] DEFAULT '{}'::text[] NOT NULL,
	"description_nl" text,
	"description_en" text,
	"regulated_note" text,
	"source" text NOT NULL,
	"imported_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "taxonomy_occupations_source_check" CHECK ("taxonomy_occupations"."source" in ('esco', 'demo'))
);
--> statement-breakpoint
CREATE TABLE "taxonomy_skill_relations" (
	"skill_uri" text NOT NULL,
	"related_skill_uri" text NOT NULL,
	"relation" text NOT NULL,
	CONSTRAINT "taxonomy_skill_relations_skill_uri_related_skill_uri_pk" PRIMARY KEY("skill_uri","related_skill_uri")
);
--> statement-breakpoint
CREATE TABLE "taxonomy_skills" (
	"uri" text PRIMARY KEY NOT NULL,
	"skill_type" text,
	"reuse_level" text,
	"label_nl" text,
	"label_en" text,
	"alt_labels_nl" text[] DEFAULT '{}'::text[] NOT NULL,
	"alt_labels_en" text[] DEFAULT '{}'::text[] NOT NULL,
	"description_en" text,
	"source" text NOT NULL,
	"imported_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "taxonomy_skills_source_check" CHECK ("taxonomy_skills"."source" in ('esco', 'demo'))
);
--> statement-breakpoint
CREATE INDEX "taxonomy_occupation_skills_skill_idx" ON "taxonomy_occupation_skills" USING btree ("skill_uri");--> statement-breakpoint
CREATE INDEX "taxonomy_skill_relations_related_idx" ON "taxonomy_skill_relations" USING btree ("related_skill_uri");