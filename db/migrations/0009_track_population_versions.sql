CREATE TABLE "matching_populations" (
	"tenant_id" uuid PRIMARY KEY NOT NULL,
	"version" bigint NOT NULL
);
--> statement-breakpoint
ALTER TABLE "matching_populations" ADD CONSTRAINT "matching_populations_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
-- Every statement that inserts, changes or deletes candidates raises its tenants' version, in the
-- same transaction: the matcher's population cache (src/matching/matching.population.ts) compares it.
CREATE FUNCTION bump_population_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    INSERT INTO matching_populations (tenant_id, version)
      SELECT DISTINCT tenant_id, 1 FROM old_rows
      ON CONFLICT (tenant_id) DO UPDATE SET version = matching_populations.version + 1;
  ELSE
    INSERT INTO matching_populations (tenant_id, version)
      SELECT DISTINCT tenant_id, 1 FROM new_rows
      ON CONFLICT (tenant_id) DO UPDATE SET version = matching_populations.version + 1;
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER candidates_population_insert AFTER INSERT ON candidates
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION bump_population_version();
--> statement-breakpoint
CREATE TRIGGER candidates_population_update AFTER UPDATE ON candidates
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION bump_population_version();
--> statement-breakpoint
CREATE TRIGGER candidates_population_delete AFTER DELETE ON candidates
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION bump_population_version();
