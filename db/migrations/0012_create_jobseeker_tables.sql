CREATE TABLE "discussed_vacancies" (
	"tenant_id" uuid NOT NULL,
	"candidate_id" uuid NOT NULL,
	"vacancy_id" uuid NOT NULL,
	"discussed_at" timestamp with time zone NOT NULL,
	"discussed_by" uuid NOT NULL,
	CONSTRAINT "discussed_vacancies_tenant_id_candidate_id_vacancy_id_pk" PRIMARY KEY("tenant_id","candidate_id","vacancy_id")
);
--> statement-breakpoint
CREATE TABLE "profile_change_proposals" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"candidate_id" uuid NOT NULL,
	"changes" jsonb NOT NULL,
	"note" text,
	"status" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"decided_at" timestamp with time zone,
	"decided_by" uuid,
	"decision_note" text,
	CONSTRAINT "profile_change_proposals_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "profile_change_proposals_status_check" CHECK ("profile_change_proposals"."status" in ('pending', 'accepted', 'rejected')),
	CONSTRAINT "profile_change_proposals_decision_check" CHECK (("profile_change_proposals"."status" = 'pending') = ("profile_change_proposals"."decided_at" is null))
);
--> statement-breakpoint
ALTER TABLE "discussed_vacancies" ADD CONSTRAINT "discussed_vacancies_tenant_id_candidate_id_candidates_tenant_id_id_fk" FOREIGN KEY ("tenant_id","candidate_id") REFERENCES "public"."candidates"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "discussed_vacancies" ADD CONSTRAINT "discussed_vacancies_tenant_id_vacancy_id_vacancies_tenant_id_id_fk" FOREIGN KEY ("tenant_id","vacancy_id") REFERENCES "public"."vacancies"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "discussed_vacancies" ADD CONSTRAINT "discussed_vacancies_tenant_id_discussed_by_users_tenant_id_id_fk" FOREIGN KEY ("tenant_id","discussed_by") REFERENCES "public"."users"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "profile_change_proposals" ADD CONSTRAINT "profile_change_proposals_tenant_id_candidate_id_candidates_tenant_id_id_fk" FOREIGN KEY ("tenant_id","candidate_id") REFERENCES "public"."candidates"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "profile_change_proposals" ADD CONSTRAINT "profile_change_proposals_tenant_id_decided_by_users_tenant_id_id_fk" FOREIGN KEY ("tenant_id","decided_by") REFERENCES "public"."users"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "profile_change_proposals_candidate_idx" ON "profile_change_proposals" USING btree ("tenant_id","candidate_id","status");