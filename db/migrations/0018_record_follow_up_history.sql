CREATE TABLE "placement_follow_up_entries" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"placement_id" uuid NOT NULL,
	"month_mark" integer NOT NULL,
	"outcome" text NOT NULL,
	"dropout_reason" text,
	"ended_on" date,
	"note" text,
	"corrects_id" uuid,
	"recorded_by" uuid NOT NULL,
	"recorded_at" timestamp with time zone NOT NULL,
	CONSTRAINT "placement_follow_up_entries_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "placement_follow_up_entries_mark_check" CHECK ("placement_follow_up_entries"."month_mark" in (1, 3, 6)),
	CONSTRAINT "placement_follow_up_entries_outcome_check" CHECK ("placement_follow_up_entries"."outcome" in ('working', 'working_fewer_hours', 'working_elsewhere', 'dropped_out')),
	CONSTRAINT "placement_follow_up_entries_dropout_check" CHECK (("placement_follow_up_entries"."outcome" = 'dropped_out') = ("placement_follow_up_entries"."dropout_reason" is not null))
);
--> statement-breakpoint
ALTER TABLE "placement_follow_up_entries" ADD CONSTRAINT "placement_follow_up_entries_tenant_id_placement_id_placements_tenant_id_id_fk" FOREIGN KEY ("tenant_id","placement_id") REFERENCES "public"."placements"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "placement_follow_up_entries_placement_idx" ON "placement_follow_up_entries" USING btree ("tenant_id","placement_id","month_mark","recorded_at");--> statement-breakpoint
-- Follow-up outcomes are a history: no entry is changed afterwards (a correction is a new entry).
-- Deletes stay possible: erasure removes a person's placements with their entries (cascade).
CREATE TRIGGER placement_follow_up_entries_no_update
  BEFORE UPDATE ON placement_follow_up_entries
  FOR EACH ROW EXECUTE FUNCTION refuse_change_append_only();
