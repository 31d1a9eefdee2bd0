CREATE TABLE "taxonomy_skill_broader" (
	"skill_uri" text NOT NULL,
	"broader_uri" text NOT NULL,
	"broader_kind" text NOT NULL,
	CONSTRAINT "taxonomy_skill_broader_skill_uri_broader_uri_pk" PRIMARY KEY("skill_uri","broader_uri"),
	CONSTRAINT "taxonomy_skill_broader_kind_check" CHECK ("taxonomy_skill_broader"."broader_kind" in ('skill', 'group'))
);
--> statement-breakpoint
CREATE INDEX "taxonomy_skill_broader_broader_idx" ON "taxonomy_skill_broader" USING btree ("broader_uri");