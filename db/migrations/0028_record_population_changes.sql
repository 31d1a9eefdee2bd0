CREATE TABLE "matching_population_changes" (
	"tenant_id" uuid NOT NULL,
	"version" bigint NOT NULL,
	"candidate_id" uuid NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "matching_population_changes_tenant_id_version_candidate_id_pk" PRIMARY KEY("tenant_id","version","candidate_id")
);
--> statement-breakpoint
ALTER TABLE "matching_population_changes" ADD CONSTRAINT "matching_population_changes_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "matching_population_changes_at_idx" ON "matching_population_changes" USING btree ("at");--> statement-breakpoint
-- Issue 13.10: the change feed of the population cache. A statement that inserts or changes
-- candidates raises its tenants' version (as since 0009) and records, under that version, which
-- candidates it touched. The version row stays locked until commit, so versions are given out in
-- commit order and without gaps: a reader that has seen version S and now sees S' reads the rows of
-- (S, S'] and has every change. A delete records no ids (an erased person's id must not stay behind,
-- REQUIREMENTS P5): its version has no rows, and a reader that finds a version without rows reads
-- the whole member list again, as before this migration.
CREATE OR REPLACE FUNCTION bump_population_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    INSERT INTO matching_populations (tenant_id, version)
      SELECT DISTINCT tenant_id, 1 FROM old_rows
      ON CONFLICT (tenant_id) DO UPDATE SET version = matching_populations.version + 1;
  ELSE
    WITH bumped AS (
      INSERT INTO matching_populations (tenant_id, version)
        SELECT DISTINCT tenant_id, 1 FROM new_rows
        ON CONFLICT (tenant_id) DO UPDATE SET version = matching_populations.version + 1
        RETURNING tenant_id, version
    )
    INSERT INTO matching_population_changes (tenant_id, version, candidate_id)
      SELECT new_rows.tenant_id, bumped.version, new_rows.id FROM new_rows JOIN bumped ON bumped.tenant_id = new_rows.tenant_id;
  END IF;
  RETURN NULL;
END $$;
