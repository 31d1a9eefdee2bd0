CREATE TABLE "api_tokens" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"token_hash" text NOT NULL,
	"prefix" text NOT NULL,
	"label" text NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"revoked_at" timestamp with time zone,
	"last_used_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "api_tokens_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "api_tokens_token_hash_unique" UNIQUE("token_hash")
);
--> statement-breakpoint
CREATE TABLE "tenants" (
	"id" uuid PRIMARY KEY NOT NULL,
	"slug" text NOT NULL,
	"name" text NOT NULL,
	"settings" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "tenants_slug_unique" UNIQUE("slug")
);
--> statement-breakpoint
CREATE TABLE "users" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"email" text NOT NULL,
	"name" text NOT NULL,
	"role" text NOT NULL,
	"employer_id" uuid,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "users_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "users_role_check" CHECK ("users"."role" in ('account_manager', 'employer_relations', 'admin', 'employer')),
	CONSTRAINT "users_employer_binding_check" CHECK (("users"."role" = 'employer') = ("users"."employer_id" is not null))
);
--> statement-breakpoint
CREATE TABLE "employer_locations" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"employer_id" uuid NOT NULL,
	"name" text NOT NULL,
	"street" text,
	"house_number" text,
	"postcode4" text NOT NULL,
	"postcode_letters" text,
	"city" text NOT NULL,
	"latitude" double precision NOT NULL,
	"longitude" double precision NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "employer_locations_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "employer_locations_pc4_check" CHECK ("employer_locations"."postcode4" ~ '^[1-9][0-9]{3}$')
);
--> statement-breakpoint
CREATE TABLE "employers" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"name" text NOT NULL,
	"kvk_number" text,
	"sector" text NOT NULL,
	"description" text,
	"website" text,
	"contacts" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "employers_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "vacancies" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"employer_id" uuid NOT NULL,
	"location_id" uuid NOT NULL,
	"title" text NOT NULL,
	"occupation_uri" text,
	"description" text,
	"hours_min" integer NOT NULL,
	"hours_max" integer NOT NULL,
	"ramp_up_from_hours" integer,
	"shift_pattern" jsonb NOT NULL,
	"day_parts" text[] NOT NULL,
	"weekend_work" boolean NOT NULL,
	"night_work" boolean NOT NULL,
	"contract_type" text NOT NULL,
	"start_date" date,
	"positions" integer NOT NULL,
	"competencies" jsonb NOT NULL,
	"training_offered" jsonb NOT NULL,
	"support_offered" text[] NOT NULL,
	"required_credentials" jsonb NOT NULL,
	"status" text NOT NULL,
	"growth_plan_role_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "vacancies_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "vacancies_status_check" CHECK ("vacancies"."status" in ('draft', 'open', 'filled', 'closed')),
	CONSTRAINT "vacancies_hours_check" CHECK ("vacancies"."hours_min" between 1 and 48 and "vacancies"."hours_max" between "vacancies"."hours_min" and 48),
	CONSTRAINT "vacancies_ramp_up_check" CHECK ("vacancies"."ramp_up_from_hours" is null or "vacancies"."ramp_up_from_hours" < "vacancies"."hours_min"),
	CONSTRAINT "vacancies_positions_check" CHECK ("vacancies"."positions" >= 1)
);
--> statement-breakpoint
CREATE TABLE "growth_plan_roles" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"growth_plan_id" uuid NOT NULL,
	"title" text NOT NULL,
	"occupation_uri" text,
	"headcount" integer NOT NULL,
	"expected_date" date NOT NULL,
	"hours_min" integer NOT NULL,
	"hours_max" integer NOT NULL,
	"shift_pattern" jsonb NOT NULL,
	"competencies" jsonb NOT NULL,
	"training_lead_time_weeks" integer NOT NULL,
	"contract_type" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "growth_plan_roles_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "growth_plan_roles_headcount_check" CHECK ("growth_plan_roles"."headcount" >= 1)
);
--> statement-breakpoint
CREATE TABLE "growth_plans" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"employer_id" uuid NOT NULL,
	"location_id" uuid,
	"name" text NOT NULL,
	"description" text,
	"status" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "growth_plans_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "growth_plans_status_check" CHECK ("growth_plans"."status" in ('planned', 'in_progress', 'done', 'cancelled'))
);
--> statement-breakpoint
CREATE TABLE "audit_log" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"actor_user_id" uuid,
	"action" text NOT NULL,
	"subject_type" text NOT NULL,
	"subject_id" uuid,
	"reason" text,
	"details" jsonb DEFAULT '{}'::jsonb NOT NULL,
	CONSTRAINT "audit_log_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "idempotency_keys" (
	"tenant_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"key" text NOT NULL,
	"method" text NOT NULL,
	"path" text NOT NULL,
	"request_hash" text NOT NULL,
	"status_code" integer NOT NULL,
	"response_body" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "idempotency_keys_tenant_id_user_id_key_pk" PRIMARY KEY("tenant_id","user_id","key")
);
--> statement-breakpoint
CREATE TABLE "postcode_areas" (
	"postcode4" text PRIMARY KEY NOT NULL,
	"place" text NOT NULL,
	"municipality" text NOT NULL,
	"latitude" double precision NOT NULL,
	"longitude" double precision NOT NULL,
	"source" text NOT NULL
);
--> statement-breakpoint
ALTER TABLE "api_tokens" ADD CONSTRAINT "api_tokens_tenant_id_user_id_users_tenant_id_id_fk" FOREIGN KEY ("tenant_id","user_id") REFERENCES "public"."users"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_tenant_id_employer_id_employers_tenant_id_id_fk" FOREIGN KEY ("tenant_id","employer_id") REFERENCES "public"."employers"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "employer_locations" ADD CONSTRAINT "employer_locations_tenant_id_employer_id_employers_tenant_id_id_fk" FOREIGN KEY ("tenant_id","employer_id") REFERENCES "public"."employers"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "employers" ADD CONSTRAINT "employers_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vacancies" ADD CONSTRAINT "vacancies_tenant_id_employer_id_employers_tenant_id_id_fk" FOREIGN KEY ("tenant_id","employer_id") REFERENCES "public"."employers"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vacancies" ADD CONSTRAINT "vacancies_tenant_id_location_id_employer_locations_tenant_id_id_fk" FOREIGN KEY ("tenant_id","location_id") REFERENCES "public"."employer_locations"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vacancies" ADD CONSTRAINT "vacancies_tenant_id_growth_plan_role_id_growth_plan_roles_tenant_id_id_fk" FOREIGN KEY ("tenant_id","growth_plan_role_id") REFERENCES "public"."growth_plan_roles"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "growth_plan_roles" ADD CONSTRAINT "growth_plan_roles_tenant_id_growth_plan_id_growth_plans_tenant_id_id_fk" FOREIGN KEY ("tenant_id","growth_plan_id") REFERENCES "public"."growth_plans"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "growth_plans" ADD CONSTRAINT "growth_plans_tenant_id_employer_id_employers_tenant_id_id_fk" FOREIGN KEY ("tenant_id","employer_id") REFERENCES "public"."employers"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "growth_plans" ADD CONSTRAINT "growth_plans_tenant_id_location_id_employer_locations_tenant_id_id_fk" FOREIGN KEY ("tenant_id","location_id") REFERENCES "public"."employer_locations"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "api_tokens_user_idx" ON "api_tokens" USING btree ("tenant_id","user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "users_tenant_email_key" ON "users" USING btree ("tenant_id",lower("email"));--> statement-breakpoint
CREATE INDEX "employer_locations_employer_idx" ON "employer_locations" USING btree ("tenant_id","employer_id");--> statement-breakpoint
CREATE INDEX "employers_name_idx" ON "employers" USING btree ("tenant_id","name");--> statement-breakpoint
CREATE INDEX "vacancies_status_idx" ON "vacancies" USING btree ("tenant_id","status","id");--> statement-breakpoint
CREATE INDEX "vacancies_employer_idx" ON "vacancies" USING btree ("tenant_id","employer_id","id");--> statement-breakpoint
CREATE UNIQUE INDEX "vacancies_growth_plan_role_key" ON "vacancies" USING btree ("tenant_id","growth_plan_role_id");--> statement-breakpoint
CREATE INDEX "growth_plan_roles_plan_idx" ON "growth_plan_roles" USING btree ("tenant_id","growth_plan_id");--> statement-breakpoint
CREATE INDEX "growth_plans_employer_idx" ON "growth_plans" USING btree ("tenant_id","employer_id");--> statement-breakpoint
CREATE INDEX "audit_log_subject_idx" ON "audit_log" USING btree ("tenant_id","subject_type","subject_id");--> statement-breakpoint
CREATE INDEX "audit_log_at_idx" ON "audit_log" USING btree ("tenant_id","at");--> statement-breakpoint
CREATE INDEX "idempotency_keys_created_idx" ON "idempotency_keys" USING btree ("created_at");