CREATE TABLE "digest_deliveries" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"subscription_id" uuid NOT NULL,
	"period_key" text NOT NULL,
	"status" text NOT NULL,
	"message_id" text,
	"attempts" integer DEFAULT 0 NOT NULL,
	"reserved_at" timestamp with time zone NOT NULL,
	"sent_at" timestamp with time zone,
	"last_error" text,
	"covered_until" timestamp with time zone NOT NULL,
	CONSTRAINT "digest_deliveries_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "digest_deliveries_status_check" CHECK ("digest_deliveries"."status" in ('reserved', 'sent', 'failed', 'skipped'))
);
--> statement-breakpoint
CREATE TABLE "digest_subscriptions" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"frequency" text NOT NULL,
	"weekday" integer,
	"hour" integer NOT NULL,
	"timezone" text DEFAULT 'Europe/Amsterdam' NOT NULL,
	"scope" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"lang" text DEFAULT 'nl' NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"unsubscribed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "digest_subscriptions_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "digest_subscriptions_frequency_check" CHECK ("digest_subscriptions"."frequency" in ('daily', 'weekly')),
	CONSTRAINT "digest_subscriptions_weekday_check" CHECK (("digest_subscriptions"."frequency" = 'weekly') = ("digest_subscriptions"."weekday" is not null) and ("digest_subscriptions"."weekday" is null or "digest_subscriptions"."weekday" between 1 and 7)),
	CONSTRAINT "digest_subscriptions_hour_check" CHECK ("digest_subscriptions"."hour" between 0 and 23),
	CONSTRAINT "digest_subscriptions_lang_check" CHECK ("digest_subscriptions"."lang" in ('nl', 'en'))
);
--> statement-breakpoint
CREATE TABLE "email_suppressions" (
	"tenant_id" uuid NOT NULL,
	"email_hash" text NOT NULL,
	"reason" text NOT NULL,
	"at" timestamp with time zone NOT NULL,
	CONSTRAINT "email_suppressions_tenant_id_email_hash_pk" PRIMARY KEY("tenant_id","email_hash"),
	CONSTRAINT "email_suppressions_reason_check" CHECK ("email_suppressions"."reason" in ('hard_bounce', 'complaint', 'manual'))
);
--> statement-breakpoint
CREATE TABLE "erasure_ledger" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"candidate_id" uuid NOT NULL,
	"candidate_hash" text NOT NULL,
	"erased_at" timestamp with time zone NOT NULL,
	"erased_by" uuid NOT NULL,
	"reason" text NOT NULL,
	"receipt" jsonb NOT NULL,
	CONSTRAINT "erasure_ledger_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "mail_log" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"kind" text NOT NULL,
	"recipient" text,
	"recipient_hash" text NOT NULL,
	"subject" text NOT NULL,
	"message_id" text,
	"candidate_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"tombstone_hashes" text[] DEFAULT '{}'::text[] NOT NULL,
	"sent_at" timestamp with time zone NOT NULL,
	CONSTRAINT "mail_log_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
ALTER TABLE "digest_deliveries" ADD CONSTRAINT "digest_deliveries_tenant_id_subscription_id_digest_subscriptions_tenant_id_id_fk" FOREIGN KEY ("tenant_id","subscription_id") REFERENCES "public"."digest_subscriptions"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "digest_subscriptions" ADD CONSTRAINT "digest_subscriptions_tenant_id_user_id_users_tenant_id_id_fk" FOREIGN KEY ("tenant_id","user_id") REFERENCES "public"."users"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "digest_deliveries_period_key" ON "digest_deliveries" USING btree ("tenant_id","subscription_id","period_key");--> statement-breakpoint
CREATE INDEX "digest_subscriptions_user_idx" ON "digest_subscriptions" USING btree ("tenant_id","user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "erasure_ledger_candidate_key" ON "erasure_ledger" USING btree ("tenant_id","candidate_id");--> statement-breakpoint
CREATE INDEX "mail_log_sent_idx" ON "mail_log" USING btree ("tenant_id","sent_at");--> statement-breakpoint
CREATE INDEX "mail_log_candidates_idx" ON "mail_log" USING gin ("candidate_ids");