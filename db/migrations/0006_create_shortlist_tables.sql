CREATE TABLE "employer_feedback" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"shortlist_candidate_id" uuid NOT NULL,
	"decision" text NOT NULL,
	"reason_code" text,
	"reason_text" text,
	"protected_ground_flag" boolean DEFAULT false NOT NULL,
	"flagged_terms" text[] DEFAULT '{}'::text[] NOT NULL,
	"given_by" uuid NOT NULL,
	"given_at" timestamp with time zone NOT NULL,
	CONSTRAINT "employer_feedback_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "employer_feedback_decision_check" CHECK ("employer_feedback"."decision" in ('invite', 'hire', 'decline'))
);
--> statement-breakpoint
CREATE TABLE "placement_follow_ups" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"placement_id" uuid NOT NULL,
	"month_mark" integer NOT NULL,
	"due_on" date NOT NULL,
	"outcome" text,
	"dropout_reason" text,
	"note" text,
	"recorded_by" uuid,
	"recorded_at" timestamp with time zone,
	"reminder_sent_at" timestamp with time zone,
	CONSTRAINT "placement_follow_ups_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "placement_follow_ups_mark_check" CHECK ("placement_follow_ups"."month_mark" in (1, 3, 6)),
	CONSTRAINT "placement_follow_ups_outcome_check" CHECK ("placement_follow_ups"."outcome" is null or "placement_follow_ups"."outcome" in ('working', 'working_fewer_hours', 'working_elsewhere', 'dropped_out')),
	CONSTRAINT "placement_follow_ups_dropout_check" CHECK (("placement_follow_ups"."outcome" = 'dropped_out') = ("placement_follow_ups"."dropout_reason" is not null))
);
--> statement-breakpoint
CREATE TABLE "placements" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"candidate_id" uuid NOT NULL,
	"vacancy_id" uuid NOT NULL,
	"employer_id" uuid NOT NULL,
	"shortlist_candidate_id" uuid,
	"start_date" date NOT NULL,
	"hours_per_week" integer NOT NULL,
	"contract_type" text NOT NULL,
	"contract_months" integer,
	"instruments_used" jsonb NOT NULL,
	"status" text NOT NULL,
	"ended_on" date,
	"end_reason" text,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "placements_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "placements_status_check" CHECK ("placements"."status" in ('active', 'ended')),
	CONSTRAINT "placements_hours_check" CHECK ("placements"."hours_per_week" between 1 and 48)
);
--> statement-breakpoint
CREATE TABLE "shortlist_candidates" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"shortlist_id" uuid NOT NULL,
	"candidate_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"source" text NOT NULL,
	"match_run_id" uuid,
	"match_total" double precision,
	"pitch_strengths" text,
	"pitch_support" text,
	"pitch_start_plan" text,
	"approved_by" uuid,
	"approved_at" timestamp with time zone,
	"shared_at" timestamp with time zone,
	"employer_view" jsonb,
	"instruments" jsonb,
	"removed_at" timestamp with time zone,
	"removed_reason" text,
	"identity_disclosed" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "shortlist_candidates_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "shortlist_candidates_source_check" CHECK ("shortlist_candidates"."source" in ('ranking', 'manual')),
	CONSTRAINT "shortlist_candidates_approval_check" CHECK (("shortlist_candidates"."approved_by" is null) = ("shortlist_candidates"."approved_at" is null)),
	CONSTRAINT "shortlist_candidates_shared_needs_approval" CHECK ("shortlist_candidates"."shared_at" is null or "shortlist_candidates"."approved_at" is not null),
	CONSTRAINT "shortlist_candidates_removed_reason_check" CHECK ("shortlist_candidates"."removed_reason" is null or "shortlist_candidates"."removed_reason" in ('removed_by_staff', 'consent_withdrawn', 'candidate_unavailable'))
);
--> statement-breakpoint
CREATE TABLE "shortlists" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"vacancy_id" uuid NOT NULL,
	"employer_id" uuid NOT NULL,
	"status" text NOT NULL,
	"note_to_employer" text,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"sent_at" timestamp with time zone,
	"sent_by" uuid,
	CONSTRAINT "shortlists_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "shortlists_status_check" CHECK ("shortlists"."status" in ('draft', 'sent', 'closed'))
);
--> statement-breakpoint
ALTER TABLE "employer_feedback" ADD CONSTRAINT "employer_feedback_tenant_id_shortlist_candidate_id_shortlist_candidates_tenant_id_id_fk" FOREIGN KEY ("tenant_id","shortlist_candidate_id") REFERENCES "public"."shortlist_candidates"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "placement_follow_ups" ADD CONSTRAINT "placement_follow_ups_tenant_id_placement_id_placements_tenant_id_id_fk" FOREIGN KEY ("tenant_id","placement_id") REFERENCES "public"."placements"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "placements" ADD CONSTRAINT "placements_tenant_id_candidate_id_candidates_tenant_id_id_fk" FOREIGN KEY ("tenant_id","candidate_id") REFERENCES "public"."candidates"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "placements" ADD CONSTRAINT "placements_tenant_id_vacancy_id_vacancies_tenant_id_id_fk" FOREIGN KEY ("tenant_id","vacancy_id") REFERENCES "public"."vacancies"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "placements" ADD CONSTRAINT "placements_tenant_id_employer_id_employers_tenant_id_id_fk" FOREIGN KEY ("tenant_id","employer_id") REFERENCES "public"."employers"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "shortlist_candidates" ADD CONSTRAINT "shortlist_candidates_tenant_id_shortlist_id_shortlists_tenant_id_id_fk" FOREIGN KEY ("tenant_id","shortlist_id") REFERENCES "public"."shortlists"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "shortlist_candidates" ADD CONSTRAINT "shortlist_candidates_tenant_id_candidate_id_candidates_tenant_id_id_fk" FOREIGN KEY ("tenant_id","candidate_id") REFERENCES "public"."candidates"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "shortlists" ADD CONSTRAINT "shortlists_tenant_id_vacancy_id_vacancies_tenant_id_id_fk" FOREIGN KEY ("tenant_id","vacancy_id") REFERENCES "public"."vacancies"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "shortlists" ADD CONSTRAINT "shortlists_tenant_id_employer_id_employers_tenant_id_id_fk" FOREIGN KEY ("tenant_id","employer_id") REFERENCES "public"."employers"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "employer_feedback_entry_idx" ON "employer_feedback" USING btree ("tenant_id","shortlist_candidate_id","given_at");--> statement-breakpoint
CREATE UNIQUE INDEX "placement_follow_ups_mark_key" ON "placement_follow_ups" USING btree ("tenant_id","placement_id","month_mark");--> statement-breakpoint
CREATE INDEX "placement_follow_ups_due_idx" ON "placement_follow_ups" USING btree ("tenant_id","due_on");--> statement-breakpoint
CREATE INDEX "placements_employer_idx" ON "placements" USING btree ("tenant_id","employer_id");--> statement-breakpoint
CREATE INDEX "placements_candidate_idx" ON "placements" USING btree ("tenant_id","candidate_id");--> statement-breakpoint
CREATE UNIQUE INDEX "shortlist_candidates_unique_key" ON "shortlist_candidates" USING btree ("tenant_id","shortlist_id","candidate_id");--> statement-breakpoint
CREATE INDEX "shortlist_candidates_candidate_idx" ON "shortlist_candidates" USING btree ("tenant_id","candidate_id");--> statement-breakpoint
CREATE INDEX "shortlists_vacancy_idx" ON "shortlists" USING btree ("tenant_id","vacancy_id");--> statement-breakpoint
CREATE INDEX "shortlists_employer_idx" ON "shortlists" USING btree ("tenant_id","employer_id","status");