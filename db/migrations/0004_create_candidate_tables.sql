CREATE TABLE "candidate_assessments" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"candidate_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"score" integer NOT NULL,
	"evidence" text NOT NULL,
	"assessed_by" uuid NOT NULL,
	"assessed_at" timestamp with time zone NOT NULL,
	"intake_id" uuid,
	CONSTRAINT "candidate_assessments_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "candidate_assessments_kind_check" CHECK ("candidate_assessments"."kind" in ('motivation', 'potential')),
	CONSTRAINT "candidate_assessments_score_check" CHECK ("candidate_assessments"."score" between 1 and 5)
);
--> statement-breakpoint
CREATE TABLE "candidate_audit_attributes" (
	"tenant_id" uuid NOT NULL,
	"candidate_id" uuid NOT NULL,
	"gender" text,
	"age_band" text,
	"migration_background" text,
	"disability" text,
	"recorded_at" timestamp with time zone NOT NULL,
	"recorded_by" uuid NOT NULL,
	CONSTRAINT "candidate_audit_attributes_tenant_id_candidate_id_pk" PRIMARY KEY("tenant_id","candidate_id")
);
--> statement-breakpoint
CREATE TABLE "candidate_barriers" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"candidate_id" uuid NOT NULL,
	"domain" text NOT NULL,
	"severity" text NOT NULL,
	"solvable" boolean NOT NULL,
	"description" text,
	"action" text,
	"action_owner" text,
	"action_status" text,
	"action_done_at" timestamp with time zone,
	"unlocks_mode" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "candidate_barriers_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "candidate_barriers_domain_check" CHECK ("candidate_barriers"."domain" in ('health', 'finances', 'childcare', 'housing', 'language', 'digital_skills', 'mobility', 'care_duties')),
	CONSTRAINT "candidate_barriers_severity_check" CHECK ("candidate_barriers"."severity" in ('light', 'moderate', 'severe')),
	CONSTRAINT "candidate_barriers_action_status_check" CHECK ("candidate_barriers"."action_status" is null or "candidate_barriers"."action_status" in ('open', 'done'))
);
--> statement-breakpoint
CREATE TABLE "candidate_consents" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"candidate_id" uuid NOT NULL,
	"purpose" text NOT NULL,
	"text_version" text NOT NULL,
	"given_at" timestamp with time zone NOT NULL,
	"recorded_by" uuid NOT NULL,
	"withdrawn_at" timestamp with time zone,
	"withdrawn_by" uuid,
	"expires_at" timestamp with time zone,
	CONSTRAINT "candidate_consents_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "candidate_consents_purpose_check" CHECK ("candidate_consents"."purpose" in ('share_with_employers', 'disclose_identity'))
);
--> statement-breakpoint
CREATE TABLE "candidate_contacts" (
	"tenant_id" uuid NOT NULL,
	"candidate_id" uuid NOT NULL,
	"given_name" text NOT NULL,
	"family_name" text NOT NULL,
	"email" text,
	"phone" text,
	"street" text,
	"house_number" text,
	"postcode" text,
	"city" text,
	"date_of_birth" date,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "candidate_contacts_tenant_id_candidate_id_pk" PRIMARY KEY("tenant_id","candidate_id")
);
--> statement-breakpoint
CREATE TABLE "candidate_history" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"candidate_id" uuid NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"actor_user_id" uuid,
	"change" text NOT NULL,
	"fields" text[] NOT NULL,
	"summary" text,
	CONSTRAINT "candidate_history_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "candidate_profiles" (
	"tenant_id" uuid NOT NULL,
	"candidate_id" uuid NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"intake_id" uuid,
	"questionnaire_version" text,
	"work_wishes" jsonb,
	"experience" jsonb,
	"competencies" jsonb,
	"availability" jsonb,
	"hours_now" integer,
	"hours_target" integer,
	"ramp_up_plan" integer[],
	"mobility" jsonb,
	"certificates" text[],
	"education_level" integer,
	"diplomas" jsonb,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" uuid,
	CONSTRAINT "candidate_profiles_tenant_id_candidate_id_pk" PRIMARY KEY("tenant_id","candidate_id")
);
--> statement-breakpoint
CREATE TABLE "candidates" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"reference" text NOT NULL,
	"status" text NOT NULL,
	"account_manager_id" uuid,
	"postcode4" text NOT NULL,
	"home_latitude" double precision,
	"home_longitude" double precision,
	"municipality" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "candidates_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "candidates_status_check" CHECK ("candidates"."status" in ('active', 'paused', 'placed', 'participation_route')),
	CONSTRAINT "candidates_pc4_check" CHECK ("candidates"."postcode4" ~ '^[1-9][0-9]{3}$')
);
--> statement-breakpoint
CREATE TABLE "intakes" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"candidate_id" uuid NOT NULL,
	"questionnaire_version" text NOT NULL,
	"answers" jsonb NOT NULL,
	"submitted_by" uuid NOT NULL,
	"submitted_at" timestamp with time zone NOT NULL,
	CONSTRAINT "intakes_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "outbox" (
	"tenant_id" uuid NOT NULL,
	"seq" integer GENERATED ALWAYS AS IDENTITY (sequence name "outbox_seq_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"topic" text NOT NULL,
	"entity_id" uuid NOT NULL,
	"operation" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"available_at" timestamp with time zone DEFAULT now() NOT NULL,
	"processed_at" timestamp with time zone,
	"last_error" text,
	CONSTRAINT "outbox_tenant_id_seq_pk" PRIMARY KEY("tenant_id","seq"),
	CONSTRAINT "outbox_operation_check" CHECK ("outbox"."operation" in ('upsert', 'delete'))
);
--> statement-breakpoint
CREATE TABLE "match_run_inputs" (
	"tenant_id" uuid NOT NULL,
	"run_id" uuid NOT NULL,
	"subject_id" uuid NOT NULL,
	"input" jsonb NOT NULL,
	CONSTRAINT "match_run_inputs_tenant_id_run_id_subject_id_pk" PRIMARY KEY("tenant_id","run_id","subject_id")
);
--> statement-breakpoint
CREATE TABLE "match_runs" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"kind" text NOT NULL,
	"subject_id" uuid NOT NULL,
	"actor_user_id" uuid NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"matcher_version" text NOT NULL,
	"weights_version" integer NOT NULL,
	"weights" jsonb NOT NULL,
	"inputs_hash" text NOT NULL,
	"population" integer NOT NULL,
	"eligible" integer NOT NULL,
	"results" jsonb NOT NULL,
	CONSTRAINT "match_runs_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "match_runs_kind_check" CHECK ("match_runs"."kind" in ('vacancy', 'candidate'))
);
--> statement-breakpoint
CREATE TABLE "match_weights" (
	"tenant_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"weights" jsonb NOT NULL,
	"note" text,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "match_weights_tenant_id_version_pk" PRIMARY KEY("tenant_id","version")
);
--> statement-breakpoint
ALTER TABLE "candidate_assessments" ADD CONSTRAINT "candidate_assessments_tenant_id_candidate_id_candidates_tenant_id_id_fk" FOREIGN KEY ("tenant_id","candidate_id") REFERENCES "public"."candidates"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "candidate_audit_attributes" ADD CONSTRAINT "candidate_audit_attributes_tenant_id_candidate_id_candidates_tenant_id_id_fk" FOREIGN KEY ("tenant_id","candidate_id") REFERENCES "public"."candidates"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "candidate_barriers" ADD CONSTRAINT "candidate_barriers_tenant_id_candidate_id_candidates_tenant_id_id_fk" FOREIGN KEY ("tenant_id","candidate_id") REFERENCES "public"."candidates"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "candidate_consents" ADD CONSTRAINT "candidate_consents_tenant_id_candidate_id_candidates_tenant_id_id_fk" FOREIGN KEY ("tenant_id","candidate_id") REFERENCES "public"."candidates"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "candidate_contacts" ADD CONSTRAINT "candidate_contacts_tenant_id_candidate_id_candidates_tenant_id_id_fk" FOREIGN KEY ("tenant_id","candidate_id") REFERENCES "public"."candidates"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "candidate_history" ADD CONSTRAINT "candidate_history_tenant_id_candidate_id_candidates_tenant_id_id_fk" FOREIGN KEY ("tenant_id","candidate_id") REFERENCES "public"."candidates"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "candidate_profiles" ADD CONSTRAINT "candidate_profiles_tenant_id_candidate_id_candidates_tenant_id_id_fk" FOREIGN KEY ("tenant_id","candidate_id") REFERENCES "public"."candidates"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "candidates" ADD CONSTRAINT "candidates_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "candidates" ADD CONSTRAINT "candidates_tenant_id_account_manager_id_users_tenant_id_id_fk" FOREIGN KEY ("tenant_id","account_manager_id") REFERENCES "public"."users"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "intakes" ADD CONSTRAINT "intakes_tenant_id_candidate_id_candidates_tenant_id_id_fk" FOREIGN KEY ("tenant_id","candidate_id") REFERENCES "public"."candidates"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "match_run_inputs" ADD CONSTRAINT "match_run_inputs_tenant_id_run_id_match_runs_tenant_id_id_fk" FOREIGN KEY ("tenant_id","run_id") REFERENCES "public"."match_runs"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "match_weights" ADD CONSTRAINT "match_weights_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "candidate_assessments_candidate_idx" ON "candidate_assessments" USING btree ("tenant_id","candidate_id","kind","assessed_at");--> statement-breakpoint
CREATE UNIQUE INDEX "candidate_barriers_domain_key" ON "candidate_barriers" USING btree ("tenant_id","candidate_id","domain");--> statement-breakpoint
CREATE UNIQUE INDEX "candidate_consents_active_key" ON "candidate_consents" USING btree ("tenant_id","candidate_id","purpose") WHERE "candidate_consents"."withdrawn_at" is null;--> statement-breakpoint
CREATE INDEX "candidate_history_candidate_idx" ON "candidate_history" USING btree ("tenant_id","candidate_id","at");--> statement-breakpoint
CREATE UNIQUE INDEX "candidates_reference_key" ON "candidates" USING btree ("tenant_id","reference");--> statement-breakpoint
CREATE INDEX "candidates_account_manager_idx" ON "candidates" USING btree ("tenant_id","account_manager_id");--> statement-breakpoint
CREATE INDEX "candidates_status_idx" ON "candidates" USING btree ("tenant_id","status","id");--> statement-breakpoint
CREATE INDEX "intakes_candidate_idx" ON "intakes" USING btree ("tenant_id","candidate_id","submitted_at");--> statement-breakpoint
CREATE INDEX "outbox_pending_idx" ON "outbox" USING btree ("available_at","seq") WHERE "outbox"."processed_at" is null;--> statement-breakpoint
CREATE INDEX "match_run_inputs_subject_idx" ON "match_run_inputs" USING btree ("tenant_id","subject_id");--> statement-breakpoint
CREATE INDEX "match_runs_subject_idx" ON "match_runs" USING btree ("tenant_id","kind","subject_id","at");