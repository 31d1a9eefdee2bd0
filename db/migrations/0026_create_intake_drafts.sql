CREATE TABLE "intake_drafts" (
	"tenant_id" uuid NOT NULL,
	"candidate_id" uuid NOT NULL,
	"questionnaire_version" text NOT NULL,
	"answers" jsonb NOT NULL,
	"updated_by" uuid NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "intake_drafts_tenant_id_candidate_id_pk" PRIMARY KEY("tenant_id","candidate_id")
);
--> statement-breakpoint
ALTER TABLE "intake_drafts" ADD CONSTRAINT "intake_drafts_tenant_id_candidate_id_candidates_tenant_id_id_fk" FOREIGN KEY ("tenant_id","candidate_id") REFERENCES "public"."candidates"("tenant_id","id") ON DELETE cascade ON UPDATE no action;
