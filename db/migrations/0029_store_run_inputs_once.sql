-- Issue 13.11: a run's inputs are stored once per subject and digest (match_inputs) and named by
-- digest from match_run_inputs, instead of in full in every run. The inputs stored so far move
-- over under a digest of their stored text ('v0:' + SHA-256 of the jsonb text; new runs use the
-- SHA-256 of the input as the matcher saw it, so the two never meet), each with the day of the
-- newest run that names it. 0030 then drops the inline column. The foreign key from
-- match_run_inputs to match_runs goes: its check cost every ranking a look-up per row, and the rows
-- are only written with their run, in one statement, and runs are never deleted (0005).
CREATE TABLE "match_inputs" (
	"tenant_id" uuid NOT NULL,
	"subject_id" uuid NOT NULL,
	"digest" text NOT NULL,
	"input" jsonb NOT NULL,
	"used_on" date NOT NULL,
	CONSTRAINT "match_inputs_tenant_id_subject_id_digest_pk" PRIMARY KEY("tenant_id","subject_id","digest")
);
--> statement-breakpoint
ALTER TABLE "match_run_inputs" DROP CONSTRAINT "match_run_inputs_tenant_id_run_id_match_runs_tenant_id_id_fk";--> statement-breakpoint
ALTER TABLE "match_run_inputs" ADD COLUMN "digest" text;--> statement-breakpoint
UPDATE "match_run_inputs" SET "digest" = 'v0:' || encode(sha256(convert_to("input"::text, 'UTF8')), 'hex');--> statement-breakpoint
INSERT INTO "match_inputs" ("tenant_id", "subject_id", "digest", "input", "used_on")
  SELECT DISTINCT ON (i."tenant_id", i."subject_id", i."digest") i."tenant_id", i."subject_id", i."digest", i."input", (r."at" AT TIME ZONE 'UTC')::date
    FROM "match_run_inputs" i JOIN "match_runs" r ON r."tenant_id" = i."tenant_id" AND r."id" = i."run_id"
   ORDER BY i."tenant_id", i."subject_id", i."digest", r."at" DESC;--> statement-breakpoint
ALTER TABLE "match_run_inputs" ALTER COLUMN "digest" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "match_inputs" ADD CONSTRAINT "match_inputs_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "match_inputs_used_on_idx" ON "match_inputs" USING btree ("used_on");
