CREATE TABLE "tenant_concept_labels" (
	"tenant_id" uuid NOT NULL,
	"concept_uri" text NOT NULL,
	"label" text,
	"synonyms" text[] DEFAULT '{}'::text[] NOT NULL,
	"updated_by" uuid NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "tenant_concept_labels_tenant_id_concept_uri_pk" PRIMARY KEY("tenant_id","concept_uri"),
	CONSTRAINT "tenant_concept_labels_not_empty_check" CHECK ("tenant_concept_labels"."label" is not null or cardinality("tenant_concept_labels"."synonyms") > 0)
);
--> statement-breakpoint
ALTER TABLE "tenant_concept_labels" ADD CONSTRAINT "tenant_concept_labels_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tenant_concept_labels" ADD CONSTRAINT "tenant_concept_labels_tenant_id_updated_by_users_tenant_id_id_fk" FOREIGN KEY ("tenant_id","updated_by") REFERENCES "public"."users"("tenant_id","id") ON DELETE no action ON UPDATE no action;