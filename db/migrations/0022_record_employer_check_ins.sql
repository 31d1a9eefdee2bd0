CREATE TABLE "placement_check_ins" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"placement_id" uuid NOT NULL,
	"month_mark" integer NOT NULL,
	"going_well" text NOT NULL,
	"needs_something" boolean NOT NULL,
	"note" text,
	"given_by" uuid NOT NULL,
	"given_at" timestamp with time zone NOT NULL,
	CONSTRAINT "placement_check_ins_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "placement_check_ins_mark_check" CHECK ("placement_check_ins"."month_mark" in (1, 3, 6)),
	CONSTRAINT "placement_check_ins_going_well_check" CHECK ("placement_check_ins"."going_well" in ('yes', 'partly', 'no'))
);
--> statement-breakpoint
ALTER TABLE "placement_check_ins" ADD CONSTRAINT "placement_check_ins_tenant_id_placement_id_placements_tenant_id_id_fk" FOREIGN KEY ("tenant_id","placement_id") REFERENCES "public"."placements"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "placement_check_ins_mark_key" ON "placement_check_ins" USING btree ("tenant_id","placement_id","month_mark");