CREATE TABLE "candidate_households" (
	"tenant_id" uuid NOT NULL,
	"candidate_id" uuid NOT NULL,
	"situation" text NOT NULL,
	"cost_sharers" integer NOT NULL,
	"age_group" text NOT NULL,
	"partner_net_monthly_income_cents" integer NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"updated_by" uuid NOT NULL,
	CONSTRAINT "candidate_households_tenant_id_candidate_id_pk" PRIMARY KEY("tenant_id","candidate_id"),
	CONSTRAINT "candidate_households_situation_check" CHECK ("candidate_households"."situation" in ('single', 'single_parent', 'partners')),
	CONSTRAINT "candidate_households_age_group_check" CHECK ("candidate_households"."age_group" in ('21_to_26', '27_to_pension_age')),
	CONSTRAINT "candidate_households_cost_sharers_check" CHECK ("candidate_households"."cost_sharers" between 0 and 9),
	CONSTRAINT "candidate_households_partner_income_check" CHECK ("candidate_households"."partner_net_monthly_income_cents" between 0 and 2000000 and ("candidate_households"."situation" = 'partners' or "candidate_households"."partner_net_monthly_income_cents" = 0))
);
--> statement-breakpoint
CREATE TABLE "income_rule_sets" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"valid_from" date NOT NULL,
	"version" integer NOT NULL,
	"rules" jsonb NOT NULL,
	"reason" text NOT NULL,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "income_rule_sets_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "income_rule_sets_period_check" CHECK (extract(day from "income_rule_sets"."valid_from") = 1 and extract(month from "income_rule_sets"."valid_from") in (1, 7)),
	CONSTRAINT "income_rule_sets_version_check" CHECK ("income_rule_sets"."version" >= 1)
);
--> statement-breakpoint
ALTER TABLE "candidate_households" ADD CONSTRAINT "candidate_households_tenant_id_candidate_id_candidates_tenant_id_id_fk" FOREIGN KEY ("tenant_id","candidate_id") REFERENCES "public"."candidates"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "income_rule_sets" ADD CONSTRAINT "income_rule_sets_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "income_rule_sets" ADD CONSTRAINT "income_rule_sets_tenant_id_created_by_users_tenant_id_id_fk" FOREIGN KEY ("tenant_id","created_by") REFERENCES "public"."users"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "income_rule_sets_period_version_key" ON "income_rule_sets" USING btree ("tenant_id","valid_from","version");--> statement-breakpoint
-- Rule sets are versioned: a change is a new version, an old version is never altered or removed,
-- so that every calculation can name the exact figures it used (issue 17, point 2).
CREATE TRIGGER income_rule_sets_append_only
  BEFORE UPDATE OR DELETE ON income_rule_sets
  FOR EACH ROW EXECUTE FUNCTION refuse_change_append_only();
